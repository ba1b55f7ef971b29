/**
 * `pnpm bench`: runs the core's benchmarks and merges their entries into the
 * repository root's `bench-results.json`.
 */
import { runGradingBench } from "./grading.js";
import { mergeResults, resultsFile } from "./results.js";

const entries = [...(await runGradingBench())];
mergeResults(entries);
console.log(`\nWrote ${entries.length} entries to ${resultsFile}`);
