/**
 * Registration on PostgreSQL, for information (the issue asks for rows per
 * second and the ratio, with no target): N disputes (default 20,000;
 * `TIAOJIE_BENCH_PG_DISPUTES`) through the ledger's bulk use case
 * `registerDisputes` (batches of 500), against raw pg multi-row INSERTs of
 * exactly the rows the ledger wrote (read back after an untimed first run, every
 * table of the store), 500 rows per INSERT, all in one transaction; and
 * `registerDispute` one by one over the same forms (a transaction each, with an
 * idempotency key), as disputes per second.
 *
 * The server is the test one (127.0.0.1:5432, user postgres, or
 * `TIAOJIE_PG_URL`); the bench makes a database of its own, `tj_bench_<pid>`,
 * empties the store's tables after every run (outside its time) and drops the
 * database at the end. When the server cannot be reached, the bench says so and
 * is not run; under `CI=true` that fails the run.
 */
import { type BenchEntry, information, measureAlternating, printTable } from "@tiaojie/bench-support";
import { postgresStore } from "@tiaojie/store-kysely";
import pg from "pg";
import { serverSettings } from "../src/testing/server-settings.js";
import { type Registrations, openLedger, registerBulk, registerEach, sampleRegistrations, seconds, whole } from "./sample-ledger.js";
import { type TableRows, describeRows, readPostgresRows, rowCount, storeTables } from "./table-rows.js";

const BATCH = 500;

/** Inserts the captured rows, `BATCH` rows per INSERT, in one transaction; returns how many. */
const rawRun = async (config: pg.ClientConfig, captured: ReadonlyArray<TableRows>): Promise<number> => {
  const client = new pg.Client(config);
  await client.connect();
  let n = 0;
  try {
    await client.query("begin");
    for (const t of captured) {
      for (let start = 0; start < t.rows.length; start += BATCH) {
        const rows = t.rows.slice(start, start + BATCH);
        const width = t.columns.length;
        const tuples = rows.map((_, i) => `(${t.columns.map((_c, j) => `$${i * width + j + 1}`).join(", ")})`);
        const result = await client.query(`insert into ${t.table} (${t.columns.join(", ")}) values ${tuples.join(", ")}`, rows.flat());
        n += result.rowCount ?? 0;
      }
    }
    await client.query("commit");
  } finally {
    await client.end();
  }
  return n;
};

/** Whether the server answers, or why not. */
const reachable = async (config: pg.ClientConfig): Promise<string | undefined> => {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return error instanceof AggregateError ? error.errors.map(String).join("; ") : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
};

export const runRegisterPostgresBench = async (): Promise<ReadonlyArray<BenchEntry>> => {
  const disputes = Number(process.env.TIAOJIE_BENCH_PG_DISPUTES ?? 20_000);
  const s = serverSettings("postgres");
  const server: pg.ClientConfig = { host: s.host, port: s.port, user: s.user, password: s.password, database: s.database };
  console.log(`\n== PostgreSQL ${s.host}:${s.port}: register ${whole(disputes)} disputes ==`);
  const down = await reachable(server);
  if (down !== undefined) {
    console.log(`The PostgreSQL bench was not run: the server does not answer (${down}).`);
    if (process.env.CI === "true") {
      console.error("FAIL: CI=true and the PostgreSQL server is down.");
      process.exitCode = 1;
    }
    return [];
  }
  const database = `tj_bench_${process.pid}`;
  const admin = new pg.Client(server);
  await admin.connect();
  await admin.query(`create database ${database}`);
  const config: pg.ClientConfig = { ...server, database };
  const connectionString = `postgres://${encodeURIComponent(s.user)}${s.password === "" ? "" : `:${encodeURIComponent(s.password)}`}@${s.host.includes(":") ? `[${s.host}]` : s.host}:${s.port}/${database}`;
  const tables = new pg.Client(config);
  let connected = false;
  try {
    const r: Registrations = sampleRegistrations(disputes);
    const ledgerRun = async (bulk: boolean): Promise<number> => {
      const ledger = openLedger(await postgresStore({ connectionString }), r);
      const n = bulk ? await registerBulk(ledger, r, "bench-postgres") : (await registerEach(ledger, r)).length;
      await ledger.close();
      return n;
    };
    // The schema, made once by opening a store; every run starts on empty tables.
    await (await postgresStore({ connectionString })).close();
    await tables.connect();
    connected = true;
    const empty = async () => {
      await tables.query(`truncate ${storeTables.join(", ")}`);
    };
    const start = performance.now();
    if ((await ledgerRun(true)) !== disputes) throw new Error("the untimed ledger run did not register every dispute");
    const captured = await readPostgresRows(tables);
    const rows = rowCount(captured);
    await empty();
    console.log(`untimed first run: ${seconds(performance.now() - start)} s; the ledger wrote ${whole(rows)} rows: ${describeRows(captured)}`);
    if ((await rawRun(config, captured)) !== rows) throw new Error("the raw warm-up did not insert every row");
    await empty();
    const timings = await measureAlternating<number>(
      [
        { name: "ledger registerDisputes (bulk)", items: disputes, run: () => ledgerRun(true) },
        { name: `raw pg INSERTs (${BATCH} rows each)`, items: rows, run: () => rawRun(config, captured) },
        { name: "ledger registerDispute one by one", items: disputes, run: () => ledgerRun(false) },
      ],
      {
        runs: 3,
        warmUp: false,
        onRun: async (name, ms) => {
          console.log(`  ${name}: ${seconds(ms)} s`);
          await empty();
        },
      },
    );
    for (const t of timings) if (t.output !== t.items) throw new Error(`${t.name}: a run wrote ${t.output} of ${t.items}`);
    const [bulk, raw, each] = timings as [(typeof timings)[number], (typeof timings)[number], (typeof timings)[number]];
    printTable(
      ["variant", "median s", "disputes/s", "rows/s", "× raw"],
      [
        [bulk.name, seconds(bulk.medianMs), whole((disputes / bulk.medianMs) * 1000), whole((rows / bulk.medianMs) * 1000), (bulk.medianMs / raw.medianMs).toFixed(1)],
        [raw.name, seconds(raw.medianMs), whole((disputes / raw.medianMs) * 1000), whole((rows / raw.medianMs) * 1000), "1.0"],
        [each.name, seconds(each.medianMs), whole((disputes / each.medianMs) * 1000), "", ""],
      ],
    );
    const ratio = bulk.medianMs / raw.medianMs;
    console.log(`information: ${bulk.name} / raw: ${ratio.toFixed(1)}× (no target)`);
    return [
      information(`store-kysely postgres: register ${disputes} disputes, ledger registerDisputes (bulk), rows/s and time / raw INSERT time`, Math.round((rows / bulk.medianMs) * 1000), "rows/s", ratio),
      information(`store-kysely postgres: register ${disputes} disputes one by one (registerDispute, a transaction each)`, Math.round((disputes / each.medianMs) * 1000), "disputes/s"),
    ];
  } finally {
    if (connected) await tables.end().catch(() => undefined);
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
};
