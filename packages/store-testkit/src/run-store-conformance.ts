import type { LedgerStore } from "@tiaojie/core";
import { describe, it } from "vitest";
import type { StoreConformanceOptions } from "./store-conformance-options.js";
import { suiteContext } from "./suite-context.js";
import { type SuiteName, suiteNames } from "./suite-names.js";
import { suiteRegistry } from "./suite-registry.js";

const positiveInteger = (value: number | undefined, fallback: number, what: string): number => {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new TypeError(`store-testkit: ${what} must be a whole number of at least 1, not ${String(value)}`);
  return n;
};

/**
 * Registers the conformance suites of a {@link LedgerStore} adapter as vitest
 * suites, from one call at the top level of a test file: one `describe` titled
 * with the store's name, one inside it for each of {@link suiteNames}. Every test,
 * and every run of a property test, gets a fresh store from `makeStore`, which
 * the kit closes (`store.close()`, then `cleanup()`) afterwards.
 *
 * A suite switched off with `off` shows as one `todo` test with the reason; a
 * name in `off` that is not a suite's fails, so a typo never hides a suite. A
 * suite of an optional method the store does not offer (`dispute-counts`) shows
 * as one `todo` saying so: the kit opens one store while it collects the suites
 * to find out.
 *
 * @example
 * ```ts
 * // my-store.conformance.test.ts
 * import { runStoreConformance } from "@tiaojie/store-testkit";
 * import { makeMyStore } from "./my-store.js";
 *
 * runStoreConformance({
 *   name: "my-store",
 *   makeStore: async () => {
 *     const store = await makeMyStore({ url: process.env.TEST_DATABASE_URL });
 *     return { store, raw: store.testHooks, cleanup: () => store.dropEverything() };
 *   },
 *   runs: 10,
 * });
 * ```
 * @since 0.3.0
 */
export const runStoreConformance = (options: StoreConformanceOptions): void => {
  const runs = positiveInteger(options.runs, 25, "runs");
  const timeout = positiveInteger(options.timeout, 60_000, "timeout");
  const off: Partial<Record<string, string>> = options.off ?? {};
  describe(`LedgerStore conformance: ${options.name}`, () => {
    const unknown = Object.keys(off).filter((key) => !(suiteNames as ReadonlyArray<string>).includes(key));
    if (unknown.length > 0) {
      it(`off names no suite: ${unknown.join(", ")}`, () => {
        throw new Error(`store-testkit: off names ${unknown.map((u) => `"${u}"`).join(", ")}, which are not suites; the suites are ${suiteNames.join(", ")}`);
      });
    }
    for (const suite of suiteNames) {
      const reason = off[suite];
      if (reason !== undefined) {
        it.todo(`${suite} (off: ${reason.trim() === "" ? "no reason given" : reason})`);
        continue;
      }
      describe(suite, async () => {
        await suiteRegistry[suite satisfies SuiteName](suiteContext(options, suite, runs, timeout));
      });
    }
  });
};
