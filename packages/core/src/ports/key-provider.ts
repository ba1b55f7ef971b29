/**
 * Where the ledger service gets its keys. The service never stores a key it gets
 * here; it stores only key ids and what the keys wrapped or signed.
 *
 * - Key-encryption keys (KEKs) wrap each person's data key (envelope encryption,
 *   AES-256-GCM). `currentKeyId` names the KEK new data keys are wrapped with;
 *   `keyEncryptionKey(id)` MUST return every KEK still named by a stored wrapped
 *   key, so old data stays readable after a rotation until `rotateKeys()` has
 *   re-wrapped it.
 * - The blind-index key is the HMAC-SHA-256 key that makes identity numbers
 *   findable by exact match. It MUST stay the same for the life of the ledger
 *   (changing it makes every stored index unfindable).
 * - The checkpoint signing key (Ed25519) signs the audit chains' heads; it is
 *   optional: without it `auditCheckpoint()` refuses.
 *
 * Keys are raw bytes: 32 for a KEK and for the blind-index key. A provider backed
 * by a key-management service fetches them once and keeps them in memory.
 *
 * @example
 * ```ts
 * const keys = staticKeyProvider({
 *   keyEncryptionKeys: { "kek-2025": kekBytes },
 *   currentKeyId: "kek-2025",
 *   blindIndexKey: indexKeyBytes,
 * });
 * ```
 * @since 0.3.0
 */
export interface KeyProvider {
  readonly currentKeyId: string;
  /** The KEK with this id (32 bytes), or `undefined` when the provider has none by that id. */
  readonly keyEncryptionKey: (id: string) => Uint8Array | undefined;
  /** The HMAC key of the identity-number blind index (32 bytes). */
  readonly blindIndexKey: Uint8Array;
  /**
   * The key that signs audit checkpoints.
   * @default absent: `auditCheckpoint()` returns `SigningKeyMissing`
   */
  readonly checkpointSigner?: CheckpointSigner;
}

/**
 * An Ed25519 signing key and the name it is known by (the key name of the
 * checkpoint's signature line). `privateKey` is PKCS#8 PEM text.
 *
 * @example
 * ```ts
 * const signer: CheckpointSigner = { keyName: "zixi-2025", privateKey: pem };
 * ```
 * @since 0.3.0
 */
export interface CheckpointSigner {
  readonly keyName: string;
  readonly privateKey: string;
}
