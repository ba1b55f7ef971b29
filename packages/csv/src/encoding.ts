import iconv from "iconv-lite";

// The encodings a township's CSV comes in: UTF-8 with a byte-order mark (what
// Excel on Chinese Windows reads right, and the default), UTF-8 without one, and
// GB18030 for older systems. GB18030 goes through iconv-lite both ways: Node's
// TextDecoder maps a few of its codes differently, and cannot encode at all.

/**
 * A CSV file's encoding.
 * @since 0.1.0
 */
export type CsvEncoding = "utf-8-bom" | "utf-8" | "gb18030";

/** The three bytes of UTF-8's byte-order mark. */
export const UTF8_BOM: Uint8Array = Uint8Array.of(0xef, 0xbb, 0xbf);

const startsWithBom = (bytes: Uint8Array): boolean => bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * The encoding of a file from its first bytes: `utf-8-bom` after a byte-order
 * mark, `utf-8` when the bytes are valid UTF-8 (a sequence cut off at the end of
 * a head that is not the whole file counts as valid), otherwise `gb18030`.
 *
 * @param head - the file's first bytes (64 KiB is plenty)
 * @param whole - whether `head` is the whole file
 * @example
 * ```ts
 * import { detectEncoding } from "@tiaojie/csv";
 *
 * detectEncoding(new TextEncoder().encode("序号,村"), true); // "utf-8"
 * ```
 * @since 0.1.0
 */
export const detectEncoding = (head: Uint8Array, whole: boolean): CsvEncoding => {
  if (startsWithBom(head)) return "utf-8-bom";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !whole });
    return "utf-8";
  } catch {
    return "gb18030";
  }
};

/** Text in `encoding`, as bytes (the byte-order mark not included). */
export const encodeText = (text: string, encoding: CsvEncoding): Uint8Array =>
  encoding === "gb18030" ? iconv.encode(text, "gb18030") : Buffer.from(text, "utf8");

/** A decoder of a byte stream in `encoding`: `write` each chunk, then `end`. */
export interface TextDecoding {
  readonly write: (chunk: Uint8Array) => string;
  readonly end: () => string;
}

/** The last index in `bytes` of a byte below 0x30, or -1. */
const lastBoundary = (bytes: Uint8Array): number => {
  for (let i = bytes.length - 1; i >= 0; i -= 1) if ((bytes[i] as number) < 0x30) return i;
  return -1;
};

/**
 * GB18030 text from a byte stream, decoded by iconv-lite in whole characters.
 *
 * iconv-lite's streaming decoder (0.7.3) loses half of a four-byte character
 * whose bytes arrive in more than one chunk, so this one never hands it a cut
 * character: a byte below 0x30 (a comma, a quote, a space, a line break) is
 * never part of a multi-byte character in GB18030, so the text up to the last
 * such byte of the bytes so far is whole, and is decoded at once; the rest waits
 * for the next chunk.
 */
const gb18030Decoding = (): TextDecoding => {
  let pending: Buffer = Buffer.alloc(0);
  const decode = (bytes: Buffer): string => iconv.decode(bytes, "gb18030", { stripBOM: false });
  return {
    write: (chunk) => {
      const bytes = pending.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([pending, chunk]);
      const cut = lastBoundary(bytes) + 1;
      pending = Buffer.from(bytes.subarray(cut));
      return cut === 0 ? "" : decode(bytes.subarray(0, cut));
    },
    end: () => {
      const rest = pending;
      pending = Buffer.alloc(0);
      return rest.length === 0 ? "" : decode(rest);
    },
  };
};

/**
 * A streaming decoder for `encoding`. Malformed bytes become U+FFFD, the
 * replacement character, never an error: the importer's checks then report the
 * row they are in. A byte-order mark is left for the CSV parser to drop.
 */
export const textDecoding = (encoding: CsvEncoding): TextDecoding => {
  if (encoding === "gb18030") return gb18030Decoding();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
};
