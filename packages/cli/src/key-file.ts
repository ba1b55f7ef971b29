import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { type KeyProvider, staticKeyProvider } from "@tiaojie/core";
import { CliError, ExitCode } from "./cli-io.js";

/**
 * The key file `tiaojie init` writes (mode 0600, beside the configuration, to be
 * kept out of backups of the ledger): the key-encryption keys and the
 * blind-index key in base64, the checkpoint signing key as PKCS#8 PEM, and its
 * public key, which whoever verifies a checkpoint needs.
 * @since 0.6.0
 */
export interface KeyFile {
  readonly version: 1;
  readonly keyEncryptionKeys: Readonly<Record<string, string>>;
  readonly currentKeyId: string;
  readonly blindIndexKey: string;
  readonly checkpointSigner: { readonly keyName: string; readonly privateKey: string };
  readonly checkpointPublicKey: string;
}

/** New keys for a new ledger. */
export const newKeyFile = (keyName: string): KeyFile => {
  const pair = generateKeyPairSync("ed25519", { privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  return {
    version: 1,
    keyEncryptionKeys: { "kek-1": randomBytes(32).toString("base64") },
    currentKeyId: "kek-1",
    blindIndexKey: randomBytes(32).toString("base64"),
    checkpointSigner: { keyName, privateKey: pair.privateKey },
    checkpointPublicKey: pair.publicKey,
  };
};

/** Writes a key file readable by its owner only; an existing file is never replaced. */
export const writeKeyFile = async (file: string, keys: KeyFile): Promise<void> => {
  try {
    await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      throw new CliError({ zh: `密钥文件 ${file} 已存在，不会覆盖`, en: `the key file ${file} exists and is not overwritten` }, ExitCode.config);
    }
    throw e;
  }
};

const bytes = (file: string, name: string, b64: unknown): Uint8Array => {
  const raw = typeof b64 === "string" ? Buffer.from(b64, "base64") : Buffer.alloc(0);
  if (raw.length !== 32) throw new CliError({ zh: `密钥文件 ${file}：${name} 应是 32 字节的 base64`, en: `key file ${file}: ${name} must be 32 bytes in base64` }, ExitCode.config);
  return new Uint8Array(raw);
};

/**
 * Reads a key file into the ledger's key provider, and the public key that
 * verifies its checkpoints.
 * @since 0.6.0
 */
export const readKeyFile = async (file: string): Promise<{ readonly keys: KeyProvider; readonly checkpointPublicKey: string }> => {
  let json: Partial<KeyFile>;
  try {
    json = JSON.parse(await readFile(file, "utf8")) as Partial<KeyFile>;
  } catch {
    throw new CliError({ zh: `无法读取密钥文件 ${file}`, en: `cannot read the key file ${file}` }, ExitCode.config);
  }
  const keks: Record<string, Uint8Array> = {};
  for (const [id, value] of Object.entries(json.keyEncryptionKeys ?? {})) keks[id] = bytes(file, `keyEncryptionKeys.${id}`, value);
  try {
    const keys = staticKeyProvider({
      keyEncryptionKeys: keks,
      currentKeyId: json.currentKeyId ?? "",
      blindIndexKey: bytes(file, "blindIndexKey", json.blindIndexKey),
      ...(json.checkpointSigner === undefined ? {} : { checkpointSigner: json.checkpointSigner }),
    });
    return { keys, checkpointPublicKey: json.checkpointPublicKey ?? "" };
  } catch (e) {
    const [zh, en] = (e as Error).message.split(" / ");
    throw new CliError({ zh: `密钥文件 ${file}：${zh}`, en: `key file ${file}: ${en ?? zh}` }, ExitCode.config);
  }
};
