import { Kysely, type MysqlPool, MysqlDialect } from "kysely";
import type { Database } from "../schema/tables.js";
import { loadDriver } from "../shared/load-driver.js";
import { type SqlStore, type SqlStoreOptions, openSqlStore } from "../shared/sql-store.js";
import { asStoreError } from "../shared/store-errors.js";
import { mysqlDialect } from "./mysql-dialect.js";

/**
 * Options of {@link mysqlStore}: a pool the caller made with mysql2 3 (its
 * callback API, `createPool` from "mysql2", typed by its shape), or a URI from
 * which the store makes one.
 *
 * @example
 * ```ts
 * const options: MysqlStoreOptions = { uri: "mysql://root@127.0.0.1:3306/ledger" };
 * ```
 * @since 0.4.0
 */
export type MysqlStoreOptions = SqlStoreOptions &
  (
    | { readonly pool: MysqlPool }
    | {
        readonly uri: string;
        /**
         * The most connections the store's pool opens.
         * @default 10
         */
        readonly poolSize?: number;
      }
  );

type Mysql2Pool = MysqlPool & { on(event: "connection", listener: (connection: { on(event: "error", listener: (error: Error) => void): unknown }) => void): unknown };
type Mysql2Module = { readonly createPool: (config: { uri: string; connectionLimit?: number; charset?: string }) => Mysql2Pool };

/**
 * Opens the ledger on MySQL 8.0.17+ or MariaDB 10.6+, or a server compatible
 * with them (TiDB, OceanBase in MySQL mode) that has a NO PAD binary collation
 * for utf8mb4 (`utf8mb4_nopad_bin` or `utf8mb4_0900_bin`): a server without one,
 * such as MySQL 5.7, is refused with a `SqlStoreError` of kind `misuse`
 * naming its version, since it would take ids that differ by trailing spaces for
 * one. Transactions run at the same time at read committed; the schema is
 * created or brought up to date on open (unless `migrate: false`), which turns
 * the `utf8mb4_bin` columns of a ledger made before 0.5 to that collation.
 * Needs the optional peer mysql2 3 unless given a pool.
 *
 * @example
 * ```ts
 * import { mysqlStore } from "@tiaojie/store-kysely";
 *
 * const store = await mysqlStore({ uri: "mysql://root@127.0.0.1:3306/ledger" });
 * ```
 * @since 0.4.0
 */
export const mysqlStore = async (options: MysqlStoreOptions): Promise<SqlStore> => {
  const name = options.name ?? mysqlDialect.name;
  let pool: MysqlPool;
  if ("pool" in options) pool = options.pool;
  else {
    const mysql2 = await loadDriver<Mysql2Module>("mysql2", "3", name);
    const own = mysql2.createPool({ uri: options.uri, connectionLimit: options.poolSize ?? 10, charset: "utf8mb4" });
    // A connection the server closes emits 'error', which would end the process
    // unheard; the query on it rejects as `connection-lost` and the pool opens a
    // new connection next time.
    own.on("connection", (connection) => connection.on("error", () => undefined));
    pool = own;
  }
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
  // The server decides the collation's name (MariaDB's or MySQL's), once, before
  // anything is created or read.
  let dialect;
  try {
    dialect = await mysqlDialect.onServer(db, name);
  } catch (error) {
    await db.destroy();
    throw asStoreError(error, name, mysqlDialect.classify);
  }
  return openSqlStore(db, dialect, { ...options, durable: true });
};
