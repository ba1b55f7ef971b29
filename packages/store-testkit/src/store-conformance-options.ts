import type { LedgerStore, StoreRawAccess } from "@tiaojie/core";
import type { SuiteName } from "./suite-names.js";

/**
 * A store under test, as `makeStore` opens it: the store, its test hooks when the
 * adapter has them, and what to do after the test.
 *
 * @example
 * ```ts
 * const opened: StoreUnderTest = { store, raw: store.raw, cleanup: async () => db.destroy() };
 * const withReplica: StoreUnderTest = { store: replicated, raw: replicated.raw, awaitReplica: () => waitForStandby(db) };
 * ```
 * @since 0.3.0
 */
export interface StoreUnderTest {
  readonly store: LedgerStore;
  /**
   * The tests that look past the port need them: atomicity and audit-log, and
   * every service-level suite but ledger-reports (snapshots, dumps, tampering).
   */
  readonly raw?: StoreRawAccess;
  /** Runs after the test, once `store.close()` (when the store has it) has. */
  readonly cleanup?: () => Promise<void>;
  /**
   * For a store with `transactReadOnly` over a replica that lags: resolves once
   * the replica shows everything `transact` has committed so far (in
   * PostgreSQL, once the standby has replayed the primary's current WAL
   * position: `pg_last_wal_replay_lsn() >= pg_current_wal_lsn()` read on the
   * primary before). The read-only suite calls it before each check of what
   * the replica reads.
   * @default absent: `transactReadOnly` sees every commit as soon as `transact` resolves
   * @since 0.4.0
   */
  readonly awaitReplica?: () => Promise<void>;
}

/**
 * What {@link runStoreConformance} needs to know about the adapter under test.
 *
 * @example
 * ```ts
 * const options: StoreConformanceOptions = {
 *   name: "sqlite",
 *   makeStore: async () => {
 *     const store = await makeSqliteStore({ filename: ":memory:" });
 *     return { store, raw: store.raw };
 *   },
 *   off: { atomicity: "exercised by our own crash tests instead" },
 *   runs: 10,
 * };
 * ```
 * @since 0.3.0
 */
export interface StoreConformanceOptions {
  /** The name in the suites' titles, e.g. `memory` or `postgres`. */
  readonly name: string;
  /**
   * Opens a fresh, empty store. The kit calls it before every test and before
   * every run of a property test, then closes the store and calls `cleanup`:
   * make it cheap (an in-memory database, or emptying the tables of one). It
   * also calls it once while vitest collects the tests (before any `beforeAll`
   * of the file), to see whether the store has `transactReadOnly` and so
   * whether the `read-only` suite has anything to check; switch that suite off
   * if `makeStore` cannot work then.
   */
  readonly makeStore: () => Promise<StoreUnderTest>;
  /**
   * Suites switched off, each with the reason. A suite switched off still shows,
   * as one `todo` test titled with its name and the reason.
   * @default {} (every suite runs)
   */
  readonly off?: Partial<Record<SuiteName, string>>;
  /**
   * How many runs each property test makes (fast-check's `numRuns`).
   * @default 25
   */
  readonly runs?: number;
  /**
   * The time limit of each test in milliseconds (a property test's runs share it).
   * @default 60000
   */
  readonly timeout?: number;
}
