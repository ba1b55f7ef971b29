/**
 * Makes sure the test PostgreSQL primary accepts a physical replication connection,
 * which `pg_basebackup -X stream` and a streaming standby both need.
 *
 * A replication connection is matched only by pg_hba.conf lines whose database column
 * is `replication` (`all` does not match it), and the CI servers' pg_hba.conf has none.
 * There is no way to take a streaming base backup without such a line, so when a probe
 * replication connection is refused (SQLSTATE 28000), {@link ensureReplicationAccess}
 * appends ONE line to the file the server names in `hba_file` and reloads the server:
 *
 *     host replication <user> 127.0.0.1/32 trust  # tiaojie-test-standby
 *
 * (`local replication <user> trust` for a socket, `::1/128` for IPv6 loopback). See the
 * header of `pg-standby.ts` for why it is safe and how to undo it.
 *
 * @since 0.4.0
 * @internal test infrastructure, not published
 */
import { appendFile, readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

/**
 * The comment that ends the line {@link ensureReplicationAccess} adds, so it can be
 * found and removed: `sed -i '/# tiaojie-test-standby$/d' <hba_file>`.
 *
 * @example
 * ```ts
 * hbaLine.endsWith(replicationAccessMarker);
 * ```
 * @since 0.4.0
 */
export const replicationAccessMarker = "# tiaojie-test-standby";

/**
 * How the harness reaches the primary.
 *
 * @example
 * ```ts
 * const primary: PrimaryAddress = { host: "127.0.0.1", port: 5432, user: "postgres" };
 * ```
 * @since 0.4.0
 */
export interface PrimaryAddress {
  /** An IP address, `localhost`, or a unix socket directory (starting with `/`). */
  readonly host: string;
  readonly port: number;
  /** A superuser or a role with REPLICATION. */
  readonly user: string;
}

/**
 * The pg_hba.conf line that lets `address.user` open a replication connection the way
 * the harness connects, or `undefined` for a host that is not this machine.
 *
 * @example
 * ```ts
 * replicationHbaLine({ host: "127.0.0.1", port: 5432, user: "postgres" });
 * // "host replication postgres 127.0.0.1/32 trust  # tiaojie-test-standby"
 * ```
 * @since 0.4.0
 */
export const replicationHbaLine = (address: PrimaryAddress): string | undefined => {
  const user = /^[A-Za-z0-9_]+$/.test(address.user) ? address.user : `"${address.user.replaceAll('"', '""')}"`;
  const ending = `trust  ${replicationAccessMarker}`;
  if (address.host.startsWith("/")) return `local replication ${user} ${ending}`;
  if (address.host === "127.0.0.1" || address.host === "localhost") return `host replication ${user} 127.0.0.1/32 ${ending}`;
  if (address.host === "::1") return `host replication ${user} ::1/128 ${ending}`;
  return undefined;
};

const clientConfig = (address: PrimaryAddress) => ({
  host: address.host === "localhost" ? "127.0.0.1" : address.host,
  port: address.port,
  user: address.user,
  database: "postgres",
  connectionTimeoutMillis: 5_000,
});

/** `true` when the primary accepts a physical replication connection, `false` when pg_hba refuses it. */
const replicationAllowed = async (address: PrimaryAddress): Promise<boolean> => {
  // node-pg passes `replication` through in the startup packet; "true" asks for a physical walsender.
  const client = new pg.Client({ ...clientConfig(address), replication: "true" } as pg.ClientConfig);
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "28000") return false;
    throw new Error(`the primary at ${address.host}:${address.port} refused a replication connection: ${String(error)}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
};

const withClient = async <T>(address: PrimaryAddress, run: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client(clientConfig(address));
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};

/**
 * Ensures the primary accepts replication connections from `address`: does nothing when
 * it already does; otherwise appends {@link replicationHbaLine} to its pg_hba.conf
 * (unless that line is there already), reloads the configuration and waits, up to 10 s,
 * until a probe connection succeeds. Throws, naming the line to add by hand, when the
 * primary is not on this machine or the file cannot be written.
 *
 * @example
 * ```ts
 * await ensureReplicationAccess({ host: "127.0.0.1", port: 5432, user: "postgres" });
 * ```
 * @since 0.4.0
 */
export const ensureReplicationAccess = async (address: PrimaryAddress): Promise<void> => {
  if (await replicationAllowed(address)) return;
  const line = replicationHbaLine(address);
  const where = `${address.host}:${address.port}`;
  if (line === undefined) {
    throw new Error(`the primary at ${where} refuses replication connections from user "${address.user}", and it is not on this machine: allow them in its pg_hba.conf`);
  }
  const hbaFile = await withClient(address, async (client) => (await client.query<{ file: string }>("select current_setting('hba_file') as file")).rows[0]!.file);
  try {
    const text = await readFile(hbaFile, "utf8");
    if (!text.split("\n").some((existing) => existing.trim() === line)) {
      await appendFile(hbaFile, `${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`);
    }
  } catch (error) {
    throw new Error(`the primary at ${where} refuses replication connections, and ${hbaFile} could not be edited (${String(error)}): add the line "${line}" and reload the server`, { cause: error });
  }
  await withClient(address, (client) => client.query("select pg_reload_conf()"));
  // The postmaster rereads the file asynchronously after the reload signal.
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (await replicationAllowed(address)) return;
    await sleep(100);
  }
  throw new Error(`the primary at ${where} still refuses replication connections after "${line}" was added to ${hbaFile} and the configuration reloaded: an earlier line may reject them`);
};
