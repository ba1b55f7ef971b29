// The counting harness of the long fuzzing tests (not part of the public API):
// runs a check over a seeded arbitrary with fast-check and tallies what each
// input did, keeping the first failures with their run index, so that a failure
// is reported without fast-check printing (or shrinking) a value nested 100,000
// deep, and can be replayed: `fc.sample(arbitrary, { seed, numRuns: index + 1 })[index]`.
import fc from "fast-check";

/** A check's answer for one input. */
export type Verdict = "accepted" | "rejected";

/** A call that left state behind when it refused, or changed its input: thrown by a check. */
export class PartialWrite extends Error {
  override readonly name = "PartialWrite";
}

/** An answer that is not of the promised shape (not a Result, an error without issues…): thrown by a check. */
export class BrokenAnswer extends Error {
  override readonly name = "BrokenAnswer";
}

/** One input that failed, as it can be replayed and read. */
export interface Failure {
  readonly index: number;
  readonly kind: "throw" | "partial write" | "broken answer";
  readonly error: string;
  readonly input: string;
}

/** What a run did. */
export interface Tally {
  tried: number;
  accepted: number;
  rejected: number;
  throws: number;
  partialWrites: number;
  broken: number;
  seconds: number;
  readonly failures: Array<Failure>;
}

const KEEP = 5;

/** A short, safe description of any value (bounded depth and length, never throws). */
export const describeValue = (v: unknown, depth = 0): string => {
  switch (typeof v) {
    case "string":
      return v.length > 80 ? `${JSON.stringify(v.slice(0, 40))}…(${v.length} chars)` : JSON.stringify(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}n`;
    case "symbol":
      return "Symbol()";
    case "function":
      return "function";
    case "undefined":
      return "undefined";
    case "boolean":
      return String(v);
    default: {
      if (v === null) return "null";
      const proto: unknown = Object.getPrototypeOf(v);
      if (Array.isArray(v)) {
        if (depth >= 5) return `[…${v.length}]`;
        const items = v.slice(0, 6).map((x) => describeValue(x, depth + 1));
        return `[${items.join(",")}${v.length > 6 ? `,…(${v.length} items)` : ""}]`;
      }
      const tag = proto === Object.prototype ? "" : proto === null ? "null-prototype " : `${(v as { constructor?: { name?: string } }).constructor?.name ?? "object"} `;
      if (depth >= 5) return `${tag}{…}`;
      const keys = Object.keys(v as object);
      const entries = keys.slice(0, 8).map((k) => `${JSON.stringify(k)}:${describeValue((v as Record<string, unknown>)[k], depth + 1)}`);
      return `${tag}{${entries.join(",")}${keys.length > 8 ? `,…(${keys.length} keys)` : ""}}`;
    }
  }
};

const errorText = (error: unknown): string => {
  if (!(error instanceof Error)) return `non-Error thrown: ${describeValue(error)}`;
  const frames = (error.stack ?? "").split("\n").slice(1, 7).map((l) => l.trim());
  return `${error.name}: ${error.message.slice(0, 300)} | ${frames.join(" | ")}`;
};

const newTally = (): Tally => ({ tried: 0, accepted: 0, rejected: 0, throws: 0, partialWrites: 0, broken: 0, seconds: 0, failures: [] });

const record = (t: Tally, index: number, input: unknown, error: unknown): void => {
  const kind = error instanceof PartialWrite ? "partial write" : error instanceof BrokenAnswer ? "broken answer" : "throw";
  if (kind === "partial write") t.partialWrites += 1;
  else if (kind === "broken answer") t.broken += 1;
  else t.throws += 1;
  if (t.failures.length < KEEP) t.failures.push({ index, kind, error: errorText(error), input: describeValue(input) });
};

/** Runs `check` over `numRuns` inputs of `arbitrary` drawn from `seed`, counting; never stops early, never shrinks. */
export const fuzz = <T>(arbitrary: fc.Arbitrary<T>, options: { readonly numRuns: number; readonly seed: number }, check: (input: T) => Verdict): Tally => {
  const t = newTally();
  const started = performance.now();
  fc.assert(
    fc.property(arbitrary, (input) => {
      const index = t.tried;
      t.tried += 1;
      try {
        t[check(input)] += 1;
      } catch (error) {
        record(t, index, input, error);
      }
    }),
    { numRuns: options.numRuns, seed: options.seed },
  );
  t.seconds = (performance.now() - started) / 1000;
  return t;
};

/** {@link fuzz} for a check that awaits (a ledger's use cases), one input at a time. */
export const fuzzAsync = async <T>(arbitrary: fc.Arbitrary<T>, options: { readonly numRuns: number; readonly seed: number }, check: (input: T) => Promise<Verdict>): Promise<Tally> => {
  const t = newTally();
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      const index = t.tried;
      t.tried += 1;
      try {
        t[await check(input)] += 1;
      } catch (error) {
        record(t, index, input, error);
      }
    }),
    { numRuns: options.numRuns, seed: options.seed },
  );
  t.seconds = (performance.now() - started) / 1000;
  return t;
};

/** Adds a run's counts to a total. */
export const addTo = (total: Tally, t: Tally): void => {
  for (const k of ["tried", "accepted", "rejected", "throws", "partialWrites", "broken", "seconds"] as const) total[k] += t[k];
  for (const f of t.failures) if (total.failures.length < KEEP) total.failures.push(f);
};

/** An empty tally, to add runs to. */
export const emptyTally = newTally;

/** The one line of figures a run prints. */
export const figures = (what: string, t: Tally, seed: number | string): string =>
  `fuzz ${what}: ${t.tried} inputs, ${t.accepted} accepted, ${t.rejected} rejected, ${t.throws} throws, ${t.partialWrites} partial writes${t.broken > 0 ? `, ${t.broken} broken answers` : ""}, ${t.seconds.toFixed(1)} s, seed ${seed}`;
