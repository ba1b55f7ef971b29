import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { J, type Ran, TODAY, newLedgerDir, run, smallTown, writeTownFiles } from "./test-support/cli-harness.js";

// The same commands on PostgreSQL (TIAOJIE_PG_URL, or postgres@127.0.0.1:5432), in a
// database of their own, dropped afterwards. Without a server the suite is reported
// as not run, with the reason; under CI=true it fails.
const serverUrl = process.env.TIAOJIE_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const reachable = await (async (): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
})();

const admin = async <T>(sql: string): Promise<T> => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(sql)) as T;
  } finally {
    await client.end();
  }
};

const database = `tiaojie_cli_${process.pid}_${Date.now()}`;
const town = smallTown(6);
// Made here, not in a hook: creating a database and migrating it is the slow part, and
// on a busy machine it must not race a hook's timer. The tests themselves stay small.
const ledger = reachable === undefined ? await (async () => {
  await admin(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const made = await newLedgerDir(["--url", url.toString()]);
  if (made.init.code !== 0) throw new Error(made.init.stderr);
  await writeTownFiles(made.dir, town);
  return made;
})() : undefined;

const json = <T>(r: Ran): T => {
  expect(r.stderr, "stderr").toBe("");
  expect(r.code, "exit code").toBe(0);
  return JSON.parse(r.stdout) as T;
};

if (reachable !== undefined && process.env.CI !== "true") {
  describe("tiaojie on PostgreSQL", () => {
    it.todo(`not run: no PostgreSQL at ${serverUrl} (${reachable})`);
  });
} else {
  describe("tiaojie on PostgreSQL", () => {
    const dir = ledger?.dir ?? "";
    beforeAll(() => {
      if (reachable !== undefined) throw new Error(`CI=true and no PostgreSQL at ${serverUrl}: ${reachable}`);
    });
    afterAll(async () => {
      await ledger?.cleanup();
      if (reachable === undefined) await admin(`drop database if exists ${database} with (force)`);
    });

    it("init made the tables; persons and disputes register, and list shows them", async () => {
      expect(town.persons.length).toBeLessThan(20);
      expect((await run(dir, [...J, "--as", "zx-0002", "add", "person", "persons.json"])).code).toBe(0);
      expect((await run(dir, [...J, "add", "dispute", "disputes.json"])).code).toBe(0);
      const listed = json<{ items: ReadonlyArray<{ id: string }> }>(await run(dir, [...J, "list", "--limit", "100"]));
      expect(listed.items.map((d) => d.id).sort()).toEqual(town.disputes.map((d) => d.id).sort());
    });

    it("a transition, the monthly report and the audit chain, on the server", async () => {
      const id = town.disputes[0]!.id;
      expect(json<{ status: string }>(await run(dir, [...J, "transition", id, "accept"])).status).toBe("accepted");
      const report = json<{ report: { totals: { cumulative: number } } }>(await run(dir, [...J, "report", "--month", TODAY.slice(0, 7), "--format", "json"]));
      expect(report.report.totals.cumulative).toBe(town.disputes.length);
      expect(json<{ ok: boolean }>(await run(dir, [...J, "--as", "zx-0004", "audit", "verify"])).ok).toBe(true);
    });
  });
}
