import { Schema } from "effect";
import { bilingualMessage } from "../validation/bilingual.js";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether year, month and day name a real day of the Gregorian calendar.
 *
 * @example
 * ```ts
 * import { isValidCalendarDay } from "@tiaojie/core";
 *
 * isValidCalendarDay(2024, 2, 29); // true
 * isValidCalendarDay(2025, 2, 29); // false
 * ```
 * @since 0.1.0
 */
export const isValidCalendarDay = (year: number, month: number, day: number): boolean => {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
};

const isLocalDate = (s: string): boolean => {
  const m = DATE_PATTERN.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2199 && isValidCalendarDay(year, Number(m[2]), Number(m[3]));
};

/**
 * A calendar date as written in China's ledgers, `YYYY-MM-DD`, with no time and no
 * time zone: it means that day in Asia/Shanghai. Years 1900–2199.
 *
 * @example
 * ```ts
 * import { decode, LocalDate } from "@tiaojie/core";
 *
 * decode(LocalDate, "2024-11-28").ok; // true
 * decode(LocalDate, "2025-02-30").ok; // false
 * ```
 * @since 0.1.0
 */
export const LocalDate = Schema.String.pipe(
  Schema.filter(isLocalDate, {
    ...bilingualMessage("应为 YYYY-MM-DD 格式的有效日期（1900–2199 年）", "must be a real date written YYYY-MM-DD (years 1900–2199)"),
    jsonSchema: { pattern: DATE_PATTERN.source, format: "date" },
  }),
  Schema.brand("LocalDate"),
  Schema.annotations({ identifier: "LocalDate", description: "日期 / calendar date (Asia/Shanghai)" }),
);
/** @since 0.1.0 */
export type LocalDate = typeof LocalDate.Type;
