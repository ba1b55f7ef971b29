import type { LocalDate } from "../model/local-date.js";
import { weekdayOf } from "./local-dates.js";

/**
 * What a day is in a working calendar: an ordinary working day, a weekend rest
 * day, a public holiday, or a make-up working day (调休上班) that falls on a
 * weekend.
 *
 * @example
 * ```ts
 * const kind: DayKind = calendar.kindOf("2025-01-26" as LocalDate); // "make-up-working-day"
 * ```
 * @since 0.1.0
 */
export type DayKind = "working-day" | "weekend" | "holiday" | "make-up-working-day";

/** The first day of December that a next year's New Year arrangement may change. */
const LAST_DAYS_OF_DECEMBER = "12-29";

/**
 * The year whose official holiday schedule decides a date: the date's own year,
 * except for 29–31 December, which belong to the next year's schedule. The State
 * Council publishes one notice a year (国务院办公厅关于某年部分节假日安排的通知),
 * and its New Year arrangement has reached back into the last days of December
 * before (2001-12-29 and 2011-12-31 were worked in lieu, 2007-12-31 was a
 * holiday): those days are known only once the next year's notice is.
 *
 * @example
 * ```ts
 * import { scheduleYearOf } from "@tiaojie/core";
 *
 * scheduleYearOf("2026-12-28" as LocalDate); // 2026
 * scheduleYearOf("2026-12-29" as LocalDate); // 2027
 * ```
 * @since 0.2.0
 */
export const scheduleYearOf = (date: LocalDate): number => {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= LAST_DAYS_OF_DECEMBER ? year + 1 : year;
};

/**
 * The calendar port: which days are working days. Core holds no holiday data; the
 * provider of China's official schedule is `@tiaojie/calendar-cn`, and any
 * integrator can supply their own (next year's schedule as soon as the State
 * Council publishes it). Every function that counts working days takes one: none
 * falls back to a calendar of its own.
 *
 * Semantics:
 * - `kindOf` MUST be total and pure: the same date always gives the same kind.
 * - `isWorkingDay(d)` MUST equal `kindOf(d)` being `"working-day"` or
 *   `"make-up-working-day"`.
 * - `covers(d)` MUST be `false` for a date whose official schedule (see
 *   {@link scheduleYearOf}) the calendar does not know. Counting refuses such a
 *   date: {@link periodEnd} and the time-limit functions return a
 *   `DayCountRefused` error naming the missing year, never a date guessed from
 *   the weekday.
 *
 * @example
 * ```ts
 * import { makeCalendar } from "@tiaojie/core";
 *
 * const cal: Calendar = makeCalendar({ name: "mine", holidays: ["2025-10-01"], makeUpWorkingDays: ["2025-09-28"] });
 * cal.isWorkingDay("2025-09-28" as LocalDate); // true (a Sunday worked in lieu)
 * ```
 * @since 0.1.0
 */
export interface Calendar {
  /** A name for reports and docs, e.g. "中国法定节假日 (lunar-typescript 1.8.6)". */
  readonly name: string;
  readonly kindOf: (date: LocalDate) => DayKind;
  readonly isWorkingDay: (date: LocalDate) => boolean;
  readonly covers: (date: LocalDate) => boolean;
  /**
   * The schedule years ({@link scheduleYearOf}) the calendar covers, in order,
   * when it can list them: a calendar made from schedules reports them from its
   * data. Absent for a calendar that covers every date or cannot tell.
   * @since 0.2.0
   */
  readonly coveredYears?: ReadonlyArray<number>;
}

/**
 * A holiday schedule as plain data: the public holidays and the make-up working
 * days, and the years the schedule is complete for.
 *
 * @example
 * ```ts
 * const s: HolidaySchedule = { name: "2027", holidays: ["2027-01-01"], makeUpWorkingDays: [], years: [2027] };
 * ```
 * @since 0.1.0
 */
export interface HolidaySchedule {
  readonly name: string;
  /** Days off by law (法定节假日 and the rest days joined to them). */
  readonly holidays: ReadonlyArray<string>;
  /** Weekend days worked in lieu (调休上班). */
  readonly makeUpWorkingDays: ReadonlyArray<string>;
  /**
   * The years whose official schedule this is complete for (each decides the days
   * of {@link scheduleYearOf} that year: 29 December of the year before to 28
   * December). When omitted, the schedule years of the days it lists.
   */
  readonly years?: ReadonlyArray<number>;
}

const isWeekend = (date: LocalDate): boolean => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};

/**
 * Makes a {@link Calendar} from a holiday schedule. A date listed both as a
 * holiday and as a make-up working day is a working day (the later notice wins in
 * practice; list it once).
 *
 * @example
 * ```ts
 * import { makeCalendar } from "@tiaojie/core";
 *
 * const cal = makeCalendar({ name: "2025 excerpt", holidays: ["2025-10-01", "2025-10-02"], makeUpWorkingDays: ["2025-10-11"] });
 * cal.kindOf("2025-10-11" as LocalDate); // "make-up-working-day"
 * ```
 * @since 0.1.0
 */
export const makeCalendar = (schedule: HolidaySchedule): Calendar => {
  const holidays = new Set(schedule.holidays);
  const workdays = new Set(schedule.makeUpWorkingDays);
  const years = new Set(
    schedule.years ?? [...schedule.holidays, ...schedule.makeUpWorkingDays].map((d) => scheduleYearOf(d as LocalDate)),
  );
  const kindOf = (date: LocalDate): DayKind =>
    workdays.has(date)
      ? isWeekend(date)
        ? "make-up-working-day"
        : "working-day"
      : holidays.has(date)
        ? "holiday"
        : isWeekend(date)
          ? "weekend"
          : "working-day";
  return {
    name: schedule.name,
    kindOf,
    isWorkingDay: (date) => {
      const k = kindOf(date);
      return k === "working-day" || k === "make-up-working-day";
    },
    covers: (date) => years.has(scheduleYearOf(date)),
    coveredYears: [...years].sort((a, b) => a - b),
  };
};

/**
 * A calendar with no public holidays: Monday to Friday are working days, every
 * Saturday and Sunday is a rest day, in every year. It is an explicit choice for
 * a place or a rule that follows no official holiday schedule, never a default:
 * no function of the library uses it unless it is passed. It `covers` every date
 * (it claims nothing it could be missing), so counting on it never refuses a
 * year; for China's time limits use `chinaCalendar()` from `@tiaojie/calendar-cn`
 * instead, which knows the National Day and Spring Festival holidays and their
 * make-up working days.
 *
 * @example
 * ```ts
 * import { weekendCalendar } from "@tiaojie/core";
 *
 * weekendCalendar.isWorkingDay("2025-10-01" as LocalDate); // true: it knows no holidays
 * weekendCalendar.covers("2199-12-31" as LocalDate); // true
 * ```
 * @since 0.1.0
 */
export const weekendCalendar: Calendar = {
  name: "仅双休日、无法定节假日 / weekends only, no public holidays",
  kindOf: (date) => (isWeekend(date) ? "weekend" : "working-day"),
  isWorkingDay: (date) => !isWeekend(date),
  covers: () => true,
};

/**
 * A calendar whose own schedule comes first, falling back to `base` for the dates
 * it does not cover: how a user adds next year's schedule to a provider that does
 * not know it yet. It covers what either covers (and lists the years of both,
 * when both list theirs).
 *
 * @example
 * ```ts
 * import { makeCalendar, overlayCalendar } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const next = makeCalendar({ name: "2027", holidays: ["2027-01-01"], makeUpWorkingDays: [], years: [2027] });
 * const cal = overlayCalendar(next, chinaCalendar());
 * ```
 * @since 0.1.0
 */
export const overlayCalendar = (top: Calendar, base: Calendar): Calendar => ({
  name: `${top.name} + ${base.name}`,
  kindOf: (date) => (top.covers(date) ? top.kindOf(date) : base.kindOf(date)),
  isWorkingDay: (date) => (top.covers(date) ? top.isWorkingDay(date) : base.isWorkingDay(date)),
  covers: (date) => top.covers(date) || base.covers(date),
  ...(top.coveredYears && base.coveredYears
    ? { coveredYears: [...new Set([...top.coveredYears, ...base.coveredYears])].sort((a, b) => a - b) }
    : {}),
});
