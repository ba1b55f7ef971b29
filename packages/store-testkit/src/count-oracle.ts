import type { DisputeCount, DisputeCountQuery, DisputeRow } from "@tiaojie/core";
import { expect } from "vitest";
import { oracleMatches } from "./find-oracle.js";

// What `disputeCounts` must return, written from the port's JSDoc alone
// (LedgerTransaction in ledger-store.ts): the rows `find` would return for the
// same scope and filter (the find oracle's answer, all pages), grouped by seven
// columns, a row without `leadUnit` in the group of those without one, each
// group once with its number of rows, in any order.

/** The seven columns of a group, as one string: `leadUnit` absent and present never meet. */
export const groupKey = (c: Pick<DisputeRow, "jurisdiction" | "domain" | "status" | "level" | "priority" | "gradeConfirmed" | "leadUnit">): string =>
  JSON.stringify([c.jurisdiction, c.domain, c.status, c.level, c.priority, c.gradeConfirmed, c.leadUnit === undefined ? { absent: true } : c.leadUnit]);

/** Every group `disputeCounts` must return for the query over these rows, ordered by key. */
export const oracleCounts = (rows: ReadonlyArray<DisputeRow>, query: DisputeCountQuery): ReadonlyArray<DisputeCount> => {
  const groups = new Map<string, DisputeCount>();
  for (const r of oracleMatches("disputes", rows, query)) {
    const key = groupKey(r);
    const seen = groups.get(key);
    groups.set(key, {
      jurisdiction: r.jurisdiction,
      domain: r.domain,
      status: r.status,
      level: r.level,
      priority: r.priority,
      gradeConfirmed: r.gradeConfirmed,
      ...(r.leadUnit === undefined ? {} : { leadUnit: r.leadUnit }),
      count: (seen?.count ?? 0) + 1,
    });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
};

/**
 * Checks a store's answer against the oracle's: every count a whole number of
 * at least 1 (a number, not a string or a bigint as some drivers return
 * `COUNT(*)`), each group once, no `leadUnit` field on the group without one, and
 * the same groups with the same counts, in any order.
 */
export const expectCounts = (actual: ReadonlyArray<DisputeCount>, expected: ReadonlyArray<DisputeCount>, what: string): void => {
  expect(Array.isArray(actual), `${what}: an array of groups`).toBe(true);
  const seen = new Set<string>();
  for (const g of actual) {
    expect(typeof g.count, `${what}: the count of ${groupKey(g)} is a number (a driver may return COUNT(*) as a string or a bigint: convert it)`).toBe("number");
    expect(Number.isInteger(g.count) && g.count >= 1, `${what}: the count of ${groupKey(g)} is a whole number of at least 1, not ${String(g.count)}`).toBe(true);
    expect("leadUnit" in g && g.leadUnit === undefined, `${what}: the group without a lead unit has no leadUnit field (not one set to undefined or null)`).toBe(false);
    const key = groupKey(g);
    expect(seen.has(key), `${what}: the group ${key} comes once`).toBe(false);
    seen.add(key);
  }
  const sorted = [...actual].sort((a, b) => (groupKey(a) < groupKey(b) ? -1 : groupKey(a) > groupKey(b) ? 1 : 0));
  expect(sorted, `${what}: the groups and their counts`).toStrictEqual(expected);
};
