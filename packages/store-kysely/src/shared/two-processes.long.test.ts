import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { DisputeId } from "@tiaojie/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SqlStore, postgresStore, sqliteStore } from "../index.js";
import { storeUrl } from "../testing/dialects.js";
import { ledgerFixture } from "../testing/ledger-fixture.js";
import { type FreshDatabase, describeWithServer, freshPostgresDatabase } from "../testing/servers.js";
import type { AttemptOutcome, ChildReport } from "../testing/update-child.js";

// Two processes update the same few disputes at the same time, each through its
// own store on the same database, with optimistic versions: every update is
// either applied or answered VersionConflict, never lost. Each child makes a
// fixed number of attempts (read the version, record a measure at it); a
// barrier (`go` on stdin once both are connected) makes them run together.
// Afterwards each dispute's version grew by exactly the updates applied to it,
// each applied update made exactly one version, its measure is there in the
// order of the versions, no conflicted measure is, and the audit chain verifies
// with one event per applied update.

const DISPUTES = 5;
const ATTEMPTS = 1_000;
const SEEDS = [1301, 1302] as const;
const childScript = fileURLToPath(new URL("../testing/update-child.ts", import.meta.url));
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

type Where = { readonly sqlite: string } | { readonly postgres: string };

const running = new Set<ChildProcess>();
afterAll(() => {
  // Only a failed run leaves a child behind (each is awaited to its exit).
  for (const child of running) child.kill("SIGKILL");
});

/** One child: its process, a promise of its first `ready` line, and one of its report. */
const startChild = (where: Where, id: string, seed: number) => {
  const child = spawn(process.execPath, ["--import", "tsx", childScript, JSON.stringify(where), id, String(seed), String(ATTEMPTS), String(DISPUTES)], {
    cwd: packageDir,
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const lines: Array<string> = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    if (line === "ready") markReady();
  });
  const report = new Promise<ChildReport>((resolve, reject) => {
    child.on("exit", (code, signal) => {
      running.delete(child);
      if (code !== 0) return reject(new Error(`child ${id} ended with ${signal ?? code}: ${stderr}`));
      const last = lines.at(-1);
      if (last === undefined || !last.startsWith("{")) return reject(new Error(`child ${id} printed no report: ${stderr}`));
      resolve(JSON.parse(last) as ChildReport);
    });
  });
  // A child that dies before it is ready fails the run instead of stalling the barrier.
  return { child, ready: Promise.race([ready, report.then(() => undefined)]), report };
};

/** Both children, started together once both are connected; their reports and how long they ran. */
const runBoth = async (where: Where): Promise<{ reports: ReadonlyArray<ChildReport>; seconds: number }> => {
  const children = SEEDS.map((seed, i) => startChild(where, `c${i + 1}`, seed));
  await Promise.all(children.map((c) => c.ready));
  const started = performance.now();
  for (const c of children) c.child.stdin!.end("go\n");
  const reports = await Promise.all(children.map((c) => c.report));
  return { reports, seconds: (performance.now() - started) / 1000 };
};

interface Before {
  readonly versions: ReadonlyMap<string, number>;
  readonly measures: ReadonlyMap<string, ReadonlyArray<string>>;
  readonly auditEvents: number;
}

/** The events in the audit chains in the coordinator's scope, after checking they verify. */
const verifiedAuditEvents = async (fx: ReturnType<typeof ledgerFixture>): Promise<number> => {
  const audit = await fx.ledger.verifyAudit({ ...fx.coordinator, role: "auditor" });
  expect.soft(audit.ok && audit.value.ok, `the audit chains verify: ${JSON.stringify(audit.ok ? audit.value.chains.filter((c) => !c.ok) : audit.error)}`).toBe(true);
  return audit.ok ? audit.value.chains.reduce((n, c) => n + c.size, 0) : 0;
};

/** Each dispute's version and measures as the ledger returns them. */
const readDisputes = async (fx: ReturnType<typeof ledgerFixture>) => {
  const versions = new Map<string, number>();
  const measures = new Map<string, ReadonlyArray<string>>();
  for (const form of fx.forms) {
    const id = form.dispute.id as DisputeId;
    const r = await fx.ledger.getDispute(fx.coordinator, id);
    expect(r.ok, `dispute ${id} reads`).toBe(true);
    if (!r.ok) continue;
    versions.set(id, r.value.version);
    measures.set(
      id,
      r.value.measures.map((m) => m.measure),
    );
  }
  return { versions, measures };
};

/** Registers the disputes on a fresh store and returns what the children start from. */
const setUp = async (store: SqlStore): Promise<Before> => {
  const fx = ledgerFixture(store, { disputes: DISPUTES });
  for (const form of fx.forms) expect((await fx.ledger.registerDispute(fx.officer, form)).ok, `dispute ${form.dispute.id} registers`).toBe(true);
  const { versions, measures } = await readDisputes(fx);
  return { versions, measures, auditEvents: await verifiedAuditEvents(fx) };
};

/**
 * Every claim of the run, on the store reopened after both children ended; the
 * figures line. The claims are soft: a failed one is reported and the rest still
 * run, so a run with failures still says whether any update was lost.
 */
const checkRun = async (label: string, store: SqlStore, before: Before, reports: ReadonlyArray<ChildReport>, seconds: number): Promise<string> => {
  const fx = ledgerFixture(store, { disputes: DISPUTES });
  for (const report of reports) {
    expect.soft(
      report.attempts.map((a) => a.attempt),
      `child ${report.child} made exactly ${ATTEMPTS} attempts`,
    ).toEqual(Array.from({ length: ATTEMPTS }, (_, i) => i));
  }
  const [first, second] = reports as [ChildReport, ChildReport];
  expect.soft(first.started < second.ended && second.started < first.ended, "the two children's attempts overlapped in time (the barrier)").toBe(true);
  const all: ReadonlyArray<AttemptOutcome> = reports.flatMap((r) => r.attempts);
  const applied = all.filter((a) => a.outcome === "applied");
  const conflicts = all.filter((a) => a.outcome === "conflict");
  const other = all.filter((a) => a.outcome === "other");
  // Grouped by what failed, with the first attempt of each: a few lines, not a thousand.
  const otherKinds = new Map<string, { count: number; first: string }>();
  for (const o of other) {
    const kind = otherKinds.get(o.detail!) ?? { count: 0, first: o.token };
    otherKinds.set(o.detail!, { ...kind, count: kind.count + 1 });
  }
  expect.soft(Object.fromEntries(otherKinds), `no outcome other than applied or conflict (${other.length} other)`).toEqual({});
  expect.soft(applied.length + conflicts.length, "every attempt applied or a conflict").toBe(SEEDS.length * ATTEMPTS);
  expect.soft(applied.length, "some updates applied").toBeGreaterThan(0);
  expect.soft(
    applied.filter((a) => a.now !== a.version! + 1).map((a) => a.token),
    "an applied update makes the next version of the one it read",
  ).toEqual([]);

  const after = await readDisputes(fx);
  let addingUp = 0;
  for (const [id, initial] of before.versions) {
    const onIt = applied.filter((a) => a.dispute === id).sort((x, y) => x.now! - y.now!);
    const final = after.versions.get(id)!;
    expect.soft(final - initial, `${id}: the version grew by the updates applied to it`).toBe(onIt.length);
    // Each version after the initial one was made by exactly one applied update.
    expect.soft(
      onIt.map((a) => a.now),
      `${id}: one applied update per version`,
    ).toEqual(Array.from({ length: onIt.length }, (_, i) => initial + 1 + i));
    // Its measures: those it had, then each applied one, in the order of the versions.
    expect.soft(after.measures.get(id), `${id}: every applied measure, once, in version order`).toEqual([...before.measures.get(id)!, ...onIt.map((a) => a.token)]);
    if (final - initial === onIt.length) addingUp++;
  }
  const stored = new Set([...after.measures.values()].flat());
  expect.soft(
    conflicts.filter((c) => stored.has(c.token)).map((c) => c.token),
    "no conflicted update left its measure",
  ).toEqual([]);
  expect.soft(
    other.filter((o) => stored.has(o.token)).map((o) => o.token),
    "no failed update left its measure",
  ).toEqual([]);
  expect.soft((await verifiedAuditEvents(fx)) - before.auditEvents, "one audit event per applied update").toBe(applied.length);

  return `two processes on ${label}: ${all.length} attempts, ${applied.length} applied, ${conflicts.length} conflicts, ${other.length} other, versions add up on ${addingUp}/${before.versions.size} records, ${seconds.toFixed(1)} s`;
};

describe("two processes on one SQLite file (WAL)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tiaojie-two-processes-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("two processes × 1,000 updates of the same 5 disputes: each applied or a VersionConflict, the versions add up, no update lost, the audit verifies", async () => {
    const file = join(dir, "ledger.db");
    const setup = await sqliteStore({ file });
    const before = await setUp(setup);
    await setup.close();
    const { reports, seconds } = await runBoth({ sqlite: file });
    const store = await sqliteStore({ file });
    try {
      console.log(await checkRun("sqlite", store, before, reports, seconds));
    } finally {
      await store.close();
    }
  });
});

await describeWithServer("postgres", "two processes on one PostgreSQL database", () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshPostgresDatabase();
  });
  afterAll(() => db?.drop());

  it("two processes × 1,000 updates of the same 5 disputes: each applied or a VersionConflict, the versions add up, no update lost, the audit verifies", async () => {
    const url = storeUrl("postgres", db);
    const setup = await postgresStore({ connectionString: url, poolSize: 2 });
    const before = await setUp(setup);
    await setup.close();
    const { reports, seconds } = await runBoth({ postgres: url });
    const store = await postgresStore({ connectionString: url, poolSize: 2 });
    try {
      console.log(await checkRun("postgresql", store, before, reports, seconds));
    } finally {
      await store.close();
    }
  });
});
