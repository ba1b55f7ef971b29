// One of two processes that update the same disputes at the same time, for
// two-processes.long.test.ts: it opens the store the parent set up (a SQLite
// file or a PostgreSQL database) with the fixture's ledger and keys, says
// `ready`, waits for `go` on stdin (so both children start together), then
// makes its update attempts. Each attempt reads a dispute's current version and
// records a measure at that version, a text naming this child and the attempt;
// the ledger either applies it or answers VersionConflict because the other
// process changed the dispute in between. Every outcome is reported, as one
// JSON line at the end.
//
// Usage: node --import tsx update-child.ts <store as JSON> <child id> <seed> <attempts> <disputes>
//   store: {"sqlite": "<file>"} or {"postgres": "<connection string>"}
import { createInterface } from "node:readline";
import type { DisputeId } from "@tiaojie/core";
import { type SqlStore, postgresStore, sqliteStore } from "../index.js";
import { ledgerFixture } from "./ledger-fixture.js";
import { seededRandom } from "./seeded-random.js";

/** What one attempt ended with; `version` is the one read, `now` the one written when applied. */
export interface AttemptOutcome {
  readonly attempt: number;
  readonly dispute: string;
  readonly token: string;
  readonly outcome: "applied" | "conflict" | "other";
  readonly version?: number;
  readonly now?: number;
  readonly detail?: string;
}

/** The child's last line. */
export interface ChildReport {
  readonly child: string;
  /** When the first attempt began and the last ended (ms since the epoch: one clock for both children). */
  readonly started: number;
  readonly ended: number;
  readonly attempts: ReadonlyArray<AttemptOutcome>;
}

/** The measure text an attempt records: unique across both children. */
const tokenOf = (child: string, attempt: number): string => `并发测试 ${child}#${attempt}`;

const [storeArg, child, seedArg, attemptsArg, disputesArg] = process.argv.slice(2);
if (storeArg === undefined || child === undefined || seedArg === undefined || attemptsArg === undefined || disputesArg === undefined) {
  throw new Error("usage: update-child.ts <store as JSON> <child id> <seed> <attempts> <disputes>");
}
const where = JSON.parse(storeArg) as { readonly sqlite?: string; readonly postgres?: string };
const attempts = Number(attemptsArg);

const store: SqlStore =
  where.sqlite !== undefined ? await sqliteStore({ file: where.sqlite }) : await postgresStore({ connectionString: where.postgres!, poolSize: 2 });
// The same town as the parent's (same seed, same count), so the same dispute ids and keys.
const fx = ledgerFixture(store, { disputes: Number(disputesArg) });
const ids = fx.forms.map((f) => f.dispute.id as DisputeId);
const random = seededRandom(Number(seedArg));

const describeError = (error: unknown): string => {
  // The innermost cause says what happened (a driver's error and its code); the layers above repeat it.
  const e = error as { readonly _tag?: string; readonly name?: string; readonly code?: unknown; readonly message?: string; readonly cause?: unknown };
  const own = `${e._tag ?? e.name ?? "error"}${e.code === undefined ? "" : ` ${String(e.code)}`}`;
  return e.cause === undefined ? `${own}: ${e.message ?? String(error)}` : `${own} ← ${describeError(e.cause)}`;
};

// The barrier: both children are connected and ready before either writes.
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
lines.close();

const outcomes: Array<AttemptOutcome> = [];
const started = Date.now();
for (let attempt = 0; attempt < attempts; attempt++) {
  const dispute = ids[random.int(0, ids.length - 1)]!;
  const token = tokenOf(child, attempt);
  const read = await fx.ledger.getDispute(fx.coordinator, dispute);
  if (!read.ok) {
    outcomes.push({ attempt, dispute, token, outcome: "other", detail: `read: ${describeError(read.error)}` });
    continue;
  }
  const version = read.value.version;
  const r = await fx.ledger.recordMeasure(fx.coordinator, { dispute, version, measure: token });
  if (r.ok) outcomes.push({ attempt, dispute, token, outcome: "applied", version, now: r.value.version });
  else if (r.error._tag === "VersionConflict") outcomes.push({ attempt, dispute, token, outcome: "conflict", version });
  else outcomes.push({ attempt, dispute, token, outcome: "other", version, detail: describeError(r.error) });
}
const ended = Date.now();
await store.close();
process.stdout.write(`${JSON.stringify({ child, started, ended, attempts: outcomes } satisfies ChildReport)}\n`);
