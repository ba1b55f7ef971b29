import { fc, test } from "@fast-check/vitest";
import {
  type Actor,
  type DisputeView,
  type LedgerData,
  type LedgerGrade,
  type LocalDate,
  type RiskLevel,
  type Submission,
  type TransitionInput,
  type UnitId,
  RiskLevels,
  campaignSummaryReport,
  deadlinesBetween,
  defaultTimeLimits,
  minDate,
  monthlyReport,
  plusDays,
  weekendCalendar,
  zixi2025,
} from "@tiaojie/core";
import { expect } from "vitest";
import { asJson, expectOk, frozenCopy, kitActor, kitActors, kitLedger, kitTown, registerDisputes, registerPersons } from "../fixtures/kit-ledger.js";
import type { SuiteContext } from "../suite-context.js";

// Reports through the service equal the core's reports over the same records.
// A small generated town's disputes are registered, walked part of the way
// through their cases on generated days, given resolution measures and grade
// decisions (confirmed, or raised with a reason), and units record submissions
// for the campaign's deadlines. The suite keeps its own copy of everything the
// use cases returned (the disputes and cases as registered and changed, the
// grades as decided, the submissions as recorded), never reading the store, and
// checks that the ledger's monthly report (the township's own) and campaign
// summary, which the service computes from what it reads back from the store,
// deep-equal the core's `monthlyReport` and `campaignSummaryReport` over that
// copy. A store that loses, alters, mixes up or reorders records fails here.

const timeLimits = { calendar: weekendCalendar, rules: defaultTimeLimits };

/** The case path, one transition after another (on the days the plan says). */
const casePath: ReadonlyArray<Pick<TransitionInput, "transition" | "fields">> = [
  { transition: "accept" },
  { transition: "assign", fields: { leadUnit: "u-sfs" as UnitId, responsiblePerson: "司法所调解员" } },
  { transition: "start-mediation", fields: { channel: "people-mediation" } },
  { transition: "resolve", fields: { outcome: "agreement" } },
  { transition: "close" },
];

/** What happens to one dispute after its registration. */
const disputePlan = fc.record({
  steps: fc.integer({ min: 0, max: casePath.length }),
  gaps: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: casePath.length, maxLength: casePath.length }),
  measure: fc.boolean(),
  grade: fc.constantFrom("none", "confirm", "raise" as const),
});

/**
 * A report period: its end relative to the clock's day, and its length. Grades
 * are decided today, so only a period that ends today or later counts them.
 */
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

export const ledgerReportsSuite = (ctx: SuiteContext): void => {
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.array(disputePlan, { minLength: 1, maxLength: 8 }),
      fc.array(fc.record({ who: fc.nat(), deadline: fc.nat() }), { maxLength: 6 }),
      fc.array(periodPlan, { maxLength: 2 }),
      fc.record({ end: fc.integer({ min: 0, max: 5 }), days: fc.integer({ min: 0, max: 240 }) }),
    ],
    { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) },
  )(
    "the ledger's monthly report and campaign summary equal the core's monthlyReport and campaignSummaryReport over the records the suite registered",
    async (seed, plans, submissionPlans, earlier, current) => {
      const kt = kitTown(seed, { villages: 3, persons: 10, disputes: 8 });
      const { ledger } = kitLedger(ctx.store(), kt);
      const actors = kitActors(kt);
      const today = kt.today;
      await registerPersons(ledger, actors.social, kt.town.persons);
      const registered = await registerDisputes(ledger, actors.coordinator, kt.town.disputes);
      // The suite's own copy of every dispute's latest view, and of the grades and submissions.
      const latest: Array<DisputeView> = registered.map(frozenCopy);
      const grades: Array<LedgerGrade> = [];
      for (const [i, view] of latest.entries()) {
        const plan = plans[i % plans.length]!;
        let current = view;
        let on: LocalDate = view.dispute.reportedOn;
        for (let s = 0; s < plan.steps; s++) {
          on = minDate(plusDays(on, plan.gaps[s]!), today);
          const what = `${casePath[s]!.transition} of ${current.id} on ${on}`;
          const next = frozenCopy(expectOk(await ledger.transition(actors.coordinator, { dispute: current.id, version: current.version, ...casePath[s]!, on }), what));
          expectCarriedOver(current, next, "case", what);
          expect(asJson(next.case.history.slice(0, -1)), `${what}: the case's earlier events are kept`).toStrictEqual(asJson(current.case.history));
          expect(next.case.history.at(-1)?.on, `${what}: the new event's day`).toBe(on);
          current = next;
        }
        if (plan.measure) {
          const what = `recordMeasure of ${current.id}`;
          const next = frozenCopy(expectOk(await ledger.recordMeasure(actors.coordinator, { dispute: current.id, version: current.version, measure: "组织双方现场协商" }), what));
          expectCarriedOver(current, next, "measures", what);
          expect(next.measures, `${what}: the earlier measures are kept and the new one added`).toStrictEqual([...current.measures, { dispute: current.id, measure: "组织双方现场协商", recordedOn: today }]);
          current = next;
        }
        if (plan.grade !== "none") {
          const raised = plan.grade === "raise" ? higher(current.grading.level) : undefined;
          const what = `decideGrade of ${current.id}`;
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
          current = next;
          const setBy = raised === undefined ? current.grading.prioritySetBy : undefined;
          grades.push({ dispute: current.id, level: current.level, priority: current.priority, on: today, ...(setBy === undefined ? {} : { prioritySetBy: setBy }) });
        }
        latest[i] = current;
      }

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
      const jurisdiction = kt.township;
      for (const p of [...earlier, current]) {
        const to = plusDays(today, p.end);
        const period = { from: plusDays(to, -p.days), to };
        const report = expectOk(await ledger.monthlyReport(actors.coordinator, { period, for: "own" }), `monthlyReport for ${period.from}..${period.to}`);
        const expected = expectOk(monthlyReport(data, { jurisdiction, period, campaign: zixi2025, timeLimits }), "the core's monthlyReport");
        expect(report, `the ledger's monthly report for ${period.from}..${period.to} is the core's over the same records`).toStrictEqual({ for: "own", report: expected });
      }
      const summary = expectOk(await ledger.campaignSummary(actors.coordinator), "campaignSummary");
      const expectedSummary = expectOk(campaignSummaryReport(zixi2025, data, { jurisdiction, timeLimits }), "the core's campaignSummaryReport");
      expect(summary, "the ledger's campaign summary is the core's over the same records").toStrictEqual(expectedSummary);
      expect(summary.overall.totals.cumulative, "the summary counts every dispute registered in the campaign").toBe(kt.town.disputes.length);
    },
    ctx.timeout,
  );
};
