import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Typechecks the guides' samples once, before the tests and without a timeout.
    globalSetup: ["test/global-setup.ts"],
  },
});
