import { type DivisionCode, type Page, type RowBase, isWithinDivision } from "@tiaojie/core";
import { expect } from "vitest";
import { jurisdictionOf } from "./fixtures/kit-collections.js";

/**
 * Checks a page against every row the query may return (`expected`, in order,
 * after the query's `after`): the page holds the first `limit` of them exactly,
 * nothing outside the scope, and `next` is the last row's id when more follow
 * (absent, or the last row's id, when none do; absent on an empty page).
 */
export const expectPage = <R extends RowBase>(
  page: Page<R>,
  expected: ReadonlyArray<R>,
  query: { readonly within: DivisionCode; readonly limit: number },
  what: string,
): void => {
  for (const row of page.rows) {
    const jurisdiction = jurisdictionOf(row);
    expect(
      jurisdiction !== undefined && isWithinDivision(jurisdiction, query.within),
      `${what}: row ${row.id} lies in ${String(jurisdiction)}, outside the scope ${query.within}`,
    ).toBe(true);
  }
  expect(page.rows.length, `${what}: a page holds at most limit (${query.limit}) rows`).toBeLessThanOrEqual(query.limit);
  expect(
    page.rows.map((r) => r.id),
    `${what}: the ids of the page`,
  ).toEqual(expected.slice(0, query.limit).map((r) => r.id));
  expect(page.rows, `${what}: the rows of the page, as written`).toStrictEqual(expected.slice(0, query.limit));
  const last = page.rows[page.rows.length - 1];
  if (last === undefined) expect(page.next, `${what}: an empty page has no next`).toBeUndefined();
  else if (expected.length > query.limit) expect(page.next, `${what}: more rows follow, so next is the last row's id`).toBe(last.id);
  else if (page.next !== undefined) expect(page.next, `${what}: next, when given on the last page, is the last row's id`).toBe(last.id);
};
