import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { SqlStoreError, sqliteStore } from "../index.js";
import { ledgerFixture } from "../testing/ledger-fixture.js";

// SQLite's own faults, provoked for real: a full database (max_page_count), a
// file opened read-only, a file another connection holds locked (a unique key
// on every dialect: unique-violation.test.ts). Each surfaces
// as a SqlStoreError of its kind with a message in both languages, the ledger
// answers StoreFailure with it as the cause, and nothing of the failed use case
// is left in the file.

const dir = mkdtempSync(join(tmpdir(), "tiaojie-sqlite-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = (): string => join(dir, `faults-${n++}.db`);

/** The store error under the ledger's StoreFailure, or a failed test. */
const storeErrorOf = (result: { readonly ok: boolean; readonly error?: unknown }): SqlStoreError => {
  expect(result.ok, "the use case fails").toBe(false);
  const error = result.error as { readonly _tag?: string; readonly cause?: unknown };
  expect(error._tag, "the ledger's error").toBe("StoreFailure");
  expect(error.cause, "its cause is the store's typed error").toBeInstanceOf(SqlStoreError);
  const cause = error.cause as SqlStoreError;
  expect(cause.text.zh.length > 0 && cause.text.en.length > 0, "a message in both languages").toBe(true);
  return cause;
};

describe("sqlite faults", () => {
  it("a full database (max_page_count) is disk-full, and the registration that met it leaves nothing", async () => {
    const store = await sqliteStore({ file: freshFile() });
    const fx = ledgerFixture(store, { disputes: 40 });
    for (const form of fx.forms.slice(0, 2)) expect((await fx.ledger.registerDispute(fx.officer, form)).ok).toBe(true);
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(store.db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(store.db);
    let full: SqlStoreError | undefined;
    for (const form of fx.forms.slice(2)) {
      // Registrations may fit in free pages for a while; the one that does not
      // must leave the file exactly as it was before it.
      const before = await store.raw.snapshot();
      const r = await fx.ledger.registerDispute(fx.officer, form);
      if (!r.ok) {
        full = storeErrorOf(r);
        expect(await store.raw.snapshot(), "the failed registration left nothing").toEqual(before);
        break;
      }
    }
    expect(full?.kind, "a registration runs out of room").toBe("disk-full");
    const audit = await fx.ledger.verifyAudit({ ...fx.officer, role: "auditor" });
    expect(audit.ok && audit.value.ok, "the audit chains verify").toBe(true);
    await store.close();
  });

  it("a file opened read-only refuses writes as read-only, reads still work, and the file is unchanged", async () => {
    const file = freshFile();
    const writer = await sqliteStore({ file });
    const fx = ledgerFixture(writer);
    expect((await fx.ledger.registerDispute(fx.officer, fx.forms[0]!)).ok).toBe(true);
    const before = await writer.raw.snapshot();
    await writer.close();

    const reader = await sqliteStore({ file, readOnly: true });
    const rx = ledgerFixture(reader);
    const listed = await rx.ledger.listDisputes(rx.officer, { limit: 10 });
    expect(listed.ok, "reading a read-only file").toBe(true);
    expect(storeErrorOf(await rx.ledger.registerDispute(rx.officer, rx.forms[1]!)).kind).toBe("read-only");
    expect(await reader.raw.snapshot(), "nothing written").toEqual(before);
    await reader.close();
  });

  it("a file another connection holds locked is busy after the busy timeout, and works once the lock is gone", async () => {
    const file = freshFile();
    const store = await sqliteStore({ file, busyTimeoutMs: 50 });
    const fx = ledgerFixture(store);
    const other = new Database(file);
    other.exec("begin immediate");
    const before = await store.raw.snapshot();
    expect(storeErrorOf(await fx.ledger.registerDispute(fx.officer, fx.forms[0]!)).kind).toBe("busy");
    other.exec("rollback");
    other.close();
    expect(await store.raw.snapshot(), "nothing written while locked").toEqual(before);
    expect((await fx.ledger.registerDispute(fx.officer, fx.forms[0]!)).ok, "the same registration once the lock is released").toBe(true);
    await store.close();
  });
});
