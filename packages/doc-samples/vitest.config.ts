import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Prepares the fixture Markdown files once, before the tests and without a
    // timeout (the compiler takes seconds by nature); prepare.test.ts asserts on them.
    globalSetup: ["src/test-support/global-setup.ts"],
  },
});
