/**
 * `pnpm bench` for the core: the grading benchmarks, into the repository root's
 * `bench-results.json`; exits non-zero when a target does not hold.
 */
import { finishBench } from "@tiaojie/bench-support";
import { runGradingBench } from "./grading.js";

finishBench(await runGradingBench());
