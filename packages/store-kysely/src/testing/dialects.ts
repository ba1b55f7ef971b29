import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe } from "vitest";
import { type SqlStore, type SqlStoreOptions, mysqlStore, postgresStore, sqliteStore, tables } from "../index.js";
import { type FreshDatabase, describeWithServer, freshMysqlDatabase, freshPostgresDatabase } from "./servers.js";
import type { ServerSettings } from "./server-settings.js";

// Every dialect under test, the way Kysely tests itself: one body of tests runs
// once per dialect, on a real database of its own. SQLite runs in memory and on
// a file; PostgreSQL and MariaDB each get a fresh database for the run (dropped
// after), and a missing server is a failure under CI=true and a visible "not
// run" otherwise (see servers.ts).

/** One dialect's store as the tests open it. */
export interface DialectUnderTest {
  readonly name: string;
  readonly dialect: "sqlite" | "postgres" | "mysql";
  /** Opens a store on this run's database, migrated unless told otherwise. */
  readonly open: (options?: SqlStoreOptions) => Promise<SqlStore>;
  /** Opens a store on this run's database with every table emptied (for the kit). */
  readonly openEmpty: () => Promise<SqlStore>;
  /** Where the server dialects connect; absent for SQLite. */
  readonly server?: FreshDatabase | undefined;
}

const emptyTables = async (store: SqlStore): Promise<SqlStore> => {
  for (const table of Object.keys(tables)) await store.db.deleteFrom(table as never).execute();
  return store;
};

/** The URL of a server database for the dialect's store. */
export const storeUrl = (dialect: "postgres" | "mysql", s: ServerSettings): string =>
  `${dialect}://${encodeURIComponent(s.user)}${s.password === "" ? "" : `:${encodeURIComponent(s.password)}`}@${s.host}:${s.port}/${s.database}`;

const serverDialect = async (dialect: "postgres" | "mysql", title: string, body: (d: DialectUnderTest) => void): Promise<void> => {
  await describeWithServer(dialect, title, () => {
    // The run's database is made on first use, not in a beforeAll: the kit opens a
    // store while vitest collects the tests (to see what the store offers).
    let server: FreshDatabase | undefined;
    let made: Promise<FreshDatabase> | undefined;
    const connect = (s: FreshDatabase, options: SqlStoreOptions): Promise<SqlStore> => {
      const url = storeUrl(dialect, s);
      return dialect === "postgres" ? postgresStore({ connectionString: url, poolSize: 4, ...options }) : mysqlStore({ uri: url, poolSize: 4, ...options });
    };
    const ensure = (): Promise<FreshDatabase> =>
      (made ??= (async () => {
        const fresh = dialect === "postgres" ? await freshPostgresDatabase() : await freshMysqlDatabase();
        await (await connect(fresh, {})).close();
        server = fresh;
        return fresh;
      })());
    const d: DialectUnderTest = {
      name: dialect === "postgres" ? "postgres" : "mariadb",
      dialect,
      get server() {
        return server;
      },
      open: async (options = {}) => connect(await ensure(), options),
      openEmpty: async () => emptyTables(await d.open({ migrate: false })),
    };
    afterAll(async () => (made === undefined ? undefined : (await made).drop()), 60_000);
    body(d);
  });
};

/**
 * Runs `body` once for each dialect: SQLite in memory, SQLite on a file,
 * PostgreSQL and MariaDB (each inside a `describe` titled with the dialect).
 */
export const forEachDialect = async (title: string, body: (d: DialectUnderTest) => void): Promise<void> => {
  describe(`${title} · sqlite :memory:`, () => {
    body({
      name: "sqlite :memory:",
      dialect: "sqlite",
      open: (options = {}) => sqliteStore({ file: ":memory:", ...options }),
      openEmpty: () => sqliteStore({ file: ":memory:" }),
    });
  });
  describe(`${title} · sqlite file`, () => {
    const dir = mkdtempSync(join(tmpdir(), "tiaojie-sqlite-"));
    const file = join(dir, "ledger.db");
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const d: DialectUnderTest = {
      name: "sqlite file",
      dialect: "sqlite",
      open: (options = {}) => sqliteStore({ file, ...options }),
      openEmpty: async () => emptyTables(await d.open()),
    };
    body(d);
  });
  await serverDialect("postgres", `${title} · postgres`, body);
  await serverDialect("mysql", `${title} · mariadb`, body);
};

/** Runs `body` once for PostgreSQL and once for MariaDB (the server dialects). */
export const forEachServerDialect = async (title: string, body: (d: DialectUnderTest) => void): Promise<void> => {
  await serverDialect("postgres", `${title} · postgres`, body);
  await serverDialect("mysql", `${title} · mariadb`, body);
};
