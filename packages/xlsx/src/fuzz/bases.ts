import ExcelJS from "exceljs";
import { type SheetCell, type SheetRecord, exportLedger } from "@tiaojie/core";
import { type SampleTown, sampleTown } from "@tiaojie/core/testing";
import { readXlsx, xlsxExporter } from "../index.js";
import { freshLedger } from "./ledger-oracle.js";
import { type ZipEntry, readZip } from "./zip.js";

// The good workbooks the fuzzer starts from: small towns' dispute ledgers
// (some summaries hostile: formula starts, OOXML escapes), registered in a
// ledger and exported by this package's exporter (split over sheets or not),
// and the same rows saved the way Excel saves a workbook (exceljs's whole-file
// writer: shared strings, styles, a merged title row, date cells).

export const HOSTILE_SUMMARIES: ReadonlyArray<string> = ["=cmd|' /C calc'!A0 邻里纠纷", "@SUM(A1:A9) 欠薪", "-1+2 宅基地", "_x0041_ &lt; 争议", "+86 电话纠纷"];

export interface LedgerBase {
  readonly town: SampleTown;
  readonly divisions: Readonly<Record<string, string>>;
  /** The exporter's file. */
  readonly exported: Buffer;
  /** Its records as the reader gives them (header first), to write again with exceljs. */
  readonly records: ReadonlyArray<SheetRecord>;
}

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

export const makeLedgerBases = async (seeds: ReadonlyArray<number>): Promise<Array<LedgerBase>> => {
  const out: Array<LedgerBase> = [];
  for (const [k, seed] of seeds.entries()) {
    const town = sampleTown(seed, { villages: 2, persons: 10, disputes: 5, listings: 0 });
    const disputes = town.disputes.map((d, i) => (i % 2 === 0 ? { ...d, summary: HOSTILE_SUMMARIES[(i + k) % HOSTILE_SUMMARIES.length]! } : d));
    const t = freshLedger(town);
    await t.registerTown(disputes);
    const r = await exportLedger(t.ledger, xlsxExporter({ maxRowsPerSheet: k % 2 === 0 ? 100_000 : 3 }), t.coordinator, { dataset: "disputes", purpose: "模糊测试 / fuzzing", names: t.names });
    if (!r.ok) throw new Error(r.error.message);
    const exported = await bytesOf(r.value.bytes);
    const records: Array<SheetRecord> = [];
    for await (const rec of readXlsx(exported)) records.push(rec);
    out.push({ town, divisions: t.divisions, exported, records });
  }
  return out;
};

/** A ledger cell or an exceljs value as exceljs writes it: a date as a date cell. */
export const excelValue = (c: SheetCell | ExcelJS.CellValue): ExcelJS.CellValue => {
  if (c === null || typeof c !== "object" || c instanceof Date) return c;
  if ("date" in c && typeof c.date === "string") return new Date(`${c.date}T00:00:00Z`);
  if ("level" in c && "label" in c) return c.label;
  return c as ExcelJS.CellValue;
};

/** Rows written by exceljs's whole-file writer, as Excel and WPS save a workbook; each sheet optionally under a merged title row. */
export const writeWithExceljs = async (sheets: ReadonlyArray<{ readonly name: string; readonly title?: string; readonly rows: ReadonlyArray<ReadonlyArray<SheetCell | ExcelJS.CellValue>> }>): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name);
    if (s.title !== undefined) {
      ws.addRow([s.title]);
      ws.mergeCells(1, 1, 1, 6);
    }
    for (const row of s.rows) {
      const added = ws.addRow(row.map(excelValue));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = "yyyy/m/d";
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};

/** The parts of good workbooks, for the reader's fuzzing: each base's export, and its rows as exceljs saves them. */
export const baseEntries = async (bases: ReadonlyArray<LedgerBase>): Promise<Array<Array<ZipEntry>>> => {
  const out: Array<Array<ZipEntry>> = [];
  for (const [i, b] of bases.entries()) {
    out.push(await readZip(b.exported));
    const rows = b.records.map((r) => r.cells);
    out.push(await readZip(await writeWithExceljs([{ name: "台账", rows, ...(i % 2 === 0 ? { title: "XX镇矛盾纠纷排查化解台账（2024年）" } : {}) }])));
  }
  return out;
};
