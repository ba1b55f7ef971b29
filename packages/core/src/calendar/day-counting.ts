import { Data } from "effect";
import type { LocalDate } from "../model/local-date.js";
import type { Bilingual } from "../validation/bilingual.js";
import { err, ok, type Result } from "../validation/result.js";
import { type Calendar, scheduleYearOf } from "./calendar.js";
import { epochDay, fromEpochDay } from "./local-dates.js";

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
 * import { civilCodeCounting, periodEnd } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * periodEnd("2025-01-02" as LocalDate, { days: 15 }, chinaCalendar(), civilCodeCounting); // { ok: true, value: "2025-01-17" }
 * ```
 * @since 0.1.0
 */
export const civilCodeCounting: CountingConvention = { startsNextDay: true, rollToWorkingDay: true };

/**
 * Why a count of days was refused:
 * - `year-not-covered`: the count needs a date whose official schedule the
 *   calendar does not know (`year` is that schedule's year, see
 *   {@link scheduleYearOf}); add it, e.g. with `overlayCalendar`;
 * - `no-working-day`: the calendar has no working day in a whole year of days
 *   (366 in a row, from `year` on), so no working day can be found;
 * - `beyond-range`: the result would fall after 2199-12-31, the last date the
 *   library handles;
 * - `invalid-period`: the length is not a whole number of days, zero or more;
 * - `invalid-date`: a date given is not a real `YYYY-MM-DD` date of 1900–2199;
 * - `no-calendar`: no calendar was passed (a caller without the types).
 *
 * @example
 * ```ts
 * const reason: DayCountRefusalReason = "year-not-covered";
 * ```
 * @since 0.2.0
 */
export type DayCountRefusalReason = "year-not-covered" | "no-working-day" | "beyond-range" | "invalid-period" | "invalid-date" | "no-calendar";

/**
 * A count of days the library refused to make rather than return a date it
 * cannot vouch for. The message names the missing year, never a date of the
 * case.
 *
 * @example
 * ```ts
 * const r = periodEnd(start, { days: 60 }, calendar);
 * if (!r.ok && r.error.reason === "year-not-covered") console.error(r.error.message);
 * // 日历“…”没有 2027 年的节假日安排… / the calendar "…" has no holiday schedule for 2027 …
 * ```
 * @since 0.2.0
 */
export class DayCountRefused extends Data.TaggedError("DayCountRefused")<{
  readonly reason: DayCountRefusalReason;
  /** The calendar's name. */
  readonly calendar: string;
  /** The year missing (`year-not-covered`) or from which no working day was found (`no-working-day`). */
  readonly year?: number;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const y = this.year ?? 0;
    switch (this.reason) {
      case "year-not-covered":
        return {
          zh: `日历“${this.calendar}”没有 ${y} 年的节假日安排，无法计算该期限；请补充国务院办公厅 ${y} 年的节假日安排（如用 overlayCalendar 叠加，12 月 29 日至 31 日也由下一年的安排决定）`,
          en: `the calendar "${this.calendar}" has no holiday schedule for ${y}, so the period cannot be counted; add the State Council's ${y} schedule (e.g. with overlayCalendar; 29–31 December also depend on the next year's schedule)`,
        };
      case "no-working-day":
        return {
          zh: `日历“${this.calendar}”自 ${y} 年起连续一整年（366 天）没有工作日，无法计算该期限`,
          en: `the calendar "${this.calendar}" has no working day in a whole year (366 days in a row) from ${y} on, so the period cannot be counted`,
        };
      case "beyond-range":
        return { zh: "期限超出 2199 年 12 月 31 日，无法计算", en: "the period runs past 2199-12-31, the last date the library handles" };
      case "invalid-period":
        return { zh: "期间长度应为零或正整数天", en: "a period is a whole number of days, zero or more" };
      case "invalid-date":
        return { zh: "日期应为 1900–2199 年间的有效日期（YYYY-MM-DD）", en: "a date must be a real YYYY-MM-DD date of 1900–2199" };
      case "no-calendar":
        return { zh: "未提供日历：工作日须按日历（如中国官方节假日安排）认定", en: "no calendar was given: working days are told by a calendar (such as China's official one)" };
    }
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

const FIRST_DAY = epochDay("1900-01-01" as LocalDate);
const LAST_DAY = epochDay("2199-12-31" as LocalDate);
/** A run of this many days without a working day means the calendar has none to give. */
const YEAR_OF_DAYS = 366;

/** The epoch day of a real date of 1900–2199, or `undefined` for anything else. */
const dayNumber = (date: unknown): number | undefined => {
  if (typeof date !== "string" || date.length !== 10) return undefined;
  const n = epochDay(date as LocalDate);
  return Number.isInteger(n) && n >= FIRST_DAY && n <= LAST_DAY && fromEpochDay(n) === date ? n : undefined;
};

const refused = (reason: DayCountRefusalReason, calendar: Calendar, year?: number): { readonly ok: false; readonly error: DayCountRefused } =>
  err(new DayCountRefused({ reason, calendar: String(calendar.name), ...(year === undefined ? {} : { year }) }));

/** Whether a value passed as a calendar is one (a caller without the types may pass nothing). */
const isCalendar = (c: unknown): c is Calendar =>
  typeof c === "object" && c !== null && typeof (c as Calendar).covers === "function" && typeof (c as Calendar).isWorkingDay === "function";

const noCalendar = (): { readonly ok: false; readonly error: DayCountRefused } => err(new DayCountRefused({ reason: "no-calendar", calendar: "" }));

/**
 * Walks the days from epoch day `from` on, each of which must be covered, and
 * returns the `count`-th working day among them. Total: every date it reads is
 * covered, a year of days with no working day is refused, and it stops at the
 * library's last date.
 */
const nthWorkingDay = (from: number, count: number, calendar: Calendar): Result<number, DayCountRefused> => {
  let left = count;
  let run = 0;
  for (let n = from; n <= LAST_DAY; n++) {
    const date = fromEpochDay(n);
    if (!calendar.covers(date)) return refused("year-not-covered", calendar, scheduleYearOf(date));
    if (calendar.isWorkingDay(date)) {
      run = 0;
      if (--left === 0) return ok(n);
    } else if (++run >= YEAR_OF_DAYS) {
      return refused("no-working-day", calendar, Number(fromEpochDay(n - run + 1).slice(0, 4)));
    }
  }
  return refused("beyond-range", calendar);
};

/**
 * The next working day on or after a date (the date itself when it is one), or
 * the reason it cannot be told: a day on the way that the calendar does not
 * cover, or no working day within a year.
 *
 * @example
 * ```ts
 * import { nextWorkingDay } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * nextWorkingDay("2025-10-01" as LocalDate, chinaCalendar()); // { ok: true, value: "2025-10-09" }
 * ```
 * @since 0.1.0
 */
export const nextWorkingDay = (date: LocalDate, calendar: Calendar): Result<LocalDate, DayCountRefused> => {
  if (!isCalendar(calendar)) return noCalendar();
  const n = dayNumber(date);
  if (n === undefined) return refused("invalid-date", calendar);
  const found = nthWorkingDay(n, 1, calendar);
  return found.ok ? ok(fromEpochDay(found.value)) : found;
};

/**
 * The last day of a period that starts on `start`: the day by which something
 * must be done (inclusive). Calendar days are counted under `convention`, and
 * only the days from the nominal end to the working day it moves to need the
 * calendar; working days are counted on `calendar`, from the day after `start`
 * (or `start` itself when `startsNextDay` is false), every day of them covered,
 * and always end on a working day. A period of 0 ends on `start`.
 *
 * Total: for every input the answer is the right date or a {@link DayCountRefused}
 * (a year the calendar does not cover, a calendar with no working day, a result
 * after 2199, a length that is not a whole number of days ≥ 0, or a start that
 * is not a real date). It never returns a date it had to guess.
 *
 * @example
 * ```ts
 * import { periodEnd } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * // 15 days from 2025-09-16 end on 2025-10-01, a holiday: moved to 2025-10-09.
 * periodEnd("2025-09-16" as LocalDate, { days: 15 }, chinaCalendar()); // { ok: true, value: "2025-10-09" }
 * ```
 * @since 0.1.0
 */
export const periodEnd = (
  start: LocalDate,
  period: Period,
  calendar: Calendar,
  convention: CountingConvention = civilCodeCounting,
): Result<LocalDate, DayCountRefused> => {
  if (!isCalendar(calendar)) return noCalendar();
  const s = dayNumber(start);
  if (s === undefined) return refused("invalid-date", calendar);
  const length: unknown = "days" in period ? period.days : (period as { readonly workingDays?: unknown }).workingDays;
  if (typeof length !== "number" || !Number.isSafeInteger(length) || length < 0) return refused("invalid-period", calendar);
  if (length === 0) return ok(start);
  const first = convention.startsNextDay ? s + 1 : s;
  // Even one working day per day would end here: later than the last date, refuse before walking.
  const earliestEnd = first + length - 1;
  if (earliestEnd > LAST_DAY) return refused("beyond-range", calendar);
  if ("days" in period) {
    if (!convention.rollToWorkingDay) return ok(fromEpochDay(earliestEnd));
    const end = nthWorkingDay(earliestEnd, 1, calendar);
    return end.ok ? ok(fromEpochDay(end.value)) : end;
  }
  const end = nthWorkingDay(first, length, calendar);
  return end.ok ? ok(fromEpochDay(end.value)) : end;
};

/**
 * How many working days there are after `from` up to and including `to` (0 when
 * `to` is not after `from`), or why they cannot be counted: a day between them
 * that the calendar does not cover, or a date that is not real.
 *
 * @example
 * ```ts
 * import { workingDaysAfter } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * workingDaysAfter("2025-09-26" as LocalDate, "2025-10-11" as LocalDate, chinaCalendar()); // { ok: true, value: 6 }
 * ```
 * @since 0.1.0
 */
export const workingDaysAfter = (from: LocalDate, to: LocalDate, calendar: Calendar): Result<number, DayCountRefused> => {
  if (!isCalendar(calendar)) return noCalendar();
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === undefined || b === undefined) return refused("invalid-date", calendar);
  let count = 0;
  for (let n = a + 1; n <= b; n++) {
    const date = fromEpochDay(n);
    if (!calendar.covers(date)) return refused("year-not-covered", calendar, scheduleYearOf(date));
    if (calendar.isWorkingDay(date)) count++;
  }
  return ok(count);
};
