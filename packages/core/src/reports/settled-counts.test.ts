import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { weekendCalendar } from "../calendar/calendar.js";
import { plusDays } from "../calendar/local-dates.js";
import type { LedgerData, LedgerGrade } from "../campaign/ledger-data.js";
import { buildCase } from "../campaign/ledger-fixture.js";
import { type ClosedCaseStatus, isOpenStatus } from "../lifecycle/case-record.js";
import type { DivisionCode } from "../model/division-code.js";
import type { UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { sampleTown } from "../testing/sample-town.js";
import { type SettledCount, monthlyReport } from "./monthly-report.js";

// The report's pre-counted input: leaving out the disputes that are closed and
// settled before the period, and giving their counts instead, makes the same
// report, whatever the period, the jurisdiction, the case histories and the
// grades (several per dispute, on the same day too).

const d = (s: string) => s as LocalDate;
const timeLimits = { calendar: weekendCalendar };
const value = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: { readonly message: string } }): A => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const town = sampleTown(41, { villages: 3, persons: 30, disputes: 30, listings: 0 });

const PATHS: Readonly<Record<"main" | "declined" | "failed", ReadonlyArray<readonly [string, Record<string, string>?]>>> = {
  main: [
    ["accept"],
    ["assign", { leadUnit: "u-sfs", responsiblePerson: "李娟" }],
    ["start-mediation", { channel: "people-mediation" }],
    ["resolve", { outcome: "agreement" }],
    ["close"],
    ["follow-up", { note: "回访" }],
    ["reopen", { reason: "协议未履行" }],
  ],
  declined: [["decline", { reason: "不属于受理范围", properChannel: "向法院起诉" }], ["reopen", { reason: "补充材料" }]],
  failed: [
    ["accept"],
    ["assign", { leadUnit: "u-pafzb", responsiblePerson: "王芳" }],
    ["start-mediation", { channel: "people-mediation" }],
    ["fail-mediation", { reason: "双方分歧大", responsiblePerson: "王芳" }],
    ["escalate", { escalatedTo: "city-political-legal-committee", reason: "征地补偿" }],
    ["resolve", { outcome: "agreement" }],
  ],
};

const planArb = fc.record({
  path: fc.constantFrom("main", "main", "declined", "failed"),
  // Often to a closed status: resolved, closed, closed after a visit (or declined, or resolved after escalation).
  steps: fc.oneof(fc.integer({ min: 0, max: 7 }), fc.constantFrom(1, 4, 5, 6)),
  gaps: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 7, maxLength: 7 }),
  grades: fc.array(fc.record({ after: fc.constantFrom(0, 5, 5, 30, 90), level: fc.constantFrom(...RiskLevels.codes) }), { maxLength: 3 }),
});

type Plan = typeof planArb extends fc.Arbitrary<infer P> ? P : never;

/** The town's disputes with the planned cases and grades. */
const dataOf = (plans: ReadonlyArray<Plan>): LedgerData => {
  const cases = town.disputes.map((x, i) => {
    const plan = plans[i % plans.length]!;
    const path = PATHS[plan.path];
    let offset = 0;
    const steps = path.slice(0, plan.steps).map(([name, fields], k): readonly [string, number, Record<string, string>?] => {
      offset += plan.gaps[k]!;
      return fields === undefined ? [name, offset] : [name, offset, fields];
    });
    return buildCase(town, x, steps);
  });
  const grades = town.disputes.flatMap((x, i) =>
    plans[i % plans.length]!.grades.map((g): LedgerGrade => ({ dispute: x.id, level: g.level, priority: zixiGradingTable.basePriority[g.level], on: plusDays(x.reportedOn, g.after) })),
  );
  return { units: town.units, disputes: town.disputes, cases, grades };
};

/** The last day a dispute's report, case or grades changed. */
const lastChangeOf = (data: LedgerData, id: string): LocalDate => {
  const x = data.disputes.find((y) => y.id === id)!;
  const record = (data.cases ?? []).find((c) => c.dispute === id)!;
  const days = [x.reportedOn, record.registeredOn, ...record.history.map((e) => e.on), ...(data.grades ?? []).filter((g) => g.dispute === id).map((g) => g.on)];
  return days.reduce((a, b) => (b > a ? b : a));
};

/** The data without the disputes closed and settled before `from`, and their counts. */
const split = (data: LedgerData, from: LocalDate): { readonly rest: LedgerData; readonly settled: ReadonlyArray<SettledCount> } => {
  const cases = new Map((data.cases ?? []).map((c) => [c.dispute, c]));
  const gradesOf = (id: string) => (data.grades ?? []).filter((g) => g.dispute === id);
  const out = new Set(data.disputes.filter((x) => !isOpenStatus(cases.get(x.id)!.status) && lastChangeOf(data, x.id) < from).map((x) => x.id as string));
  const counts = new Map<string, SettledCount>();
  for (const x of data.disputes) {
    if (!out.has(x.id)) continue;
    const record = cases.get(x.id)!;
    // The latest grade: by day, of one day the last given.
    const grade = gradesOf(x.id).reduce<LedgerGrade | undefined>((a, g) => (a === undefined || g.on >= a.on ? g : a), undefined);
    const entry: Omit<SettledCount, "count"> = {
      village: x.jurisdiction,
      domain: x.domain,
      level: grade?.level ?? "ungraded",
      priority: grade?.priority ?? "ungraded",
      leadUnit: record.leadUnit ?? ("unassigned" as const),
      status: record.status as ClosedCaseStatus,
    };
    const key = JSON.stringify(entry);
    counts.set(key, { ...entry, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  const rest: LedgerData = {
    ...data,
    disputes: data.disputes.filter((x) => !out.has(x.id)),
    cases: (data.cases ?? []).filter((c) => !out.has(c.dispute)),
    grades: (data.grades ?? []).filter((g) => !out.has(g.dispute)),
  };
  return { rest, settled: [...counts.values()] };
};

describe("the monthly report's settled counts", () => {
  // Each run builds 30 cases and makes two reports: 25 runs.
  test.prop(
    [
      fc.array(planArb, { minLength: 1, maxLength: 10 }),
      // The period starts on a day, or the day after a closed dispute last changed (so that it is settled).
      fc.oneof(fc.record({ day: fc.integer({ min: 0, max: 300 }) }), fc.record({ after: fc.nat({ max: town.disputes.length - 1 }) })),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: town.villages.length }),
    ],
    { numRuns: 25 },
  )("the report of the data equals the report of the data less its closed disputes settled before the period, given their counts", (plans, start, length, where) => {
    const data = dataOf(plans);
    const closed = data.disputes.filter((x) => !isOpenStatus(data.cases!.find((c) => c.dispute === x.id)!.status));
    const anchor = "after" in start ? closed[start.after % Math.max(1, closed.length)] : undefined;
    const from = anchor === undefined ? plusDays(d("2024-11-01"), "day" in start ? start.day : 200) : plusDays(lastChangeOf(data, anchor.id), 1);
    const period = { from, to: plusDays(from, length) };
    const jurisdiction: DivisionCode = where === 0 ? town.township.code : town.villages[where - 1]!.code;
    const { rest, settled } = split(data, from);
    const options = { jurisdiction, period, campaign: zixi2025, timeLimits };
    // Counts of every village are given: those outside the jurisdiction are left out by the report.
    expect(value(monthlyReport(rest, { ...options, settled }))).toEqual(value(monthlyReport(data, options)));
  });

  test("counts go to their cells, the totals, the priorities and the resolution rate, and never to what happened in the period", () => {
    const village = town.villages[0]!.code;
    const period = { from: d("2025-03-01"), to: d("2025-03-31") };
    const settled: ReadonlyArray<SettledCount> = [
      { village, domain: "neighbourhood", level: "blue", priority: "normal", leadUnit: "u-sfs" as UnitId, status: "closed", count: 3 },
      { village, domain: "neighbourhood", level: "ungraded", priority: "ungraded", leadUnit: "unassigned", status: "declined", count: 1 },
      { village, domain: "neighbourhood", level: "blue", priority: "normal", leadUnit: "u-sfs" as UnitId, status: "resolved", count: 0 },
    ];
    const r = value(monthlyReport({ units: town.units, disputes: [] }, { jurisdiction: town.township.code, period, timeLimits, settled }));
    expect(r.totals).toEqual({ new: 0, cumulative: 4, resolvedInPeriod: 0, openAtEnd: 0 });
    expect(r.groups.map((g) => [g.level, g.leadUnit, g.counts.cumulative])).toEqual([
      ["blue", "u-sfs", 3],
      ["ungraded", "unassigned", 1],
    ]);
    expect(r.byPriority.map((row) => [row.key, row.counts.cumulative])).toEqual([
      ["normal", 3],
      ["ungraded", 1],
    ]);
    expect(r.resolutionRate).toBe(1);
    expect(r.progress).toMatchObject({ openAtPrevious: 0, resolved: 0, declined: 0, stillOpen: 0, byStatus: {} });
  });
});
