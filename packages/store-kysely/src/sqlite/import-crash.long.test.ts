import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { sqliteStore } from "../index.js";
import { ledgerFixture } from "../testing/ledger-fixture.js";
import { seededRandom } from "../testing/seeded-random.js";

// A bulk import on one SQLite file, killed with SIGKILL twenty times at random
// moments and restarted each time, then run once to the end. A kill comes a
// seeded random number of progress lines into a run, plus a random few
// milliseconds, so it lands inside a batch's transaction (or its commit, or a
// WAL checkpoint) as often as between batches. After every kill the file passes
// `PRAGMA integrity_check`, holds whole batches only (the disputes committed so
// far, in import order, and nothing of the batch that was cut off), never fewer
// than before, and its audit chain verifies; the next run resumes from exactly
// what is stored. At the end every dispute is there exactly once.

const DISPUTES = 5_000;
const BATCH = 50;
const ROUNDS = 20;
const SEED = 1313;
/** A kill comes after 1 to this many progress lines (the first is printed before any batch)… */
const MAX_LINES = 4;
/** …plus 0 to this many milliseconds: about one batch's time, so it lands anywhere in one. */
const MAX_EXTRA_MS = 20;

const dir = mkdtempSync(join(tmpdir(), "tiaojie-import-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const childScript = fileURLToPath(new URL("../testing/import-crash-child.ts", import.meta.url));
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

interface Run {
  /** What the first progress line said was done before this run (its resumedFrom), if it got that far. */
  readonly resumedFrom: number | undefined;
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  /** Milliseconds from the start of the process to the kill. */
  readonly killedAfterMs: number | undefined;
  readonly result: { readonly resumedFrom: number; readonly registered: number; readonly total: number } | undefined;
  readonly stderr: string;
}

/** Runs the import, killing it after `kill.lines` progress lines and `kill.extraMs` more, or to its end without `kill`. */
const runImport = (file: string, kill?: { readonly lines: number; readonly extraMs: number }): Promise<Run> =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", childScript, file, String(DISPUTES), String(BATCH)], { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let resumedFrom: number | undefined;
    let result: Run["result"];
    let seen = 0;
    let killedAfterMs: number | undefined;
    createInterface({ input: child.stdout }).on("line", (line) => {
      const progress = /^progress (\d+) \d+$/.exec(line);
      if (progress !== null) {
        seen++;
        if (seen === 1) resumedFrom = Number(progress[1]);
        if (kill !== undefined && seen === kill.lines) {
          setTimeout(() => {
            killedAfterMs = performance.now() - started;
            child.kill("SIGKILL");
          }, kill.extraMs);
        }
      } else if (line.startsWith("result ")) result = JSON.parse(line.slice("result ".length)) as Run["result"];
    });
    child.on("exit", (code, signal) => resolve({ resumedFrom, signal, code, killedAfterMs, result, stderr }));
  });

/** What the file holds, read with better-sqlite3 read-only, as the crash left it. */
const inspect = (file: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    const ids = (db.prepare("select id from tiaojie_dispute order by id").all() as Array<{ id: string }>).map((r) => r.id);
    const persons = (db.prepare("select id from tiaojie_person order by id").all() as Array<{ id: string }>).map((r) => r.id);
    // Rows that belong to a dispute not stored would be left by a batch cut off half-way.
    const orphanParties = (db.prepare("select count(*) as n from tiaojie_dispute_party where dispute_id not in (select id from tiaojie_dispute)").get() as { n: number }).n;
    const orphanTasks = (
      db.prepare("select count(*) as n from tiaojie_task where dispute_id is not null and dispute_id not in (select id from tiaojie_dispute)").get() as { n: number }
    ).n;
    return { integrity, ids, persons, orphans: orphanParties + orphanTasks };
  } finally {
    db.close();
  }
};

/** Whether the audit chains verify, read through a read-only store (which leaves the file as it is). */
const auditVerifies = async (file: string): Promise<boolean> => {
  const store = await sqliteStore({ file, readOnly: true });
  try {
    const fx = ledgerFixture(store, { disputes: DISPUTES });
    const audit = await fx.ledger.verifyAudit({ ...fx.officer, role: "auditor" });
    return audit.ok && audit.value.ok;
  } finally {
    await store.close();
  }
};

it(
  `a bulk import of ${DISPUTES.toLocaleString("en")} disputes killed ${ROUNDS} times at random moments: integrity ok, whole batches only, the audit verifying, each run resuming from what is stored, every dispute once at the end`,
  async () => {
    const begun = performance.now();
    const file = join(dir, "ledger.db");
    // The forms the child imports, in its order (the same seeded town), to compare with.
    const setup = await sqliteStore({ file });
    const { forms } = ledgerFixture(setup, { disputes: DISPUTES });
    await setup.close();
    const formIds = forms.map((f) => f.dispute.id as string);
    const personsOf = (count: number): Array<string> => forms.slice(0, count).flatMap((f) => f.persons.map((p) => p.id as string)).sort();
    const random = seededRandom(SEED);

    let stored = 0;
    let resumedChecked = 0;
    const storedAfterKills: Array<number> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const kill = { lines: random.int(1, MAX_LINES), extraMs: random.int(0, MAX_EXTRA_MS) };
      const run = await runImport(file, kill);
      expect(run.signal, `round ${round}: the import was killed, not finished (code ${run.code}, stderr: ${run.stderr})`).toBe("SIGKILL");
      expect(run.resumedFrom, `round ${round}: it resumed from what the file held`).toBe(stored);
      resumedChecked++;

      const after = inspect(file);
      expect(after.integrity, `round ${round}: PRAGMA integrity_check`).toBe("ok");
      const count = after.ids.length;
      expect(count % BATCH, `round ${round}: whole batches only (${count} disputes)`).toBe(0);
      expect(count, `round ${round}: never fewer than before`).toBeGreaterThanOrEqual(stored);
      expect(after.ids, `round ${round}: the first ${count} disputes of the import, each once`).toEqual(formIds.slice(0, count).sort());
      expect(after.persons, `round ${round}: the persons of those disputes, nothing of a batch cut off`).toEqual(personsOf(count));
      expect(after.orphans, `round ${round}: no row of a dispute that is not stored`).toBe(0);
      expect(await auditVerifies(file), `round ${round}: the audit chains verify`).toBe(true);
      console.log(
        `round ${round}: killed ${run.killedAfterMs!.toFixed(0)} ms after start (${kill.lines} progress lines + ${kill.extraMs} ms), resumedFrom ${run.resumedFrom}, ${count} disputes stored`,
      );
      stored = count;
      storedAfterKills.push(count);
    }

    // Once more, uninterrupted: it resumes where the last kill left it and finishes.
    const last = await runImport(file);
    expect(last.code, `the final run finishes (stderr: ${last.stderr})`).toBe(0);
    expect(last.result, "the final run resumed from what the file held and registered the rest").toEqual({ resumedFrom: stored, registered: DISPUTES - stored, batches: Math.ceil((DISPUTES - stored) / BATCH), total: DISPUTES });
    expect(last.resumedFrom).toBe(stored);
    resumedChecked++;
    const end = inspect(file);
    expect(end.integrity, "PRAGMA integrity_check at the end").toBe("ok");
    expect(end.ids, "every dispute exactly once, the forms' ids").toEqual([...formIds].sort());
    expect(new Set(end.ids).size).toBe(DISPUTES);
    expect(end.persons, "every person given, once").toEqual(personsOf(DISPUTES));
    expect(end.orphans).toBe(0);
    expect(await auditVerifies(file), "the audit chains verify at the end").toBe(true);
    // The kills landed at different points of the import, not all at one.
    expect(new Set(storedAfterKills).size, "the kills left different numbers of disputes").toBeGreaterThan(1);
    console.log(
      `import crash on sqlite: ${ROUNDS} SIGKILLs, ${DISPUTES} disputes in batches of ${BATCH}, stored after the kills ${storedAfterKills.join(", ")}; integrity ok, whole batches and audit verified after every kill, resumedFrom matched ${resumedChecked}/${ROUNDS + 1} runs, the final run registered ${DISPUTES - stored}, ${((performance.now() - begun) / 1000).toFixed(1)} s`,
    );
  },
);
