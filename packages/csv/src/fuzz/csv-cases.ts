import fc from "fast-check";
import iconv from "iconv-lite";
import { hostileCell } from "@tiaojie/export-testkit";
import { type CsvEncoding, restoreFormula, writeCsv } from "../index.js";

// Hostile CSV files for the fuzzer, as bytes: a good ledger table (exported by
// the ledger through this package's exporter) edited cell by cell and column by
// column, written by the package's own writer or by hand (no formula guard,
// any line ending), then perhaps re-encoded and damaged byte by byte, and cut
// into chunks as a stream delivers them. A file that no byte edit touched has
// an exact answer: the table itself.

/** A formula and the starts spreadsheets run as one (DDE payloads included). */
export const FORMULA_PAYLOADS: ReadonlyArray<string> = [
  "=cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  '=HYPERLINK("http://example.invalid/x","点我")',
  "'=1+1",
  "''=1+1",
  "=1+1",
  " =1+1",
  "＝1+1",
  "-1",
  "+86 138 0000 0000",
];

const DATE_TEXTS = ["2025年13月1日", "2024-02-30", "45000", "2024/1/5", "2024.3.6", "0000-00-00", "9999-99-99", "昨天", "2024-11-07T00:00:00Z"];
const YES_NO_TEXTS = ["是", "否", "也许", "yes", "NO", "√", "×", "2", "true "];
const HEADER_TEXTS = ["序号", "排查时间", "村(社区)", "纠纷类型", "当事人", "简要情况", "不存在的列", "Unknown", "", " ", "错误说明 / Errors", "纠纷编号", "区划代码", "Summary", "Found on"];
/** Text columns a formula can hide in and still be a good row (in both languages of the header). */
const TEXT_COLUMNS = ["简要情况", "Summary", "当事人", "Parties", "备注", "Remarks", "化解措施", "Measures"];
const INVALID_UTF8: ReadonlyArray<ReadonlyArray<number>> = [[0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xf8, 0xa1, 0xa1, 0xa1, 0xa1], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xff, 0xfe], [0xfe, 0xff]];

const text = hostileCell("text").map((c) => (typeof c === "string" ? c : ""));
export const cellValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...FORMULA_PAYLOADS), weight: 4 },
  { arbitrary: text, weight: 4 },
  { arbitrary: fc.constantFrom(...DATE_TEXTS), weight: 1 },
  { arbitrary: fc.constantFrom(...YES_NO_TEXTS), weight: 1 },
  { arbitrary: fc.constantFrom("", "   ", "\u0000", "\uFEFF", "\u2028", "a\u0000b"), weight: 1 },
);

/** An edit of the table before it is written. Indices wrap around the table. */
export type TableEdit =
  | { readonly op: "cell"; readonly row: number; readonly col: number; readonly value: string }
  | { readonly op: "named"; readonly row: number; readonly header: string; readonly value: string }
  | { readonly op: "header"; readonly col: number; readonly value: string }
  | { readonly op: "dupHeader"; readonly from: number; readonly to: number }
  | { readonly op: "dropCol"; readonly col: number }
  | { readonly op: "addCol"; readonly header: string; readonly value: string }
  | { readonly op: "swapCols"; readonly a: number; readonly b: number }
  | { readonly op: "wide"; readonly row: number; readonly count: number }
  | { readonly op: "title"; readonly value: string }
  | { readonly op: "dropHeader" }
  | { readonly op: "dupRow"; readonly row: number }
  | { readonly op: "keepRows"; readonly n: number }
  | { readonly op: "huge"; readonly row: number; readonly col: number; readonly size: number };

const idx = fc.nat({ max: 1_000 });
const tableEdit = (hugeWeight: number, cellWeight: number): fc.Arbitrary<TableEdit> =>
  fc.oneof(
    { arbitrary: fc.record({ op: fc.constant("cell" as const), row: idx, col: idx, value: cellValue }), weight: Math.round(cellWeight * 1_000) },
    { arbitrary: fc.record({ op: fc.constant("named" as const), row: idx, header: fc.constantFrom(...TEXT_COLUMNS), value: fc.constantFrom(...FORMULA_PAYLOADS) }), weight: Math.round(cellWeight * 250) },
    { arbitrary: fc.record({ op: fc.constant("header" as const), col: idx, value: fc.oneof(fc.constantFrom(...HEADER_TEXTS), text) }), weight: 2000 },
    { arbitrary: fc.record({ op: fc.constant("dupHeader" as const), from: idx, to: idx }), weight: 1000 },
    { arbitrary: fc.record({ op: fc.constant("dropCol" as const), col: idx }), weight: 1000 },
    { arbitrary: fc.record({ op: fc.constant("addCol" as const), header: fc.oneof(fc.constantFrom(...HEADER_TEXTS), text), value: cellValue }), weight: 1000 },
    { arbitrary: fc.record({ op: fc.constant("swapCols" as const), a: idx, b: idx }), weight: 1000 },
    { arbitrary: fc.record({ op: fc.constant("wide" as const), row: idx, count: fc.integer({ min: 1_000, max: 4_000 }) }), weight: 150 },
    { arbitrary: fc.record({ op: fc.constant("title" as const), value: fc.oneof(text, fc.constant("XX镇矛盾纠纷排查化解台账（2024年）")) }), weight: 1000 },
    { arbitrary: fc.constant({ op: "dropHeader" as const }), weight: 300 },
    { arbitrary: fc.record({ op: fc.constant("dupRow" as const), row: idx }), weight: 1000 },
    { arbitrary: fc.record({ op: fc.constant("keepRows" as const), n: fc.nat({ max: 12 }) }), weight: 2000 },
    { arbitrary: fc.record({ op: fc.constant("huge" as const), row: idx, col: idx, size: fc.integer({ min: 1_048_576, max: 1_300_000 }) }), weight: Math.max(1, Math.round(hugeWeight * 1_000)) },
  );

/** A byte edit of the written file; `at` is a fraction of its length. */
export type ByteEdit =
  | { readonly op: "cut"; readonly at: number }
  | { readonly op: "flip"; readonly at: number; readonly mask: number }
  | { readonly op: "insert"; readonly at: number; readonly bytes: ReadonlyArray<number> }
  | { readonly op: "delete"; readonly at: number; readonly length: number }
  | { readonly op: "splice"; readonly at: number; readonly what: "nul" | "bom" | "quote" | "cr" | "lf" | "invalid-utf8"; readonly which: number };

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant("cut" as const), at }),
  fc.record({ op: fc.constant("flip" as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant("insert" as const), at, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant("delete" as const), at, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant("splice" as const), at, what: fc.constantFrom("nul" as const, "bom" as const, "quote" as const, "cr" as const, "lf" as const, "invalid-utf8" as const), which: fc.nat({ max: 100 }) }),
);

export type Form =
  | { readonly kind: "writer"; readonly encoding: CsvEncoding; readonly chunkRecords: number }
  | { readonly kind: "raw"; readonly bom: boolean; readonly eols: ReadonlyArray<"\r\n" | "\n" | "\r"> };

export type Recode = { readonly to: "utf-16le" | "utf-16be" | "gbk" | "gb18030"; readonly bom: boolean };

/** One hostile file: which good table, how it was edited, written, re-encoded, damaged and chunked, and how it is read. */
export interface CsvCase {
  readonly base: number;
  readonly edits: ReadonlyArray<TableEdit>;
  readonly form: Form;
  readonly recode?: Recode;
  readonly damage: ReadonlyArray<ByteEdit>;
  readonly cuts: ReadonlyArray<number>;
  readonly encoding: "detect" | CsvEncoding;
}

const form: fc.Arbitrary<Form> = fc.oneof(
  fc.record({ kind: fc.constant("writer" as const), encoding: fc.constantFrom<CsvEncoding>("utf-8-bom", "utf-8", "gb18030"), chunkRecords: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant("raw" as const), bom: fc.boolean(), eols: fc.array(fc.constantFrom("\r\n" as const, "\n" as const, "\r" as const), { minLength: 1, maxLength: 4 }) }),
);

/** `arbitrary` in a `share` (0–1) of the cases, else `otherwise` (weights are exact; a biased number would not be). */
function sometimes<A, B>(share: number, arbitrary: fc.Arbitrary<A>, otherwise: B): fc.Arbitrary<A | B> {
  const w = Math.round(share * 1_000);
  return fc.oneof({ arbitrary, weight: w }, { arbitrary: fc.constant(otherwise), weight: 1_000 - w });
}

/**
 * Hostile CSV cases over `bases` good tables: `damage`, `recode` and `cutShare`
 * are how often (0–1) a file is damaged byte by byte, re-encoded, and cut into
 * more than one chunk; `cellWeight` and `hugeWeight` how often an edit gives a
 * cell a new value or more than 1 MB of text (against about 12 for the edits
 * of columns and rows); `maxEdits` how many edits a file has at most.
 */
export const csvCase = (
  bases: number,
  options: { readonly damage: number; readonly hugeWeight: number; readonly recode: number; readonly cellWeight: number; readonly maxEdits: number; readonly cutShare: number },
): fc.Arbitrary<CsvCase> =>
  fc
    .record({
      base: fc.nat({ max: bases - 1 }),
      edits: fc.array(tableEdit(options.hugeWeight, options.cellWeight), { maxLength: options.maxEdits }),
      form,
      recode: sometimes(options.recode, fc.record({ to: fc.constantFrom("utf-16le" as const, "utf-16be" as const, "gbk" as const, "gb18030" as const), bom: fc.boolean() }), undefined),
      damage: sometimes(options.damage, fc.array(byteEdit, { minLength: 1, maxLength: 4 }), []),
      cuts: sometimes(options.cutShare, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), []),
      encoding: fc.constantFrom<"detect" | CsvEncoding>("detect", "detect", "detect", "utf-8", "utf-8-bom", "gb18030"),
    })
    .map(({ recode, ...c }) => ({ ...c, ...(recode === undefined ? {} : { recode }) }));

const wrap = (i: number, n: number): number => (n === 0 ? 0 : i % n);

/** The table after its edits. */
export const editTable = (good: ReadonlyArray<ReadonlyArray<string>>, edits: ReadonlyArray<TableEdit>): Array<Array<string>> => {
  let t = good.map((r) => [...r]);
  let headerAt = 0;
  const data = (): number => t.length - headerAt - 1;
  const dataRow = (i: number): Array<string> | undefined => (data() <= 0 ? undefined : t[headerAt + 1 + wrap(i, data())]);
  for (const e of edits) {
    const width = t[headerAt]?.length ?? 0;
    switch (e.op) {
      case "cell": {
        const row = dataRow(e.row);
        if (row !== undefined && row.length > 0) row[wrap(e.col, row.length)] = e.value;
        break;
      }
      case "named": {
        const row = dataRow(e.row);
        const col = t[headerAt]?.indexOf(e.header) ?? -1;
        if (row !== undefined && col >= 0 && col < row.length) row[col] = e.value;
        break;
      }
      case "header":
        if (width > 0) t[headerAt]![wrap(e.col, width)] = e.value;
        break;
      case "dupHeader":
        if (width > 0) t[headerAt]![wrap(e.to, width)] = t[headerAt]![wrap(e.from, width)]!;
        break;
      case "dropCol":
        if (width > 1) {
          const c = wrap(e.col, width);
          t = t.map((r, i) => (i < headerAt ? r : r.filter((_, j) => j !== c)));
        }
        break;
      case "addCol":
        t = t.map((r, i) => (i < headerAt ? r : [...r, i === headerAt ? e.header : e.value]));
        break;
      case "swapCols":
        if (width > 0) {
          const [a, b] = [wrap(e.a, width), wrap(e.b, width)];
          for (const r of t.slice(headerAt)) [r[a], r[b]] = [r[b] ?? "", r[a] ?? ""];
        }
        break;
      case "wide": {
        const row = dataRow(e.row) ?? t[headerAt];
        if (row !== undefined) for (let k = 0; k < e.count; k += 1) row.push(k % 7 === 0 ? `列${k}` : "");
        break;
      }
      case "title":
        t.unshift([e.value]);
        headerAt += 1;
        break;
      case "dropHeader":
        if (t.length > headerAt) t.splice(headerAt, 1);
        break;
      case "dupRow": {
        const row = dataRow(e.row);
        if (row !== undefined) t.push([...row]);
        break;
      }
      case "keepRows":
        t = t.slice(0, headerAt + 1 + e.n);
        break;
      case "huge": {
        const row = dataRow(e.row);
        if (row !== undefined && row.length > 0) row[wrap(e.col, row.length)] = "纠".repeat(Math.ceil(e.size / 3));
        break;
      }
    }
  }
  // A record of no cells is an empty line, which every reader skips: it is not part of the table.
  return t.filter((r) => r.length > 0);
};

const quoteRaw = (cell: string): string => (cell === "" || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** A table written by hand: no formula guard, each record ended by the next of `eols` in turn. */
export const rawCsv = (table: ReadonlyArray<ReadonlyArray<string>>, eols: ReadonlyArray<string>): string => table.map((r, i) => r.map(quoteRaw).join(",") + eols[i % eols.length]!).join("");

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

const recodeText = (t: string, r: Recode): Buffer => {
  const bom = r.bom ? "\uFEFF" : "";
  if (r.to === "utf-16le") return Buffer.from(bom + t, "utf16le");
  if (r.to === "utf-16be") return Buffer.from(bom + t, "utf16le").swap16();
  return iconv.encode(bom + t, r.to);
};

const damageBytes = (bytes: Buffer, edits: ReadonlyArray<ByteEdit>): Buffer => {
  let b = bytes;
  for (const e of edits) {
    const p = Math.floor(e.at * (b.length + 1));
    switch (e.op) {
      case "cut":
        b = b.subarray(0, p);
        break;
      case "flip":
        if (b.length > 0) {
          b = Buffer.from(b);
          const q = Math.min(p, b.length - 1);
          b[q] = b[q]! ^ e.mask;
        }
        break;
      case "insert":
        b = Buffer.concat([b.subarray(0, p), Buffer.from(e.bytes), b.subarray(p)]);
        break;
      case "delete":
        b = Buffer.concat([b.subarray(0, p), b.subarray(p + e.length)]);
        break;
      case "splice": {
        const what = { nul: [0], bom: [0xef, 0xbb, 0xbf], quote: [0x22], cr: [0x0d], lf: [0x0a], "invalid-utf8": INVALID_UTF8[e.which % INVALID_UTF8.length]! }[e.what];
        b = Buffer.concat([b.subarray(0, p), Buffer.from(what), b.subarray(p)]);
        break;
      }
    }
  }
  return b;
};

/** The encoding the bytes are truly in, when a reader told it (or detecting it) decodes them as written. */
const family = (e: CsvEncoding): "utf-8" | "gb18030" => (e === "gb18030" ? "gb18030" : "utf-8");

/** A case as bytes, with the records a reader must give when the case has an exact answer. */
export interface BuiltCase {
  readonly bytes: Buffer;
  readonly table: ReadonlyArray<ReadonlyArray<string>>;
  /** The cells each record must have, when no byte was damaged and the file is read in its own encoding. */
  readonly expected?: ReadonlyArray<ReadonlyArray<string>>;
  /** The encoding the file was written in, before any re-encoding. */
  readonly written: CsvEncoding;
}

export const buildCase = async (good: ReadonlyArray<ReadonlyArray<string>>, c: CsvCase, detect: (bytes: Uint8Array) => CsvEncoding): Promise<BuiltCase> => {
  const table = editTable(good, c.edits);
  let bytes: Buffer;
  let written: CsvEncoding;
  let expected: ReadonlyArray<ReadonlyArray<string>>;
  if (c.form.kind === "writer") {
    written = c.form.encoding;
    bytes = await bytesOf(writeCsv(table, { encoding: written, chunkRecords: c.form.chunkRecords }));
    expected = table;
  } else {
    written = c.form.bom ? "utf-8-bom" : "utf-8";
    bytes = Buffer.from((c.form.bom ? "\uFEFF" : "") + rawCsv(table, c.form.eols), "utf8");
    // Written by hand, a cell keeps no guard: the reader takes one leading apostrophe away all the same.
    expected = table.map((r) => r.map(restoreFormula));
  }
  if (c.recode !== undefined) bytes = recodeText(c.form.kind === "writer" ? (written === "gb18030" ? iconv.decode(bytes, "gb18030", { stripBOM: false }) : bytes.toString("utf8")) : bytes.toString("utf8"), c.recode);
  bytes = damageBytes(bytes, c.damage);
  const firstCell = table[0]?.[0] ?? "";
  const exact =
    c.damage.length === 0 &&
    c.recode === undefined &&
    // Without a byte-order mark, a first cell that begins with U+FEFF reads as one.
    !(firstCell.startsWith("\uFEFF") && written !== "utf-8-bom") &&
    (c.encoding === "detect" ? bytes.length <= 65_536 && family(detect(bytes)) === family(written) : family(c.encoding) === family(written));
  return { bytes, table, written, ...(exact ? { expected } : {}) };
};

/** The bytes cut at the given points, as a stream delivers them. */
export const chunksOf = (bytes: Buffer, points: ReadonlyArray<number>): Array<Uint8Array> => {
  const cuts = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Array<Uint8Array> = [];
  let from = 0;
  for (const p of [...cuts, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
};
