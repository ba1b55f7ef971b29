import { defineConfig } from "vitest/config";

// The long checks of `pnpm test:long` (run by .ci/run after `npm test`): fuzzing,
// crash and concurrency runs whose work is fixed by a count, each printing its
// figures. Their count, not the clock, bounds them; the timeout only stops a hang.
export default defineConfig({
  test: {
    include: ["src/**/*.long.test.ts"],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    passWithNoTests: false,
  },
});
