import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { makeCalendar, overlayCalendar, weekendCalendar } from "./calendar.js";
import { civilCodeCounting, nextWorkingDay, periodEnd, workingDaysAfter } from "./day-counting.js";
import { daysFromTo, epochDay, fromEpochDay, plusDays, shanghaiDateOf, shanghaiStartOf, weekdayOf } from "./local-dates.js";

const d = (s: string) => s as LocalDate;
const date = fc.integer({ min: epochDay(d("1995-01-01")), max: epochDay(d("2150-12-31")) }).map(fromEpochDay);
const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2150, 11, 31) });

/** An excerpt of the State Council's 2025 notice (National Day and Mid-Autumn). */
const cal2025 = makeCalendar({
  name: "2025 excerpt",
  holidays: ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"],
  makeUpWorkingDays: ["2025-09-28", "2025-10-11"],
  years: [2025],
});

describe("Shanghai dates", () => {
  test("23:59 and 00:01 Beijing time fall on different days whatever the host zone", () => {
    expect(shanghaiDateOf(Date.parse("2024-11-28T23:59:00+08:00"))).toBe("2024-11-28");
    expect(shanghaiDateOf(new Date("2024-11-29T00:01:00+08:00"))).toBe("2024-11-29");
    expect(shanghaiDateOf(Date.parse("2024-11-28T16:00:00Z"))).toBe("2024-11-29");
    expect(new Date(shanghaiStartOf(d("2024-11-29"))).toISOString()).toBe("2024-11-28T16:00:00.000Z");
  });

  test.prop([instant], { numRuns: 200 })("agrees with Intl in Asia/Shanghai", (ms) => {
    const intl = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
    expect(shanghaiDateOf(ms)).toBe(intl);
  });

  test.prop([date, fc.integer({ min: -5000, max: 5000 })])("plusDays and daysFromTo are inverse", (a, n) => {
    expect(daysFromTo(a, plusDays(a, n))).toBe(n);
    expect(fromEpochDay(epochDay(a))).toBe(a);
  });

  test.prop([date])("weekdayOf matches the UTC weekday of the date", (a) => {
    expect(weekdayOf(a)).toBe(new Date(`${a}T00:00:00Z`).getUTCDay());
  });
});

describe("calendars", () => {
  test("make-up working days, holidays and weekends", () => {
    expect(cal2025.kindOf(d("2025-09-28"))).toBe("make-up-working-day");
    expect(cal2025.kindOf(d("2025-10-01"))).toBe("holiday");
    expect(cal2025.kindOf(d("2025-10-12"))).toBe("weekend");
    expect(cal2025.kindOf(d("2025-10-09"))).toBe("working-day");
    expect(cal2025.isWorkingDay(d("2025-10-11"))).toBe(true);
    expect(cal2025.covers(d("2026-01-01"))).toBe(false);
  });

  test("an overlay supplies a year the base does not know", () => {
    const next = makeCalendar({ name: "2027", holidays: ["2027-01-01"], makeUpWorkingDays: [], years: [2027] });
    const cal = overlayCalendar(next, cal2025);
    expect(cal.isWorkingDay(d("2027-01-01"))).toBe(false);
    expect(cal.isWorkingDay(d("2025-10-11"))).toBe(true);
    expect(cal.covers(d("2027-06-01"))).toBe(true);
  });
});

describe("day counting (Civil Code arts. 201 and 203)", () => {
  test("counting starts the next day; an end on a holiday moves to the next working day", () => {
    expect(periodEnd(d("2025-01-02"), { days: 15 }, weekendCalendar)).toBe("2025-01-17");
    expect(periodEnd(d("2025-09-16"), { days: 15 }, cal2025)).toBe("2025-10-09");
    expect(periodEnd(d("2025-09-16"), { days: 15 }, cal2025, { startsNextDay: true, rollToWorkingDay: false })).toBe("2025-10-01");
    expect(periodEnd(d("2025-09-16"), { days: 15 }, cal2025, { startsNextDay: false, rollToWorkingDay: false })).toBe("2025-09-30");
  });

  test("working days skip holidays and count make-up days", () => {
    // After Friday 2025-09-26: Sun 28 (make-up), Mon 29, Tue 30, then Thu 9 Oct.
    expect(periodEnd(d("2025-09-26"), { workingDays: 4 }, cal2025)).toBe("2025-10-09");
    expect(workingDaysAfter(d("2025-09-26"), d("2025-10-11"), cal2025)).toBe(6);
  });

  test.prop([date, fc.integer({ min: 1, max: 400 })], { numRuns: 150 })("a period of days ends on a working day, at or after its nominal end", (start, n) => {
    const end = periodEnd(start, { days: n }, cal2025, civilCodeCounting);
    expect(end >= plusDays(start, n)).toBe(true);
    expect(cal2025.isWorkingDay(end)).toBe(true);
    expect(nextWorkingDay(plusDays(start, n), cal2025)).toBe(end);
  });

  test.prop([date, fc.integer({ min: 1, max: 60 })], { numRuns: 100 })("n working days after a day are exactly n working days later", (start, n) => {
    const end = periodEnd(start, { workingDays: n }, cal2025);
    expect(workingDaysAfter(start, end, cal2025)).toBe(n);
    expect(cal2025.isWorkingDay(end)).toBe(true);
  });
});
