import type { LocalDate } from "../model/local-date.js";

/**
 * Calendar arithmetic on `YYYY-MM-DD` dates, done in UTC so that the host's time
 * zone never shifts a day. Internal to the support registry.
 */

const MS_PER_DAY = 86_400_000;

const parts = (date: LocalDate): readonly [number, number, number] => [
  Number(date.slice(0, 4)),
  Number(date.slice(5, 7)),
  Number(date.slice(8, 10)),
];

const format = (year: number, month: number, day: number): LocalDate =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as LocalDate;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Days since 1970-01-01 of a date. */
export const dayNumber = (date: LocalDate): number => {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
};

/** The date `days` days after `date` (before it when negative). */
export const addDays = (date: LocalDate, days: number): LocalDate => {
  const t = new Date((dayNumber(date) + days) * MS_PER_DAY);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
};

/**
 * The corresponding day `months` months later; when that month has no such day,
 * its last day (31 January + 1 month = 28 or 29 February), as in article 202 of
 * the Civil Code.
 */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
};

/** The corresponding day `years` years later (29 February becomes 28 February). */
export const addYears = (date: LocalDate, years: number): LocalDate => addMonths(date, years * 12);

/**
 * A length of time stated in days or in calendar months. Adding months lands on
 * the corresponding day, or the last day of a shorter month.
 *
 * @example
 * ```ts
 * import type { Interval } from "@tiaojie/core";
 *
 * const quarterly: Interval = { months: 3 };
 * const fortnight: Interval = { days: 14 };
 * ```
 * @since 0.1.0
 */
export type Interval = { readonly days: number } | { readonly months: number };

/** The date one interval after `date`. */
export const addInterval = (date: LocalDate, interval: Interval): LocalDate =>
  "days" in interval ? addDays(date, interval.days) : addMonths(date, interval.months);

/** Negative, zero or positive as `a` is before, on or after `b`. */
export const compareDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);

/** The later of two dates. */
export const laterOf = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? b : a);

/** The earlier of two dates. */
export const earlierOf = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);
