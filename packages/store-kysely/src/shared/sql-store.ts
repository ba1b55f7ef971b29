import type { LedgerStore, LedgerTransaction, RowBase, StoreCapabilities, StoreRawAccess } from "@tiaojie/core";
import type { Kysely } from "kysely";
import { migrateStoreSchema, refuseNewerSchema } from "../schema/migrations.js";
import type { Database } from "../schema/tables.js";
import { type CollectionName, type RowCodec, collectionNames, rowCodecs } from "./row-codecs.js";
import { type DirectExecution, compiledQueries } from "./compiled-queries.js";
import { countDisputes } from "./dispute-counts.js";
import { sqlAuditLog } from "./sql-audit-log.js";
import { sqlCollection } from "./sql-collection.js";
import { sqlRawAccess } from "./sql-raw-access.js";
import type { SqlDialect } from "./sql-dialect.js";
import { SqlStoreError, asStoreError } from "./store-errors.js";
import { type TransactionGuard, transactionGuard } from "./transaction-guard.js";

/**
 * A {@link LedgerStore} over a SQL database through Kysely, with its
 * capabilities stated in full, the conformance kit's hooks (`raw`) and the
 * Kysely instance it writes with (`db`, for a host's own reads and tests).
 *
 * @example
 * ```ts
 * const store: SqlStore = await sqliteStore({ file: "ledger.db" });
 * store.capabilities.durable; // true
 * await store.close();
 * ```
 * @since 0.4.0
 */
export type SqlStore = LedgerStore & {
  readonly capabilities: StoreCapabilities;
  readonly db: Kysely<Database>;
  /** The Kysely instance of the read-only replica, when the store has one. */
  readonly replicaDb?: Kysely<Database>;
  /** Test hooks for `@tiaojie/store-testkit`; the ledger service never uses them. */
  readonly raw: StoreRawAccess;
  /** Brings the schema to this version (what opening does unless `migrate: false`). */
  readonly migrate: () => Promise<ReadonlyArray<string>>;
  readonly close: () => Promise<void>;
};

/**
 * What every dialect's store takes besides its connection.
 * @since 0.4.0
 */
export interface SqlStoreOptions {
  /**
   * The store's name in messages and conformance reports.
   * @default the dialect's name: `sqlite`, `postgres` or `mysql`
   */
  readonly name?: string;
  /**
   * The most rows one `find` returns (a whole number of at least 1).
   * @default 500
   */
  readonly maxPageSize?: number;
  /**
   * Whether opening the store brings its schema to this version. With `false`
   * the caller runs `store.migrate()` (or its own deployment step) first.
   * @default true
   */
  readonly migrate?: boolean;
}

/** @internal Makes the store once its dialect has opened the connection. */
export const openSqlStore = async (
  db: Kysely<Database>,
  dialect: SqlDialect,
  options: SqlStoreOptions & {
    readonly durable: boolean;
    /** A read-only connection (a streaming replica) for `transactReadOnly`. */
    readonly replica?: Kysely<Database>;
    /** How compiled queries run without Kysely's executor (SQLite's one synchronous connection). */
    readonly direct?: DirectExecution;
  },
): Promise<SqlStore> => {
  const name = options.name ?? dialect.name;
  const maxPageSize = options.maxPageSize ?? 500;
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1) {
    await db.destroy();
    await options.replica?.destroy();
    throw new SqlStoreError("misuse", name, {
      detail: { zh: `maxPageSize 应为不小于 1 的整数，实际为 ${String(maxPageSize)}`, en: `maxPageSize must be a whole number of at least 1, not ${String(maxPageSize)}` },
    });
  }
  const migrate = () => migrateStoreSchema(db, dialect, name);
  try {
    if (options.migrate ?? true) await migrate();
    else await refuseNewerSchema(db, dialect, name);
  } catch (error) {
    await db.destroy();
    await options.replica?.destroy();
    throw error;
  }
  let closed = false;
  const queries = compiledQueries(options.direct);
  const transaction = (trx: Kysely<Database>, guard: TransactionGuard): LedgerTransaction => {
    const collection = <N extends CollectionName>(n: N): LedgerTransaction[N] =>
      sqlCollection(trx, dialect, queries, rowCodecs[n] as unknown as RowCodec<RowBase, unknown>, guard) as unknown as LedgerTransaction[N];
    const tx = Object.fromEntries(collectionNames.map((n) => [n, collection(n)])) as Record<CollectionName, unknown>;
    return {
      ...(tx as Omit<LedgerTransaction, "audit" | "disputeCounts">),
      audit: sqlAuditLog(trx, dialect, queries, guard),
      disputeCounts: (query) =>
        guard.run(async () => {
          guard.checkWithin(query.within);
          return countDisputes(trx, query);
        }),
    };
  };

  const replica = options.replica;
  const run = async <A>(on: Kysely<Database>, work: (tx: LedgerTransaction) => Promise<A>, readOnly: boolean): Promise<A> => {
    if (closed) throw new SqlStoreError("misuse", name, { detail: { zh: "存储已关闭", en: "the store has been closed" } });
    let rejected: { readonly reason: unknown } | undefined;
    try {
      let begin = on.transaction();
      // A read-only transaction reads one snapshot (repeatable read: every read
      // sees the same commits); a writing one reads each statement's latest
      // commits, and versions and the audit log's key keep it correct.
      if (readOnly) begin = begin.setIsolationLevel("repeatable read").setAccessMode("read only");
      else if (dialect.isolation !== undefined) begin = begin.setIsolationLevel(dialect.isolation);
      return await begin.execute(async (trx) => {
        const guard = transactionGuard(name, dialect.classify, maxPageSize, readOnly);
        try {
          return await work(transaction(trx, guard));
        } catch (reason) {
          rejected = { reason };
          throw reason;
        } finally {
          guard.end();
        }
      });
    } catch (error) {
      // What `work` rejected with leaves as it is, even when the rollback after it
      // failed too (SQLite rolls back by itself on a full disk, so Kysely's own
      // rollback finds no transaction: the first error is the one that tells). A
      // failure to begin or commit is the database's, and leaves as a SqlStoreError.
      if (rejected !== undefined) throw rejected.reason;
      throw asStoreError(error, name, dialect.classify);
    }
  };

  return {
    name,
    capabilities: { maxPageSize, concurrentTransactions: dialect.concurrentTransactions, durable: options.durable },
    db,
    raw: sqlRawAccess(db),
    migrate,
    transact: (work) => run(db, work, false),
    ...(replica === undefined ? {} : { replicaDb: replica, transactReadOnly: <A>(work: (tx: LedgerTransaction) => Promise<A>) => run(replica, work, true) }),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      await replica?.destroy();
    },
  };
};
