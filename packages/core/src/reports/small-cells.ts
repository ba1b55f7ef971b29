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
 * breakdowns with every count from 1 to `threshold - 1` withheld and marked, and
 * in each column with exactly one withheld count the next smallest also withheld,
 * so that no withheld count follows from the total by subtraction. Zero is
 * shown (it singles no one out). The cross-tabulated `groups` and the lists of
 * cases are left out: a summary for another level has no need of them.
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

/**
 * Withholds the small counts of one column whose total is shown separately:
 * primary (1 to threshold - 1) and, when that leaves exactly one withheld, the
 * smallest other non-zero count too.
 */
const suppressColumn = (values: ReadonlyArray<number>, total: number, threshold: number): ReadonlyArray<Cell> => {
  if (total > 0 && total < threshold) return values.map((v) => (v === 0 ? 0 : WITHHELD));
  const hidden = values.map((v) => v > 0 && v < threshold);
  if (hidden.filter(Boolean).length === 1) {
    let smallest = -1;
    values.forEach((v, i) => {
      if (!hidden[i] && v > 0 && (smallest < 0 || v < values[smallest]!)) smallest = i;
    });
    if (smallest >= 0) hidden[smallest] = true;
  }
  return values.map((v, i) => (hidden[i] ? WITHHELD : v));
};

const COLUMNS: ReadonlyArray<keyof ReportCounts> = ["new", "cumulative", "resolvedInPeriod", "openAtEnd"];

const totalCell = (n: number, threshold: number): Cell => (n > 0 && n < threshold ? WITHHELD : n);

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
