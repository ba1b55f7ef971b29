import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { DisputeId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { makeCalendar, overlayCalendar, weekendCalendar } from "../calendar/calendar.js";
import { civilCodeCounting, periodEnd } from "../calendar/day-counting.js";
import { daysFromTo, epochDay, fromEpochDay, plusDays } from "../calendar/local-dates.js";
import { sampleTown } from "../testing/sample-town.js";
import { buildCase } from "../campaign/ledger-fixture.js";
import { caseClocks, openCaseTimeLimits } from "./case-time-limits.js";
import { extendTimeLimit, timeLimitDueOn, timeLimitStatus, type TimeLimitClock } from "./time-limit-clock.js";
import { defaultTimeLimits, timeLimitsWith } from "../presets/zixi/time-limits.js";

const d = (s: string) => s as LocalDate;
const rule = (id: string) => defaultTimeLimits.find((r) => r.id === id)!;
const id = "d-000001" as DisputeId;
const nationalDay = makeCalendar({
  name: "2025 excerpt",
  holidays: ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"],
  makeUpWorkingDays: ["2025-09-28", "2025-10-11"],
});
const weekends = { calendar: weekendCalendar };
const value = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: { readonly message: string } }): A => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe("time limits as data", () => {
  test("each has a source, and the petition regulation's numbers", () => {
    for (const r of defaultTimeLimits) expect(r.source.title.zh.length).toBeGreaterThan(0);
    expect(rule("petition-notice").period).toEqual({ days: 15 });
    expect(rule("petition-settle")).toMatchObject({ period: { days: 60 }, extension: { maxDays: 30 } });
    for (const x of ["petition-review-request", "petition-review-answer", "petition-rereview-request", "petition-rereview-answer", "mediation-target", "judicial-confirmation"]) {
      expect(rule(x).period).toEqual({ days: 30 });
    }
    expect(rule("judicial-confirmation").source.article).toBe("第三十三条");
    expect(timeLimitsWith({ mediationTargetDays: 45 }).find((r) => r.id === "mediation-target")?.period).toEqual({ days: 45 });
  });

  test("petition-work limits can be counted in working days where local rules say so", () => {
    const local = timeLimitsWith({ petitionDays: "working-days" });
    for (const r of local) {
      const base = rule(r.id).period as { days: number };
      expect(r.period).toEqual(r.id.startsWith("petition-") ? { workingDays: base.days } : base);
    }
    expect(timeLimitsWith({})).toEqual(defaultTimeLimits);
    const notice = local.find((r) => r.id === "petition-notice")!;
    // 15 working days after 2025-09-16: 17–19 and 22–26 September, Sunday 28 (worked), 29 and 30; then 9, 10, Saturday 11 (worked) and 13 October.
    expect(value(timeLimitDueOn({ case: id, rule: notice.id, startedOn: d("2025-09-16") }, notice, { calendar: nationalDay }))).toBe("2025-10-13");
  });

  test("on time, at risk (under a quarter left), overdue, met", () => {
    const clock: TimeLimitClock = { case: id, rule: "petition-notice", startedOn: d("2025-03-03") };
    const notice = rule("petition-notice");
    expect(value(timeLimitDueOn(clock, notice, weekends))).toBe("2025-03-18");
    expect(value(timeLimitStatus(clock, notice, d("2025-03-10"), weekends)).state).toBe("on-time");
    expect(value(timeLimitStatus(clock, notice, d("2025-03-15"), weekends)).state).toBe("at-risk");
    expect(value(timeLimitStatus(clock, notice, d("2025-03-18"), weekends)).state).toBe("at-risk");
    expect(value(timeLimitStatus(clock, notice, d("2025-03-19"), weekends))).toMatchObject({ state: "overdue", daysLeft: -1 });
    expect(value(timeLimitStatus({ ...clock, metOn: d("2025-03-12") }, notice, d("2025-04-01"), weekends)).state).toBe("met");
    expect(value(timeLimitStatus({ ...clock, metOn: d("2025-03-20") }, notice, d("2025-04-01"), weekends)).state).toBe("met-late");
  });

  test("the calendar is a required option: nothing falls back to weekends", () => {
    const clock: TimeLimitClock = { case: id, rule: "petition-notice", startedOn: d("2025-03-03") };
    // @ts-expect-error the calendar is required
    expect(timeLimitDueOn(clock, rule("petition-notice"), {})).toMatchObject({ ok: false, error: { reason: "no-calendar" } });
    const petition = { ...sampleTown(5, { villages: 3, persons: 30, disputes: 10 }).disputes[0]!, domain: "petition" as const, reportedOn: d("2025-03-03") };
    // @ts-expect-error the options (with the calendar) are required
    expect(openCaseTimeLimits({ units: [], disputes: [petition] }, d("2025-03-04"))).toMatchObject({ ok: false, error: { reason: "no-calendar" } });
  });

  test("a limit ending in the National Day holiday ends on the next working day", () => {
    const clock: TimeLimitClock = { case: id, rule: "petition-notice", startedOn: d("2025-09-16") };
    expect(value(timeLimitDueOn(clock, rule("petition-notice"), { calendar: nationalDay }))).toBe("2025-10-09");
    expect(value(timeLimitStatus(clock, rule("petition-notice"), d("2025-10-08"), { calendar: nationalDay })).state).toBe("at-risk");
    // On weekends only it would end on 1 October, days early: the calendar decides.
    expect(value(timeLimitDueOn(clock, rule("petition-notice"), weekends))).toBe("2025-10-01");
  });

  test("a limit running into a year the calendar does not cover is refused, naming the year", () => {
    const settle = rule("petition-settle");
    const clock: TimeLimitClock = { case: id, rule: settle.id, startedOn: d("2025-11-20") };
    const refused = timeLimitStatus(clock, settle, d("2025-12-01"), { calendar: nationalDay });
    expect(refused).toMatchObject({ ok: false, error: { _tag: "DayCountRefused", reason: "year-not-covered", year: 2026 } });
    expect(!refused.ok && refused.error.message).toMatch(/2026 年.*\/.*for 2026/);
    const next = makeCalendar({ name: "2026", holidays: ["2026-01-01", "2026-01-02", "2026-01-03"], makeUpWorkingDays: ["2026-01-04"], years: [2026] });
    // 60 days end on Monday 2026-01-19.
    expect(value(timeLimitDueOn(clock, settle, { calendar: overlayCalendar(next, nationalDay) }))).toBe("2026-01-19");
  });

  test("extensions need approval and a reason, once, and only where the rule allows", () => {
    const settle = rule("petition-settle");
    const clock: TimeLimitClock = { case: id, rule: settle.id, startedOn: d("2025-02-03") };
    const ext = { days: 30, approvedBy: "王强", reason: "需多部门会商", on: d("2025-03-20") };
    const ok = extendTimeLimit(clock, settle, ext);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(timeLimitDueOn(ok.value, settle, weekends)).toEqual(periodEnd(d("2025-02-03"), { days: 90 }, weekendCalendar));
      const again = extendTimeLimit(ok.value, settle, ext);
      expect(!again.ok && again.error.reason).toBe("already-extended");
    }
    const refused = (e: Partial<typeof ext>, r = settle) => {
      const x = extendTimeLimit(clock, r, { ...ext, ...e });
      return x.ok ? "ok" : x.error.reason;
    };
    expect(refused({ days: 31 })).toBe("too-long");
    expect(refused({ days: 0 })).toBe("not-positive");
    expect(refused({ approvedBy: " " })).toBe("no-approval");
    expect(refused({ reason: "" })).toBe("no-reason");
    expect(refused({}, rule("petition-notice"))).toBe("not-extendable");
  });

  test.prop(
    [
      fc.integer({ min: epochDay(d("2000-01-01")), max: epochDay(d("2100-01-01")) }).map(fromEpochDay),
      fc.integer({ min: -10, max: 100 }),
      fc.string(),
      fc.string(),
    ],
    { numRuns: 200 },
  )("an extension never exceeds 30 days", (start, days, approvedBy, reason) => {
    const settle = rule("petition-settle");
    const clock: TimeLimitClock = { case: id, rule: settle.id, startedOn: start };
    const r = extendTimeLimit(clock, settle, { days, approvedBy, reason, on: start });
    if (!r.ok) return;
    expect(r.value.extension!.days).toBeLessThanOrEqual(30);
    const nominal = (c: TimeLimitClock) => value(periodEnd(c.startedOn, { days: 60 + (c.extension?.days ?? 0) }, weekendCalendar, { ...civilCodeCounting, rollToWorkingDay: false }));
    expect(daysFromTo(nominal(clock), nominal(r.value))).toBeLessThanOrEqual(30);
    expect(daysFromTo(nominal(clock), nominal(r.value))).toBeGreaterThan(0);
  });
});

describe("clocks of open cases", () => {
  const town = sampleTown(5, { villages: 3, persons: 30, disputes: 10 });
  const petition = { ...town.disputes[0]!, domain: "petition" as const, reportedOn: d("2025-03-03") };

  test("a petition matter runs the notice, settle and mediation clocks", () => {
    const record = buildCase(town, petition, [
      ["accept", 5],
      ["assign", 5, { leadUnit: "u-pafzb", responsiblePerson: "李娟" }],
      ["start-mediation", 6, { channel: "administrative-mediation" }],
    ]);
    expect(caseClocks(petition, record, d("2025-03-20"))).toEqual([
      { case: petition.id, rule: "petition-notice", startedOn: "2025-03-03", metOn: "2025-03-08" },
      { case: petition.id, rule: "petition-settle", startedOn: "2025-03-08" },
      { case: petition.id, rule: "mediation-target", startedOn: "2025-03-09" },
    ]);
    const data = { units: town.units, disputes: [petition], cases: [record] };
    const states = (on: string) => value(openCaseTimeLimits(data, d(on), weekends)).map((s) => `${s.clock.rule}:${s.state}`);
    expect(states("2025-03-20")).toEqual(["mediation-target:on-time", "petition-settle:on-time"]);
    expect(states("2025-04-25")).toEqual(["mediation-target:overdue", "petition-settle:at-risk"]);
    expect(states("2025-05-10")).toEqual(["mediation-target:overdue", "petition-settle:overdue"]);
    const extended = value(openCaseTimeLimits(data, d("2025-05-10"), {
      ...weekends,
      extensions: [{ case: petition.id, rule: "petition-settle", extension: { days: 30, approvedBy: "王强", reason: "需多部门会商", on: d("2025-05-01") } }],
    }));
    expect(extended.find((s) => s.clock.rule === "petition-settle")?.state).toBe("on-time");
    const resolved = buildCase(town, petition, [
      ["accept", 5],
      ["assign", 5, { leadUnit: "u-pafzb", responsiblePerson: "李娟" }],
      ["start-mediation", 6, { channel: "administrative-mediation" }],
      ["resolve", 20, { outcome: "agreement" }],
    ]);
    expect(openCaseTimeLimits({ ...data, cases: [resolved] }, d("2025-06-20"), weekends)).toEqual({ ok: true, value: [] });
    // Refused as a whole when the calendar does not know a day a running limit needs.
    const only2024 = makeCalendar({ name: "2024", holidays: [], makeUpWorkingDays: [], years: [2024] });
    expect(openCaseTimeLimits(data, d("2025-03-20"), { calendar: only2024 })).toMatchObject({ ok: false, error: { reason: "year-not-covered", year: 2025 } });
  });

  test("an unaccepted petition's notice clock goes overdue after 15 days", () => {
    const data = { units: town.units, disputes: [petition] };
    expect(value(openCaseTimeLimits(data, plusDays(d("2025-03-03"), 16), weekends)).map((s) => s.state)).toEqual(["overdue"]);
  });
});
