import { fc, test } from "@fast-check/vitest";
import {
  type Actor,
  type DisputeCountQuery,
  type DisputeView,
  type LedgerData,
  type LedgerGrade,
  type LedgerStore,
  type LocalDate,
  type RiskLevel,
  type Submission,
  type TransitionInput,
  type UnitId,
  RiskLevels,
  campaignSummaryReport,
  deadlinesBetween,
  defaultTimeLimits,
  fixedClock,
  isOpenStatus,
  minDate,
  monthlyReport,
  plusDays,
  weekendCalendar,
  zixi2025,
} from "@tiaojie/core";
import { expect } from "vitest";
import { asJson, expectOk, frozenCopy, kitActor, kitActors, kitLedger, kitTown, morningOf, registerPersons } from "../fixtures/kit-ledger.js";
import type { SuiteContext } from "../suite-context.js";

// Reports through the service equal the core's reports over the same records.
// A small generated town is fed to the ledger day by day, its clock moving
// with it: each dispute registered on its reporting day, walked part of the way
// through its case, given a resolution measure and a grade decision (confirmed,
// or raised with a reason) on generated days, so that histories spread over the
// months; the first dispute always goes all the way to closing. Units record
// submissions for the campaign's deadlines. The suite keeps its own copy of
// everything the use cases returned (the disputes and cases as registered and
// changed, the grades as decided, the submissions as recorded), never reading
// the store, and checks that the ledger's monthly report (the township's own)
// and campaign summary, which the service computes from what it reads back
// from the store, deep-equal the core's `monthlyReport` and
// `campaignSummaryReport` over that copy. One period starts the day after a
// closed dispute last changed, so that a store with `disputeCounts` is asked to
// count closed disputes settled before the period (and its counts must be those
// disputes); the other periods are random. A store that loses, alters, mixes
// up, reorders or miscounts records fails here.

const timeLimits = { calendar: weekendCalendar, rules: defaultTimeLimits };

/** The case path, one transition after another (on the days the plan says). */
const casePath: ReadonlyArray<Pick<TransitionInput, "transition" | "fields">> = [
  { transition: "accept" },
  { transition: "assign", fields: { leadUnit: "u-sfs" as UnitId, responsiblePerson: "司法所调解员" } },
  { transition: "start-mediation", fields: { channel: "people-mediation" } },
  { transition: "resolve", fields: { outcome: "agreement" } },
  { transition: "close" },
];

/** What happens to one dispute after its registration, and how many days after it. */
const disputePlan = fc.record({
  steps: fc.integer({ min: 0, max: casePath.length }),
  gaps: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: casePath.length, maxLength: casePath.length }),
  measure: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  grade: fc.constantFrom("none", "confirm", "raise" as const),
  gradeAfter: fc.integer({ min: 0, max: 90 }),
});

/** A report period: its end relative to the clock's last day, and its length. */
const periodPlan = fc.record({ end: fc.oneof(fc.integer({ min: -200, max: -1 }), fc.integer({ min: 0, max: 5 })), days: fc.integer({ min: 0, max: 45 }) });

/**
 * Checks that a change kept what it does not change: each view the suite keeps
 * is then its predecessor plus the change, so the suite's copy follows from what
 * it registered and decided, even where the service built a view from a row it
 * read back (a store that drops part of a row on update fails here).
 */
const expectCarriedOver = (before: DisputeView, after: DisputeView, changed: "case" | "measures" | "grade", what: string): void => {
  expect(after.version, `${what}: the version`).toBe(before.version + 1);
  expect(asJson(after.dispute), `${what}: the dispute is kept`).toStrictEqual(asJson(before.dispute));
  if (changed !== "case") expect(asJson(after.case), `${what}: the case is kept`).toStrictEqual(asJson(before.case));
  if (changed !== "measures") expect(after.measures, `${what}: the measures are kept`).toStrictEqual(before.measures);
  if (changed !== "grade") {
    expect({ level: after.level, priority: after.priority, confirmed: after.gradeConfirmed }, `${what}: the grade is kept`).toStrictEqual({
      level: before.level,
      priority: before.priority,
      confirmed: before.gradeConfirmed,
    });
  }
};

/** A level one above, when there is one. */
const higher = (level: RiskLevel): RiskLevel | undefined => {
  const i = RiskLevels.codes.indexOf(level);
  return i > 0 ? RiskLevels.codes[i - 1] : undefined;
};

/** The store, with the number of disputes its `disputeCounts` counted since the last `take()`; `offers` once a transaction had the method. */
const countingTally = (inner: LedgerStore) => {
  let counted = 0;
  let offers = false;
  const store: LedgerStore = {
    name: inner.name,
    ...(inner.capabilities === undefined ? {} : { capabilities: inner.capabilities }),
    transact: (work) =>
      inner.transact((tx) => {
        const counts = tx.disputeCounts;
        if (counts === undefined) return work(tx);
        offers = true;
        const tallied = async (query: DisputeCountQuery) => {
          const groups = await counts.call(tx, query);
          counted += groups.reduce((n, g) => n + g.count, 0);
          return groups;
        };
        return work(new Proxy(tx, { get: (target, key) => (key === "disputeCounts" ? tallied : Reflect.get(target, key, target)) }));
      }),
  };
  return {
    store,
    offers: () => offers,
    take: (): number => {
      const n = counted;
      counted = 0;
      return n;
    },
  };
};

/** The last day a dispute's report, case or grade decisions changed (the row's `settledOn`). */
const lastChangeOf = (view: DisputeView, grades: ReadonlyArray<LedgerGrade>): LocalDate =>
  [view.dispute.reportedOn, ...view.case.history.map((e) => e.on), ...grades.filter((g) => g.dispute === view.id).map((g) => g.on)].reduce((a, b) => (b > a ? b : a));

export const ledgerReportsSuite = (ctx: SuiteContext): void => {
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.array(disputePlan, { minLength: 1, maxLength: 8 }),
      fc.array(fc.record({ who: fc.nat(), deadline: fc.nat() }), { maxLength: 6 }),
      fc.array(periodPlan, { maxLength: 2 }),
      fc.record({ end: fc.integer({ min: 0, max: 5 }), days: fc.integer({ min: 0, max: 240 }) }),
      fc.record({ anchor: fc.nat(), days: fc.integer({ min: 0, max: 45 }) }),
    ],
    { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) },
  )(
    "the ledger's monthly report and campaign summary equal the core's monthlyReport and campaignSummaryReport over the records the suite registered",
    async (seed, plans, submissionPlans, earlier, current, anchored) => {
      const kt = kitTown(seed, { villages: 3, persons: 10, disputes: 8 });
      const first = kt.town.disputes.reduce((a, x) => minDate(a, x.reportedOn), kt.today);
      const last = kt.town.period.to;
      const tally = countingTally(ctx.store());
      const { ledger, clock } = kitLedger(tally.store, kt, { clock: fixedClock(morningOf(first)) });
      const actors = kitActors(kt);
      await registerPersons(ledger, actors.social, kt.town.persons);
      // The suite's own copy of every dispute's latest view, and of the grades and submissions.
      const latest: Array<DisputeView> = [];
      const grades: Array<LedgerGrade> = [];
      const actions: Array<{ readonly day: LocalDate; readonly run: () => Promise<void> }> = [];
      for (const [i, dispute] of kt.town.disputes.entries()) {
        const drawn = plans[i % plans.length]!;
        const plan = i === 0 ? { ...drawn, steps: casePath.length } : drawn;
        const reportedOn = dispute.reportedOn;
        actions.push({
          day: reportedOn,
          run: async () => {
            latest[i] = frozenCopy(expectOk(await ledger.registerDispute(actors.coordinator, { dispute }), `registerDispute #${i}`).dispute);
          },
        });
        let on: LocalDate = reportedOn;
        for (let s = 0; s < plan.steps; s++) {
          on = minDate(plusDays(on, plan.gaps[s]!), last);
          const day = on;
          actions.push({
            day,
            run: async () => {
              const current = latest[i]!;
              const what = `${casePath[s]!.transition} of ${current.id} on ${day}`;
              const next = frozenCopy(expectOk(await ledger.transition(actors.coordinator, { dispute: current.id, version: current.version, ...casePath[s]!, on: day }), what));
              expectCarriedOver(current, next, "case", what);
              expect(asJson(next.case.history.slice(0, -1)), `${what}: the case's earlier events are kept`).toStrictEqual(asJson(current.case.history));
              expect(next.case.history.at(-1)?.on, `${what}: the new event's day`).toBe(day);
              latest[i] = next;
            },
          });
        }
        if (plan.measure !== undefined) {
          const day = minDate(plusDays(reportedOn, plan.measure), last);
          actions.push({
            day,
            run: async () => {
              const current = latest[i]!;
              const what = `recordMeasure of ${current.id} on ${day}`;
              const next = frozenCopy(expectOk(await ledger.recordMeasure(actors.coordinator, { dispute: current.id, version: current.version, measure: "组织双方现场协商" }), what));
              expectCarriedOver(current, next, "measures", what);
              expect(next.measures, `${what}: the earlier measures are kept and the new one added`).toStrictEqual([...current.measures, { dispute: current.id, measure: "组织双方现场协商", recordedOn: day }]);
              latest[i] = next;
            },
          });
        }
        if (plan.grade !== "none") {
          const day = minDate(plusDays(reportedOn, plan.gradeAfter), last);
          actions.push({
            day,
            run: async () => {
              const current = latest[i]!;
              const raised = plan.grade === "raise" ? higher(current.grading.level) : undefined;
              const what = `decideGrade of ${current.id} on ${day}`;
              const next = frozenCopy(
                expectOk(
                  await ledger.decideGrade(actors.coordinator, {
                    dispute: current.id,
                    version: current.version,
                    ...(raised === undefined ? {} : { level: raised, reason: "现场核查后上调" }),
                  }),
                  what,
                ),
              );
              expectCarriedOver(current, next, "grade", what);
              latest[i] = next;
              const setBy = raised === undefined ? next.grading.prioritySetBy : undefined;
              grades.push({ dispute: next.id, level: next.level, priority: next.priority, on: day, ...(setBy === undefined ? {} : { prioritySetBy: setBy }) });
            },
          });
        }
      }
      // In the order of their days (stable: one dispute's steps of one day keep their order), the clock moving with them.
      for (const action of actions.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
        if (action.day > clock.today()) clock.set(morningOf(action.day));
        await action.run();
      }
      const today = kt.today;
      clock.set(morningOf(today));

      const deadlines = deadlinesBetween(zixi2025, kt.town.period.from, today).map((d) => d.key);
      const submitters: ReadonlyArray<Actor> = [actors.coordinator, actors.social, kitActor(kt.units.find((u) => u.jurisdiction === kt.villages[0])!.id, "village-committee", kt.villages[0]!)];
      const submissions: Array<Submission> = [];
      for (const s of submissionPlans) {
        const by = submitters[s.who % submitters.length]!;
        const recorded = expectOk(await ledger.recordSubmission(by, { deadline: deadlines[s.deadline % deadlines.length]! }), `recordSubmission by ${by.unit}`);
        submissions.push({ unit: recorded.unit, deadline: recorded.deadline, submittedAt: recorded.submittedAt });
      }

      const data: LedgerData = {
        units: kt.units,
        disputes: latest.map((d) => d.dispute),
        cases: latest.map((d) => d.case),
        grades,
        resolutionMeasures: latest.flatMap((d) => d.measures),
        listings: [],
        submissions,
      };
      const closed = latest.filter((v) => !isOpenStatus(v.case.status));
      expect(closed.length, "the first dispute went all the way to closing").toBeGreaterThan(0);
      const settledFrom = plusDays(lastChangeOf(closed[anchored.anchor % closed.length]!, grades), 1);
      const periods = [
        ...[...earlier, current].map((p) => {
          const to = plusDays(today, p.end);
          return { from: plusDays(to, -p.days), to };
        }),
        { from: settledFrom, to: plusDays(settledFrom, anchored.days) },
      ];
      const jurisdiction = kt.township;
      tally.take();
      for (const period of periods) {
        const report = expectOk(await ledger.monthlyReport(actors.coordinator, { period, for: "own" }), `monthlyReport for ${period.from}..${period.to}`);
        const expected = expectOk(monthlyReport(data, { jurisdiction, period, campaign: zixi2025, timeLimits }), "the core's monthlyReport");
        expect(report, `the ledger's monthly report for ${period.from}..${period.to} is the core's over the same records`).toStrictEqual({ for: "own", report: expected });
        const settled = closed.filter((v) => lastChangeOf(v, grades) < period.from).length;
        if (tally.offers()) {
          expect(tally.take(), `for ${period.from}..${period.to} the store's disputeCounts counted the closed disputes settled before the period`).toBe(settled);
        }
      }
      expect(closed.some((v) => lastChangeOf(v, grades) < settledFrom), "a period starts after a closed dispute settled").toBe(true);
      const summary = expectOk(await ledger.campaignSummary(actors.coordinator), "campaignSummary");
      const expectedSummary = expectOk(campaignSummaryReport(zixi2025, data, { jurisdiction, timeLimits }), "the core's campaignSummaryReport");
      expect(summary, "the ledger's campaign summary is the core's over the same records").toStrictEqual(expectedSummary);
      expect(summary.overall.totals.cumulative, "the summary counts every dispute registered in the campaign").toBe(kt.town.disputes.length);
    },
    ctx.timeout,
  );
};
