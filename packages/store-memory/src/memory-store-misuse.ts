import type { Bilingual } from "@tiaojie/core";

/**
 * Why a memory store refused a call: a programming error of its caller, never a
 * state of the data (those are the port's outcomes, such as `stale`).
 *
 * - `transaction-finished`: a method of a transaction was called after its
 *   `transact` settled (a write then would belong to no transaction).
 * - `store-closed`: `transact` was called after `close`.
 * - `invalid-limit`: a `find` asked for fewer than 1 or more than `maxPageSize`
 *   rows, or a fractional number.
 * - `invalid-option`: `makeMemoryStore` was given a `maxPageSize` that is not a
 *   whole number of at least 1.
 * - `invalid-audit-events`: `raw.replaceAuditEvents` was given an event of another
 *   chain, or two events with the same `seq`.
 * - `read-only`: a write (`insert`, `update`, `remove`, `audit.append`) inside
 *   `transactReadOnly` of a store made with `replica: true` (since 0.4.0).
 *
 * @example
 * ```ts
 * const reason: MemoryStoreMisuseReason = error.reason; // e.g. "transaction-finished"
 * ```
 * @since 0.3.0
 */
export type MemoryStoreMisuseReason =
  | "transaction-finished"
  | "store-closed"
  | "invalid-limit"
  | "invalid-option"
  | "invalid-audit-events"
  | "read-only";

/**
 * The error a memory store rejects (or, from `makeMemoryStore`, throws) with when
 * it is used against its contract. Its `text` says what went wrong in Chinese and
 * English.
 *
 * @example
 * ```ts
 * import { MemoryStoreMisuse, makeMemoryStore } from "@tiaojie/store-memory";
 *
 * const store = makeMemoryStore({ maxPageSize: 100 });
 * try {
 *   await store.transact((tx) => tx.disputes.find({ within: county, limit: 1000 }));
 * } catch (e) {
 *   if (e instanceof MemoryStoreMisuse) e.reason; // "invalid-limit"
 * }
 * ```
 * @since 0.3.0
 */
export class MemoryStoreMisuse extends Error {
  /** Always `MemoryStoreMisuse`, to tell it from other errors without `instanceof`. */
  readonly _tag = "MemoryStoreMisuse" as const;
  /** Which rule was broken. */
  readonly reason: MemoryStoreMisuseReason;
  /** The message in both languages. */
  readonly text: Bilingual;

  constructor(reason: MemoryStoreMisuseReason, text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = "MemoryStoreMisuse";
    this.reason = reason;
    this.text = text;
  }
}
