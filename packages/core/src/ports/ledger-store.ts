import type { DivisionCode } from "../model/division-code.js";
import type { DisputeId, ListingId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { CaseStatus } from "../taxonomy/case-statuses.js";
import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import type { ResolutionPriority } from "../taxonomy/resolution-priorities.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import type {
  AuditEventRow,
  DisputeRow,
  GradeRow,
  HazardRow,
  IdempotencyRow,
  ListingRow,
  PersonKeyRow,
  PersonRow,
  RowBase,
  SubmissionRow,
  TaskRow,
} from "./store-rows.js";

/**
 * One value, or any of several (`IN`). An empty array matches nothing.
 * @since 0.3.0
 */
export type Match<T> = T | ReadonlyArray<T>;

/**
 * A query of one collection. The scope is part of the query: a store MUST return
 * only rows whose `jurisdiction` is `within` itself or lies inside it
 * ({@link isWithinDivision}: in SQL, `jurisdiction LIKE divisionPrefix(within) || '%'`),
 * and only rows that satisfy every field of `where` (an absent field does not
 * filter). Rows MUST come in ascending order of `id` (by UTF-16 code units, as
 * JavaScript's `<` compares strings), starting after the row whose id is `after`
 * when given, at most `limit` of them.
 *
 * @example
 * ```ts
 * const page = await tx.disputes.find({ within: township, where: { level: ["red", "orange"] }, limit: 100 });
 * ```
 * @since 0.3.0
 */
export interface FindQuery<W> {
  readonly within: DivisionCode;
  readonly where?: W;
  /** The id of the last row of the previous page. */
  readonly after?: string;
  /** 1 to the store's `maxPageSize`. */
  readonly limit: number;
}

/**
 * A page of rows, and the id to pass as `after` for the next page (absent on the
 * last page). A store MAY return `next` on a page that turns out to be the last;
 * the next page is then empty.
 * @since 0.3.0
 */
export interface Page<R> {
  readonly rows: ReadonlyArray<R>;
  readonly next?: string;
}

/**
 * What a conditional write did: `done`; `stale` when the stored version is not
 * the expected one; `missing` when there is no row with that id; `exists` when an
 * insert meets a row with the same id.
 * @since 0.3.0
 */
export type WriteOutcome = "done" | "stale" | "missing" | "exists";

/**
 * One collection of rows within a transaction.
 *
 * - `get` MUST return the row with that id as last written in this transaction
 *   or committed before it, or `undefined`. It does not check scope: the service
 *   does, from the row's `jurisdiction`.
 * - `insert` MUST store the row as given (its `version` is 1) and return `done`,
 *   or change nothing and return `exists` when a row with that id is stored.
 * - `update` MUST replace the row only when the stored version equals
 *   `expectedVersion` (the given row's version is `expectedVersion + 1`), and
 *   otherwise change nothing and return `stale` or `missing`.
 * - `remove` MUST delete the row only when the stored version equals
 *   `expectedVersion`, with the same outcomes as `update`.
 * - `find` follows {@link FindQuery}.
 *
 * Rows given to a store and rows it returns are plain data: a store MUST NOT keep
 * references the caller could later mutate, nor hand out references to its own
 * state (copy, or serialise).
 * @since 0.3.0
 */
export interface Collection<R extends RowBase, W> {
  readonly get: (id: string) => Promise<R | undefined>;
  readonly insert: (row: R) => Promise<Extract<WriteOutcome, "done" | "exists">>;
  readonly update: (row: R, expectedVersion: number) => Promise<Extract<WriteOutcome, "done" | "stale" | "missing">>;
  readonly remove: (id: string, expectedVersion: number) => Promise<Extract<WriteOutcome, "done" | "stale" | "missing">>;
  readonly find: (query: FindQuery<W>) => Promise<Page<R>>;
}

/**
 * Filters of disputes. `reportedFrom` and `reportedTo` bound `reportedOn`, both
 * inclusive; `settledFrom` keeps the disputes whose `settledOn` is on or after
 * that day, `settledBefore` those whose `settledOn` is before it (exclusive);
 * `party` keeps the disputes whose `parties` include any of the persons given.
 * @since 0.3.0
 */
export interface DisputeWhere {
  readonly party?: Match<PersonId>;
  readonly township?: Match<DivisionCode>;
  readonly domain?: Match<DisputeDomain>;
  readonly level?: Match<RiskLevel>;
  readonly priority?: Match<ResolutionPriority>;
  readonly status?: Match<CaseStatus>;
  readonly leadUnit?: Match<UnitId>;
  readonly reportedMonth?: Match<string>;
  readonly reportedFrom?: LocalDate;
  readonly reportedTo?: LocalDate;
  /** `settledOn` before this day (exclusive). @since 0.4.0 */
  readonly settledBefore?: LocalDate;
  /** `settledOn` on or after this day. @since 0.4.0 */
  readonly settledFrom?: LocalDate;
}

/**
 * A count of disputes: the scope and filter of a {@link FindQuery} of disputes,
 * without paging.
 *
 * @example
 * ```ts
 * const q: DisputeCountQuery = { within: township, where: { status: ["declined", "resolved", "closed"], settledBefore: period.from } };
 * ```
 * @since 0.4.0
 */
export interface DisputeCountQuery {
  readonly within: DivisionCode;
  readonly where?: DisputeWhere;
}

/**
 * How many of the disputes a {@link DisputeCountQuery} keeps share these seven
 * columns of their rows. `leadUnit` is absent for the disputes without one (a
 * group of their own).
 *
 * @example
 * ```ts
 * const c: DisputeCount = { jurisdiction: village, domain: "neighbourhood", status: "resolved", level: "blue", priority: "normal", gradeConfirmed: true, leadUnit: "u-sfs" as UnitId, count: 3 };
 * ```
 * @since 0.4.0
 */
export interface DisputeCount {
  readonly jurisdiction: DivisionCode;
  readonly domain: DisputeDomain;
  readonly status: CaseStatus;
  readonly level: RiskLevel;
  readonly priority: ResolutionPriority;
  readonly gradeConfirmed: boolean;
  readonly leadUnit?: UnitId;
  /** At least 1. */
  readonly count: number;
}

/**
 * Filters of persons. `erased: false` keeps the persons without `erasedOn`.
 * @since 0.3.0
 */
export interface PersonWhere {
  readonly identityIndex?: string;
  readonly erased?: boolean;
}

/**
 * Filters of persons' data keys (their `jurisdiction` is the person's). `kekIdNot`
 * keeps the keys wrapped by another key-encryption key than the one named.
 * @since 0.3.0
 */
export interface PersonKeyWhere {
  readonly kekIdNot?: string;
}

/**
 * Filters of listings. `open: true` keeps those without `closedOn`, `open: false`
 * those with; `closedBefore` keeps those closed before that day (exclusive).
 * @since 0.3.0
 */
export interface ListingWhere {
  readonly person?: Match<PersonId>;
  readonly responsibleUnit?: Match<UnitId>;
  readonly open?: boolean;
  readonly closedBefore?: LocalDate;
}

/**
 * Filters of tasks. `open: true` keeps those without `doneOn`.
 * @since 0.3.0
 */
export interface TaskWhere {
  readonly kind?: Match<TaskRow["kind"]>;
  readonly dispute?: Match<DisputeId>;
  readonly listing?: Match<ListingId>;
  readonly person?: Match<PersonId>;
  readonly unit?: Match<UnitId>;
  readonly open?: boolean;
}

/**
 * Filters of grade decisions.
 * @since 0.3.0
 */
export interface GradeWhere {
  readonly dispute?: Match<DisputeId>;
}

/**
 * Filters of submissions.
 * @since 0.3.0
 */
export interface SubmissionWhere {
  readonly unit?: Match<UnitId>;
  readonly deadline?: Match<string>;
}

/**
 * Filters of hazards. `deadlineBefore` keeps those whose deadline is before that
 * day (exclusive).
 * @since 0.3.0
 */
export interface HazardWhere {
  readonly status?: Match<HazardRow["status"]>;
  readonly responsibleUnit?: Match<UnitId>;
  readonly deadlineBefore?: LocalDate;
}

/**
 * The audit log: one hash chain per jurisdiction partition, append-only.
 *
 * - `head` MUST return the chain's last event's `seq` and `hash`, or `undefined`
 *   for a chain with no events, as seen by this transaction.
 * - `append` MUST add the event only when its `seq` is one more than the head's
 *   (1 for a new chain) and return `done`; otherwise it MUST change nothing and
 *   return `conflict` (another transaction appended first). A store MUST keep
 *   `(chain, seq)` unique even under concurrent transactions.
 * - `list` MUST return the chain's events in ascending `seq` after `afterSeq`
 *   (exclusive; `0` for the start), at most `limit`.
 * - `chains` MUST return every chain with at least one event, sorted.
 *
 * The service never updates or deletes an event; a store MUST NOT offer it a way.
 * @since 0.3.0
 */
export interface AuditLog {
  readonly head: (chain: string) => Promise<{ readonly seq: number; readonly hash: string } | undefined>;
  readonly append: (event: AuditEventRow) => Promise<"done" | "conflict">;
  readonly list: (chain: string, afterSeq: number, limit: number) => Promise<ReadonlyArray<AuditEventRow>>;
  readonly chains: () => Promise<ReadonlyArray<string>>;
}

/**
 * The collections and the audit log, as one transaction sees them.
 *
 * Idempotency rows have no jurisdiction: their `find` is never called, and a
 * store MAY answer it with an empty page.
 *
 * `disputeCounts` is optional: a store without it is complete, and the service
 * then reads the rows instead. A store that offers it (a database that can
 * `GROUP BY`) lets the monthly report count the disputes that are closed and
 * settled before the period instead of reading each of them. When present:
 *
 * - it MUST count exactly the rows `disputes.find` would return for the same
 *   `within` and `where` (scope and every filter as {@link FindQuery} states,
 *   the transaction's own writes included), over all pages;
 * - it MUST return one {@link DisputeCount} per distinct combination of the
 *   rows' `jurisdiction`, `domain`, `status`, `level`, `priority`,
 *   `gradeConfirmed` and `leadUnit` (a row without `leadUnit` groups with the
 *   other rows without one, and its count has no `leadUnit`), with the number of
 *   rows in it; only groups with at least one row, each once, in any order.
 *
 * @example
 * ```ts
 * const groups = (await tx.disputeCounts?.({ within: township, where: { status: "closed" } })) ?? [];
 * groups.reduce((n, g) => n + g.count, 0); // the closed disputes of the township
 * ```
 * @since 0.3.0
 */
export interface LedgerTransaction {
  readonly disputes: Collection<DisputeRow, DisputeWhere>;
  readonly persons: Collection<PersonRow, PersonWhere>;
  readonly personKeys: Collection<PersonKeyRow, PersonKeyWhere>;
  readonly listings: Collection<ListingRow, ListingWhere>;
  readonly tasks: Collection<TaskRow, TaskWhere>;
  readonly grades: Collection<GradeRow, GradeWhere>;
  readonly submissions: Collection<SubmissionRow, SubmissionWhere>;
  readonly hazards: Collection<HazardRow, HazardWhere>;
  readonly idempotency: Collection<IdempotencyRow, Record<string, never>>;
  readonly audit: AuditLog;
  /**
   * The disputes a query keeps, counted by group (see above); absent when the
   * store does not count.
   * @since 0.4.0
   */
  readonly disputeCounts?: (query: DisputeCountQuery) => Promise<ReadonlyArray<DisputeCount>>;
}

/**
 * What a store can do, with the defaults the service assumes when a flag is
 * absent. Whether a store has a read-only replica is no flag: it is the
 * presence of {@link LedgerStore.transactReadOnly}.
 * @since 0.3.0
 */
export interface StoreCapabilities {
  /**
   * The most rows one `find` returns; the service never asks for more.
   * @default 500
   */
  readonly maxPageSize: number;
  /**
   * Whether transactions may run at the same time. When `false` the store runs
   * them one after another; when `true`, versions and the audit log's `(chain,
   * seq)` keep them correct and the service retries a transaction whose audit
   * append met a `conflict`.
   * @default false
   */
  readonly concurrentTransactions: boolean;
  /**
   * Whether what is committed survives the process (a file or a database).
   * @default false
   */
  readonly durable: boolean;
}

/**
 * The default capabilities.
 * @since 0.3.0
 */
export const defaultStoreCapabilities: StoreCapabilities = {
  maxPageSize: 500,
  concurrentTransactions: false,
  durable: false,
};

/**
 * The storage port of the ledger. Every read and write of the service happens in
 * a transaction:
 *
 * - `transact(work)` MUST run `work` with a {@link LedgerTransaction}; when the
 *   promise `work` returns resolves, it MUST commit every write made through that
 *   transaction at once and resolve with the same value; when it rejects, it MUST
 *   discard every write made through it and reject with the same reason.
 * - Writes of one transaction MUST NOT be visible to another before it commits.
 * - A store MUST NOT call `work` more than once per `transact` call (the service
 *   retries by itself when it must).
 * - `close` SHOULD release connections and files; the store is not used after.
 *
 * `transactReadOnly` is optional: a store without it is complete, and the
 * service then runs its read-only use cases (reports, listings, reads) in
 * `transact` like every other. A store that has it (one with a streaming
 * replica, say) takes those reads off its primary:
 *
 * - `transactReadOnly(work)` MUST run `work` once with a
 *   {@link LedgerTransaction} over committed state: what some `transact` has
 *   committed, which MAY lag behind what `transact` has committed since (a
 *   replica that has not yet replayed the latest commits), and never another
 *   transaction's uncommitted writes nor part of one. It SHOULD read one such
 *   state throughout `work` (a snapshot: in PostgreSQL, a `REPEATABLE READ
 *   READ ONLY` transaction on the standby), so that the collections a report
 *   reads agree with one another.
 * - Its reads (`get`, `find`, `head`, `list`, `chains`) MUST follow the same
 *   rules as in `transact`, over that state.
 * - Every write inside it (`insert`, `update`, `remove` of any collection, and
 *   `audit.append`) MUST reject, with an error of the store, and change
 *   nothing, neither what that transaction reads nor anything `transact` sees:
 *   nothing is ever written through it. An outcome such as `done` or `exists`
 *   is not a rejection.
 * - When `work` resolves it MUST resolve with the same value, and when `work`
 *   rejects it MUST reject with the same reason; it MUST NOT call `work` more
 *   than once.
 * - It MAY run on the primary (while the replica is unreachable, say), as long
 *   as it keeps every rule above.
 *
 * The service never writes there: it buffers the audit events of a read-only
 * use case and appends them through `transact` once `work` has resolved.
 *
 * A store MUST NOT interpret, validate or change the rows it keeps beyond what
 * the methods state: policy, validation, encryption and audit are the service's.
 *
 * @example
 * ```ts
 * import { createLedger } from "@tiaojie/core";
 * import { makeMemoryStore } from "@tiaojie/store-memory";
 *
 * const ledger = createLedger({ store: makeMemoryStore(), units, keys });
 * ```
 * @since 0.3.0
 */
export interface LedgerStore {
  /** A short name for messages and the conformance report, e.g. `memory`. */
  readonly name: string;
  /** @default {@link defaultStoreCapabilities} for every flag left out */
  readonly capabilities?: Partial<StoreCapabilities>;
  readonly transact: <A>(work: (tx: LedgerTransaction) => Promise<A>) => Promise<A>;
  /**
   * Runs `work` on committed state that may lag (a read-only replica); every
   * write inside rejects. Optional: its presence is the capability.
   *
   * @example
   * ```ts
   * const store: LedgerStore = {
   *   name: "postgres",
   *   capabilities: { durable: true, concurrentTransactions: true },
   *   transact: (work) => onPrimary(work), // BEGIN … COMMIT on the primary
   *   transactReadOnly: (work) => onStandby(work), // BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY on the standby
   * };
   * ```
   * @since 0.4.0
   */
  readonly transactReadOnly?: <A>(work: (tx: LedgerTransaction) => Promise<A>) => Promise<A>;
  readonly close?: () => Promise<void>;
}

/**
 * The capabilities of a store, its own flags over the defaults.
 *
 * @example
 * ```ts
 * storeCapabilities(store).maxPageSize; // 500 unless the store says otherwise
 * ```
 * @since 0.3.0
 */
export const storeCapabilities = (store: LedgerStore): StoreCapabilities => ({
  ...defaultStoreCapabilities,
  ...store.capabilities,
});
