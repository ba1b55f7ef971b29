/**
 * A REAL hot standby of the test PostgreSQL primary, on this machine, for tests that
 * read from a replica: a second PostgreSQL 15 cluster in a fresh temporary directory,
 * copied with `pg_basebackup -R -X stream` and started with `hot_standby = on`, so it
 * streams the primary's WAL and answers read-only queries.
 *
 * How it runs:
 * - Binaries from `/usr/lib/postgresql/15/bin` (or `$TIAOJIE_PG_BIN`); the primary must
 *   be the same major version (checked).
 * - PostgreSQL refuses to run as root: when the process is root, `pg_basebackup` and
 *   `pg_ctl` run as the `postgres` OS user through `runuser`, and that user owns the
 *   temporary directory `<tmpdir>/tj-pg-standby-<pid>-XXXXXX` (data in `data/`, the
 *   unix socket and `standby.log` in the directory itself). Otherwise they run as the
 *   current user.
 * - Ports: a free port chosen by the OS unless `port` is given.
 * - Clean-up: {@link HotStandby.stop} stops the cluster (`pg_ctl stop -m fast`) and
 *   removes the directory. If the test process ends without calling it, a process
 *   `exit` hook stops the cluster and removes the directory; if the process is killed
 *   (no hook runs), a small detached `sh` watchdog started with the cluster notices
 *   within a second and does the same. Each start also removes directories left by
 *   processes that no longer exist (stopping any server still running in them), and
 *   always uses a new directory and a free port, so leftovers cannot break a new run.
 *
 * What the primary needs, read from its configuration:
 * - `wal_level` `replica` or `logical`, and two free WAL senders (`max_wal_senders`):
 *   checked, never changed (both need a restart). The CI server has `replica` and 10.
 * - A pg_hba.conf entry that allows a replication connection. The CI server's
 *   pg_hba.conf has only `local all all trust` and `host all all 127.0.0.1/32 trust`,
 *   and `all` does not match replication connections; a streaming base backup has no
 *   way around that, so this is the ONE change the harness may make to the primary,
 *   and only when a probe replication connection is refused: it appends the line
 *       host replication <user> 127.0.0.1/32 trust  # tiaojie-test-standby
 *   (`local replication <user> trust ...` when the primary is reached through its
 *   socket) to the file named by the primary's `hba_file`, then `pg_reload_conf()`.
 *   Idempotent: nothing is written when replication is already allowed or the line is
 *   present. Minimal: one user, loopback only, the same `trust` the file already gives
 *   every other loopback connection; no restart. Reversible:
 *       sed -i '/# tiaojie-test-standby$/d' /etc/postgresql/15/main/pg_hba.conf
 *       psql -h 127.0.0.1 -U postgres -c 'select pg_reload_conf()'
 *   The line is left in place after a run on purpose: removing it while another test
 *   run on the same server takes a backup would break that run.
 * - No replication slot is created (a slot left by a killed run would keep WAL on the
 *   primary forever); the standby streams from the end of its backup, which the
 *   primary keeps unless 16 MB of WAL and a checkpoint pass before the standby starts.
 *   If that ever happens, `waitForCatchUp` times out and quotes the standby's log.
 * - The primary's `postgresql.auto.conf` comes along with the backup (empty on CI).
 *
 * @since 0.4.0
 * @internal test infrastructure, not published
 */
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { chmod, chown, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import pg from "pg";
import { type PrimaryAddress, ensureReplicationAccess } from "./replication-access.js";
import { serverSettings } from "./server-settings.js";

const run = promisify(execFile);

/** The PostgreSQL binaries the standby runs. */
const binDir = (): string => process.env["TIAOJIE_PG_BIN"] ?? "/usr/lib/postgresql/15/bin";
const directoryPrefix = "tj-pg-standby-";
const majorVersion = 15;

/**
 * Options of {@link startHotStandby}.
 *
 * @example
 * ```ts
 * const options: HotStandbyOptions = { primary: { port: 5432 }, port: 55432 };
 * ```
 * @since 0.4.0
 */
export interface HotStandbyOptions {
  /**
   * The primary to copy and follow.
   * @default the host and port of `serverSettings("postgres")` (127.0.0.1:5432 unless
   * `TIAOJIE_PG_URL` says otherwise) and user `postgres`
   */
  readonly primary?: {
    /** An IP address, `localhost`, or a unix socket directory. */
    readonly host?: string;
    readonly port?: number;
    /** A superuser or a role with REPLICATION; it is also the user of {@link HotStandby.user}. */
    readonly user?: string;
  };
  /**
   * The standby's TCP port on 127.0.0.1.
   * @default a free port chosen by the operating system
   */
  readonly port?: number;
}

/**
 * A running hot standby: connect to `host`:`port` as `user` (any database of the
 * primary, read-only), and stop it when done.
 *
 * @example
 * ```ts
 * const standby: HotStandby = await startHotStandby();
 * const client = new pg.Client({ host: standby.host, port: standby.port, user: standby.user, database: "postgres" });
 * ```
 * @since 0.4.0
 */
export interface HotStandby {
  /** Always `127.0.0.1`. */
  readonly host: string;
  readonly port: number;
  /** The primary's user, which exists on the standby too. */
  readonly user: string;
  /** The temporary directory that holds the cluster; {@link HotStandby.stop} removes it. */
  readonly directory: string;
  /**
   * Resolves once the standby has replayed the primary's WAL at least up to
   * `pg_current_wal_lsn()` as read when called; rejects after `timeoutMs`, quoting the
   * end of the standby's log.
   *
   * @default timeoutMs 30000
   */
  readonly waitForCatchUp: (options?: { readonly timeoutMs?: number }) => Promise<void>;
  /** Stops the cluster (`pg_ctl stop -m fast`) and removes its directory; calling it again does nothing. */
  readonly stop: () => Promise<void>;
}

/** How a command is run: as `postgres` through runuser when we are root. */
interface Runner {
  readonly command: (file: string, args: readonly string[]) => readonly [string, string[]];
  readonly owner: { readonly uid: number; readonly gid: number } | undefined;
}

const makeRunner = async (): Promise<Runner> => {
  if (process.getuid?.() !== 0) return { command: (file, args) => [file, [...args]], owner: undefined };
  const id = async (flag: string): Promise<number> => Number((await run("id", [flag, "postgres"])).stdout.trim());
  return {
    command: (file, args) => ["runuser", ["-u", "postgres", "--", file, ...args]],
    owner: { uid: await id("-u"), gid: await id("-g") },
  };
};

const runAs = async (runner: Runner, cwd: string, file: string, args: readonly string[], timeoutMs: number): Promise<string> => {
  const [command, commandArgs] = runner.command(join(binDir(), file), args);
  try {
    const { stdout, stderr } = await run(command, commandArgs, { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${String(error)}\n${stdout ?? ""}${stderr ?? ""}`.trim(), { cause: error });
  }
};

const pgCtlStopArgs = (data: string, mode: "fast" | "immediate"): string[] => ["stop", "-D", data, "-m", mode, "-w", "-t", "60"];

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Removes the directories of standbys whose test process no longer exists, stopping their servers. */
const sweepStale = async (runner: Runner): Promise<void> => {
  const parent = tmpdir();
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const owner = new RegExp(`^${directoryPrefix}(\\d+)-`).exec(name)?.[1];
    if (owner === undefined || isAlive(Number(owner))) continue;
    const directory = join(parent, name);
    const data = join(directory, "data");
    if (existsSync(join(data, "postmaster.pid"))) {
      await runAs(runner, parent, "pg_ctl", pgCtlStopArgs(data, "immediate"), 70_000).catch(() => undefined);
    }
    await rm(directory, { recursive: true, force: true }).catch(() => undefined);
  }
};

/** What the standby must copy from the primary, and the checks that the primary can be copied. */
interface PrimaryFacts {
  /** Hot standby refuses to start with less of these than the primary has. */
  readonly limits: Readonly<Record<string, string>>;
  readonly tablespaces: readonly string[];
}

const hotStandbyLimits = ["max_connections", "max_worker_processes", "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction"];

const connectTo = async (config: pg.ClientConfig): Promise<pg.Client> => {
  const client = new pg.Client({ connectionTimeoutMillis: 5_000, ...config });
  await client.connect();
  return client;
};

const readPrimary = async (primary: PrimaryAddress): Promise<PrimaryFacts> => {
  const where = `${primary.host}:${primary.port}`;
  const client = await connectTo({ host: primary.host, port: primary.port, user: primary.user, database: "postgres" });
  try {
    const settings = await client.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name = any($1::text[])",
      [["wal_level", "server_version_num", ...hotStandbyLimits]],
    );
    const setting = new Map(settings.rows.map((row) => [row.name, row.setting]));
    const major = Math.floor(Number(setting.get("server_version_num")) / 10_000);
    if (major !== majorVersion) throw new Error(`the primary at ${where} runs PostgreSQL ${major}; the standby harness needs ${majorVersion}`);
    const walLevel = setting.get("wal_level");
    if (walLevel !== "replica" && walLevel !== "logical") {
      throw new Error(`the primary at ${where} has wal_level = ${walLevel}; a standby needs replica (set it and restart the primary)`);
    }
    const senders = await client.query<{ used: number }>("select count(*)::int as used from pg_stat_replication");
    const free = Number(setting.get("max_wal_senders")) - senders.rows[0]!.used;
    if (free < 2) throw new Error(`the primary at ${where} has ${free} free WAL senders (max_wal_senders); pg_basebackup -X stream and the standby need 2`);
    const spaces = await client.query<{ location: string }>(
      "select pg_tablespace_location(oid) as location from pg_tablespace where pg_tablespace_location(oid) <> ''",
    );
    return {
      limits: Object.fromEntries(hotStandbyLimits.map((name) => [name, setting.get(name) ?? ""])),
      tablespaces: spaces.rows.map((row) => row.location),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** A TCP port on 127.0.0.1 that was free a moment ago (nothing listens on it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

const standbyConf = (directory: string, port: number, facts: PrimaryFacts): string =>
  [
    "# Written by the tiaojie test harness (src/testing/pg-standby.ts) for a throw-away hot standby.",
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${directory.replaceAll("'", "''")}'`,
    "hot_standby = on",
    "cluster_name = 'tiaojie-test-standby'",
    "lc_messages = 'C'",
    "shared_buffers = 16MB",
    "fsync = off",
    "logging_collector = off",
    ...Object.entries(facts.limits).map(([name, value]) => `${name} = ${value}`),
    "",
  ].join("\n");

const standbyHba = "local all all trust\nhost all all 127.0.0.1/32 trust\n";

const logTail = async (directory: string): Promise<string> => {
  const text = await readFile(join(directory, "standby.log"), "utf8").catch(() => "");
  return text.split("\n").slice(-15).join("\n");
};

/** Stops and removes standbys still running when the process exits (synchronously, as `exit` requires). */
const running = new Map<string, () => void>();
let exitHookInstalled = false;
const registerForExit = (directory: string, cleanup: () => void): void => {
  if (!exitHookInstalled) {
    process.once("exit", () => {
      for (const cleanupOne of running.values()) cleanupOne();
    });
    exitHookInstalled = true;
  }
  running.set(directory, cleanup);
};

/** A detached watchdog that stops the cluster and removes the directory once this process is gone. */
const watchdogScript = [
  'owner=$1; directory=$2; shift 2',
  'while kill -0 "$owner" 2>/dev/null; do sleep 1; done',
  '"$@" >/dev/null 2>&1',
  'rm -rf "$directory"',
].join("\n");

const startWatchdog = (runner: Runner, directory: string, data: string): ChildProcess => {
  const [command, args] = runner.command(join(binDir(), "pg_ctl"), pgCtlStopArgs(data, "immediate"));
  const child = spawn("sh", ["-c", watchdogScript, "tiaojie-standby-watchdog", String(process.pid), directory, command, ...args], {
    cwd: directory,
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  return child;
};

/**
 * Builds and starts a real hot standby of the primary (see the file's header for what it
 * needs and the one change it may make to the primary's pg_hba.conf). Takes a few
 * seconds: give the test or hook that calls it a generous timeout.
 *
 * @example
 * ```ts
 * const standby = await startHotStandby();
 * try {
 *   await primary.query("insert into t values (1)");
 *   await standby.waitForCatchUp();
 *   // read t through standby.host:standby.port
 * } finally {
 *   await standby.stop();
 * }
 * ```
 * @since 0.4.0
 */
export const startHotStandby = async (options: HotStandbyOptions = {}): Promise<HotStandby> => {
  const defaults = serverSettings("postgres");
  const primary: PrimaryAddress = {
    host: options.primary?.host ?? defaults.host,
    port: options.primary?.port ?? defaults.port,
    user: options.primary?.user ?? "postgres",
  };
  const runner = await makeRunner();
  await sweepStale(runner);
  const facts = await readPrimary(primary);
  await ensureReplicationAccess(primary);

  const directory = await mkdtemp(join(tmpdir(), `${directoryPrefix}${process.pid}-`));
  const data = join(directory, "data");
  const stopNow = (mode: "fast" | "immediate"): Promise<string> => runAs(runner, directory, "pg_ctl", pgCtlStopArgs(data, mode), 70_000);
  registerForExit(directory, () => {
    if (existsSync(join(data, "postmaster.pid"))) {
      const [command, args] = runner.command(join(binDir(), "pg_ctl"), pgCtlStopArgs(data, "immediate"));
      spawnSync(command, args, { cwd: tmpdir(), stdio: "ignore", timeout: 70_000 });
    }
    rmSync(directory, { recursive: true, force: true });
  });
  let watchdog: ChildProcess | undefined;
  const removeAll = async (): Promise<void> => {
    if (watchdog?.pid !== undefined) {
      try {
        process.kill(-watchdog.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    if (existsSync(join(data, "postmaster.pid"))) {
      await stopNow("fast").catch(() => stopNow("immediate").catch(() => undefined));
    }
    await rm(directory, { recursive: true, force: true });
    running.delete(directory);
  };

  try {
    const writeOwned = async (path: string, text: string): Promise<void> => {
      await writeFile(path, text, { mode: 0o600 });
      if (runner.owner !== undefined) await chown(path, runner.owner.uid, runner.owner.gid);
    };
    await chmod(directory, 0o700);
    if (runner.owner !== undefined) await chown(directory, runner.owner.uid, runner.owner.gid);
    const host = primary.host === "localhost" ? "127.0.0.1" : primary.host;
    await runAs(
      runner,
      directory,
      "pg_basebackup",
      [
        ...["-h", host, "-p", String(primary.port), "-U", primary.user, "-D", data],
        ...["-X", "stream", "-R", "--checkpoint=fast", "--no-sync", "--no-password"],
        ...facts.tablespaces.flatMap((location, index) => ["-T", `${location}=${join(directory, `tablespace-${index}`)}`]),
      ],
      300_000,
    );
    await writeOwned(join(data, "pg_hba.conf"), standbyHba);
    await writeOwned(join(data, "pg_ident.conf"), "");

    let port = options.port ?? (await freePort());
    for (let attempt = 1; ; attempt += 1) {
      await writeOwned(join(data, "postgresql.conf"), standbyConf(directory, port, facts));
      try {
        await runAs(runner, directory, "pg_ctl", ["start", "-D", data, "-l", join(directory, "standby.log"), "-w", "-t", "120"], 130_000);
        break;
      } catch (error) {
        const log = await logTail(directory);
        // Another process may take the free port between the probe and the start.
        if (options.port !== undefined || attempt === 3 || !/could not bind|already in use/i.test(log)) {
          throw new Error(`${(error as Error).message}\nlast lines of ${join(directory, "standby.log")}:\n${log}`, { cause: error });
        }
        port = await freePort();
      }
    }
    watchdog = startWatchdog(runner, directory, data);

    const standbyClient = (): Promise<pg.Client> => connectTo({ host: "127.0.0.1", port, user: primary.user, database: "postgres" });
    const probe = await standbyClient();
    try {
      const recovery = await probe.query<{ standby: boolean }>("select pg_is_in_recovery() as standby");
      if (recovery.rows[0]?.standby !== true) throw new Error(`the cluster in ${directory} started, but not as a standby`);
    } finally {
      await probe.end().catch(() => undefined);
    }

    let stopping: Promise<void> | undefined;
    return {
      host: "127.0.0.1",
      port,
      user: primary.user,
      directory,
      waitForCatchUp: async ({ timeoutMs = 30_000 } = {}) => {
        const started = Date.now();
        const onPrimary = await connectTo({ host, port: primary.port, user: primary.user, database: "postgres" });
        let target: string;
        try {
          target = (await onPrimary.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn")).rows[0]!.lsn;
        } finally {
          await onPrimary.end().catch(() => undefined);
        }
        const onStandby = await standbyClient();
        try {
          for (;;) {
            const replay = await onStandby.query<{ done: boolean; replayed: string | null }>(
              "select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as done, pg_last_wal_replay_lsn()::text as replayed",
              [target],
            );
            const row = replay.rows[0]!;
            if (row.done) return;
            if (Date.now() - started >= timeoutMs) {
              throw new Error(
                `the hot standby at 127.0.0.1:${port} replayed WAL up to ${row.replayed ?? "nothing"}, not the primary's ${target}, within ${timeoutMs} ms; last lines of ${join(directory, "standby.log")}:\n${await logTail(directory)}`,
              );
            }
            await sleep(25);
          }
        } finally {
          await onStandby.end().catch(() => undefined);
        }
      },
      stop: () => (stopping ??= removeAll()),
    };
  } catch (error) {
    await removeAll().catch(() => undefined);
    throw error;
  }
};
