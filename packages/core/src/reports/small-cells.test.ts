import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { DivisionCode } from "../model/division-code.js";
import type { LocalDate } from "../model/local-date.js";
import { SupportCategories, type SupportCategory } from "../taxonomy/support-categories.js";
import type { MonthlyReport, ReportCounts, ReportRow } from "./monthly-report.js";
import { type Cell, type SupportCounts, suppressSmallCells } from "./small-cells.js";

// Reports made from generated records, so that every breakdown adds up to its
// totals as a real report's does: each record is one dispute with its village,
// domain, level, priority and lead unit, counted in some columns.

const COLUMNS = ["new", "cumulative", "resolvedInPeriod", "openAtEnd"] as const;
const VILLAGES = ["532301104201", "532301104202", "532301104203", "532301104204"] as DivisionCode[];
const DOMAINS = ["neighbourhood", "marriage-family", "forest-land", "petition", "medical"] as const;
const LEVELS = ["red", "orange", "yellow", "blue", "ungraded"] as const;
const PRIORITIES = ["urgent", "high", "normal", "ungraded"] as const;
const UNITS = ["u-sfs", "u-v201", "u-v202", "unassigned"] as const;

const recordArb = fc.record({
  village: fc.constantFrom(...VILLAGES),
  domain: fc.constantFrom(...DOMAINS),
  level: fc.constantFrom(...LEVELS),
  priority: fc.constantFrom(...PRIORITIES),
  unit: fc.constantFrom(...UNITS),
  isNew: fc.boolean(),
  resolved: fc.boolean(),
});
type Rec = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;
const countsOf = (rs: ReadonlyArray<Rec>): ReportCounts => ({
  new: rs.filter((r) => r.isNew).length,
  cumulative: rs.length,
  resolvedInPeriod: rs.filter((r) => r.resolved).length,
  openAtEnd: rs.filter((r) => !r.resolved).length,
});
const rowsBy = <K extends string>(rs: ReadonlyArray<Rec>, keys: ReadonlyArray<K>, keyOf: (r: Rec) => K): ReadonlyArray<ReportRow<K>> =>
  keys.map((key) => ({ key, counts: countsOf(rs.filter((r) => keyOf(r) === key)) }));

const reportOf = (rs: ReadonlyArray<Rec>): MonthlyReport =>
  ({
    jurisdiction: "532301104000" as DivisionCode,
    period: { from: "2025-03-01" as LocalDate, to: "2025-03-31" as LocalDate },
    totals: countsOf(rs),
    resolutionRate: 0,
    groups: [],
    byVillage: rowsBy(rs, VILLAGES, (r) => r.village),
    byDomain: rowsBy(rs, DOMAINS, (r) => r.domain),
    byLevel: rowsBy(rs, LEVELS, (r) => r.level),
    byPriority: rowsBy(rs, PRIORITIES, (r) => r.priority),
    byLeadUnit: rowsBy(rs, UNITS, (r) => r.unit),
    progress: { openAtPrevious: 0, resolved: 0, stillOpen: 0, declined: 0, statuses: [] },
    overdueSubmissions: [],
    overdueTimeLimits: [],
    atRiskTimeLimits: [],
  }) as unknown as MonthlyReport;

const activeArb = fc.array(fc.record({ category: fc.constantFrom(...SupportCategories.codes), village: fc.constantFrom(...VILLAGES) }), { maxLength: 40 });
const supportOf = (active: ReadonlyArray<{ readonly category: SupportCategory; readonly village: DivisionCode }>): SupportCounts => ({
  asOf: "2025-03-31" as LocalDate,
  active: active.length,
  byCategory: SupportCategories.codes.map((key) => ({ key, active: active.filter((a) => a.category === key).length })),
  byVillage: VILLAGES.filter((v) => active.some((a) => a.village === v)).map((key) => ({ key, active: active.filter((a) => a.village === key).length })),
});

/** Records drawn so that cells of every size occur: few records for small cells, many for large. */
const inputArb = fc.record({
  records: fc.oneof(fc.array(recordArb, { maxLength: 8 }), fc.array(recordArb, { maxLength: 80 })),
  active: activeArb,
  threshold: fc.integer({ min: 1, max: 8 }),
});

const WITHHELD = { suppressed: true } as const;
const isWithheld = (c: Cell): boolean => typeof c === "object";

/** Every column of the summary beside the column of the report it came from, and the total each must add up to. */
const columnsOf = (report: MonthlyReport, support: SupportCounts, summary: ReturnType<typeof suppressSmallCells>) => {
  const out: Array<{ readonly name: string; readonly values: ReadonlyArray<number>; readonly cells: ReadonlyArray<Cell>; readonly total: number; readonly shownTotal: Cell }> = [];
  for (const dim of ["byVillage", "byDomain", "byLevel", "byPriority", "byLeadUnit"] as const) {
    for (const c of COLUMNS) {
      out.push({
        name: `${dim}.${c}`,
        values: report[dim].map((r) => r.counts[c]),
        cells: summary[dim].map((r) => r.counts[c]),
        total: report.totals[c],
        shownTotal: summary.totals[c],
      });
    }
  }
  out.push({ name: "support.byCategory", values: support.byCategory.map((r) => r.active), cells: summary.support.byCategory.map((r) => r.active), total: support.active, shownTotal: summary.support.active });
  out.push({ name: "support.byVillage", values: support.byVillage.map((r) => r.active), cells: summary.support.byVillage.map((r) => r.active), total: support.active, shownTotal: summary.support.active });
  return out;
};

const countWithheld = (v: unknown): number =>
  typeof v === "object" && v !== null
    ? "suppressed" in v && (v as { suppressed: unknown }).suppressed === true
      ? 1
      : Object.values(v).reduce((n: number, x) => n + countWithheld(x), 0)
    : 0;

describe("small-cell suppression", () => {
  test.prop([inputArb], { numRuns: 60 })("every count from 1 to threshold − 1 is withheld, totals included", ({ records, active, threshold }) => {
    const report = reportOf(records);
    const support = supportOf(active);
    const s = suppressSmallCells(report, support, { threshold, audience: "county" });
    const small = (n: number) => n >= 1 && n < threshold;
    for (const col of columnsOf(report, support, s)) {
      col.values.forEach((v, i) => {
        if (small(v)) expect(col.cells[i], `${col.name}[${i}] = ${v}`).toEqual(WITHHELD);
      });
      expect(col.shownTotal).toEqual(small(col.total) ? WITHHELD : col.total);
    }
  });

  test.prop([inputArb], { numRuns: 60 })(
    "zeros stay zero; a count of threshold or more is exact unless it is the one complement of a column's single small count",
    ({ records, active, threshold }) => {
      const report = reportOf(records);
      const support = supportOf(active);
      const s = suppressSmallCells(report, support, { threshold, audience: "city" });
      for (const col of columnsOf(report, support, s)) {
        const primary = col.values.filter((v) => v >= 1 && v < threshold).length;
        const large = col.values.filter((v) => v >= threshold);
        const complements = col.values.filter((v, i) => v >= threshold && isWithheld(col.cells[i]!));
        col.values.forEach((v, i) => {
          if (v === 0) expect(col.cells[i]).toBe(0);
          if (v >= threshold && !isWithheld(col.cells[i]!)) expect(col.cells[i]).toBe(v);
        });
        if (primary === 1 && large.length > 0) expect(complements).toEqual([Math.min(...large)]);
        else expect(complements).toEqual([]);
      }
    },
  );

  test.prop([inputArb], { numRuns: 60 })("in every column whose total is shown, never exactly one count is withheld: none follows by subtraction", ({ records, active, threshold }) => {
    const report = reportOf(records);
    const support = supportOf(active);
    const s = suppressSmallCells(report, support, { threshold, audience: "county" });
    for (const col of columnsOf(report, support, s)) {
      if (isWithheld(col.shownTotal)) continue;
      const withheld = col.cells.filter((c, i) => isWithheld(c) && col.values[i]! > 0).length;
      expect(withheld, col.name).not.toBe(1);
      // And what is shown adds up with what is withheld.
      const shownSum = col.cells.reduce((n: number, c) => n + (typeof c === "number" ? c : 0), 0);
      const withheldSum = col.values.reduce((n, v, i) => n + (isWithheld(col.cells[i]!) ? v : 0), 0);
      expect(shownSum + withheldSum).toBe(col.total);
    }
  });

  test.prop([inputArb], { numRuns: 40 })("suppressedCells counts the withheld cells; keys, order and metadata are kept", ({ records, active, threshold }) => {
    const report = reportOf(records);
    const support = supportOf(active);
    const s = suppressSmallCells(report, support, { threshold, audience: "province" });
    const { suppressedCells, ...rest } = s;
    expect(suppressedCells).toBe(countWithheld(rest));
    expect(s).toMatchObject({ audience: "province", threshold, jurisdiction: report.jurisdiction, period: report.period });
    for (const dim of ["byVillage", "byDomain", "byLevel", "byPriority", "byLeadUnit"] as const) expect(s[dim].map((r) => r.key)).toEqual(report[dim].map((r) => r.key));
    expect(s.support.byVillage.map((r) => r.key)).toEqual(support.byVillage.map((r) => r.key));
    expect(s.support.asOf).toBe(support.asOf);
    expect(s).not.toHaveProperty("groups");
  });

  test("a threshold of 1 withholds nothing; a threshold that is not a positive whole number is refused", () => {
    const report = reportOf([{ village: VILLAGES[0]!, domain: "petition", level: "blue", priority: "normal", unit: "u-sfs", isNew: true, resolved: false }]);
    const support = supportOf([{ category: 1, village: VILLAGES[0]! }]);
    const s = suppressSmallCells(report, support, { threshold: 1, audience: "county" });
    expect(s.suppressedCells).toBe(0);
    expect(s.totals).toEqual(report.totals);
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => suppressSmallCells(report, support, { threshold: bad, audience: "county" })).toThrow(RangeError);
  });
});
