import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStoreConformance } from "@tiaojie/store-testkit";
import { makeJsonFileStore } from "./index.js";

// Every suite of the kit, none switched off: a fresh file in a fresh directory
// for every test, removed afterwards.

runStoreConformance({
  name: "json-file",
  makeStore: async () => {
    const dir = await mkdtemp(join(tmpdir(), "tiaojie-json-file-"));
    const store = await makeJsonFileStore({ file: join(dir, "ledger.json") });
    return { store, raw: store.raw, cleanup: () => rm(dir, { recursive: true, force: true }) };
  },
});
