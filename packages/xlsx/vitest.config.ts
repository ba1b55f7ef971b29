import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // The long checks (`*.long.test.ts`) run by `pnpm test:long`, with vitest.long.config.ts.
    exclude: [...configDefaults.exclude, "src/**/*.long.test.ts"],
  },
});
