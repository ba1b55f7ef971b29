import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { prefecture } from "../fixtures/kit-divisions.js";
import {
  type CollectionName,
  collectionNames,
  collectionOf,
  oneRow,
  rowArbitraries,
  rowId,
} from "../fixtures/kit-collections.js";
import { scramble } from "../fixtures/kit-mutation.js";
import type { SuiteContext } from "../suite-context.js";

// Insert, get, update and remove of every collection: each outcome of the port
// (done, exists, stale, missing), versions, rows that come back exactly as
// written (deep-equal, plain JSON, no property left undefined), and no aliasing.

const versionsOf = <N extends CollectionName>(name: N) =>
  rowId.chain((id) => fc.tuple(rowArbitraries[name](id, 1), rowArbitraries[name](id, 2), rowArbitraries[name](id, 3)));

const copy = <R>(row: R): R => structuredClone(row);

export const crudSuite = (ctx: SuiteContext): void => {
  for (const name of collectionNames) {
    describe(name, () => {
      test.prop([versionsOf(name)], { numRuns: ctx.runs })(
        `${name}: insert, get, update and remove return the port's outcomes, and get returns each row as last written`,
        async ([v1, v2, v3]) => {
          const store = ctx.store();
          const id = v1.id;
          await store.transact(async (tx) => {
            const c = collectionOf(tx, name);
            expect(await c.get(id), "get of an id never written").toBeUndefined();
            expect(await c.insert(copy(v1)), "insert of a new id").toBe("done");
            expect(await c.get(id), "get in the inserting transaction").toStrictEqual(v1);
          });
          await store.transact(async (tx) => {
            const c = collectionOf(tx, name);
            expect(await c.get(id), "get after commit").toStrictEqual(v1);
            expect(await c.insert(copy({ ...v2, version: 1 })), "insert of a stored id").toBe("exists");
            expect(await c.get(id), "after a refused insert the row is unchanged").toStrictEqual(v1);
            expect(await c.update(copy(v2), 0), "update expecting version 0 of a row at version 1").toBe("stale");
            expect(await c.update(copy(v2), 2), "update expecting version 2 of a row at version 1").toBe("stale");
            expect(await c.remove(id, 2), "remove expecting version 2 of a row at version 1").toBe("stale");
            expect(await c.get(id), "after stale writes the row is unchanged").toStrictEqual(v1);
            expect(await c.update(copy(v2), 1), "update expecting the stored version").toBe("done");
            expect(await c.get(id), "get in the updating transaction").toStrictEqual(v2);
          });
          await store.transact(async (tx) => {
            const c = collectionOf(tx, name);
            expect(await c.get(id), "get after the update's commit").toStrictEqual(v2);
            expect(await c.update(copy(v3), 1), "update expecting the version before last").toBe("stale");
            expect(await c.remove(id, 1), "remove expecting the version before last").toBe("stale");
            expect(await c.update(copy(v3), 2), "a second update").toBe("done");
            expect(await c.remove(id, 3), "remove expecting the stored version").toBe("done");
            expect(await c.get(id), "get in the removing transaction").toBeUndefined();
            expect(await c.update(copy(v3), 3), "update of a removed row").toBe("missing");
            expect(await c.remove(id, 3), "remove of a removed row").toBe("missing");
          });
          await store.transact(async (tx) => {
            const c = collectionOf(tx, name);
            expect(await c.get(id), "get after the removal's commit").toBeUndefined();
            expect(await c.update(copy(v2), 1), "update of an id never stored").toBe("missing");
            expect(await c.insert(copy(v1)), "insert again after removal").toBe("done");
          });
          await store.transact(async (tx) => {
            expect(await collectionOf(tx, name).get(id), "the row inserted again").toStrictEqual(v1);
          });
        },
        ctx.timeout,
      );

      it(`${name}: keeps apart ids that differ only in case or by a suffix`, async () => {
        const ids = ["ab", "aB", "Ab", "AB", "ab-", "ab_", "ab.1", "ab:1"];
        const rows = ids.map((id) => oneRow(name, id));
        const store = ctx.store();
        await store.transact(async (tx) => {
          for (const row of rows) expect(await collectionOf(tx, name).insert(copy(row)), `insert ${row.id}`).toBe("done");
        });
        await store.transact(async (tx) => {
          for (const row of rows) expect(await collectionOf(tx, name).get(row.id), `get ${row.id}`).toStrictEqual(row);
          expect(await collectionOf(tx, name).get("AB-"), "get of an id that was never written").toBeUndefined();
        });
      }, ctx.timeout);

      it(`${name}: never shares a row with the caller, given or returned`, async () => {
        const store = ctx.store();
        const row = oneRow(name, "alias-1");
        const given = copy(row);
        await store.transact(async (tx) => {
          const c = collectionOf(tx, name);
          await c.insert(given);
          scramble(given);
          expect(await c.get(row.id), "changing the inserted object, in its transaction, changed the stored row").toStrictEqual(row);
        });
        scramble(given);
        await store.transact(async (tx) => {
          const c = collectionOf(tx, name);
          const got = await c.get(row.id);
          expect(got, "changing the inserted object, after commit, changed the stored row").toStrictEqual(row);
          scramble(got);
          expect(await c.get(row.id), "changing a row returned by get changed the stored row").toStrictEqual(row);
          if (name !== "idempotency") {
            const page = await c.find({ within: prefecture, limit: 1 });
            expect(page.rows, "find returns the row").toStrictEqual([row]);
            for (const r of page.rows) scramble(r);
            scramble(page.rows);
            expect(await c.get(row.id), "changing a row returned by find changed the stored row").toStrictEqual(row);
            expect((await c.find({ within: prefecture, limit: 1 })).rows, "find after changing what find returned").toStrictEqual([row]);
          }
          const next = copy(oneRow(name, row.id, 2));
          expect(await c.update(next, 1), "update").toBe("done");
          scramble(next);
          expect(await c.get(row.id), "changing the object given to update, in its transaction, changed the stored row").toStrictEqual(
            oneRow(name, row.id, 2),
          );
        });
        await store.transact(async (tx) => {
          expect(await collectionOf(tx, name).get(row.id), "changing the object given to update, after commit, changed the stored row").toStrictEqual(
            oneRow(name, row.id, 2),
          );
        });
      }, ctx.timeout);
    });
  }
};
