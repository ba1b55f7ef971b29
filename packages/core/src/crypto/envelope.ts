import { createCipheriv, createDecipheriv } from "node:crypto";
import type { SealedText } from "../ports/store-rows.js";
import { randomPool } from "./random-pool.js";

// Envelope encryption: each person has a random data key (AES-256) that seals
// their fields; the data key is stored only wrapped (AES-256-GCM) by a
// key-encryption key from the KeyProvider. Deleting the wrapped data key makes
// every sealed copy unreadable (crypto-shredding).
//
// Both layers use AES-256-GCM with a fresh random 96-bit IV and a 128-bit tag.
// IVs are drawn from a pool filled a block at a time (one call into the CSPRNG
// per 512 IVs), since one call per IV costs about a third of a seal. With random
// IVs one key should seal fewer than 2^32 values (NIST SP 800-38D §8.3): far more
// than the fields of one person, or the data keys one KEK wraps between rotations.

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES;
const ALGORITHM = "aes-256-gcm";
const PREFIX = "tj1";

const ivs = randomPool(IV_BYTES * 512);
const freshIv = (): Buffer => {
  const view = ivs.take(IV_BYTES);
  return Buffer.from(view.buffer, view.byteOffset, IV_BYTES);
};

// Data keys come from a pool of their own (a block of 32 keys at a time), so that
// nothing else ever sees bytes next to a key.
const dataKeys = randomPool(KEY_BYTES * 32);

const isKey = (key: unknown): key is Uint8Array => key instanceof Uint8Array && key.length === KEY_BYTES;

const requireKey = (key: Uint8Array, zhName: string, enName: string): void => {
  if (!isKey(key)) throw new RangeError(`${zhName}必须是 ${KEY_BYTES} 字节 / ${enName} must be ${KEY_BYTES} bytes`);
};

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * The bytes of unpadded base64url text, or undefined unless the text is the one
 * canonical encoding of its bytes (Node's decoder ignores stray characters and
 * the unused low bits of the last character; a tampered text must not pass).
 */
const fromBase64url = (text: string): Buffer | undefined => {
  const rest = text.length % 4;
  if (rest === 1 || !BASE64URL.test(text)) return undefined;
  if (rest !== 0 && (ALPHABET.indexOf(text.charAt(text.length - 1)) & (rest === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  return Buffer.from(text, "base64url");
};

/**
 * A fresh random data key: 32 bytes for AES-256, from node:crypto's CSPRNG (drawn
 * a block of keys at a time, each wiped from the block as it is handed out).
 *
 * @example
 * ```ts
 * import { newDataKey } from "@tiaojie/core";
 *
 * const dataKey = newDataKey(); // Uint8Array(32)
 * ```
 * @since 0.3.0
 */
export const newDataKey = (): Uint8Array => {
  const view = dataKeys.take(KEY_BYTES);
  const key = Uint8Array.from(view);
  // A key drawn is wiped from the pool: no copy of it stays behind in memory.
  view.fill(0);
  return key;
};

/**
 * Wraps (encrypts) a data key with a key-encryption key, AES-256-GCM, binding
 * `context` (the person's id, as UTF-8) as additional authenticated data: the
 * wrapped key unwraps only with the same context, so a wrapped key copied to
 * another person's row is refused.
 *
 * @param dataKey - the data key, 32 bytes
 * @param kek - the key-encryption key, 32 bytes
 * @param context - what the wrapped key belongs to (the person id)
 * @returns base64url (unpadded) of iv (12 bytes) ‖ ciphertext (32) ‖ tag (16): 80 characters
 * @throws RangeError when a key is not 32 bytes (a programming error)
 * @example
 * ```ts
 * import { newDataKey, unwrapDataKey, wrapDataKey } from "@tiaojie/core";
 *
 * const wrapped = wrapDataKey(newDataKey(), kek, "person-1");
 * unwrapDataKey(wrapped, kek, "person-1"); // the data key
 * unwrapDataKey(wrapped, kek, "person-2"); // undefined
 * ```
 * @since 0.3.0
 */
export const wrapDataKey = (dataKey: Uint8Array, kek: Uint8Array, context: string): string => {
  requireKey(dataKey, "数据密钥", "the data key");
  requireKey(kek, "密钥加密密钥", "the key-encryption key");
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = cipher.update(dataKey);
  cipher.final();
  return Buffer.concat([iv, body, cipher.getAuthTag()], WRAPPED_BYTES).toString("base64url");
};

/**
 * Unwraps a data key wrapped by {@link wrapDataKey}. Total: it never throws, and
 * returns `undefined` when the text is malformed, the key-encryption key is wrong
 * (or not 32 bytes), the context differs, or any character was changed.
 *
 * @param wrapped - the text {@link wrapDataKey} returned
 * @param kek - the key-encryption key it was wrapped with
 * @param context - the context it was wrapped with (the person id)
 * @returns the data key (a fresh 32-byte array), or `undefined`
 * @example
 * ```ts
 * import { unwrapDataKey } from "@tiaojie/core";
 *
 * const dataKey = unwrapDataKey(row.wrapped, keys.keyEncryptionKey(row.kekId)!, row.id);
 * if (dataKey === undefined) throw new Error("unreadable data key");
 * ```
 * @since 0.3.0
 */
export const unwrapDataKey = (wrapped: string, kek: Uint8Array, context: string): Uint8Array | undefined => {
  if (typeof wrapped !== "string" || typeof context !== "string" || !isKey(kek)) return undefined;
  const bytes = fromBase64url(wrapped);
  if (bytes === undefined || bytes.length !== WRAPPED_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, kek, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(bytes.subarray(IV_BYTES + KEY_BYTES));
    decipher.setAAD(Buffer.from(context, "utf8"));
    const key = decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + KEY_BYTES));
    decipher.final();
    // A plain array of its own (not a view into a shared buffer).
    return Uint8Array.from(key);
  } catch {
    return undefined;
  }
};

/**
 * Seals a JSON value under a data key: `JSON.stringify`, then AES-256-GCM with a
 * fresh random IV. The result is text
 * `tj1.<keyRef>.<iv>.<ciphertext>.<tag>`, every part unpadded base64url (the
 * key reference as UTF-8). `tj1.<keyRef>` is bound as additional authenticated
 * data, so a sealed text whose key reference is replaced (moved to another
 * person) no longer opens. The text reveals the key reference and the length of
 * the JSON, nothing else.
 *
 * @param value - any value `JSON.stringify` accepts; it is read as JSON (so a
 *   `Date` becomes its ISO string, `undefined` properties are dropped, −0 becomes 0)
 * @param dataKey - the data key, 32 bytes
 * @param keyRef - which data key sealed it (the person id); a well-formed string
 * @returns the sealed text
 * @throws TypeError when the value has no JSON text (`undefined`, a function, a
 *   BigInt, a cycle); RangeError when the data key is not 32 bytes
 * @example
 * ```ts
 * import { newDataKey, openJson, sealJson } from "@tiaojie/core";
 *
 * const dataKey = newDataKey();
 * const sealed = sealJson({ identityNumber: "11010519491231002X" }, dataKey, "person-1");
 * // "tj1.cGVyc29uLTE.<iv>.<ciphertext>.<tag>"
 * openJson(sealed, dataKey); // { identityNumber: "11010519491231002X" }
 * ```
 * @since 0.3.0
 */
export const sealJson = (value: unknown, dataKey: Uint8Array, keyRef: string): SealedText => {
  requireKey(dataKey, "数据密钥", "the data key");
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError("该值无法表示为 JSON，不能加密 / the value has no JSON text and cannot be sealed");
  const header = `${PREFIX}.${Buffer.from(keyRef, "utf8").toString("base64url")}`;
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(header, "latin1"));
  const body = cipher.update(json, "utf8");
  cipher.final();
  return `${header}.${iv.toString("base64url")}.${body.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
};

interface SealedParts {
  readonly header: string;
  readonly keyRef: Buffer;
  readonly iv: Buffer;
  readonly body: Buffer;
  readonly tag: Buffer;
}

const parseSealed = (sealed: unknown): SealedParts | undefined => {
  if (typeof sealed !== "string") return undefined;
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== PREFIX) return undefined;
  const [, refText, ivText, bodyText, tagText] = parts as [string, string, string, string, string];
  const keyRef = fromBase64url(refText);
  const iv = fromBase64url(ivText);
  const tag = fromBase64url(tagText);
  if (keyRef === undefined || iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES) return undefined;
  const body = fromBase64url(bodyText);
  if (body === undefined) return undefined;
  return { header: `${PREFIX}.${refText}`, keyRef, iv, body, tag };
};

/**
 * Opens a text sealed by {@link sealJson} and parses its JSON. Total: it never
 * throws, and returns `undefined` when the text is malformed, the data key is
 * wrong (or not 32 bytes), or any character of it was changed, its key reference
 * included.
 *
 * @param sealed - the sealed text
 * @param dataKey - the data key it was sealed with
 * @returns the JSON value, or `undefined`
 * @example
 * ```ts
 * import { openJson } from "@tiaojie/core";
 *
 * const fields = openJson(row.sealed, dataKey) as { identityNumber?: string } | undefined;
 * ```
 * @since 0.3.0
 */
export const openJson = (sealed: SealedText, dataKey: Uint8Array): unknown | undefined => {
  if (!isKey(dataKey)) return undefined;
  const parts = parseSealed(sealed);
  if (parts === undefined) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, dataKey, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(parts.tag);
    decipher.setAAD(Buffer.from(parts.header, "latin1"));
    const json = decipher.update(parts.body);
    decipher.final();
    return JSON.parse(json.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The key reference of a sealed text (the person id whose data key sealed it), or
 * `undefined` when the text is not a well-formed sealed text. It does not check
 * the seal: it says which key to try, and {@link openJson} then checks that the
 * reference was not changed.
 *
 * @param sealed - the sealed text
 * @returns the key reference, decoded
 * @example
 * ```ts
 * import { newDataKey, sealJson, sealedKeyRef } from "@tiaojie/core";
 *
 * sealedKeyRef(sealJson({ contact: "13800000000" }, newDataKey(), "person-1")); // "person-1"
 * sealedKeyRef("not sealed"); // undefined
 * ```
 * @since 0.3.0
 */
export const sealedKeyRef = (sealed: SealedText): string | undefined => {
  const parts = parseSealed(sealed);
  if (parts === undefined) return undefined;
  try {
    return utf8.decode(parts.keyRef);
  } catch {
    return undefined;
  }
};
