import { CsvError } from "csv-parse";
import { type CsvRecord, readCsv } from "../index.js";
import type { BuiltCase, CsvCase } from "./csv-cases.js";

// How a read of a hostile file ended, and how a failing case is shown.

/** Only a hang stops a read: far beyond any read of these files, on any machine. */
const HANG = 120_000;

export const deadline = <A>(work: Promise<A>, what: string): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${HANG / 1000} s`)), HANG);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
};

/** Records read to the end; csv-parse's typed refusal; or anything else thrown, which is a bug. */
export type ReadOutcome = { readonly kind: "records"; readonly records: ReadonlyArray<CsvRecord> } | { readonly kind: "refused"; readonly error: CsvError } | { readonly kind: "threw"; readonly error: unknown };

export const readOutcome = async (chunks: ReadonlyArray<Uint8Array>, encoding: CsvCase["encoding"]): Promise<ReadOutcome> => {
  try {
    const records: Array<CsvRecord> = [];
    await deadline(
      (async () => {
        for await (const r of readCsv(chunks, { encoding })) records.push(r);
      })(),
      "readCsv",
    );
    return { kind: "records", records };
  } catch (error) {
    return error instanceof CsvError ? { kind: "refused", error } : { kind: "threw", error };
  }
};

/** What is wrong with the records a read gave (numbered from 1, each on a later line, all cells text), if anything. */
export const recordsProblem = (records: ReadonlyArray<CsvRecord>): string | undefined => {
  for (let i = 0; i < records.length; i += 1) {
    const r = records[i]!;
    if (r.row !== i + 1) return `record ${i + 1} is numbered ${r.row}`;
    if (!Number.isInteger(r.line) || r.line < 1 || (i > 0 && r.line <= records[i - 1]!.line)) return `record ${r.row} begins on line ${r.line}, after line ${records[i - 1]?.line}`;
    if (!r.cells.every((cell) => typeof cell === "string")) return `record ${r.row} has a cell that is not text`;
  }
  return undefined;
};

export const describeError = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e));

/** A case and the start of its bytes, long texts shortened. */
export const shown = (c: CsvCase, built: BuiltCase): string =>
  `case ${JSON.stringify(c, (_, v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} chars)` : v))}; bytes (first 300, base64) ${built.bytes.subarray(0, 300).toString("base64")}, ${built.bytes.length} bytes`;

/** Wall seconds, and the process's CPU seconds (on a busy machine the two part). */
export const timing = (started: number, cpu: NodeJS.CpuUsage): string => {
  const used = process.cpuUsage(cpu);
  return `${((performance.now() - started) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s CPU)`;
};
