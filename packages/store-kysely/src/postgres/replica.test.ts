import { runStoreConformance, suiteNames } from "@tiaojie/store-testkit";
import { sql } from "kysely";
import { afterAll, expect, it } from "vitest";
import { type SqlStore, postgresStore, tables } from "../index.js";
import { storeUrl } from "../testing/dialects.js";
import { type HotStandby, startHotStandby } from "../testing/pg-standby.js";
import { ledgerFixture } from "../testing/ledger-fixture.js";
import { type FreshDatabase, describeWithServer, freshPostgresDatabase } from "../testing/servers.js";

// A real streaming replica: a second PostgreSQL 15 cluster on this machine, made
// with pg_basebackup from the primary, in hot standby. The store reads its
// read-only use cases there and writes everything on the primary. Under CI=true
// this runs or fails; it never passes unseen.

await describeWithServer("postgres", "postgres with a hot-standby replica", () => {
  let ready: Promise<{ standby: HotStandby; db: FreshDatabase }> | undefined;
  // Started on first use (the kit opens a store while vitest collects the tests).
  const setUp = () =>
    (ready ??= (async () => {
      const db = await freshPostgresDatabase();
      await (await postgresStore({ connectionString: storeUrl("postgres", db) })).close();
      const standby = await startHotStandby();
      await standby.waitForCatchUp();
      return { standby, db };
    })());
  afterAll(async () => {
    if (ready === undefined) return;
    const { standby, db } = await ready;
    await standby.stop();
    await db.drop();
  }, 120_000);

  const open = async (): Promise<{ store: SqlStore; standby: HotStandby }> => {
    const { standby, db } = await setUp();
    const store = await postgresStore({
      connectionString: storeUrl("postgres", db),
      poolSize: 4,
      migrate: false,
      replica: { connectionString: storeUrl("postgres", { ...db, host: standby.host, port: standby.port }), poolSize: 2 },
    });
    return { store, standby };
  };

  runStoreConformance({
    name: "postgres + hot standby",
    makeStore: async () => {
      const { store, standby } = await open();
      for (const t of Object.keys(tables)) await store.db.deleteFrom(t as never).execute();
      return { store, raw: store.raw, awaitReplica: () => standby.waitForCatchUp() };
    },
    off: Object.fromEntries(suiteNames.filter((s) => s !== "read-only").map((s) => [s, "runs on the primary alone in conformance.test.ts"])),
    runs: 8,
    timeout: 120_000,
  });

  it(
    "reports and listings read the standby (a paused replay hides a new dispute until it resumes) and equal the primary's once it caught up",
    async () => {
      const { store, standby } = await open();
      for (const t of Object.keys(tables)) await store.db.deleteFrom(t as never).execute();
      const recovery = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(store.replicaDb!);
      expect(recovery.rows[0]!.r, "the replica connection is a server in recovery (a standby)").toBe(true);

      const fx = ledgerFixture(store, { disputes: 12 });
      const primaryOnly = ledgerFixture({ ...store, transactReadOnly: undefined } as never, { disputes: 12 });
      for (const form of fx.forms.slice(0, 10)) expect((await fx.ledger.registerDispute(fx.officer, form)).ok).toBe(true);
      await standby.waitForCatchUp();
      const period = fx.town.period;
      const overReplica = await fx.ledger.monthlyReport(fx.coordinator, { period });
      const overPrimary = await primaryOnly.ledger.monthlyReport(fx.coordinator, { period });
      expect(overReplica.ok, "the report over the replica").toBe(true);
      expect(overReplica, "the report read on the caught-up replica equals the primary's").toEqual(overPrimary);

      await sql`select pg_wal_replay_pause()`.execute(store.replicaDb!);
      try {
        const late = fx.forms[10]!;
        expect((await fx.ledger.registerDispute(fx.officer, late)).ok, "registered on the primary").toBe(true);
        const listed = await fx.ledger.listDisputes(fx.coordinator, { limit: 50 });
        expect(listed.ok && listed.value.items.some((d) => d.id === late.dispute.id), "the paused replica does not show it yet").toBe(false);
      } finally {
        await sql`select pg_wal_replay_resume()`.execute(store.replicaDb!);
      }
      await standby.waitForCatchUp();
      const after = await fx.ledger.listDisputes(fx.coordinator, { limit: 50 });
      expect(after.ok && after.value.items.some((d) => d.id === fx.forms[10]!.dispute.id), "once replay resumes and catches up, it does").toBe(true);
      const audit = await fx.ledger.verifyAudit({ ...fx.officer, role: "auditor" });
      expect(audit.ok && audit.value.ok, "the reads' audit events, appended on the primary, verify").toBe(true);
      await store.close();
    },
    120_000,
  );
});
