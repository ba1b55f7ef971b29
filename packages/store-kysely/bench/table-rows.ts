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

/** Every row of the store's tables in a SQLite database. */
export const readSqliteRows = (db: BetterSqlite3.Database): ReadonlyArray<TableRows> =>
  storeTables.map((table) => ({ table, columns: columnsOf(table), rows: db.prepare(selectAll(table)).raw(true).all() as Array<Array<unknown>> }));

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
