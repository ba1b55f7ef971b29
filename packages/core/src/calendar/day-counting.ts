import type { LocalDate } from "../model/local-date.js";
import type { Calendar } from "./calendar.js";
import { plusDays } from "./local-dates.js";

/**
 * A length of time: calendar days or working days.
 *
 * @example
 * ```ts
 * const fifteen: Period = { days: 15 };
 * const five: Period = { workingDays: 5 };
 * ```
 * @since 0.1.0
 */
export type Period = { readonly days: number } | { readonly workingDays: number };

/**
 * How a period is counted from its starting day.
 *
 * @example
 * ```ts
 * const sameDay: CountingConvention = { ...civilCodeCounting, startsNextDay: false };
 * ```
 * @since 0.1.0
 */
export interface CountingConvention {
  /**
   * Counting starts the day after the starting day (Civil Code art. 201: 开始的当日不计入).
   * @default true
   */
  readonly startsNextDay: boolean;
  /**
   * A period of calendar days whose last day is not a working day ends on the next
   * working day instead (Civil Code art. 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
   * @default true
   */
  readonly rollToWorkingDay: boolean;
}

/**
 * The Civil Code convention (articles 201 and 203), the default everywhere: the
 * starting day is not counted, and a period ending on a holiday or rest day ends
 * on the next working day.
 *
 * @example
 * ```ts
 * import { civilCodeCounting, periodEnd, weekendCalendar } from "@tiaojie/core";
 *
 * periodEnd("2025-01-02" as LocalDate, { days: 15 }, weekendCalendar, civilCodeCounting); // "2025-01-17"
 * ```
 * @since 0.1.0
 */
export const civilCodeCounting: CountingConvention = { startsNextDay: true, rollToWorkingDay: true };

/** A calendar with no working day at all must not hang a loop: give up after this many days. */
const MAX_SEARCH = 400;

/**
 * The next working day on or after a date (the date itself when it is one).
 *
 * @example
 * ```ts
 * import { nextWorkingDay, weekendCalendar } from "@tiaojie/core";
 *
 * nextWorkingDay("2025-02-01" as LocalDate, weekendCalendar); // "2025-02-03" (Saturday → Monday)
 * ```
 * @since 0.1.0
 */
export const nextWorkingDay = (date: LocalDate, calendar: Calendar): LocalDate => {
  let d = date;
  for (let i = 0; i < MAX_SEARCH && !calendar.isWorkingDay(d); i++) d = plusDays(d, 1);
  return d;
};

/**
 * The last day of a period that starts on `start`: the day by which something
 * must be done (inclusive). Calendar days are counted under `convention`; working
 * days are counted on `calendar`, from the day after `start` (or `start` itself
 * when `startsNextDay` is false), and always end on a working day.
 *
 * @example
 * ```ts
 * import { periodEnd } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * // 15 days from 2025-09-16 end on 2025-10-01, a holiday: moved to 2025-10-09.
 * periodEnd("2025-09-16" as LocalDate, { days: 15 }, chinaCalendar());
 * ```
 * @since 0.1.0
 */
export const periodEnd = (
  start: LocalDate,
  period: Period,
  calendar: Calendar,
  convention: CountingConvention = civilCodeCounting,
): LocalDate => {
  const first = convention.startsNextDay ? plusDays(start, 1) : start;
  if ("days" in period) {
    const n = Math.max(0, Math.floor(period.days));
    if (n === 0) return start;
    const end = plusDays(first, n - 1);
    return convention.rollToWorkingDay ? nextWorkingDay(end, calendar) : end;
  }
  let left = Math.max(0, Math.floor(period.workingDays));
  if (left === 0) return start;
  let d = first;
  for (let i = 0; i < MAX_SEARCH * 4; i++) {
    if (calendar.isWorkingDay(d) && --left === 0) return d;
    d = plusDays(d, 1);
  }
  return d;
};

/**
 * How many working days there are after `from` up to and including `to` (0 when
 * `to` is not after `from`).
 *
 * @example
 * ```ts
 * import { workingDaysAfter, weekendCalendar } from "@tiaojie/core";
 *
 * workingDaysAfter("2025-01-03" as LocalDate, "2025-01-10" as LocalDate, weekendCalendar); // 5
 * ```
 * @since 0.1.0
 */
export const workingDaysAfter = (from: LocalDate, to: LocalDate, calendar: Calendar): number => {
  let n = 0;
  for (let d = plusDays(from, 1); d <= to; d = plusDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
  return n;
};
