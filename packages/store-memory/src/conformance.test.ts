import { runStoreConformance } from "@tiaojie/store-testkit";
import { makeMemoryStore } from "./index.js";

runStoreConformance({
  name: "memory",
  makeStore: async () => {
    const s = makeMemoryStore();
    return { store: s, raw: s.raw };
  },
});
