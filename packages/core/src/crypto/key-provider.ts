import { createPrivateKey, generateKeyPairSync, randomFillSync, timingSafeEqual } from "node:crypto";
import type { CheckpointSigner, KeyProvider } from "../ports/key-provider.js";

/** The length in bytes of every symmetric key of the ledger (AES-256 and the HMAC-SHA-256 key). */
const KEY_BYTES = 32;

const refuse = (zh: string, en: string): RangeError => new RangeError(`${zh} / ${en}`);

const isKey = (key: unknown): key is Uint8Array => key instanceof Uint8Array && key.length === KEY_BYTES;

const checkKey = (key: unknown, zhName: string, enName: string): Uint8Array => {
  if (!isKey(key)) {
    const zhGot = key instanceof Uint8Array ? `${key.length} 字节` : "不是 Uint8Array";
    const enGot = key instanceof Uint8Array ? `${key.length} bytes` : "not a Uint8Array";
    throw refuse(`${zhName}必须是 ${KEY_BYTES} 字节的 Uint8Array（实际：${zhGot}）`, `${enName} must be a Uint8Array of ${KEY_BYTES} bytes (got ${enGot})`);
  }
  // A copy: the caller's buffer may be reused or zeroed later.
  return Uint8Array.from(key);
};

const checkKeyId = (id: string, where: string): void => {
  if (id.length === 0) throw refuse(`${where}：密钥标识不能为空`, `${where}: a key id must not be empty`);
};

const checkSigner = (signer: CheckpointSigner): CheckpointSigner => {
  if (typeof signer.keyName !== "string" || signer.keyName.trim().length === 0) {
    throw refuse("检查点签名密钥的名称不能为空", "the checkpoint signer's keyName must not be empty");
  }
  // Checked as it is stored: the text the service will sign with.
  const pem = typeof signer.privateKey === "string" ? signer.privateKey : "";
  let type: string | undefined;
  if (pem.trimStart().startsWith("-----BEGIN PRIVATE KEY-----")) {
    try {
      type = createPrivateKey({ key: pem, format: "pem" }).asymmetricKeyType;
    } catch {
      type = undefined;
    }
  }
  if (type !== "ed25519") {
    throw refuse(
      "检查点签名密钥必须是 PKCS#8 PEM 格式（未加密）的 Ed25519 私钥",
      `the checkpoint signer's privateKey must be an Ed25519 private key as unencrypted PKCS#8 PEM${type ? ` (got a ${type} key)` : ""}`,
    );
  }
  return { keyName: signer.keyName, privateKey: signer.privateKey };
};

/**
 * Options of {@link staticKeyProvider}.
 *
 * @since 0.3.0
 */
export interface StaticKeyProviderOptions {
  /** Every key-encryption key (32 bytes each) by its id, the current one and all older ones still in use. */
  readonly keyEncryptionKeys: Readonly<Record<string, Uint8Array>>;
  /** The id (a key of `keyEncryptionKeys`) new data keys are wrapped with. */
  readonly currentKeyId: string;
  /** The HMAC-SHA-256 key of the identity-number blind index (32 bytes); never change it. */
  readonly blindIndexKey: Uint8Array;
  /**
   * The Ed25519 key that signs audit checkpoints.
   * @default absent: audit checkpoints are refused
   */
  readonly checkpointSigner?: CheckpointSigner;
}

/**
 * A {@link KeyProvider} holding the keys it is given, in memory: for keys read at
 * start-up from a secret store, the environment or a key-management service.
 *
 * It checks the configuration once, when it is made, and throws a `RangeError`
 * with a message in Chinese and English when it is wrong: a key that is not 32
 * bytes, an empty key id, a `currentKeyId` that is not among the keys, or a
 * checkpoint signer whose key is not an Ed25519 private key in unencrypted
 * PKCS#8 PEM. (A wrong configuration is a start-up failure, not a value to
 * handle.) It keeps copies of the keys, so the caller may zero its own buffers.
 *
 * @param options - the keys; see {@link StaticKeyProviderOptions}
 * @throws RangeError when the configuration is invalid
 * @example
 * ```ts
 * import { staticKeyProvider } from "@tiaojie/core";
 *
 * const keys = staticKeyProvider({
 *   keyEncryptionKeys: { "kek-2025": Buffer.from(process.env.TIAOJIE_KEK_2025!, "base64") },
 *   currentKeyId: "kek-2025",
 *   blindIndexKey: Buffer.from(process.env.TIAOJIE_INDEX_KEY!, "base64"),
 *   checkpointSigner: { keyName: "zixi-2025", privateKey: process.env.TIAOJIE_CHECKPOINT_PEM! },
 * });
 * ```
 * @since 0.3.0
 */
export const staticKeyProvider = (options: StaticKeyProviderOptions): KeyProvider => {
  const keks = new Map<string, Uint8Array>();
  for (const [id, key] of Object.entries(options.keyEncryptionKeys)) {
    checkKeyId(id, "keyEncryptionKeys");
    keks.set(id, checkKey(key, `密钥加密密钥“${id}”`, `the key-encryption key "${id}"`));
  }
  const current = options.currentKeyId;
  if (typeof current !== "string" || !keks.has(current)) {
    throw refuse(`当前密钥标识“${String(current)}”不在 keyEncryptionKeys 中`, `the currentKeyId "${String(current)}" is not among the keyEncryptionKeys`);
  }
  const blindIndexKey = checkKey(options.blindIndexKey, "盲索引密钥", "the blind-index key");
  const signer = options.checkpointSigner === undefined ? undefined : checkSigner(options.checkpointSigner);
  return {
    currentKeyId: current,
    keyEncryptionKey: (id) => keks.get(id),
    blindIndexKey,
    ...(signer === undefined ? {} : { checkpointSigner: signer }),
  };
};

/**
 * Options of {@link generateDevelopmentKeys}.
 *
 * @since 0.3.0
 */
export interface DevelopmentKeyOptions {
  /**
   * The id of the generated key-encryption key.
   * @default "dev-kek-1"
   */
  readonly keyId?: string;
  /**
   * The name of the generated checkpoint signing key.
   * @default "dev-checkpoint"
   */
  readonly keyName?: string;
}

/**
 * Fresh random keys for tests, demos and examples ONLY: a key-encryption key, a
 * blind-index key and an Ed25519 checkpoint key pair, made in memory and lost when
 * the process ends, so whatever they sealed becomes unreadable then. Production
 * keys come from a secret store through {@link staticKeyProvider} or your own
 * {@link KeyProvider}.
 *
 * @param options - the key id and key name to use
 * @returns the provider, and the checkpoint public key (SPKI PEM) that verifies its checkpoints
 * @example
 * ```ts
 * import { generateDevelopmentKeys } from "@tiaojie/core";
 *
 * const { keys, checkpointPublicKey } = generateDevelopmentKeys();
 * keys.currentKeyId; // "dev-kek-1"
 * checkpointPublicKey.startsWith("-----BEGIN PUBLIC KEY-----"); // true
 * ```
 * @since 0.3.0
 */
export const generateDevelopmentKeys = (
  options: DevelopmentKeyOptions = {},
): { readonly keys: KeyProvider; readonly checkpointPublicKey: string } => {
  const keyId = options.keyId ?? "dev-kek-1";
  const keyName = options.keyName ?? "dev-checkpoint";
  const pair = generateKeyPairSync("ed25519", {
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const keys = staticKeyProvider({
    keyEncryptionKeys: { [keyId]: randomFillSync(new Uint8Array(KEY_BYTES)) },
    currentKeyId: keyId,
    blindIndexKey: randomFillSync(new Uint8Array(KEY_BYTES)),
    checkpointSigner: { keyName, privateKey: pair.privateKey },
  });
  return { keys, checkpointPublicKey: pair.publicKey };
};

/**
 * The provider after a key rotation: `newKek` under `newKeyId` becomes the current
 * key-encryption key, and every key of `keys` stays available, so data keys
 * wrapped before the rotation stay readable until they are re-wrapped (see
 * {@link rewrapDataKey}). The blind-index key and the checkpoint signer are kept.
 *
 * Throws a `RangeError` (bilingual) when `newKek` is not 32 bytes, `newKeyId` is
 * empty, or `keys` already has a different key under `newKeyId` (reusing an id
 * for another key would make what the old one wrapped unreadable). Giving the
 * same key under its own id again just makes it current.
 *
 * @param keys - the provider before the rotation
 * @param newKeyId - the id of the new current key-encryption key
 * @param newKek - the new key-encryption key, 32 bytes
 * @throws RangeError when the new key or id is invalid
 * @example
 * ```ts
 * import { randomBytes } from "node:crypto";
 * import { generateDevelopmentKeys, withRotatedKey } from "@tiaojie/core";
 *
 * const { keys } = generateDevelopmentKeys({ keyId: "kek-2025" });
 * const rotated = withRotatedKey(keys, "kek-2026", randomBytes(32));
 * rotated.currentKeyId; // "kek-2026"
 * rotated.keyEncryptionKey("kek-2025") !== undefined; // true
 * ```
 * @since 0.3.0
 */
export const withRotatedKey = (keys: KeyProvider, newKeyId: string, newKek: Uint8Array): KeyProvider => {
  checkKeyId(newKeyId, "withRotatedKey");
  const kek = checkKey(newKek, `新的密钥加密密钥“${newKeyId}”`, `the new key-encryption key "${newKeyId}"`);
  const existing = keys.keyEncryptionKey(newKeyId);
  if (existing !== undefined && !(existing.length === kek.length && timingSafeEqual(existing, kek))) {
    throw refuse(`密钥标识“${newKeyId}”已用于另一个密钥，请使用新的标识`, `the key id "${newKeyId}" already names another key; use a new id`);
  }
  return {
    currentKeyId: newKeyId,
    keyEncryptionKey: (id) => (id === newKeyId ? kek : keys.keyEncryptionKey(id)),
    blindIndexKey: keys.blindIndexKey,
    ...(keys.checkpointSigner === undefined ? {} : { checkpointSigner: keys.checkpointSigner }),
  };
};
