import { type Calendar, type HolidaySchedule, makeCalendar, overlayCalendar } from "@tiaojie/core";
import { HolidayUtil } from "lunar-typescript";

/** The version of the holiday data this build was checked against. */
const SOURCE = "lunar-typescript 1.8.6";

/**
 * The official schedule of one year (holidays and make-up working days) from the
 * State Council notices, as carried by `lunar-typescript`'s `HolidayUtil`. Only
 * days dated in that year are listed. An empty schedule means the data has no
 * notice for that year yet.
 *
 * @example
 * ```ts
 * import { chinaHolidaySchedule } from "@tiaojie/calendar-cn";
 *
 * chinaHolidaySchedule(2025).makeUpWorkingDays; // ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
 * ```
 * @since 0.1.0
 */
export const chinaHolidaySchedule = (year: number): HolidaySchedule => {
  const holidays: Array<string> = [];
  const makeUpWorkingDays: Array<string> = [];
  for (const h of HolidayUtil.getHolidays(year)) {
    const day = h.getDay();
    if (!day.startsWith(`${year}-`)) continue;
    (h.isWork() ? makeUpWorkingDays : holidays).push(day);
  }
  holidays.sort();
  makeUpWorkingDays.sort();
  const known = holidays.length + makeUpWorkingDays.length > 0;
  return { name: `中国法定节假日 ${year} (${SOURCE})`, holidays, makeUpWorkingDays, years: known ? [year] : [] };
};

/**
 * The options of {@link chinaCalendar}.
 *
 * @example
 * ```ts
 * const o: ChinaCalendarOptions = { from: 2024, to: 2026 };
 * ```
 * @since 0.1.0
 */
export interface ChinaCalendarOptions {
  /**
   * The first year to load.
   * @default 2001
   */
  readonly from?: number;
  /**
   * The last year to load (years with no data are skipped).
   * @default 2050
   */
  readonly to?: number;
  /**
   * Schedules or calendars that take precedence for the years they cover, first
   * listed first: next year's notice before the package carries it, or a local
   * adjustment.
   * @default []
   */
  readonly overrides?: ReadonlyArray<HolidaySchedule | Calendar>;
}

/**
 * China's working calendar: public holidays and make-up working days (调休) of the
 * State Council's annual notices, from `lunar-typescript`, as a core
 * {@link Calendar}. Dates are compared as `YYYY-MM-DD` strings, so the host's time
 * zone plays no part. A year the data does not know is not `covers`-ed and falls
 * back to weekends only; supply it through `overrides`.
 *
 * @example
 * ```ts
 * import { periodEnd } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const cal = chinaCalendar();
 * cal.kindOf("2025-01-26" as LocalDate); // "make-up-working-day"
 * periodEnd("2025-09-16" as LocalDate, { days: 15 }, cal); // "2025-10-09", after the National Day holiday
 * ```
 * @since 0.1.0
 */
export const chinaCalendar = (options: ChinaCalendarOptions = {}): Calendar => {
  const from = options.from ?? 2001;
  const to = options.to ?? 2050;
  const holidays: Array<string> = [];
  const makeUpWorkingDays: Array<string> = [];
  const years: Array<number> = [];
  for (let y = from; y <= to; y++) {
    const s = chinaHolidaySchedule(y);
    holidays.push(...s.holidays);
    makeUpWorkingDays.push(...s.makeUpWorkingDays);
    years.push(...(s.years ?? []));
  }
  const base = makeCalendar({ name: `中国法定节假日 (${SOURCE})`, holidays, makeUpWorkingDays, years });
  return (options.overrides ?? []).reduceRight<Calendar>(
    (acc, top) => overlayCalendar("kindOf" in top ? top : makeCalendar(top), acc),
    base,
  );
};
