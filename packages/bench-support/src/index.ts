export { type Timing, type Variant, measureAlternating, median } from "./measure.js";
export { type BenchEntry, comparison, comparisonAtMost, information, mergeResults, printTable, resultsFile } from "./results.js";
export { finishBench } from "./finish.js";
