import { PassThrough } from "node:stream";
import { Data } from "effect";
import { type Bilingual, type Exporter, type Lang, type RiskLevel, type Sheet, type SheetCell, type Workbook, headerOf, requireDataset } from "@tiaojie/core";
import { type XlsxCell, type XlsxColumn, type XlsxEngine, type XlsxSheetWriter, exceljsEngine } from "./xlsx-engine.js";
import { encodeXstring } from "./xstring.js";

/**
 * The fill of each risk level's cells (ARGB): red, orange, yellow and blue, the
 * colours the levels are named for.
 * @since 0.5.0
 */
export const LEVEL_FILLS: Readonly<Record<RiskLevel, string>> = { red: "FFFF0000", orange: "FFFFC000", yellow: "FFFFFF00", blue: "FF00B0F0" };

/** The most characters a cell holds in Excel and WPS. @since 0.5.0 */
export const MAX_CELL_CHARACTERS = 32_767;

/** The date format of date cells. @since 0.5.0 */
export const DATE_FORMAT = "yyyy-mm-dd";

/** The longest sheet name Excel accepts. */
const MAX_SHEET_NAME = 31;

/**
 * How {@link xlsxExporter} writes.
 * @since 0.5.0
 */
export interface XlsxExporterOptions {
  /**
   * The most data rows in one sheet. exceljs's writer holds a sheet in memory
   * until the sheet is complete (about 1.2 MB for every 1,000 rows of the
   * dispute ledger), so a longer sheet goes on over sheets named `台账 (2)`,
   * `台账 (3)`…, each with the header row; the importer reads them back as one.
   * @default 100000
   */
  readonly maxRowsPerSheet?: number;
  /** The XLSX library behind the writer. @default exceljsEngine */
  readonly engine?: XlsxEngine;
}

/**
 * A cell an XLSX file cannot hold: text longer than {@link MAX_CELL_CHARACTERS}
 * characters, or a number that is not finite. The export stops; nothing is cut.
 * @since 0.5.0
 */
export class XlsxCellRefused extends Data.TaggedError("XlsxCellRefused")<{
  readonly sheet: string;
  /** The row as a spreadsheet numbers it (the header is row 1). */
  readonly row: number;
  readonly column: string;
  readonly reason: "too-long" | "not-finite";
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const where = { zh: `工作表“${this.sheet}”第 ${this.row} 行“${this.column}”列`, en: `sheet "${this.sheet}", row ${this.row}, column "${this.column}"` };
    return this.reason === "too-long"
      ? { zh: `${where.zh}超过 ${MAX_CELL_CHARACTERS} 个字符，XLSX 单元格容纳不下`, en: `${where.en} is longer than the ${MAX_CELL_CHARACTERS} characters an XLSX cell holds` }
      : { zh: `${where.zh}不是有限的数`, en: `${where.en} is not a finite number` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

const YES_NO: Readonly<Record<Lang, readonly [XlsxCell, XlsxCell]>> = { zh: [{ value: "是" }, { value: "否" }], en: [{ value: "yes" }, { value: "no" }] };
const EMPTY: XlsxCell = { value: null };

/** A sheet's name as Excel takes it: at most 31 characters, none of `[]:*?/\`, the part's number added. */
export const partName = (name: string, part: number): string => {
  const base = name.replace(/[[\]:*?/\\]/g, "_") || "Sheet";
  const suffix = part === 1 ? "" : ` (${part})`;
  return `${[...base].slice(0, MAX_SHEET_NAME - suffix.length).join("")}${suffix}`;
};

/** A cell as the engine writes it, or why it cannot be written. */
const cellOf = (cell: SheetCell, lang: Lang): XlsxCell | XlsxCellRefused["reason"] => {
  if (cell === null) return EMPTY;
  if (typeof cell === "string") return cell.length > MAX_CELL_CHARACTERS ? "too-long" : { value: encodeXstring(cell) };
  if (typeof cell === "number") return Number.isFinite(cell) ? { value: cell } : "not-finite";
  if (typeof cell === "boolean") return YES_NO[lang][cell ? 0 : 1];
  if ("date" in cell) {
    const [y, m, d] = cell.date.split("-").map(Number) as [number, number, number];
    return { value: new Date(Date.UTC(y, m - 1, d)), numFmt: DATE_FORMAT };
  }
  return { value: encodeXstring(cell.label), fill: LEVEL_FILLS[cell.level] };
};

/** Lets the reader of the bytes run (and a long synchronous sheet not hold the thread) every so many rows. */
const YIELD_EVERY = 512;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes one sheet, split into parts of at most `max` rows; resolves when its last part is committed. */
const writeSheet = async (start: (name: string) => XlsxSheetWriter, sheet: Sheet, lang: Lang, max: number, stopped: () => boolean): Promise<void> => {
  const name = sheet.name[lang];
  let part = 1;
  let inPart = 0;
  let writer = start(partName(name, part));
  const put = (row: ReadonlyArray<SheetCell>): void => {
    const cells: Array<XlsxCell> = [];
    for (let i = 0; i < row.length; i += 1) {
      const cell = cellOf(row[i]!, lang);
      if (typeof cell === "string") throw new XlsxCellRefused({ sheet: partName(name, part), row: inPart + 2, column: sheet.columns[i] === undefined ? String(i + 1) : headerOf(sheet.columns[i]!, lang), reason: cell });
      cells.push(cell);
    }
    writer.addRow(cells);
    inPart += 1;
  };
  const nextPart = async (): Promise<void> => {
    await writer.commit();
    part += 1;
    inPart = 0;
    writer = start(partName(name, part));
  };
  if (Symbol.iterator in sheet.rows) {
    // A synchronous sheet goes in without a promise a row. The reader can only
    // stop while this waits, so that is checked after every wait.
    let n = 0;
    for (const row of sheet.rows) {
      if (inPart === max) {
        await nextPart();
        if (stopped()) return;
      }
      put(row);
      n += 1;
      if (n % YIELD_EVERY === 0) {
        await nextTurn();
        if (stopped()) return;
      }
    }
  } else {
    const iterator = sheet.rows[Symbol.asyncIterator]();
    let done = false;
    try {
      for (;;) {
        if (inPart === max) await nextPart();
        if (stopped()) return;
        const next = await iterator.next();
        if (next.done === true) {
          done = true;
          break;
        }
        put(next.value);
      }
    } finally {
      // A source left before its end (the reader stopped, or a cell was refused) is closed.
      if (!done) await iterator.return?.();
    }
  }
  await writer.commit();
};

async function* writeWorkbook(engine: XlsxEngine, workbook: Workbook, lang: Lang, max: number): AsyncGenerator<Uint8Array, void, undefined> {
  const out = new PassThrough();
  let stopped = false;
  const writing = (async () => {
    const book = engine.writer(out);
    // A workbook needs a sheet to open: an empty one is written as its title.
    const sheets: ReadonlyArray<Sheet> = workbook.sheets.length > 0 ? workbook.sheets : [{ name: workbook.title, columns: [], rows: [] }];
    for (const sheet of sheets) {
      const columns: ReadonlyArray<XlsxColumn> = sheet.columns.map((c) => ({ header: encodeXstring(headerOf(c, lang)), width: c.width }));
      await writeSheet((name) => book.addSheet(name, columns), sheet, lang, max, () => stopped);
      if (stopped) return;
    }
    await book.commit();
  })();
  writing.catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  try {
    for await (const chunk of out) yield chunk as Uint8Array;
    await writing;
  } finally {
    stopped = true;
    out.destroy();
  }
}

/**
 * The XLSX exporter: every dataset, each sheet with its header row bold and
 * frozen, the columns' widths, dates as real date cells (`yyyy-mm-dd`), risk
 * levels filled with their colour ({@link LEVEL_FILLS}), yes/no as 是/否, text
 * that begins like a formula kept as text (a cell is only ever written as a
 * value, never as a formula), and a sheet longer than `maxRowsPerSheet` split
 * over several. Streams: bytes flow as each part of a sheet is complete.
 *
 * @example
 * ```ts
 * import { exportLedger } from "@tiaojie/core";
 * import { xlsxExporter } from "@tiaojie/xlsx";
 *
 * const r = await exportLedger(ledger, xlsxExporter(), officer, { dataset: "monthly-summary", purpose: "月度上报", month: "2025-01" });
 * if (r.ok) await pipeline(Readable.from(r.value.bytes), createWriteStream(r.value.fileName));
 * ```
 * @since 0.5.0
 */
export const xlsxExporter = (options: XlsxExporterOptions = {}): Exporter => {
  const max = options.maxRowsPerSheet ?? 100_000;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxRowsPerSheet 应为正整数 / maxRowsPerSheet must be a positive integer: ${max}`);
  const engine = options.engine ?? exceljsEngine;
  const exporter: Exporter = {
    format: "xlsx",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
    capabilities: { datasets: ["disputes", "support-registry", "monthly-summary"], multipleSheets: true, dateCells: true, levelFills: true, maxRowsPerSheet: max },
    write: (workbook, write = {}) => {
      requireDataset(exporter, workbook);
      return writeWorkbook(engine, workbook, write.lang ?? "zh", max);
    },
  };
  return exporter;
};
