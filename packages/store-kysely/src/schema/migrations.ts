import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { SqlDialect } from "../shared/sql-dialect.js";
import { SqlStoreError, asStoreError } from "../shared/store-errors.js";
import { type Database, type TableName, tables } from "./tables.js";

// The store's migrations ship as code: Kysely's Migrator reads them from this
// module, never from a folder at run time, and keeps its bookkeeping in tables
// named for the library. Each step is small and safe to run again (only
// PostgreSQL runs DDL inside a transaction, so a step interrupted elsewhere must
// be able to finish on the next open): tables and indexes are created only when
// absent.
//
// A step that only one dialect needs is listed only for that dialect (the
// dialect says so by offering what the step calls), so a database of another
// dialect stays openable by the version before.

/** The name of the table where the Migrator records the steps it ran. */
export const migrationTableName = "tiaojie_migration";
/** The name of the Migrator's lock table. */
export const migrationLockTableName = "tiaojie_migration_lock";

/**
 * What a dialect may offer the migrations besides its {@link SqlDialect}
 * declarations: its spelling for the server at hand (MySQL and MariaDB name
 * their collations differently), and how to re-declare the text columns an
 * earlier version declared otherwise.
 * @since 0.5.0
 */
export interface MigratingDialect extends SqlDialect {
  /**
   * The dialect as spelled for the server `db` reaches; rejects, with a
   * {@link SqlStoreError}, a server on which the store cannot keep its contract.
   * Absent: the dialect is spelled the same everywhere.
   */
  readonly onServer?: (db: Kysely<Database>, store: string) => Promise<MigratingDialect>;
  /**
   * Brings the text columns (and table defaults) of a database made by an
   * earlier version to the dialect's declarations, touching only what differs.
   * MySQL and MariaDB: from `utf8mb4_bin` (PAD SPACE) to a NO PAD collation.
   */
  readonly redeclareText?: (db: Kysely<Database>) => Promise<void>;
}

const forServer = async (dialect: MigratingDialect, db: Kysely<Database>): Promise<MigratingDialect> =>
  dialect.onServer === undefined ? dialect : dialect.onServer(db, dialect.name);

const createTable = async (db: Kysely<Database>, dialect: SqlDialect, name: TableName): Promise<void> => {
  const spec = tables[name];
  let builder = db.schema.createTable(name).ifNotExists();
  for (const [column, c] of Object.entries(spec.columns)) {
    builder = builder.addColumn(column, sql.raw(dialect.columnType(c.kind)), (b) => (c.nullable ? b : b.notNull()));
  }
  builder = builder.addPrimaryKeyConstraint(`${name}_pk`, spec.primaryKey as never);
  if (dialect.tableOptions !== undefined) builder = builder.modifyEnd(sql.raw(dialect.tableOptions));
  await builder.execute();
  for (const [index, columns] of Object.entries(spec.indexes)) await dialect.createIndex(db, index, name, columns);
};

/**
 * The migrations of this version, by name, in order. A name is never reused and
 * a step never changes once released: a later version adds steps.
 */
export const storeMigrations = (dialect: MigratingDialect): Record<string, Migration> => ({
  "0001-ledger-tables": {
    up: async (db) => {
      const spelled = await forServer(dialect, db as Kysely<Database>);
      for (const name of Object.keys(tables) as Array<TableName>) await createTable(db as Kysely<Database>, spelled, name);
    },
    down: async (db) => {
      for (const name of (Object.keys(tables) as Array<TableName>).reverse()) await db.schema.dropTable(name).ifExists().execute();
    },
  },
  // MySQL and MariaDB: ids, codes and bodies in a NO PAD binary collation. Before
  // it they were `utf8mb4_bin`, which ignores trailing spaces: "a" and "a " took
  // one key and matched one filter. A database made since is already right, and
  // the step changes nothing there.
  ...(dialect.redeclareText === undefined
    ? {}
    : {
        "0002-mysql-no-pad-collation": {
          up: async (db) => {
            const spelled = await forServer(dialect, db as Kysely<Database>);
            await spelled.redeclareText?.(db as Kysely<Database>);
          },
        },
      }),
});

/** The steps recorded in the database, or none when it has never been migrated. */
const recordedSteps = async (db: Kysely<Database>): Promise<ReadonlyArray<string>> => {
  const known = await db.introspection.getTables();
  if (!known.some((t) => t.name === migrationTableName)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(migrationTableName)}`.execute(db);
  return rows.rows.map((r) => String(r.name));
};

/**
 * The steps recorded in the database, after checking that this version knows
 * every one of them: a database migrated by a newer version is refused with a
 * {@link SqlStoreError} of kind `schema-newer`. Opening a store with `migrate:
 * false` still checks this, and writes nothing.
 *
 * @example
 * ```ts
 * await refuseNewerSchema(db, sqliteDialect, "sqlite"); // ["0001-ledger-tables"]
 * ```
 * @since 0.4.0
 */
export const refuseNewerSchema = async (db: Kysely<Database>, dialect: MigratingDialect, store: string): Promise<ReadonlyArray<string>> => {
  const migrations = storeMigrations(dialect);
  let recorded: ReadonlyArray<string>;
  try {
    recorded = await recordedSteps(db);
  } catch (error) {
    throw asStoreError(error, store, dialect.classify);
  }
  const unknown = recorded.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new SqlStoreError("schema-newer", store, {
      detail: { zh: `数据库中有本版本未知的迁移：${unknown.join("、")}`, en: `the database holds migrations this version does not know: ${unknown.join(", ")}` },
    });
  }
  return recorded;
};

/**
 * Brings the database to this version's schema. Refuses, with a
 * {@link SqlStoreError} of kind `schema-newer`, a database that holds steps this
 * version does not know (written by a newer version), before changing anything.
 *
 * @example
 * ```ts
 * await migrateStoreSchema(db, sqliteDialect, "sqlite"); // ["0001-ledger-tables"] on a new file
 * ```
 * @since 0.4.0
 */
export const migrateStoreSchema = async (db: Kysely<Database>, dialect: MigratingDialect, store: string): Promise<ReadonlyArray<string>> => {
  const migrations = storeMigrations(dialect);
  const recorded = await refuseNewerSchema(db, dialect, store);
  // Up to date: nothing to run, and nothing written (not even the Migrator's
  // lock), so a read-only database opens too.
  if (Object.keys(migrations).every((name) => recorded.includes(name))) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName,
    migrationLockTableName,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw asStoreError(error, store, dialect.classify);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
};
