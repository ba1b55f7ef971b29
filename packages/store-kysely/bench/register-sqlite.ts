/**
 * Registration into a SQLite file: N disputes of a sample town (default
 * 100,000; `TIAOJIE_BENCH_DISPUTES`) through the ledger's bulk use case
 * `registerDisputes` (validation, grading, routing, the case, encryption of the
 * new persons' identity and phone numbers, the blind index, audit events and the
 * run's checkpoint) in batches of 2,000 (one transaction each), against
 * a raw baseline: better-sqlite3 inserting exactly the rows the ledger wrote
 * (read back from the ledger's file, every table of the store), in the order
 * the ledger wrote them, into a fresh file of the same schema and settings, one
 * prepared INSERT per table, all in one transaction. Target: the ledger at most
 * 3× the raw time.
 *
 * The order is recorded on a first untimed ledger run (which also makes the
 * rows and warms the ledger up): a dispute, its parties and its new persons
 * together, each batch's audit events after its rows. The same rows inserted
 * table by table (all disputes, then all parties, …) are faster for SQLite (its
 * pages and statements stay hot), but an importer that registers each dispute
 * with its parties cannot write them so; that ratio is reported beside the
 * target, for information.
 *
 * Then five alternating timed runs of each variant, each into a new file whose
 * schema was made before its time starts (by opening a store on it). A raw run
 * reads its rows from the first run's file before its time starts and drops them
 * after, so the ledger's runs do not carry them in their heap.
 *
 * For information, without a target: the same with the default batch of 500
 * (four times the commits), and `registerDispute` one by one (each in its own
 * transaction, with an idempotency key, as a form sends it) over a tenth of the
 * disputes, five runs.
 */
import { type BenchEntry, type Timing, comparisonAtMost, information, measureAlternating, median, printTable } from "@tiaojie/bench-support";
import { sqliteStore } from "@tiaojie/store-kysely";
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Registrations, openLedger, registerBulk, registerEach, sampleRegistrations, seconds, whole } from "./sample-ledger.js";
import { type TableRows, type WriteOrder, describeRows, readSqliteRows, recordingDatabase, rowCount } from "./table-rows.js";

const TARGET = 3;
/** The batch size of the bulk registration the target is for: larger than the default 500, as a large import into SQLite would use. */
const BATCH = 2_000;

/** Registers every form through the ledger into an empty store file (in bulk with this batch size, or one by one), on the database given or the file; returns how many. */
const ledgerRun = async (r: Registrations, file: string, batch: number | "one by one", database?: Database.Database): Promise<number> => {
  const ledger = openLedger(await sqliteStore(database === undefined ? { file } : { database }), r);
  const n = batch === "one by one" ? (await registerEach(ledger, r)).length : await registerBulk(ledger, r, "bench-sqlite", batch);
  await ledger.close();
  return n;
};

/** A new file with the store's schema (made by opening a store on it), for one run. */
const emptyStoreFile = async (file: string): Promise<string> => {
  await (await sqliteStore({ file })).close();
  return file;
};

/**
 * Inserts the captured rows into an empty store file with better-sqlite3 and the
 * store's own settings (WAL, synchronous = NORMAL, foreign keys on, a 64 MiB
 * page cache, a checkpoint every 10,000 pages of log): one prepared INSERT per
 * table, one transaction. The rows go in the order the ledger wrote them
 * (`order`), or table by table without it.
 */
const rawRun = (captured: ReadonlyArray<TableRows>, file: string, order?: WriteOrder): number => {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`cache_size = ${-64 * 1024}`);
  db.pragma("wal_autocheckpoint = 10000");
  const inserts = captured.map((t) => ({
    statement: db.prepare(`insert into ${t.table} (${t.columns.join(", ")}) values (${t.columns.map(() => "?").join(", ")})`),
    rows: t.rows,
  }));
  let n = 0;
  db.transaction(() => {
    if (order === undefined) {
      for (const { statement, rows } of inserts) for (const row of rows) n += statement.run(row as Array<unknown>).changes;
      return;
    }
    const next = new Array<number>(inserts.length).fill(0);
    for (const t of order) {
      const { statement, rows } = inserts[t]!;
      n += statement.run(rows[next[t]!++] as Array<unknown>).changes;
    }
  })();
  db.close();
  return n;
};

/** Removes a SQLite file and its WAL companions. */
const removeDatabase = (file: string): void => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
};

export const runRegisterSqliteBench = async (): Promise<ReadonlyArray<BenchEntry>> => {
  const disputes = Number(process.env.TIAOJIE_BENCH_DISPUTES ?? 100_000);
  const r = sampleRegistrations(disputes);
  const dir = mkdtempSync(join(tmpdir(), "tiaojie-bench-sqlite-"));
  try {
    console.log(`\n== SQLite file: register ${whole(disputes)} disputes (${whole(r.town.persons.length)} persons) of sampleTown(2026) ==`);
    let files = 0;
    // Every run gets a file with the schema made before its time starts, and
    // removed after its time is taken.
    const nextFile = (kind: string) => emptyStoreFile(join(dir, `${kind}-${++files}.db`));
    const untimedStart = performance.now();
    const first = await nextFile("ledger");
    // The first run also records the order in which the store wrote its rows.
    const recording = recordingDatabase(new Database(first));
    if ((await ledgerRun(r, first, BATCH, recording.database)) !== disputes) throw new Error("the untimed ledger run did not register every dispute");
    const order = recording.order();
    // The rows stay in the first run's file: each raw run reads them before its
    // time starts and drops them after, so the ledger's runs do not carry half a
    // million baseline rows in their heap (which slows every collection).
    const rowsOf = (): ReadonlyArray<TableRows> => {
      const source = new Database(first, { readonly: true });
      try {
        return readSqliteRows(source);
      } finally {
        source.close();
      }
    };
    let captured: ReadonlyArray<TableRows> | undefined = rowsOf();
    const rows = rowCount(captured);
    if (order.length !== rows) throw new Error(`the recording saw ${order.length} rows inserted, the file has ${rows}`);
    console.log(`untimed first run: ${seconds(performance.now() - untimedStart)} s; the ledger wrote ${whole(rows)} rows: ${describeRows(captured)}`);
    const warm = await nextFile("raw");
    if (rawRun(captured, warm, order) !== rows) throw new Error("the raw warm-up did not insert every row");
    removeDatabase(warm);
    captured = undefined;
    const RUNS = 5;
    const variant = async (name: string, items: number, run: (file: string) => number | Promise<number>, load?: { prepare: () => void; release: () => void }) => {
      const queue = await Promise.all(Array.from({ length: RUNS }, () => nextFile(name.split(" ")[0]!)));
      const used: Array<string> = [];
      return {
        name,
        items,
        run: () => {
          const file = queue.shift()!;
          used.push(file);
          return run(file);
        },
        ...(load === undefined ? {} : { prepare: load.prepare }),
        cleanUp: () => {
          used.forEach(removeDatabase);
          load?.release();
        },
      };
    };
    const loadRows = { prepare: () => void (captured = rowsOf()), release: () => void (captured = undefined) };
    const variants = [
      await variant(`ledger registerDisputes, batches of ${whole(BATCH)}`, disputes, (file) => ledgerRun(r, file, BATCH)),
      await variant("ledger registerDisputes, batches of 500 (default)", disputes, (file) => ledgerRun(r, file, 500)),
      await variant("raw better-sqlite3 INSERTs, the ledger's order", rows, (file) => rawRun(captured!, file, order), loadRows),
      await variant("raw better-sqlite3 INSERTs, table by table", rows, (file) => rawRun(captured!, file), loadRows),
    ];
    const timings = await measureAlternating<number>(variants, {
      runs: RUNS,
      warmUp: false,
      onRun: (name, ms) => {
        console.log(`  ${name}: ${seconds(ms)} s`);
        variants.find((v) => v.name === name)!.cleanUp();
      },
    });
    for (const t of timings) if (t.output !== t.items) throw new Error(`${t.name}: a run wrote ${t.output} of ${t.items}`);
    const [bulk, bulkDefault, raw, rawByTable] = timings as unknown as [Timing<number>, Timing<number>, Timing<number>, Timing<number>];

    // For information: one registerDispute per form, over a tenth of them.
    const few = Math.max(1, Math.round(disputes / 10));
    const fewForms = sampleRegistrations(few);
    const eachMs: Array<number> = [];
    for (let i = 0; i < RUNS; i++) {
      const file = await nextFile("each");
      const t0 = performance.now();
      if ((await ledgerRun(fewForms, file, "one by one")) !== few) throw new Error("a one-by-one run did not register every dispute");
      eachMs.push(performance.now() - t0);
      removeDatabase(file);
      console.log(`  ledger registerDispute one by one (${whole(few)}): ${seconds(eachMs.at(-1)!)} s`);
    }
    const each = median(eachMs);

    printTable(
      ["variant", "disputes", "median s", "disputes/s", "rows/s", "× raw"],
      [
        ...[bulk, bulkDefault].map((t) => [t.name, whole(disputes), seconds(t.medianMs), whole((disputes / t.medianMs) * 1000), whole((rows / t.medianMs) * 1000), (t.medianMs / raw.medianMs).toFixed(2)]),
        ...[raw, rawByTable].map((t) => [t.name, whole(disputes), seconds(t.medianMs), whole((disputes / t.medianMs) * 1000), whole((rows / t.medianMs) * 1000), (t.medianMs / raw.medianMs).toFixed(2)]),
        ["ledger registerDispute one by one", whole(few), seconds(each), whole((few / each) * 1000), "", ""],
      ],
    );
    const ratio = bulk.medianMs / raw.medianMs;
    const ratioDefault = bulkDefault.medianMs / raw.medianMs;
    const ratioByTable = bulk.medianMs / rawByTable.medianMs;
    console.log(`${bulk.name} / ${raw.name}: ${ratio.toFixed(2)}× (target: at most ${TARGET}×)`);
    console.log(`information: ${bulkDefault.name} / ${raw.name}: ${ratioDefault.toFixed(2)}×`);
    console.log(`information: ${bulk.name} / ${rawByTable.name}: ${ratioByTable.toFixed(2)}×`);
    return [
      comparisonAtMost(`store-kysely sqlite: register ${disputes} disputes, ledger registerDisputes (batches of ${BATCH}) time / raw INSERT time (the ledger's order)`, Math.round((disputes / bulk.medianMs) * 1000), "disputes/s", ratio, TARGET),
      information(`store-kysely sqlite: register ${disputes} disputes, ledger registerDisputes (batches of 500, the default) time / raw INSERT time (the ledger's order)`, Math.round((disputes / bulkDefault.medianMs) * 1000), "disputes/s", ratioDefault),
      information(`store-kysely sqlite: register ${disputes} disputes, ledger registerDisputes (batches of ${BATCH}) time / raw INSERT time (table by table)`, Math.round((disputes / bulk.medianMs) * 1000), "disputes/s", ratioByTable),
      information(`store-kysely sqlite: register ${few} disputes one by one (registerDispute, a transaction each)`, Math.round((few / each) * 1000), "disputes/s"),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
