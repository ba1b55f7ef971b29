import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import unzipper from "unzipper";
import ExcelJS from "exceljs";

// Our own small interface to an XLSX library, so that exceljs (unmaintained)
// can be replaced without touching the exporter or the importer: a streaming
// writer of sheets of styled cells, and a streaming reader of rows of plain
// values. Only this module imports exceljs.

/** A value as a workbook cell holds it. @since 0.5.0 */
export type XlsxValue = string | number | boolean | Date | null;

/**
 * A cell to write: its value (a `Date` is a calendar day at UTC midnight), and
 * optionally a fill colour (ARGB, such as `FFFF0000`) and a number format.
 * @since 0.5.0
 */
export interface XlsxCell {
  readonly value: XlsxValue;
  readonly fill?: string;
  readonly numFmt?: string;
}

/** A column of a sheet to write: its header and its width in characters. @since 0.5.0 */
export interface XlsxColumn {
  readonly header: string;
  readonly width: number;
}

/** A sheet being written: rows go in one at a time, then it is committed. @since 0.5.0 */
export interface XlsxSheetWriter {
  readonly addRow: (cells: ReadonlyArray<XlsxCell>) => void;
  readonly commit: () => Promise<void>;
}

/** A workbook being written into a stream. @since 0.5.0 */
export interface XlsxWorkbookWriter {
  /** A new sheet, its header row (bold, frozen) written. */
  readonly addSheet: (name: string, columns: ReadonlyArray<XlsxColumn>) => XlsxSheetWriter;
  /** Ends the file. */
  readonly commit: () => Promise<void>;
}

/** One row as read: the sheet it is on, its number (from 1) and its values, empty cells `null`. @since 0.5.0 */
export interface XlsxRow {
  readonly sheet: string;
  readonly row: number;
  readonly values: ReadonlyArray<XlsxReadValue>;
}

/**
 * A value as read: plain values, a `Date` where the cell has a date format,
 * `{ text }` for rich text and links, `{ formula, result? }` for a formula and
 * its cached result, `{ error }` for an error value such as `#N/A`.
 * @since 0.5.0
 */
export type XlsxReadValue =
  | XlsxValue
  | { readonly text: string }
  | { readonly formula: string; readonly result?: XlsxReadValue }
  | { readonly error: string };

/**
 * What the XLSX adapter needs of an XLSX library: a streaming writer and a
 * streaming reader. {@link exceljsEngine} is the default; another library goes
 * behind the same interface.
 * @since 0.5.0
 */
export interface XlsxEngine {
  readonly writer: (out: NodeJS.WritableStream) => XlsxWorkbookWriter;
  readonly read: (source: Readable) => AsyncIterable<XlsxRow>;
}

const HEADER_FILL = "FFD9D9D9";

const fillOf = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });

/** exceljs's streaming writer, inline strings (a shared-string table would grow with the whole workbook), styles on. */
const exceljsWriter = (out: NodeJS.WritableStream): XlsxWorkbookWriter => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as unknown as import("node:stream").Stream, useStyles: true, useSharedStrings: false });
  const fills = new Map<string, ExcelJS.Fill>();
  const fill = (argb: string): ExcelJS.Fill => {
    let f = fills.get(argb);
    if (f === undefined) fills.set(argb, (f = fillOf(argb)));
    return f;
  };
  return {
    addSheet: (name, columns) => {
      const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
      sheet.columns = columns.map((c) => ({ width: c.width }));
      const header = sheet.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.eachCell((cell) => {
        cell.fill = fill(HEADER_FILL);
      });
      header.commit();
      return {
        addRow: (cells) => {
          const row = sheet.addRow(cells.map((c) => c.value));
          cells.forEach((c, i) => {
            if (c.fill === undefined && c.numFmt === undefined) return;
            const cell = row.getCell(i + 1);
            if (c.fill !== undefined) cell.fill = fill(c.fill);
            if (c.numFmt !== undefined) cell.numFmt = c.numFmt;
          });
          row.commit();
        },
        commit: async () => sheet.commit(),
      };
    },
    commit: () => workbook.commit(),
  };
};

// exceljs's stream reader (WorkbookReader.parse) ends early on small files:
// unzipper's parser says "end" as soon as its input is written, while entries
// are still to come, and exceljs's loop stops there, so sheets lose their
// names and styles (their dates). We walk the zip's entries ourselves, with
// Node's own iteration of the parser, and hand each part to exceljs's own part
// readers; the worksheets wait in a temporary directory until the parts they
// need (relationships, workbook, styles, shared strings) are read, as exceljs
// does. These are exceljs 4.4's internal methods: the engine pins that version.
interface ReaderInternals {
  readonly model?: { readonly sheets?: ReadonlyArray<{ readonly name: string; readonly rId: string }> };
  readonly workbookRels?: ReadonlyArray<{ readonly Id: string; readonly Target: string }>;
  readonly _parseRels: (entry: Readable) => Promise<void>;
  readonly _parseWorkbook: (entry: Readable) => Promise<void>;
  readonly _parseStyles: (entry: Readable) => Promise<void>;
  readonly _parseSharedStrings: (entry: Readable) => AsyncIterable<unknown>;
  readonly _parseWorksheet: (iterator: AsyncIterable<unknown>, sheetNo: string) => Iterable<{ readonly eventType: string; readonly value: unknown }>;
}

/** A sheet's name from the workbook part (exceljs misses a relationship written as an absolute path, as some WPS files have it). */
const sheetName = (reader: ReaderInternals, sheetNo: string, fallback: string): string => {
  const rel = reader.workbookRels?.find((r) => r.Target.replace(/^\/?xl\//, "") === `worksheets/sheet${sheetNo}.xml`);
  return (rel === undefined ? undefined : reader.model?.sheets?.find((s) => s.rId === rel.Id)?.name) ?? fallback;
};

const readValue = (v: ExcelJS.CellValue): XlsxReadValue => {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if ("richText" in v) return { text: v.richText.map((r) => r.text ?? "").join("") };
  if ("error" in v) return { error: String(v.error) };
  if ("formula" in v || "sharedFormula" in v) {
    const f = v as { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };
    const formula = f.formula ?? f.sharedFormula ?? "";
    return f.result === undefined ? { formula } : { formula, result: readValue(f.result as ExcelJS.CellValue) };
  }
  if ("text" in v) {
    const t: unknown = (v as { readonly text: unknown }).text;
    if (typeof t === "string") return { text: t };
    const runs = (t as { readonly richText?: ReadonlyArray<{ readonly text?: string }> } | null)?.richText;
    return { text: runs === undefined ? String(t ?? "") : runs.map((r) => r.text ?? "").join("") };
  }
  return String(v);
};

const ignore = (): void => undefined;

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const EOCD_WINDOW = 22 + 65_535;
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

async function* exceljsRead(source: Readable): AsyncGenerator<XlsxRow> {
  const options = { entries: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit" } as const;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, options) as unknown as ReaderInternals;
  const dir = await mkdtemp(join(tmpdir(), "tiaojie-xlsx-"));
  try {
    const zip = unzipper.Parse({ forceStream: true });
    // unzipper waits for ever on a file cut short (it notices only when more
    // bytes come), so the end of the file is checked here: a zip ends with its
    // end-of-central-directory record, in its last 65,557 bytes.
    let tail = Buffer.alloc(0);
    const counted = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        tail = tail.length + chunk.length <= EOCD_WINDOW ? Buffer.concat([tail, chunk]) : Buffer.concat([tail, chunk]).subarray(-EOCD_WINDOW);
        done(null, chunk);
      },
      flush: (done) => {
        const at = tail.lastIndexOf(EOCD);
        done(at >= 0 && at + 22 <= tail.length ? null : new Error(tail.length === 0 ? "the file is empty" : "the file ends before the zip's end-of-central-directory record"));
      },
    });
    // An entry being read when the zip fails (a file cut short) fails with it, or its reader would wait for ever.
    let current: unzipper.Entry | undefined;
    const fail = (e: Error): void => {
      current?.destroy(e);
      zip.destroy(e);
    };
    source.once("error", fail);
    counted.once("error", fail);
    zip.once("error", (e: Error) => current?.destroy(e));
    source.pipe(counted).pipe(zip);
    const waiting: Array<{ readonly sheetNo: string; readonly file: string }> = [];
    for await (const entry of zip as AsyncIterable<unzipper.Entry>) {
      current = entry;
      // An entry's reader below hears its errors. An entry no one reads any
      // more (drained, or read to its end) can still be destroyed with the
      // zip: Node's iteration destroys a parser not finished when the loop
      // ends, as unzipper's is after a stored (uncompressed) worksheet
      // followed by any other part. Unheard, that error would end the process.
      entry.on("error", ignore);
      const sheet = WORKSHEET.exec(entry.path);
      if (sheet !== null) {
        const file = join(dir, `sheet${sheet[1]}.xml`);
        await pipeline(entry, createWriteStream(file));
        waiting.push({ sheetNo: sheet[1]!, file });
        continue;
      }
      // exceljs decodes each chunk of bytes by itself, so a character cut between two chunks would come out as two replacement characters: it gets text decoded across chunks instead.
      entry.setEncoding("utf8");
      if (entry.path === "xl/_rels/workbook.xml.rels") await reader._parseRels(entry);
      else if (entry.path === "xl/workbook.xml") await reader._parseWorkbook(entry);
      else if (entry.path === "xl/styles.xml") await reader._parseStyles(entry);
      else if (entry.path === "xl/sharedStrings.xml") for await (const _ of reader._parseSharedStrings(entry));
      entry.autodrain();
    }
    waiting.sort((a, b) => Number(a.sheetNo) - Number(b.sheetNo));
    for (const { sheetNo, file } of waiting) {
      for (const event of reader._parseWorksheet(createReadStream(file, { encoding: "utf8" }), sheetNo)) {
        if (event.eventType !== "worksheet") continue;
        const worksheet = event.value as AsyncIterable<ExcelJS.Row> & { readonly name: string };
        const name = sheetName(reader, sheetNo, worksheet.name);
        for await (const row of worksheet) {
          const raw = row.values as ReadonlyArray<ExcelJS.CellValue>;
          const values: Array<XlsxReadValue> = [];
          for (let i = 1; i < raw.length; i += 1) values.push(readValue(raw[i]));
          yield { sheet: name, row: row.number, values };
        }
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The default {@link XlsxEngine}: exceljs 4.4's streaming writer and reader.
 * exceljs's writer holds a sheet in memory until the sheet is committed (about
 * 1.2 MB for every 1,000 rows of the 26-column dispute ledger, measured), which
 * is why the exporter splits long sheets.
 * @since 0.5.0
 */
export const exceljsEngine: XlsxEngine = { writer: exceljsWriter, read: exceljsRead };

/** Bytes, a stream or chunks as a Node stream, for the engine. */
export const toReadable = (source: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array> | Readable): Readable => {
  if (source instanceof Readable) return source;
  if (source instanceof Uint8Array) return Readable.from([source]);
  return Readable.from(source);
};
