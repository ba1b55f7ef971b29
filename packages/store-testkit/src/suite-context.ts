import { type LedgerStore, type StoreCapabilities, type StoreRawAccess, storeCapabilities } from "@tiaojie/core";
import { afterEach, beforeEach } from "vitest";
import type { StoreConformanceOptions, StoreUnderTest } from "./store-conformance-options.js";
import type { SuiteName } from "./suite-names.js";

/**
 * What a suite needs from the kit: the store of the running test (a fresh one for
 * every test, and for every run of a property test), its capabilities and raw
 * hooks, and the settings of the run.
 */
export interface SuiteContext {
  /** The adapter's name. */
  readonly name: string;
  readonly suite: SuiteName;
  /** fast-check's `numRuns` for property tests. */
  readonly runs: number;
  /** Each test's time limit, in milliseconds. */
  readonly timeout: number;
  readonly store: () => LedgerStore;
  readonly capabilities: () => StoreCapabilities;
  /** The raw hooks; throws a message that tells the author to provide them when absent. */
  readonly raw: () => StoreRawAccess;
  /** Waits until the store's replica shows every commit so far (at once when the adapter gave no `awaitReplica`). */
  readonly awaitReplica: () => Promise<void>;
  /**
   * Opens a store of its own while the suites are collected (outside any test),
   * gives it to `look`, then closes it and cleans up: for a suite whose tests
   * depend on what the store offers (an optional method).
   */
  readonly probe: <A>(look: (opened: StoreUnderTest) => A | Promise<A>) => Promise<A>;
}

/**
 * The error of a test that needs the adapter's raw hooks when `makeStore` gave
 * none.
 */
export class RawAccessMissing extends Error {
  constructor(name: string, suite: SuiteName) {
    super(
      `存储“${name}”的一致性套件“${suite}”需要 StoreRawAccess：请在 makeStore 的返回值中提供 raw，或以 off: { "${suite}": "原因" } 关闭该套件。 / ` +
        `The conformance suite "${suite}" of store "${name}" needs StoreRawAccess: return \`raw\` from makeStore ` +
        `(see StoreRawAccess in @tiaojie/core), or switch the suite off with off: { "${suite}": "the reason" }.`,
    );
    this.name = "RawAccessMissing";
  }
}

/**
 * Registers, in the current `describe`, the hooks that open a fresh store before
 * each test (and each property run) and close it after, and returns the suite's
 * view of it.
 */
export const suiteContext = (options: StoreConformanceOptions, suite: SuiteName, runs: number, timeout: number): SuiteContext => {
  let current: StoreUnderTest | undefined;
  beforeEach(async () => {
    current = await options.makeStore();
  });
  afterEach(async () => {
    const opened = current;
    current = undefined;
    if (opened === undefined) return;
    try {
      await opened.store.close?.();
    } finally {
      await opened.cleanup?.();
    }
  });
  const opened = (): StoreUnderTest => {
    if (current === undefined) throw new Error(`store-testkit: no store is open (suite "${suite}" used it outside a test)`);
    return current;
  };
  return {
    name: options.name,
    suite,
    runs,
    timeout,
    store: () => opened().store,
    capabilities: () => storeCapabilities(opened().store),
    raw: () => {
      const raw = opened().raw;
      if (raw === undefined) throw new RawAccessMissing(options.name, suite);
      return raw;
    },
    awaitReplica: async () => {
      await opened().awaitReplica?.();
    },
    probe: async (look) => {
      const probed = await options.makeStore();
      try {
        return await look(probed);
      } finally {
        try {
          await probed.store.close?.();
        } finally {
          await probed.cleanup?.();
        }
      }
    },
  };
};
