import { Kysely, type PostgresPool, PostgresDialect } from "kysely";
import type { Database } from "../schema/tables.js";
import { loadDriver } from "../shared/load-driver.js";
import { type SqlStore, type SqlStoreOptions, openSqlStore } from "../shared/sql-store.js";
import { postgresDialect } from "./postgres-dialect.js";

/**
 * Where a PostgreSQL store connects: a pool the caller made with pg 8 (typed by
 * its shape), or a connection string from which the store makes one.
 * @since 0.4.0
 */
export type PostgresConnection =
  | { readonly pool: PostgresPool }
  | {
      /** e.g. `postgres://tiaojie@127.0.0.1:5432/ledger` */
      readonly connectionString: string;
      /**
       * The most connections the store's pool opens.
       * @default 10
       */
      readonly poolSize?: number;
    };

/**
 * Options of {@link postgresStore}.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString: "postgres://127.0.0.1:5432/ledger" };
 * ```
 * @since 0.4.0
 */
export type PostgresStoreOptions = SqlStoreOptions &
  PostgresConnection & {
    /**
     * A second, read-only connection: a streaming replica (hot standby) of the
     * same database. The ledger's read-only use cases (reports, listings, reads
     * of one record, exports built on them) read there through
     * `transactReadOnly`, in read-only transactions; every write and every other
     * use case goes to the primary, and so do the audit events of the reads. A
     * replica may lag: a read there need not show a change committed a moment
     * ago. Migrations never run on it.
     * @default none: everything runs on the primary
     */
    readonly replica?: PostgresConnection;
  };

type PgClientEvents = { on(event: "error", listener: (error: Error) => void): unknown };
type PgPool = PostgresPool & {
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "connect", listener: (client: PgClientEvents) => void): unknown;
};
type PgModule = { readonly Pool: new (config: { connectionString: string; max?: number }) => PgPool };

/** @internal A pool for the connection, made from the string when need be. */
export const postgresPool = async (connection: PostgresConnection, store: string): Promise<PostgresPool> => {
  if ("pool" in connection) return connection.pool;
  const pg = await loadDriver<PgModule>("pg", "8", store);
  const pool = new pg.Pool({ connectionString: connection.connectionString, max: connection.poolSize ?? 10 });
  // An idle connection the server closes (a restart, an administrator) is an
  // 'error' event of the pool, which would end the process unheard: the pool
  // drops that connection and opens another when next needed, and a query on
  // a broken connection rejects as `connection-lost`.
  pool.on("error", () => undefined);
  // The same for a connection in use: the query on it rejects on its own.
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
};

/**
 * Opens the ledger on PostgreSQL (a county or a prefecture), or a server
 * compatible with it. Transactions run at the same time at read committed; the
 * schema is created or brought up to date on open, inside one transaction
 * (unless `migrate: false`). Needs the optional peer pg 8 unless given a pool.
 *
 * @example
 * ```ts
 * import { postgresStore } from "@tiaojie/store-kysely";
 *
 * const store = await postgresStore({ connectionString: process.env.DATABASE_URL! });
 * ```
 * @since 0.4.0
 */
export const postgresStore = async (options: PostgresStoreOptions): Promise<SqlStore> => {
  const name = options.name ?? postgresDialect.name;
  const pool = await postgresPool(options, name);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const replica = options.replica === undefined ? undefined : new Kysely<Database>({ dialect: new PostgresDialect({ pool: await postgresPool(options.replica, name) }) });
  const { replica: _given, ...rest } = options;
  return openSqlStore(db, postgresDialect, { ...rest, durable: true, ...(replica === undefined ? {} : { replica }) });
};
