import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The long checks (`*.long.test.ts`) run by `pnpm test:long`, with vitest.long.config.ts.
    exclude: [...configDefaults.exclude, "src/**/*.long.test.ts"],
    // The core is pure and keeps no module state, so test files can share one module
    // graph: this cuts the suite from about 36 s to 6 s on the 2-core machines.
    isolate: false,
  },
});
