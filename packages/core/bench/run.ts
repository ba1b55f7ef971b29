/**
 * `pnpm bench`: runs the core's benchmarks, merges their entries into the
 * repository root's `bench-results.json`, and exits non-zero when any target
 * does not hold (so that CI and scripts see a regression).
 */
import { runGradingBench } from "./grading.js";
import { mergeResults, resultsFile } from "./results.js";

const entries = [...(await runGradingBench())];
mergeResults(entries);
console.log(`\nWrote ${entries.length} entries to ${resultsFile}`);
const failed = entries.filter((e) => e.holds === false);
if (failed.length > 0) {
  console.error(`\nFAIL: ${failed.length} target(s) do not hold:\n${failed.map((e) => `  ${e.name}: ${e.ratio?.toPrecision(3)}× < ${e.target}×`).join("\n")}`);
  process.exitCode = 1;
} else {
  console.log("Every target holds.");
}
