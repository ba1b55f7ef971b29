import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { sqliteStore } from "../index.js";
import { ledgerFixture } from "../testing/ledger-fixture.js";

// Bulk registration on a SQLite file commits batch by batch with its
// checkpoint: a process killed in the middle of an import leaves whole batches
// only, and the same import run again resumes after the last one, registering
// every dispute exactly once.

const dir = mkdtempSync(join(tmpdir(), "tiaojie-bulk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const child = fileURLToPath(new URL("../testing/bulk-import-child.ts", import.meta.url));
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

it(
  "an import killed after two batches left 8 disputes; run again, it resumes at 8 and ends with all 30 once, the audit verifying",
  async () => {
    const file = join(dir, "ledger.db");
    const killed = spawnSync(process.execPath, ["--import", "tsx", child, file, "2"], { cwd: packageDir, encoding: "utf8" });
    expect(killed.signal, `the import process was killed (stderr: ${killed.stderr})`).toBe("SIGKILL");

    const store = await sqliteStore({ file });
    const fx = ledgerFixture(store, { disputes: 30 });
    const left = (await store.raw.snapshot()) as { collections: { disputes: ReadonlyArray<unknown> } };
    expect(left.collections.disputes, "whole batches of 4 only: two of them").toHaveLength(8);

    const resumed = await fx.ledger.registerDisputes(fx.officer, { run: "import-1", items: fx.forms, batchSize: 4 });
    expect(resumed.ok, "the import run again").toBe(true);
    if (!resumed.ok) return;
    expect(resumed.value.resumedFrom).toBe(8);
    expect(resumed.value.registered).toBe(22);
    const all = (await store.raw.snapshot()) as { collections: { disputes: ReadonlyArray<{ id: string }> } };
    expect(all.collections.disputes.map((d) => d.id).sort(), "every dispute once").toEqual(fx.forms.map((f) => f.dispute.id as string).sort());
    const audit = await fx.ledger.verifyAudit({ ...fx.officer, role: "auditor" });
    expect(audit.ok && audit.value.ok, "the audit chains verify after the crash and the resume").toBe(true);
    await store.close();
  },
  120_000,
);
