/**
 * The conformance suites, in the order they run:
 *
 * - `crud`: insert, get, update and remove of every collection, their outcomes
 *   and versions; rows come back as written and are never shared with the caller.
 * - `scope-and-filters`: `find` returns exactly the rows within the scope that
 *   every filter keeps, in id order, before and after commit.
 * - `dispute-counts` (since 0.4.0): `disputeCounts`, when the store offers
 *   it, groups exactly the disputes `find` returns, within the scope and under
 *   the filters, before and after commit (a `todo` saying so when the store
 *   does not offer it).
 * - `pagination`: following `next` visits every matching row once, in order.
 * - `versions`: stale writes change nothing; of two transactions writing the same
 *   version, exactly one wins.
 * - `atomicity`: a rejected transaction leaves nothing, a resolved one commits
 *   everything, and no transaction sees another's writes before it commits.
 * - `audit-log`: the rules of `seq`, `head`, `list` and `chains`, and the raw
 *   hooks on stored events.
 *
 * Then the service-level suites, which run the ledger service of
 * `@tiaojie/core` (`createLedger`) over the store with a generated town:
 *
 * - `ledger-scope`: every actor's lists hold exactly the records within its
 *   scope, each once in id order; what the ledger returns is the caller's own.
 * - `ledger-versions`: a stale version is a VersionConflict that changes
 *   nothing; of two concurrent changes from one version, exactly one wins.
 * - `ledger-atomicity`: whichever store call of a use case fails, the use case
 *   returns StoreFailure and the state is as it was.
 * - `ledger-audit`: the audit trail verifies; tampering through the raw hooks
 *   is detected by kind and seq; a rewrite or truncation against a checkpoint.
 * - `ledger-encryption`: the raw dump holds no identity or phone number nor
 *   sealed text; the blind index finds a person back.
 * - `ledger-idempotency`: a registration sent twice with one key stores one
 *   dispute and replays, also after a restart.
 * - `ledger-retention`: `purgeExpired` erases exactly the expired person and
 *   the dump forgets their name; the audit trail still verifies.
 * - `ledger-reports`: the ledger's monthly report and campaign summary equal
 *   the core's over the same records, with disputes closed and settled before
 *   a period counted by the store when it offers `disputeCounts`.
 * - `injection` (since 0.5.0): the injection corpus (`injectionCorpus`) in
 *   every string field of every collection's rows and of audit events, and in
 *   the filters that take strings: kept and returned verbatim by `get`, `find`
 *   and `list`, matching exactly the rows the port says, nothing else changed
 *   (U+0000 kept, or refused by rejecting the transaction); then through the
 *   ledger's free text (summaries, party and person names, measures, hazards,
 *   read purposes), read back verbatim, and the audit trail verifies.
 *
 * Last, for a store with the optional `transactReadOnly` (a read-only replica;
 * a store without it shows this suite as a todo that says so):
 *
 * - `read-only`: every write inside `transactReadOnly` rejects and changes
 *   nothing; it reads committed state only (after the adapter's
 *   `awaitReplica`), never a rejected or uncommitted transaction; the ledger's
 *   monthly report over the caught-up replica equals the one over the primary,
 *   and its audit event is on the primary's chain, which verifies. The other
 *   service-level suites run the ledger over the primary only.
 *
 * @example
 * ```ts
 * import { suiteNames } from "@tiaojie/store-testkit";
 *
 * suiteNames.includes("crud"); // true
 * suiteNames.includes("ledger-reports"); // true
 * suiteNames.includes("injection"); // true
 * suiteNames.includes("read-only"); // true (a todo for a store without transactReadOnly)
 * ```
 * @since 0.3.0
 */
export const suiteNames = [
  "crud",
  "scope-and-filters",
  "dispute-counts",
  "pagination",
  "versions",
  "atomicity",
  "audit-log",
  "ledger-scope",
  "ledger-versions",
  "ledger-atomicity",
  "ledger-audit",
  "ledger-encryption",
  "ledger-idempotency",
  "ledger-retention",
  "ledger-reports",
  "injection",
  "read-only",
] as const;

/**
 * The name of a conformance suite: one of {@link suiteNames}.
 * @since 0.3.0
 */
export type SuiteName = (typeof suiteNames)[number];
