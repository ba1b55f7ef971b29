import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { weekendCalendar } from "../calendar/calendar.js";
import { plusDays } from "../calendar/local-dates.js";
import type { DateRange } from "../campaign/campaign-calendar.js";
import { deadlinesBetween } from "../campaign/campaign-calendar.js";
import type { LedgerData, LedgerGrade, Submission } from "../campaign/ledger-data.js";
import type { UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { defaultTimeLimits } from "../presets/zixi/time-limits.js";
import { monthlyReport } from "../reports/monthly-report.js";
import { suppressSmallCells, supportCounts } from "../reports/small-cells.js";
import { campaignSummaryReport } from "../reports/summary-report.js";
import { daysFromTo } from "../calendar/local-dates.js";
import { must, plantListings, registerTown, serviceFixture } from "./service-fixture.js";
import type { DisputeView } from "./use-cases/dispute-view.js";

const d = (s: string) => s as LocalDate;
const timeLimits = { calendar: weekendCalendar, rules: defaultTimeLimits };

/** What the test feeds the ledger besides the town: per dispute, how far its case goes and whether it is graded and given a measure. */
const historyArb = fc.array(
  fc.record({ steps: fc.integer({ min: 0, max: 5 }), graded: fc.boolean(), measured: fc.boolean(), gap: fc.integer({ min: 0, max: 20 }) }),
  { minLength: 12, maxLength: 12 },
);
const STEPS = [
  ["accept", {}],
  ["assign", "lead"],
  ["start-mediation", { channel: "people-mediation" }],
  ["resolve", { outcome: "agreement" }],
  ["close", {}],
] as const;

/**
 * Registers a small town through the ledger (persons, disputes, their cases as
 * far as the history says, grade confirmations, measures; the town's listings
 * planted with their histories; some submissions) and returns the ledger data the
 * same records make, built from what was fed and what the ledger returned.
 */
const feed = async (seed: number, history: typeof historyArb extends fc.Arbitrary<infer T> ? T : never, submitting: ReadonlyArray<number>) => {
  const fx = serviceFixture(seed, { villages: 3, persons: 12, disputes: 12, listings: 8 }, { config: { campaign: zixi2025 } });
  const views = new Map<string, DisputeView>((await registerTown(fx)).map((v) => [v.id, v]));
  await plantListings(fx, fx.town.listings);
  const c = fx.actors.coordinator;
  const grades: Array<LedgerGrade> = [];
  for (const [i, dispute] of fx.town.disputes.entries()) {
    const h = history[i]!;
    let view = views.get(dispute.id)!;
    if (h.graded) {
      view = must(await fx.ledger.decideGrade(c, { dispute: view.id, version: view.version }), "grade");
      grades.push({ dispute: view.id, level: view.level, priority: view.priority, ...(view.grading.prioritySetBy === undefined ? {} : { prioritySetBy: view.grading.prioritySetBy }), on: fx.today });
    }
    let on = dispute.reportedOn;
    for (const [name, fields] of STEPS.slice(0, h.steps)) {
      const next = plusDays(on, h.gap);
      on = next > fx.today ? fx.today : next;
      const given = fields === "lead" ? { leadUnit: fx.town.units.find((u) => u.jurisdiction === dispute.jurisdiction)!.id, responsiblePerson: "李娟" } : fields;
      view = must(await fx.ledger.transition(c, { dispute: view.id, version: view.version, transition: name, fields: given, on }), name);
    }
    if (h.measured) view = must(await fx.ledger.recordMeasure(c, { dispute: view.id, version: view.version, measure: "组织双方调解" }), "measure");
    views.set(dispute.id, view);
  }
  const submissions: Array<Submission> = [];
  const deadlines = deadlinesBetween(zixi2025, d("2024-11-01"), fx.today);
  const reporters = fx.town.units.filter((u) => u.kind !== "city-political-legal-committee");
  for (const [k, n] of submitting.entries()) {
    const unit = reporters[n % reporters.length]!;
    const deadline = deadlines[(n + k) % deadlines.length]!;
    fx.clock.advance(60_000);
    const actor = { ...fx.actors.leadership, officerId: `sub-${k}` as never, unit: unit.id as UnitId, role: unit.kind.endsWith("committee") ? ("village-committee" as const) : ("unit-officer" as const), scope: unit.jurisdiction };
    const s = must(await fx.ledger.recordSubmission(actor, { deadline: deadline.key }), "submission");
    submissions.push({ unit: s.unit, deadline: s.deadline, submittedAt: s.submittedAt });
  }
  const final = fx.town.disputes.map((x) => views.get(x.id)!);
  const data: LedgerData = {
    units: fx.options.units,
    disputes: fx.town.disputes,
    cases: final.map((v) => v.case),
    grades,
    resolutionMeasures: final.flatMap((v) => v.measures),
    listings: fx.town.listings,
    submissions,
  };
  return { fx, data };
};

const periodArb = fc.tuple(fc.integer({ min: 0, max: 210 }), fc.integer({ min: 0, max: 60 })).map(([start, length]): DateRange => {
  const from = plusDays(d("2024-11-01"), start);
  const to = plusDays(from, length);
  return { from, to: to > d("2025-05-31") ? d("2025-05-31") : to };
});

describe("the ledger's reports are the core's over the same records", () => {
  // Each run feeds a small town (about 90 transactions) and makes 4 reports: bounded at 5 runs.
  test.prop([fc.integer({ min: 1, max: 5_000 }), historyArb, fc.array(fc.nat({ max: 200 }), { maxLength: 6 }), periodArb], { numRuns: 3 })(
    "monthly (own, for a village, for the county) and the campaign summary",
    async (seed, history, submitting, period) => {
      const { fx, data } = await feed(seed, history, submitting);
      const township = fx.town.township.code;
      const c = fx.actors.coordinator;
      const expected = must(monthlyReport(data, { jurisdiction: township, period, campaign: zixi2025, timeLimits }));
      expect(must(await fx.ledger.monthlyReport(c, { period }))).toEqual({ for: "own", report: expected });

      const village = fx.town.villages[seed % fx.town.villages.length]!.code;
      const forVillage = must(monthlyReport(data, { jurisdiction: village, period, campaign: zixi2025, timeLimits }));
      expect(must(await fx.ledger.monthlyReport(fx.actors.village(village), { period, jurisdiction: village }))).toEqual({ for: "own", report: forVillage });

      const county = must(await fx.ledger.monthlyReport(c, { period, for: "county" }));
      expect(county).toEqual({ for: "county", summary: suppressSmallCells(expected, supportCounts(data.listings ?? [], period.to, township), { threshold: 5, audience: "county" }) });

      expect(must(await fx.ledger.campaignSummary(c))).toEqual(must(campaignSummaryReport(zixi2025, data, { jurisdiction: township, timeLimits })));
      // Making each report is audited.
      const made = fx.store.state().audit[township]!.filter((e) => e.action === "monthly-report" || e.action === "campaign-summary");
      expect(made.map((e) => e.note?.for ?? "summary")).toEqual(["own", "own", "county", "summary"]);
    },
  );

  test("a village's report sees the township offices' submissions, as the core's does", async () => {
    const { fx, data } = await feed(613, Array.from({ length: 12 }, () => ({ steps: 0, graded: false, measured: false, gap: 0 })), []);
    const deadline = "monthly-update@2025-04-28";
    const police = must(await fx.ledger.recordSubmission(fx.actors.police, { deadline }));
    const village = fx.town.villages[0]!.code;
    const period = { from: d("2025-04-01"), to: fx.today };
    const report = must(await fx.ledger.monthlyReport(fx.actors.village(village), { period, jurisdiction: village }));
    if (report.for !== "own") throw new Error("unexpected audience");
    expect(report.report.overdueSubmissions).toContainEqual({ deadline, unit: "u-pcs", status: "late" });
    const fed = { ...data, submissions: [{ unit: police.unit, deadline, submittedAt: police.submittedAt }] };
    expect(report.report).toEqual(must(monthlyReport(fed, { jurisdiction: village, period, campaign: zixi2025, timeLimits })));
  });

  test("a summary for the county withholds small counts; the township's own report keeps them", async () => {
    const fx = serviceFixture(611, { villages: 3, persons: 12, disputes: 12 }, { config: { campaign: zixi2025, smallCellThreshold: 3 } });
    await registerTown(fx);
    const period = { from: d("2024-11-01"), to: d("2025-05-31") };
    const own = must(await fx.ledger.monthlyReport(fx.actors.coordinator, { period }));
    const county = must(await fx.ledger.monthlyReport(fx.actors.coordinator, { period, for: "county" }));
    if (own.for !== "own" || county.for !== "county") throw new Error("unexpected audience");
    expect(county.summary.threshold).toBe(3);
    own.report.byDomain.forEach((row, i) => {
      const cell = county.summary.byDomain[i]!.counts.new;
      if (row.counts.new > 0 && row.counts.new < 3) expect(cell).toEqual({ suppressed: true });
    });
    expect(own.report.totals.new).toBe(12);
    expect(county.summary.totals.new).toBe(12);
  });

  test("refusals: a calendar is needed, the campaign for its summary, a scope for a jurisdiction, and grid workers and auditors make no reports", async () => {
    const fx = serviceFixture(612);
    const period = { from: d("2025-01-01"), to: d("2025-01-31") };
    const noCalendar = serviceFixture(612);
    const { createLedger } = await import("./create-ledger.js");
    const bare = createLedger({ ...noCalendar.options, calendar: undefined as never });
    expect(await bare.monthlyReport(noCalendar.actors.coordinator, { period })).toMatchObject({ ok: false, error: { _tag: "CalendarMissing" } });
    expect(await fx.ledger.campaignSummary(fx.actors.coordinator)).toMatchObject({ ok: false, error: { _tag: "CampaignMissing" } });
    const village = fx.town.villages[0]!.code;
    expect(await fx.ledger.monthlyReport(fx.actors.village(village), { period, jurisdiction: fx.town.township.code })).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope" } });
    for (const actor of [fx.actors.grid(village), fx.actors.auditor]) expect(await fx.ledger.monthlyReport(actor, { period })).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role" } });
    expect(await fx.ledger.monthlyReport(fx.actors.coordinator, { period: { from: period.to, to: period.from } })).toMatchObject({ ok: false, error: { _tag: "ValidationError" } });
    expect(daysFromTo(period.from, period.to)).toBe(30);
  });
});


