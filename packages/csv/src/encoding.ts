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

/** A decoder of a byte stream in `encoding`: `write` each chunk, then `end`. A leading byte-order mark is dropped. */
export interface TextDecoding {
  readonly write: (chunk: Uint8Array) => string;
  readonly end: () => string;
}

/**
 * A streaming decoder for `encoding`. Malformed bytes become U+FFFD, the
 * replacement character, never an error: the importer's checks then report the
 * row they are in.
 */
export const textDecoding = (encoding: CsvEncoding): TextDecoding => {
  if (encoding === "gb18030") {
    const decoder = iconv.getDecoder("gb18030");
    return { write: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), end: () => decoder.end() ?? "" };
  }
  const decoder = new TextDecoder("utf-8");
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
};
