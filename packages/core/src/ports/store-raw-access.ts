import type { LedgerStore } from "./ledger-store.js";
import type { AuditEventRow } from "./store-rows.js";

/**
 * Test hooks that a store adapter's author gives to the conformance kit
 * (`@tiaojie/store-testkit`) beside the {@link LedgerStore} itself. They reach past
 * the port to look at, and to tamper with, what the store holds, so that the kit
 * can check what the port alone cannot show: that nothing is stored in plaintext,
 * that a failed transaction left nothing behind, and that the ledger detects an
 * audit chain changed behind its back.
 *
 * The ledger service never uses them, and an application should not: a store
 * offers them from a separate object (such as `makeMemoryStore().raw`), never as
 * part of its {@link LedgerStore}. Every hook sees committed state only, and none
 * may be called while a transaction of the same store is running.
 *
 * - `dump` MUST return everything the store holds (every row and every audit
 *   event, in whatever form it keeps them: JSON, columns, file contents) as text,
 *   so that a scan for a plaintext value finds it wherever it is kept.
 * - `auditEvents` MUST return the chain's stored events as they are, in ascending
 *   `seq` (an empty array for a chain without events), without checking them.
 * - `replaceAuditEvents` MUST make the chain's stored events exactly `events`
 *   (none when empty), bypassing the port's rules: the seqs need not start at 1 or
 *   follow each other and the hashes need not hold, so that a test can delete,
 *   reorder or alter events as an attacker with access to the database would.
 *   Every event's `chain` is `chain` and their `seq`s are distinct; a store MAY
 *   reject other input.
 * - `snapshot` MUST return a deep, JSON-safe copy of all committed state (rows of
 *   every collection and every chain's events) such that two snapshots are deeply
 *   equal exactly when the stored state is the same: the order of rows and of keys
 *   is fixed by the state, never by the history of writes.
 *
 * @example
 * ```ts
 * import { runStoreConformance } from "@tiaojie/store-testkit";
 * import { makeMemoryStore } from "@tiaojie/store-memory";
 *
 * runStoreConformance({
 *   name: "memory",
 *   makeStore: async () => {
 *     const store = makeMemoryStore();
 *     return { store, raw: store.raw }; // raw: StoreRawAccess
 *   },
 * });
 * ```
 * @since 0.3.0
 */
export interface StoreRawAccess {
  /** Everything the store holds, as text, for a plaintext scan. */
  readonly dump: () => Promise<string>;
  /** The chain's stored events as they are, in ascending `seq`. */
  readonly auditEvents: (chain: string) => Promise<ReadonlyArray<AuditEventRow>>;
  /** Overwrites the chain's stored events with exactly these, to simulate tampering. */
  readonly replaceAuditEvents: (chain: string, events: ReadonlyArray<AuditEventRow>) => Promise<void>;
  /** A deep, JSON-safe copy of all committed state; equal snapshots mean equal state. */
  readonly snapshot: () => Promise<unknown>;
}
