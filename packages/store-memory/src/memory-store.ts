import type { LedgerStore, LedgerTransaction, RowBase, StoreCapabilities, StoreRawAccess } from "@tiaojie/core";
import { type CollectionName, type CollectionSpec, type DisputeColumns, collectionNames, collectionSpecs } from "./collection-specs.js";
import { MemoryAuditLog, applyAppends } from "./memory-audit-log.js";
import { type CommittedTable, MemoryCollection, type TableWrites, applyWrites, emptyTable, noWrites } from "./memory-collection.js";
import { disputeCountsOf } from "./memory-dispute-counts.js";
import { type MemoryState, memoryRawAccess } from "./memory-raw-access.js";
import { copyState, readOnlyView } from "./memory-replica.js";
import { MemoryStoreMisuse } from "./memory-store-misuse.js";

/**
 * Options of {@link makeMemoryStore}.
 *
 * @example
 * ```ts
 * const store = makeMemoryStore({ name: "demo", maxPageSize: 100 });
 * ```
 * @since 0.3.0
 */
export interface MemoryStoreOptions {
  /**
   * The store's name in messages and conformance reports.
   * @default "memory"
   */
  readonly name?: string;
  /**
   * The most rows one `find` returns (a whole number of at least 1).
   * @default 500
   */
  readonly maxPageSize?: number;
  /**
   * A lagging read-only replica, for tests and demos of a store that reads
   * reports and listings from a standby: the store then has `transactReadOnly`,
   * which reads a copy of the committed state taken at the last
   * `store.raw.syncReplica()` (empty until the first) and rejects every write
   * with {@link MemoryStoreMisuse} (`read-only`). `transact` is unchanged.
   * @default false
   * @since 0.4.0
   */
  readonly replica?: boolean;
}

/**
 * A {@link LedgerStore} that keeps everything in memory, with its capabilities
 * stated in full and the conformance kit's hooks (`raw`) beside it.
 *
 * @example
 * ```ts
 * const store: MemoryStore = makeMemoryStore();
 * store.capabilities.concurrentTransactions; // false: transactions run one after another
 * await store.raw.snapshot(); // the committed state, for tests
 * ```
 * @since 0.3.0
 */
export type MemoryStore = LedgerStore & {
  readonly capabilities: StoreCapabilities;
  /** Test hooks for `@tiaojie/store-testkit`; the ledger service never uses them. */
  readonly raw: StoreRawAccess;
  readonly close: () => Promise<void>;
};

/**
 * The test hooks of a memory store with a replica: those of every memory store,
 * and `syncReplica`, which brings the replica up to what is committed now (as a
 * standby catches up with its primary).
 *
 * @example
 * ```ts
 * const store = makeMemoryStore({ replica: true });
 * await store.raw.syncReplica();
 * ```
 * @since 0.4.0
 */
export type MemoryReplicaRawAccess = StoreRawAccess & {
  /** The replica takes a copy of the committed state; read-only transactions already running keep theirs. */
  readonly syncReplica: () => Promise<void>;
};

/**
 * A memory store made with `replica: true`: a {@link MemoryStore} with
 * `transactReadOnly` over its lagging replica, and `raw.syncReplica()`.
 *
 * @example
 * ```ts
 * const store: MemoryReplicaStore = makeMemoryStore({ replica: true });
 * const ledger = createLedger({ store, units });
 * await ledger.registerDispute(gridWorker, { dispute }); // committed on the primary
 * await ledger.monthlyReport(coordinator, { period }); // read on the replica: without the dispute
 * await store.raw.syncReplica();
 * await ledger.monthlyReport(coordinator, { period }); // now with it
 * ```
 * @since 0.4.0
 */
export type MemoryReplicaStore = MemoryStore & {
  readonly transactReadOnly: <A>(work: (tx: LedgerTransaction) => Promise<A>) => Promise<A>;
  readonly raw: MemoryReplicaRawAccess;
};

type AnySpec = CollectionSpec<RowBase, unknown, unknown>;

const noop = (): void => undefined;

/** A transaction over the state: its view, and the two ways it ends. */
const openTransaction = (state: MemoryState, maxPageSize: number) => {
  let open = true;
  const assertOpen = (): void => {
    if (!open) {
      throw new MemoryStoreMisuse("transaction-finished", {
        zh: "事务已结束，不能再读写",
        en: "the transaction has ended: it can no longer read or write",
      });
    }
  };
  const writes = new Map<CollectionName, TableWrites<unknown>>(collectionNames.map((name) => [name, noWrites()]));
  const collection = <N extends CollectionName>(name: N): LedgerTransaction[N] =>
    new MemoryCollection(collectionSpecs[name] as AnySpec, state.tables[name], writes.get(name)!, assertOpen, maxPageSize) as unknown as LedgerTransaction[N];
  const audit = new MemoryAuditLog(state.chains, assertOpen);
  const disputes = new MemoryCollection(collectionSpecs.disputes, state.tables.disputes as CommittedTable<DisputeColumns>, writes.get("disputes")! as TableWrites<DisputeColumns>, assertOpen, maxPageSize);
  const tx: LedgerTransaction = {
    disputes,
    persons: collection("persons"),
    personKeys: collection("personKeys"),
    listings: collection("listings"),
    tasks: collection("tasks"),
    grades: collection("grades"),
    submissions: collection("submissions"),
    hazards: collection("hazards"),
    idempotency: collection("idempotency"),
    audit,
    disputeCounts: async (query) => disputeCountsOf(disputes.keptColumns(query)),
  };
  return {
    tx,
    commit: (): void => {
      open = false;
      for (const [name, written] of writes) applyWrites(state.tables[name], written);
      applyAppends(state.chains, audit.appended);
    },
    discard: (): void => {
      open = false;
    },
  };
};

/**
 * Makes the reference store: every row and audit event in memory, as JSON text
 * (so nothing the caller gives or gets back is shared with the store), nothing
 * durable.
 *
 * - Transactions run one at a time, in the order `transact` was called. A
 *   transaction's writes go to its own overlay, which its own reads see; they are
 *   applied at once when `work` resolves and dropped when it rejects (`transact`
 *   then rejects with the same reason). Calling `transact` inside `work` and
 *   awaiting it waits forever: the inner transaction runs after the outer.
 * - `find` walks a sorted index of ids from `after`, so a page costs O(log n) plus
 *   the rows it passes over, and an insert O(log n).
 * - `disputeCounts` (since 0.4.0) groups the disputes a query keeps by their
 *   copied columns, without parsing a row, so the ledger's monthly report counts
 *   the closed disputes settled before its period instead of reading them.
 * - A method of a transaction that has ended, `transact` after `close`, and a
 *   `find` limit outside 1–`maxPageSize` reject with {@link MemoryStoreMisuse}.
 *
 * Rows are JSON-safe by the port's contract; a value JSON cannot hold (`undefined`
 * in an array, `NaN`, a `Date`, `-0`) comes back as JSON makes it.
 *
 * With `replica: true` it also has `transactReadOnly`, over a copy of the
 * committed state that only `raw.syncReplica()` refreshes: it runs beside the
 * queue of `transact` (the replica is another copy), reads one state
 * throughout, and rejects every write with {@link MemoryStoreMisuse}
 * (`read-only`), changing nothing. Without it the store has no
 * `transactReadOnly`, and the ledger reads everything in `transact`.
 *
 * @example
 * ```ts
 * import { makeMemoryStore } from "@tiaojie/store-memory";
 *
 * const store = makeMemoryStore();
 * await store.transact(async (tx) => {
 *   await tx.hazards.insert(hazard); // "done"
 *   return tx.hazards.find({ within: township, where: { status: "open" }, limit: 100 });
 * });
 * ```
 * @since 0.3.0
 */
export function makeMemoryStore(options: MemoryStoreOptions & { readonly replica: true }): MemoryReplicaStore;
export function makeMemoryStore(options?: MemoryStoreOptions): MemoryStore;
export function makeMemoryStore(options: MemoryStoreOptions = {}): MemoryStore | MemoryReplicaStore {
  const maxPageSize = options.maxPageSize ?? 500;
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1) {
    throw new MemoryStoreMisuse("invalid-option", {
      zh: `maxPageSize 应为不小于 1 的整数，实际为 ${String(maxPageSize)}`,
      en: `maxPageSize must be a whole number of at least 1, not ${String(maxPageSize)}`,
    });
  }
  const state: MemoryState = {
    tables: {
      disputes: emptyTable(),
      persons: emptyTable(),
      personKeys: emptyTable(),
      listings: emptyTable(),
      tasks: emptyTable(),
      grades: emptyTable(),
      submissions: emptyTable(),
      hazards: emptyTable(),
      idempotency: emptyTable(),
    },
    chains: new Map(),
  };
  let tail: Promise<void> = Promise.resolve();
  let closed = false;

  const run = async <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => {
    const transaction = openTransaction(state, maxPageSize);
    let value: A;
    try {
      value = await work(transaction.tx);
    } catch (reason) {
      transaction.discard();
      throw reason;
    }
    transaction.commit();
    return value;
  };

  /** The read-only transactions still running, which `close` waits for too. */
  const reading = new Set<Promise<void>>();
  const closedError = (): MemoryStoreMisuse => new MemoryStoreMisuse("store-closed", { zh: "存储已关闭", en: "the store has been closed" });
  const store: MemoryStore = {
    name: options.name ?? "memory",
    capabilities: { maxPageSize, concurrentTransactions: false, durable: false },
    transact: <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => {
      if (closed) return Promise.reject(closedError());
      const result = tail.then(() => run(work));
      tail = result.then(noop, noop);
      return result;
    },
    close: async () => {
      closed = true;
      await Promise.all([tail, ...reading]);
    },
    raw: memoryRawAccess(state),
  };
  if (options.replica !== true) return store;

  let replica = copyState(state);
  const readOnly = async <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => {
    // The replica as it is now: a later sync makes a new copy, never changes this one.
    const transaction = openTransaction(replica, maxPageSize);
    try {
      return await work(readOnlyView(transaction.tx));
    } finally {
      transaction.discard();
    }
  };
  return {
    ...store,
    transactReadOnly: <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => {
      if (closed) return Promise.reject(closedError());
      const result = readOnly(work);
      const settled = result.then(noop, noop);
      reading.add(settled);
      void settled.then(() => reading.delete(settled));
      return result;
    },
    raw: {
      ...store.raw,
      syncReplica: async () => {
        replica = copyState(state);
      },
    },
  };
}
