import { stringify } from "csv-stringify/sync";
import { type CsvEncoding, UTF8_BOM, encodeText } from "./encoding.js";
import { neutraliseFormula } from "./formula.js";

/**
 * How {@link writeCsv} writes.
 * @since 0.1.0
 */
export interface CsvWriteOptions {
  /** @default "utf-8-bom" (Excel on Chinese Windows reads it right) */
  readonly encoding?: CsvEncoding;
  /** How many records each chunk of bytes holds. @default 500 */
  readonly chunkRecords?: number;
}

type Rows = Iterable<ReadonlyArray<string>> | AsyncIterable<ReadonlyArray<string>>;

/**
 * Writes records as CSV bytes, chunk by chunk, so a ledger of any size is never
 * whole in memory: quoting by csv-stringify (RFC 4180, records ending in CRLF),
 * every cell made inert for spreadsheets ({@link neutraliseFormula}), the text
 * encoded as `encoding` (with a byte-order mark first for `utf-8-bom`).
 *
 * @example
 * ```ts
 * import { createWriteStream } from "node:fs";
 * import { pipeline } from "node:stream/promises";
 * import { Readable } from "node:stream";
 * import { writeCsv } from "@tiaojie/csv";
 *
 * await pipeline(Readable.from(writeCsv([["序号", "简要情况"], ["1", "=HYPERLINK(…)"]])), createWriteStream("台账.csv"));
 * ```
 * @since 0.1.0
 */
export async function* writeCsv(rows: Rows, options: CsvWriteOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const encoding = options.encoding ?? "utf-8-bom";
  const size = Math.max(1, Math.floor(options.chunkRecords ?? 500));
  if (encoding === "utf-8-bom") yield UTF8_BOM;
  let chunk: Array<ReadonlyArray<string>> = [];
  const flush = (): Uint8Array => {
    // A line break of any kind is quoted (csv-stringify quotes only its own record delimiter by itself).
    // An empty cell is written as "" so that a record of one empty cell is not an empty line, which readers skip.
    const text = stringify(chunk, { record_delimiter: "\r\n", quoted_match: /[\r\n]/, quoted_empty: true });
    chunk = [];
    return encodeText(text, encoding);
  };
  for await (const row of rows) {
    chunk.push(row.map(neutraliseFormula));
    if (chunk.length >= size) yield flush();
  }
  if (chunk.length > 0) yield flush();
}
