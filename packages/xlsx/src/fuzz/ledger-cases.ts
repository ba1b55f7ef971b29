import fc from "fast-check";
import type ExcelJS from "exceljs";
import { type SheetCell, disputeLedgerColumns } from "@tiaojie/core";
import { type LedgerBase, writeWithExceljs } from "./bases.js";
import { FORMULAS, type EntryEdit, type ZipEdit, buildXlsx, hostileText, xlsxCase } from "./xlsx-cases.js";
import { readZip } from "./zip.js";

// Hostile dispute ledgers for the importer: a good ledger (the exporter's own
// file, or its rows saved the way Excel saves them) with cells replaced by
// formulas (with and without a cached result), rich text, links, error values,
// cells longer than a cell holds, dates of the wrong type, and sometimes its
// zip or XML damaged as the reader's fuzzing damages them.

type Value = SheetCell | ExcelJS.CellValue;

/** A cell's new value, and what the importer must take from it when it is the summary of a good row. */
export interface Replacement {
  readonly value: Value;
  /** The summary text a good import of the row keeps: a formula's cached result, or without one its text. */
  readonly summary?: string;
}

/**
 * A cached result as exceljs writes it and the reader gives it back unchanged:
 * exceljs writes text as it is, so text holding OOXML's `_xHHHH_`, an entity or
 * a control character (which Excel itself would have escaped) is left out.
 */
const resultText = fc
  .string({ unit: fc.constantFrom("a", " ", "村", "𠀀", "😀", "=", "+", "-", "@", "'", "<", ">", '"', "&", "；", "欠薪"), minLength: 1, maxLength: 40 })
  .map((t) => t.trim())
  .filter((t) => t !== "");

const formula: fc.Arbitrary<Replacement> = fc.oneof(
  fc.record({ f: fc.constantFrom(...FORMULAS), r: resultText }).map(({ f, r }) => ({ value: { formula: f, result: r }, summary: r })),
  fc.constantFrom(...FORMULAS).map((f) => ({ value: { formula: f }, summary: `=${f}` })),
  fc.record({ f: fc.constantFrom(...FORMULAS), r: fc.integer({ min: 1, max: 10_000 }) }).map(({ f, r }) => ({ value: { formula: f, result: r }, summary: String(r) })),
);

const other: fc.Arbitrary<Replacement> = fc.oneof(
  hostileText.map((t) => ({ value: t })),
  fc.array(hostileText, { minLength: 1, maxLength: 3 }).map((runs) => ({ value: { richText: runs.map((text, i) => (i % 2 === 1 ? { text, font: { bold: true } } : { text })) } })),
  fc.constant({ value: { text: "链接 点我", hyperlink: "http://example.invalid/x" } }),
  fc.constantFrom("#N/A", "#DIV/0!", "#REF!").map((e) => ({ value: { error: e } as ExcelJS.CellErrorValue })),
  fc.integer({ min: 32_767, max: 40_000 }).map((n) => ({ value: "长".repeat(n) })),
  fc.constantFrom<Value>(new Date("2024-03-05T00:00:00Z"), new Date("2200-01-01T00:00:00Z"), 45_360, 1e9, -1, true, "2024年3月5日", "2024-02-30", null).map((value) => ({ value })),
);

/** Where a replacement goes: a row and a column of the ledger (by key, so that it lands in the summary when asked). */
export interface LedgerEdit {
  readonly row: number;
  readonly column: (typeof disputeLedgerColumns)[number]["key"] | "any";
  readonly any: number;
  readonly with: Replacement;
}

const KEYS = disputeLedgerColumns.map((c) => c.key);

const ledgerEdit: fc.Arbitrary<LedgerEdit> = fc.oneof(
  { arbitrary: fc.record({ row: fc.nat({ max: 100 }), column: fc.constant("summary" as const), any: fc.constant(0), with: formula }), weight: 4 },
  { arbitrary: fc.record({ row: fc.nat({ max: 100 }), column: fc.constantFrom(...KEYS), any: fc.constant(0), with: fc.oneof(formula, other) }), weight: 3 },
  { arbitrary: fc.record({ row: fc.nat({ max: 100 }), column: fc.constant("any" as const), any: fc.nat({ max: 40 }), with: other }), weight: 1 },
);

export interface LedgerCase {
  readonly base: number;
  /** The exporter's own file (only its zip can be damaged), or its rows saved by exceljs and edited. */
  readonly writer: "exporter" | "exceljs";
  readonly title: boolean;
  /** Split the rows over a second sheet named as the exporter names a sheet's parts. */
  readonly split: boolean;
  readonly edits: ReadonlyArray<LedgerEdit>;
  readonly entryEdits: ReadonlyArray<EntryEdit>;
  readonly zipEdits: ReadonlyArray<ZipEdit>;
  readonly sheets: "ledger" | "all";
  readonly cuts: ReadonlyArray<number>;
}

export const ledgerCase = (bases: number): fc.Arbitrary<LedgerCase> =>
  fc
    .record({
      base: fc.nat({ max: bases - 1 }),
      writer: fc.oneof({ arbitrary: fc.constant("exceljs" as const), weight: 3 }, { arbitrary: fc.constant("exporter" as const), weight: 1 }),
      title: fc.boolean(),
      split: fc.boolean(),
      edits: fc.array(ledgerEdit, { maxLength: 4 }),
      // The reader's own damage, less often: most files should reach the rows.
      damage: xlsxCase(0, { base: 0, junk: 0, entryEdits: 0.12, zipEdits: 0.12, cuts: 0.4, hugeWeight: 1 }),
    })
    .map(({ damage, ...c }) => ({ ...c, entryEdits: damage.entryEdits, zipEdits: damage.zipEdits, sheets: damage.sheets, cuts: damage.cuts }));

/** A ledger case's rows: the header, then each data row with its edits. */
export const editedRows = (base: LedgerBase, edits: ReadonlyArray<LedgerEdit>): { readonly rows: Array<Array<Value>>; readonly summaries: Map<string, string> } => {
  const header = base.records[0]!.cells;
  const rows: Array<Array<Value>> = [[...header]];
  for (const r of base.records.slice(1)) if (r.row > 1) rows.push([...r.cells]);
  const idAt = header.indexOf(disputeLedgerColumns.find((c) => c.key === "id")!.zh);
  const summaryAt = header.indexOf(disputeLedgerColumns.find((c) => c.key === "summary")!.zh);
  // The summary a good import keeps, by the row's dispute id, when a formula went into the summary of a row whose id is intact.
  const summaries = new Map<string, string>();
  const data = rows.length - 1;
  for (const e of edits) {
    if (data === 0) break;
    const row = rows[1 + (e.row % data)]!;
    const at = e.column === "any" ? e.any : header.indexOf(disputeLedgerColumns.find((c) => c.key === e.column)!.zh);
    if (at < 0) continue;
    row[at] = e.with.value;
    const id = row[idAt];
    if (typeof id === "string") {
      if (at === summaryAt && e.with.summary !== undefined) summaries.set(id, e.with.summary);
      else if (at === summaryAt || at === idAt) summaries.delete(id);
    }
  }
  return { rows, summaries };
};

export interface BuiltLedger {
  readonly bytes: Buffer;
  /** Summaries that must come through as the package's formula rule makes them, by dispute id. */
  readonly summaries: ReadonlyMap<string, string>;
}

export const buildLedger = async (base: LedgerBase, c: LedgerCase): Promise<BuiltLedger> => {
  let bytes: Buffer;
  let summaries = new Map<string, string>();
  if (c.writer === "exporter") bytes = base.exported;
  else {
    const edited = editedRows(base, c.edits);
    summaries = edited.summaries;
    const [header, ...data] = edited.rows;
    const half = Math.ceil(data.length / 2);
    const title = c.title ? { title: "XX镇矛盾纠纷排查化解台账（2024年）" } : {};
    const sheets = c.split && data.length > 1 ? [{ name: "台账", ...title, rows: [header!, ...data.slice(0, half)] }, { name: "台账 (2)", rows: [header!, ...data.slice(half)] }] : [{ name: "台账", ...title, rows: [header!, ...data] }];
    bytes = await writeWithExceljs(sheets);
  }
  if (c.entryEdits.length > 0 || c.zipEdits.length > 0) {
    const entries = await readZip(bytes);
    bytes = buildXlsx({ source: { kind: "base", index: 0 }, shuffle: 0, store: false, entryEdits: c.entryEdits, zipEdits: c.zipEdits, cuts: [], sheets: c.sheets }, [entries]).bytes;
    // A damaged file makes no claim about its summaries beyond the rule the reader's fuzzing checks.
    summaries = new Map();
  }
  return { bytes, summaries };
};
