import { parse } from "csv-parse/sync";
import { CsvError } from "csv-parse";
import fc from "fast-check";
import { exportLedger, type ImportOptions, type SheetRecord } from "@tiaojie/core";
import { beforeAll, describe, expect, it } from "vitest";
import { type CsvRecord, csvErrorFile, csvExporter, detectEncoding, importCsv, readCsv } from "./index.js";
import { type Base, makeBases } from "./fuzz/bases.js";
import { buildCase, chunksOf, csvCase } from "./fuzz/csv-cases.js";
import { type ImportOutcome, SoloImports, freshLedger, snapshotOf, writeProblems } from "./fuzz/ledger-oracle.js";
import { deadline, describeError, readOutcome, shown, timing } from "./fuzz/read-outcome.js";
import type { ReaderFigures } from "./fuzz/reader-property.js";
import { runInWorkers, workerCount } from "./fuzz/workers.js";

// The fuzzer of issue 13: hostile CSV files, as bytes, through the reader and
// the importer. For every file: neither throws anything but its typed refusal
// (csv-parse's CsvError, for quotes that do not close, which readCsv and
// importCsv document); the importer never writes partially; and a formula cell
// comes back as the package's formula rule makes it (one leading guard taken
// away), inert again in every export of the ledger.
// Replay a run with TIAOJIE_FUZZ_SEED=<the seed it printed>.

const READER_RUNS = 100_000;
const IMPORT_RUNS = 2_000;
// A fixed seed, so that CI runs the same inputs every time and a failure is the
// code's, not the draw's; another seed explores further (TIAOJIE_FUZZ_SEED).
const SEED = process.env.TIAOJIE_FUZZ_SEED === undefined ? 181664080 : Number(process.env.TIAOJIE_FUZZ_SEED);

const STARTS_A_FORMULA = new Set(["=", "+", "-", "@", "\t", "\r"]);

let bases: Array<Base> = [];
beforeAll(async () => {
  bases = await makeBases([1301, 1302, 1303]);
});

describe("fuzzing the CSV reader and importer", () => {
  it("readCsv over 100,000 hostile files: never throws but csv-parse's CsvError, gives the same records however the bytes are chunked, and exactly the cells written (formula guard taken away once) when undamaged", async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const workers = workerCount();
    const shares = Array.from({ length: workers }, (_, i) => ({ seed: SEED + i, runs: Math.ceil(READER_RUNS / workers) }));
    const figures = await runInWorkers<(typeof shares)[number], ReaderFigures>(new URL("./fuzz/reader-worker.ts", import.meta.url), shares);
    const sum = (k: keyof Omit<ReaderFigures, "failure" | "maxBytes">): number => figures.reduce((n, f) => n + f[k], 0);
    console.log(
      `fuzz csv reader (readCsv): ${sum("inputs")} inputs, ${sum("accepted")} accepted files, ${sum("refused")} refused files (CsvError), ${sum("records")} records read, ${sum("exact")} checked cell for cell, ${sum("chunkedTwice")} read both whole and chunked, ${sum("throws")} throws, 0 partial writes (a reader writes nothing), largest ${(Math.max(...figures.map((f) => f.maxBytes)) / 1_048_576).toFixed(2)} MB, ${timing(started, cpu)} on ${workers} worker threads, seed ${SEED} (worker i: ${SEED}+i)`,
    );
    for (const [i, f] of figures.entries()) expect(f.failure, `worker ${i} (seed ${SEED + i})`).toBeUndefined();
    expect(sum("inputs")).toBeGreaterThanOrEqual(READER_RUNS);
    expect(sum("throws")).toBe(0);
    expect(sum("exact")).toBeGreaterThan(0);
    expect(sum("refused")).toBeGreaterThan(0);
  });

  it("importCsv over 2,000 hostile files into fresh ledgers over store-memory: never throws but CsvError, writes nothing for a refused file and exactly the accepted rows' disputes and persons, each whole, otherwise; formula text stays inert in the ledger's export", async () => {
    const stats = { inputs: 0, accepted: 0, refused: 0, unreadable: 0, refusedWhole: 0, rejectedRows: 0, registered: 0, throws: 0, partial: 0, errorFiles: 0, exportsChecked: 0, formulaCells: 0 };
    const solos = new Map<number, SoloImports>();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const detect = (bytes: Uint8Array) => detectEncoding(bytes, true);
    const options = fc.record({
      atomic: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
      batchSize: fc.integer({ min: 1, max: 4 }),
      unknownColumns: fc.constantFrom("refuse" as const, "ignore" as const),
    });
    try {
      await fc.assert(
        fc.asyncProperty(csvCase(bases.length, { damage: 0.25, hugeWeight: 0.05, recode: 0.05, cellWeight: 40, maxEdits: 3, cutShare: 0.5 }), options, async (c, opts) => {
          stats.inputs += 1;
          const base = bases[c.base]!;
          const built = await buildCase(base.table, c, detect);
          const t = freshLedger(base.town);
          const importOptions: ImportOptions = { divisions: base.divisions, ...opts };
          const before = await snapshotOf(t.store);
          let outcome: ImportOutcome;
          try {
            const result = await deadline(importCsv(t.ledger, t.coordinator, chunksOf(built.bytes, c.cuts), { ...importOptions, encoding: c.encoding }), "importCsv");
            outcome = { kind: "result", result };
          } catch (error) {
            if (!(error instanceof CsvError)) {
              stats.throws += 1;
              throw new Error(`importCsv threw ${describeError(error)}\n${shown(c, built)}`);
            }
            outcome = { kind: "read-error", error };
          }
          const after = await snapshotOf(t.store);
          // The file's records as the reader gives them, read again, for the rows' own imports.
          const records: Array<SheetRecord> = [];
          const again = await readOutcome(chunksOf(built.bytes, c.cuts), c.encoding);
          if (again.kind === "records") for (const r of again.records) records.push({ row: r.row, cells: r.cells });
          let solo = solos.get(c.base);
          if (solo === undefined) solos.set(c.base, (solo = new SoloImports(base.town)));
          const problems = await writeProblems({ before, after, outcome, records, options: importOptions, solo });
          if (problems.length > 0) {
            stats.partial += 1;
            throw new Error(`the import wrote partially or wrongly:\n- ${problems.join("\n- ")}\n${shown(c, built)} options ${JSON.stringify(opts)}`);
          }
          if (outcome.kind === "read-error") {
            stats.unreadable += 1;
            return;
          }
          if (!outcome.result.ok) {
            stats.refused += 1;
            expect(outcome.result.error.text.zh).not.toBe("");
            expect(outcome.result.error.text.en).not.toBe("");
            return;
          }
          const result = outcome.result.value;
          if (result.refusedWhole) stats.refusedWhole += 1;
          else stats.accepted += 1;
          stats.rejectedRows += result.rejected.length;
          stats.registered += result.registered;
          if (result.rejected.length > 0) {
            // The error file is written whatever the rejected rows hold, and reads back as the header and those rows.
            const back: Array<CsvRecord> = [];
            for await (const r of readCsv(csvErrorFile(result))) back.push(r);
            expect(back).toHaveLength(1 + result.rejected.length);
            stats.errorFiles += 1;
          }
          if (result.registered > 0) {
            // What the ledger holds leaves it inert: no cell of its CSV export starts a formula.
            const exported = await exportLedger(t.ledger, csvExporter({ encoding: "utf-8" }), t.coordinator, { dataset: "disputes", purpose: "模糊测试 / fuzzing", names: t.names });
            if (!exported.ok) throw new Error(exported.error.message);
            const chunks: Array<Uint8Array> = [];
            for await (const ch of exported.value.bytes) chunks.push(ch);
            const raw = parse(Buffer.concat(chunks).toString("utf8"), { bom: true, relax_column_count: true }) as Array<Array<string>>;
            for (const row of raw) {
              for (const cell of row) {
                if (cell.startsWith("'") && STARTS_A_FORMULA.has(cell.charAt(1))) stats.formulaCells += 1;
                if (STARTS_A_FORMULA.has(cell.charAt(0))) throw new Error(`the ledger's export has a live formula cell ${JSON.stringify(cell)}\n${shown(c, built)}`);
              }
            }
            stats.exportsChecked += 1;
          }
        }),
        { numRuns: IMPORT_RUNS, seed: SEED },
      );
    } finally {
      const soloCount = [...solos.values()].reduce((n, s) => n + s.imports, 0);
      console.log(
        `fuzz csv import (importCsv, store-memory): ${stats.inputs} inputs, ${stats.accepted} accepted files, ${stats.refused + stats.unreadable} refused files (${stats.unreadable} by CsvError) and ${stats.refusedWhole} refused whole (atomic), ${stats.rejectedRows} rejected rows, ${stats.registered} disputes registered, ${stats.throws} throws, ${stats.partial} partial writes, ${stats.errorFiles} error files written, ${stats.exportsChecked} exports checked inert (${stats.formulaCells} guarded formula cells), ${soloCount} single-row reference imports, ${timing(started, cpu)}, seed ${SEED}`,
      );
    }
    expect(stats.inputs).toBeGreaterThanOrEqual(IMPORT_RUNS);
    expect(stats.throws).toBe(0);
    expect(stats.partial).toBe(0);
    expect(stats.registered).toBeGreaterThan(0);
    expect(stats.rejectedRows).toBeGreaterThan(0);
  });
});
