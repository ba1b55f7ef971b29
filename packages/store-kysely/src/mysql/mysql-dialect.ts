import { type Kysely, sql } from "kysely";
import type { MigratingDialect } from "../schema/migrations.js";
import { type ColumnKind, type Database, type TableName, tables } from "../schema/tables.js";
import { normalizedRows, rowParameters } from "../shared/compiled-queries.js";
import type { SqlDialect } from "../shared/sql-dialect.js";
import { SqlStoreError, type SqlStoreErrorKind, errorFacts } from "../shared/store-errors.js";

// What MySQL and MariaDB spell their own way: utf8mb4 with a binary collation
// that does not pad (ids compared byte by byte, trailing spaces included, and
// ordered by code point, as the port orders them), `longtext` and `longblob`,
// InnoDB, a plain insert whose duplicate-key error means a taken key, no
// `create index if not exists` (MySQL 8 lacks it), and the servers' error
// numbers. The same declarations serve TiDB and OceanBase (MySQL mode).
//
// `utf8mb4_bin` would not do: it is a PAD SPACE collation, so "a" and "a "
// compare equal, take the same primary key and match the same `where`. The two
// servers name their NO PAD binary collation differently, so the dialect is
// spelled once it knows the server (`onServer`).

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
 * The NO PAD binary collations of utf8mb4, in order of preference: MariaDB's
 * (10.2 and later) and MySQL's (8.0.17 and later; also TiDB 7.4 and later).
 */
export const noPadCollations = ["utf8mb4_nopad_bin", "utf8mb4_0900_bin"] as const;

/** A NO PAD binary collation of utf8mb4. */
export type NoPadCollation = (typeof noPadCollations)[number];

/**
 * The collation the store uses on a server that has the collations `known`
 * (the names the server lists), or a {@link SqlStoreError} of kind `misuse`
 * naming the server's version when it has none: MySQL 5.7 and MySQL 8.0 before
 * 8.0.17 have only PAD SPACE collations for utf8mb4, on which ids differing by
 * trailing spaces would be one row and a filter would keep rows it must not.
 *
 * @example
 * ```ts
 * noPadCollationOf(["utf8mb4_bin", "utf8mb4_nopad_bin"], "10.11.19-MariaDB", "mysql"); // "utf8mb4_nopad_bin"
 * noPadCollationOf(["utf8mb4_bin"], "5.7.44-log", "mysql"); // throws SqlStoreError (misuse)
 * ```
 */
export const noPadCollationOf = (known: ReadonlyArray<string>, version: string, store: string): NoPadCollation => {
  const found = noPadCollations.find((c) => known.includes(c));
  if (found !== undefined) return found;
  throw new SqlStoreError("misuse", store, {
    detail: {
      zh: `数据库服务器 ${version} 没有不补空格的二进制排序规则（utf8mb4_nopad_bin 或 utf8mb4_0900_bin），无法逐字节比较标识（如 "a" 与 "a "）：请使用 MariaDB 10.6 及以上或 MySQL 8.0.17 及以上`,
      en: `the server ${version} has no NO PAD binary collation (utf8mb4_nopad_bin or utf8mb4_0900_bin), so ids could not be compared byte by byte ("a" and "a " would be one): use MariaDB 10.6 or later, or MySQL 8.0.17 or later`,
    },
  });
};

/**
 * Which NO PAD collation the server `db` reaches offers, checked by comparing
 * "a" with "a " under it (a server that named a PAD collation so is refused too).
 */
const collationOnServer = async (db: Kysely<Database>, store: string): Promise<NoPadCollation> => {
  const version = String((await sql<{ v: unknown }>`select version() as v`.execute(db)).rows[0]?.v ?? "unknown");
  const listed = await sql<{ c: unknown }>`select collation_name as c from information_schema.collations
    where collation_name in (${sql.join(noPadCollations)})`.execute(db);
  const collation = noPadCollationOf(
    listed.rows.map((r) => String(r.c)),
    version,
    store,
  );
  const c = sql.raw(collation);
  const probe = await sql<{ same: unknown }>`select convert('a' using utf8mb4) collate ${c} = convert('a ' using utf8mb4) collate ${c} as same`.execute(db);
  if (Number(probe.rows[0]?.same) !== 0) noPadCollationOf([], `${version} (${collation} pads)`, store);
  return collation;
};

const textKinds: ReadonlySet<ColumnKind> = new Set(["id", "short", "json"]);

/**
 * Re-declares every text column of the store's tables (and each table's
 * default) that the database reports with another collation than `collation`:
 * one `alter table … modify …` per such table, restating each column's type and
 * `not null` as tables.ts declares them, so keys, indexes and nullability stay.
 * Tables already right are not touched, so it runs again safely, and after an
 * interruption finishes the tables left.
 */
const redeclareText = async (db: Kysely<Database>, dialect: SqlDialect, collation: NoPadCollation): Promise<void> => {
  const names = Object.keys(tables) as Array<TableName>;
  const inList = sql.join(names);
  const columns = await sql<{ t: unknown }>`select distinct table_name as t from information_schema.columns
    where table_schema = database() and table_name in (${inList}) and collation_name is not null and collation_name <> ${collation}`.execute(db);
  const defaults = await sql<{ t: unknown }>`select table_name as t from information_schema.tables
    where table_schema = database() and table_name in (${inList}) and table_collation <> ${collation}`.execute(db);
  const stale = new Set([...columns.rows, ...defaults.rows].map((r) => String(r.t)));
  for (const name of names) {
    if (!stale.has(name)) continue;
    const clauses = [sql`default character set utf8mb4 collate ${sql.raw(collation)}`];
    for (const [column, spec] of Object.entries(tables[name].columns)) {
      if (!textKinds.has(spec.kind)) continue;
      clauses.push(sql`modify ${sql.id(column)} ${sql.raw(dialect.columnType(spec.kind))}${sql.raw(spec.nullable ? " null" : " not null")}`);
    }
    await sql`alter table ${sql.table(name)} ${sql.join(clauses)}`.execute(db);
  }
};

const shared = {
  name: "mysql",
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
} as const satisfies Omit<SqlDialect, "columnType">;

/**
 * The dialect spelled with one NO PAD collation: what {@link mysqlDialect}
 * becomes once it knows the server.
 */
export const mysqlDialectWith = (collation: NoPadCollation): MigratingDialect & { readonly collation: NoPadCollation } => {
  const text = `character set utf8mb4 collate ${collation}`;
  const dialect: MigratingDialect & { readonly collation: NoPadCollation } = {
    ...shared,
    collation,
    columnType: (kind) =>
      ({
        id: `varchar(255) ${text}`,
        short: `varchar(64) ${text}`,
        json: `longtext ${text}`,
        bytes: "longblob",
        int: "int",
      })[kind],
    tableOptions: `engine=InnoDB default ${text}`,
    redeclareText: (db) => redeclareText(db, dialect, collation),
  };
  return dialect;
};

/**
 * The MySQL and MariaDB dialect of the store (mysql2 through Kysely's
 * `MysqlDialect`). Transactions run at the same time, each at read committed.
 * Text columns use utf8mb4 with the server's NO PAD binary collation,
 * `utf8mb4_nopad_bin` on MariaDB and `utf8mb4_0900_bin` on MySQL 8: its spelling
 * here is MariaDB's, and `onServer` (which the store and the migrations call)
 * gives the one for the server at hand, or refuses a server that has neither
 * (MySQL 5.7) with a {@link SqlStoreError} of kind `misuse`.
 * @since 0.4.0
 */
export const mysqlDialect: MigratingDialect & { readonly onServer: NonNullable<MigratingDialect["onServer"]> } = {
  ...mysqlDialectWith("utf8mb4_nopad_bin"),
  onServer: async (db, store) => mysqlDialectWith(await collationOnServer(db, store)),
};
