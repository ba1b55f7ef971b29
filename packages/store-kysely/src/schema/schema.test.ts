import { type Kysely, Migrator, sql } from "kysely";
import { expect, it } from "vitest";
import { type Database, SqlStoreError, type SqlStore, migrationLockTableName, migrationTableName, storeMigrations, tables } from "../index.js";
import { forEachDialect } from "../testing/dialects.js";
import type { ColumnKind } from "./tables.js";

// The schema as each database reports it equals the one description the
// `Database` type is derived from; the migrations are the package's own, in
// library-named tables, safe to run again, and a database written by a newer
// version is refused before anything changes.

/** The type name each database reports for a column of each kind. */
const reportedType: Record<"sqlite" | "postgres" | "mysql", Record<ColumnKind, string>> = {
  sqlite: { id: "text", short: "text", json: "text", bytes: "blob", int: "integer" },
  postgres: { id: "varchar", short: "varchar", json: "text", bytes: "bytea", int: "int4" },
  mysql: { id: "varchar", short: "varchar", json: "longtext", bytes: "longblob", int: "int" },
};

/** The secondary indexes of a table and their columns, from each database's catalog. */
const indexesOf = async (store: SqlStore, dialect: "sqlite" | "postgres" | "mysql", table: string): Promise<Record<string, ReadonlyArray<string>>> => {
  const db = store.db as unknown as Kysely<unknown>;
  const out: Record<string, Array<string>> = {};
  if (dialect === "sqlite") {
    const list = await sql<{ name: string; origin: string }>`select name, origin from pragma_index_list(${table})`.execute(db);
    for (const i of list.rows.filter((r) => r.origin === "c")) {
      const cols = await sql<{ name: string }>`select name from pragma_index_info(${i.name}) order by seqno`.execute(db);
      out[i.name] = cols.rows.map((c) => c.name);
    }
  } else if (dialect === "postgres") {
    const rows = await sql<{ index: string; column: string }>`
      select i.relname as index, a.attname as column
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join lateral unnest(x.indkey) with ordinality as k(attnum, n) on true
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where t.relname = ${table} and not x.indisprimary order by i.relname, k.n`.execute(db);
    for (const r of rows.rows) (out[r.index] ??= []).push(r.column);
  } else {
    const rows = await sql<{ index: string; column: string }>`
      select index_name as \`index\`, column_name as \`column\` from information_schema.statistics
      where table_schema = database() and table_name = ${table} and index_name <> 'PRIMARY' order by index_name, seq_in_index`.execute(db);
    for (const r of rows.rows) (out[r.index] ??= []).push(r.column);
  }
  return out;
};

await forEachDialect("schema", (d) => {
  it("every table, column, type, nullability and index is the one described in tables.ts", async () => {
    const store = await d.open();
    try {
      const reported = await store.db.introspection.getTables();
      const ours = reported.filter((t) => t.name in tables);
      expect(ours.map((t) => t.name).sort(), "the store's tables").toEqual(Object.keys(tables).sort());
      for (const t of ours) {
        const spec = tables[t.name as keyof Database];
        expect(
          t.columns.map((c) => ({ name: c.name, type: c.dataType.toLowerCase(), nullable: c.isNullable, generated: c.isAutoIncrementing })),
          `${t.name}: columns as ${d.name} reports them`,
        ).toEqual(Object.entries(spec.columns).map(([name, c]) => ({ name, type: reportedType[d.dialect][c.kind], nullable: c.nullable, generated: false })));
        expect(await indexesOf(store, d.dialect, t.name), `${t.name}: secondary indexes`).toEqual(spec.indexes);
      }
    } finally {
      await store.close();
    }
  });

  it("migrations are recorded in the library's own tables, and opening again runs none and changes nothing", async () => {
    const first = await d.open();
    const names = (await first.db.introspection.getTables()).map((t) => t.name);
    expect(names, "the Migrator's tables are named for the library").toEqual(expect.arrayContaining([migrationTableName, migrationLockTableName]));
    expect(names, "no table of Kysely's default name is made").not.toContain("kysely_migration");
    expect(await first.migrate(), "a second migration run has nothing to do").toEqual([]);
    await first.close();
    const again = await d.open();
    expect(await again.migrate(), "nor after reopening").toEqual([]);
    await again.close();
  });

  it("each migration step can run again over its own result without error (safe to re-run without transactional DDL)", async () => {
    const store = await d.open();
    try {
      const steps = storeMigrations((await import("../index.js"))[`${d.dialect}Dialect`]);
      for (const step of Object.values(steps)) await step.up(store.db as unknown as Kysely<unknown>);
      expect((await store.db.introspection.getTables()).filter((t) => t.name in tables)).toHaveLength(Object.keys(tables).length);
    } finally {
      await store.close();
    }
  });

  it("a host application's own Kysely migrations live beside the store's without a clash", async () => {
    const store = await d.open();
    try {
      const host = new Migrator({
        db: store.db as unknown as Kysely<unknown>,
        provider: { getMigrations: async () => ({ "0001-host": { up: async (db) => void (await db.schema.createTable("host_note").ifNotExists().addColumn("id", "varchar(40)", (c) => c.primaryKey()).execute()) } }) },
      });
      const ran = await host.migrateToLatest();
      expect(ran.error, "the host's migration").toBeUndefined();
      expect(await store.migrate(), "the store's migrations are unaffected").toEqual([]);
      await store.db.schema.dropTable("host_note").ifExists().execute();
      await store.db.schema.dropTable("kysely_migration").ifExists().execute();
      await store.db.schema.dropTable("kysely_migration_lock").ifExists().execute();
    } finally {
      await store.close();
    }
  });

  it("a database migrated by a newer version is refused with schema-newer, naming the step, before anything changes", async () => {
    const store = await d.open();
    const db = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    try {
      await db.insertInto(migrationTableName).values({ name: "9999-from-the-future", timestamp: new Date().toISOString() }).execute();
      const before = await store.raw.snapshot();
      const refused = await store.migrate().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused, "migrating a newer database").toBeInstanceOf(SqlStoreError);
      const e = refused as SqlStoreError;
      expect(e.kind).toBe("schema-newer");
      expect(e.text.zh, "the Chinese message names the step").toContain("9999-from-the-future");
      expect(e.text.en, "the English message names the step").toContain("9999-from-the-future");
      expect(await store.raw.snapshot(), "nothing changed").toEqual(before);
      if (d.name !== "sqlite :memory:") {
        const opened = await d.open().then(
          async (s) => {
            await s.close();
            return undefined;
          },
          (e: unknown) => e,
        );
        expect((opened as SqlStoreError | undefined)?.kind, "opening the newer database is refused too").toBe("schema-newer");
        const unmigrated = await d.open({ migrate: false }).then(
          async (s) => {
            await s.close();
            return undefined;
          },
          (e: unknown) => e,
        );
        expect((unmigrated as SqlStoreError | undefined)?.kind, "also when opened with migrate: false").toBe("schema-newer");
      }
    } finally {
      await db.deleteFrom(migrationTableName).where("name", "=", "9999-from-the-future").execute();
      await store.close();
    }
  });
});
