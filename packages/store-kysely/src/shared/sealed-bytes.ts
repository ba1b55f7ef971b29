// Sealed values and wrapped keys are kept as binary columns. The service hands
// them over as text (`tj1.<key>.<iv>.<ciphertext>.<tag>` with base64url parts, and
// base64url for a wrapped key); the store packs the text into bytes without
// reading anything in it, and unpacks exactly the same text. A text that is not
// in the canonical form (any string the port allows) is kept as its UTF-8 bytes
// behind its own tag, so nothing the port accepts is refused or changed.

const RAW = 0;
const SEALED = 1;
const BASE64URL = 2;
const BASE64 = 3;

const encoder = new TextEncoder();
// `ignoreBOM`: a text that begins with U+FEFF keeps it (the decoder would drop it).
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const decodeExactly = (text: string, encoding: "base64url" | "base64"): Buffer | undefined => {
  const bytes = Buffer.from(text, encoding);
  return bytes.toString(encoding) === text ? bytes : undefined;
};

const tagged = (tag: number, ...parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = Buffer.allocUnsafe(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = tag;
  let at = 1;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const lengthOf = (n: number): Uint8Array => {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(n, 0);
  return b;
};

/**
 * Packs a sealed value's text into bytes: the key reference and the three
 * base64url parts decoded, each behind its length; any other text as UTF-8.
 *
 * @example
 * ```ts
 * unpackSealed(packSealed("tj1.k1.AAAA.BBBB.CCCC")); // "tj1.k1.AAAA.BBBB.CCCC"
 * ```
 * @since 0.4.0
 */
export const packSealed = (text: string): Uint8Array => {
  const parts = text.split(".");
  if (parts.length === 5 && parts[0] === "tj1") {
    const key = encoder.encode(parts[1]!);
    const decoded = parts.slice(2).map((p) => decodeExactly(p, "base64url"));
    if (decoded.every((d) => d !== undefined) && decoder.decode(key) === parts[1]) {
      const [iv, ct, tag] = decoded as ReadonlyArray<Buffer>;
      return tagged(SEALED, lengthOf(key.length), key, lengthOf(iv!.length), iv!, lengthOf(ct!.length), ct!, tag!);
    }
  }
  return tagged(RAW, encoder.encode(text));
};

/**
 * The text {@link packSealed} packed.
 *
 * @example
 * ```ts
 * unpackSealed(packSealed("not sealed at all")); // "not sealed at all"
 * ```
 * @since 0.4.0
 */
export const unpackSealed = (bytes: Uint8Array): string => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === SEALED) {
    let at = 1;
    const next = (): Buffer => {
      const n = b.readUInt32BE(at);
      const part = b.subarray(at + 4, at + 4 + n);
      at += 4 + n;
      return part;
    };
    const key = decoder.decode(next());
    const iv = next();
    const ct = next();
    const tag = b.subarray(at);
    return `tj1.${key}.${iv.toString("base64url")}.${ct.toString("base64url")}.${tag.toString("base64url")}`;
  }
  return unpackRaw(b);
};

/**
 * Packs a wrapped key's text: base64url (what the service writes) or base64
 * decoded to its bytes, any other text as UTF-8.
 *
 * @example
 * ```ts
 * unpackWrapped(packWrapped("q83v")); // "q83v"
 * ```
 * @since 0.4.0
 */
export const packWrapped = (text: string): Uint8Array => {
  const url = decodeExactly(text, "base64url");
  if (url !== undefined) return tagged(BASE64URL, url);
  const std = decodeExactly(text, "base64");
  if (std !== undefined) return tagged(BASE64, std);
  return tagged(RAW, encoder.encode(text));
};

/**
 * The text {@link packWrapped} packed.
 *
 * @example
 * ```ts
 * unpackWrapped(packWrapped("a+b/")); // "a+b/"
 * ```
 * @since 0.4.0
 */
export const unpackWrapped = (bytes: Uint8Array): string => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === BASE64URL) return b.subarray(1).toString("base64url");
  if (b[0] === BASE64) return b.subarray(1).toString("base64");
  return unpackRaw(b);
};

const unpackRaw = (b: Buffer): string => {
  if (b[0] !== RAW) throw new Error(`unknown packed value tag ${String(b[0])}`);
  return decoder.decode(b.subarray(1));
};
