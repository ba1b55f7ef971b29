import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { weekendCalendar } from "../calendar/calendar.js";
import { plusDays, shanghaiStartOf } from "../calendar/local-dates.js";
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
import { isOpenStatus } from "../lifecycle/case-record.js";
import type { DisputeCountQuery, LedgerStore } from "../ports/ledger-store.js";
import type { DisputeRow } from "../ports/store-rows.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { sampleTown } from "../testing/sample-town.js";
import { createLedger } from "./create-ledger.js";
import { must, plantListings, registerPersons, registerTown, serviceFixture } from "./service-fixture.js";
import type { DisputeView } from "./use-cases/dispute-view.js";

const d = (s: string) => s as LocalDate;
const timeLimits = { calendar: weekendCalendar, rules: defaultTimeLimits };

/**
 * What the test feeds the ledger besides the town: per dispute, which case path
 * it takes and how far, the days between its steps, the grade decisions (days
 * after its report, a raise or a confirmation) and whether it gets a measure.
 */
const historyArb = fc.array(
  fc.record({
    path: fc.constantFrom("main", "main", "declined"),
    steps: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(5, 6)),
    gaps: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 6, maxLength: 6 }),
    grades: fc.array(fc.record({ after: fc.integer({ min: 0, max: 120 }), raise: fc.boolean() }), { maxLength: 2 }),
    measured: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  }),
  { minLength: 12, maxLength: 12 },
);
type History = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

/** The case paths: the main one to closing and a follow-up visit, and a decline with a reopening. */
const PATHS = {
  main: [
    ["accept", {}],
    ["assign", "lead"],
    ["start-mediation", { channel: "people-mediation" }],
    ["resolve", { outcome: "agreement" }],
    ["close", {}],
    ["follow-up", { note: "回访双方，协议已履行" }],
  ],
  declined: [
    ["decline", { reason: "不属于受理范围", properChannel: "向法院起诉" }],
    ["reopen", { reason: "补充材料后重新受理" }],
  ],
} as const;

const higher = (level: RiskLevel): RiskLevel | undefined => {
  const i = RiskLevels.codes.indexOf(level);
  return i > 0 ? RiskLevels.codes[i - 1] : undefined;
};

/**
 * Registers a small town through the ledger in the order of its days, the
 * clock moving from day to day (persons first; each dispute on its reporting
 * day; its case steps, grade decisions and measure on theirs, up to the town's
 * last day), plants the town's listings with their histories, records some
 * submissions, and returns the ledger data the same records make, built from
 * what was fed and what the ledger returned. Disputes so have histories spread
 * over the months, and many are closed and settled long before a late period.
 */
const feed = async (seed: number, history: History, submitting: ReadonlyArray<number>) => {
  const town = sampleTown(seed, { villages: 3, persons: 12, disputes: 12, listings: 8 });
  const first = town.disputes.reduce((a, x) => (x.reportedOn < a ? x.reportedOn : a), town.period.to);
  const fx = serviceFixture(seed, {}, { town, today: first, counts: true, config: { campaign: zixi2025 } });
  const last = town.period.to;
  await registerPersons(fx);
  await plantListings(fx, town.listings);
  const c = fx.actors.coordinator;
  type Action = { readonly day: LocalDate; readonly run: () => Promise<void> };
  const actions: Array<Action> = [];
  const views = new Map<string, DisputeView>();
  const grades: Array<LedgerGrade> = [];
  const capped = (day: LocalDate): LocalDate => (day > last ? last : day);
  for (const [i, dispute] of town.disputes.entries()) {
    const h = history[i]!;
    const view = () => views.get(dispute.id)!;
    const set = (v: DisputeView) => void views.set(dispute.id, v);
    actions.push({ day: dispute.reportedOn, run: async () => set(must(await fx.ledger.registerDispute(c, { dispute }), `register ${dispute.id}`).dispute) });
    let on = dispute.reportedOn;
    for (const [k, [name, fields]] of PATHS[h.path].slice(0, h.steps).entries()) {
      on = capped(plusDays(on, h.gaps[k]!));
      const day = on;
      const given = fields === "lead" ? { leadUnit: town.units.find((u) => u.jurisdiction === dispute.jurisdiction)!.id, responsiblePerson: "李娟" } : fields;
      actions.push({ day, run: async () => set(must(await fx.ledger.transition(c, { dispute: dispute.id, version: view().version, transition: name, fields: given, on: day }), `${name} ${dispute.id}`)) });
    }
    for (const g of h.grades) {
      const day = capped(plusDays(dispute.reportedOn, g.after));
      actions.push({
        day,
        run: async () => {
          const raised = g.raise ? higher(view().grading.level) : undefined;
          const v = must(await fx.ledger.decideGrade(c, { dispute: dispute.id, version: view().version, ...(raised === undefined ? {} : { level: raised, reason: "现场核查后上调" }) }), `grade ${dispute.id}`);
          const setBy = raised === undefined ? v.grading.prioritySetBy : undefined;
          grades.push({ dispute: v.id, level: v.level, priority: v.priority, ...(setBy === undefined ? {} : { prioritySetBy: setBy }), on: day });
          set(v);
        },
      });
    }
    if (h.measured !== undefined) {
      const day = capped(plusDays(dispute.reportedOn, h.measured));
      actions.push({ day, run: async () => set(must(await fx.ledger.recordMeasure(c, { dispute: dispute.id, version: view().version, measure: "组织双方调解" }), "measure")) });
    }
  }
  // Stable: one dispute's steps keep their order on one day; a dispute is registered before anything else of it.
  for (const a of actions.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0))) {
    if (a.day > fx.clock.today()) fx.clock.set(shanghaiStartOf(a.day) + 10 * 3_600_000);
    await a.run();
  }
  if (last > fx.clock.today()) fx.clock.set(shanghaiStartOf(last) + 10 * 3_600_000);
  const submissions: Array<Submission> = [];
  const deadlines = deadlinesBetween(zixi2025, d("2024-11-01"), last);
  const reporters = town.units.filter((u) => u.kind !== "city-political-legal-committee");
  for (const [k, n] of submitting.entries()) {
    const unit = reporters[n % reporters.length]!;
    const deadline = deadlines[(n + k) % deadlines.length]!;
    fx.clock.advance(60_000);
    const actor = { ...fx.actors.leadership, officerId: `sub-${k}` as never, unit: unit.id as UnitId, role: unit.kind.endsWith("committee") ? ("village-committee" as const) : ("unit-officer" as const), scope: unit.jurisdiction };
    const s = must(await fx.ledger.recordSubmission(actor, { deadline: deadline.key }), "submission");
    submissions.push({ unit: s.unit, deadline: s.deadline, submittedAt: s.submittedAt });
  }
  const final = town.disputes.map((x) => views.get(x.id)!);
  const data: LedgerData = {
    units: fx.options.units,
    disputes: town.disputes,
    cases: final.map((v) => v.case),
    grades,
    resolutionMeasures: final.flatMap((v) => v.measures),
    listings: town.listings,
    submissions,
  };
  return { fx, data };
};

/** The same store without `disputeCounts`: a store that does not count. */
const withoutCounts = (store: LedgerStore): LedgerStore => ({
  name: `${store.name} (not counting)`,
  transact: (work) =>
    store.transact((tx) => {
      const { disputeCounts: _, ...rest } = tx;
      return work(rest);
    }),
});

/** The store, with a tally of the disputes the ledger read (find) and had counted (disputeCounts). */
const tallied = (store: LedgerStore) => {
  const tally = { read: 0, counted: 0 };
  const wrapped: LedgerStore = {
    name: store.name,
    transact: (work) =>
      store.transact((tx) => {
        const disputes = { ...tx.disputes, find: async (q: Parameters<typeof tx.disputes.find>[0]) => {
          const page = await tx.disputes.find(q);
          tally.read += page.rows.length;
          return page;
        } };
        const counts = tx.disputeCounts;
        return work({
          ...tx,
          disputes,
          ...(counts === undefined ? {} : { disputeCounts: async (q: DisputeCountQuery) => {
            const groups = await counts(q);
            tally.counted += groups.reduce((n, g) => n + g.count, 0);
            return groups;
          } }),
        });
      }),
  };
  return { store: wrapped, tally };
};

/** The disputes a period's report may count without reading them: closed now and settled before the period. */
const settledBefore = (data: LedgerData, from: LocalDate): number => {
  const cases = new Map((data.cases ?? []).map((c) => [c.dispute, c]));
  return data.disputes.filter((x) => {
    const record = cases.get(x.id)!;
    const days = [x.reportedOn, ...record.history.map((e) => e.on), ...(data.grades ?? []).filter((g) => g.dispute === x.id).map((g) => g.on)];
    return !isOpenStatus(record.status) && days.every((day) => day < from);
  }).length;
};

// Late periods too, when many disputes are closed and settled before them.
const periodArb = fc.tuple(fc.oneof(fc.integer({ min: 0, max: 210 }), fc.integer({ min: 120, max: 210 })), fc.integer({ min: 0, max: 60 })).map(([start, length]): DateRange => {
  const from = plusDays(d("2024-11-01"), start);
  const to = plusDays(from, length);
  return { from, to: to > d("2025-05-31") ? d("2025-05-31") : to };
});

describe("the ledger's reports are the core's over the same records", () => {
  // Each run feeds a small town (about 100 transactions) and makes 6 reports: bounded at 3 runs.
  test.prop([fc.integer({ min: 1, max: 5_000 }), historyArb, fc.array(fc.nat({ max: 200 }), { maxLength: 6 }), periodArb], { numRuns: 3 })(
    "monthly (own, for a village, for the county, from a store that counts and one that does not) and the campaign summary",
    async (seed, history, submitting, period) => {
      const { fx, data } = await feed(seed, history, submitting);
      const township = fx.town.township.code;
      const c = fx.actors.coordinator;
      // Every row's settledOn is the last day of its case, its report and its grade decisions.
      const rows = fx.store.state().collections.disputes!;
      for (const [i, x] of data.disputes.entries()) {
        const days = [x.reportedOn, ...data.cases![i]!.history.map((e) => e.on), ...data.grades!.filter((g) => g.dispute === x.id).map((g) => g.on)];
        expect((rows[x.id] as unknown as DisputeRow).settledOn).toBe(days.reduce((a, b) => (b > a ? b : a)));
      }
      const expected = must(monthlyReport(data, { jurisdiction: township, period, campaign: zixi2025, timeLimits }));
      const counting = tallied(fx.store);
      const notCounting = tallied(withoutCounts(fx.store));
      for (const { store } of [counting, notCounting]) {
        const ledger = createLedger({ ...fx.options, store });
        expect(must(await ledger.monthlyReport(c, { period }))).toEqual({ for: "own", report: expected });
      }
      // A store that counts is asked for the closed disputes settled before the
      // period, and only the others reported by its end are read; one that does
      // not count has every dispute read.
      expect(counting.tally.counted).toBe(settledBefore(data, period.from));
      expect(counting.tally.read + counting.tally.counted).toBe(data.disputes.filter((x) => x.reportedOn <= period.to).length);
      expect(notCounting.tally).toEqual({ read: data.disputes.length, counted: 0 });

      const village = fx.town.villages[seed % fx.town.villages.length]!.code;
      const forVillage = must(monthlyReport(data, { jurisdiction: village, period, campaign: zixi2025, timeLimits }));
      expect(must(await fx.ledger.monthlyReport(fx.actors.village(village), { period, jurisdiction: village }))).toEqual({ for: "own", report: forVillage });

      const county = must(await fx.ledger.monthlyReport(c, { period, for: "county" }));
      expect(county).toEqual({ for: "county", summary: suppressSmallCells(expected, supportCounts(data.listings ?? [], period.to, township), { threshold: 5, audience: "county" }) });

      expect(must(await fx.ledger.campaignSummary(c))).toEqual(must(campaignSummaryReport(zixi2025, data, { jurisdiction: township, timeLimits })));
      // Making each report is audited.
      const made = fx.store.state().audit[township]!.filter((e) => e.action === "monthly-report" || e.action === "campaign-summary");
      expect(made.map((e) => e.note?.for ?? "summary")).toEqual(["own", "own", "own", "county", "summary"]);
    },
  );

  test("a store that counts is asked for the closed disputes settled before the period; the report is the same", async () => {
    const closedEarly = Array.from({ length: 12 }, (_, i) => ({ path: i % 4 === 3 ? ("declined" as const) : ("main" as const), steps: i % 4 === 3 ? 1 : 5, gaps: [1, 1, 2, 5, 3, 0], grades: i % 2 === 0 ? [{ after: 2, raise: i % 3 === 0 }] : [], measured: 1 }));
    const { fx, data } = await feed(614, closedEarly, []);
    const period = { from: d("2025-05-20"), to: d("2025-05-31") };
    const expected = must(monthlyReport(data, { jurisdiction: fx.town.township.code, period, campaign: zixi2025, timeLimits }));
    const counting = tallied(fx.store);
    expect(must(await createLedger({ ...fx.options, store: counting.store }).monthlyReport(fx.actors.coordinator, { period }))).toEqual({ for: "own", report: expected });
    expect(counting.tally.counted).toBe(settledBefore(data, period.from));
    expect(counting.tally.counted).toBeGreaterThan(0);
    expect(expected.totals.cumulative).toBe(12);
  });

  test("a store whose disputeCounts rejects fails the report with StoreFailure", async () => {
    const fx = serviceFixture(616, {}, { counts: true });
    await registerTown(fx);
    const failing: LedgerStore = {
      name: "failing counts",
      transact: (work) => fx.store.transact((tx) => work({ ...tx, disputeCounts: async () => Promise.reject(new Error("GROUP BY timed out")) })),
    };
    const r = await createLedger({ ...fx.options, store: failing }).monthlyReport(fx.actors.coordinator, { period: { from: d("2025-05-01"), to: d("2025-05-31") } });
    expect(r).toMatchObject({ ok: false, error: { _tag: "StoreFailure" } });
  });

  test("a village's report sees the township offices' submissions, as the core's does", async () => {
    const { fx, data } = await feed(613, Array.from({ length: 12 }, () => ({ path: "main" as const, steps: 0, gaps: [0, 0, 0, 0, 0, 0], grades: [], measured: undefined })), []);
    const deadline = "monthly-update@2025-04-28";
    const police = must(await fx.ledger.recordSubmission(fx.actors.police, { deadline }));
    const village = fx.town.villages[0]!.code;
    const period = { from: d("2025-04-01"), to: fx.clock.today() };
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
    // Where the column of new disputes by domain has a count from 1 to 2, those are withheld, and so are
    // its zeros (a withheld zero cannot be told from a withheld small count); every shown count is exact.
    const values = own.report.byDomain.map((row) => row.counts.new);
    const cells = county.summary.byDomain.map((row) => row.counts.new);
    const hasSmall = values.some((v) => v > 0 && v < 3);
    expect(hasSmall).toBe(true);
    values.forEach((v, i) => {
      if ((v > 0 && v < 3) || (hasSmall && v === 0)) expect(cells[i]).toEqual({ suppressed: true });
      else if (typeof cells[i] === "number") expect(cells[i]).toBe(v);
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


