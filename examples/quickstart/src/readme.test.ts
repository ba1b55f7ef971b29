import { pathToFileURL } from "node:url";
import { format } from "node:util";
// Loaded here, while the file is collected, so that running a block does not pay for it.
import "@tiaojie/core";
import { describe, expect, inject, test, vi } from "vitest";
import { firstMissingLine } from "./test-support/readme-blocks.js";

// The README's ```ts blocks, taken from README.md itself by the global setup
// (test-support/global-setup.ts), which wrote each to a module in this package and
// typechecked it against the built packages.
const blocks = inject("readmeBlocks");

test("the README has code blocks to run", () => {
  expect(blocks.length).toBeGreaterThan(0);
});

describe.each(blocks)("the code block at $where", (block) => {
  test("compiles against the built packages", () => {
    expect(block.diagnostics).toEqual([]);
  });

  test("runs without throwing and prints what its `// →` lines say", async () => {
    const output: Array<string> = [];
    const record = (...args: Array<unknown>) => {
      output.push(...format(...args).split("\n"));
    };
    const spies = (["log", "info", "warn", "error"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(record),
    );
    try {
      await import(pathToFileURL(block.file).href);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(firstMissingLine(block.expected, output), output.join("\n")).toBeUndefined();
  });
});
