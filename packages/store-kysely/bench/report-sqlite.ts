/**
 * The monthly report over 1,000,000 disputes in a SQLite file
 * (`TIAOJIE_BENCH_REPORT_DISPUTES`). The table is built from a real sample
 * (default 20,000; `TIAOJIE_BENCH_REPORT_SAMPLE`): registered through the ledger,
 * and one in three of the disputes reported at least two weeks before the report
 * period walked through their cases by the ledger (accept, assign to the justice
 * office, start people's mediation, resolve; seven in eight of them also close),
 * on days before the period. Before anything else, the ledger's report on the
 * sample must equal the pure core `monthlyReport` over the records the use cases
 * returned (it throws otherwise).
 *
 * The sample is then multiplied raw to the full size: copies of its dispute rows
 * with new ids (`<id>.<n>`, the same `.<n>` on the ids of their case events,
 * everything else as the ledger wrote it, body JSON included) and their party
 * rows; four in five copies are of a closed dispute settled before the period,
 * so that most of the ledger is settled, as after a campaign. Copies get no
 * audit events, tasks or idempotency records (the report reads none of these).
 *
 * Compared, over the same file: (a) the count the report uses, `countDisputes`
 * (the store's one GROUP BY of the disputes closed and settled before the
 * period, what the store's `disputeCounts` runs) through the store's Kysely
 * instance, against (b) a hand-written GROUP BY of every dispute of the
 * township through better-sqlite3 (both served by the covering index
 * `tiaojie_dispute_report`; their query plans are printed). Target: (a) at most 1.5× (b). The full
 * `ledger.monthlyReport` on the whole file is timed once, for information.
 */
import { type BenchEntry, comparisonAtMost, measureAlternating, printTable } from "@tiaojie/bench-support";
import {
  type CaseStatus,
  type DisputeCountQuery,
  type DisputeView,
  type LocalDate,
  type UnitId,
  defaultTimeLimits,
  divisionPrefix,
  minDate,
  monthlyReport,
  plusDays,
  weekendCalendar,
  zixi2025,
} from "@tiaojie/core";
import { type Database as StoreDatabase, sqliteStore } from "@tiaojie/store-kysely";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { countDisputes } from "../src/shared/dispute-counts.js";
import { type Registrations, openLedger, registerEach, sampleRegistrations, seconds, whole } from "./sample-ledger.js";

const TARGET = 1.5;
/** The closed statuses, as the ledger's report asks for them. */
const SETTLED: ReadonlyArray<CaseStatus> = ["declined", "resolved", "closed"];
const CELLS = ["jurisdiction", "domain", "status", "level", "priority", "grade_confirmed", "lead_unit"] as const;

const casePath = (justice: UnitId) =>
  [
    { transition: "accept" },
    { transition: "assign", fields: { leadUnit: justice, responsiblePerson: "司法所调解员" } },
    { transition: "start-mediation", fields: { channel: "people-mediation" } },
    { transition: "resolve", fields: { outcome: "agreement" } },
    { transition: "close" },
  ] as const;

/** Walks one in three of the disputes reported two weeks or more before `from` through their cases; returns the latest views. */
const walkCases = async (ledger: ReturnType<typeof openLedger>, r: Registrations, views: ReadonlyArray<DisputeView>, from: LocalDate): Promise<Array<DisputeView>> => {
  const path = casePath(r.town.units.find((u) => u.kind === "justice-office")!.id);
  const lastDay = plusDays(from, -1);
  const latest = [...views];
  for (const [i, start] of views.entries()) {
    if (i % 3 !== 0 || start.dispute.reportedOn > plusDays(from, -14)) continue;
    const steps = Math.floor(i / 3) % 8 === 7 ? 4 : 5;
    let view = start;
    let on: LocalDate = start.dispute.reportedOn;
    for (let s = 0; s < steps; s++) {
      on = minDate(plusDays(on, 1 + ((i + s) % 6)), lastDay);
      const moved = await ledger.transition(r.coordinator, { dispute: view.id, version: view.version, ...path[s]!, on });
      if (!moved.ok) throw new Error(`${path[s]!.transition} of ${view.id} refused: ${moved.error.message}`);
      view = moved.value;
    }
    latest[i] = view;
  }
  return latest;
};

/** Copies the sample's dispute rows (and party rows) with new ids until the table holds `total`. */
const multiply = (file: string, total: number, from: LocalDate): { readonly settled: number } => {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const columns = ["id", "version", "jurisdiction", "township", "domain", "reported_on", "reported_month", "settled_on", "status", "level", "priority", "grade_confirmed", "lead_unit", "body"];
  const rows = db.prepare(`select ${columns.join(", ")} from tiaojie_dispute order by id`).all() as Array<Record<string, string | number | null>>;
  const parties = new Map<string, Array<string>>();
  for (const p of db.prepare("select dispute_id, person_id from tiaojie_dispute_party").all() as Array<{ dispute_id: string; person_id: string }>) {
    parties.set(p.dispute_id, [...(parties.get(p.dispute_id) ?? []), p.person_id]);
  }
  const isSettled = (row: Record<string, unknown>) => (SETTLED as ReadonlyArray<unknown>).includes(row.status) && String(row.settled_on) < from;
  const settledRows = rows.filter(isSettled);
  const otherRows = rows.filter((row) => !isSettled(row));
  if (settledRows.length === 0 || otherRows.length === 0) throw new Error("the sample needs settled and unsettled disputes to copy");
  const insertDispute = db.prepare(`insert into tiaojie_dispute (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`);
  const insertParty = db.prepare("insert into tiaojie_dispute_party (dispute_id, person_id) values (?, ?)");
  const copyOf = (row: Record<string, string | number | null>, n: number): void => {
    const id = String(row.id);
    const newId = `${id}.${n}`;
    // Every "id" in the body (the dispute's and its case events') gets the suffix; then the other mentions of the dispute.
    const body = String(row.body)
      .replace(/"id":"([^"]+)"/g, `"id":"$1.${n}"`)
      .replaceAll(`"${id}"`, `"${newId}"`);
    insertDispute.run(columns.map((c) => (c === "id" ? newId : c === "body" ? body : row[c])));
    for (const person of parties.get(id) ?? []) insertParty.run(newId, person);
  };
  const copies = total - rows.length;
  let settled = settledRows.length;
  const batch = db.transaction((start: number, end: number) => {
    for (let k = start; k < end; k++) {
      // Four in five copies are of a settled dispute: the m-th such copy copies settledRows[m % length], copy number m / length + 1.
      const fromSettled = k % 5 !== 0;
      const m = fromSettled ? k - Math.floor(k / 5) - 1 : k / 5;
      const source = fromSettled ? settledRows : otherRows;
      copyOf(source[m % source.length]!, Math.floor(m / source.length) + 1);
      if (fromSettled) settled++;
    }
  });
  for (let start = 0; start < copies; start += 50_000) batch(start, Math.min(copies, start + 50_000));
  db.close();
  return { settled };
};

export const runReportSqliteBench = async (): Promise<ReadonlyArray<BenchEntry>> => {
  const sample = Number(process.env.TIAOJIE_BENCH_REPORT_SAMPLE ?? 20_000);
  const total = Number(process.env.TIAOJIE_BENCH_REPORT_DISPUTES ?? 1_000_000);
  if (!(total >= sample)) throw new Error("TIAOJIE_BENCH_REPORT_DISPUTES must be at least TIAOJIE_BENCH_REPORT_SAMPLE");
  const r = sampleRegistrations(sample);
  const township = r.town.township.code;
  const today = r.town.period.to;
  const period = { from: plusDays(today, -29), to: today };
  const dir = mkdtempSync(join(tmpdir(), "tiaojie-bench-report-"));
  const file = join(dir, "ledger.db");
  try {
    console.log(`\n== SQLite file: the monthly report ${period.from}..${period.to} over ${whole(total)} disputes (a sample of ${whole(sample)} through the ledger, multiplied raw) ==`);
    let start = performance.now();
    let ledger = openLedger(await sqliteStore({ file }), r);
    const latest = await walkCases(ledger, r, await registerEach(ledger, r), period.from);
    const walked = latest.filter((v) => v.case.status !== "registered").length;
    console.log(`registered ${whole(sample)} and walked ${whole(walked)} cases through the ledger: ${seconds(performance.now() - start)} s`);

    // The sample: the ledger's report is the pure core's over the records the use cases returned.
    start = performance.now();
    const ledgerReport = await ledger.monthlyReport(r.coordinator, { period });
    const sampleReportMs = performance.now() - start;
    if (!ledgerReport.ok) throw new Error(`the ledger's report failed: ${ledgerReport.error.message}`);
    const data = {
      units: r.town.units,
      disputes: latest.map((v) => v.dispute),
      cases: latest.map((v) => v.case),
      grades: [],
      resolutionMeasures: latest.flatMap((v) => v.measures),
      listings: [],
      submissions: [],
    };
    const pure = monthlyReport(data, { jurisdiction: township, period, campaign: zixi2025, timeLimits: { calendar: weekendCalendar, rules: defaultTimeLimits } });
    if (!pure.ok) throw new Error(`the core's report failed: ${pure.error.message}`);
    if (!isDeepStrictEqual(ledgerReport.value, { for: "own", report: pure.value })) {
      throw new Error(`on the ${sample}-dispute sample, the ledger's monthly report differs from the pure core monthlyReport over the same records`);
    }
    const totals = pure.value.totals;
    console.log(`sample check: the ledger's report equals the pure core's (${seconds(sampleReportMs)} s; new ${totals.new}, cumulative ${totals.cumulative}, resolved in period ${totals.resolvedInPeriod}, open at end ${totals.openAtEnd})`);
    await ledger.close();

    start = performance.now();
    const { settled } = multiply(file, total, period.from);
    console.log(`multiplied raw to ${whole(total)} disputes (${whole(settled)} closed and settled before ${period.from}): ${seconds(performance.now() - start)} s`);

    const store = await sqliteStore({ file });
    ledger = openLedger(store, r);
    const raw = new Database(file, { readonly: true });
    const query: DisputeCountQuery = { within: township, where: { status: SETTLED, settledBefore: period.from } };
    const handWritten = raw.prepare(`select ${CELLS.join(", ")}, count(*) as count from tiaojie_dispute where jurisdiction like ? group by ${CELLS.join(", ")}`);
    const pattern = `${divisionPrefix(township)}%`;
    const plan = (sql: string, ...params: ReadonlyArray<unknown>) =>
      (raw.prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail).join("; ");
    console.log(`(b)'s plan: ${plan(handWritten.source, pattern)}`);
    // (a)'s SQL as countDisputes writes it: one call through a Kysely instance that logs its query.
    let logged: { readonly sql: string; readonly parameters: ReadonlyArray<unknown> } | undefined;
    const logging = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: raw }), log: (event) => void (logged = event.query) });
    await countDisputes(logging, query);
    console.log(`(a)'s SQL: ${logged!.sql}`);
    console.log(`(a)'s plan: ${plan(logged!.sql, ...logged!.parameters)}`);
    const sum = (groups: ReadonlyArray<{ readonly count: number }>) => groups.reduce((n, g) => n + Number(g.count), 0);
    const [a, b] = await measureAlternating<number>(
      [
        { name: "(a) report count: settled before the period, GROUP BY", items: settled, run: async () => sum(await countDisputes(store.db, query)) },
        { name: "(b) hand-written GROUP BY of every dispute (better-sqlite3)", items: total, run: () => sum(handWritten.all(pattern) as Array<{ count: number }>) },
      ],
      { runs: 3, onRun: (name, ms) => console.log(`  ${name}: ${ms.toFixed(0)} ms`) },
    );
    const expectedSettled = (
      raw.prepare(`select count(*) as n from tiaojie_dispute where jurisdiction like ? and status in (${SETTLED.map(() => "?").join(", ")}) and settled_on < ?`).get(pattern, ...SETTLED, period.from) as { n: number }
    ).n;
    if (a!.output !== expectedSettled || a!.output !== settled) throw new Error(`(a) counted ${a!.output} disputes, the table holds ${expectedSettled} settled (${settled} expected)`);
    if (b!.output !== total) throw new Error(`(b) counted ${b!.output} disputes of ${total}`);
    const ratio = a!.medianMs / b!.medianMs;
    printTable(
      ["query", "median ms", "rows counted/s"],
      [a!, b!].map((t) => [t.name, t.medianMs.toFixed(0), whole(t.perSecond)]),
    );
    console.log(`(a) / (b): ${ratio.toFixed(2)}× (target: at most ${TARGET}×)`);

    start = performance.now();
    const full = await ledger.monthlyReport(r.coordinator, { period });
    const fullMs = performance.now() - start;
    if (!full.ok) throw new Error(`the ledger's report on ${total} disputes failed: ${full.error.message}`);
    if (full.value.for !== "own" || full.value.report.totals.cumulative !== total) throw new Error(`the ledger's report on ${total} disputes does not count them all`);
    const report = full.value.report;
    const counts = await store.transact(async (tx) => tx.disputeCounts !== undefined);
    console.log(
      `information: ledger.monthlyReport over ${whole(total)} disputes: ${seconds(fullMs)} s (cumulative ${whole(report.totals.cumulative)}, open at end ${whole(report.totals.openAtEnd)}; ` +
        `${counts ? "the store counts the settled disputes" : "this store has no disputeCounts, so the ledger reads every dispute"}; peak resident memory of the process until now ${whole(process.resourceUsage().maxRSS / 1024)} MB)`,
    );
    raw.close();
    await ledger.close();
    return [comparisonAtMost(`store-kysely sqlite: monthly report count over ${total} disputes, report GROUP BY time / hand-written GROUP BY time`, Math.round(a!.medianMs), "ms", ratio, TARGET)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
