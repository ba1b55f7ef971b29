import type { DateRange } from "../campaign/campaign-calendar.js";
import type { DivisionCode } from "../model/division-code.js";
import { isWithinDivision } from "../model/division-code.js";
import type { Listing } from "../support/listing.js";
import { isListingActive } from "../support/listing-status.js";
import type { LocalDate } from "../model/local-date.js";
import { SupportCategories, type SupportCategory } from "../taxonomy/support-categories.js";
import type { MonthlyReport, ReportCounts, ReportRow } from "./monthly-report.js";

/**
 * A count withheld from a summary for another level because it is below the
 * threshold (or because it would give away one that is).
 * @since 0.3.0
 */
export interface SuppressedCell {
  readonly suppressed: true;
}

/**
 * A count as a summary for another level shows it: the number, or withheld.
 * @since 0.3.0
 */
export type Cell = number | SuppressedCell;

/**
 * The counts of a report row, each shown or withheld.
 * @since 0.3.0
 */
export type CellCounts = { readonly [K in keyof ReportCounts]: Cell };

/**
 * The support registry in numbers: listings active on a day, in all, by category
 * and by village.
 * @since 0.3.0
 */
export interface SupportCounts {
  readonly asOf: LocalDate;
  readonly active: number;
  readonly byCategory: ReadonlyArray<{ readonly key: SupportCategory; readonly active: number }>;
  readonly byVillage: ReadonlyArray<{ readonly key: DivisionCode; readonly active: number }>;
}

/**
 * A township's report as sent to another level (county, city): the same
 * breakdowns with small counts withheld and marked by the rule of
 * {@link suppressSmallCells}, so that no reader who knows the rule can work a
 * withheld count out. The cross-tabulated `groups` and the lists of cases are
 * left out: a summary for another level has no need of them.
 * @since 0.3.0
 */
export interface SummaryForLevel {
  /** Who the summary is for, e.g. `county`. */
  readonly audience: string;
  readonly threshold: number;
  readonly jurisdiction: DivisionCode;
  readonly period: DateRange;
  readonly totals: CellCounts;
  readonly byVillage: ReadonlyArray<{ readonly key: DivisionCode; readonly counts: CellCounts }>;
  readonly byDomain: ReadonlyArray<{ readonly key: MonthlyReport["byDomain"][number]["key"]; readonly counts: CellCounts }>;
  readonly byLevel: ReadonlyArray<{ readonly key: MonthlyReport["byLevel"][number]["key"]; readonly counts: CellCounts }>;
  readonly byPriority: ReadonlyArray<{ readonly key: MonthlyReport["byPriority"][number]["key"]; readonly counts: CellCounts }>;
  readonly byLeadUnit: ReadonlyArray<{ readonly key: MonthlyReport["byLeadUnit"][number]["key"]; readonly counts: CellCounts }>;
  readonly support: {
    readonly asOf: LocalDate;
    readonly active: Cell;
    readonly byCategory: ReadonlyArray<{ readonly key: SupportCategory; readonly active: Cell }>;
    readonly byVillage: ReadonlyArray<{ readonly key: DivisionCode; readonly active: Cell }>;
  };
  /** How many counts were withheld. */
  readonly suppressedCells: number;
}

const WITHHELD: SuppressedCell = Object.freeze({ suppressed: true });

const isSmall = (n: number, threshold: number): boolean => n > 0 && n < threshold;

/**
 * Whether a column's withheld cells still give something away, so that one more
 * must be withheld: fewer than two (one alone is the total minus the shown
 * cells), adding up to less than the threshold (the group would itself be a
 * small count), or every one of them threshold − 1 (their sum then leaves no
 * other way to split it).
 */
const needsMore = (withheld: ReadonlyArray<number>, threshold: number): boolean =>
  withheld.length < 2 || withheld.reduce((a, b) => a + b, 0) < threshold || withheld.every((v) => v === threshold - 1);

/**
 * Withholds the cells of one column (a breakdown of one count) whose total is
 * `total`, by the rule of {@link suppressSmallCells}.
 */
const suppressColumn = (values: ReadonlyArray<number>, total: number, threshold: number): ReadonlyArray<Cell> => {
  // A small total: the whole column is withheld, zeros too, or its cells would add up to it.
  if (isSmall(total, threshold)) return values.map(() => WITHHELD);
  const hidden = values.map((v) => isSmall(v, threshold));
  if (!hidden.includes(true)) return values;
  // Zeros go with the small counts: a reader must not know that every withheld cell is at least 1.
  values.forEach((v, i) => {
    if (v === 0) hidden[i] = true;
  });
  while (needsMore(values.filter((_, i) => hidden[i]), threshold)) {
    // The smallest shown count (all shown counts are now threshold or more), with every
    // other cell of the same count: were only the first of them withheld, its place would
    // tell the reader which withheld cell it is.
    const least = Math.min(...values.filter((v, i) => !hidden[i] && v > 0));
    if (least === Infinity) break;
    values.forEach((v, i) => {
      if (!hidden[i] && v === least) hidden[i] = true;
    });
  }
  return values.map((v, i) => (hidden[i] ? WITHHELD : v));
};

const COLUMNS: ReadonlyArray<keyof ReportCounts> = ["new", "cumulative", "resolvedInPeriod", "openAtEnd"];

const totalCell = (n: number, threshold: number): Cell => (isSmall(n, threshold) ? WITHHELD : n);

const suppressRows = <K extends string>(rows: ReadonlyArray<ReportRow<K>>, totals: ReportCounts, threshold: number) => {
  const columns = COLUMNS.map((c) => suppressColumn(rows.map((r) => r.counts[c]), totals[c], threshold));
  return rows.map((r, i) => ({
    key: r.key,
    counts: Object.fromEntries(COLUMNS.map((c, ci) => [c, columns[ci]![i]!])) as CellCounts,
  }));
};

const countWithheld = (value: unknown): number => {
  if (value === WITHHELD) return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countWithheld(v), 0);
  if (typeof value === "object" && value !== null) return Object.values(value).reduce((n: number, v) => n + countWithheld(v), 0);
  return 0;
};

/**
 * The listings active on a day among those given, within a division: in all, by
 * category and by the listing's village.
 *
 * @example
 * ```ts
 * import { supportCounts } from "@tiaojie/core";
 *
 * supportCounts(listings, "2025-03-31" as LocalDate, township).active;
 * ```
 * @since 0.3.0
 */
export const supportCounts = (listings: ReadonlyArray<Listing>, asOf: LocalDate, within: DivisionCode): SupportCounts => {
  const byCategory = new Map<SupportCategory, number>();
  const byVillage = new Map<DivisionCode, number>();
  let active = 0;
  for (const l of listings) {
    if (!isWithinDivision(l.jurisdiction, within) || !isListingActive(l, asOf)) continue;
    active++;
    byCategory.set(l.category, (byCategory.get(l.category) ?? 0) + 1);
    byVillage.set(l.jurisdiction, (byVillage.get(l.jurisdiction) ?? 0) + 1);
  }
  return {
    asOf,
    active,
    byCategory: SupportCategories.codes.map((key) => ({ key, active: byCategory.get(key) ?? 0 })),
    byVillage: [...byVillage.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, n]) => ({ key, active: n })),
  };
};

/**
 * A township's monthly report and support counts as a summary for another level,
 * small counts withheld ({@link SummaryForLevel}). The township keeps its exact
 * report; only what leaves it is suppressed.
 *
 * Each column (one count broken down by village, by domain, by level, by
 * priority or by lead unit, and the support counts by category and by village)
 * is withheld by this rule, `t` being the threshold:
 *
 * 1. A column whose total is 1 to `t - 1`: the total and every cell of the
 *    column are withheld, zeros too.
 * 2. Otherwise the primary cells are those from 1 to `t - 1`. With none, nothing
 *    in the column is withheld. With some, they are withheld and so is every zero
 *    of the column, so that a withheld zero cannot be told from a withheld small
 *    count. Then, while the withheld cells are fewer than two, add up to less than
 *    `t`, or are all `t - 1`, the smallest shown count is withheld too, with every
 *    other shown cell of the same count (one such count, being `t` or more, is
 *    always enough).
 * 3. In the totals row, a total from 1 to `t - 1` is withheld.
 *
 * So under a shown total the withheld cells of a column are none, or two or
 * more adding up to `t` or more, and a reader who knows this rule and sees a
 * column can fill each of its withheld cells in more than one way. The rule
 * looks at each column alone, not at what several columns give when read
 * together. The one column it cannot protect is at threshold 2: a column of just
 * two cells, both 1, under its shown total of 2 (no other split of 2 would
 * withhold both), so a threshold of 3 or more is advised. A threshold of 1
 * withholds nothing; one that is not a positive whole number is refused with a
 * `RangeError`. `suppressedCells` counts the withheld cells, totals included.
 *
 * @example
 * ```ts
 * import { suppressSmallCells } from "@tiaojie/core";
 *
 * const forCounty = suppressSmallCells(report, supportCounts(listings, report.period.to, report.jurisdiction), { threshold: 5, audience: "county" });
 * ```
 * @since 0.3.0
 */
export const suppressSmallCells = (
  report: MonthlyReport,
  support: SupportCounts,
  options: { readonly threshold: number; readonly audience: string },
): SummaryForLevel => {
  const t = options.threshold;
  if (!Number.isInteger(t) || t < 1) throw new RangeError("suppressSmallCells: threshold 应为正整数 / must be a positive integer");
  const totals = Object.fromEntries(COLUMNS.map((c) => [c, totalCell(report.totals[c], t)])) as CellCounts;
  const cat = suppressColumn(support.byCategory.map((r) => r.active), support.active, t);
  const vil = suppressColumn(support.byVillage.map((r) => r.active), support.active, t);
  const summary: Omit<SummaryForLevel, "suppressedCells"> = {
    audience: options.audience,
    threshold: t,
    jurisdiction: report.jurisdiction,
    period: report.period,
    totals,
    byVillage: suppressRows(report.byVillage, report.totals, t),
    byDomain: suppressRows(report.byDomain, report.totals, t),
    byLevel: suppressRows(report.byLevel, report.totals, t),
    byPriority: suppressRows(report.byPriority, report.totals, t),
    byLeadUnit: suppressRows(report.byLeadUnit, report.totals, t),
    support: {
      asOf: support.asOf,
      active: totalCell(support.active, t),
      byCategory: support.byCategory.map((r, i) => ({ key: r.key, active: cat[i]! })),
      byVillage: support.byVillage.map((r, i) => ({ key: r.key, active: vil[i]! })),
    },
  };
  return { ...summary, suppressedCells: countWithheld(summary) };
};
