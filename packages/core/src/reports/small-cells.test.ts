import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
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

/**
 * The rule as the TSDoc of `suppressSmallCells` and the policy documents state
 * it, written afresh here: which cells of a column with total `total` are
 * withheld at threshold `t`.
 */
const ruleWithholds = (values: ReadonlyArray<number>, total: number, t: number): ReadonlyArray<boolean> => {
  const small = (n: number) => n >= 1 && n < t;
  if (small(total)) return values.map(() => true);
  if (!values.some(small)) return values.map(() => false);
  // The small counts and the zeros; every other count is t or more.
  const out = values.map((v) => v < t);
  const group = values.filter((v) => v < t);
  if (group.length < 2 || group.reduce((a, b) => a + b, 0) < t || group.every((v) => v === t - 1)) {
    const others = values.filter((v) => v >= t);
    if (others.length > 0) {
      const least = Math.min(...others);
      values.forEach((v, i) => {
        if (v === least) out[i] = true;
      });
    }
  }
  return out;
};

// One column as a reader sees it, made by the public `suppressSmallCells`: the
// column is given as the support counts by village (a breakdown of any length),
// beside an empty report.
const COLUMN_KEYS = Array.from({ length: 8 }, (_, i) => `53230110420${i}` as DivisionCode);
const EMPTY_REPORT = reportOf([]);
const NO_CATEGORIES = SupportCategories.codes.map((key) => ({ key, active: 0 }));
/** What a summary shows of a column: each cell's count or `*`, and its total or `*`. */
const shownColumn = (values: ReadonlyArray<number>, threshold: number): string => {
  const active = values.reduce((a, b) => a + b, 0);
  const support: SupportCounts = { asOf: "2025-03-31" as LocalDate, active, byCategory: NO_CATEGORIES, byVillage: values.map((n, i) => ({ key: COLUMN_KEYS[i]!, active: n })) };
  const s = suppressSmallCells(EMPTY_REPORT, support, { threshold, audience: "county" });
  const show = (c: Cell) => (typeof c === "number" ? String(c) : "*");
  return `${s.support.byVillage.map((r) => show(r.active)).join(",")} of ${show(s.support.active)}`;
};

/**
 * A reader who knows the rule exactly: every column of the same length that
 * shows what this one shows (same shown cells and total, the same cells
 * withheld when the rule is applied to it). A withheld total is 1 to
 * threshold − 1, so those are the totals tried; withheld cells may be 0. The
 * reader tries each candidate by the rule as written here (`ruleWithholds`, which
 * is fast); each count it then credits a withheld cell with is first confirmed
 * by `suppressSmallCells` itself showing that candidate just as it shows the
 * column, so that a cell counted as not pinned truly is not. Returns, for each
 * withheld cell, the confirmed counts it takes.
 */
const readBack = (values: ReadonlyArray<number>, threshold: number) => {
  const seen = shownColumn(values, threshold);
  const total = values.reduce((a, b) => a + b, 0);
  const pattern = ruleWithholds(values, total, threshold);
  const hidden = pattern.flatMap((h, i) => (h ? [i] : []));
  const totalHidden = total >= 1 && total < threshold;
  const shownSum = values.reduce((n, v, i) => n + (pattern[i] ? 0 : v), 0);
  const totals = totalHidden ? Array.from({ length: threshold - 1 }, (_, k) => k + 1) : [total];
  const takes = hidden.map(() => new Set<number>());
  let candidates = 0;
  let consistent = 0;
  const candidate = values.slice();
  const fill = (k: number, left: number, sum: number): void => {
    if (k === hidden.length - 1) {
      candidate[hidden[k]!] = left;
      candidates += 1;
      const again = ruleWithholds(candidate, sum, threshold);
      if (again.some((h, i) => h !== pattern[i])) return;
      consistent += 1;
      if (hidden.every((i, j) => takes[j]!.has(candidate[i]!) || takes[j]!.size >= 2)) return;
      if (shownColumn(candidate, threshold) !== seen) return;
      hidden.forEach((i, j) => takes[j]!.add(candidate[i]!));
      return;
    }
    for (let v = 0; v <= left; v++) {
      candidate[hidden[k]!] = v;
      fill(k + 1, left - v, sum);
    }
  };
  for (const t of totals) if (hidden.length > 0 && t >= shownSum) fill(0, t - shownSum, t);
  // The rule as written here shows the column just as suppressSmallCells does.
  const byModel = `${values.map((v, i) => (pattern[i] ? "*" : String(v))).join(",")} of ${totalHidden ? "*" : String(total)}`;
  return { seen, byModel, hidden, takes, candidates, consistent };
};

/** The one column the rule cannot protect: at threshold 2, two cells of 1 under their shown total of 2. */
const unprotectable = (values: ReadonlyArray<number>, threshold: number): boolean => threshold === 2 && values.length === 2 && values.every((v) => v === 1);

const reader = { columns: 0, withheldCells: 0, candidates: 0, consistent: 0, pinned: 0, pinnedSmall: 0, unprotectable: 0 };

/** Small columns: 2 to 4 cells, counts 0 to 2t + 2 (small ones drawn often), thresholds 2 to 5. */
const smallColumnArb = fc.integer({ min: 2, max: 5 }).chain((threshold) =>
  fc.record({
    threshold: fc.constant(threshold),
    values: fc.array(fc.oneof(fc.integer({ min: 0, max: threshold }), fc.integer({ min: 0, max: 2 * threshold + 2 })), { minLength: 2, maxLength: 4 }),
  }),
);

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
    "withholds exactly what the rule says: a small total's whole column; otherwise, beside the small counts, the column's zeros and, while needed, its smallest other count with its equals; every shown count exact",
    ({ records, active, threshold }) => {
      const report = reportOf(records);
      const support = supportOf(active);
      const s = suppressSmallCells(report, support, { threshold, audience: "city" });
      for (const col of columnsOf(report, support, s)) {
        const expected = ruleWithholds(col.values, col.total, threshold);
        expect(col.cells.map(isWithheld), `${col.name} ${JSON.stringify(col.values)} of ${col.total}`).toEqual(expected);
        col.values.forEach((v, i) => {
          if (!isWithheld(col.cells[i]!)) expect(col.cells[i]).toBe(v);
        });
      }
    },
  );

  test.prop([inputArb], { numRuns: 60 })("in every column whose total is shown, never exactly one count is withheld: none follows by subtraction", ({ records, active, threshold }) => {
    const report = reportOf(records);
    const support = supportOf(active);
    const s = suppressSmallCells(report, support, { threshold, audience: "county" });
    for (const col of columnsOf(report, support, s)) {
      if (isWithheld(col.shownTotal)) continue;
      const withheld = col.cells.filter(isWithheld).length;
      expect(withheld, col.name).not.toBe(1);
      // And what is shown adds up with what is withheld.
      const shownSum = col.cells.reduce((n: number, c) => n + (typeof c === "number" ? c : 0), 0);
      const withheldSum = col.values.reduce((n, v, i) => n + (isWithheld(col.cells[i]!) ? v : 0), 0);
      expect(shownSum + withheldSum).toBe(col.total);
    }
  });

  test.prop([inputArb], { numRuns: 60 })(
    "in every column whose total is shown, the withheld cells are none, or two or more adding up to the threshold or more; under a withheld total every cell of the column is withheld",
    ({ records, active, threshold }) => {
      const report = reportOf(records);
      const support = supportOf(active);
      const s = suppressSmallCells(report, support, { threshold, audience: "county" });
      for (const col of columnsOf(report, support, s)) {
        const at = `${col.name} ${JSON.stringify(col.values)} of ${col.total}, threshold ${threshold}`;
        if (isWithheld(col.shownTotal)) {
          expect(col.cells.every(isWithheld), at).toBe(true);
          continue;
        }
        const withheld = col.values.filter((_, i) => isWithheld(col.cells[i]!));
        const sum = withheld.reduce((a, b) => a + b, 0);
        expect(withheld.length === 0 ? sum === 0 : withheld.length >= 2 && sum >= threshold, at).toBe(true);
      }
    },
  );

  describe("a reader who knows the rule exactly", () => {
    afterAll(() => {
      console.log(
        `small cells, brute-force reader: ${reader.columns} columns with cells withheld (${reader.withheldCells} withheld cells), ${reader.candidates} candidate columns enumerated, ` +
          `${reader.consistent} consistent with what was shown; ${reader.pinned} cells pinned to one count (${reader.pinnedSmall} to a count from 1 to threshold − 1), ` +
          `besides ${reader.unprotectable} columns of the one unprotectable kind (threshold 2, two cells of 1)`,
      );
    });

    const check = (values: ReadonlyArray<number>, threshold: number) => {
      const r = readBack(values, threshold);
      const at = `${JSON.stringify(values)} at threshold ${threshold}, shown ${r.seen}`;
      expect(r.byModel, at).toBe(r.seen);
      // The column itself is among those the reader finds (when anything is withheld).
      expect(r.consistent > 0 || r.hidden.length === 0, at).toBe(true);
      const pinned = r.hidden.filter((_, j) => r.takes[j]!.size < 2);
      if (r.hidden.length > 0) reader.columns += 1;
      reader.withheldCells += r.hidden.length;
      reader.candidates += r.candidates;
      reader.consistent += r.consistent;
      if (unprotectable(values, threshold)) {
        reader.unprotectable += 1;
        return pinned;
      }
      reader.pinned += pinned.length;
      reader.pinnedSmall += pinned.filter((i) => values[i]! >= 1 && values[i]! < threshold).length;
      expect(pinned, at).toEqual([]);
      return pinned;
    };

    test.prop([smallColumnArb], { numRuns: 100 })(
      "over small columns (2–4 cells, counts 0 to 2·threshold + 2, thresholds 2 to 5), every withheld cell can take two counts or more: none is pinned, none to a count from 1 to threshold − 1",
      ({ values, threshold }) => {
        check(values, threshold);
      },
    );

    test("the columns that gave counts away before give none away now: small counts beside shown zeros, a small total beside shown zeros, ties, and small counts all threshold − 1", () => {
      // Each gave cells away under the rule before (zeros shown; one more withheld only beside a lone small
      // count) and all but the first two under the rule without ties and without the "all threshold − 1"
      // clause: by category [3,0,1,1,0,4] at 3 was shown [3,0,*,*,0,4] of 9; [1,0,1,0] at 3 was [*,0,*,0]
      // of *; [3,3,1] at 2 and [8,8,2] at 3 withheld the first of two equal counts, which told it apart;
      // [1,1,5] at 2 and [3,2,2] at 3 withheld two counts of threshold − 1, which no other split gives.
      const columns: ReadonlyArray<readonly [ReadonlyArray<number>, number]> = [
        [[3, 0, 1, 1, 0, 4], 3],
        [[1, 0, 1, 0], 3],
        [[3, 3, 1], 2],
        [[8, 8, 2], 3],
        [[1, 1, 5], 2],
        [[3, 2, 2], 3],
      ];
      for (const [values, threshold] of columns) {
        expect(shownColumn(values, threshold), JSON.stringify(values)).toContain("*");
        expect(check(values, threshold), JSON.stringify(values)).toEqual([]);
      }
    });

    test("the one column the rule cannot protect: at threshold 2, two counts of 1 under their shown total of 2 are both given away (so a threshold of 3 or more is advised)", () => {
      const r = readBack([1, 1], 2);
      expect(r.seen).toBe("*,* of 2");
      expect(r.takes.map((t) => [...t])).toEqual([[1], [1]]);
      // At threshold 3 the same column has a small total: it, and the cells, are withheld, and each cell can be 0 or 1 or 2.
      const at3 = readBack([1, 1], 3);
      expect(at3.seen).toBe("*,* of *");
      expect(at3.takes.every((t) => t.size >= 2)).toBe(true);
    });
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
