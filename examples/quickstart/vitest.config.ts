import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Compiles the README's code blocks and runs the no-fast-check probe once, before
    // the tests and without a timeout (both take seconds by nature).
    globalSetup: ["src/test-support/global-setup.ts"],
  },
});
