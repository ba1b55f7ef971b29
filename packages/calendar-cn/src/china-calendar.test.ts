import { fc, test } from "@fast-check/vitest";
import { type DisputeId, type LocalDate, defaultTimeLimits, makeCalendar, overlayCalendar, periodEnd, scheduleYearOf, timeLimitDueOn } from "@tiaojie/core";
import { HolidayUtil } from "lunar-typescript";
import { describe, expect } from "vitest";
import { chinaCalendar, chinaHolidaySchedule, chinaScheduleYears } from "./china-calendar.js";

const d = (s: string) => s as LocalDate;
const cal = chinaCalendar({ from: 2024, to: 2026 });
const value = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: { readonly message: string } }): A => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

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
    expect(value(periodEnd(d("2025-09-16"), { days: 15 }, cal))).toBe("2025-10-09");
    expect(value(periodEnd(d("2025-09-26"), { workingDays: 4 }, cal))).toBe("2025-10-09");
    const notice = defaultTimeLimits.find((r) => r.id === "petition-notice")!;
    expect(value(timeLimitDueOn({ case: "d-1" as DisputeId, rule: notice.id, startedOn: d("2025-09-16") }, notice, { calendar: chinaCalendar() }))).toBe("2025-10-09");
  });

  test("its covered years come from its data: 2002 to 2026 with lunar-typescript 1.8.6", () => {
    const years = chinaScheduleYears();
    expect(years[0]).toBe(2002);
    expect(years.at(-1)).toBe(2026);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => years[0]! + i));
    const all = chinaCalendar();
    expect(all.name).toContain("2002–2026");
    expect(all.covers(d("2001-12-29"))).toBe(true); // arranged by the 2002 notice
    expect(all.kindOf(d("2001-12-29"))).toBe("make-up-working-day");
    expect(all.covers(d("2001-12-28"))).toBe(false);
    expect(all.covers(d("2026-12-28"))).toBe(true);
    expect(all.covers(d("2026-12-29"))).toBe(false); // the 2027 notice may move it
    expect(chinaHolidaySchedule(2001).years).toEqual([]);
    expect(all.coveredYears).toEqual(years);
    const next = makeCalendar({ name: "2027", holidays: ["2027-01-01"], makeUpWorkingDays: [], years: [2027] });
    expect(chinaCalendar({ overrides: [next] }).coveredYears).toEqual([...years, 2027]);
  });

  test("no notice in the data reaches back before 29 December: core's schedule year holds for every day", () => {
    for (const year of chinaScheduleYears()) {
      const s = chinaHolidaySchedule(year);
      for (const day of [...s.holidays, ...s.makeUpWorkingDays]) expect(scheduleYearOf(d(day))).toBe(year);
    }
    // And every day the data lists belongs to one of the notices.
    const listed = new Set(chinaScheduleYears().flatMap((y) => [...chinaHolidaySchedule(y).holidays, ...chinaHolidaySchedule(y).makeUpWorkingDays]));
    for (let y = 2001; y <= 2027; y++) for (const h of HolidayUtil.getHolidays(y)) expect(listed.has(h.getDay())).toBe(true);
  });

  test("a count running past its last year is refused with that year named; next year's schedule makes it pass", () => {
    const all = chinaCalendar();
    const last = chinaScheduleYears().at(-1)!;
    const start = d(`${last}-12-10`);
    const refused = periodEnd(start, { days: 30 }, all);
    expect(refused).toMatchObject({ ok: false, error: { _tag: "DayCountRefused", reason: "year-not-covered", year: last + 1 } });
    expect(!refused.ok && refused.error.message).toContain(`${last + 1} 年`);
    const next = makeCalendar({ name: `${last + 1} notice`, holidays: [`${last + 1}-01-01`], makeUpWorkingDays: [], years: [last + 1] });
    expect(periodEnd(start, { days: 30 }, overlayCalendar(next, all)).ok).toBe(true);
    expect(periodEnd(start, { days: 30 }, chinaCalendar({ overrides: [next] })).ok).toBe(true);
    // 2026-12-10 + 30 days = 2027-01-09, a Saturday: the next working day of that (made-up) schedule is Monday 11 January.
    expect(value(periodEnd(d("2026-12-10"), { days: 30 }, overlayCalendar(makeCalendar({ name: "2027", holidays: ["2027-01-01"], makeUpWorkingDays: [], years: [2027] }), all)))).toBe("2027-01-11");
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
