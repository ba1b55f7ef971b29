import { fc, test } from "@fast-check/vitest";
import type { DivisionCode, FindQuery } from "@tiaojie/core";
import { describe, expect, it } from "vitest";
import { county, scopes } from "../fixtures/kit-divisions.js";
import { type RowOf, type ScopedName, type WhereOf, collectionOf, oneRow, rowArbitraries, rowIds, scopedNames } from "../fixtures/kit-collections.js";
import { whereArbitraries } from "../fixtures/kit-where.js";
import { byId, oracleMatches } from "../find-oracle.js";
import { expectPage } from "../page-checks.js";
import type { SuiteContext } from "../suite-context.js";

// Paging with `after`: following `next` from the first page visits every
// matching row exactly once, in id order, each page the next `limit` of them,
// and ends on a page without `next`. A cursor is an id, not an offset: rows
// written between pages neither make paging skip a row that was there
// throughout nor repeat one.

const pagingOf = <N extends ScopedName>(ctx: SuiteContext, name: N): void => {
  const data = rowIds(40).chain((ids) => fc.tuple(...ids.map((id) => rowArbitraries[name](id, 1))));
  const query = fc.record(
    { within: fc.constantFrom<DivisionCode>(county, ...scopes), where: whereArbitraries[name] as fc.Arbitrary<WhereOf<N>>, limit: fc.integer({ min: 1, max: 12 }) },
    { requiredKeys: ["within", "limit"] },
  );

  test.prop([data, query], { numRuns: ctx.runs })(
    `${name}: following next visits every matching row once, in order, and ends without next`,
    async (rows, q) => {
      const store = ctx.store();
      const limit = Math.min(q.limit, ctx.capabilities().maxPageSize);
      await store.transact(async (tx) => {
        for (const row of rows) await collectionOf(tx, name).insert(row);
      });
      const base = { within: q.within, ...(q.where === undefined ? {} : { where: q.where }), limit };
      const expected = oracleMatches(name, rows, base);
      const seen: Array<RowOf<N>> = [];
      let after: string | undefined;
      let pages = 0;
      const most = Math.ceil(expected.length / limit) + 1;
      for (;;) {
        const findQuery: FindQuery<WhereOf<N>> = after === undefined ? base : { ...base, after };
        const page = await store.transact((tx) => collectionOf(tx, name).find(findQuery));
        pages += 1;
        expectPage(page, expected.slice(seen.length), findQuery, `${name} page ${pages} of ${JSON.stringify(base)}`);
        seen.push(...page.rows);
        if (page.next === undefined) break;
        expect(pages, `${name}: paging ${expected.length} rows by ${limit} takes at most ${most} pages`).toBeLessThan(most);
        after = page.next;
      }
      expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    },
    ctx.timeout,
  );
};

export const paginationSuite = (ctx: SuiteContext): void => {
  for (const name of scopedNames) describe(name, () => pagingOf(ctx, name));

  test.prop(
    [
      rowIds(40),
      fc.array(fc.record({ inserted: rowIds(4), removeAt: fc.array(fc.nat(), { maxLength: 3 }) }), { maxLength: 12 }),
      fc.integer({ min: 1, max: 7 }),
    ],
    { numRuns: ctx.runs },
  )(
    "a cursor is an id: rows inserted and removed between pages neither make paging skip nor repeat a row that stays",
    async (initial, between, limitSeed) => {
      const store = ctx.store();
      const limit = Math.min(limitSeed, ctx.capabilities().maxPageSize);
      const present = new Set(initial);
      const make = (id: string) => ({ ...oneRow("disputes", "x"), id }) as RowOf<"disputes">;
      await store.transact(async (tx) => {
        for (const id of initial) await tx.disputes.insert({ ...make(id), jurisdiction: county, township: county });
      });
      const stayed = new Set(initial);
      const universe = new Set([...initial, ...between.flatMap((b) => b.inserted)]).size;
      const visited: string[] = [];
      let after: string | undefined;
      for (let page = 0; ; page++) {
        const got = await store.transact((tx) => tx.disputes.find({ within: county, limit, ...(after === undefined ? {} : { after }) }));
        visited.push(...got.rows.map((r) => r.id));
        if (got.next === undefined) break;
        after = got.next;
        expect(page, "paging ends: each page moves the cursor past at least one id").toBeLessThan(universe + 2);
        const change = between[page % Math.max(between.length, 1)];
        if (change === undefined) continue;
        await store.transact(async (tx) => {
          for (const id of change.inserted) {
            if (present.has(id)) continue;
            present.add(id);
            await tx.disputes.insert({ ...make(id), jurisdiction: county, township: county });
          }
          const ids = [...present].sort();
          for (const at of change.removeAt) {
            const id = ids[at % Math.max(ids.length, 1)];
            if (id === undefined || !present.has(id)) continue;
            present.delete(id);
            stayed.delete(id);
            expect(await tx.disputes.remove(id, 1)).toBe("done");
          }
        });
      }
      for (let i = 1; i < visited.length; i++) expect(visited[i - 1]! < visited[i]!, `visited in ascending id order: ${visited.join(", ")}`).toBe(true);
      for (const id of stayed) expect(visited, `a row present throughout was skipped: ${id}`).toContain(id);
    },
    ctx.timeout,
  );

  it("honours its own maxPageSize: a full page of that many rows, then the rest", async () => {
    const store = ctx.store();
    const { maxPageSize } = ctx.capabilities();
    const rows = Array.from({ length: maxPageSize + 2 }, (_, i) => ({ ...oneRow("hazards", "h"), id: `h-${String(i).padStart(6, "0")}`, jurisdiction: county }));
    await store.transact(async (tx) => {
      for (const row of rows) await tx.hazards.insert(row);
    });
    const first = await store.transact((tx) => tx.hazards.find({ within: county, limit: maxPageSize }));
    expectPage(first, [...rows].sort(byId), { within: county, limit: maxPageSize }, "the first page");
    const second = await store.transact((tx) => tx.hazards.find({ within: county, limit: maxPageSize, after: first.next! }));
    expectPage(second, rows.slice(maxPageSize), { within: county, limit: maxPageSize }, "the second page");
    expect(second.next).toBeUndefined();
  }, ctx.timeout);
};
