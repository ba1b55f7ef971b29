import type { SheetCell, SheetRecord } from "@tiaojie/core";
import { encodeXstring } from "../index.js";
import type { ZipEntry } from "./zip.js";

// The smallest workbooks SpreadsheetML allows, written part by part, so that
// the fuzzer controls every cell's XML: shared and inline strings, rich text,
// numbers, booleans, error values, date cells, formulas with and without a
// cached result, cells past 32,767 characters, merged cells and a declared
// dimension. Each cell says what the reader must give for it, so an undamaged
// workbook has an exact answer.

export type CellSpec =
  | { readonly t: "shared"; readonly text: string }
  | { readonly t: "inline"; readonly text: string }
  | { readonly t: "rich"; readonly runs: ReadonlyArray<string> }
  | { readonly t: "number"; readonly value: number }
  | { readonly t: "boolean"; readonly value: boolean }
  | { readonly t: "error"; readonly value: "#N/A" | "#DIV/0!" | "#REF!" | "#VALUE!" }
  | { readonly t: "date"; readonly serial: number }
  | { readonly t: "formula"; readonly formula: string; readonly cached?: { readonly t: "number"; readonly value: number } | { readonly t: "text"; readonly value: string } }
  // Cells whose answer this builder does not claim: the reader must only stay within its types.
  | { readonly t: "raw"; readonly xml: string };

export interface SheetSpec {
  readonly name: string;
  /** Rows by number; each cell by its column (from 1). */
  readonly rows: ReadonlyArray<{ readonly r: number; readonly cells: ReadonlyArray<{ readonly col: number; readonly cell: CellSpec }> }>;
  readonly merged?: ReadonlyArray<string>;
  readonly dimension?: string;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const xml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Text as a cell holds it: OOXML's escapes for what XML cannot hold, then XML's own. */
const cellText = (s: string): string => xml(encodeXstring(s));

/** A column's letters (1 → A, 27 → AA). */
export const columnName = (col: number): string => {
  let n = col;
  let out = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    out = String.fromCharCode(65 + m) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};

/** The day a date cell's serial is (day 0 is 1899-12-30, as the reader counts). */
const dayOf = (serial: number): string => new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString().slice(0, 10);

/** What the reader gives for a cell, or `undefined` when this builder does not claim it. */
export const expectedCell = (c: CellSpec): SheetCell | undefined => {
  switch (c.t) {
    // An empty shared string is an empty cell to the reader.
    case "shared":
      return c.text === "" ? null : c.text;
    case "inline":
      return c.text;
    case "rich":
      return c.runs.join("");
    case "number":
      return c.value;
    case "boolean":
      return c.value;
    case "error":
      return c.value;
    case "date":
      return { date: dayOf(c.serial) as never };
    case "formula":
      // The package's formula rule: a formula's cached result, or without one its text, never the formula itself.
      // (exceljs 4.4 keeps no falsy cached result, so a formula whose result is 0 or "" reads as its text too.)
      return c.cached === undefined || c.cached.value === "" || c.cached.value === 0 ? `=${c.formula}` : c.cached.value;
    case "raw":
      return undefined;
  }
};

/** A workbook's parts, and the records a reader of every sheet must give (`undefined` when a raw cell is not claimed). */
export const buildWorkbook = (sheets: ReadonlyArray<SheetSpec>): { readonly entries: Array<ZipEntry>; readonly expected?: ReadonlyArray<SheetRecord> } => {
  const shared: Array<string> = [];
  const sharedIndex = (si: string): number => {
    shared.push(si);
    return shared.length - 1;
  };
  let claimed = true;
  const expected: Array<SheetRecord> = [];
  const sheetXml = sheets.map((s) => {
    const rows = [...s.rows].sort((a, b) => a.r - b.r);
    const body = rows.map((row) => {
      const cells = [...new Map(row.cells.map((c) => [c.col, c.cell])).entries()].sort((a, b) => a[0] - b[0]);
      const values: Array<SheetCell> = [];
      const xmlCells = cells.map(([col, c]) => {
        const ref = `${columnName(col)}${row.r}`;
        const want = expectedCell(c);
        if (want === undefined) claimed = false;
        while (values.length < col - 1) values.push(null);
        values.push(want ?? null);
        switch (c.t) {
          case "shared":
            return `<c r="${ref}" t="s"><v>${sharedIndex(`<si><t xml:space="preserve">${cellText(c.text)}</t></si>`)}</v></c>`;
          case "inline":
            return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${cellText(c.text)}</t></is></c>`;
          case "rich":
            return `<c r="${ref}" t="s"><v>${sharedIndex(`<si>${c.runs.map((t, i) => `<r>${i % 2 === 1 ? "<rPr><b/></rPr>" : ""}<t xml:space="preserve">${cellText(t)}</t></r>`).join("")}</si>`)}</v></c>`;
          case "number":
            return `<c r="${ref}"><v>${c.value}</v></c>`;
          case "boolean":
            return `<c r="${ref}" t="b"><v>${c.value ? 1 : 0}</v></c>`;
          case "error":
            return `<c r="${ref}" t="e"><v>${c.value}</v></c>`;
          case "date":
            return `<c r="${ref}" s="1"><v>${c.serial}</v></c>`;
          case "formula": {
            const f = `<f>${xml(c.formula)}</f>`;
            if (c.cached === undefined) return `<c r="${ref}">${f}</c>`;
            return c.cached.t === "text" ? `<c r="${ref}" t="str">${f}<v>${cellText(c.cached.value)}</v></c>` : `<c r="${ref}">${f}<v>${c.cached.value}</v></c>`;
          }
          case "raw":
            return c.xml.replace(/\{ref\}/g, ref);
        }
      });
      // A row's cells end at its last cell with a value.
      while (values.length > 0 && values[values.length - 1] === null) values.pop();
      expected.push({ sheet: s.name, row: row.r, cells: values });
      return `<row r="${row.r}">${xmlCells.join("")}</row>`;
    });
    const dimension = s.dimension === undefined ? "" : `<dimension ref="${s.dimension}"/>`;
    const merged = s.merged === undefined || s.merged.length === 0 ? "" : `<mergeCells count="${s.merged.length}">${s.merged.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${dimension}<sheetData>${body.join("")}</sheetData>${merged}</worksheet>`;
  });
  const part = (path: string, text: string): ZipEntry => ({ path, data: Buffer.from(text, "utf8") });
  const entries: Array<ZipEntry> = [
    part(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS} xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${xml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    ),
    part(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    // Style 1 is a date (built-in number format 14).
    part(
      "xl/styles.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    ...sheetXml.map((x, i) => part(`xl/worksheets/sheet${i + 1}.xml`, x)),
    part("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${shared.length}" uniqueCount="${shared.length}">${shared.join("")}</sst>`),
  ];
  return claimed ? { entries, expected } : { entries };
};
