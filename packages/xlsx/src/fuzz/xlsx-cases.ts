import fc from "fast-check";
import type { SheetRecord } from "@tiaojie/core";
import { type CellSpec, type SheetSpec, buildWorkbook } from "./workbook.js";
import { type ZipEntry, writeZip } from "./zip.js";

// Hostile XLSX files for the fuzzer: small workbooks written part by part (or
// good workbooks written by exceljs and by the package's exporter), then
// damaged where a zip and its XML can be: entries removed, renamed, doubled or
// their XML broken; the zip's bytes cut, flipped, inserted or deleted; or a
// file that is no zip at all. An undamaged small workbook has an exact answer.

/** A formula a spreadsheet would run, DDE payloads included. */
export const FORMULAS: ReadonlyArray<string> = ["cmd|' /C calc'!A0", "SUM(A1:A9)", 'HYPERLINK("http://example.invalid/x","点我")', "1+1", "NOW()", 'CONCAT("山林","承包")', "A1&B1", "-2+3+cmd|' /C calc'!A0"];

/** Text hostile to XML and to spreadsheets: control characters, OOXML's own escapes, entities, formula starts, lone surrogates, CJK beyond the BMP. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", " ", "村", "𠀀", "😀", "=", "+", "-", "@", "'", "\t", "\r", "\n", "\u0000", "\u0001", "\u001f", "\ufffe", "\ud800", "_x0041_", "&lt;", "&", "<", ">", '"', "]]>", "\u2028"), maxLength: 24 }),
  fc.string({ unit: "grapheme", maxLength: 16 }),
  fc.constantFrom("序号", "排查时间", "村(社区)", "简要情况", "=cmd|' /C calc'!A0", "@SUM(A1)", "-1", "2024-03-05"),
);

/** Cells this fuzzer makes no claim about but that the reader must survive: bad indices, numbers and dates out of range, wrong types, broken references. */
const RAW_CELLS: ReadonlyArray<string> = [
  '<c r="{ref}" t="s"><v>99999</v></c>',
  '<c r="{ref}" t="s"><v>-1</v></c>',
  '<c r="{ref}" t="s"><v>abc</v></c>',
  '<c r="{ref}"><v>abc</v></c>',
  '<c r="{ref}"><v>1e400</v></c>',
  '<c r="{ref}" t="n"><v></v></c>',
  '<c r="{ref}" s="1"><v>1e308</v></c>',
  '<c r="{ref}" s="1"><v>3000000</v></c>',
  '<c r="{ref}" s="1"><v>-700000</v></c>',
  '<c r="{ref}" s="1"><v>0.5</v></c>',
  '<c r="{ref}" s="1" t="s"><v>0</v></c>',
  '<c r="{ref}" s="1" t="b"><v>1</v></c>',
  '<c r="{ref}" s="1" t="inlineStr"><is><t>2024年3月5日</t></is></c>',
  '<c r="{ref}" t="d"><v>2024-03-05T00:00:00Z</v></c>',
  '<c r="{ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
  '<c r="{ref}" t="b"><f>TRUE()</f><v>1</v></c>',
  '<c r="{ref}"><f t="shared" si="0"/><v>3</v></c>',
  '<c r="{ref}"><f t="array" ref="A1:A2">A1:A2*2</f><v>4</v></c>',
  '<c r="{ref}" t="inlineStr"><is><r><t>务工</t></r><r><rPr><b/></rPr><t>欠薪</t></r></is></c>',
  '<c r="{ref}" t="str"><v>无公式</v></c>',
  '<c r="{ref}"/>',
  '<c r="{ref}" s="999"><v>1</v></c>',
  '<c r="{ref}" s="-1"><v>1</v></c>',
  '<c t="inlineStr"><is><t>无引用</t></is></c>',
  '<c r="1A"><v>1</v></c>',
  '<c r="A0"><v>1</v></c>',
  '<c r="XFE1"><v>1</v></c>',
  '<c r="{ref}" t="inlineStr"><is><t>&#x1;</t></is></c>',
  '<c r="{ref}" t="inlineStr"><is><t>&bogus;</t></is></c>',
  '<c r="{ref}" t="x"><v>1</v></c>',
  '<c r="{ref}"><v>1</v><v>2</v></c>',
  '<c r="{ref}"><is><t>t 无类型</t></is></c>',
];

const cellSpec = (hugeWeight: number): fc.Arbitrary<CellSpec> =>
  fc.oneof(
    { arbitrary: fc.record({ t: fc.constant("shared" as const), text: hostileText }), weight: 60 },
    { arbitrary: fc.record({ t: fc.constant("inline" as const), text: hostileText }), weight: 30 },
    { arbitrary: fc.record({ t: fc.constant("rich" as const), runs: fc.array(hostileText, { minLength: 1, maxLength: 3 }) }), weight: 20 },
    { arbitrary: fc.record({ t: fc.constant("number" as const), value: fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })) }), weight: 30 },
    { arbitrary: fc.record({ t: fc.constant("boolean" as const), value: fc.boolean() }), weight: 10 },
    { arbitrary: fc.record({ t: fc.constant("error" as const), value: fc.constantFrom("#N/A" as const, "#DIV/0!" as const, "#REF!" as const, "#VALUE!" as const) }), weight: 10 },
    { arbitrary: fc.record({ t: fc.constant("date" as const), serial: fc.oneof(fc.integer({ min: 61, max: 2_958_465 }), fc.integer({ min: 32_874, max: 73_050 })) }), weight: 30 },
    {
      arbitrary: fc.record(
        {
          t: fc.constant("formula" as const),
          formula: fc.constantFrom(...FORMULAS),
          cached: fc.oneof(
            fc.record({ t: fc.constant("number" as const), value: fc.integer({ min: -1_000, max: 1_000 }) }),
            fc.record({ t: fc.constant("text" as const), value: hostileText }),
          ),
        },
        { requiredKeys: ["t", "formula"] },
      ),
      weight: 40,
    },
    { arbitrary: fc.record({ t: fc.constant("inline" as const), text: fc.integer({ min: 32_767, max: 40_000 }).map((n) => "长".repeat(n)) }), weight: hugeWeight },
    { arbitrary: fc.record({ t: fc.constant("raw" as const), xml: fc.constantFrom(...RAW_CELLS) }), weight: 30 },
  );

/** Rows the same way: numbers missing, zero, negative, repeated, past the sheet's end. */
const RAW_ROWS: ReadonlyArray<string> = [
  '<row><c r="A9"><v>1</v></c></row>',
  '<row r="0"><c r="A1"><v>1</v></c></row>',
  '<row r="-5"><c r="A1"><v>1</v></c></row>',
  '<row r="abc"><c r="A1"><v>1</v></c></row>',
  '<row r="1048577"><c r="A1048577"><v>1</v></c></row>',
  '<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>',
  '<row r="7" spans="1:16384" ht="abc" s="99"><c r="B7" t="inlineStr"><is><t>行</t></is></c></row>',
];

/** Sheet names: the usual ones, and names hostile to XML (but holding only characters an XML attribute can). */
const sheetName = fc.oneof(
  { arbitrary: fc.constantFrom("台账", "Sheet1", "1月", "矛盾纠纷排查化解台账"), weight: 4 },
  { arbitrary: fc.string({ unit: fc.constantFrom("a", " ", "村", "𠀀", "😀", "&", "<", ">", '"', "'", "(2)", "=", "_x0041_"), minLength: 1, maxLength: 12 }), weight: 1 },
);

const sheetSpec = (hugeWeight: number): fc.Arbitrary<SheetSpec & { readonly rawRows: ReadonlyArray<string> }> =>
  fc.record({
    name: sheetName,
    rows: fc.uniqueArray(
      fc.record({
        r: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 8 }), weight: 20 }, { arbitrary: fc.constant(1_048_576), weight: 1 }),
        cells: fc.array(fc.record({ col: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 8 }), weight: 80 }, { arbitrary: fc.constantFrom(703, 16_384), weight: 1 }), cell: cellSpec(hugeWeight) }), { minLength: 1, maxLength: 5 }),
      }),
      { selector: (r) => r.r, maxLength: 4 },
    ),
    merged: fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, { arbitrary: fc.constant(["A1:F1", "B2:C3"]), weight: 1 }),
    dimension: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constantFrom("A1:XFD1048576", "A1", "ZZZ0:A-1"), weight: 1 }),
    rawRows: fc.oneof({ arbitrary: fc.constant([]), weight: 12 }, { arbitrary: fc.array(fc.constantFrom(...RAW_ROWS), { minLength: 1, maxLength: 2 }), weight: 1 }),
  }).map(({ dimension, ...s }) => ({ ...s, ...(dimension === undefined ? {} : { dimension }) }));

/** Which part of a workbook an edit goes to. */
export type Target = "sharedStrings" | "workbook" | "workbookRels" | "styles" | "sheet" | "contentTypes" | "rootRels" | { readonly index: number };

const PATHS: Readonly<Record<Exclude<Target, { readonly index: number }>, RegExp>> = {
  sharedStrings: /^xl\/sharedStrings\.xml$/,
  workbook: /^xl\/workbook\.xml$/,
  workbookRels: /^xl\/_rels\/workbook\.xml\.rels$/,
  styles: /^xl\/styles\.xml$/,
  sheet: /^xl\/worksheets\/sheet\d+\.xml$/,
  contentTypes: /^\[Content_Types\]\.xml$/,
  rootRels: /^_rels\/\.rels$/,
};

const target: fc.Arbitrary<Target> = fc.oneof(
  { arbitrary: fc.constantFrom<Target>("sharedStrings", "workbook", "workbookRels", "styles", "sheet", "sheet", "contentTypes", "rootRels"), weight: 4 },
  { arbitrary: fc.record({ index: fc.nat({ max: 50 }) }), weight: 1 },
);

/** Snippets that break a part's XML, or only bend it. */
const XML_BREAKERS: ReadonlyArray<string> = [
  "<",
  "&bogus;",
  "</x>",
  "\u0000",
  "]]>",
  "<![CDATA[",
  '<?xml version="1.0"?>',
  '<row r="1"><c r="A1" t="inlineStr"><is><t>插入</t></is></c></row>',
  '<c r="A1" t="s"><v>999999</v></c>',
  "<sheetData>",
  "</sheetData>",
  '<sheet name="x" sheetId="9" r:id="rId99"/>',
  '<Relationship Id="rId1" Type="x" Target="/xl/worksheets/sheet1.xml"/>',
  '<si><t>额外</t></si>',
  "\uFFFE",
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
];

const RENAMES: ReadonlyArray<string> = ["xl/worksheets/sheet01.xml", "xl/worksheets/Sheet1.xml", "xl/worksheets/sheet1.XML", "xl/worksheets/sheet9.xml", "xl/worksheets/sheet1.xml", "xl/sharedstrings.xml", "/xl/workbook.xml", "../../evil.xml", "xl\\workbook.xml", "xl/worksheets/sheet2.xml"];

export type EntryEdit =
  | { readonly op: "remove"; readonly target: Target }
  | { readonly op: "rename"; readonly target: Target; readonly to: string }
  | { readonly op: "duplicate"; readonly target: Target }
  | { readonly op: "cutXml"; readonly target: Target; readonly at: number }
  | { readonly op: "insertXml"; readonly target: Target; readonly at: number; readonly snippet: string }
  | { readonly op: "replaceXml"; readonly target: Target; readonly snippet: string }
  | { readonly op: "stripAttribute"; readonly target: Target; readonly attribute: "r" | "t" | "s" | "r:id" | "name" | "Target" }
  | { readonly op: "utf16"; readonly target: Target; readonly bom: boolean }
  | { readonly op: "declare"; readonly target: Target; readonly encoding: string };

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const entryEdit: fc.Arbitrary<EntryEdit> = fc.oneof(
  fc.record({ op: fc.constant("remove" as const), target }),
  fc.record({ op: fc.constant("rename" as const), target, to: fc.constantFrom(...RENAMES) }),
  fc.record({ op: fc.constant("duplicate" as const), target }),
  fc.record({ op: fc.constant("cutXml" as const), target, at }),
  fc.record({ op: fc.constant("insertXml" as const), target, at, snippet: fc.constantFrom(...XML_BREAKERS) }),
  fc.record({ op: fc.constant("replaceXml" as const), target, snippet: fc.constantFrom("", ...XML_BREAKERS) }),
  fc.record({ op: fc.constant("stripAttribute" as const), target, attribute: fc.constantFrom("r" as const, "t" as const, "s" as const, "r:id" as const, "name" as const, "Target" as const) }),
  fc.record({ op: fc.constant("utf16" as const), target, bom: fc.boolean() }),
  fc.record({ op: fc.constant("declare" as const), target, encoding: fc.constantFrom("GBK", "UTF-16", "ISO-8859-1", "bogus") }),
);

export type ZipEdit =
  | { readonly op: "cut"; readonly at: number }
  | { readonly op: "flip"; readonly at: number; readonly mask: number }
  | { readonly op: "insert"; readonly at: number; readonly bytes: ReadonlyArray<number> }
  | { readonly op: "delete"; readonly at: number; readonly length: number }
  | { readonly op: "signature"; readonly at: number; readonly which: number }
  | { readonly op: "append"; readonly bytes: ReadonlyArray<number> }
  | { readonly op: "prepend"; readonly bytes: ReadonlyArray<number> };

const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 });
const zipEdit: fc.Arbitrary<ZipEdit> = fc.oneof(
  fc.record({ op: fc.constant("cut" as const), at }),
  fc.record({ op: fc.constant("flip" as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant("flip" as const), at, mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant("insert" as const), at, bytes }),
  fc.record({ op: fc.constant("delete" as const), at, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant("signature" as const), at, which: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant("append" as const), bytes }),
  fc.record({ op: fc.constant("prepend" as const), bytes }),
);

/** A file that is no workbook at all. */
export type Junk = { readonly kind: "random"; readonly bytes: ReadonlyArray<number> } | { readonly kind: "csv" } | { readonly kind: "empty" } | { readonly kind: "zip-header"; readonly bytes: ReadonlyArray<number> } | { readonly kind: "other-zip" };

const junk: fc.Arbitrary<Junk> = fc.oneof(
  fc.record({ kind: fc.constant("random" as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 600 }) }),
  fc.constant({ kind: "csv" as const }),
  fc.constant({ kind: "empty" as const }),
  fc.record({ kind: fc.constant("zip-header" as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 }) }),
  fc.constant({ kind: "other-zip" as const }),
);

export type Source = { readonly kind: "built"; readonly sheets: ReadonlyArray<SheetSpec & { readonly rawRows: ReadonlyArray<string> }> } | { readonly kind: "base"; readonly index: number } | { readonly kind: "junk"; readonly junk: Junk };

/** One hostile file: where it starts, how it is damaged, how its bytes arrive, and which sheets are read. */
export interface XlsxCase {
  readonly source: Source;
  readonly shuffle: number;
  readonly store: boolean;
  readonly entryEdits: ReadonlyArray<EntryEdit>;
  readonly zipEdits: ReadonlyArray<ZipEdit>;
  readonly cuts: ReadonlyArray<number>;
  readonly sheets: "ledger" | "all";
}

/** One sheet mostly (each sheet costs the reader a temporary file), sometimes two or three. */
const sheetsOf = <A>(sheet: fc.Arbitrary<A>): fc.Arbitrary<Array<A>> =>
  fc.oneof({ arbitrary: fc.array(sheet, { minLength: 1, maxLength: 1 }), weight: 9 }, { arbitrary: fc.array(sheet, { minLength: 2, maxLength: 3 }), weight: 1 });

/** `arbitrary` in a `share` (0–1) of the cases, else `otherwise` (weights are exact; a biased number would not be). */
function sometimes<A, B>(share: number, arbitrary: fc.Arbitrary<A>, otherwise: B): fc.Arbitrary<A | B> {
  const w = Math.round(share * 1_000);
  return fc.oneof({ arbitrary, weight: w }, { arbitrary: fc.constant(otherwise), weight: 1_000 - w });
}

/**
 * Hostile XLSX cases: `bases` good workbooks to start from besides the small
 * ones built here; `shares` of cases from a base, of junk, with entry edits,
 * with zip edits, and cut into chunks; `hugeWeight` how often a cell is longer
 * than an XLSX cell holds (against about 260 for the other cells).
 */
export const xlsxCase = (
  bases: number,
  shares: { readonly base: number; readonly junk: number; readonly entryEdits: number; readonly zipEdits: number; readonly cuts: number; readonly hugeWeight: number },
): fc.Arbitrary<XlsxCase> =>
  fc.record({
    source: fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant("built" as const), sheets: sheetsOf(sheetSpec(shares.hugeWeight)) }), weight: Math.round((1 - shares.base - shares.junk) * 1_000) },
      { arbitrary: fc.record({ kind: fc.constant("base" as const), index: fc.nat({ max: Math.max(0, bases - 1) }) }), weight: bases === 0 ? 0 : Math.round(shares.base * 1_000) },
      { arbitrary: fc.record({ kind: fc.constant("junk" as const), junk }), weight: Math.round(shares.junk * 1_000) },
    ),
    shuffle: fc.nat(),
    // Stored (uncompressed) parts as often as deflated ones: both are zips, and a stored part costs the reader less.
    store: fc.oneof({ arbitrary: fc.constant(true), weight: 2 }, { arbitrary: fc.constant(false), weight: 1 }),
    entryEdits: sometimes(shares.entryEdits, fc.array(entryEdit, { minLength: 1, maxLength: 3 }), []),
    zipEdits: sometimes(shares.zipEdits, fc.array(zipEdit, { minLength: 1, maxLength: 3 }), []),
    cuts: sometimes(shares.cuts, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), []),
    sheets: fc.constantFrom("ledger" as const, "all" as const),
  });

const pick = (entries: ReadonlyArray<ZipEntry>, t: Target): number => {
  if (typeof t === "object") return entries.length === 0 ? -1 : t.index % entries.length;
  return entries.findIndex((e) => PATHS[t].test(e.path));
};

const text = (e: ZipEntry): string => e.data.toString("utf8");

const editEntries = (entries: Array<ZipEntry>, edits: ReadonlyArray<EntryEdit>): Array<ZipEntry> => {
  let out = [...entries];
  for (const e of edits) {
    const i = pick(out, e.target);
    if (i < 0) continue;
    const entry = out[i]!;
    const put = (data: Buffer, path = entry.path): void => {
      out[i] = { path, data };
    };
    switch (e.op) {
      case "remove":
        out = out.filter((_, j) => j !== i);
        break;
      case "rename":
        put(entry.data, e.to);
        break;
      case "duplicate":
        out.splice(i + 1, 0, { path: entry.path, data: entry.data });
        break;
      case "cutXml":
        put(entry.data.subarray(0, Math.floor(e.at * entry.data.length)));
        break;
      case "insertXml": {
        const p = Math.floor(e.at * (entry.data.length + 1));
        put(Buffer.concat([entry.data.subarray(0, p), Buffer.from(e.snippet, "utf8"), entry.data.subarray(p)]));
        break;
      }
      case "replaceXml":
        put(Buffer.from(e.snippet, "utf8"));
        break;
      case "stripAttribute":
        put(Buffer.from(text(entry).replace(new RegExp(`\\s${e.attribute.replace(":", "\\:")}="[^"]*"`, "g"), ""), "utf8"));
        break;
      case "utf16":
        put(Buffer.from((e.bom ? "\uFEFF" : "") + text(entry), "utf16le"));
        break;
      case "declare":
        put(Buffer.from(text(entry).replace(/encoding="[^"]*"/, `encoding="${e.encoding}"`), "utf8"));
        break;
    }
  }
  return out;
};

const SIGNATURES = [0x04034b50, 0x02014b50, 0x06054b50, 0x08074b50];

const editZip = (zip: Buffer, edits: ReadonlyArray<ZipEdit>): Buffer => {
  let b = zip;
  for (const e of edits) {
    const p = "at" in e ? Math.floor(e.at * (b.length + 1)) : 0;
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
      case "signature": {
        const sig = Buffer.alloc(4);
        sig.writeUInt32LE(SIGNATURES[e.which]!);
        b = Buffer.concat([b.subarray(0, p), sig, b.subarray(Math.min(b.length, p + 4))]);
        break;
      }
      case "append":
        b = Buffer.concat([b, Buffer.from(e.bytes)]);
        break;
      case "prepend":
        b = Buffer.concat([Buffer.from(e.bytes), b]);
        break;
    }
  }
  return b;
};

const junkBytes = (j: Junk): Buffer => {
  switch (j.kind) {
    case "random":
      return Buffer.from(j.bytes);
    case "csv":
      return Buffer.from("\uFEFF序号,排查时间,村(社区)\r\n1,2024-03-05,溪口村\r\n", "utf8");
    case "empty":
      return Buffer.alloc(0);
    case "zip-header":
      return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(j.bytes)]);
    case "other-zip":
      return writeZip([{ path: "readme.txt", data: Buffer.from("不是工作簿 / not a workbook", "utf8") }]);
  }
};

/** A deterministic shuffle of the entries (a zip's parts may come in any order). */
const shuffled = <A>(items: ReadonlyArray<A>, seed: number): Array<A> => {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

export interface BuiltXlsx {
  readonly bytes: Buffer;
  /** What readXlsx must give for the sheets asked, when the case has an exact answer: its records, or refusal for a workbook without rows. */
  readonly expected?: { readonly records: ReadonlyArray<SheetRecord> } | { readonly unreadable: true };
}

const ledgerSheets = (records: ReadonlyArray<SheetRecord>, which: "ledger" | "all"): ReadonlyArray<SheetRecord> => {
  if (which === "all" || records.length === 0) return records;
  const first = records[0]!.sheet!;
  return records.filter((r) => r.sheet === first || (r.sheet!.startsWith(`${first} (`) && /^ \(\d+\)$/.test(r.sheet!.slice(first.length))));
};

export const buildXlsx = (c: XlsxCase, bases: ReadonlyArray<ReadonlyArray<ZipEntry>>): BuiltXlsx => {
  if (c.source.kind === "junk") return { bytes: editZip(junkBytes(c.source.junk), c.zipEdits) };
  let entries: Array<ZipEntry>;
  let expected: ReadonlyArray<SheetRecord> | undefined;
  if (c.source.kind === "base") entries = [...bases[c.source.index]!];
  else {
    // Raw rows go at the end of their sheet's data; they make no claim, so such a workbook has no exact answer.
    const built = buildWorkbook(c.source.sheets);
    entries = built.entries;
    const raw = c.source.sheets.some((s) => s.rawRows.length > 0);
    entries = entries.map((e) => {
      const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.path);
      const spec = m === null ? undefined : (c.source as Extract<Source, { kind: "built" }>).sheets[Number(m[1]) - 1];
      return spec === undefined || spec.rawRows.length === 0 ? e : { path: e.path, data: Buffer.from(e.data.toString("utf8").replace("</sheetData>", `${spec.rawRows.join("")}</sheetData>`), "utf8") };
    });
    expected = raw ? undefined : built.expected;
  }
  const damaged = c.entryEdits.length > 0 || c.zipEdits.length > 0;
  const bytes = editZip(writeZip(shuffled(editEntries(entries, c.entryEdits), c.shuffle), { store: c.store }), c.zipEdits);
  if (damaged || expected === undefined) return { bytes };
  const records = ledgerSheets(expected, c.sheets);
  return { bytes, expected: records.length === 0 ? { unreadable: true } : { records } };
};

/** The bytes cut at the given points, as a stream delivers them (one buffer when there are none). */
export const sourceOf = (bytes: Buffer, points: ReadonlyArray<number>): Uint8Array | Array<Uint8Array> => {
  if (points.length === 0) return bytes;
  const cuts = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Array<Uint8Array> = [];
  let from = 0;
  for (const p of [...cuts, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
};
