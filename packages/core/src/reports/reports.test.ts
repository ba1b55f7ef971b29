import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { makeCalendar, overlayCalendar, weekendCalendar } from "../calendar/calendar.js";
import { plusDays } from "../calendar/local-dates.js";
import { sampleTown } from "../testing/sample-town.js";
import { deadlineByKey, deadlinesBetween, reportingPeriodOf } from "../campaign/campaign-calendar.js";
import { completeLedger } from "../campaign/ledger-fixture.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { monthlyReport, type ReportCounts, type ReportRow } from "./monthly-report.js";
import { campaignSummaryReport } from "./summary-report.js";

const d = (s: string) => s as LocalDate;
const sum = (rows: ReadonlyArray<{ counts: ReportCounts }>): ReportCounts =>
  rows.reduce((a, r) => ({
    new: a.new + r.counts.new,
    cumulative: a.cumulative + r.counts.cumulative,
    resolvedInPeriod: a.resolvedInPeriod + r.counts.resolvedInPeriod,
    openAtEnd: a.openAtEnd + r.counts.openAtEnd,
  }), { new: 0, cumulative: 0, resolvedInPeriod: 0, openAtEnd: 0 });

/** The ledgers here only test the counts, so weekends only, chosen explicitly. */
const timeLimits = { calendar: weekendCalendar };
const value = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: { readonly message: string } }): A => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const towns = new Map<number, ReturnType<typeof build>>();
const build = (seed: number) => {
  const town = sampleTown(seed, { villages: 5, persons: 80, disputes: 60 });
  return { town, data: completeLedger(town, zixi2025, d("2025-06-30")) };
};
const townOf = (seed: number) => towns.get(seed) ?? (towns.set(seed, build(seed)), towns.get(seed)!);

describe("the monthly report", () => {
  // Bounded work: at most 25 × 6 reports on a town of the default size (about 0.1 s of CPU).
  test.prop([fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 })], { numRuns: 25 })(
    "groups sum to the totals; cumulative n = cumulative n−1 + new n",
    (seed, lengths) => {
      const { town, data } = townOf(seed);
      let from = d("2024-11-01");
      let previous = 0;
      for (const n of lengths) {
        const period = { from, to: plusDays(from, n - 1) };
        const r = value(monthlyReport(data, { jurisdiction: town.township.code, period, campaign: zixi2025, timeLimits }));
        expect(sum(r.groups)).toEqual(r.totals);
        for (const rows of [r.byVillage, r.byDomain, r.byLevel, r.byPriority, r.byLeadUnit] as ReadonlyArray<ReadonlyArray<ReportRow<string>>>) expect(sum(rows)).toEqual(r.totals);
        expect(r.totals.cumulative).toBe(previous + r.totals.new);
        expect(r.progress.resolved + r.progress.stillOpen + r.progress.declined).toBe(r.progress.openAtPrevious);
        expect(r.resolutionRate).toBeGreaterThanOrEqual(0);
        expect(r.resolutionRate).toBeLessThanOrEqual(1);
        previous = r.totals.cumulative;
        from = plusDays(period.to, 1);
      }
    },
  );

  test("a village's report counts only its disputes", () => {
    const { town, data } = townOf(1);
    const village = town.villages[0]!.code;
    const period = reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, "monthly-update@2025-02-28")!);
    const all = value(monthlyReport(data, { jurisdiction: town.township.code, period, timeLimits }));
    const one = value(monthlyReport(data, { jurisdiction: village, period, timeLimits }));
    expect(one.totals).toEqual(all.byVillage.find((r) => r.key === village)?.counts);
  });

  test("overdue submissions and time limits appear at the period's end", () => {
    const { town, data } = townOf(2);
    const period = reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, "monthly-update@2024-12-28")!);
    const unit = data.submissions.find((s) => s.deadline === "monthly-update@2024-12-28")!.unit;
    const r = value(monthlyReport(
      { ...data, submissions: data.submissions.filter((s) => !(s.unit === unit && s.deadline === "monthly-update@2024-12-28")) },
      { jurisdiction: town.township.code, period, campaign: zixi2025, timeLimits },
    ));
    expect(r.overdueSubmissions).toEqual([]); // due that very day: not yet overdue at its end
    const next = reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, "monthly-update@2025-01-28")!);
    const later = value(monthlyReport(
      { ...data, submissions: data.submissions.filter((s) => !(s.unit === unit && s.deadline === "monthly-update@2025-01-28")) },
      { jurisdiction: town.township.code, period: { from: next.from, to: plusDays(next.to, 1) }, campaign: zixi2025, timeLimits },
    ));
    expect(later.overdueSubmissions).toEqual([{ deadline: "monthly-update@2025-01-28", unit, status: "missing" }]);
    // Unresolved mediations run past the 30-day target.
    expect(later.overdueTimeLimits.length).toBeGreaterThan(0);
    expect(later.overdueTimeLimits.every((s) => s.state === "overdue")).toBe(true);
  });

  test("a report whose time limits run into a year the calendar does not cover is refused, naming it", () => {
    const { town, data } = townOf(2);
    const period = reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, "monthly-update@2024-12-28")!);
    const only2024 = makeCalendar({ name: "2024 only", holidays: ["2024-10-01"], makeUpWorkingDays: [], years: [2024] });
    const r = monthlyReport(data, { jurisdiction: town.township.code, period, timeLimits: { calendar: only2024 } });
    expect(r).toMatchObject({ ok: false, error: { _tag: "DayCountRefused", reason: "year-not-covered", year: 2025 } });
    const next = makeCalendar({ name: "2025", holidays: ["2025-01-01"], makeUpWorkingDays: [], years: [2025] });
    const withNext = monthlyReport(data, { jurisdiction: town.township.code, period, timeLimits: { calendar: overlayCalendar(next, only2024) } });
    expect(withNext.ok).toBe(true);
    expect(campaignSummaryReport(zixi2025, data, { jurisdiction: town.township.code, timeLimits: { calendar: only2024 } })).toMatchObject({ ok: false, error: { year: 2025 } });
  });
});

describe("the campaign summary report", () => {
  test("its series tiles the campaign and adds up to the whole", () => {
    const { town, data } = townOf(3);
    const s = value(campaignSummaryReport(zixi2025, data, { jurisdiction: town.township.code, timeLimits }));
    expect(s.period).toEqual({ from: "2024-11-01", to: "2025-05-31" });
    expect(s.series.map((r) => r.period.to)).toEqual(deadlinesBetween(zixi2025, d("2024-11-01"), d("2025-05-31")).filter((x) => x.kind === "ledger-report").map((x) => x.due));
    expect(s.series.reduce((n, r) => n + r.totals.new, 0)).toBe(s.series.at(-1)!.totals.cumulative);
    expect(s.overall.totals.cumulative).toBe(town.disputes.filter((x) => x.reportedOn <= "2025-05-31").length);
    expect(s.phases.map((p) => p.failing.length)).toEqual([0, 0, 0]);
    expect(s.compliance.every((c) => c.late === 0 && c.missing === 0)).toBe(true);
  });
});
