import { fc, test } from "@fast-check/vitest";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./pg-standby.js";
import {
  type FreshDatabase,
  type ServerSettings,
  describeWithServer,
  freshMysqlDatabase,
  freshPostgresDatabase,
  serverGate,
  serverSettings,
  suitePlan,
} from "./servers.js";

describe("serverSettings", () => {
  it("gives the CI servers when no URL is set", () => {
    expect(serverSettings("postgres", {})).toEqual({ host: "127.0.0.1", port: 5432, user: "postgres", password: "", database: "test" });
    expect(serverSettings("mysql", { TIAOJIE_MYSQL_URL: "" })).toEqual({ host: "127.0.0.1", port: 3306, user: "root", password: "", database: "test" });
  });

  it("keeps the defaults for the parts a URL leaves out", () => {
    expect(serverSettings("postgres", { TIAOJIE_PG_URL: "postgresql://db.internal" })).toEqual({
      host: "db.internal",
      port: 5432,
      user: "postgres",
      password: "",
      database: "test",
    });
    expect(serverSettings("mysql", { TIAOJIE_MYSQL_URL: "mariadb://[::1]:3307/" })).toMatchObject({ host: "::1", port: 3307, database: "test" });
  });

  it("names the variable when its URL cannot be read or has another protocol", () => {
    expect(() => serverSettings("postgres", { TIAOJIE_PG_URL: "not a url" })).toThrow(/TIAOJIE_PG_URL is not a URL/);
    expect(() => serverSettings("mysql", { TIAOJIE_MYSQL_URL: "postgres://x/y" })).toThrow(/TIAOJIE_MYSQL_URL must start with mysql:/);
  });

  const part = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(..."abcXYZ019_-.@:/?#% 调解") });
  // A URL path cannot hold a segment that is only "." or ".." (URL parsing removes it).
  const databaseName = part.filter((name) => name !== "." && name !== "..");
  test.prop([fc.constantFrom("postgres" as const, "mysql" as const), part, part, databaseName, fc.integer({ min: 1, max: 65_535 })], { numRuns: 100 })(
    "reads back every user, password, database and port a URL encodes",
    (dialect, user, password, database, port) => {
      const scheme = dialect === "postgres" ? "postgres" : "mysql";
      const variable = dialect === "postgres" ? "TIAOJIE_PG_URL" : "TIAOJIE_MYSQL_URL";
      const url = `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@10.1.2.3:${port}/${encodeURIComponent(database)}`;
      expect(serverSettings(dialect, { [variable]: url })).toEqual({ host: "10.1.2.3", port, user, password, database });
    },
  );
});

describe("suitePlan", () => {
  const settings: ServerSettings = { host: "127.0.0.1", port: 5432, user: "postgres", password: "", database: "test" };
  const down = { available: false, reason: "connect ECONNREFUSED 127.0.0.1:5432" } as const;

  it("runs the suite when the server is up, whatever CI says", () => {
    expect(suitePlan("postgres", settings, { available: true }, { CI: "true" })).toEqual({ kind: "run" });
    expect(suitePlan("postgres", settings, { available: true }, {})).toEqual({ kind: "run" });
  });

  it("fails the run with the reason when the server is down and CI=true", () => {
    expect(suitePlan("postgres", settings, down, { CI: "true" })).toEqual({
      kind: "fail",
      message: "PostgreSQL at 127.0.0.1:5432 is not reachable: connect ECONNREFUSED 127.0.0.1:5432; CI=true requires it",
    });
  });

  it("reports the suite as not run, with the reason, when the server is down outside CI", () => {
    for (const env of [{}, { CI: "false" }, { CI: "1" }]) {
      const plan = suitePlan("mysql", { ...settings, port: 3306 }, down, env);
      expect(plan.kind).toBe("not-run");
      expect(plan).toHaveProperty("message", expect.stringContaining("MySQL/MariaDB at 127.0.0.1:3306 is not reachable: connect ECONNREFUSED"));
    }
  });
});

describe("serverGate", () => {
  it.each(["postgres", "mysql"] as const)("says why a %s server on a closed port is not available", async (dialect) => {
    const settings = { ...serverSettings(dialect, {}), port: await freePort() };
    const gate = await serverGate(dialect, settings);
    expect(gate.available).toBe(false);
    expect(gate).toHaveProperty("reason", expect.stringMatching(/ECONNREFUSED/));
  });
});

/** Creates a fresh database, checks that it exists and is empty, drops it and checks that it is gone. */
const checkFreshDatabase = (
  fresh: () => Promise<FreshDatabase>,
  list: (db: FreshDatabase) => Promise<{ databases: string[]; tables: number }>,
) => {
  const made: FreshDatabase[] = [];
  afterAll(async () => {
    for (const db of made) await db.drop();
  });

  it("creates a new, empty, uniquely named database each time and drops it", async () => {
    const first = await fresh();
    made.push(first);
    const second = await fresh();
    made.push(second);
    expect(first.database).toMatch(new RegExp(`^tj_test_${process.pid}_[0-9a-z]+_[0-9a-f]{8}$`));
    expect(second.database).not.toBe(first.database);
    const before = await list(first);
    expect(before.databases).toEqual(expect.arrayContaining([first.database, second.database]));
    expect(before.tables).toBe(0);
    await first.drop();
    await first.drop(); // a second drop does nothing
    const after = await list(second);
    expect(after.databases).not.toContain(first.database);
    expect(after.databases).toContain(second.database);
  });
};

await describeWithServer("postgres", "freshPostgresDatabase", () => {
  it("finds the server up", async () => {
    expect(await serverGate("postgres")).toEqual({ available: true });
  });
  checkFreshDatabase(freshPostgresDatabase, async (db) => {
    const client = new pg.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
    await client.connect();
    try {
      const databases = await client.query<{ datname: string }>("select datname from pg_database");
      const tables = await client.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname = 'public'");
      return { databases: databases.rows.map((row) => row.datname), tables: tables.rows[0]!.n };
    } finally {
      await client.end();
    }
  });
});

await describeWithServer("mysql", "freshMysqlDatabase", () => {
  it("finds the server up", async () => {
    expect(await serverGate("mysql")).toEqual({ available: true });
  });
  checkFreshDatabase(freshMysqlDatabase, async (db) => {
    const connection = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
    try {
      const [databases] = await connection.query<mysql.RowDataPacket[]>("show databases");
      const [tables] = await connection.query<mysql.RowDataPacket[]>("select count(*) as n from information_schema.tables where table_schema = database()");
      return { databases: databases.map((row) => String(row["Database"])), tables: Number(tables[0]!["n"]) };
    } finally {
      await connection.end();
    }
  });
});
