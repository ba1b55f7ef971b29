import type { SheetCell, SheetRecord } from "@tiaojie/core";
import { type XlsxReadOptions, type XlsxSource, XlsxUnreadable, readXlsx } from "../index.js";

// How a read of a hostile workbook ended, what a record may hold, and how a
// failing case is shown.

/** Only a hang stops a read: far beyond any read of these files, on any machine. */
const HANG = 120_000;

export const deadline = <A>(work: Promise<A>, what: string): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${HANG / 1000} s`)), HANG);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
};

/**
 * Errors nobody heard (an 'error' event without a listener ends a Node
 * process): counted from the first call, so that a case can tell whether one
 * came while it was read.
 */
export const unheard = { count: 0, last: undefined as unknown };
let watching = false;
export const watchUnheard = (): void => {
  if (watching) return;
  watching = true;
  process.on("uncaughtException", (e) => {
    unheard.count += 1;
    unheard.last = e;
  });
};

/** Lets errors emitted on the next ticks of a read come out. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Records read to the end; the reader's typed refusal; or anything else thrown, which is a bug. */
export type ReadOutcome = { readonly kind: "records"; readonly records: ReadonlyArray<SheetRecord> } | { readonly kind: "unreadable"; readonly error: XlsxUnreadable } | { readonly kind: "threw"; readonly error: unknown };

export const readOutcome = async (source: XlsxSource, options: XlsxReadOptions): Promise<ReadOutcome> => {
  try {
    const records: Array<SheetRecord> = [];
    await deadline(
      (async () => {
        for await (const r of readXlsx(source, options)) records.push(r);
      })(),
      "readXlsx",
    );
    return { kind: "records", records };
  } catch (error) {
    return error instanceof XlsxUnreadable ? { kind: "unreadable", error } : { kind: "threw", error };
  }
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What is wrong with a cell the reader gave, if anything: a ledger cell is
 * empty, text, a number, yes/no, or a calendar day; never a formula, rich text,
 * an error or a shared-string object (the package's rule turns those into their
 * result or text).
 */
export const cellProblem = (cell: SheetCell): string | undefined => {
  if (cell === null || typeof cell === "boolean" || typeof cell === "string" || typeof cell === "number") return undefined;
  if (typeof cell === "object" && Object.keys(cell).length === 1 && "date" in cell && typeof cell.date === "string") return undefined;
  return `a cell reads as ${JSON.stringify(cell)}, not a ledger cell`;
};

/** Cells of a ledger's types that no sheet holds, as some damaged or odd files make them: reported as figures, not held against the reader here. */
export type Oddity = "not-finite" | "object-text" | "day-out-of-range";

export const cellOddity = (cell: SheetCell): Oddity | undefined => {
  if (typeof cell === "number") return Number.isFinite(cell) ? undefined : "not-finite";
  if (typeof cell === "string") return cell.includes("[object Object]") ? "object-text" : undefined;
  if (cell !== null && typeof cell === "object" && "date" in cell) return DAY.test(cell.date) ? undefined : "day-out-of-range";
  return undefined;
};

/**
 * Whether a record's number is one a spreadsheet shows. (A file's own `<row
 * r="0">`, or a row without its number, comes out as 0 or NaN: reported as a
 * figure, not held against the reader here.)
 */
export const rowNumberShown = (r: SheetRecord): boolean => Number.isInteger(r.row) && r.row >= 1 && r.row <= 1_048_576;

/** What is wrong with the records a read gave (each on a sheet, with a number, every cell a ledger cell), if anything. */
export const recordsProblem = (records: ReadonlyArray<SheetRecord>): string | undefined => {
  for (const r of records) {
    if (typeof r.sheet !== "string") return `a record has no sheet: ${JSON.stringify(r.sheet)}`;
    if (typeof r.row !== "number") return `a record of sheet ${JSON.stringify(r.sheet)} is numbered ${JSON.stringify(r.row)}`;
    for (const cell of r.cells) {
      const wrong = cellProblem(cell);
      if (wrong !== undefined) return `row ${r.row} of sheet ${JSON.stringify(r.sheet)}: ${wrong}`;
    }
  }
  return undefined;
};

export const describeError = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e));

/** A case and the start of its bytes, long texts shortened. */
export const shown = (c: unknown, bytes: Buffer): string =>
  `case ${JSON.stringify(c, (_, v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} chars)` : v))}; bytes (first 400, base64) ${bytes.subarray(0, 400).toString("base64")}, ${bytes.length} bytes`;

/** Wall seconds, and the process's CPU seconds (on a busy machine the two part). */
export const timing = (started: number, cpu: NodeJS.CpuUsage): string => {
  const used = process.cpuUsage(cpu);
  return `${((performance.now() - started) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s CPU)`;
};
