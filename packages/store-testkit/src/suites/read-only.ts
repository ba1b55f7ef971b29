import { fc, test } from "@fast-check/vitest";
import { type LedgerStore, type LedgerTransaction, verifyChain } from "@tiaojie/core";
import { expect, it } from "vitest";
import { auditEvent } from "../fixtures/kit-audit-events.js";
import { chainA, chainB, expectedAfterCommit, readEverything, readIn, writeBaseline, writeEverything } from "../fixtures/kit-baseline.js";
import { collectionNames, collectionOf, oneRow } from "../fixtures/kit-collections.js";
import { expectOk, kitActors, kitLedger, kitTown, registerDisputes, registerPersons } from "../fixtures/kit-ledger.js";
import { gate, settle } from "../fixtures/kit-sync.js";
import type { SuiteContext } from "../suite-context.js";

// A store's optional `transactReadOnly` (a read-only replica): it reads
// committed state only, which may lag behind `transact` until the adapter's
// `awaitReplica` says it has caught up; every write inside it rejects and
// changes nothing; and the ledger's read-only use cases over it (the monthly
// report) give what they give over the primary, their audit events on the
// primary's chain. A store without `transactReadOnly` has nothing to check: the
// suite shows as a todo.

type ReadOnlyStore = LedgerStore & Required<Pick<LedgerStore, "transactReadOnly">>;

/** Every write method inside a read-only transaction, each of which must reject. */
const writesOf = (tx: LedgerTransaction, salt: number): ReadonlyArray<readonly [string, () => Promise<unknown>]> => [
  ...collectionNames.flatMap((name): ReadonlyArray<readonly [string, () => Promise<unknown>]> => {
    const c = collectionOf(tx, name);
    return [
      [`${name}.insert`, () => c.insert(oneRow(name, "new-1", 1, salt))],
      [`${name}.insert of an existing id`, () => c.insert(oneRow(name, "base-1", 1, salt + 1))],
      [`${name}.update`, () => c.update(oneRow(name, "base-1", 2, salt), 1)],
      [`${name}.remove`, () => c.remove("base-2", 1)],
    ];
  }),
  ["audit.append", () => tx.audit.append(auditEvent(chainA, 3, salt))],
  ["audit.append to a new chain", () => tx.audit.append(auditEvent(chainB, 1, salt))],
];

/** How a call ended: its answer, or that it rejected. */
const outcomeOf = (call: () => Promise<unknown>): Promise<{ readonly answered: unknown } | { readonly rejected: true }> =>
  call().then(
    (answered) => ({ answered }),
    () => ({ rejected: true as const }),
  );

const registerSuite = (ctx: SuiteContext): void => {
  const salt = fc.integer({ min: 0, max: 1_000_000 });
  const store = (): ReadOnlyStore => {
    const s = ctx.store();
    if (typeof s.transactReadOnly !== "function") throw new Error(`store-testkit: store "${ctx.name}" had transactReadOnly when the suites were collected, and not now`);
    return s as ReadOnlyStore;
  };
  const pageSize = (): number => ctx.capabilities().maxPageSize;

  test.prop([salt], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "every write inside transactReadOnly rejects, and changes nothing: neither what it reads next, nor the replica, nor the primary (raw snapshot)",
    async (s) => {
      const st = store();
      await writeBaseline(st, s);
      await ctx.awaitReplica();
      const committed = await readEverything(st, pageSize());
      const snapshot = await ctx.raw().snapshot();
      const seen = await st.transactReadOnly(async (tx) => {
        const before = await readIn(tx, pageSize());
        const outcomes: Record<string, unknown> = {};
        for (const [call, write] of writesOf(tx, s)) outcomes[call] = await outcomeOf(write);
        return { before, outcomes, after: await readIn(tx, pageSize()) };
      });
      for (const [call, outcome] of Object.entries(seen.outcomes)) expect(outcome, `${call} inside transactReadOnly rejects (an outcome such as "done" or "exists" is not a rejection)`).toStrictEqual({ rejected: true });
      expect(seen.before, "once the replica caught up, transactReadOnly reads what transact committed").toStrictEqual(committed);
      expect(seen.after, "the rejected writes are not seen by the read-only transaction itself").toStrictEqual(seen.before);
      expect(await ctx.raw().snapshot(), "the rejected writes reached no committed state").toEqual(snapshot);
      expect(await readEverything(st, pageSize()), "a transaction on the primary reads what it read before").toStrictEqual(committed);
      await ctx.awaitReplica();
      expect(await st.transactReadOnly((tx) => readIn(tx, pageSize())), "the replica reads what it read before").toStrictEqual(committed);
    },
    ctx.timeout,
  );

  test.prop([salt], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "transactReadOnly reads committed state only: never a transaction that rejected, never one before it commits",
    async (s) => {
      const st = store();
      await writeBaseline(st, s);
      await ctx.awaitReplica();
      const before = await readEverything(st, pageSize());
      await expect(
        st.transact(async (tx) => {
          await writeEverything(tx, s);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      await ctx.awaitReplica();
      expect(await st.transactReadOnly((tx) => readIn(tx, pageSize())), "a rejected transaction's writes never reach the replica").toStrictEqual(before);

      const wrote = gate();
      const finish = gate();
      const writing = st.transact(async (tx) => {
        await writeEverything(tx, s);
        wrote.open();
        await finish.opened;
      });
      await wrote.opened;
      // The read may run now, or wait for the writer (a store that reads the primary one transaction at a time): either way it reads a committed state.
      const reading = st.transactReadOnly((tx) => readIn(tx, pageSize()));
      await settle();
      finish.open();
      await writing;
      const seen = await reading;
      expect([before, expectedAfterCommit(s)], "a read-only transaction beside an uncommitted one reads the state before it or after it, never part of it").toContainEqual(seen);
      await ctx.awaitReplica();
      expect(await st.transactReadOnly((tx) => readIn(tx, pageSize())), "once the replica caught up, it reads the commit").toStrictEqual(expectedAfterCommit(s));
    },
    ctx.timeout,
  );

  it("transactReadOnly calls work once, resolves with the very value work resolved with, and rejects with the very reason", async () => {
    const st = store();
    let calls = 0;
    const value = { v: 1 };
    expect(
      await st.transactReadOnly(async () => {
        calls += 1;
        return value;
      }),
    ).toBe(value);
    expect(calls, "work is called once").toBe(1);
    await expect(st.transactReadOnly(() => Promise.reject("a string reason"))).rejects.toBe("a string reason");
  }, ctx.timeout);

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.nat({ max: 7 }), { maxLength: 4 })], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "the ledger's monthly report over the replica, once caught up, is the one over the primary, and its audit event is on the primary's chain, which verifies",
    async (seed, accepted) => {
      const st = store();
      const kt = kitTown(seed, { villages: 3, persons: 8, disputes: 6 });
      const primary = kitLedger(st, kt);
      const replica = kitLedger(st, kt, { clock: primary.clock, keys: { keys: primary.keys, publicKey: primary.publicKey }, replica: true }).ledger;
      const actors = kitActors(kt);
      await registerPersons(primary.ledger, actors.social, kt.town.persons);
      const views = await registerDisputes(primary.ledger, actors.coordinator, kt.town.disputes);
      for (const i of new Set(accepted.map((n) => n % views.length))) {
        const v = views[i]!;
        expectOk(await primary.ledger.transition(actors.coordinator, { dispute: v.id, version: v.version, transition: "accept" }), `accept ${v.id}`);
      }
      await ctx.awaitReplica();
      const period = { from: kt.town.period.from, to: kt.today };
      const overReplica = expectOk(await replica.monthlyReport(actors.coordinator, { period }), "monthlyReport over the replica");
      const overPrimary = expectOk(await primary.ledger.monthlyReport(actors.coordinator, { period }), "monthlyReport over the primary");
      expect(overReplica, "the report over the caught-up replica is the report over the primary").toStrictEqual(overPrimary);
      if (overReplica.for === "own") expect(overReplica.report.totals.new, "the report counts every dispute registered").toBe(kt.town.disputes.length);

      const events = await ctx.raw().auditEvents(kt.township);
      expect(events.filter((e) => e.action === "monthly-report").length, "both reports are audited on the primary's chain").toBe(2);
      expect(verifyChain(kt.township, events), "the primary's chain verifies").toMatchObject({ ok: true });
      expect(expectOk(await primary.ledger.verifyAudit(actors.auditor), "verifyAudit over the primary").ok, "verifyAudit over the primary").toBe(true);
      await ctx.awaitReplica();
      const onReplica = expectOk(await replica.verifyAudit(actors.auditor), "verifyAudit over the replica");
      expect(onReplica.ok, "verifyAudit over the caught-up replica").toBe(true);
      expect(onReplica.chains.find((c) => c.chain === kt.township)?.size, "the caught-up replica has every event of the chain").toBe(events.length);
    },
    ctx.timeout,
  );
};

export const readOnlySuite = async (ctx: SuiteContext): Promise<void> => {
  let has: boolean;
  try {
    has = await ctx.probe((opened) => typeof opened.store.transactReadOnly === "function");
  } catch (cause) {
    it("opens a store while the suites are collected, to see whether it has transactReadOnly", () => {
      throw new Error(
        `存储“${ctx.name}”在收集测试时无法打开，无法判断是否提供 transactReadOnly；请修正 makeStore，或以 off: { "read-only": "原因" } 关闭该套件。 / ` +
          `store "${ctx.name}" could not be opened while the suites were collected, to see whether it has transactReadOnly: fix makeStore, or switch the suite off with off: { "read-only": "the reason" }. (${String(cause)})`,
      );
    });
    return;
  }
  if (!has) {
    it.todo(`store "${ctx.name}" has no transactReadOnly: nothing to check (a store without it is complete; the ledger then reads in transact)`);
    return;
  }
  registerSuite(ctx);
};
