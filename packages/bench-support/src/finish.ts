/**
 * The end of a `pnpm bench` run: merge the entries into the shared results file,
 * print where they went, and set a non-zero exit code when any target does not
 * hold, so that CI and scripts see a regression.
 */
import { type BenchEntry, mergeResults, resultsFile } from "./results.js";

export const finishBench = (entries: ReadonlyArray<BenchEntry>): void => {
  mergeResults(entries);
  console.log(`\nWrote ${entries.length} entries to ${resultsFile}`);
  const failed = entries.filter((e) => e.holds === false);
  if (failed.length > 0) {
    const lines = failed.map((e) => `  ${e.name}: ${e.ratio?.toPrecision(3)}× against a target of ${e.atMost ? "at most" : "at least"} ${e.target}×`);
    console.error(`\nFAIL: ${failed.length} target(s) do not hold:\n${lines.join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log("Every target holds.");
  }
};
