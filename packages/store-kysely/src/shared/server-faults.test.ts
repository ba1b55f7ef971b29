import type { LedgerStore } from "@tiaojie/core";
import mysql from "mysql2/promise";
import pg from "pg";
import { expect, it } from "vitest";
import { SqlStoreError } from "../index.js";
import { type DialectUnderTest, forEachServerDialect } from "../testing/dialects.js";
import { ledgerFixture } from "../testing/ledger-fixture.js";

// The servers' faults, provoked for real: the server ends the store's
// connections in the middle of a use case (an administrator's kill, a restart).
// It is a SqlStoreError of kind connection-lost, the ledger answers StoreFailure
// with it, nothing of the use case is stored, and the next use case works on a
// new connection.

/** Ends every connection to the run's database but the caller's own. */
const killConnections = async (d: DialectUnderTest): Promise<number> => {
  const s = d.server!;
  if (d.dialect === "postgres") {
    const admin = new pg.Client({ host: s.host, port: s.port, user: s.user, password: s.password, database: "postgres" });
    await admin.connect();
    const r = await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [s.database]);
    await admin.end();
    return r.rowCount ?? 0;
  }
  const admin = await mysql.createConnection({ host: s.host, port: s.port, user: s.user, password: s.password });
  const [rows] = await admin.query("select id from information_schema.processlist where db = ? and id <> connection_id()", [s.database]);
  for (const row of rows as Array<{ id: number }>) await admin.query(`kill connection ${Number(row.id)}`);
  await admin.end();
  return (rows as Array<unknown>).length;
};

/** A store whose every transaction first runs `before` (inside it, on its connection's side). */
const withHook = (store: LedgerStore, before: () => Promise<void>): LedgerStore => ({
  ...store,
  transact: (work) =>
    store.transact(async (tx) => {
      await tx.disputes.get("warm-up");
      await before();
      return work(tx);
    }),
});

await forEachServerDialect("server faults", (d) => {
  it("the server ending the store's connection mid-transaction is connection-lost; nothing is stored; the next use case works", async () => {
    const store = await d.open();
    const fx = ledgerFixture(store);
    expect((await fx.ledger.registerDispute(fx.officer, fx.forms[0]!)).ok, "a first registration").toBe(true);
    const before = await store.raw.snapshot();

    let killed = 0;
    const hooked = ledgerFixture(
      withHook(store, async () => {
        killed = await killConnections(d);
      }),
    );
    const r = await hooked.ledger.registerDispute(fx.officer, fx.forms[1]!);
    expect(killed, "connections the server ended").toBeGreaterThan(0);
    expect(r.ok, "the registration fails").toBe(false);
    const error = (r as { error: { _tag: string; cause: unknown } }).error;
    expect(error._tag).toBe("StoreFailure");
    expect(error.cause).toBeInstanceOf(SqlStoreError);
    expect((error.cause as SqlStoreError).kind, (error.cause as SqlStoreError).message).toBe("connection-lost");
    expect((error.cause as SqlStoreError).text.zh).toContain("连接");

    expect(await store.raw.snapshot(), "nothing of the failed registration is stored").toEqual(before);
    expect((await fx.ledger.registerDispute(fx.officer, fx.forms[1]!)).ok, "the same registration on a new connection").toBe(true);
    await store.close();
  });
});
