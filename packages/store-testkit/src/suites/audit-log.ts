import { fc, test } from "@fast-check/vitest";
import type { AuditEventRow } from "@tiaojie/core";
import { expect, it } from "vitest";
import { auditEvent, auditEventArbitrary, chainNames } from "../fixtures/kit-audit-events.js";
import { scramble } from "../fixtures/kit-mutation.js";
import { barrier } from "../fixtures/kit-sync.js";
import type { SuiteContext } from "../suite-context.js";

// The audit log: `append` takes seq 1 on a new chain and head + 1 after, and
// answers anything else `conflict` without a change; `head`, `list` (after a seq,
// at most a limit, in seq order) and `chains` (sorted) see the transaction's own
// appends; chains are independent; two transactions appending the same seq get
// one `done` and one `conflict`. Then the raw hooks: `auditEvents` returns what
// is stored, and `replaceAuditEvents` makes it exactly what a test says, which
// the port then reads as it is.

const [chainA, chainB] = chainNames as [string, string];

/** A chain's events, seq 1 to `count`, made from random events. */
const chainOf = (chain: string, count: number): fc.Arbitrary<ReadonlyArray<AuditEventRow>> =>
  fc.tuple(...Array.from({ length: count }, (_, i) => auditEventArbitrary(chain, i + 1)));

export const auditLogSuite = (ctx: SuiteContext): void => {
  it("append takes seq 1 on a new chain and head + 1 after it, and answers conflict to anything else without a change", async () => {
    const store = ctx.store();
    await store.transact(async (tx) => {
      expect(await tx.audit.head(chainA), "the head of a chain without events").toBeUndefined();
      for (const seq of [0, 2, -1]) expect(await tx.audit.append(auditEvent(chainA, seq)), `seq ${seq} on a new chain`).toBe("conflict");
      expect(await tx.audit.head(chainA), "a conflict adds nothing").toBeUndefined();
      expect(await tx.audit.chains(), "a conflict makes no chain").toEqual([]);
      expect(await tx.audit.append(auditEvent(chainA, 1)), "seq 1 on a new chain").toBe("done");
      expect(await tx.audit.head(chainA), "the head sees the transaction's own append").toEqual({ seq: 1, hash: auditEvent(chainA, 1).hash });
    });
    await store.transact(async (tx) => {
      for (const seq of [1, 3, 0]) expect(await tx.audit.append(auditEvent(chainA, seq, 9)), `seq ${seq} after head 1`).toBe("conflict");
      expect(await tx.audit.list(chainA, 0, 10), "conflicts add nothing").toStrictEqual([auditEvent(chainA, 1)]);
      expect(await tx.audit.append(auditEvent(chainA, 2)), "seq 2 after head 1").toBe("done");
      expect(await tx.audit.append(auditEvent(chainA, 3)), "seq 3 after the transaction's own seq 2").toBe("done");
      expect(await tx.audit.list(chainA, 1, 10), "list sees the transaction's own appends").toStrictEqual([auditEvent(chainA, 2), auditEvent(chainA, 3)]);
    });
    await store.transact(async (tx) => {
      expect(await tx.audit.head(chainA)).toEqual({ seq: 3, hash: auditEvent(chainA, 3).hash });
      expect(await tx.audit.list(chainA, 0, 10)).toStrictEqual([1, 2, 3].map((seq) => auditEvent(chainA, seq)));
      expect(await tx.audit.head(chainB), "another chain is untouched").toBeUndefined();
      expect(await tx.audit.append(auditEvent(chainB, 1)), "another chain starts at 1").toBe("done");
      expect(await tx.audit.chains()).toEqual([chainA, chainB].sort());
    });
  }, ctx.timeout);

  test.prop(
    [
      fc.uniqueArray(fc.constantFrom(...chainNames, "ledger-2", "Ledger"), { minLength: 1, maxLength: 4 }).chain((names) =>
        fc.tuple(...names.map((name) => fc.integer({ min: 0, max: 12 }).chain((count) => chainOf(name, count).map((events) => ({ name, events }))))),
      ),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.record({ chainIndex: fc.nat(), afterSeq: fc.integer({ min: 0, max: 14 }), limit: fc.integer({ min: 1, max: 15 }) }), { minLength: 1, maxLength: 6 }),
    ],
    { numRuns: ctx.runs },
  )(
    "list returns a chain's events after afterSeq, at most limit, in seq order; head is the last; chains are sorted and independent",
    async (chains, batchSizes, queries) => {
      const store = ctx.store();
      // Interleave the chains' events round-robin, committed in batches of random sizes.
      const queue: AuditEventRow[] = [];
      for (let i = 0; queue.length < chains.reduce((n, c) => n + c.events.length, 0); i++) for (const c of chains) if (c.events[i]) queue.push(c.events[i]!);
      for (let b = 0, at = 0; at < queue.length; b++) {
        const batch = queue.slice(at, at + batchSizes[b % batchSizes.length]!);
        at += batch.length;
        await store.transact(async (tx) => {
          for (const event of batch) expect(await tx.audit.append(event), `append ${event.chain} #${event.seq}`).toBe("done");
        });
      }
      await store.transact(async (tx) => {
        const withEvents = chains.filter((c) => c.events.length > 0).map((c) => c.name);
        expect(await tx.audit.chains(), "every chain with an event, sorted").toEqual([...withEvents].sort());
        for (const c of chains) {
          const last = c.events[c.events.length - 1];
          expect(await tx.audit.head(c.name), `head of ${c.name}`).toEqual(last === undefined ? undefined : { seq: last.seq, hash: last.hash });
        }
        for (const q of queries) {
          const c = chains[q.chainIndex % chains.length]!;
          expect(await tx.audit.list(c.name, q.afterSeq, q.limit), `list(${c.name}, ${q.afterSeq}, ${q.limit})`).toStrictEqual(
            c.events.filter((e) => e.seq > q.afterSeq).slice(0, q.limit),
          );
        }
      });
    },
    ctx.timeout,
  );

  it("of two transactions appending the same next seq, started together, one is done and the other meets a conflict", async () => {
    const store = ctx.store();
    await store.transact(async (tx) => void (await tx.audit.append(auditEvent(chainA, 1))));
    const concurrent = ctx.capabilities().concurrentTransactions;
    const bothRead = barrier(2);
    const append = (salt: number) =>
      store.transact(async (tx) => {
        if (concurrent) {
          expect(await tx.audit.head(chainA)).toEqual({ seq: 1, hash: auditEvent(chainA, 1).hash });
          await bothRead();
        }
        return tx.audit.append(auditEvent(chainA, 2, salt));
      });
    const outcomes = await Promise.all([append(1), append(2)]);
    expect([...outcomes].sort(), `outcomes ${outcomes.join(", ")}`).toEqual(["conflict", "done"]);
    const winner = outcomes.indexOf("done") + 1;
    const events = await store.transact((tx) => tx.audit.list(chainA, 0, 10));
    expect(events, "the winner's event is stored, once").toStrictEqual([auditEvent(chainA, 1), auditEvent(chainA, 2, winner)]);
  }, ctx.timeout);

  it("never shares an event with the caller, appended or listed", async () => {
    const store = ctx.store();
    const given = structuredClone(auditEvent(chainA, 1));
    await store.transact(async (tx) => {
      await tx.audit.append(given);
      scramble(given);
      const listed = await tx.audit.list(chainA, 0, 1);
      expect(listed).toStrictEqual([auditEvent(chainA, 1)]);
      scramble(listed);
    });
    expect(await store.transact((tx) => tx.audit.list(chainA, 0, 10))).toStrictEqual([auditEvent(chainA, 1)]);
  }, ctx.timeout);

  it("raw.auditEvents returns the stored events of a chain in seq order, none for a chain without events", async () => {
    const store = ctx.store();
    const raw = ctx.raw();
    await store.transact(async (tx) => {
      for (const seq of [1, 2, 3]) await tx.audit.append(auditEvent(chainA, seq));
      await tx.audit.append(auditEvent(chainB, 1));
    });
    expect(await raw.auditEvents(chainA)).toStrictEqual([1, 2, 3].map((seq) => auditEvent(chainA, seq)));
    expect(await raw.auditEvents(chainB)).toStrictEqual([auditEvent(chainB, 1)]);
    expect(await raw.auditEvents("no-such-chain")).toEqual([]);
  }, ctx.timeout);

  test.prop([fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(chainOf(chainA, n), fc.shuffledSubarray([...Array(n).keys()], { minLength: 1 }), fc.nat()))], {
    numRuns: ctx.runs,
  })(
    "raw.replaceAuditEvents makes a chain's stored events exactly the ones given (altered, dropped, reordered), and the port reads them as they are",
    async ([events, keep, alterAt]) => {
      const store = ctx.store();
      const raw = ctx.raw();
      await store.transact(async (tx) => {
        for (const event of events) await tx.audit.append(event);
        await tx.audit.append(auditEvent(chainB, 1));
      });
      const altered = alterAt % keep.length;
      const tampered = keep.map((i, k) => (k === altered ? { ...events[i]!, action: "tampered", fields: ["identityNumber"] } : events[i]!));
      await raw.replaceAuditEvents(chainA, tampered);
      const stored = [...tampered].sort((a, b) => a.seq - b.seq);
      expect(await raw.auditEvents(chainA), "the stored events, in seq order").toStrictEqual(stored);
      expect(await raw.auditEvents(chainB), "another chain is untouched").toStrictEqual([auditEvent(chainB, 1)]);
      await store.transact(async (tx) => {
        expect(await tx.audit.list(chainA, 0, 100), "list reads the stored events").toStrictEqual(stored);
        const last = stored[stored.length - 1]!;
        expect(await tx.audit.head(chainA), "head is the last stored event").toEqual({ seq: last.seq, hash: last.hash });
        expect(await tx.audit.append(auditEvent(chainA, last.seq + 1)), "append continues from the stored head").toBe("done");
      });
      await raw.replaceAuditEvents(chainA, []);
      expect(await raw.auditEvents(chainA), "no events after replacing them with none").toEqual([]);
      await store.transact(async (tx) => {
        expect(await tx.audit.head(chainA)).toBeUndefined();
        expect(await tx.audit.chains(), "a chain without events is not listed").toEqual([chainB]);
      });
    },
    ctx.timeout,
  );
};
