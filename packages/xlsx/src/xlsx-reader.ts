import type { Readable } from "node:stream";
import { Data } from "effect";
import type { Bilingual, LocalDate, SheetCell, SheetRecord } from "@tiaojie/core";
import { type XlsxEngine, type XlsxReadValue, exceljsEngine, toReadable } from "./xlsx-engine.js";
import { decodeXstring } from "./xstring.js";

/**
 * An XLSX file's bytes: one buffer, chunks, or a Node stream (such as
 * `createReadStream("台账.xlsx")`).
 * @since 0.5.0
 */
export type XlsxSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array> | Readable;

/**
 * Which sheets {@link readXlsx} reads.
 * @since 0.5.0
 */
export interface XlsxReadOptions {
  /**
   * `"ledger"`: the file's first sheet and the sheets it was split into on
   * export (`台账 (2)`, `台账 (3)`…); `"all"`: every sheet (a workbook of a sheet
   * a month); or the names of the sheets to read.
   * @default "ledger"
   */
  readonly sheets?: "ledger" | "all" | ReadonlyArray<string>;
  /** The XLSX library behind the reader. @default exceljsEngine */
  readonly engine?: XlsxEngine;
}

/**
 * A file that is not a readable XLSX workbook: not a zip, cut short, or
 * without a worksheet. The reader's own error is kept as `cause`.
 * @since 0.5.0
 */
export class XlsxUnreadable extends Data.TaggedError("XlsxUnreadable")<{
  readonly text: Bilingual;
  readonly cause?: unknown;
}> {
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

const isoDay = (d: Date): LocalDate => d.toISOString().slice(0, 10) as LocalDate;

/**
 * A value as read, as a ledger cell: text with OOXML's escapes decoded, a date
 * cell as its calendar day (exceljs gives a date cell's serial as UTC, so the
 * day is the same in every time zone), a formula as its cached result (or, with
 * none, as its text, so that it is seen rather than dropped), an error value as
 * its text (`#N/A`).
 */
export const sheetCellOf = (v: XlsxReadValue): SheetCell => {
  if (v === null || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return decodeXstring(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { date: isoDay(v) };
  if ("formula" in v) return v.result === undefined ? `=${v.formula}` : sheetCellOf(v.result);
  if ("error" in v) return v.error;
  return decodeXstring(v.text);
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads an XLSX workbook as the importer reads it ({@link importXlsx}): each row
 * with its sheet, its number as the spreadsheet shows it, and its cells (dates
 * as `{ date }`, numbers as numbers, rich text joined, formulas as their cached
 * results). Streams: the file is never whole in memory (exceljs keeps a sheet
 * that comes before the shared strings in a temporary file).
 *
 * @example
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { readXlsx } from "@tiaojie/xlsx";
 *
 * for await (const r of readXlsx(createReadStream("2024台账.xlsx"))) console.log(r.sheet, r.row, r.cells);
 * ```
 * @since 0.5.0
 */
export async function* readXlsx(source: XlsxSource, options: XlsxReadOptions = {}): AsyncGenerator<SheetRecord, void, undefined> {
  const engine = options.engine ?? exceljsEngine;
  const which = options.sheets ?? "ledger";
  let first: RegExp | undefined;
  const wanted = (sheet: string): boolean => {
    if (which === "all") return true;
    if (which !== "ledger") return which.includes(sheet);
    first ??= new RegExp(`^${escapeRegExp(sheet)}(?: \\(\\d+\\))?$`);
    return first.test(sheet);
  };
  let sheets = 0;
  let current: string | undefined;
  const rows = engine.read(toReadable(source))[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Awaited<ReturnType<typeof rows.next>>["value"]>;
    try {
      next = await rows.next();
    } catch (cause) {
      throw new XlsxUnreadable({ text: { zh: `无法读取 XLSX 文件（文件损坏、不完整或不是 XLSX）：${String(cause)}`, en: `the XLSX file cannot be read (damaged, cut short or not XLSX): ${String(cause)}` }, cause });
    }
    if (next.done === true) break;
    const row = next.value;
    if (row.sheet !== current) {
      current = row.sheet;
      sheets += 1;
    }
    if (!wanted(row.sheet)) continue;
    yield { sheet: row.sheet, row: row.row, cells: row.values.map(sheetCellOf) };
  }
  if (sheets === 0) throw new XlsxUnreadable({ text: { zh: "XLSX 文件中没有可读的工作表", en: "the XLSX file has no worksheet with rows" } });
}
