import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import { buildCase } from "../campaign/ledger-fixture.js";
import type { DisputeFacts } from "../model/dispute.js";
import type { LocalDate } from "../model/local-date.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import { sampleTown } from "../testing/sample-town.js";
import { decode } from "../validation/decode.js";
import { confirmGrade } from "./confirm-grade.js";
import { caseResolvedOn, daysUnresolved } from "./days-unresolved.js";
import { GradeDecision } from "./grade-decision.js";
import { defaultGradingTable, gradeDispute } from "./grade-dispute.js";
import { factsArb } from "./grading-arbitraries.js";
import { priorityRaisedBy } from "./grading-result.js";

const calm: DisputeFacts = {
  peopleInvolved: 2, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false,
  emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false,
};
const d = (s: string) => s as LocalDate;

/** Days between two dates by the host's UTC arithmetic: an oracle written apart from the library's day counting. */
const utcDays = (from: LocalDate, to: LocalDate): number => {
  const ms = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
};
const dateArb = fc.integer({ min: 0, max: 40_000 }).map((n) => plusDays(d("1990-01-01"), n));

describe("time raises the priority, never the harm level", () => {
  it("a calm two-party dispute stays blue on day 181 and beyond; only its priority rises", () => {
    const reportedOn = d("2024-11-12");
    for (const asOf of [d("2025-05-11"), d("2025-05-12"), d("2027-01-01")]) {
      const r = gradeDispute({ reportedOn, facts: calm }, { asOf });
      expect(r.level).toBe("blue");
      expect(r.fired).toEqual([]);
    }
    expect(gradeDispute({ reportedOn, facts: calm }, { asOf: d("2025-05-12") }).priority).toBe("high");
  });

  it("an orange dispute left unresolved becomes urgent, never red", () => {
    const r = gradeDispute({ reportedOn: d("2024-01-01"), facts: { ...calm, peopleInvolved: 12 } }, { asOf: d("2025-01-01") });
    expect(r).toMatchObject({ level: "orange", priority: "urgent" });
    expect(priorityRaisedBy(r)).toBe("long-unresolved");
  });

  test.prop([factsArb, fc.integer({ min: 0, max: 20_000 })])("whatever the facts, waiting changes the priority and nothing else", (facts, days) => {
    const fresh = defaultGradingTable().evaluate(facts, 0);
    const waited = defaultGradingTable().evaluate(facts, days);
    expect(waited.level).toBe(fresh.level);
    expect(waited.fired).toStrictEqual(fresh.fired);
    expect(waited.tasks).toStrictEqual(fresh.tasks);
  });
});

describe("days unresolved stop counting at resolution", () => {
  test.prop([dateArb, fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 3_000 })])(
    "counts from reporting to the earlier of resolution and the date graded as of",
    (reportedOn, toResolution, toAsOf) => {
      const resolvedOn = plusDays(reportedOn, toResolution);
      const asOf = plusDays(reportedOn, toAsOf);
      expect(daysUnresolved(reportedOn, asOf, resolvedOn)).toBe(Math.min(toResolution, toAsOf));
      expect(daysUnresolved(reportedOn, asOf, resolvedOn)).toBe(utcDays(reportedOn, asOf < resolvedOn ? asOf : resolvedOn));
      expect(daysUnresolved(reportedOn, asOf)).toBe(utcDays(reportedOn, asOf));
    },
  );

  test.prop([factsArb, dateArb, fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 5_000 })])(
    "a resolved dispute graded again later gets the same grade: no escalation for the time after its resolution",
    (facts, reportedOn, toResolution, after, more) => {
      const resolvedOn = plusDays(reportedOn, toResolution);
      const first = plusDays(resolvedOn, after);
      const later = plusDays(first, more);
      const dispute = { reportedOn, facts, resolvedOn };
      const a = gradeDispute(dispute, { asOf: first });
      expect(gradeDispute(dispute, { asOf: later })).toStrictEqual(a);
      expect(a.daysUnresolved).toBe(utcDays(reportedOn, resolvedOn));
      // The same as grading it on the day it was resolved.
      expect(gradeDispute({ reportedOn, facts }, { asOf: resolvedOn })).toStrictEqual(a);
    },
  );
});

describe("caseResolvedOn", () => {
  const town = sampleTown(3, { villages: 2, persons: 4, disputes: 1 });
  const dispute = { id: "d-x", domain: "neighbourhood", reportedOn: d("2025-01-01") } as const;
  const open = [["accept", 0], ["assign", 0, { leadUnit: "u-sfs", responsiblePerson: "李娟" }], ["start-mediation", 1, { channel: "people-mediation" }]] as const;

  it("is the day of resolution once resolved or closed, as of any later day; undefined before, and while open", () => {
    const record = buildCase(town, dispute, [...open, ["resolve", 40, { outcome: "agreement" }], ["close", 50]]);
    expect(caseResolvedOn(record, d("2025-02-09"))).toBeUndefined();
    expect(caseResolvedOn(record, d("2025-02-10"))).toBe("2025-02-10");
    expect(caseResolvedOn(record, d("2025-02-20"))).toBe("2025-02-10");
    expect(caseResolvedOn(record, d("2030-01-01"))).toBe("2025-02-10");
    expect(caseResolvedOn(buildCase(town, dispute, open), d("2030-01-01"))).toBeUndefined();
  });

  it("a reopened case counts again, and its new resolution is the one that counts", () => {
    const reopened = buildCase(town, dispute, [...open, ["resolve", 40, { outcome: "agreement" }], ["close", 50], ["reopen", 60, { reason: "协议未履行" }]]);
    expect(caseResolvedOn(reopened, d("2025-02-25"))).toBe("2025-02-10");
    expect(caseResolvedOn(reopened, d("2025-03-02"))).toBeUndefined();
    const again = buildCase(town, dispute, [
      ...open, ["resolve", 40, { outcome: "agreement" }], ["close", 50], ["reopen", 60, { reason: "协议未履行" }],
      ["assign", 60, { leadUnit: "u-sfs", responsiblePerson: "李娟" }], ["start-mediation", 61, { channel: "people-mediation" }], ["resolve", 90, { outcome: "agreement" }],
    ]);
    expect(caseResolvedOn(again, d("2025-06-01"))).toBe("2025-04-01");
  });
});

describe("the decision keeps the priority", () => {
  const officer = { officerId: "zx-0001", name: "张明", unit: "u-pafz", role: "coordinator", scope: "532301104000" } as never;

  it("confirmGrade copies the recommended priority, also when the level is overridden", () => {
    const recommendation = gradeDispute({ reportedOn: d("2024-01-01"), facts: calm }, { asOf: d("2025-01-01") });
    expect(recommendation).toMatchObject({ level: "blue", priority: "high" });
    const confirmed = confirmGrade({ recommendation, officer, decidedOn: d("2025-01-01") });
    expect(confirmed.ok && confirmed.value).toMatchObject({ level: "blue", priority: "high", escalators: ["long-unresolved"] });
    const raised = confirmGrade({ recommendation, officer, decidedOn: d("2025-01-01"), level: "yellow", reason: "现场核实" });
    expect(raised.ok && raised.value).toMatchObject({ level: "yellow", priority: "high" });
  });

  it("an override takes the priority the table gives the decided level with the escalators that held", () => {
    const calmToday = gradeDispute({ reportedOn: d("2025-01-01"), facts: calm }, { asOf: d("2025-01-02") });
    expect(calmToday).toMatchObject({ level: "blue", priority: "normal" });
    const toRed = confirmGrade({ recommendation: calmToday, officer, decidedOn: d("2025-01-02"), level: "red", reason: "扬言持械" });
    expect(toRed.ok && toRed.value).toMatchObject({ level: "red", priority: "urgent" });
    const danger = gradeDispute({ reportedOn: d("2025-01-01"), facts: { ...calm, threatOfViolence: true } }, { asOf: d("2025-01-02") });
    const second = { officerId: "zx-0002", name: "李华", unit: "u-pafz", role: "coordinator", scope: "532301104000" } as never;
    const lowered = confirmGrade({ recommendation: danger, officer, decidedOn: d("2025-01-02"), level: "yellow", reason: "误报，已核实", secondOfficer: second });
    expect(lowered.ok && lowered.value).toMatchObject({ level: "yellow", priority: "normal" });
  });

  it("an override with a table of another version is refused", () => {
    const recommendation = gradeDispute({ reportedOn: d("2025-01-01"), facts: calm }, { asOf: d("2025-01-02") });
    const other = { ...defaultGradingTable().table, version: "county-2026.1" };
    const r = confirmGrade({ recommendation, officer, decidedOn: d("2025-01-02"), level: "red", reason: "x" }, { table: other });
    expect(!r.ok && r.error._tag).toBe("GradeTableMismatch");
  });

  test.prop([fc.constantFrom<RiskLevel>("red", "orange", "yellow", "blue"), fc.integer({ min: 0, max: 400 }), fc.boolean()], { numRuns: 100 })(
    "with the Zixi table, a decided level's priority is its base priority, one step higher after more than 180 days",
    (level, days, danger) => {
      const recommendation = gradeDispute({ reportedOn: d("2024-01-01"), facts: { ...calm, threatOfViolence: danger } }, { asOf: plusDays(d("2024-01-01"), days) });
      const second = { officerId: "zx-0002", name: "李华", unit: "u-pafz", role: "coordinator", scope: "532301104000" } as never;
      const r = confirmGrade({ recommendation, officer, decidedOn: d("2025-03-01"), level, reason: "核实", secondOfficer: second });
      if (!r.ok) throw r.error;
      // Written out by hand from the preset: base red urgent, orange high, yellow and blue normal; +1 after 180 days.
      const base = { red: 3, orange: 2, yellow: 1, blue: 1 }[level];
      const expected = (["normal", "high", "urgent"] as const)[Math.min(3, base + (days > 180 ? 1 : 0)) - 1];
      expect(r.value.priority).toBe(expected);
    },
  );

  it("a stored decision without a priority is refused", () => {
    const stored = { recommended: "blue", level: "blue", tableVersion: "zixi-2025.2", firedRules: [], escalators: [], confirmedBy: officer, decidedOn: "2025-01-01" };
    expect(decode(GradeDecision, stored).ok).toBe(false);
    expect(decode(GradeDecision, { ...stored, priority: "high" }).ok).toBe(true);
    expect(decode(GradeDecision, { ...stored, priority: "orange" }).ok).toBe(false);
  });
});
