import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type HotStandby, startHotStandby } from "./pg-standby.js";
import { replicationHbaLine } from "./replication-access.js";
import { type FreshDatabase, describeWithServer, freshPostgresDatabase } from "./servers.js";

/** Starting a cluster is bounded work that a busy machine may make slow. */
const startUpTimeoutMs = 120_000;
/** Above waitForCatchUp's own 30 s bound, so its message is what a slow run reports. */
const catchUpTimeoutMs = 45_000;

/** Resolves to the error code of a TCP connection to 127.0.0.1:`port`, or "connected". */
const tcpOutcome = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

const withClient = async <T>(config: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

it("builds the pg_hba.conf line it may add from how the primary is reached", () => {
  expect(replicationHbaLine({ host: "127.0.0.1", port: 5432, user: "postgres" })).toBe("host replication postgres 127.0.0.1/32 trust  # tiaojie-test-standby");
  expect(replicationHbaLine({ host: "/var/run/postgresql", port: 5432, user: "ci user" })).toBe('local replication "ci user" trust  # tiaojie-test-standby');
  expect(replicationHbaLine({ host: "db.example", port: 5432, user: "postgres" })).toBeUndefined();
});

await describeWithServer("postgres", "startHotStandby", () => {
  let db: FreshDatabase;
  let standby: HotStandby;
  let staleDirectory: string;
  const timings: Record<string, number> = {};
  const primary = (work: (client: pg.Client) => Promise<unknown>) =>
    withClient({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database }, work);
  const onStandby = <T>(work: (client: pg.Client) => Promise<T>) =>
    withClient({ host: standby.host, port: standby.port, user: standby.user, database: db.database }, work);

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    await primary((client) => client.query("create table before_start (id int primary key, note text); insert into before_start values (1, '调解'), (2, 'mediation')"));
    // A directory left by a run whose process is gone: the next start must remove it.
    const gone = spawnSync("true").pid!;
    staleDirectory = join(tmpdir(), `tj-pg-standby-${gone}-stale`);
    await mkdir(join(staleDirectory, "data"), { recursive: true });
    await writeFile(join(staleDirectory, "data", "postmaster.pid"), "not a pid\n");
    const started = performance.now();
    standby = await startHotStandby();
    timings["start"] = performance.now() - started;
  }, startUpTimeoutMs);

  afterAll(async () => {
    await standby?.stop();
    await db?.drop();
    await rm(staleDirectory, { recursive: true, force: true });
  }, startUpTimeoutMs);

  it("starts a hot standby of the primary on another port, after removing a stale directory", async () => {
    expect(standby.port).not.toBe(db.port);
    expect(existsSync(staleDirectory)).toBe(false);
    expect(existsSync(join(standby.directory, "data", "standby.signal"))).toBe(true);
    const state = await onStandby(async (client) => (await client.query<{ recovery: boolean; hot: string }>("select pg_is_in_recovery() as recovery, current_setting('hot_standby') as hot")).rows[0]);
    expect(state).toEqual({ recovery: true, hot: "on" });
  });

  it("has the rows of the base backup and, after waitForCatchUp, the rows written since", async () => {
    const copied = await onStandby(async (client) => (await client.query("select id, note from before_start order by id")).rows);
    expect(copied).toEqual([
      { id: 1, note: "调解" },
      { id: 2, note: "mediation" },
    ]);
    await primary(async (client) => {
      await client.query("create table after_start (id int primary key, note text)");
      await client.query("insert into after_start select n, 'row ' || n from generate_series(1, 500) n");
    });
    const caughtUp = performance.now();
    await standby.waitForCatchUp();
    timings["catch-up"] = performance.now() - caughtUp;
    const streamed = await onStandby(async (client) => (await client.query<{ n: number; last: string }>("select count(*)::int as n, max(note) filter (where id = 500) as last from after_start")).rows[0]);
    expect(streamed).toEqual({ n: 500, last: "row 500" });
  }, catchUpTimeoutMs);

  it("refuses writes: every transaction on the standby is read-only", async () => {
    const refused = await onStandby((client) => client.query("insert into before_start values (3, 'no')").then(() => undefined, (error: unknown) => error));
    expect(refused).toMatchObject({ code: "25006", message: expect.stringContaining("read-only transaction") });
    const ddl = await onStandby((client) => client.query("create table nope (id int)").then(() => undefined, (error: unknown) => error));
    expect(ddl).toMatchObject({ code: "25006" });
  });

  it("waitForCatchUp times out with a clear message while replay is paused, and succeeds once it resumes", async () => {
    await onStandby((client) => client.query("select pg_wal_replay_pause()"));
    try {
      await primary((client) => client.query("insert into after_start values (501, 'while paused')"));
      await expect(standby.waitForCatchUp({ timeoutMs: 300 })).rejects.toThrow(/replayed WAL up to .*, not the primary's .* within 300 ms/);
    } finally {
      await onStandby((client) => client.query("select pg_wal_replay_resume()"));
    }
    await standby.waitForCatchUp();
    const row = await onStandby(async (client) => (await client.query("select note from after_start where id = 501")).rows);
    expect(row).toEqual([{ note: "while paused" }]);
  }, catchUpTimeoutMs);

  it("stop stops the cluster, closes its port and removes its directory; a second stop does nothing", async () => {
    const stopped = performance.now();
    await standby.stop();
    timings["stop"] = performance.now() - stopped;
    expect(existsSync(standby.directory)).toBe(false);
    expect(await tcpOutcome(standby.port)).toBe("ECONNREFUSED");
    await standby.stop();
    console.info(`hot standby: start ${Math.round(timings["start"]!)} ms, catch-up ${Math.round(timings["catch-up"] ?? Number.NaN)} ms, stop ${Math.round(timings["stop"]!)} ms`);
  }, startUpTimeoutMs);
});
