import { fc, test } from "@fast-check/vitest";
import { periodEnd, type LocalDate, makeCalendar } from "@tiaojie/core";
import { describe, expect } from "vitest";
import { chinaCalendar, chinaHolidaySchedule } from "./china-calendar.js";

const d = (s: string) => s as LocalDate;
const cal = chinaCalendar({ from: 2024, to: 2026 });

describe("China's official calendar", () => {
  test("covers the make-up working days of 2024–2026", () => {
    expect(chinaHolidaySchedule(2024).makeUpWorkingDays).toEqual(["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"]);
    expect(chinaHolidaySchedule(2025).makeUpWorkingDays).toEqual(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
    expect(chinaHolidaySchedule(2026).makeUpWorkingDays.length).toBeGreaterThan(0);
    for (const day of ["2025-01-26", "2025-02-08", "2025-10-11"]) expect(cal.kindOf(d(day))).toBe("make-up-working-day");
  });

  test("knows the Spring Festival and National Day holidays", () => {
    for (const day of ["2025-01-28", "2025-01-29", "2025-02-04", "2025-10-01", "2025-10-08", "2026-01-01"]) expect(cal.kindOf(d(day))).toBe("holiday");
    expect(cal.kindOf(d("2025-02-05"))).toBe("working-day");
    expect(cal.kindOf(d("2025-03-01"))).toBe("weekend");
    expect(cal.covers(d("2025-06-01"))).toBe(true);
  });

  test("Civil Code counting across the National Day holiday", () => {
    expect(periodEnd(d("2025-09-16"), { days: 15 }, cal)).toBe("2025-10-09");
    expect(periodEnd(d("2025-09-26"), { workingDays: 4 }, cal)).toBe("2025-10-09");
  });

  test("a user's schedule overrides the package for its year", () => {
    const next = makeCalendar({ name: "2027 notice", holidays: ["2027-01-01"], makeUpWorkingDays: ["2027-01-03"], years: [2027] });
    const withNext = chinaCalendar({ from: 2024, to: 2026, overrides: [next] });
    expect(withNext.kindOf(d("2027-01-03"))).toBe("make-up-working-day");
    expect(withNext.kindOf(d("2025-10-11"))).toBe("make-up-working-day");
    expect(cal.covers(d("2027-01-03"))).toBe(false);
  });

  test.prop([fc.integer({ min: 0, max: 3 * 366 - 1 })], { numRuns: 200 })("the same kinds whatever the host's time zone", (offset) => {
    const day = new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10) as LocalDate;
    const kind = cal.kindOf(day);
    const w = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (kind === "weekend") expect(w === 0 || w === 6).toBe(true);
    if (kind === "make-up-working-day") expect(w === 0 || w === 6).toBe(true);
    expect(cal.isWorkingDay(day)).toBe(kind === "working-day" || kind === "make-up-working-day");
  });
});
