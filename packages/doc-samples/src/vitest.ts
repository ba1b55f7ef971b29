/**
 * The tests of prepared blocks, for the test files that check a Markdown file's
 * samples (the blocks come from `prepareBlocks` in a global setup, through vitest's
 * `provide` and `inject`).
 *
 * @packageDocumentation
 */
import { describe, expect, test } from "vitest";
import { firstMissingLine } from "./blocks.js";
import type { PreparedBlock } from "./prepared.js";
import { runBlock } from "./run.js";

/** Fails, listing the compiler's errors, unless the block compiled. */
export const expectCompiles = (block: PreparedBlock): void => {
  expect(block.diagnostics, `${block.where} 编译不通过 does not compile:\n${block.diagnostics.join("\n")}\n`).toEqual([]);
};

/**
 * Runs the block and fails unless it ran without throwing and printed every line
 * its `// →` comments say, in order; the failure shows what it printed. A block
 * runs once per test file: call this once for each.
 */
export const expectPrintsWhatItSays = async (block: PreparedBlock): Promise<void> => {
  const printed = await runBlock(block.file);
  expect(firstMissingLine(block.expected, printed), printed.join("\n")).toBeUndefined();
};

/**
 * For each block, a group of tests titled `${title} ${where}`: it compiles against
 * the built packages, and it runs and prints what its `// →` lines say.
 */
export const testBlocks = (blocks: ReadonlyArray<PreparedBlock>, title = "the code block at"): void => {
  for (const block of blocks) {
    describe(`${title} ${block.where}`, () => {
      test("compiles against the built packages", () => expectCompiles(block));
      test("runs without throwing and prints what its `// →` lines say", () => expectPrintsWhatItSays(block));
    });
  }
};
