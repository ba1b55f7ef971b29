/**
 * `pnpm bench` for the SQL store, in order: registration into a SQLite file
 * (one `registerDispute` each, and the bulk `registerDisputes`) against raw
 * better-sqlite3 INSERTs of the same rows; the monthly report's count over
 * 1,000,000 disputes against a hand-written GROUP BY; the same registrations on
 * PostgreSQL against raw multi-row INSERTs of the same rows. It measures the
 * built package (the script builds it first). Every entry goes to the
 * repository's bench-results.json; a target that does not hold makes the exit
 * code 1.
 *
 * Sizes: TIAOJIE_BENCH_DISPUTES (SQLite registration, default 100,000),
 * TIAOJIE_BENCH_REPORT_DISPUTES and TIAOJIE_BENCH_REPORT_SAMPLE (the report's
 * table and the part of it made through the ledger, defaults 1,000,000 and
 * 20,000), TIAOJIE_BENCH_PG_DISPUTES (PostgreSQL registration, default 20,000).
 */
import { finishBench } from "@tiaojie/bench-support";
import { runRegisterPostgresBench } from "./register-postgres.js";
import { runRegisterSqliteBench } from "./register-sqlite.js";
import { runReportSqliteBench } from "./report-sqlite.js";

const started = performance.now();
const entries = [...(await runRegisterSqliteBench()), ...(await runReportSqliteBench()), ...(await runRegisterPostgresBench())];
console.log(`\nstore-kysely benchmarks: ${((performance.now() - started) / 60_000).toFixed(1)} min`);
finishBench(entries);
