import {
  type Actor,
  ERRORS_HEADER,
  type Exporter,
  type ImportOptions,
  type ImportRefused,
  type ImportResult,
  type Lang,
  type Ledger,
  type Result,
  type SheetCell,
  type SheetRecord,
  type Workbook,
  cellText,
  headerOf,
  importErrorWorkbook,
  importLedgerRows,
  requireDataset,
} from "@tiaojie/core";
import type { CsvEncoding } from "./encoding.js";
import { type CsvReadOptions, readCsv } from "./csv-reader.js";
import { writeCsv } from "./csv-writer.js";

type Bytes = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * How {@link csvExporter} writes.
 * @since 0.5.0
 */
export interface CsvExporterOptions {
  /** @default "utf-8-bom" */
  readonly encoding?: CsvEncoding;
}

const TABLE: Readonly<Record<Lang, string>> = { zh: "表", en: "Table" };

/** The header of a one-sheet workbook, or of a summary's sheets (which share their columns, each row then led by its sheet's name). */
const csvHeader = (workbook: Workbook, lang: Lang): ReadonlyArray<string> => {
  const first = workbook.sheets[0]!;
  for (const sheet of workbook.sheets) {
    if (sheet.columns.length !== first.columns.length) throw new Error(`CSV 只能写列数相同的表：“${sheet.name.zh}” / CSV can only hold sheets of the same columns: "${sheet.name.en}"`);
  }
  const header = first.columns.map((c) => headerOf(c, lang));
  return workbook.sheets.length > 1 ? [TABLE[lang], ...header] : header;
};

/** The rows as text, synchronously when every sheet's rows are (no promise per row). */
function csvRows(workbook: Workbook, lang: Lang): Iterable<ReadonlyArray<string>> | AsyncIterable<ReadonlyArray<string>> {
  const several = workbook.sheets.length > 1;
  const text = (sheet: Workbook["sheets"][number], row: ReadonlyArray<SheetCell>): ReadonlyArray<string> => {
    const cells = row.map((c) => cellText(c, lang));
    return several ? [sheet.name[lang], ...cells] : cells;
  };
  if (workbook.sheets.every((s) => Symbol.iterator in s.rows)) {
    return (function* () {
      yield csvHeader(workbook, lang);
      for (const sheet of workbook.sheets) for (const row of sheet.rows as Iterable<ReadonlyArray<SheetCell>>) yield text(sheet, row);
    })();
  }
  return (async function* () {
    yield csvHeader(workbook, lang);
    for (const sheet of workbook.sheets) for await (const row of sheet.rows) yield text(sheet, row);
  })();
}

/**
 * The CSV exporter: one file a workbook, the header row in the chosen language,
 * dates as `YYYY-MM-DD`, yes/no as 是/否, a level as its label, every cell that
 * begins like a formula made inert, UTF-8 with a byte-order mark unless told
 * otherwise. The monthly summary's tables share their columns, so they go in one
 * file, each row led by its table's name (the column 表).
 *
 * @example
 * ```ts
 * import { exportLedger } from "@tiaojie/core";
 * import { csvExporter } from "@tiaojie/csv";
 *
 * const r = await exportLedger(ledger, csvExporter({ encoding: "gb18030" }), officer, { dataset: "disputes", purpose: "月度上报" });
 * ```
 * @since 0.5.0
 */
export const csvExporter = (options: CsvExporterOptions = {}): Exporter => {
  const exporter: Exporter = {
    format: "csv",
    mediaType: "text/csv",
    extension: "csv",
    capabilities: { datasets: ["disputes", "support-registry", "monthly-summary"], multipleSheets: false, dateCells: false, levelFills: false },
    write: (workbook, write = {}) => {
      requireDataset(exporter, workbook);
      if (workbook.sheets.length === 0) return writeCsv([], { encoding: options.encoding ?? "utf-8-bom" });
      return writeCsv(csvRows(workbook, write.lang ?? "zh"), { encoding: options.encoding ?? "utf-8-bom" });
    },
  };
  return exporter;
};

/**
 * A CSV file's records as the importer reads them ({@link readCsv}): each with
 * its number (the header is row 1, as a spreadsheet numbers it) and its cells as
 * text.
 *
 * @example
 * ```ts
 * for await (const r of csvSheetRecords(createReadStream("台账.csv"))) console.log(r.row, r.cells);
 * ```
 * @since 0.5.0
 */
export async function* csvSheetRecords(source: Bytes, options: CsvReadOptions = {}): AsyncGenerator<SheetRecord, void, undefined> {
  for await (const record of readCsv(source, options)) yield { row: record.row, cells: record.cells };
}

/**
 * How {@link importCsv} reads and registers.
 * @since 0.5.0
 */
export interface CsvImportOptions extends ImportOptions, CsvReadOptions {}

/**
 * Imports a CSV dispute ledger through the ledger ({@link importLedgerRows}):
 * UTF-8 with or without a byte-order mark, or GB18030, detected unless given.
 * A file whose quotes do not close rejects the import before anything is
 * registered, with csv-parse's message naming the line.
 *
 * @example
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { importCsv } from "@tiaojie/csv";
 *
 * const r = await importCsv(ledger, officer, createReadStream("2024台账.csv"), { divisions: { 龙潭村: "532301104201" } });
 * if (r.ok) console.log(`${r.value.registered} registered, ${r.value.rejected.length} rejected`);
 * ```
 * @since 0.5.0
 */
export const importCsv = (ledger: Ledger, actor: Actor, source: Bytes, options: CsvImportOptions = {}): Promise<Result<ImportResult, ImportRefused>> =>
  importLedgerRows(ledger, actor, csvSheetRecords(source, options.encoding === undefined ? {} : { encoding: options.encoding }), options);

/**
 * The error file of an import ({@link importErrorWorkbook}) as CSV: the file's
 * header row with an {@link ERRORS_HEADER} column added, then each rejected row
 * as it was read, with what is wrong with it. Corrected, it imports as it is
 * (the importer ignores that column).
 *
 * @example
 * ```ts
 * if (r.ok && r.value.rejected.length > 0) await pipeline(Readable.from(csvErrorFile(r.value)), createWriteStream("台账-错误.csv"));
 * ```
 * @since 0.5.0
 */
export const csvErrorFile = (result: Pick<ImportResult, "header" | "rejected">, options: CsvExporterOptions = {}): AsyncIterable<Uint8Array> =>
  csvExporter(options).write(importErrorWorkbook(result));
