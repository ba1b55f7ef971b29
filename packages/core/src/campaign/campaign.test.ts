import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { daysFromTo, epochDay, fromEpochDay, plusDays } from "../calendar/local-dates.js";
import type { Campaign } from "./campaign.js";
import { checkCampaign } from "./campaign.js";
import {
  deadlineByKey,
  deadlinesBetween,
  isLateSubmission,
  nextDeadline,
  nextDeadlines,
  phaseOn,
  reportingPeriodOf,
  submissionTiming,
} from "./campaign-calendar.js";
import { zixi2025, zixi2025Campaign } from "../presets/zixi/campaign.js";

const d = (s: string) => s as LocalDate;
const stageOf = (c: Campaign, s: string) => {
  const st = phaseOn(c, d(s));
  return st.kind === "phase" ? st.phase.id : st.kind;
};

/** Any campaign: phases of 1–120 days laid end to end, one-offs and a monthly deadline. */
const campaignArb = fc
  .record({
    start: fc.integer({ min: epochDay(d("2000-01-01")), max: epochDay(d("2090-01-01")) }).map(fromEpochDay),
    lengths: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 6 }),
    oneOffs: fc.uniqueArray(fc.integer({ min: 0, max: 700 }), { maxLength: 5 }),
    day: fc.integer({ min: 1, max: 31 }),
    monthlyFrom: fc.integer({ min: 0, max: 3 }),
    monthlyFor: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  })
  .map(({ start, lengths, oneOffs, day, monthlyFrom, monthlyFor }): Campaign => {
    let from = start;
    const phases = lengths.map((n, i) => {
      const p = { id: `p${i}`, name: { zh: `阶段${i}`, en: `phase ${i}` }, start: from, end: plusDays(from, n - 1), checks: [] };
      from = plusDays(p.end, 1);
      return p;
    });
    const ym = (offset: number) => {
      const idx = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + offset;
      return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
    };
    return {
      id: "generated",
      name: { zh: "生成", en: "generated" },
      phases,
      routineFrom: from,
      reportingUnitKinds: ["village-committee"],
      oneOffDeadlines: oneOffs.map((o, i) => ({
        id: `o${i}`, kind: "ledger-report" as const, due: plusDays(start, o), title: { zh: "一次", en: "once" },
        owedBy: "reporting-units" as const, receivedBy: "peace-rule-of-law-office" as const,
      })),
      monthlyDeadlines: [{
        id: "m", kind: "ledger-report", dayOfMonth: day, firstMonth: ym(monthlyFrom),
        ...(monthlyFor === undefined ? {} : { lastMonth: ym(monthlyFrom + monthlyFor) }),
        title: { zh: "每月", en: "monthly" }, owedBy: "reporting-units", receivedBy: "peace-rule-of-law-office",
      }],
    };
  });

describe("the Zixi 2025 preset", () => {
  test("is well formed", () => {
    expect(checkCampaign(zixi2025)).toEqual([]);
    expect(checkCampaign(zixi2025Campaign({ phase1End: d("2025-02-12") }))).toEqual([]);
  });

  test("phases on the plan's dates, both ends inclusive", () => {
    expect(stageOf(zixi2025, "2024-10-31")).toBe("before");
    expect(stageOf(zixi2025, "2024-11-01")).toBe("sweep");
    expect(stageOf(zixi2025, "2025-01-29")).toBe("sweep");
    expect(stageOf(zixi2025, "2025-01-31")).toBe("sweep");
    expect(stageOf(zixi2025, "2025-02-01")).toBe("resolution");
    expect(stageOf(zixi2025, "2025-04-30")).toBe("resolution");
    expect(stageOf(zixi2025, "2025-05-01")).toBe("summary");
    expect(stageOf(zixi2025, "2025-05-31")).toBe("summary");
    expect(stageOf(zixi2025, "2025-06-01")).toBe("routine");
    expect(stageOf(zixi2025, "2031-01-01")).toBe("routine");
  });

  test("the phase 1 boundary is configurable", () => {
    const later = zixi2025Campaign({ phase1End: d("2025-02-12") });
    expect(stageOf(later, "2025-02-12")).toBe("sweep");
    expect(stageOf(later, "2025-02-13")).toBe("resolution");
  });

  test("deadlines: first round, the 28th of every month from December, the summary report", () => {
    expect(deadlinesBetween(zixi2025, d("2024-11-01"), d("2025-06-30")).map((x) => x.key)).toEqual([
      "first-round@2024-11-28",
      "monthly-update@2024-12-28",
      "monthly-update@2025-01-28",
      "monthly-update@2025-02-28",
      "monthly-update@2025-03-28",
      "monthly-update@2025-04-28",
      "monthly-update@2025-05-28",
      "summary-report@2025-05-31",
      "monthly-update@2025-06-28",
    ]);
    expect(nextDeadline(zixi2025, d("2024-11-28"))?.key).toBe("first-round@2024-11-28");
    expect(nextDeadline(zixi2025, d("2024-11-29"))?.key).toBe("monthly-update@2024-12-28");
    expect(nextDeadlines(zixi2025, d("2025-05-29"), 3).map((x) => x.due)).toEqual(["2025-05-31", "2025-06-28", "2025-07-28"]);
    expect(nextDeadline(zixi2025, d("2030-12-29"))?.due).toBe("2031-01-28");
  });

  test("reporting periods tile the calendar from the campaign's start", () => {
    const period = (key: string) => reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, key)!);
    expect(period("first-round@2024-11-28")).toEqual({ from: "2024-11-01", to: "2024-11-28" });
    expect(period("monthly-update@2024-12-28")).toEqual({ from: "2024-11-29", to: "2024-12-28" });
    expect(period("monthly-update@2025-03-28")).toEqual({ from: "2025-03-01", to: "2025-03-28" });
    expect(period("summary-report@2025-05-31")).toEqual({ from: "2024-11-01", to: "2025-05-31" });
    expect(deadlineByKey(zixi2025, "monthly-update@2024-11-28")).toBeUndefined();
  });

  test("a submission at 23:59 Beijing time on the due day is on time; at 00:01 the next day it is late", () => {
    const first = deadlineByKey(zixi2025, "first-round@2024-11-28")!;
    expect(submissionTiming(first, Date.parse("2024-11-28T23:59:00+08:00"))).toBe("on-time");
    expect(submissionTiming(first, new Date("2024-11-28T15:59:59.999Z"))).toBe("on-time");
    expect(submissionTiming(first, Date.parse("2024-11-29T00:01:00+08:00"))).toBe("late");
    expect(isLateSubmission(first, Date.parse("2024-11-28T16:00:00Z"))).toBe(true);
    expect(isLateSubmission(first, Date.parse("2024-11-28T00:01:00+08:00"))).toBe(false);
  });
});

describe("any campaign", () => {
  test.prop([campaignArb, fc.integer({ min: -30, max: 800 })], { numRuns: 200 })("phases tile the campaign: every date in at most one phase", (c, offset) => {
    expect(checkCampaign(c)).toEqual([]);
    const first = c.phases[0]!;
    const day = plusDays(first.start, offset);
    const containing = c.phases.filter((p) => p.start <= day && day <= p.end);
    expect(containing.length).toBeLessThanOrEqual(1);
    const last = c.phases.at(-1)!;
    if (day >= first.start && day <= last.end) expect(containing.length).toBe(1);
    const stage = phaseOn(c, day);
    expect(stage.kind).toBe(day < first.start ? "before" : day > last.end ? "routine" : "phase");
    const total = c.phases.reduce((n, p) => n + daysFromTo(p.start, p.end) + 1, 0);
    expect(total).toBe(daysFromTo(first.start, last.end) + 1);
  });

  test.prop([campaignArb, fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 400 })], { numRuns: 150 })("deadlines are strictly increasing and within the range", (c, a, len) => {
    const from = plusDays(c.phases[0]!.start, a - 100);
    const to = plusDays(from, len);
    const list = deadlinesBetween(c, from, to);
    for (let i = 1; i < list.length; i++) {
      const p = list[i - 1]!;
      const q = list[i]!;
      expect(p.due < q.due || (p.due === q.due && p.id < q.id)).toBe(true);
    }
    for (const x of list) expect(x.due >= from && x.due <= to).toBe(true);
    const next = nextDeadline(c, from);
    if (list.length > 0) expect(next?.key).toBe(list[0]!.key);
  });

  test.prop([campaignArb], { numRuns: 100 })("ledger reporting periods are consecutive (deadlines due the same day share one)", (c) => {
    const list = deadlinesBetween(c, c.phases[0]!.start, c.routineFrom);
    let expectedFrom = c.phases[0]!.start;
    let previous: { from: string; to: string } | undefined;
    for (const x of list) {
      const p = reportingPeriodOf(c, x);
      if (previous && previous.to === x.due) expect(p).toEqual(previous);
      else expect(p).toEqual({ from: expectedFrom, to: x.due });
      previous = p;
      expectedFrom = plusDays(x.due, 1);
    }
  });
});
