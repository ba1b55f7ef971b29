// Loaded here, while the file is collected, so that running a block does not pay for it.
import "@tiaojie/core";
import { testBlocks } from "@tiaojie/doc-samples/vitest";
import { expect, inject, test } from "vitest";

// The README's ```ts blocks, taken from README.md itself by the global setup
// (test-support/global-setup.ts), which wrote each to a module in this package and
// typechecked it against the built packages.
const blocks = inject("readmeBlocks");

test("the README has code blocks to run", () => {
  expect(blocks.length).toBeGreaterThan(0);
});

// Each block compiles against the built packages, runs without throwing and prints
// what its `// →` lines say.
testBlocks(blocks, "the code block at");
