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

/**
 * The calendar port: which days are working days. Core holds no holiday data; the
 * default provider of China's official schedule is `@tiaojie/calendar-cn`, and any
 * integrator can supply their own (next year's schedule as soon as the State
 * Council publishes it).
 *
 * Semantics:
 * - `kindOf` MUST be total and pure: the same date always gives the same kind.
 * - `isWorkingDay(d)` MUST equal `kindOf(d)` being `"working-day"` or
 *   `"make-up-working-day"`.
 * - `covers(d)` SHOULD be `false` for a date whose year's official schedule the
 *   calendar does not know; such a date is treated by weekday alone.
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
   * The years the schedule is complete for. When omitted, the years in which it
   * lists at least one day.
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
    schedule.years ?? [...schedule.holidays, ...schedule.makeUpWorkingDays].map((d) => Number(d.slice(0, 4))),
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
    covers: (date) => years.has(Number(date.slice(0, 4))),
  };
};

/**
 * A calendar with no holidays: Monday to Friday are working days. Useful in tests
 * and where no official schedule applies.
 *
 * @example
 * ```ts
 * import { weekendCalendar } from "@tiaojie/core";
 *
 * weekendCalendar.isWorkingDay("2025-10-01" as LocalDate); // true (no holidays known)
 * ```
 * @since 0.1.0
 */
export const weekendCalendar: Calendar = {
  name: "weekends only",
  kindOf: (date) => (isWeekend(date) ? "weekend" : "working-day"),
  isWorkingDay: (date) => !isWeekend(date),
  covers: () => false,
};

/**
 * A calendar whose own schedule comes first, falling back to `base` for the dates
 * it does not cover: how a user adds next year's schedule to a provider that does
 * not know it yet.
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
});
