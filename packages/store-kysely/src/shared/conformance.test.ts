import { runStoreConformance } from "@tiaojie/store-testkit";
import { forEachDialect } from "../testing/dialects.js";

// The whole store kit, once per dialect, each on a real database of its own.
await forEachDialect("store kit", (d) => {
  runStoreConformance({
    name: d.name,
    makeStore: async () => {
      const store = await d.openEmpty();
      return { store, raw: store.raw };
    },
    // Fewer runs of each property on the servers, whose round trips make each run
    // slower: the suites' claims are the same, the whole run stays bounded.
    ...(d.dialect === "sqlite" ? {} : { runs: 12 }),
  });
});
