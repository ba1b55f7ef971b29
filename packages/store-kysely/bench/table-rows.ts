/**
 * "The same rows" for the raw baselines: every row of every table of the store
 * (the `tiaojie_*` tables of `tables`; the Migrator's own two tables are
 * written by opening the store, in both variants alike), each as an array of
 * its columns in the order `tables` gives them.
 */
import { type TableName, tables } from "@tiaojie/store-kysely";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";

/** One table's rows, each an array of values in `columns` order. */
export interface TableRows {
  readonly table: TableName;
  readonly columns: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<ReadonlyArray<unknown>>;
}

/** The store's tables, in the order `tables` lists them. */
export const storeTables = Object.keys(tables) as ReadonlyArray<TableName>;

const columnsOf = (table: TableName): ReadonlyArray<string> => Object.keys(tables[table].columns);

const selectAll = (table: TableName): string => `select ${columnsOf(table).join(", ")} from ${table}`;

/**
 * Every row of the store's tables in a SQLite database, each table's rows in
 * the order they were inserted (by rowid: the store's tables are rowid tables
 * and the benchmarks delete nothing).
 */
export const readSqliteRows = (db: BetterSqlite3.Database): ReadonlyArray<TableRows> =>
  storeTables.map((table) => ({ table, columns: columnsOf(table), rows: db.prepare(`${selectAll(table)} order by rowid`).raw(true).all() as Array<Array<unknown>> }));

/**
 * The order in which a store wrote its rows across tables: for each inserted
 * row, in order, the index of its table in {@link storeTables}. With each
 * table's rows in insertion order ({@link readSqliteRows}), it tells which row
 * came when.
 */
export type WriteOrder = Uint8Array;

const INSERT_INTO = /^\s*insert\s+into\s+"?(tiaojie_[a-z_]+)"?/i;

/**
 * A better-sqlite3 database that records which table each inserted row went
 * to (from the SQL of every statement that inserts and the rows it changed),
 * for the raw baseline to insert the same rows in the same order. `order()`
 * gives what was recorded so far.
 */
export const recordingDatabase = (db: BetterSqlite3.Database): { readonly database: BetterSqlite3.Database; readonly order: () => WriteOrder } => {
  const indexOf = new Map(storeTables.map((t, i) => [t as string, i]));
  const written: Array<number> = [];
  const watch = (statement: BetterSqlite3.Statement, table: number): BetterSqlite3.Statement =>
    new Proxy(statement, {
      get: (target, key) => {
        if (key !== "run") {
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        }
        return (...parameters: Array<unknown>) => {
          const result = target.run(...parameters);
          for (let i = 0; i < result.changes; i++) written.push(table);
          return result;
        };
      },
    });
  const database = new Proxy(db, {
    get: (target, key) => {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== "prepare") return typeof value === "function" ? value.bind(target) : value;
      return (text: string) => {
        const statement = target.prepare(text);
        const table = indexOf.get(INSERT_INTO.exec(text)?.[1] ?? "");
        return table === undefined ? statement : watch(statement, table);
      };
    },
  });
  return { database, order: () => Uint8Array.from(written) };
};

/** Every row of the store's tables in a PostgreSQL database. */
export const readPostgresRows = async (client: pg.ClientBase): Promise<ReadonlyArray<TableRows>> => {
  const out: Array<TableRows> = [];
  for (const table of storeTables) {
    const result = await client.query({ text: selectAll(table), rowMode: "array" });
    out.push({ table, columns: columnsOf(table), rows: result.rows as Array<Array<unknown>> });
  }
  return out;
};

/** How many rows in all. */
export const rowCount = (captured: ReadonlyArray<TableRows>): number => captured.reduce((n, t) => n + t.rows.length, 0);

/** `table rows, table rows, …` for the tables that have any. */
export const describeRows = (captured: ReadonlyArray<TableRows>): string =>
  captured
    .filter((t) => t.rows.length > 0)
    .map((t) => `${t.table.replace(/^tiaojie_/, "")} ${t.rows.length.toLocaleString("en")}`)
    .join(", ");
