/**
 * The conformance suites, in the order they run:
 *
 * - `crud`: insert, get, update and remove of every collection, their outcomes
 *   and versions; rows come back as written and are never shared with the caller.
 * - `scope-and-filters`: `find` returns exactly the rows within the scope that
 *   every filter keeps, in id order, before and after commit.
 * - `pagination`: following `next` visits every matching row once, in order.
 * - `versions`: stale writes change nothing; of two transactions writing the same
 *   version, exactly one wins.
 * - `atomicity`: a rejected transaction leaves nothing, a resolved one commits
 *   everything, and no transaction sees another's writes before it commits.
 * - `audit-log`: the rules of `seq`, `head`, `list` and `chains`, and the raw
 *   hooks on stored events.
 *
 * @example
 * ```ts
 * import { suiteNames } from "@tiaojie/store-testkit";
 *
 * suiteNames.includes("crud"); // true
 * ```
 * @since 0.3.0
 */
export const suiteNames = ["crud", "scope-and-filters", "pagination", "versions", "atomicity", "audit-log", "ledger-scope", "ledger-versions", "ledger-atomicity", "ledger-audit", "ledger-encryption", "ledger-idempotency", "ledger-retention", "ledger-reports"] as const;

/**
 * The name of a conformance suite: one of {@link suiteNames}.
 * @since 0.3.0
 */
export type SuiteName = (typeof suiteNames)[number];
