import { Kysely, type SqliteDatabase, SqliteDialect } from "kysely";
import type { Database } from "../schema/tables.js";
import { loadDriver } from "../shared/load-driver.js";
import { type SqlStore, type SqlStoreOptions, openSqlStore } from "../shared/sql-store.js";
import { asStoreError } from "../shared/store-errors.js";
import { sqliteDialect } from "./sqlite-dialect.js";

/**
 * What the store needs of a better-sqlite3 database (typed by its shape, so this
 * package never imports the driver's types).
 * @since 0.4.0
 */
export interface BetterSqliteDatabase extends SqliteDatabase {
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

type BetterSqliteConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => BetterSqliteDatabase;

/**
 * Options of {@link sqliteStore}: a file (the usual case), or a database the
 * caller opened with better-sqlite3 12.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { file: "ledger.db", busyTimeoutMs: 5000 };
 * ```
 * @since 0.4.0
 */
export type SqliteStoreOptions = SqlStoreOptions & {
  /**
   * How long a write waits for another connection's lock before it fails as
   * `busy`, in milliseconds.
   * @default 5000
   */
  readonly busyTimeoutMs?: number;
} & (
    | {
        /** The database file (created when absent), or `:memory:`. */
        readonly file: string;
        /**
         * Opens the file for reading only: every write fails as `read-only`. The
         * file must exist and be migrated.
         * @default false
         */
        readOnly?: boolean;
      }
    | {
        /** A database opened by the caller; the store closes it on `close()`. */
        readonly database: BetterSqliteDatabase;
      }
  );

const configure = (database: BetterSqliteDatabase, file: string | undefined, readOnly: boolean, busyTimeoutMs: number): void => {
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  database.pragma("foreign_keys = ON");
  if (!readOnly && file !== ":memory:" && file !== "") {
    // Write-ahead logging: readers never wait for the writer, and a commit is one
    // append. With WAL, `synchronous = NORMAL` loses no committed transaction on a
    // crash of the process (only, at worst, the last ones on a power cut).
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
  }
};

/** How many prepared statements a store keeps for reuse (its queries are a few dozen shapes). */
const STATEMENT_CACHE = 256;

/**
 * The database as Kysely's driver sees it, with its prepared statements kept by
 * their SQL: the driver prepares every query anew, and the store's queries are
 * a few dozen shapes run many times, so a statement is prepared once and run
 * again with new parameters (better-sqlite3 statements are reusable; the store
 * never streams, so no statement is ever in use twice at once). The cache is
 * bounded; SQLite re-prepares a kept statement by itself after a schema change.
 */
const withStatementCache = (database: BetterSqliteDatabase): SqliteDatabase => {
  const kept = new Map<string, ReturnType<SqliteDatabase["prepare"]>>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = kept.get(text);
      if (statement === undefined) {
        statement = database.prepare(text);
        if (kept.size >= STATEMENT_CACHE) kept.delete(kept.keys().next().value!);
        kept.set(text, statement);
      }
      return statement;
    },
  };
};

/**
 * Opens the ledger on a SQLite file, the embedded default: one file per township
 * office, offline. A path is all it needs; the schema is created or brought up to
 * date on open (unless `migrate: false`). The file is opened in WAL mode with
 * foreign keys on and a busy timeout. Needs the optional peer better-sqlite3 12
 * (13 needs Node 22).
 *
 * @example
 * ```ts
 * import { createLedger } from "@tiaojie/core";
 * import { sqliteStore } from "@tiaojie/store-kysely";
 *
 * const store = await sqliteStore({ file: "ledger.db" });
 * const ledger = createLedger({ store, units, keys });
 * ```
 * @since 0.4.0
 */
export const sqliteStore = async (options: SqliteStoreOptions): Promise<SqlStore> => {
  const store = options.name ?? sqliteDialect.name;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  let database: BetterSqliteDatabase;
  let file: string | undefined;
  let readOnly = false;
  if ("database" in options) {
    database = options.database;
  } else {
    file = options.file;
    readOnly = options.readOnly ?? false;
    const Driver = await loadDriver<BetterSqliteConstructor>("better-sqlite3", "12", store);
    try {
      database = new Driver(file, { readonly: readOnly, fileMustExist: readOnly, timeout: busyTimeoutMs });
    } catch (error) {
      throw asStoreError(error, store, sqliteDialect.classify);
    }
  }
  try {
    configure(database, file, readOnly, busyTimeoutMs);
  } catch (error) {
    database.close();
    throw asStoreError(error, store, sqliteDialect.classify);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return openSqlStore(db, sqliteDialect, { ...options, durable: file !== ":memory:" && file !== "" });
};
