import { fc, test } from "@fast-check/vitest";
import { expect, it } from "vitest";
import { auditEvent } from "../fixtures/kit-audit-events.js";
import { chainB, expectedAfterCommit, readEverything, writeBaseline, writeEverything } from "../fixtures/kit-baseline.js";
import { oneRow } from "../fixtures/kit-collections.js";
import { scramble } from "../fixtures/kit-mutation.js";
import { gate, settle } from "../fixtures/kit-sync.js";
import type { SuiteContext } from "../suite-context.js";

// A transaction commits all its writes or none: when `work` rejects, `transact`
// rejects with the same reason and the store is as it was (its raw snapshot
// equal, and every read of a new transaction); when it resolves, every write is
// there. No transaction sees another's writes before they commit.

export const atomicitySuite = (ctx: SuiteContext): void => {
  const salt = fc.integer({ min: 0, max: 1_000_000 });

  test.prop([salt], { numRuns: ctx.runs })(
    "a transaction whose work rejects changes nothing any later transaction can read, and transact rejects with the same reason",
    async (s) => {
      const store = ctx.store();
      await writeBaseline(store, s);
      const before = await readEverything(store, ctx.capabilities().maxPageSize);
      const reason = new Error(`work failed (${s})`);
      let calls = 0;
      await expect(
        store.transact(async (tx) => {
          calls += 1;
          await writeEverything(tx, s);
          throw reason;
        }),
        "transact rejects with the very reason work rejected with",
      ).rejects.toBe(reason);
      expect(calls, "work is called once").toBe(1);
      expect(await readEverything(store, ctx.capabilities().maxPageSize), "the state after a rejected transaction").toStrictEqual(before);
    },
    ctx.timeout,
  );

  test.prop([salt], { numRuns: ctx.runs })(
    "a transaction whose work rejects leaves the raw snapshot as it was",
    async (s) => {
      const store = ctx.store();
      const raw = ctx.raw();
      await writeBaseline(store, s);
      const before = await raw.snapshot();
      await expect(
        store.transact(async (tx) => {
          await writeEverything(tx, s);
          throw "a string reason";
        }),
      ).rejects.toBe("a string reason");
      expect(await raw.snapshot(), "the committed state after a rejected transaction").toEqual(before);
    },
    ctx.timeout,
  );

  test.prop([salt], { numRuns: ctx.runs })(
    "a transaction whose work resolves commits every write at once, and transact resolves with the same value",
    async (s) => {
      const store = ctx.store();
      await writeBaseline(store, s);
      const value = { salt: s };
      let calls = 0;
      const result = await store.transact(async (tx) => {
        calls += 1;
        await writeEverything(tx, s);
        return value;
      });
      expect(result, "transact resolves with the very value work resolved with").toBe(value);
      expect(calls, "work is called once").toBe(1);
      expect(await readEverything(store, ctx.capabilities().maxPageSize), "the state after the commit").toStrictEqual(expectedAfterCommit(s));
    },
    ctx.timeout,
  );

  it("raw.snapshot is a deep, JSON-safe copy that equals another exactly when the state is the same", async () => {
    const store = ctx.store();
    const raw = ctx.raw();
    await writeBaseline(store, 7);
    const first = await raw.snapshot();
    expect(JSON.parse(JSON.stringify(first)), "a snapshot is JSON-safe").toStrictEqual(first);
    scramble(first);
    const second = await raw.snapshot();
    expect(second, "changing a snapshot changes neither the store nor a later snapshot").not.toEqual(first);
    await store.transact(async (tx) => {
      await tx.hazards.insert(oneRow("hazards", "passing", 1, 7));
      await tx.hazards.remove("passing", 1);
    });
    await store.transact(async (tx) => {
      await tx.grades.insert(oneRow("grades", "passing", 1, 7));
    });
    await store.transact(async (tx) => {
      await tx.grades.remove("passing", 1);
      await tx.persons.remove("base-1", 1);
      await tx.audit.append(auditEvent(chainB, 1, 7));
    });
    await store.transact(async (tx) => void (await tx.persons.insert(oneRow("persons", "base-1", 1, 7))));
    await ctx.raw().replaceAuditEvents(chainB, []);
    expect(await raw.snapshot(), "the same state reached through other writes (a row removed and inserted again, a chain made and emptied)").toEqual(second);
    await store.transact(async (tx) => void (await tx.hazards.update(oneRow("hazards", "base-3", 2, 7), 1)));
    expect(await raw.snapshot(), "a changed row changes the snapshot").not.toEqual(second);
  }, ctx.timeout);

  it("keeps a transaction's writes from every other transaction until it commits", async () => {
    const store = ctx.store();
    await writeBaseline(store, 3);
    const before = await readEverything(store, ctx.capabilities().maxPageSize);
    const wrote = gate();
    const finish = gate();
    const first = store.transact(async (tx) => {
      await writeEverything(tx, 3);
      wrote.open();
      await finish.opened;
    });
    await wrote.opened;
    if (ctx.capabilities().concurrentTransactions) {
      expect(await readEverything(store, ctx.capabilities().maxPageSize), "a concurrent transaction sees none of the uncommitted writes").toStrictEqual(before);
      finish.open();
      await first;
    } else {
      let started = false;
      const second = store.transact(async (tx) => {
        started = true;
        return tx.hazards.get("new-1");
      });
      await settle();
      expect(started, "without concurrentTransactions, a second transaction waits for the first to end").toBe(false);
      finish.open();
      await first;
      expect(await second, "the second transaction, run after the first, sees its writes").toStrictEqual(oneRow("hazards", "new-1", 1, 3));
    }
    expect(await readEverything(store, ctx.capabilities().maxPageSize), "after the commit every write is seen").toStrictEqual(expectedAfterCommit(3));
  }, ctx.timeout);
};
