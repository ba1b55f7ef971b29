import { Kysely, type SqliteDatabase, SqliteDialect } from "kysely";
import type { Database } from "../schema/tables.js";
import { loadDriver } from "../shared/load-driver.js";
import type { DirectExecution } from "../shared/compiled-queries.js";
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
  /** Whether better-sqlite3 opened it for reading only. */
  readonly readonly?: boolean;
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
  /**
   * How much memory SQLite may keep of the file's pages, in MiB (its own default
   * is 2 MiB, which a ledger of some hundred thousand disputes outgrows: every
   * write then reads its index pages back from the file). Taken as needed, up
   * to this.
   * @default 64
   */
  readonly cacheMiB?: number;
  /**
   * After how many pages of write-ahead log SQLite copies the log back into the
   * file (`wal_autocheckpoint`; its own default is 1,000 pages, about 4 MiB). A
   * checkpoint writes every page changed since the last one; the same index
   * pages change in batch after batch of an import, so checkpointing less often
   * writes each of them fewer times. The log grows to about this size before
   * it is reused.
   * @default 10000 (about 40 MiB with 4 KiB pages)
   */
  readonly autoCheckpointPages?: number;
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

interface Settings {
  readonly busyTimeoutMs: number;
  readonly cacheMiB: number;
  readonly autoCheckpointPages: number;
}

const configure = (database: BetterSqliteDatabase, file: string | undefined, readOnly: boolean, { busyTimeoutMs, cacheMiB, autoCheckpointPages }: Settings): void => {
  database.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  // A negative cache size is in KiB.
  database.pragma(`cache_size = ${-Math.max(1, Math.floor(cacheMiB * 1024))}`);
  database.pragma("foreign_keys = ON");
  // Deleted content is overwritten with zeros, in its page and in freed pages:
  // an erased person's old row then leaves the file at the next checkpoint,
  // instead of lingering in free space until reused or VACUUMed (PIPL art. 47;
  // see reclaimErasedSpace). Rows here are small and rarely deleted, so the
  // extra writes are few. It is a setting of the connection, not of the file.
  database.pragma("secure_delete = ON");
  if (!readOnly && file !== ":memory:" && file !== "") {
    // Write-ahead logging: readers never wait for the writer, and a commit is one
    // append. With WAL, `synchronous = NORMAL` loses no committed transaction on a
    // crash of the process (only, at worst, the last ones on a power cut).
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma(`wal_autocheckpoint = ${Math.max(0, Math.floor(autoCheckpointPages))}`);
  }
};

/** How many prepared statements a store keeps for reuse (its queries are a few dozen shapes). */
const STATEMENT_CACHE = 256;

/**
 * The database's prepared statements, kept by their SQL: Kysely's driver
 * prepares every query anew, and the store's queries are a few dozen shapes run
 * many times, so a statement is prepared once and run again with new parameters
 * (better-sqlite3 statements are reusable; the store never streams, so no
 * statement is ever in use twice at once). The cache is bounded; SQLite
 * re-prepares a kept statement by itself after a schema change. Kysely's driver
 * prepares through it, and the store's compiled queries run through it directly
 * (`run`): better-sqlite3 runs a statement synchronously on the one connection
 * that Kysely's transaction holds, so inside a transaction a statement run here
 * is part of it.
 *
 * A writable database begins every transaction `immediate`: Kysely's driver
 * says `begin`, which SQLite defers until the first write, and in WAL mode a
 * transaction that has read and then wants to write fails at once with
 * SQLITE_BUSY (or SQLITE_BUSY_SNAPSHOT) when another process wrote meanwhile,
 * without waiting for the busy timeout. Nearly every ledger transaction writes
 * (reads write their audit event), so taking the write lock at `begin` makes a
 * second process wait its turn instead, and a stale version is then the
 * VersionConflict it should be.
 */
const statementCache = (database: BetterSqliteDatabase, immediate: boolean): { readonly kysely: SqliteDatabase; readonly run: DirectExecution } => {
  const kept = new Map<string, ReturnType<SqliteDatabase["prepare"]>>();
  const prepare = (source: string) => {
    const text = immediate && source === "begin" ? "begin immediate" : source;
    let statement = kept.get(text);
    if (statement === undefined) {
      statement = database.prepare(text);
      if (kept.size >= STATEMENT_CACHE) kept.delete(kept.keys().next().value!);
      kept.set(text, statement);
    }
    return statement;
  };
  return {
    kysely: { close: () => database.close(), prepare },
    run: (text, parameters) => {
      const statement = prepare(text);
      if (statement.reader) return { rows: statement.all(parameters) as Array<unknown> };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
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
    configure(database, file, readOnly, { busyTimeoutMs, cacheMiB: options.cacheMiB ?? 64, autoCheckpointPages: options.autoCheckpointPages ?? 10_000 });
  } catch (error) {
    database.close();
    throw asStoreError(error, store, sqliteDialect.classify);
  }
  const statements = statementCache(database, !readOnly && !database.readonly);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements.kysely }) });
  return openSqlStore(db, sqliteDialect, { ...options, durable: file !== ":memory:" && file !== "", direct: statements.run });
};
