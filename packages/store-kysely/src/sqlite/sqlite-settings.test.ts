import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { type SqlStore, sqliteStore } from "../index.js";

// What `sqliteStore` sets on the connection it opens, as SQLite itself reports
// it: write-ahead logging with synchronous = NORMAL on a file, foreign keys on,
// secure_delete on (deleted content overwritten with zeros), the busy timeout,
// the page cache (64 MiB by default) and the size of write-ahead log after which
// it is checkpointed (10,000 pages by default).

const dir = mkdtempSync(join(tmpdir(), "tiaojie-sqlite-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pragma = async (store: SqlStore, name: string): Promise<unknown> => {
  const result = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db);
  return Object.values(result.rows[0]!)[0];
};

describe("sqlite connection settings", () => {
  it("a file opens in WAL mode, synchronous NORMAL, foreign keys on, secure_delete on, a 5 s busy timeout, a 64 MiB page cache, a checkpoint every 10,000 pages", async () => {
    const store = await sqliteStore({ file: join(dir, "defaults.db") });
    try {
      expect(await pragma(store, "journal_mode")).toBe("wal");
      expect(await pragma(store, "synchronous"), "1 is NORMAL").toBe(1);
      expect(await pragma(store, "foreign_keys")).toBe(1);
      expect(await pragma(store, "secure_delete"), "1 is ON (2 would be FAST)").toBe(1);
      expect(await pragma(store, "busy_timeout")).toBe(5000);
      expect(await pragma(store, "cache_size"), "negative: KiB").toBe(-64 * 1024);
      expect(await pragma(store, "wal_autocheckpoint")).toBe(10_000);
    } finally {
      await store.close();
    }
  });

  it("busyTimeoutMs, cacheMiB and autoCheckpointPages are what the caller gives", async () => {
    const store = await sqliteStore({ file: join(dir, "given.db"), busyTimeoutMs: 250, cacheMiB: 8, autoCheckpointPages: 500 });
    try {
      expect(await pragma(store, "busy_timeout")).toBe(250);
      expect(await pragma(store, "cache_size")).toBe(-8 * 1024);
      expect(await pragma(store, "wal_autocheckpoint")).toBe(500);
    } finally {
      await store.close();
    }
  });
});
