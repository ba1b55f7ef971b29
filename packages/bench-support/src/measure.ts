/**
 * Timing for the benchmarks: run several variants in one process, alternating
 * them (a, b, c, a, b, c, …) so that drift in the machine's load affects each
 * alike, and take the median of N runs of each.
 */
import { performance } from "node:perf_hooks";

/** A variant to time: `run` does the whole workload once and returns its output. */
export interface Variant<R> {
  readonly name: string;
  /** How many items one run processes (for throughput). */
  readonly items: number;
  readonly run: () => R | Promise<R>;
  /**
   * Called before each run, outside its time: to load what the run reads (a
   * baseline's rows, say) only while it runs, so the other variants' runs do
   * not carry it in their heap.
   */
  readonly prepare?: () => void | Promise<void>;
}

/** The timings of one variant. */
export interface Timing<R> {
  readonly name: string;
  readonly items: number;
  /** Milliseconds of every timed run, in order. */
  readonly runs: ReadonlyArray<number>;
  readonly medianMs: number;
  /** Items per second at the median run. */
  readonly perSecond: number;
  /** The output of the last run, for checks. */
  readonly output: R;
}

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Runs each variant once untimed (warm-up, unless `warmUp: false`: the caller
 * warmed them up itself, as when a first untimed run also prepares the data of
 * another variant), then `runs` timed rounds in which every variant runs once,
 * in alternating order. A variant's `prepare` is called before each of its
 * runs and `onRun` after each timed run, both outside its time (to load what it
 * reads and to clean up after it, say).
 */
export const measureAlternating = async <R>(
  variants: ReadonlyArray<Variant<R>>,
  options: { readonly runs?: number; readonly warmUp?: boolean; readonly onRun?: (name: string, ms: number) => void | Promise<void> } = {},
): Promise<ReadonlyArray<Timing<R>>> => {
  const runs = options.runs ?? 5;
  const outputs = new Map<string, R>();
  const times = new Map<string, Array<number>>(variants.map((v) => [v.name, []]));
  if (options.warmUp ?? true) {
    for (const v of variants) {
      await v.prepare?.();
      outputs.set(v.name, await v.run());
    }
  }
  for (let round = 0; round < runs; round++) {
    for (const v of variants) {
      await v.prepare?.();
      const start = performance.now();
      const out = await v.run();
      const ms = performance.now() - start;
      outputs.set(v.name, out);
      times.get(v.name)!.push(ms);
      await options.onRun?.(v.name, ms);
    }
  }
  return variants.map((v) => {
    const list = times.get(v.name)!;
    const medianMs = median(list);
    return { name: v.name, items: v.items, runs: list, medianMs, perSecond: (v.items / medianMs) * 1000, output: outputs.get(v.name)! };
  });
};
