import { statSync } from "node:fs";
import type { Bilingual, Result } from "@tiaojie/core";
import { type Kysely, MysqlAdapter, PostgresAdapter, SqliteAdapter, sql } from "kysely";
import { mysqlDialect } from "../mysql/mysql-dialect.js";
import { postgresDialect } from "../postgres/postgres-dialect.js";
import type { Database } from "../schema/tables.js";
import { sqliteDialect } from "../sqlite/sqlite-dialect.js";
import type { SqlDialect } from "./sql-dialect.js";
import type { SqlStore } from "./sql-store.js";
import { SqlStoreError, asStoreError, errorFacts } from "./store-errors.js";

// Erasure ends a person's data in the rows, but a database keeps old versions of
// rows in its files for a while: SQLite in the WAL and in freed pages, PostgreSQL
// in dead tuples of the heap and its indexes, InnoDB in the old tablespace until a
// rebuild. This module makes the database rewrite those files, once a purge has
// erased someone, so the erased bytes leave the files too (PIPL art. 47).

/**
 * The tables whose rows a purge rewrites or deletes: the person rows (their name
 * and blind index are removed) and the person keys (deleted: the crypto-shredding
 * itself; `rotateKeys` rewrites the rest). Nothing else a purge writes holds
 * personal data in clear (it appends audit events, which never do).
 */
const purgedTables = ["tiaojie_person", "tiaojie_person_key"] as const;

/**
 * One statement that {@link reclaimErasedSpace} ran, whether it did all of its
 * work, and what the database said about it when that matters to the operator.
 *
 * @example
 * ```ts
 * const step: ReclaimStep = { statement: "vacuum", done: true };
 * ```
 * @since 0.5.0
 */
export interface ReclaimStep {
  /** The statement as run: `pragma wal_checkpoint(TRUNCATE)`, `vacuum`, `vacuum full tiaojie_person`, `optimize table tiaojie_person`, `checkpoint`. */
  readonly statement: string;
  /** Whether it did its whole work (a checkpoint that other readers held back did not). */
  readonly done: boolean;
  /** What the database said, or why the step was not done. */
  readonly note?: Bilingual;
}

/**
 * The sizes of a SQLite store's file and its write-ahead log, in bytes (0: absent).
 * @since 0.5.0
 */
export interface SqliteFileSizes {
  readonly file: number;
  readonly wal: number;
}

/**
 * What {@link reclaimErasedSpace} did: every step, the tables it rebuilt (the
 * server dialects; SQLite rewrites its whole file) and, on a SQLite file, the
 * sizes of the file and its WAL before and after.
 *
 * @example
 * ```ts
 * const report: ReclaimReport = {
 *   store: "sqlite", dialect: "sqlite", complete: true, tables: [],
 *   steps: [{ statement: "vacuum", done: true }],
 *   sqlite: { path: "ledger.db", before: { file: 143360, wal: 41232 }, after: { file: 118784, wal: 0 } },
 * };
 * ```
 * @since 0.5.0
 */
export interface ReclaimReport {
  /** The store's name. */
  readonly store: string;
  readonly dialect: "sqlite" | "postgres" | "mysql";
  /**
   * Whether every step did its whole work: the erased rows' old versions are out
   * of the database's own files (its server log and backups are another matter;
   * see the deployment guide). When `false`, a step's `note` says why: run it again
   * once the readers or sessions it names have ended.
   */
  readonly complete: boolean;
  /** The tables rebuilt, in order (empty on SQLite, whose whole file is rewritten). */
  readonly tables: ReadonlyArray<string>;
  readonly steps: ReadonlyArray<ReclaimStep>;
  /** On a SQLite file: its path, and the sizes of the file and its WAL before and after. */
  readonly sqlite?: { readonly path: string; readonly before: SqliteFileSizes; readonly after: SqliteFileSizes };
  /** Why nothing was done, when nothing needed doing (a SQLite store in memory). */
  readonly skipped?: Bilingual;
}

/**
 * What {@link reclaimErasedSpace} resolves with: its report, or the database's
 * refusal as a {@link SqlStoreError} (`read-only`, `busy`, `connection-lost`,
 * `misuse` for a store that is not one of this package's dialects, …).
 * @since 0.5.0
 */
export type ReclaimResult = Result<ReclaimReport, SqlStoreError>;

/**
 * Options of {@link reclaimErasedSpace}.
 *
 * @example
 * ```ts
 * const options: ReclaimOptions = { lockTimeoutMs: 30_000 };
 * ```
 * @since 0.5.0
 */
export interface ReclaimOptions {
  /**
   * How long a server table's rebuild waits for the lock it needs (another
   * session's open transaction on the table holds it) before the reclaim fails
   * as `busy`, in milliseconds: PostgreSQL's `lock_timeout`, MySQL's
   * `lock_wait_timeout` (rounded up to whole seconds). SQLite waits as long as the
   * store's `busyTimeoutMs`.
   * @default 10000
   */
  readonly lockTimeoutMs?: number;
}

type Kind = ReclaimReport["dialect"];

/**
 * The dialect of a store, read from its Kysely adapter: a SqlStore does not say
 * which dialect opened it, and its name is the caller's to choose.
 */
const kindOf = (db: Kysely<Database>): Kind | undefined => {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return "sqlite";
  if (adapter instanceof PostgresAdapter) return "postgres";
  if (adapter instanceof MysqlAdapter) return "mysql";
  return undefined;
};

const dialects: { readonly [K in Kind]: SqlDialect } = { sqlite: sqliteDialect, postgres: postgresDialect, mysql: mysqlDialect };

const same = (text: string): Bilingual => ({ zh: text, en: text });

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const sqliteSizes = (path: string): SqliteFileSizes => ({ file: sizeOf(path), wal: sizeOf(`${path}-wal`) });

/**
 * `pragma wal_checkpoint(TRUNCATE)`: every WAL frame copied into the file, and the
 * WAL cut to nothing, unless readers hold it. On success SQLite counts the frames
 * of the WAL as it is after the truncation (none), so the note gives the WAL's
 * size before the step instead.
 */
const sqliteCheckpoint = async (db: Kysely<Database>, path: string): Promise<ReclaimStep> => {
  const statement = "pragma wal_checkpoint(TRUNCATE)";
  const walBefore = sizeOf(`${path}-wal`);
  const { rows } = await sql.raw<{ busy: number; log: number; checkpointed: number }>(statement).execute(db);
  const row = rows[0];
  if (row === undefined || row.log < 0) return { statement, done: true, note: { zh: "未使用预写日志（WAL）", en: "the database does not use a write-ahead log" } };
  if (row.busy !== 0) {
    return {
      statement,
      done: false,
      note: {
        zh: `其他连接仍在读取，预写日志未能清空（已写回 ${row.checkpointed}/${row.log} 帧）`,
        en: `other connections are reading: the WAL could not be emptied (${row.checkpointed} of ${row.log} frames copied back)`,
      },
    };
  }
  return { statement, done: true, note: { zh: `预写日志（${walBefore} 字节）已写回并清空`, en: `the WAL (${walBefore} B) copied back and emptied` } };
};

/**
 * SQLite: checkpoint, `VACUUM` (the file rewritten without its free pages, where
 * erased rows' old cells stay even with `secure_delete`, which zeroes only what is
 * deleted after it is on), checkpoint again (VACUUM writes the new file through
 * the WAL; the checkpoint copies it back and truncates the WAL to nothing).
 * Kysely's SQLite driver runs one statement at a time on the store's one
 * connection, so none of them starts inside a transaction of the store.
 */
const reclaimSqlite = async (store: SqlStore): Promise<ReclaimReport> => {
  const base = { store: store.name, dialect: "sqlite" as const, tables: [] };
  const { rows } = await sql.raw<{ name: string; file: string }>("pragma database_list").execute(store.db);
  const path = rows.find((r) => r.name === "main")?.file ?? "";
  if (path === "") {
    return { ...base, complete: true, steps: [], skipped: { zh: "数据库在内存中，没有文件保留已删除的数据", en: "the database is in memory: no file keeps the erased data" } };
  }
  const before = sqliteSizes(path);
  const steps: Array<ReclaimStep> = [await sqliteCheckpoint(store.db, path)];
  await sql.raw("vacuum").execute(store.db);
  steps.push({ statement: "vacuum", done: true });
  const last = await sqliteCheckpoint(store.db, path);
  steps.push(last);
  const after = sqliteSizes(path);
  // Done when the last checkpoint emptied the WAL: the first one may be held back
  // by a reader that has gone by the end.
  return { ...base, complete: last.done && after.wal === 0, steps, sqlite: { path, before, after } };
};

/**
 * PostgreSQL: `VACUUM FULL` of each table, then `CHECKPOINT`. Plain VACUUM is not
 * enough: it frees a dead tuple's space but leaves its bytes in the page when no
 * live tuple moves over them (a deleted row that was the last one written to its
 * page keeps its bytes in the heap file, as tried on PostgreSQL 15), and the
 * index entries likewise. VACUUM FULL writes each table and its indexes to new
 * files and truncates the old ones at commit. It locks the table (access
 * exclusive) while it copies: the two tables are small beside the disputes, and a
 * purge is rare. It keeps the row versions that a transaction still running may
 * see, so the sessions holding a snapshot are counted first: any such session
 * makes the report incomplete. A role that may not vacuum a table only gets a
 * warning, so the table's file is compared before and after: the same file
 * means the step was not done. CHECKPOINT lets the server unlink the old files
 * and recycle its WAL; it needs a superuser or the `pg_checkpoint` role, and a
 * refusal is reported (the server's own checkpoint does it within
 * `checkpoint_timeout`).
 */
const reclaimPostgres = (store: SqlStore, lockTimeoutMs: number): Promise<ReclaimReport> =>
  // One connection, so that its lock timeout holds for every statement.
  store.db.connection().execute(async (db) => {
    await sql.raw(`set lock_timeout = ${lockTimeoutMs}`).execute(db);
    try {
      return await reclaimPostgresOn(db, store.name);
    } finally {
      // The original error, if any, is the one that tells; a connection that broke is dropped by the pool.
      await sql.raw("reset lock_timeout").execute(db).catch(() => undefined);
    }
  });

const reclaimPostgresOn = async (db: Kysely<Database>, name: string): Promise<ReclaimReport> => {
  const steps: Array<ReclaimStep> = [];
  // What holds the oldest row versions back: other client sessions of this
  // database in a transaction, prepared transactions, replication slots and
  // standbys that report their snapshots (hot_standby_feedback). Autovacuum is
  // left out: a plain VACUUM's snapshot holds nothing back.
  const held = await sql<{ n: number }>`
    select (
      (select count(*) from pg_stat_activity
        where pid <> pg_backend_pid() and (backend_xmin is not null or backend_xid is not null)
          and ((backend_type = 'client backend' and datname = current_database()) or backend_type = 'walsender'))
      + (select count(*) from pg_prepared_xacts where database = current_database())
      + (select count(*) from pg_replication_slots where (xmin is not null or catalog_xmin is not null) and (database is null or database = current_database()))
    )::int as n`.execute(db);
  const holding = held.rows[0]?.n ?? 0;
  const fileOf = async (table: string): Promise<string> =>
    String((await sql<{ node: string | number }>`select pg_relation_filenode(${table}::regclass) as node`.execute(db)).rows[0]?.node ?? "");
  for (const table of purgedTables) {
    const statement = `vacuum full ${table}`;
    const before = await fileOf(table);
    await sql.raw(statement).execute(db);
    // A role that may not vacuum the table gets a warning, not an error, and the
    // table is skipped: only a new file says the table was rewritten.
    if ((await fileOf(table)) === before) {
      steps.push({
        statement,
        done: false,
        note: {
          zh: "表未重建：当前角色无权清理该表（须为表或数据库的所有者，或超级用户）",
          en: "the table was not rebuilt: this role may not vacuum it (its owner, the database's owner or a superuser may)",
        },
      });
      continue;
    }
    steps.push(
      holding === 0
        ? { statement, done: true }
        : {
            statement,
            done: false,
            note: {
              zh: `另有 ${holding} 个会话、预备事务、复制槽或备库持有快照，它们可见的旧版本行被保留；结束后请再运行一次`,
              en: `${holding} other sessions, prepared transactions, replication slots or standbys held a snapshot: row versions they can see were kept; run this again once they end`,
            },
          },
    );
  }
  try {
    await sql.raw("checkpoint").execute(db);
    steps.push({ statement: "checkpoint", done: true });
  } catch (error) {
    const { code, message } = errorFacts(error);
    if (code !== "42501") throw error;
    steps.push({
      statement: "checkpoint",
      done: false,
      note: {
        zh: `无权执行 CHECKPOINT（需超级用户或 pg_checkpoint 角色），由服务器在 checkpoint_timeout 内自行完成：${message}`,
        en: `not permitted to CHECKPOINT (needs a superuser or the pg_checkpoint role); the server's own checkpoint does it within checkpoint_timeout: ${message}`,
      },
    });
  }
  return { store: name, dialect: "postgres", complete: steps.every((s) => s.done), tables: [...purgedTables], steps };
};

/**
 * MariaDB/MySQL: `OPTIMIZE TABLE` of each table, which InnoDB does as a rebuild
 * (`ALTER TABLE … FORCE`: a new tablespace file, the old one deleted) and reports
 * row by row. A table in the shared system tablespace (`innodb_file_per_table`
 * off) is rebuilt inside that file, whose freed pages keep their bytes: the step
 * is then not done.
 */
const reclaimMysql = (store: SqlStore, lockTimeoutMs: number): Promise<ReclaimReport> =>
  // One connection, so that its lock wait timeout (whole seconds) holds for every statement.
  store.db.connection().execute(async (db) => {
    await sql.raw(`set session lock_wait_timeout = ${Math.max(1, Math.ceil(lockTimeoutMs / 1000))}`).execute(db);
    try {
      return await reclaimMysqlOn(db, store.name);
    } finally {
      await sql.raw("set session lock_wait_timeout = default").execute(db).catch(() => undefined);
    }
  });

const reclaimMysqlOn = async (db: Kysely<Database>, name: string): Promise<ReclaimReport> => {
  const steps: Array<ReclaimStep> = [];
  const setting = await sql<{ perTable: number | string }>`select @@innodb_file_per_table as perTable`.execute(db);
  const perTable = Number(setting.rows[0]?.perTable ?? 1) === 1;
  for (const table of purgedTables) {
    const statement = `optimize table ${table}`;
    const { rows } = await sql.raw<{ Msg_type: string; Msg_text: string }>(statement).execute(db);
    const said = rows.map((r) => `${r.Msg_type}: ${r.Msg_text}`).join("; ");
    const failed = rows.some((r) => r.Msg_type.toLowerCase() === "error") || !rows.some((r) => r.Msg_type.toLowerCase() === "status" && r.Msg_text === "OK");
    // OPTIMIZE reports its errors as rows: a lock it waited for in vain is `busy`.
    if (failed) throw new SqlStoreError(/lock wait timeout|deadlock/i.test(said) ? "busy" : "failed", name, { detail: same(`${statement}: ${said}`) });
    steps.push(
      perTable
        ? { statement, done: true, note: same(said) }
        : {
            statement,
            done: false,
            note: {
              zh: `innodb_file_per_table 未开启：表在系统表空间中重建，其释放的页仍保留旧数据（${said}）`,
              en: `innodb_file_per_table is off: the table was rebuilt inside the system tablespace, whose freed pages keep the old bytes (${said})`,
            },
          },
    );
  }
  return { store: name, dialect: "mysql", complete: steps.every((s) => s.done), tables: [...purgedTables], steps };
};

/**
 * Makes the database rewrite the files that still hold erased rows' old bytes,
 * after `ledger.purgeExpired` erased someone: a purge removes the name and blind
 * index from the person row and deletes the person's data key, but the database
 * keeps the row's old version in its files until it reuses the space (PIPL art. 47
 * wants the data to end with its basis). Per dialect:
 * - SQLite file: `pragma wal_checkpoint(TRUNCATE)`, `VACUUM`, and the checkpoint
 *   again, so the file holds no free page and the WAL is empty (a store in
 *   memory is `skipped`; a read-only one is refused as `read-only`);
 * - PostgreSQL: `VACUUM FULL` of the person and person-key tables (plain VACUUM
 *   can leave a dead tuple's bytes in its page), then `CHECKPOINT`;
 * - MariaDB/MySQL: `OPTIMIZE TABLE` of the same tables (InnoDB rebuilds them).
 *
 * Run it outside any transaction of the store, when no long transaction of
 * another session is open (PostgreSQL and SQLite keep what an open reader may
 * still see: the report is then not `complete`, and says why; a session holding
 * a lock on a server table makes it wait up to `lockTimeoutMs`, then fail as
 * `busy`). Nothing it reports as not done is lost: run it again. It rewrites the
 * SQLite file whole and locks the two tables on a server while it copies them:
 * a purge's moment, not every request's. The server's WAL or redo log, its
 * archives, replicas' own logs and backups keep older copies until they expire
 * or are overwritten; rotating the key-encryption key after a purge shreds the
 * sealed fields in those too.
 *
 * @example
 * ```ts
 * import { reclaimErasedSpace, sqliteStore } from "@tiaojie/store-kysely";
 *
 * const store = await sqliteStore({ file: "ledger.db" });
 * const purged = await ledger.purgeExpired(coordinator);
 * if (purged.ok && purged.value.erased.length > 0) {
 *   const r = await reclaimErasedSpace(store);
 *   if (r.ok) console.log(r.value.complete, r.value.sqlite?.after.wal); // true 0
 *   else console.error(r.error.text.en);
 * }
 * ```
 * @since 0.5.0
 */
export const reclaimErasedSpace = async (store: SqlStore, options: ReclaimOptions = {}): Promise<ReclaimResult> => {
  const kind = kindOf(store.db);
  if (kind === undefined) {
    return { ok: false, error: new SqlStoreError("misuse", store.name, { detail: { zh: "不是本包的 SQLite、PostgreSQL 或 MySQL 存储", en: "not a SQLite, PostgreSQL or MySQL store of this package" } }) };
  }
  try {
    const lockTimeoutMs = Math.max(1, Math.floor(options.lockTimeoutMs ?? 10_000));
    const report = kind === "sqlite" ? await reclaimSqlite(store) : kind === "postgres" ? await reclaimPostgres(store, lockTimeoutMs) : await reclaimMysql(store, lockTimeoutMs);
    return { ok: true, value: report };
  } catch (error) {
    return { ok: false, error: asStoreError(error, store.name, dialects[kind].classify) };
  }
};
