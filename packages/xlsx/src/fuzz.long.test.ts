import ExcelJS from "exceljs";
import fc from "fast-check";
import { type ImportOptions, type SheetRecord, exportLedger } from "@tiaojie/core";
import { beforeAll, describe, expect, it } from "vitest";
import { XlsxCellRefused, importXlsx, readXlsx, xlsxErrorFile, xlsxExporter } from "./index.js";
import { type LedgerBase, makeLedgerBases } from "./fuzz/bases.js";
import { buildLedger, ledgerCase } from "./fuzz/ledger-cases.js";
import { type ImportOutcome, SoloImports, freshLedger, snapshotOf, writeProblems } from "./fuzz/ledger-oracle.js";
import { deadline, describeError, readOutcome, settle, shown, timing, unheard, watchUnheard } from "./fuzz/read-outcome.js";
import { type ReaderFigures, type ReaderShare, laneSeed } from "./fuzz/reader-property.js";
import { runInWorkers, workerCount } from "./fuzz/workers.js";
import { buildWorkbook } from "./fuzz/workbook.js";
import { sourceOf } from "./fuzz/xlsx-cases.js";
import { writeZip } from "./fuzz/zip.js";

// The fuzzer of issue 13: hostile XLSX files through the reader and the
// importer. For every file: neither throws anything but its typed refusal
// (XlsxUnreadable; ImportRefused from the importer), nor leaves an error no one
// hears (which ends a process); the importer never writes partially; and a
// formula cell reaches the ledger only as the package's rule makes it (its
// cached result, or without one its text), never as a formula of any export.
// Replay a run with TIAOJIE_FUZZ_SEED=<the seed it printed>.

const READER_RUNS = 100_000;
const IMPORT_RUNS = 600;
/** Reads in flight in each worker: one lane's file work overlaps another's parsing. */
const LANES = 3;
/**
 * The reader's 100,000 workbooks take about 4 ms of CPU each (the reader's own
 * cost: a temporary directory and a file per sheet, zip and XML parsing), so
 * this test gets more time than the config's hang guard; its count bounds it.
 */
const READER_TIMEOUT = 1_800_000;
// A fixed seed, so that CI runs the same inputs every time and a failure is the
// code's, not the draw's; another seed explores further (TIAOJIE_FUZZ_SEED).
const SEED = process.env.TIAOJIE_FUZZ_SEED === undefined ? 806046797 : Number(process.env.TIAOJIE_FUZZ_SEED);

let bases: Array<LedgerBase> = [];
beforeAll(async () => {
  bases = await makeLedgerBases([1301, 1302, 1303, 1304]);
});

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

describe("fuzzing the XLSX reader and importer", () => {
  it("readXlsx over 100,000 hostile workbooks: never throws but XlsxUnreadable, in both languages, leaves no unheard error, gives only ledger cells (no formula objects), and exactly the cells written when undamaged", async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const workers = workerCount();
    const shares: Array<ReaderShare> = Array.from({ length: workers }, (_, i) => ({ seed: SEED + i, runs: Math.ceil(READER_RUNS / workers), lanes: LANES }));
    const figures = await runInWorkers<ReaderShare, ReaderFigures>(new URL("./fuzz/reader-worker.ts", import.meta.url), shares);
    const sum = (k: "inputs" | "accepted" | "refused" | "records" | "oddRowNumbers" | "exact" | "formulas" | "throws"): number => figures.reduce((n, f) => n + f[k], 0);
    const odd = (k: keyof ReaderFigures["oddCells"]): number => figures.reduce((n, f) => n + f.oddCells[k], 0);
    console.log(
      `fuzz xlsx reader (readXlsx): ${sum("inputs")} inputs, ${sum("accepted")} accepted files, ${sum("refused")} refused files (XlsxUnreadable), ${sum("records")} records read, ${sum("exact")} checked cell for cell (${sum("formulas")} formula cells read as their result or text), ${sum("throws")} throws, 0 partial writes (a reader writes nothing); odd but typed: ${odd("not-finite")} NaN/Infinity cells, ${odd("object-text")} "[object Object]" cells, ${odd("day-out-of-range")} days past 9999, ${sum("oddRowNumbers")} rows numbered 0, negative or NaN; largest ${(Math.max(...figures.map((f) => f.maxBytes)) / 1024).toFixed(0)} KiB, ${timing(started, cpu)} on ${workers} worker threads × ${LANES} lanes, seed ${SEED} (worker w, lane l: ${laneSeed(SEED, 0)}+w+1000·l)`,
    );
    for (const [i, f] of figures.entries()) expect(f.failure, `worker ${i}`).toBeUndefined();
    expect(sum("inputs")).toBeGreaterThanOrEqual(READER_RUNS);
    expect(sum("throws")).toBe(0);
    expect(sum("exact")).toBeGreaterThan(0);
    expect(sum("formulas")).toBeGreaterThan(0);
    expect(sum("refused")).toBeGreaterThan(0);
  }, READER_TIMEOUT);

  // Found by this fuzzer: Node's iteration destroyed unzipper's parser, not yet
  // finished after a stored worksheet, once the loop over the zip's parts ended;
  // the part being drained then emitted an error no one heard, ending the process.
  it("reads a stored (uncompressed) worksheet followed by a part the reader skips, leaving no unheard error", async () => {
    watchUnheard();
    const { entries } = buildWorkbook([{ name: "台账", rows: [{ r: 1, cells: [{ col: 1, cell: { t: "inline", text: "序号" } }, { col: 2, cell: { t: "formula", formula: "1+1", cached: { t: "number", value: 2 } } }] }] }]);
    const sheet = entries.find((e) => e.path === "xl/worksheets/sheet1.xml")!;
    for (const skipped of ["docProps/app.xml", "_rels/.rels", "xl/theme/theme1.xml"]) {
      const heard = unheard.count;
      const read = await readOutcome(writeZip([sheet, { path: skipped, data: Buffer.from("<x/>") }], { store: true }), {});
      await settle();
      expect(unheard.count - heard, skipped).toBe(0);
      // Without the workbook part the sheet has exceljs's own name; its cells are as written.
      expect(read.kind === "records" ? read.records.map((r) => r.cells) : read, skipped).toEqual([["序号", 2]]);
    }
  });

  it("importXlsx over 600 hostile ledgers into fresh ledgers over store-memory: never throws, writes nothing for a refused file and exactly the accepted rows' disputes and persons, each whole, otherwise; a formula summary comes in as its result or text, and no export of the ledger holds a formula", async () => {
    watchUnheard();
    const stats = { inputs: 0, accepted: 0, refused: 0, refusedWhole: 0, rejectedRows: 0, registered: 0, throws: 0, partial: 0, errorFiles: 0, errorFilesRefused: 0, formulaSummaries: 0, exportsChecked: 0, formulaTexts: 0 };
    const refusedErrorFiles = new Set<string>();
    const solos = new Map<number, SoloImports>();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const options = fc.record({
      atomic: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
      batchSize: fc.integer({ min: 1, max: 4 }),
      unknownColumns: fc.constantFrom("refuse" as const, "ignore" as const),
    });
    try {
      await fc.assert(
        fc.asyncProperty(ledgerCase(bases.length), options, async (c, opts) => {
          stats.inputs += 1;
          const base = bases[c.base]!;
          const built = await buildLedger(base, c);
          const t = freshLedger(base.town);
          const importOptions: ImportOptions = { divisions: base.divisions, ...opts };
          const before = await snapshotOf(t.store);
          const heard = unheard.count;
          let outcome: ImportOutcome;
          try {
            outcome = { kind: "result", result: await deadline(importXlsx(t.ledger, t.coordinator, sourceOf(built.bytes, c.cuts), { ...importOptions, sheets: c.sheets }), "importXlsx") };
          } catch (error) {
            stats.throws += 1;
            throw new Error(`importXlsx threw ${describeError(error)}\n${shown(c, built.bytes)}`);
          }
          await settle();
          if (unheard.count !== heard) {
            stats.throws += 1;
            throw new Error(`the import left an error no one heard, which ends a process: ${describeError(unheard.last)}\n${shown(c, built.bytes)}`);
          }
          const after = await snapshotOf(t.store);
          const again = await readOutcome(built.bytes, { sheets: c.sheets });
          const records: ReadonlyArray<SheetRecord> = again.kind === "records" ? again.records : [];
          let solo = solos.get(c.base);
          if (solo === undefined) solos.set(c.base, (solo = new SoloImports(base.town)));
          const problems = await writeProblems({ before, after, outcome, records, options: importOptions, solo });
          if (problems.length > 0) {
            stats.partial += 1;
            throw new Error(`the import wrote partially or wrongly:\n- ${problems.join("\n- ")}\n${shown(c, built.bytes)} options ${JSON.stringify(opts)}`);
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
            // The error file holds the header and every rejected row, unless a cell is more than an XLSX cell holds: then the exporter refuses it, typed and in both languages.
            try {
              const back: Array<SheetRecord> = [];
              for await (const r of readXlsx(await bytesOf(xlsxErrorFile(result)))) back.push(r);
              expect(back).toHaveLength(1 + result.rejected.length);
              stats.errorFiles += 1;
            } catch (e) {
              if (!(e instanceof XlsxCellRefused)) throw new Error(`xlsxErrorFile threw ${describeError(e)}\n${shown(c, built.bytes)}`);
              stats.errorFilesRefused += 1;
              refusedErrorFiles.add(e.reason);
            }
          }
          if (result.registered === 0) return;
          // A formula in a good row's summary: its cached result, or without one its text.
          for (const [id, summary] of built.summaries) {
            if (!result.disputes.includes(id)) continue;
            const got = await t.ledger.getDispute(t.coordinator, id as never);
            if (!got.ok) throw new Error(`dispute ${id} was imported but cannot be read: ${got.error.message}`);
            if (got.value.dispute.summary !== summary) throw new Error(`the summary of ${id} is ${JSON.stringify(got.value.dispute.summary)}, not ${JSON.stringify(summary)}\n${shown(c, built.bytes)}`);
            stats.formulaSummaries += 1;
          }
          // No export of what the ledger now holds has a formula cell: formula-looking text stays text.
          const exported = await exportLedger(t.ledger, xlsxExporter(), t.coordinator, { dataset: "disputes", purpose: "模糊测试 / fuzzing", names: t.names });
          if (!exported.ok) throw new Error(exported.error.message);
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(new Uint8Array(await bytesOf(exported.value.bytes)).buffer);
          book.eachSheet((sheet) =>
            sheet.eachRow((row) =>
              row.eachCell((cell) => {
                if (cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined) throw new Error(`the ledger's export has a formula cell ${cell.address}: ${JSON.stringify(cell.value)}\n${shown(c, built.bytes)}`);
                if (typeof cell.value === "string" && /^[=+\-@]/.test(cell.value)) stats.formulaTexts += 1;
              }),
            ),
          );
          stats.exportsChecked += 1;
        }),
        { numRuns: IMPORT_RUNS, seed: SEED, includeErrorInReport: true },
      );
    } finally {
      const soloCount = [...solos.values()].reduce((n, s) => n + s.imports, 0);
      console.log(
        `fuzz xlsx import (importXlsx, store-memory): ${stats.inputs} inputs, ${stats.accepted} accepted files, ${stats.refused} refused files and ${stats.refusedWhole} refused whole (atomic), ${stats.rejectedRows} rejected rows, ${stats.registered} disputes registered, ${stats.throws} throws, ${stats.partial} partial writes, ${stats.errorFiles} error files written and ${stats.errorFilesRefused} refused by XlsxCellRefused (${[...refusedErrorFiles].join(", ") || "none"}), ${stats.formulaSummaries} formula summaries checked, ${stats.exportsChecked} exports checked formula-free (${stats.formulaTexts} formula-looking texts kept as text), ${soloCount} single-row reference imports, ${timing(started, cpu)}, seed ${SEED}`,
      );
    }
    expect(stats.inputs).toBeGreaterThanOrEqual(IMPORT_RUNS);
    expect(stats.throws).toBe(0);
    expect(stats.partial).toBe(0);
    expect(stats.registered).toBeGreaterThan(0);
    expect(stats.rejectedRows).toBeGreaterThan(0);
    expect(stats.formulaSummaries).toBeGreaterThan(0);
  });
});
