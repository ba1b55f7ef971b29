/**
 * Checking the TypeScript samples of Markdown files: {@link codeBlocks} finds the
 * fenced blocks, {@link expectedOutput} reads what a block says it prints,
 * {@link runBlock} runs a prepared block and {@link firstMissingLine} compares.
 * Writing the blocks out and typechecking them is `@tiaojie/doc-samples/prepare`
 * (it loads the TypeScript compiler, so it is meant for a global setup); the tests
 * that check prepared blocks are `@tiaojie/doc-samples/vitest`.
 *
 * @packageDocumentation
 */
export { type CodeBlock, RUNNABLE_LANGS, codeBlocks, expectedOutput, firstMissingLine, runnableBlocks } from "./blocks.js";
export { runBlock } from "./run.js";
export type { PreparedBlock } from "./prepared.js";
