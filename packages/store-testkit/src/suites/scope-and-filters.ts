import { fc, test } from "@fast-check/vitest";
import type { LedgerTransaction } from "@tiaojie/core";
import { describe } from "vitest";
import { type RowOf, type ScopedName, type WhereOf, collectionOf, rowArbitraries, rowIds, scopedNames } from "../fixtures/kit-collections.js";
import { type KitQuery, queryArbitrary, toFindQuery } from "../fixtures/kit-where.js";
import { oracleMatches } from "../find-oracle.js";
import { expectPage } from "../page-checks.js";
import type { SuiteContext } from "../suite-context.js";

// `find` against the oracle: random rows of a collection in the county's
// villages, townships, the county itself and a neighbouring county; random
// scopes from the prefecture down to a village, random filters, cursors and
// limits. Queries run after a commit, inside a transaction that has inserted,
// updated and removed rows of its own (it must see its writes), and after that
// transaction's commit.

/** What happens to a row: committed and kept, inserted only in the querying transaction, updated or removed by it. */
type Fate = "kept" | "pending" | "updated" | "removed";

interface Entry<N extends ScopedName> {
  readonly first: RowOf<N>;
  readonly second: RowOf<N>;
  readonly fate: Fate;
}

const scenario = <N extends ScopedName>(name: N): fc.Arbitrary<{ entries: ReadonlyArray<Entry<N>>; queries: ReadonlyArray<KitQuery<WhereOf<N>>> }> =>
  rowIds(24)
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({
            first: rowArbitraries[name](id, 1),
            second: rowArbitraries[name](id, 2),
            fate: fc.constantFrom<Fate>("kept", "kept", "pending", "updated", "removed"),
          }),
        ),
      ),
    )
    .chain((entries) =>
      fc.record({
        entries: fc.constant(entries),
        queries: fc.array(queryArbitrary(name, entries.map((e) => e.first.id)), { minLength: 1, maxLength: 3 }),
      }),
    );

const scopeAndFiltersOf = <N extends ScopedName>(ctx: SuiteContext, name: N): void => {
  test.prop([scenario(name)], { numRuns: ctx.runs })(
    `${name}: find returns exactly the rows within the scope that the filters keep, in id order, before and after commit`,
    async ({ entries, queries }) => {
      const store = ctx.store();
      const { maxPageSize } = ctx.capabilities();
      const check = async (tx: LedgerTransaction, rows: ReadonlyArray<RowOf<N>>, when: string): Promise<void> => {
        for (const q of queries) {
          const query = toFindQuery(q, maxPageSize);
          const page = await collectionOf(tx, name).find(query);
          expectPage(page, oracleMatches(name, rows, query), query, `${name}.find(${JSON.stringify(query)}) ${when}`);
        }
      };
      const committed = entries.filter((e) => e.fate !== "pending").map((e) => e.first);
      const final = entries.flatMap((e) => (e.fate === "removed" ? [] : e.fate === "updated" ? [e.second] : [e.first]));
      await store.transact(async (tx) => {
        for (const row of committed) await collectionOf(tx, name).insert(row);
      });
      await store.transact((tx) => check(tx, committed, "after commit"));
      await store.transact(async (tx) => {
        const c = collectionOf(tx, name);
        for (const e of entries) {
          if (e.fate === "pending") await c.insert(e.first);
          else if (e.fate === "updated") await c.update(e.second, 1);
          else if (e.fate === "removed") await c.remove(e.first.id, 1);
        }
        await check(tx, final, "inside a transaction that inserted, updated and removed rows");
      });
      await store.transact((tx) => check(tx, final, "after that transaction's commit"));
    },
    ctx.timeout,
  );
};

export const scopeAndFiltersSuite = (ctx: SuiteContext): void => {
  for (const name of scopedNames) describe(name, () => scopeAndFiltersOf(ctx, name));
};
