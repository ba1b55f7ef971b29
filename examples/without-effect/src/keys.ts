import { createPublicKey } from "node:crypto";
import { type KeyProvider, generateDevelopmentKeys, staticKeyProvider } from "@tiaojie/core";

/**
 * The ledger's keys and where they came from. A durable store needs the same
 * keys on every start: what they sealed is unreadable with any others.
 */
export interface LedgerKeys {
  readonly keys: KeyProvider;
  /** The public key (SPKI PEM) that verifies this ledger's audit checkpoints. */
  readonly checkpointPublicKey: string;
  /** `environment`: read from the variables below; `development`: fresh random keys, lost when the process ends. */
  readonly source: "environment" | "development";
}

/** The variables {@link keysFromEnvironment} reads. */
export const KEY_VARIABLES = {
  keyEncryptionKey: "TIAOJIE_KEK",
  blindIndexKey: "TIAOJIE_BLIND_INDEX_KEY",
  checkpointKey: "TIAOJIE_CHECKPOINT_KEY",
} as const;

const base64Key = (value: string, name: string): Uint8Array => {
  const bytes = Buffer.from(value, "base64");
  // staticKeyProvider checks the length again and says so in both languages.
  if (bytes.length === 0) throw new RangeError(`${name} 不是 base64 编码 / ${name} is not base64`);
  return new Uint8Array(bytes);
};

/**
 * The keys from the environment, as a host reads them from its secret store at
 * start-up: `TIAOJIE_KEK` and `TIAOJIE_BLIND_INDEX_KEY` (32 bytes each, base64)
 * and `TIAOJIE_CHECKPOINT_KEY` (an Ed25519 private key, PKCS#8 PEM), through
 * `staticKeyProvider`. When none is set, fresh development keys (fine for a demo
 * over a temporary file, never for a ledger kept past the process). Setting only
 * some of them is a start-up error.
 *
 * @example
 * ```ts
 * const { keys, source } = keysFromEnvironment(process.env);
 * ```
 */
export const keysFromEnvironment = (env: Readonly<Record<string, string | undefined>>): LedgerKeys => {
  const kek = env[KEY_VARIABLES.keyEncryptionKey];
  const index = env[KEY_VARIABLES.blindIndexKey];
  const pem = env[KEY_VARIABLES.checkpointKey];
  if (kek === undefined && index === undefined && pem === undefined) {
    return { ...generateDevelopmentKeys({ keyName: "example-dev" }), source: "development" };
  }
  if (kek === undefined || index === undefined || pem === undefined) {
    const names = Object.values(KEY_VARIABLES).join(", ");
    throw new RangeError(`密钥变量须全部设置或全部不设：${names} / set all of ${names}, or none`);
  }
  const keys = staticKeyProvider({
    keyEncryptionKeys: { "kek-1": base64Key(kek, KEY_VARIABLES.keyEncryptionKey) },
    currentKeyId: "kek-1",
    blindIndexKey: base64Key(index, KEY_VARIABLES.blindIndexKey),
    checkpointSigner: { keyName: "example-checkpoint", privateKey: pem },
  });
  const checkpointPublicKey = createPublicKey(pem).export({ type: "spki", format: "pem" }).toString();
  return { keys, checkpointPublicKey, source: "environment" };
};
