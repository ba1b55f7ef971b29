import { runStoreConformance, suiteNames } from "@tiaojie/store-testkit";
import { makeMemoryStore } from "./index.js";

runStoreConformance({
  name: "memory",
  makeStore: async () => {
    const s = makeMemoryStore();
    return { store: s, raw: s.raw };
  },
});

// With its replica the store differs only by transactReadOnly, which the kit's
// read-only suite checks (the other suites run the ledger over the primary).
runStoreConformance({
  name: "memory with a lagging replica",
  makeStore: async () => {
    const s = makeMemoryStore({ replica: true });
    return { store: s, raw: s.raw, awaitReplica: s.raw.syncReplica };
  },
  off: Object.fromEntries(suiteNames.filter((n) => n !== "read-only").map((n) => [n, "run above, over the same store without its replica"])),
});
