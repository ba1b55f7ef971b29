import { type Kysely, sql } from "kysely";
import { normalizedRows, rowParameters } from "../shared/compiled-queries.js";
import type { SqlDialect } from "../shared/sql-dialect.js";
import { type SqlStoreErrorKind, errorFacts } from "../shared/store-errors.js";

// What MySQL and MariaDB spell their own way: utf8mb4 with its binary collation
// (ids ordered by code point, as the port orders them), `longtext` and
// `longblob`, InnoDB, a plain insert whose duplicate-key error means a taken key,
// no `create index if not exists` (MySQL 8 lacks it), and the servers'
// error numbers. The same declarations serve TiDB and OceanBase (MySQL mode).

const lostCodes = new Set(["PROTOCOL_CONNECTION_LOST", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR"]);

const classify = (error: unknown): SqlStoreErrorKind | undefined => {
  const { code, errno, message } = errorFacts(error);
  if (errno === 1062 || code === "ER_DUP_ENTRY") return "unique-violation";
  if (lostCodes.has(code) || errno === 2006 || errno === 2013 || errno === 1927 || errno === 1053) return "connection-lost";
  // mysql2's own words for a command on a connection the server already closed.
  if (/connection is in closed state|Connection lost/i.test(message)) return "connection-lost";
  if (errno === 1205 || errno === 1213) return "busy";
  if (errno === 1114 || errno === 1021) return "disk-full";
  if (errno === 1290 || errno === 1792 || errno === 1036) return "read-only";
  return undefined;
};

/**
 * The MySQL and MariaDB dialect of the store (mysql2 through Kysely's
 * `MysqlDialect`). Transactions run at the same time, each at read committed.
 * @since 0.4.0
 */
export const mysqlDialect: SqlDialect = {
  name: "mysql",
  columnType: (kind) =>
    ({
      id: "varchar(255) character set utf8mb4 collate utf8mb4_bin",
      short: "varchar(64) character set utf8mb4 collate utf8mb4_bin",
      json: "longtext",
      bytes: "longblob",
      int: "int",
    })[kind],
  tableOptions: "engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin",
  createIndex: async (db, name, table, columns) => {
    const found = await sql<{ n: number }>`select count(*) as n from information_schema.statistics
      where table_schema = database() and table_name = ${table} and index_name = ${name}`.execute(db);
    if (Number(found.rows[0]?.n ?? 0) > 0) return;
    await db.schema.createIndex(name).on(table).columns(columns as Array<string>).execute();
  },
  insertOrSkip: async (db, queries, table, _key, rows) => {
    // A plain insert, row by row: a duplicate key fails only its own statement
    // (MySQL keeps the transaction), and counts as skipped. `on duplicate key
    // update` cannot tell: mysql2 sets CLIENT_FOUND_ROWS, so a skipped row
    // counts as affected; `insert ignore` would also hide truncation.
    let inserted = 0;
    const columns = Object.keys(rows[0]!);
    const shape = `insert ${table} (${columns.join(",")})`;
    for (const row of rows) {
      try {
        await queries.run(db as never, shape, rowParameters(columns, [row]), () =>
          (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(normalizedRows(columns, [row]) as never),
        );
        inserted++;
      } catch (error) {
        if (classify(error) !== "unique-violation") throw error;
      }
    }
    return inserted;
  },
  lockChainHead: true,
  concurrentTransactions: true,
  isolation: "read committed",
  classify,
};
