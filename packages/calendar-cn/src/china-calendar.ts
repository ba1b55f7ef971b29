import { type Calendar, type HolidaySchedule, makeCalendar, overlayCalendar } from "@tiaojie/core";
import { HolidayUtil } from "lunar-typescript";

/** The version of the holiday data this build was checked against. */
const SOURCE = "lunar-typescript 1.8.6";

/** The years searched for notices: well beyond both ends of the data. */
const SEARCH_FROM = 1990;
const SEARCH_TO = 2100;

/**
 * The official schedule of one year's notice (holidays and make-up working days),
 * from the State Council notices as carried by `lunar-typescript`'s
 * `HolidayUtil`: every day the notice for `year` arranges, including the days of
 * late December of the year before that its New Year arrangement moves (2002's
 * notice made 2001-12-29 and 2001-12-30 working days). The schedule's `years` is
 * `[year]` when the data has that notice, and empty when it has not (yet).
 *
 * @example
 * ```ts
 * import { chinaHolidaySchedule } from "@tiaojie/calendar-cn";
 *
 * chinaHolidaySchedule(2025).makeUpWorkingDays; // ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
 * chinaHolidaySchedule(2027).years; // [] with lunar-typescript 1.8.6
 * ```
 * @since 0.1.0
 */
export const chinaHolidaySchedule = (year: number): HolidaySchedule => {
  const holidays: Array<string> = [];
  const makeUpWorkingDays: Array<string> = [];
  for (const h of [...HolidayUtil.getHolidays(year - 1), ...HolidayUtil.getHolidays(year)]) {
    if (!h.getTarget().startsWith(`${year}-`)) continue;
    (h.isWork() ? makeUpWorkingDays : holidays).push(h.getDay());
  }
  holidays.sort();
  makeUpWorkingDays.sort();
  const known = holidays.length + makeUpWorkingDays.length > 0;
  return { name: `中国法定节假日 ${year} (${SOURCE})`, holidays, makeUpWorkingDays, years: known ? [year] : [] };
};

let knownYears: ReadonlyArray<number> | undefined;

/**
 * The years whose notice the package's data carries, in order: the years a
 * {@link chinaCalendar} covers (before overrides). With `lunar-typescript` 1.8.6,
 * 2002 to 2026. A count that needs a later year is refused by core, naming the
 * year, until its schedule is added through `overrides` or `overlayCalendar`.
 *
 * @example
 * ```ts
 * import { chinaScheduleYears } from "@tiaojie/calendar-cn";
 *
 * chinaScheduleYears().at(-1); // 2026
 * ```
 * @since 0.2.0
 */
export const chinaScheduleYears = (): ReadonlyArray<number> => {
  if (knownYears === undefined) {
    const years: Array<number> = [];
    for (let y = SEARCH_FROM; y <= SEARCH_TO; y++) if ((chinaHolidaySchedule(y).years ?? []).length > 0) years.push(y);
    knownYears = years;
  }
  return knownYears;
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
   * @default the first of {@link chinaScheduleYears}
   */
  readonly from?: number;
  /**
   * The last year to load (years with no data are skipped).
   * @default the last of {@link chinaScheduleYears}
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
 * {@link Calendar}: the calendar the petition-work and review time limits count
 * on. Dates are compared as `YYYY-MM-DD` strings, so the host's time zone plays
 * no part. It covers the years of its data ({@link chinaScheduleYears}) and of
 * its overrides, each from 29 December of the year before to 28 December (see
 * core's `scheduleYearOf`), and lists them in `coveredYears`. A count that needs any other date is refused by
 * core with the missing year named: nothing falls back to weekends. Supply a new
 * year's notice through `overrides` (or core's `overlayCalendar`).
 *
 * @example
 * ```ts
 * import { periodEnd } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const cal = chinaCalendar();
 * cal.kindOf("2025-01-26" as LocalDate); // "make-up-working-day"
 * periodEnd("2025-09-16" as LocalDate, { days: 15 }, cal); // { ok: true, value: "2025-10-09" }, after the National Day holiday
 * periodEnd("2026-12-10" as LocalDate, { days: 30 }, cal); // { ok: false, error: DayCountRefused (2027) } with lunar-typescript 1.8.6
 * ```
 * @since 0.1.0
 */
export const chinaCalendar = (options: ChinaCalendarOptions = {}): Calendar => {
  const known = chinaScheduleYears();
  const from = options.from ?? known[0] ?? SEARCH_FROM;
  const to = options.to ?? known.at(-1) ?? SEARCH_FROM - 1;
  const holidays: Array<string> = [];
  const makeUpWorkingDays: Array<string> = [];
  const years: Array<number> = [];
  for (let y = from; y <= to; y++) {
    const s = chinaHolidaySchedule(y);
    holidays.push(...s.holidays);
    makeUpWorkingDays.push(...s.makeUpWorkingDays);
    years.push(...(s.years ?? []));
  }
  const span = years.length === 0 ? "" : ` ${years[0]}–${years.at(-1)}`;
  const base = makeCalendar({ name: `中国法定节假日${span} (${SOURCE})`, holidays, makeUpWorkingDays, years });
  return (options.overrides ?? []).reduceRight<Calendar>(
    (acc, top) => overlayCalendar("kindOf" in top ? top : makeCalendar(top), acc),
    base,
  );
};
