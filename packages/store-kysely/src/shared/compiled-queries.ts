import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from "kysely";

/**
 * The store's frequent queries, compiled once per shape. Kysely builds and
 * compiles a query afresh on every call, which costs more than SQLite takes to
 * run a small one; the store's writes and reads by key are a few dozen shapes
 * (a table, its columns, a number of rows) run many times. The first call of a
 * shape builds it with Kysely, so the dialect still writes the SQL, and checks
 * that the parameters Kysely bound are exactly those the store will bind later
 * (in the same order), so a Kysely that ordered them otherwise fails loudly on
 * the first call instead of writing a value into the wrong column.
 */
export interface CompiledQueries {
  /**
   * Runs the query of `shape` with `parameters`; `build` makes it with Kysely
   * the first time (from the same values as `parameters`).
   */
  readonly run: <R>(db: Kysely<never>, shape: string, parameters: ReadonlyArray<unknown>, build: () => Compilable) => Promise<QueryResult<R>>;
}

/**
 * Runs compiled SQL on the connection the store's transactions use, without
 * Kysely's executor: for a driver that runs a statement synchronously on the
 * one connection (better-sqlite3), where the executor's layers of promises
 * cost more than the statement. `undefined` runs every query through Kysely.
 */
export type DirectExecution = (sql: string, parameters: ReadonlyArray<unknown>) => QueryResult<unknown>;

/** How many shapes a store keeps; more (an unusual number of rows per insert) start the cache again. */
const MAX_SHAPES = 512;

const sameParameters = (bound: ReadonlyArray<unknown>, given: ReadonlyArray<unknown>): boolean =>
  bound.length === given.length && bound.every((p, i) => p === given[i]);

/** A cache of compiled queries for one store (all its transactions share it). */
export const compiledQueries = (direct?: DirectExecution): CompiledQueries => {
  const sqlOf = new Map<string, string>();
  return {
    run: <R>(db: Kysely<never>, shape: string, parameters: ReadonlyArray<unknown>, build: () => Compilable) => {
      try {
        let text = sqlOf.get(shape);
        if (text === undefined) {
          const compiled = build().compile();
          if (!sameParameters(compiled.parameters, parameters)) {
            throw new Error(`store-kysely: query "${shape}" binds its parameters in another order than the store expects (${compiled.sql})`);
          }
          text = compiled.sql;
          if (sqlOf.size >= MAX_SHAPES) sqlOf.clear();
          sqlOf.set(shape, text);
        }
        if (direct !== undefined) return Promise.resolve(direct(text, parameters) as QueryResult<R>);
        return db.executeQuery(CompiledQuery.raw(text, parameters as Array<unknown>)) as Promise<QueryResult<R>>;
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
};

/** The values of rows in column order, row after row: what an insert of them binds. */
export const rowParameters = (columns: ReadonlyArray<string>, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): Array<unknown> => {
  const out: Array<unknown> = [];
  for (const row of rows) for (const c of columns) out.push(row[c] === undefined ? null : row[c]);
  return out;
};

/** Rows with every column given (in that order), `undefined` as null: what Kysely compiles to the parameters {@link rowParameters} gives. */
export const normalizedRows = (columns: ReadonlyArray<string>, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): Array<Record<string, unknown>> =>
  rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] === undefined ? null : row[c]])));
