import type { LocalDate } from "../model/local-date.js";

const MS_PER_DAY = 86_400_000;
/** Beijing time is UTC+8 all year: China has kept no daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * The number of days from 1970-01-01 to a date (negative before it). Computed from
 * the date's digits alone, with no `Date` object, so the host's time zone never
 * shifts a day; it is also fast enough for grading a million disputes.
 *
 * @example
 * ```ts
 * import { epochDay } from "@tiaojie/core";
 *
 * epochDay("1970-01-02" as LocalDate); // 1
 * epochDay("2024-11-28" as LocalDate) - epochDay("2024-11-01" as LocalDate); // 27
 * ```
 * @since 0.1.0
 */
export const epochDay = (date: LocalDate): number => {
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  // Count years from 1 March, so that the leap day is the last day of its year.
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

/**
 * The date of an epoch day number, the inverse of {@link epochDay}.
 *
 * @example
 * ```ts
 * import { fromEpochDay } from "@tiaojie/core";
 *
 * fromEpochDay(0); // "1970-01-01"
 * ```
 * @since 0.1.0
 */
export const fromEpochDay = (day: number): LocalDate => {
  const t = new Date(day * MS_PER_DAY);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}` as LocalDate;
};

/**
 * The date `days` days after `date` (before it when negative).
 *
 * @example
 * ```ts
 * import { plusDays } from "@tiaojie/core";
 *
 * plusDays("2025-01-31" as LocalDate, 1); // "2025-02-01"
 * ```
 * @since 0.1.0
 */
export const plusDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(epochDay(date) + days);

/**
 * The number of days from `from` to `to`: positive when `to` is later.
 *
 * @example
 * ```ts
 * import { daysFromTo } from "@tiaojie/core";
 *
 * daysFromTo("2024-11-01" as LocalDate, "2024-11-28" as LocalDate); // 27
 * ```
 * @since 0.1.0
 */
export const daysFromTo = (from: LocalDate, to: LocalDate): number => epochDay(to) - epochDay(from);

/**
 * The day of the week of a date: 0 Sunday, 1 Monday … 6 Saturday.
 *
 * @example
 * ```ts
 * import { weekdayOf } from "@tiaojie/core";
 *
 * weekdayOf("2025-01-28" as LocalDate); // 2 (a Tuesday)
 * ```
 * @since 0.1.0
 */
export const weekdayOf = (date: LocalDate): number => {
  const n = (epochDay(date) + 4) % 7; // 1970-01-01 was a Thursday
  return n < 0 ? n + 7 : n;
};

/**
 * The date of a given day in a month, or the month's last day when the month is
 * shorter (day 31 of April is 30 April).
 *
 * @example
 * ```ts
 * import { dayOfMonth } from "@tiaojie/core";
 *
 * dayOfMonth(2025, 2, 30); // "2025-02-28"
 * ```
 * @since 0.1.0
 */
export const dayOfMonth = (year: number, month: number, day: number): LocalDate => {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(day, last), 2)}` as LocalDate;
};

/**
 * An instant: a JavaScript `Date` or milliseconds since the epoch.
 *
 * @example
 * ```ts
 * const at: Instant = Date.parse("2024-11-28T23:59:00+08:00");
 * ```
 * @since 0.1.0
 */
export type Instant = Date | number;

/**
 * The Asia/Shanghai calendar date of an instant, whatever the host's time zone
 * (Beijing time is a fixed UTC+8).
 *
 * @example
 * ```ts
 * import { shanghaiDateOf } from "@tiaojie/core";
 *
 * shanghaiDateOf(Date.parse("2024-11-28T16:30:00Z")); // "2024-11-29" (00:30 in Beijing)
 * ```
 * @since 0.1.0
 */
export const shanghaiDateOf = (instant: Instant): LocalDate => {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  return fromEpochDay(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
};

/**
 * The instant at which a Shanghai date begins (00:00 Beijing time), in ms since
 * the epoch.
 *
 * @example
 * ```ts
 * import { shanghaiStartOf } from "@tiaojie/core";
 *
 * new Date(shanghaiStartOf("2024-11-29" as LocalDate)).toISOString(); // "2024-11-28T16:00:00.000Z"
 * ```
 * @since 0.1.0
 */
export const shanghaiStartOf = (date: LocalDate): number => epochDay(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS;

/**
 * The earlier of two dates.
 *
 * @example
 * ```ts
 * minDate("2025-01-31" as LocalDate, "2024-12-31" as LocalDate); // "2024-12-31"
 * ```
 * @since 0.1.0
 */
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);

/**
 * The later of two dates.
 *
 * @example
 * ```ts
 * maxDate("2025-01-31" as LocalDate, "2024-12-31" as LocalDate); // "2025-01-31"
 * ```
 * @since 0.1.0
 */
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? b : a);

/**
 * The corresponding day `months` months later (earlier when negative); when that
 * month has no such day, its last day (31 January + 1 month = 28 or 29 February),
 * as article 202 of the Civil Code counts periods in months.
 *
 * @example
 * ```ts
 * import { plusMonths } from "@tiaojie/core";
 *
 * plusMonths("2025-01-31" as LocalDate, 1); // "2025-02-28"
 * ```
 * @since 0.1.0
 */
export const plusMonths = (date: LocalDate, months: number): LocalDate => {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  return dayOfMonth(year, index - year * 12 + 1, Number(date.slice(8, 10)));
};

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

/**
 * The date one interval after `date`.
 *
 * @example
 * ```ts
 * import { plusInterval } from "@tiaojie/core";
 *
 * plusInterval("2025-01-15" as LocalDate, { months: 3 }); // "2025-04-15"
 * plusInterval("2025-01-15" as LocalDate, { days: 14 }); // "2025-01-29"
 * ```
 * @since 0.1.0
 */
export const plusInterval = (date: LocalDate, interval: Interval): LocalDate =>
  "days" in interval ? plusDays(date, interval.days) : plusMonths(date, interval.months);
