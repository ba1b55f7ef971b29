import { parse } from "csv-parse";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type CsvEncoding, detectEncoding, textDecoding } from "./encoding.js";
import { restoreFormula } from "./formula.js";

/**
 * How {@link readCsv} reads.
 * @since 0.1.0
 */
export interface CsvReadOptions {
  /** The file's encoding, or `"detect"`: from its first 64 KiB ({@link detectEncoding}). @default "detect" */
  readonly encoding?: CsvEncoding | "detect";
}

/**
 * One record of a CSV file.
 * @since 0.1.0
 */
export interface CsvRecord {
  /** Its number among the file's records, from 1 (the header, when there is one). */
  readonly row: number;
  /** The file's line on which it begins, from 1 (a cell may hold line breaks). */
  readonly line: number;
  /** Its cells as written, with the writer's formula guard taken away ({@link restoreFormula}). */
  readonly cells: ReadonlyArray<string>;
}

const HEAD_BYTES = 64 * 1024;

type Bytes = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** The bytes' first 64 KiB (or all of them), and the rest of the chunks to come. */
const headOf = async (source: Bytes): Promise<{ readonly head: Array<Uint8Array>; readonly whole: boolean; readonly rest: AsyncIterator<Uint8Array> }> => {
  const rest = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : Readable.from(source)[Symbol.asyncIterator]()) as AsyncIterator<Uint8Array>;
  const head: Array<Uint8Array> = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const next = await rest.next();
    if (next.done === true) return { head, whole: true, rest };
    head.push(next.value);
    size += next.value.byteLength;
  }
  return { head, whole: false, rest };
};

const lineBreaks = (text: string): number => text.match(/\r\n|\n|\r/g)?.length ?? 0;

/**
 * Reads CSV bytes record by record, streaming: the encoding detected from the
 * first 64 KiB unless given (UTF-8 with or without a byte-order mark, else
 * GB18030), parsing by csv-parse (quotes, doubled quotes, line breaks inside
 * quotes; records ending in CRLF, LF or CR; records of any length, empty lines
 * skipped), each record with its
 * number and the line it begins on, for error reports. A malformed quote
 * rejects with csv-parse's error, which names the line.
 *
 * @example
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { readCsv } from "@tiaojie/csv";
 *
 * for await (const { row, cells } of readCsv(createReadStream("台账.csv"))) console.log(row, cells);
 * ```
 * @since 0.1.0
 */
export async function* readCsv(source: Bytes, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  const { head, whole, rest } = await headOf(source);
  const encoding = options.encoding === undefined || options.encoding === "detect" ? detectEncoding(Buffer.concat(head), whole) : options.encoding;
  const decoding = textDecoding(encoding);
  async function* text(): AsyncGenerator<string> {
    for (const chunk of head) yield decoding.write(chunk);
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield decoding.write(next.value);
    yield decoding.end();
  }
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ["\r\n", "\n", "\r"] });
  const done = pipeline(Readable.from(text()), parser);
  done.catch(() => undefined); // the same failure reaches the loop below through the parser
  let row = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: Array<string>; info: { lines: number } }>) {
    row += 1;
    // `lines` is the line the record ends on; only line breaks inside its (quoted) cells make it span more than one.
    const spans = record.reduce((n, cell) => n + lineBreaks(cell), 0);
    yield { row, line: info.lines - spans, cells: record.map(restoreFormula) };
  }
  await done;
}
