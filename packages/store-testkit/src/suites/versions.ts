import { fc, test } from "@fast-check/vitest";
import { expect, it } from "vitest";
import { type CollectionName, collectionNames, collectionOf, oneRow, rowId } from "../fixtures/kit-collections.js";
import { barrier } from "../fixtures/kit-sync.js";
import type { SuiteContext } from "../suite-context.js";

// Optimistic versions: a write that expects another version than the stored one
// is `stale` and changes nothing, on a row that is not there `missing`; of two
// transactions that write from the same version, exactly one wins. With
// `concurrentTransactions` the two also read the row inside, at the same time.

type Op =
  | { readonly kind: "insert" }
  | { readonly kind: "update"; readonly expected: number }
  | { readonly kind: "remove"; readonly expected: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: "insert" as const }),
  fc.record({ kind: fc.constant("update" as const), expected: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant("remove" as const), expected: fc.integer({ min: 0, max: 4 }) }),
);

export const versionsSuite = (ctx: SuiteContext): void => {
  test.prop([fc.constantFrom(...collectionNames), rowId, fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })], {
    numRuns: ctx.runs,
  })(
    "every write's outcome and the stored row follow the versions: stale and missing writes change nothing",
    async (name, id, transactions) => {
      const store = ctx.store();
      let version: number | undefined;
      for (const ops of transactions) {
        await store.transact(async (tx) => {
          const c = collectionOf(tx, name);
          for (const o of ops) {
            const what = `${name} ${o.kind}${o.kind === "insert" ? "" : ` expecting ${o.expected}`} with the row at ${version === undefined ? "none" : `version ${version}`}`;
            if (o.kind === "insert") {
              expect(await c.insert(oneRow(name, id, 1)), what).toBe(version === undefined ? "done" : "exists");
              version ??= 1;
            } else if (o.kind === "update") {
              const outcome = version === undefined ? "missing" : version === o.expected ? "done" : "stale";
              expect(await c.update(oneRow(name, id, o.expected + 1), o.expected), what).toBe(outcome);
              if (outcome === "done") version = o.expected + 1;
            } else {
              const outcome = version === undefined ? "missing" : version === o.expected ? "done" : "stale";
              expect(await c.remove(id, o.expected), what).toBe(outcome);
              if (outcome === "done") version = undefined;
            }
            expect(await c.get(id), `${what}: the row after`).toStrictEqual(version === undefined ? undefined : oneRow(name, id, version));
          }
        });
      }
      const stored = await store.transact((tx) => collectionOf(tx, name).get(id));
      expect(stored, "the committed row").toStrictEqual(version === undefined ? undefined : oneRow(name, id, version));
    },
    ctx.timeout,
  );

  const twoWriters = async (name: CollectionName, kinds: readonly ["update" | "remove", "update" | "remove"]): Promise<void> => {
    const store = ctx.store();
    const id = "contended";
    await store.transact(async (tx) => void (await collectionOf(tx, name).insert(oneRow(name, id, 1))));
    const write = (kind: "update" | "remove", salt: number) =>
      store.transact(async (tx) => {
        const c = collectionOf(tx, name);
        return kind === "update" ? c.update(oneRow(name, id, 2, salt), 1) : c.remove(id, 1);
      });
    const outcomes = await Promise.all([write(kinds[0], 0), write(kinds[1], 1)]);
    const winners = outcomes.flatMap((o, i) => (o === "done" ? [i] : []));
    expect(winners, `exactly one of two ${kinds.join(" and ")} writes from version 1 wins: ${outcomes.join(", ")}`).toHaveLength(1);
    const winner = winners[0]!;
    const loser = 1 - winner;
    const stored = await store.transact((tx) => collectionOf(tx, name).get(id));
    if (kinds[winner] === "update") {
      expect(stored, "the winner's row is stored").toStrictEqual(oneRow(name, id, 2, winner));
      expect(outcomes[loser], "the other write met version 2").toBe("stale");
    } else {
      expect(stored, "the winner removed the row").toBeUndefined();
      expect(outcomes[loser], "the other write met no row").toBe("missing");
    }
  };

  it("of two transactions updating from the same version, started together, exactly one wins and the other is stale", async () => {
    await twoWriters("disputes", ["update", "update"]);
    await twoWriters("hazards", ["update", "update"]);
  }, ctx.timeout);

  it("of an update and a removal from the same version, started together, exactly one wins", async () => {
    await twoWriters("persons", ["update", "remove"]);
    await twoWriters("tasks", ["remove", "update"]);
  }, ctx.timeout);

  it("of two transactions that read a row and update it from the version read: run one after the other both win, run together exactly one", async () => {
    const store = ctx.store();
    if (!ctx.capabilities().concurrentTransactions) {
      // Run one after the other, the second reads what the first committed: both win, each from the version it read.
      await store.transact(async (tx) => void (await tx.disputes.insert(oneRow("disputes", "d", 1))));
      const bump = () =>
        store.transact(async (tx) => {
          const row = await tx.disputes.get("d");
          return tx.disputes.update({ ...row!, version: row!.version + 1 }, row!.version);
        });
      expect(await Promise.all([bump(), bump()])).toEqual(["done", "done"]);
      expect((await store.transact((tx) => tx.disputes.get("d")))?.version).toBe(3);
      return;
    }
    await store.transact(async (tx) => void (await tx.disputes.insert(oneRow("disputes", "d", 1))));
    const bothRead = barrier(2);
    const bump = () =>
      store.transact(async (tx) => {
        const row = await tx.disputes.get("d");
        await bothRead();
        return tx.disputes.update({ ...row!, version: row!.version + 1 }, row!.version);
      });
    expect([...(await Promise.all([bump(), bump()]))].sort()).toEqual(["done", "stale"]);
    expect((await store.transact((tx) => tx.disputes.get("d")))?.version).toBe(2);
  }, ctx.timeout);
};
