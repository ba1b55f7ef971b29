import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { type Calendar, makeCalendar, overlayCalendar, scheduleYearOf, weekendCalendar } from "./calendar.js";
import { type CountingConvention, type DayCountRefusalReason, type Period, civilCodeCounting, nextWorkingDay, periodEnd, workingDaysAfter } from "./day-counting.js";
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

  test("a year's schedule decides 29 December of the year before to 28 December", () => {
    expect(scheduleYearOf(d("2025-12-28"))).toBe(2025);
    expect(scheduleYearOf(d("2025-12-29"))).toBe(2026);
    expect(scheduleYearOf(d("2026-01-01"))).toBe(2026);
    expect(cal2025.covers(d("2024-12-29"))).toBe(true);
    expect(cal2025.covers(d("2024-12-28"))).toBe(false);
    expect(cal2025.covers(d("2025-12-28"))).toBe(true);
    expect(cal2025.covers(d("2025-12-31"))).toBe(false);
    // Without `years`, a schedule covers the schedule years of the days it lists.
    const listed = makeCalendar({ name: "2012 New Year", holidays: ["2012-01-02", "2012-01-03"], makeUpWorkingDays: ["2011-12-31"] });
    expect(listed.covers(d("2011-12-30"))).toBe(true);
    expect(listed.covers(d("2011-12-28"))).toBe(false);
    expect(listed.kindOf(d("2011-12-31"))).toBe("make-up-working-day");
  });

  test("weekends only is a named choice that covers every date", () => {
    expect(weekendCalendar.name).toMatch(/weekends only/);
    expect(weekendCalendar.covers(d("1900-01-01"))).toBe(true);
    expect(weekendCalendar.covers(d("2199-12-31"))).toBe(true);
    expect(weekendCalendar.isWorkingDay(d("2025-10-01"))).toBe(true);
  });

  test("an overlay supplies a year the base does not know", () => {
    const next = makeCalendar({ name: "2027", holidays: ["2027-01-01"], makeUpWorkingDays: [], years: [2027] });
    const cal = overlayCalendar(next, cal2025);
    expect(cal.isWorkingDay(d("2027-01-01"))).toBe(false);
    expect(cal.isWorkingDay(d("2025-10-11"))).toBe(true);
    expect(cal.covers(d("2027-06-01"))).toBe(true);
    expect(cal.covers(d("2026-06-01"))).toBe(false);
    expect(cal2025.coveredYears).toEqual([2025]);
    expect(cal.coveredYears).toEqual([2025, 2027]);
    expect(overlayCalendar(next, weekendCalendar).coveredYears).toBeUndefined();
  });
});

const value = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: unknown }): A => {
  if (!r.ok) throw new Error(`refused: ${String((r.error as Error).message)}`);
  return r.value;
};

describe("day counting (Civil Code arts. 201 and 203)", () => {
  test("counting starts the next day; an end on a holiday moves to the next working day", () => {
    expect(value(periodEnd(d("2025-01-02"), { days: 15 }, weekendCalendar))).toBe("2025-01-17");
    expect(value(periodEnd(d("2025-09-16"), { days: 15 }, cal2025))).toBe("2025-10-09");
    expect(value(periodEnd(d("2025-09-16"), { days: 15 }, cal2025, { startsNextDay: true, rollToWorkingDay: false }))).toBe("2025-10-01");
    expect(value(periodEnd(d("2025-09-16"), { days: 15 }, cal2025, { startsNextDay: false, rollToWorkingDay: false }))).toBe("2025-09-30");
    expect(value(periodEnd(d("2025-09-16"), { days: 0 }, cal2025))).toBe("2025-09-16");
  });

  test("working days skip holidays and count make-up days", () => {
    // After Friday 2025-09-26: Sun 28 (make-up), Mon 29, Tue 30, then Thu 9 Oct.
    expect(value(periodEnd(d("2025-09-26"), { workingDays: 4 }, cal2025))).toBe("2025-10-09");
    expect(value(workingDaysAfter(d("2025-09-26"), d("2025-10-11"), cal2025))).toBe(6);
    expect(value(nextWorkingDay(d("2025-10-01"), cal2025))).toBe("2025-10-09");
  });
});

describe("a calendar that does not know a date refuses to count it", () => {
  test("a count running past the calendar's last year names that year; an overlay with it passes", () => {
    // 15 days from 2025-12-10 end on 2025-12-25, a Thursday of the covered year.
    expect(value(periodEnd(d("2025-12-10"), { days: 15 }, cal2025))).toBe("2025-12-25");
    // 30 days end on 2026-01-09: the calendar has no schedule for 2026.
    const r = periodEnd(d("2025-12-10"), { days: 30 }, cal2025);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ _tag: "DayCountRefused", reason: "year-not-covered", year: 2026, calendar: "2025 excerpt" });
      expect(r.error.message).toContain("2026 年");
      expect(r.error.message).toContain("for 2026");
      expect(r.error.text.en).not.toContain("2025-12-10");
    }
    // Working days need every day on the way: 29 December already belongs to 2026.
    const w = periodEnd(d("2025-12-22"), { workingDays: 10 }, cal2025);
    expect(!w.ok && w.error.year).toBe(2026);
    expect(workingDaysAfter(d("2025-12-01"), d("2026-01-05"), cal2025)).toMatchObject({ ok: false, error: { reason: "year-not-covered", year: 2026 } });
    expect(nextWorkingDay(d("2026-01-01"), cal2025)).toMatchObject({ ok: false, error: { reason: "year-not-covered", year: 2026 } });
    const with2026 = overlayCalendar(makeCalendar({ name: "2026", holidays: ["2026-01-01", "2026-01-02"], makeUpWorkingDays: ["2026-01-04"], years: [2026] }), cal2025);
    expect(value(periodEnd(d("2025-12-10"), { days: 30 }, with2026))).toBe("2026-01-09");
    expect(value(periodEnd(d("2025-12-22"), { workingDays: 10 }, with2026))).toBe("2026-01-06");
  });

  test("a calendar with no working day in a whole covered year is an error, not a hang", () => {
    const allDays = (year: number) => Array.from({ length: 400 }, (_, i) => fromEpochDay(epochDay(d(`${year - 1}-12-01`)) + i)).filter((x) => scheduleYearOf(x) === year);
    const closed = makeCalendar({ name: "closed", holidays: [...allDays(2030), ...allDays(2031)], makeUpWorkingDays: [], years: [2030, 2031] });
    expect(periodEnd(d("2030-01-01"), { workingDays: 1 }, closed)).toMatchObject({ ok: false, error: { reason: "no-working-day", year: 2030 } });
    expect(periodEnd(d("2030-01-01"), { days: 1 }, closed)).toMatchObject({ ok: false, error: { reason: "no-working-day" } });
    const never: Calendar = { name: "never", kindOf: () => "holiday", isWorkingDay: () => false, covers: () => true };
    expect(nextWorkingDay(d("2198-03-01"), never)).toMatchObject({ ok: false, error: { reason: "no-working-day", year: 2198 } });
    expect(nextWorkingDay(d("2199-06-01"), never)).toMatchObject({ ok: false, error: { reason: "beyond-range" } });
  });

  test("every other input gets an error value, never a wrong date", () => {
    const reasonOf = (start: string, period: Period) => {
      const r = periodEnd(d(start), period, weekendCalendar);
      return r.ok ? r.value : r.error.reason;
    };
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(reasonOf("2025-01-01", { days: n })).toBe("invalid-period");
      expect(reasonOf("2025-01-01", { workingDays: n })).toBe("invalid-period");
    }
    expect(reasonOf("2025-01-01", { days: 1_000_000 })).toBe("beyond-range");
    expect(reasonOf("2025-01-01", { workingDays: 1_000_000 })).toBe("beyond-range");
    expect(reasonOf("2199-12-30", { workingDays: 5 })).toBe("beyond-range");
    for (const bad of ["2025-02-30", "2025-1-01", "", "2200-01-01", "1899-12-31", "abcd-ef-gh"]) {
      expect(reasonOf(bad, { days: 1 })).toBe("invalid-date");
      expect(nextWorkingDay(d(bad), weekendCalendar)).toMatchObject({ ok: false, error: { reason: "invalid-date" } });
      expect(workingDaysAfter(d("2025-01-01"), d(bad), weekendCalendar)).toMatchObject({ ok: false, error: { reason: "invalid-date" } });
    }
  });
});

// ---------------------------------------------------------------------------
// The oracle: day counting written a second time, from the schedule's raw lists,
// with `Date.UTC` and nothing of the library's date arithmetic or calendars.
// ---------------------------------------------------------------------------

interface RawSchedule {
  readonly holidays: ReadonlySet<string>;
  readonly makeUp: ReadonlySet<string>;
  readonly years: ReadonlySet<number>;
}

type Expected = { readonly date: string } | { readonly count: number } | { readonly reason: DayCountRefusalReason; readonly year?: number };

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const utcOf = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
const dayAfter = (s: string, k: number): string => {
  const t = new Date(utcOf(s));
  return iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + k));
};
const LAST = "2199-12-31";

const oracle = (raw: RawSchedule) => {
  const noticeYear = (s: string): number => {
    const t = new Date(utcOf(s));
    return t.getUTCMonth() === 11 && t.getUTCDate() >= 29 ? t.getUTCFullYear() + 1 : t.getUTCFullYear();
  };
  const known = (s: string): boolean => raw.years.has(noticeYear(s));
  const works = (s: string): boolean => {
    if (raw.makeUp.has(s)) return true;
    if (raw.holidays.has(s)) return false;
    const w = new Date(utcOf(s)).getUTCDay();
    return w >= 1 && w <= 5;
  };
  /** The k-th working day from `s` on (s itself counting), walking one day at a time. */
  const kth = (s: string, k: number): Expected => {
    let left = k;
    let idle = 0;
    let idleFrom = s;
    for (let day = s; day <= LAST; day = dayAfter(day, 1)) {
      if (!known(day)) return { reason: "year-not-covered", year: noticeYear(day) };
      if (works(day)) {
        idle = 0;
        left -= 1;
        if (left === 0) return { date: day };
      } else {
        if (idle === 0) idleFrom = day;
        idle += 1;
        if (idle === 366) return { reason: "no-working-day", year: Number(idleFrom.slice(0, 4)) };
      }
    }
    return { reason: "beyond-range" };
  };
  return {
    periodEnd: (start: string, period: Period, convention: CountingConvention): Expected => {
      const n = "days" in period ? period.days : period.workingDays;
      if (n === 0) return { date: start };
      const first = convention.startsNextDay ? dayAfter(start, 1) : start;
      if (dayAfter(first, n - 1) > LAST) return { reason: "beyond-range" };
      if ("days" in period) {
        const nominal = dayAfter(first, n - 1);
        return convention.rollToWorkingDay ? kth(nominal, 1) : { date: nominal };
      }
      return kth(first, n);
    },
    workingDaysAfter: (from: string, to: string): Expected => {
      let count = 0;
      for (let day = dayAfter(from, 1); day <= to; day = dayAfter(day, 1)) {
        if (!known(day)) return { reason: "year-not-covered", year: noticeYear(day) };
        if (works(day)) count += 1;
      }
      return { count };
    },
  };
};

const asExpected = (r: { readonly ok: true; readonly value: string | number } | { readonly ok: false; readonly error: { readonly reason: DayCountRefusalReason; readonly year?: number } }): Expected =>
  r.ok
    ? typeof r.value === "number" ? { count: r.value } : { date: r.value }
    : r.error.year === undefined ? { reason: r.error.reason } : { reason: r.error.reason, year: r.error.year };

/** A day of 2023-12-01 … 2028-01-31, by its offset. */
const FIRST_DAY = "2023-12-01";
const SPAN = Math.round((utcOf("2028-01-31") - utcOf(FIRST_DAY)) / 86_400_000);
const spanDay = fc.integer({ min: 0, max: SPAN }).map((k) => dayAfter(FIRST_DAY, k));

/**
 * Holiday schedules over 2024–2027: scattered holidays and make-up days, a
 * random set of covered years, and sometimes whole years with no working day.
 */
const rawSchedule: fc.Arbitrary<RawSchedule> = fc
  .record({
    holidays: fc.uniqueArray(spanDay, { maxLength: 60 }),
    makeUp: fc.uniqueArray(spanDay, { maxLength: 15 }),
    years: fc.subarray([2024, 2025, 2026, 2027, 2028]),
    closedYears: fc.oneof({ weight: 4, arbitrary: fc.constant([] as Array<number>) }, { weight: 1, arbitrary: fc.subarray([2025, 2026]) }),
  })
  .map(({ holidays, makeUp, years, closedYears }) => {
    const closed: Array<string> = [];
    for (const y of closedYears) for (let day = `${y - 1}-12-29`; day <= `${y}-12-28`; day = dayAfter(day, 1)) closed.push(day);
    const makeUpSet = new Set(makeUp.filter((x) => !closedYears.some((y) => x >= `${y - 1}-12-29` && x <= `${y}-12-28`)));
    return { holidays: new Set([...holidays, ...closed]), makeUp: makeUpSet, years: new Set(years) };
  });

const calendarOf = (raw: RawSchedule): Calendar =>
  makeCalendar({ name: "generated", holidays: [...raw.holidays], makeUpWorkingDays: [...raw.makeUp], years: [...raw.years] });

const convention: fc.Arbitrary<CountingConvention> = fc.record({ startsNextDay: fc.boolean(), rollToWorkingDay: fc.boolean() });

describe("day counting agrees with a Date.UTC oracle over generated holiday schedules", () => {
  test.prop([rawSchedule, spanDay, fc.integer({ min: 0, max: 500 }), convention], { numRuns: 200 })(
    "calendar days",
    (raw, start, days, counting) => {
      expect(asExpected(periodEnd(d(start), { days }, calendarOf(raw), counting))).toEqual(oracle(raw).periodEnd(start, { days }, counting));
    },
  );

  test.prop([rawSchedule, spanDay, fc.integer({ min: 0, max: 300 }), convention], { numRuns: 200 })(
    "working days",
    (raw, start, workingDays, counting) => {
      expect(asExpected(periodEnd(d(start), { workingDays }, calendarOf(raw), counting))).toEqual(oracle(raw).periodEnd(start, { workingDays }, counting));
    },
  );

  test.prop([rawSchedule, spanDay, spanDay], { numRuns: 200 })("working days between two dates", (raw, from, to) => {
    expect(asExpected(workingDaysAfter(d(from), d(to), calendarOf(raw)))).toEqual(oracle(raw).workingDaysAfter(from, to));
  });

  test.prop([rawSchedule, spanDay], { numRuns: 200 })("the next working day", (raw, day) => {
    expect(asExpected(nextWorkingDay(d(day), calendarOf(raw)))).toEqual(oracle(raw).periodEnd(day, { days: 1 }, { startsNextDay: false, rollToWorkingDay: true }));
  });

  test.prop([date, fc.integer({ min: 1, max: 400 })], { numRuns: 150 })("on weekends only, a period of days ends on a weekday at or after its nominal end", (start, n) => {
    const end = value(periodEnd(start, { days: n }, weekendCalendar, civilCodeCounting));
    expect(end >= plusDays(start, n)).toBe(true);
    expect(end <= plusDays(start, n + 2)).toBe(true);
    expect([1, 2, 3, 4, 5]).toContain(new Date(`${end}T00:00:00Z`).getUTCDay());
  });
});
