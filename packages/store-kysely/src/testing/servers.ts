/**
 * The database servers the package's tests run against, in one place: where they are
 * (PostgreSQL 127.0.0.1:5432 user postgres database test, MariaDB/MySQL 127.0.0.1:3306
 * user root database test, or `TIAOJIE_PG_URL` / `TIAOJIE_MYSQL_URL`), whether they are
 * up, a vitest `describe` that runs only when its server is up (and fails the run when
 * it is down and `CI=true`), and a fresh database per test run. The settings themselves
 * live in `server-settings.ts` (re-exported here), which does not load vitest.
 *
 * @since 0.4.0
 * @internal test infrastructure, not published
 */
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import pg from "pg";
import { describe, it } from "vitest";
import { type ServerDialect, type ServerSettings, knownServers, serverSettings } from "./server-settings.js";

export { type ServerDialect, type ServerSettings, knownServers, serverSettings } from "./server-settings.js";

/**
 * Whether a server answered a real connection, or why not.
 *
 * @example
 * ```ts
 * const gate: ServerGate = { available: false, reason: "connect ECONNREFUSED 127.0.0.1:3306" };
 * ```
 * @since 0.4.0
 */
export type ServerGate = { readonly available: true } | { readonly available: false; readonly reason: string };

const connectTimeoutMs = 3_000;

const describeError = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeError).join("; ");
  if (error instanceof Error) return error.message === "" ? String((error as { code?: unknown }).code ?? error.name) : error.message;
  return String(error);
};

const pgConfig = (settings: ServerSettings, database = settings.database): pg.ClientConfig => ({
  host: settings.host,
  port: settings.port,
  user: settings.user,
  password: settings.password,
  database,
  connectionTimeoutMillis: connectTimeoutMs,
});

const mysqlConfig = (settings: ServerSettings, database = settings.database): mysql.ConnectionOptions => ({
  host: settings.host,
  port: settings.port,
  user: settings.user,
  password: settings.password,
  database,
  connectTimeout: connectTimeoutMs,
});

/** Opens a connection, runs `work`, and always closes it. */
const withConnection = async <T>(dialect: ServerDialect, settings: ServerSettings, work: (query: (sql: string) => Promise<unknown[]>) => Promise<T>): Promise<T> => {
  if (dialect === "postgres") {
    const client = new pg.Client(pgConfig(settings));
    try {
      await client.connect();
      return await work(async (sql) => (await client.query(sql)).rows);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const connection = await mysql.createConnection(mysqlConfig(settings));
  try {
    return await work(async (sql) => (await connection.query(sql))[0] as unknown[]);
  } finally {
    await connection.end().catch(() => undefined);
  }
};

const gates = new Map<string, Promise<ServerGate>>();

/**
 * Probes the test server for `dialect` with a real connection (3 s connect timeout)
 * and a `select 1`. The answer is remembered per server for the life of the process.
 *
 * @default settings serverSettings(dialect)
 * @example
 * ```ts
 * const gate = await serverGate("postgres");
 * if (!gate.available) console.log(gate.reason);
 * ```
 * @since 0.4.0
 */
export const serverGate = (dialect: ServerDialect, settings: ServerSettings = serverSettings(dialect)): Promise<ServerGate> => {
  const key = JSON.stringify([dialect, settings]);
  let gate = gates.get(key);
  if (gate === undefined) {
    gate = withConnection(dialect, settings, (query) => query("select 1")).then(
      (): ServerGate => ({ available: true }),
      (error: unknown): ServerGate => ({ available: false, reason: describeError(error) }),
    );
    gates.set(key, gate);
  }
  return gate;
};

/**
 * What a suite that needs a server does: run; fail the run (the server is down and
 * `CI=true`); or report itself as not run, with the reason.
 *
 * @example
 * ```ts
 * const plan: SuitePlan = { kind: "not-run", message: "PostgreSQL at 127.0.0.1:5432 is not reachable: ..." };
 * ```
 * @since 0.4.0
 */
export type SuitePlan = { readonly kind: "run" } | { readonly kind: "fail" | "not-run"; readonly message: string };

/**
 * Decides what a suite does from the server's gate and the environment.
 *
 * @default env process.env
 * @example
 * ```ts
 * suitePlan("mysql", serverSettings("mysql"), { available: false, reason: "ECONNREFUSED" }, { CI: "true" });
 * // { kind: "fail", message: "MySQL/MariaDB at 127.0.0.1:3306 is not reachable: ECONNREFUSED; CI=true requires it" }
 * ```
 * @since 0.4.0
 */
export const suitePlan = (
  dialect: ServerDialect,
  settings: ServerSettings,
  gate: ServerGate,
  env: Readonly<Record<string, string | undefined>> = process.env,
): SuitePlan => {
  if (gate.available) return { kind: "run" };
  const down = `${knownServers[dialect].label} at ${settings.host}:${settings.port} is not reachable: ${gate.reason}`;
  return env["CI"] === "true"
    ? { kind: "fail", message: `${down}; CI=true requires it` }
    : { kind: "not-run", message: `not run: ${down} (start it, or set CI=true to make this a failure)` };
};

/**
 * A vitest `describe` for tests that need a real server. When the server is up, `body`
 * declares the suite's tests and hooks as usual and gets the server's settings. When it
 * is down, the suite holds one test instead: a failing one when `CI=true`, otherwise a
 * `todo` whose title gives the reason, so the report shows what did not run and why.
 * Call it with top-level `await` (it probes the server first).
 *
 * @example
 * ```ts
 * await describeWithServer("postgres", "PostgreSQL store", (server) => {
 *   it("connects", async () => {
 *     const client = new pg.Client({ ...server });
 *     await client.connect();
 *     await client.end();
 *   });
 * });
 * ```
 * @since 0.4.0
 */
export const describeWithServer = async (dialect: ServerDialect, title: string, body: (server: ServerSettings) => void): Promise<void> => {
  const settings = serverSettings(dialect);
  const plan = suitePlan(dialect, settings, await serverGate(dialect, settings));
  switch (plan.kind) {
    case "run":
      describe(title, () => body(settings));
      return;
    case "fail":
      describe(title, () => {
        it("has its server", () => {
          throw new Error(plan.message);
        });
      });
      return;
    case "not-run":
      describe(title, () => {
        it.todo(plan.message);
      });
  }
};

/**
 * A database made for one test run, and how to drop it.
 *
 * @example
 * ```ts
 * const db: FreshDatabase = await freshPostgresDatabase();
 * await db.drop();
 * ```
 * @since 0.4.0
 */
export interface FreshDatabase extends ServerSettings {
  /** Drops the database (closing connections still open to it, on PostgreSQL); calling it again does nothing. */
  readonly drop: () => Promise<void>;
}

const freshPrefix = "tj_test_";
/** Leftovers of a crashed run are dropped only when this old and their process is gone. */
const staleAfterMs = 60 * 60 * 1000;
const loopback = new Set(["127.0.0.1", "localhost", "::1"]);

/** `tj_test_<pid>_<time, base 36>_<random>`: lowercase, at most 40 characters. */
const freshName = (): string => `${freshPrefix}${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;

const isStale = (name: string, now: number): boolean => {
  const match = /^tj_test_(\d+)_([0-9a-z]+)_[0-9a-f]{8}$/.exec(name);
  if (match === null || now - Number.parseInt(match[2]!, 36) < staleAfterMs) return false;
  try {
    process.kill(Number(match[1]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
};

const quote = (dialect: ServerDialect, name: string): string => (dialect === "postgres" ? `"${name}"` : `\`${name}\``);

const freshDatabase = async (dialect: ServerDialect, server: ServerSettings): Promise<FreshDatabase> => {
  const name = freshName();
  const dropSql = (database: string): string =>
    dialect === "postgres" ? `drop database if exists ${quote(dialect, database)} with (force)` : `drop database if exists ${quote(dialect, database)}`;
  await withConnection(dialect, server, async (query) => {
    if (loopback.has(server.host)) {
      // Databases left by runs that crashed before drop(), on this machine's server only.
      const listed =
        dialect === "postgres"
          ? await query(`select datname as name from pg_database where datname like 'tj\\_test\\_%'`)
          : await query("select schema_name as name from information_schema.schemata where schema_name like 'tj\\_test\\_%'");
      const now = Date.now();
      for (const row of listed as { name: string }[]) {
        if (isStale(row.name, now)) await query(dropSql(row.name)).catch(() => undefined);
      }
    }
    await query(`create database ${quote(dialect, name)}`);
  });
  let dropping: Promise<void> | undefined;
  return {
    ...server,
    database: name,
    drop: () => (dropping ??= withConnection(dialect, server, async (query) => void (await query(dropSql(name))))),
  };
};

/**
 * Creates a uniquely named database (`tj_test_<pid>_<time>_<random>`) on the PostgreSQL
 * test server, for one test run; returns its settings and `drop`. Also drops databases
 * of that form left on a local server by runs that crashed over an hour ago.
 *
 * @default server serverSettings("postgres")
 * @example
 * ```ts
 * const db = await freshPostgresDatabase();
 * afterAll(() => db.drop());
 * const client = new pg.Client({ host: db.host, port: db.port, user: db.user, database: db.database });
 * ```
 * @since 0.4.0
 */
export const freshPostgresDatabase = (server: ServerSettings = serverSettings("postgres")): Promise<FreshDatabase> => freshDatabase("postgres", server);

/**
 * Creates a uniquely named database (`tj_test_<pid>_<time>_<random>`) on the
 * MySQL/MariaDB test server, for one test run; returns its settings and `drop`. Also
 * drops databases of that form left on a local server by runs that crashed over an hour ago.
 *
 * @default server serverSettings("mysql")
 * @example
 * ```ts
 * const db = await freshMysqlDatabase();
 * afterAll(() => db.drop());
 * const connection = await mysql.createConnection({ host: db.host, port: db.port, user: db.user, database: db.database });
 * ```
 * @since 0.4.0
 */
export const freshMysqlDatabase = (server: ServerSettings = serverSettings("mysql")): Promise<FreshDatabase> => freshDatabase("mysql", server);
