import type { IsolationLevel, Kysely } from "kysely";
import type { ColumnKind, Database } from "../schema/tables.js";
import { type CompiledQueries, normalizedRows, rowParameters } from "./compiled-queries.js";
import type { ErrorClassifier } from "./store-errors.js";

/**
 * What differs between the dialects, and nothing else: the shared query layer
 * asks the dialect only for these.
 * @since 0.4.0
 */
export interface SqlDialect {
  /** `sqlite`, `postgres` or `mysql`: the store's default name. */
  readonly name: string;
  /** How a column of each kind is declared. */
  readonly columnType: (kind: ColumnKind) => string;
  /** Words after `create table (…)`, such as MySQL's engine and character set. */
  readonly tableOptions?: string;
  /** Creates an index unless one of that name exists (MySQL has no `if not exists` for indexes). */
  readonly createIndex: (db: Kysely<Database>, name: string, table: string, columns: ReadonlyArray<string>) => Promise<void>;
  /**
   * Inserts the rows unless one with the same key is stored, and says how many
   * it inserted (`insert … on conflict do nothing` or its MySQL spelling). The
   * rows have the same columns, in the same order; `undefined` is stored as null.
   */
  readonly insertOrSkip: (
    db: Kysely<Database>,
    queries: CompiledQueries,
    table: string,
    key: ReadonlyArray<string>,
    rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  ) => Promise<number>;
  /**
   * Whether an audit append locks the chain's last event (`select … for update`)
   * before it reads the head: two appends to one chain then run one after the
   * other and the second sees the first's event, so it meets `conflict` instead
   * of a duplicate key that InnoDB may resolve as a deadlock (which rolls back the
   * whole transaction).
   * @default false
   */
  readonly lockChainHead?: boolean;
  /** Whether transactions of the store can run at the same time. */
  readonly concurrentTransactions: boolean;
  /** The isolation level of every transaction, where the dialect sets one. */
  readonly isolation?: IsolationLevel;
  /** The kind of a driver's error. */
  readonly classify: ErrorClassifier;
}

/** `create index if not exists`: the spelling of SQLite and PostgreSQL. */
export const createIndexIfNotExists: SqlDialect["createIndex"] = async (db, name, table, columns) => {
  await db.schema.createIndex(name).ifNotExists().on(table).columns(columns as Array<string>).execute();
};

/** `insert … on conflict (key) do nothing`: the spelling of SQLite and PostgreSQL. */
export const insertOnConflictDoNothing: SqlDialect["insertOrSkip"] = async (db, queries, table, key, rows) => {
  const columns = Object.keys(rows[0]!);
  const result = await queries.run(db as never, `insert-or-skip ${table} (${columns.join(",")}) ×${rows.length}`, rowParameters(columns, rows), () =>
    (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values(normalizedRows(columns, rows) as never)
      .onConflict((oc) => oc.columns(key as never).doNothing()),
  );
  return Number(result.numAffectedRows ?? 0n);
};
