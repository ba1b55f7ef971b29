import type { AuditEventRow, Collection, DisputeRow, DivisionCode, LedgerTransaction, RowBase } from "@tiaojie/core";
import fc from "fast-check";
import { type Kysely, Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SqlStore, SqlStoreError, migrationLockTableName, migrationTableName, mysqlDialect, mysqlStore, storeMigrations, tables } from "../index.js";
import type { MigratingDialect } from "../schema/migrations.js";
import type { ColumnKind } from "../schema/tables.js";
import { storeUrl } from "../testing/dialects.js";
import { type FreshDatabase, describeWithServer, freshMysqlDatabase } from "../testing/servers.js";
import { noPadCollationOf } from "./mysql-dialect.js";

// MySQL's and MariaDB's `utf8mb4_bin` is a PAD SPACE collation: it compares
// "a" and "a " as equal, so they took one primary key, one audit chain, and an
// equality filter on one kept the rows of the other. The store now declares its
// text columns in the server's NO PAD binary collation, and a ledger made before
// is converted when it is opened. Here, on a real server: ids that differ only
// by trailing spaces are distinct rows in every collection and distinct chains;
// every equality filter, the dispute counts and `kekIdNot` compare exactly; and a
// ledger made with the old declarations is migrated, keeps its rows and keys, and
// then behaves the same.

const township = "532301110000" as DivisionCode;
const village = "532301110201" as DivisionCode;

type AnyCollection = Collection<RowBase, Record<string, unknown>>;
const collection = (tx: LedgerTransaction, name: CollectionName): AnyCollection => tx[name] as unknown as AnyCollection;

/** A minimal row of each collection: its column fields and some body; `v` varies the filtered fields. */
const rowsOf = {
  disputes: (id: string, v = "") => ({
    id,
    version: 1,
    jurisdiction: village,
    township: `${township}${v}`,
    domain: `neighbourhood${v}`,
    reportedOn: "2026-01-05",
    reportedMonth: `2026-01${v}`,
    settledOn: "2026-01-06",
    status: `registered${v}`,
    level: `blue${v}`,
    priority: `normal${v}`,
    gradeConfirmed: false,
    leadUnit: `u-sfs${v}`,
    parties: [`p-1${v}`],
    dispute: { summary: "邻里纠纷" },
    case: {},
    grading: {},
    route: {},
    measures: [],
  }),
  persons: (id: string, v = "") => ({ id, version: 1, jurisdiction: village, name: "张三", identityIndex: `ab12${v}`, registeredOn: "2026-01-05" }),
  personKeys: (id: string, v = "") => ({ id, version: 1, jurisdiction: village, kekId: `kek-2025${v}`, wrapped: "AAAA" }),
  listings: (id: string, v = "") => ({ id, version: 1, person: `p-1${v}`, jurisdiction: village, responsibleUnit: `u-health${v}`, sealed: "tj1.k1.AAAA.BBBB.CCCC" }),
  tasks: (id: string, v = "") => ({
    id,
    version: 1,
    kind: `grading${v}`,
    jurisdiction: village,
    unit: `u-sfs${v}`,
    dispute: `d-1${v}`,
    listing: `l-1${v}`,
    person: `p-1${v}`,
  }),
  grades: (id: string, v = "") => ({ id, version: 1, dispute: `d-1${v}`, jurisdiction: village, decision: { level: "blue" } }),
  submissions: (id: string, v = "") => ({ id, version: 1, unit: `u-sfs${v}`, jurisdiction: village, deadline: `monthly@2026-01-31${v}`, submittedAt: 1 }),
  hazards: (id: string, v = "") => ({
    id,
    version: 1,
    jurisdiction: village,
    place: "校门",
    hazard: "无护栏",
    responsibleUnit: `u-town${v}`,
    foundOn: "2026-01-05",
    deadline: "2026-02-05",
    status: `open${v}`,
  }),
  idempotency: (id: string, _v = "") => ({ id, version: 1, useCase: "register-dispute", fingerprint: "ab".repeat(32), result: { ok: true }, at: 1 }),
} as const satisfies Record<string, (id: string, v?: string) => RowBase>;

type CollectionName = keyof typeof rowsOf;
const collectionNames = Object.keys(rowsOf) as Array<CollectionName>;

/** Every equality filter over a string field: the collection, the filter, and the row field it reads. */
const equalityFilters: ReadonlyArray<readonly [CollectionName, string, string]> = [
  ["disputes", "township", "township"],
  ["disputes", "domain", "domain"],
  ["disputes", "level", "level"],
  ["disputes", "priority", "priority"],
  ["disputes", "status", "status"],
  ["disputes", "leadUnit", "leadUnit"],
  ["disputes", "reportedMonth", "reportedMonth"],
  ["disputes", "party", "parties"],
  ["persons", "identityIndex", "identityIndex"],
  ["listings", "person", "person"],
  ["listings", "responsibleUnit", "responsibleUnit"],
  ["tasks", "kind", "kind"],
  ["tasks", "dispute", "dispute"],
  ["tasks", "listing", "listing"],
  ["tasks", "person", "person"],
  ["tasks", "unit", "unit"],
  ["grades", "dispute", "dispute"],
  ["submissions", "unit", "unit"],
  ["submissions", "deadline", "deadline"],
  ["hazards", "status", "status"],
  ["hazards", "responsibleUnit", "responsibleUnit"],
];

const event = (chain: string, seq: number, id: string): AuditEventRow =>
  ({
    id,
    chain,
    seq,
    at: 1_767_225_600_000 + seq,
    actor: { officerId: "zx-0001", unit: "u-town", role: "coordinator" },
    action: "register-dispute",
    entity: { kind: "dispute", id: `d-${seq}` },
    fields: [],
    outcome: "done",
    prev: "0".repeat(64),
    hash: `${seq}`.padStart(64, "0"),
  }) as unknown as AuditEventRow;

/** Rolls back what `work` wrote: the property runs leave nothing behind, so any id can come up again. */
const rollback = Symbol("rollback");
const inRolledBack = async (store: SqlStore, work: (tx: LedgerTransaction) => Promise<void>): Promise<void> => {
  const done = await store
    .transact(async (tx) => {
      await work(tx);
      throw rollback;
    })
    .catch((e: unknown) => e);
  if (done !== rollback) throw done;
};

const findIds = async (tx: LedgerTransaction, name: CollectionName, where: Record<string, unknown> = {}): Promise<ReadonlyArray<string>> =>
  (await collection(tx, name).find({ within: township, where, limit: 500 })).rows.map((r) => r.id);

/** What the server's catalog says of one database's tables: columns, tables and keys, by name. */
const catalogOf = async (db: Kysely<unknown>, schema: string) => {
  const names = Object.keys(tables);
  const columns = await sql<Record<string, unknown>>`select table_name as t, column_name as c, ordinal_position as n, column_type as type,
      is_nullable as nullable, character_set_name as charset, collation_name as collation, column_default as dflt
    from information_schema.columns where table_schema = ${schema} and table_name in (${sql.join(names)}) order by t, n`.execute(db);
  const tablesRows = await sql<Record<string, unknown>>`select table_name as t, engine, table_collation as collation
    from information_schema.tables where table_schema = ${schema} and table_name in (${sql.join(names)}) order by t`.execute(db);
  const keys = await sql<Record<string, unknown>>`select table_name as t, index_name as i, seq_in_index as n, column_name as c, non_unique as nu
    from information_schema.statistics where table_schema = ${schema} and table_name in (${sql.join(names)}) order by t, i, n`.execute(db);
  return { columns: columns.rows, tables: tablesRows.rows, keys: keys.rows };
};

/** The text columns of the store's tables and the collation the catalog reports for each. */
const textCollations = (catalog: Awaited<ReturnType<typeof catalogOf>>): ReadonlyArray<string> =>
  catalog.columns.filter((c) => c["collation"] !== null).map((c) => `${String(c["t"])}.${String(c["c"])} ${String(c["collation"])}`);

// What 0.4 declared (the "before" of the migration): utf8mb4_bin everywhere.
const oldColumnTypes: Record<ColumnKind, string> = {
  id: "varchar(255) character set utf8mb4 collate utf8mb4_bin",
  short: "varchar(64) character set utf8mb4 collate utf8mb4_bin",
  json: "longtext",
  bytes: "longblob",
  int: "int",
};
const oldTableOptions = "engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin";

describe("a server without a NO PAD binary collation", () => {
  it("is refused with misuse naming its version (MySQL 5.7, MySQL 8.0 before 8.0.17); MariaDB's collation is chosen over MySQL's", () => {
    const refused = (() => {
      try {
        return noPadCollationOf(["utf8mb4_bin", "utf8mb4_general_ci", "utf8mb4_unicode_ci"], "5.7.44-log", "ledger");
      } catch (e) {
        return e;
      }
    })();
    expect(refused, "MySQL 5.7").toBeInstanceOf(SqlStoreError);
    const e = refused as SqlStoreError;
    expect(e.kind).toBe("misuse");
    expect(e.store).toBe("ledger");
    expect(e.text.en, "the English message names the version").toContain("5.7.44-log");
    expect(e.text.zh, "the Chinese message names the version").toContain("5.7.44-log");
    expect(e.text.en, "and what to use instead").toContain("MySQL 8.0.17");
    expect(() => noPadCollationOf(["utf8mb4_bin"], "8.0.16", "ledger"), "MySQL 8.0.16").toThrow(/8\.0\.16/);
    expect(noPadCollationOf(["utf8mb4_bin", "utf8mb4_0900_bin"], "8.0.36", "ledger"), "MySQL 8.0.36").toBe("utf8mb4_0900_bin");
    expect(noPadCollationOf(["utf8mb4_0900_bin", "utf8mb4_nopad_bin"], "11.8.2-MariaDB", "ledger"), "MariaDB with both").toBe("utf8mb4_nopad_bin");
    console.log("trailing spaces: a server with only utf8mb4_bin (5.7.44, 8.0.16) refused as misuse; 8.0.36 gets utf8mb4_0900_bin, MariaDB utf8mb4_nopad_bin");
  });
});

await describeWithServer("mysql", "trailing spaces on MySQL/MariaDB", () => {
  let fresh: FreshDatabase;
  let store: SqlStore;
  let server = "";
  let expected = "";

  beforeAll(async () => {
    fresh = await freshMysqlDatabase();
    store = await mysqlStore({ uri: storeUrl("mysql", fresh), poolSize: 2 });
    server = String((await sql<{ v: string }>`select version() as v`.execute(store.db)).rows[0]?.v);
    expected = /mariadb/i.test(server) ? "utf8mb4_nopad_bin" : "utf8mb4_0900_bin";
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await fresh?.drop();
  }, 60_000);

  it("a new ledger declares every text column and table in the server's NO PAD collation, and records both migration steps", async () => {
    const catalog = await catalogOf(store.db as never, fresh.database);
    const text = textCollations(catalog);
    expect(text.length, "text columns of the store's tables").toBeGreaterThan(Object.keys(tables).length);
    expect(
      text.filter((c) => !c.endsWith(` ${expected}`)),
      `text columns not in ${expected}`,
    ).toEqual([]);
    expect(catalog.tables.map((t) => t["collation"]), "table defaults").toEqual(catalog.tables.map(() => expected));
    const steps = await sql<{ name: string }>`select name from ${sql.table(migrationTableName)} order by name`.execute(store.db);
    expect(steps.rows.map((r) => r.name)).toEqual(["0001-ledger-tables", "0002-mysql-no-pad-collation"]);
    console.log(`trailing spaces [${server}]: new ledger: ${text.length} text columns and ${catalog.tables.length} tables in ${expected}`);
  });

  it("ids that differ only by trailing spaces are distinct rows in every collection: both insert as done and come back verbatim from get and find", async () => {
    let pairs = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 24 }), fc.integer({ min: 1, max: 3 }), async (stem, pad) => {
        const ids = [stem, `${stem}${" ".repeat(pad)}`] as const;
        await inRolledBack(store, async (tx) => {
          for (const name of collectionNames) {
            const c = collection(tx, name);
            const rows = ids.map((id) => rowsOf[name](id) as RowBase);
            for (const row of rows) expect(await c.insert(structuredClone(row)), `${name}: insert of ${JSON.stringify(row.id)}`).toBe("done");
            for (const row of rows) expect(await c.get(row.id), `${name}: get of ${JSON.stringify(row.id)}`).toStrictEqual(row);
            if (name !== "idempotency") {
              const found = (await collection(tx, name).find({ within: township, limit: 500 })).rows;
              expect(found, `${name}: find returns both rows, each as written`).toStrictEqual(rows);
            }
            pairs++;
          }
        });
      }),
      { numRuns: 6, examples: [["", 1], ["--", 1], ["a", 2]] },
    );
    console.log(`trailing spaces [${server}]: ${pairs} id pairs over ${collectionNames.length} collections inserted as 2 distinct rows each, 0 collisions`);
  });

  it("the same id with and without trailing spaces can be updated and removed on its own", async () => {
    await inRolledBack(store, async (tx) => {
      for (const name of collectionNames) {
        const c = collection(tx, name);
        await c.insert(rowsOf[name]("u") as RowBase);
        await c.insert(rowsOf[name]("u ") as RowBase);
        const next = { ...(rowsOf[name]("u ") as RowBase), version: 2 };
        expect(await c.update(next, 1), `${name}: update of "u "`).toBe("done");
        expect((await c.get("u"))?.version, `${name}: "u" is untouched by the update of "u "`).toBe(1);
        expect(await c.remove("u", 1), `${name}: remove of "u"`).toBe("done");
        expect(await c.get("u"), `${name}: "u" is gone`).toBeUndefined();
        expect(await c.get("u "), `${name}: "u " stays`).toStrictEqual(next);
      }
    });
    console.log(`trailing spaces [${server}]: ${collectionNames.length} collections: update and remove of "u" and "u " each touched one row`);
  });

  it("an audit chain whose name differs by trailing spaces is a chain of its own: its first event appends as done, and each chain lists only its events", async () => {
    let chains = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 24 }), fc.integer({ min: 1, max: 3 }), async (stem, pad) => {
        const other = `${stem}${" ".repeat(pad)}`;
        await inRolledBack(store, async (tx) => {
          const mine = [event(stem, 1, "e-1"), event(stem, 2, "e-2")];
          for (const e of mine) expect(await tx.audit.append(structuredClone(e)), `append ${e.seq} to ${JSON.stringify(stem)}`).toBe("done");
          const theirs = event(other, 1, "e-3");
          expect(await tx.audit.append(structuredClone(theirs)), `append 1 to ${JSON.stringify(other)}`).toBe("done");
          expect(await tx.audit.head(other), `head of ${JSON.stringify(other)}`).toEqual({ seq: 1, hash: theirs.hash });
          expect(await tx.audit.head(stem), `head of ${JSON.stringify(stem)}`).toEqual({ seq: 2, hash: mine[1]!.hash });
          expect(await tx.audit.list(other, 0, 10), `events of ${JSON.stringify(other)}`).toStrictEqual([theirs]);
          expect(await tx.audit.list(stem, 0, 10), `events of ${JSON.stringify(stem)}`).toStrictEqual(mine);
          expect(await tx.audit.chains(), "both chains").toEqual([stem, other].sort());
          chains += 2;
        });
      }),
      { numRuns: 8, examples: [["x", 1], ["", 1], ["--", 1]] },
    );
    console.log(`trailing spaces [${server}]: ${chains} audit chains in pairs differing by trailing spaces, each its own`);
  });

  it('every equality filter of every collection keeps only its exact value: township "532301110000 " keeps no row of "532301110000", and back', async () => {
    let queries = 0;
    let overMatches = 0;
    let missed = 0;
    await inRolledBack(store, async (tx) => {
      const suffixes = ["", " ", "  "];
      for (const name of new Set(equalityFilters.map(([n]) => n))) {
        for (const [i, v] of suffixes.entries()) await collection(tx, name).insert(rowsOf[name](`f-${i}`, v) as RowBase);
      }
      for (const [name, filter, field] of equalityFilters) {
        const rows = suffixes.map((v, i) => rowsOf[name](`f-${i}`, v) as unknown as Record<string, unknown>);
        const valueOf = (row: Record<string, unknown>): string => {
          const value = row[field];
          return String(Array.isArray(value) ? value[0] : value);
        };
        for (const row of rows) {
          const value = valueOf(row);
          const want = rows.filter((r) => valueOf(r) === value).map((r) => String(r["id"]));
          for (const where of [{ [filter]: value }, { [filter]: [value] }]) {
            const got = await findIds(tx, name, where);
            queries++;
            overMatches += got.filter((id) => !want.includes(id)).length;
            missed += want.filter((id) => !got.includes(id)).length;
            expect(got, `${name} where ${JSON.stringify(where)}`).toEqual(want);
          }
        }
      }
    });
    console.log(`trailing spaces [${server}]: ${equalityFilters.length} equality filters, ${queries} finds: ${overMatches} rows kept that differ by trailing spaces, ${missed} missed`);
  });

  it('disputeCounts with township "532301110000 " counts only the disputes of that exact code', async () => {
    await inRolledBack(store, async (tx) => {
      // Disputes alike in every grouped column, told apart by the township alone:
      // a PAD SPACE comparison would count all six for each of the three codes.
      const counts = { "": 3, " ": 2, "  ": 1 } as const;
      for (const [v, n] of Object.entries(counts)) {
        for (let i = 0; i < n; i++) await tx.disputes.insert({ ...rowsOf.disputes(`c-${v.length}-${i}`), township: `${township}${v}` } as unknown as DisputeRow);
      }
      for (const [v, n] of Object.entries(counts)) {
        const code = `${township}${v}`;
        const groups = await tx.disputeCounts!({ within: township, where: { township: code as DivisionCode } });
        expect(groups.map((g) => g.count), `groups of the disputes of township ${JSON.stringify(code)}`).toEqual([n]);
        const listed = await findIds(tx, "disputes", { township: code });
        expect(listed, `find of township ${JSON.stringify(code)} (what the count must agree with)`).toHaveLength(n);
        console.log(`trailing spaces [${server}]: disputeCounts township ${JSON.stringify(code)}: ${groups.map((g) => g.count).join("+")} (its own rows: ${n}, all rows: 6)`);
      }
    });
  });

  it('kekIdNot "kek-2025 " keeps the keys wrapped by "kek-2025", and kekIdNot "kek-2025" keeps those of "kek-2025 "', async () => {
    await inRolledBack(store, async (tx) => {
      for (const [i, v] of ["", "", " ", "  "].entries()) await tx.personKeys.insert(rowsOf.personKeys(`k-${i}`, v) as never);
      const kept = async (kekIdNot: string) => (await tx.personKeys.find({ within: township, where: { kekIdNot }, limit: 500 })).rows.map((r) => r.id);
      expect(await kept("kek-2025 "), 'kekIdNot "kek-2025 "').toEqual(["k-0", "k-1", "k-3"]);
      expect(await kept("kek-2025"), 'kekIdNot "kek-2025"').toEqual(["k-2", "k-3"]);
      expect(await kept("kek-2025  "), 'kekIdNot "kek-2025  "').toEqual(["k-0", "k-1", "k-2"]);
      console.log(`trailing spaces [${server}]: kekIdNot over 4 keys of 3 kek ids differing by trailing spaces: each kept exactly the others`);
    });
  });

  describe("a ledger made before, with utf8mb4_bin", () => {
    let old: FreshDatabase;
    let before: Awaited<ReturnType<typeof catalogOf>>;
    let collidedBefore: string;
    let ran: ReadonlyArray<string>;
    let migrated: SqlStore;
    const original = rowsOf.disputes("a") as unknown as DisputeRow;
    const firstEvent = event("x", 1, "e-old");

    beforeAll(async () => {
      old = await freshMysqlDatabase();
      const url = storeUrl("mysql", old);
      // The old schema, as 0.4 made it: step 0001 with the old declarations,
      // recorded in the library's migration table.
      const { onServer: _onServer, redeclareText: _redeclare, ...now } = mysqlDialect;
      const oldDialect: MigratingDialect = { ...now, columnType: (kind) => oldColumnTypes[kind], tableOptions: oldTableOptions };
      const bare = await mysqlStore({ uri: url, poolSize: 1, migrate: false });
      const migrator = new Migrator({ db: bare.db, provider: { getMigrations: async () => storeMigrations(oldDialect) }, migrationTableName, migrationLockTableName });
      const made = await migrator.migrateToLatest();
      if (made.error !== undefined) throw made.error;
      await bare.close();
      // Rows written by the old version, and what the old schema did with "a ".
      const v04 = await mysqlStore({ uri: url, poolSize: 1, migrate: false });
      before = await catalogOf(v04.db as never, old.database);
      collidedBefore = await v04.transact(async (tx) => {
        expect(await tx.disputes.insert(structuredClone(original))).toBe("done");
        expect(await tx.audit.append(structuredClone(firstEvent))).toBe("done");
        return tx.disputes.insert(rowsOf.disputes("a ") as unknown as DisputeRow);
      });
      await v04.close();
      // This version opens it (migrate: false, then migrate, to see the steps run).
      migrated = await mysqlStore({ uri: url, poolSize: 2, migrate: false });
      ran = await migrated.migrate();
    }, 60_000);
    afterAll(async () => {
      await migrated?.close();
      await old?.drop();
    }, 60_000);

    it("the old schema took \"a \" for \"a\" (the simulation reproduces the bug); opening it runs 0002-mysql-no-pad-collation, once", async () => {
      expect(textCollations(before).every((c) => c.endsWith(" utf8mb4_bin")), "every text column was utf8mb4_bin").toBe(true);
      expect(collidedBefore, 'insert of "a " beside "a" before the migration').toBe("exists");
      expect(ran, "the steps the migration ran").toEqual(["0002-mysql-no-pad-collation"]);
      expect(await migrated.migrate(), "a second run has nothing to do").toEqual([]);
      console.log(`trailing spaces [${server}]: old ledger: insert of "a " beside "a" was ${collidedBefore}; opening ran ${ran.join(", ")}`);
    });

    it("the migrated schema is the new one: every column (type, nullability, charset, collation, default), table and key equals a new ledger's", async () => {
      const after = await catalogOf(migrated.db as never, old.database);
      const now = await catalogOf(store.db as never, fresh.database);
      expect(after.columns, "columns").toEqual(now.columns);
      expect(after.tables, "tables").toEqual(now.tables);
      expect(after.keys, "primary keys and indexes").toEqual(now.keys);
      expect(after.keys, "and the keys are those made before").toEqual(before.keys);
      expect(textCollations(after).filter((c) => !c.endsWith(` ${expected}`)), `columns not in ${expected}`).toEqual([]);
      // The step again, over its own result: nothing differs, nothing is altered.
      await storeMigrations(mysqlDialect)["0002-mysql-no-pad-collation"]!.up(migrated.db as never);
      expect(await catalogOf(migrated.db as never, old.database), "after running the step again").toEqual(after);
      console.log(`trailing spaces [${server}]: migrated: ${textCollations(after).length} text columns now ${expected}, ${after.keys.length} key columns kept`);
    });

    it('rows written before are kept verbatim, and "a " and chain "x " are then their own', async () => {
      await migrated.transact(async (tx) => {
        expect(await tx.disputes.get("a"), '"a" as written before').toStrictEqual(original);
        expect(await tx.disputes.insert(rowsOf.disputes("a ") as unknown as DisputeRow), 'insert of "a "').toBe("done");
        expect(await tx.disputes.get("a "), '"a "').toStrictEqual(rowsOf.disputes("a "));
        expect(await tx.disputes.get("a"), '"a" still').toStrictEqual(original);
        expect(await tx.audit.append(event("x ", 1, "e-new")), 'first event of chain "x "').toBe("done");
        expect(await tx.audit.list("x", 0, 10), 'chain "x" as before').toStrictEqual([firstEvent]);
        expect(await tx.audit.chains()).toEqual(["x", "x "]);
        expect(await findIds(tx, "disputes", { township: `${township} ` }), "a filter on a code with a trailing space").toEqual([]);
      });
      console.log(`trailing spaces [${server}]: migrated ledger: "a" kept verbatim, "a " inserted beside it, chain "x " its own`);
    });
  });
});
