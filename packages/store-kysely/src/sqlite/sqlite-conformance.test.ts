import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStoreConformance } from "@tiaojie/store-testkit";
import { afterAll } from "vitest";
import { sqliteStore } from "../index.js";

// The whole store kit on SQLite, in memory and on a file (WAL). Each test gets a
// fresh database: a new in-memory one, or a new file in this run's directory.

runStoreConformance({
  name: "sqlite :memory:",
  makeStore: async () => {
    const store = await sqliteStore({ file: ":memory:" });
    return { store, raw: store.raw };
  },
});

const dir = mkdtempSync(join(tmpdir(), "tiaojie-sqlite-kit-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreConformance({
  name: "sqlite file",
  makeStore: async () => {
    const file = join(dir, `kit-${n++}.db`);
    const store = await sqliteStore({ file });
    return { store, raw: store.raw, cleanup: async () => rmSync(file, { force: true }) };
  },
});
