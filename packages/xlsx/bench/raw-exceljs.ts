import ExcelJS from "exceljs";
import { Writable } from "node:stream";
import { type SheetCell, disputeLedgerColumns } from "@tiaojie/core";
import { ledgerRows } from "./ledger-rows.js";

// The baselines: exceljs by hand, with nothing of ours in between.

const FILLS = { red: "FFFF0000", orange: "FFFFC000", yellow: "FFFFFF00", blue: "FF00B0F0" } as const;
const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });

/** A stream that counts what it is given and lets it go. */
export const countingSink = (): { readonly sink: Writable; readonly bytes: () => number } => {
  let bytes = 0;
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
};

/**
 * A raw exceljs streaming write of the same cells and styles the exporter
 * writes: the same header (bold, grey, frozen), widths, inline strings, date
 * cells with their format, level cells with their fill, yes/no as 是/否.
 */
export const rawExceljsWrite = async (count: number): Promise<number> => {
  const { sink, bytes } = countingSink();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet("矛盾纠纷排查化解台账", { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  sheet.columns = disputeLedgerColumns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(disputeLedgerColumns.map((c) => c.zh));
  header.font = { bold: true };
  const grey = fill("FFD9D9D9");
  header.eachCell((cell) => {
    cell.fill = grey;
  });
  header.commit();
  const fills = Object.fromEntries(Object.entries(FILLS).map(([k, v]) => [k, fill(v)])) as Record<keyof typeof FILLS, ExcelJS.Fill>;
  let n = 0;
  for (const cells of ledgerRows(count)) {
    const row = sheet.addRow(cells.map((c: SheetCell) => (c === null || typeof c !== "object" ? (typeof c === "boolean" ? (c ? "是" : "否") : c) : "date" in c ? new Date(`${c.date}T00:00:00Z`) : c.label)));
    cells.forEach((c, i) => {
      if (c === null || typeof c !== "object") return;
      const cell = row.getCell(i + 1);
      if ("date" in c) cell.numFmt = "yyyy-mm-dd";
      else cell.fill = fills[c.level];
    });
    row.commit();
    n += 1;
    if (n % 512 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await book.commit();
  return bytes();
};

/** A raw exceljs streaming read of a file: every row's values touched; the number of rows. */
export const rawExceljsRead = async (file: string): Promise<number> => {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { entries: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit" });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
      if ((row.values as ReadonlyArray<unknown>).length > 0) rows += 1;
    }
  }
  return rows;
};
