import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { weekendCalendar } from "../calendar/calendar.js";
import { plusDays } from "../calendar/local-dates.js";
import { completeLedger } from "../campaign/ledger-fixture.js";
import type { LedgerGrade } from "../campaign/ledger-data.js";
import { isOpenStatus } from "../lifecycle/case-record.js";
import { caseAsOf } from "../lifecycle/transition-case.js";
import type { LocalDate } from "../model/local-date.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { type ResolutionPriority, ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { sampleTown } from "../testing/sample-town.js";
import { monthlyReport } from "./monthly-report.js";
import { disputeWorkList, type WorkListItem } from "./work-list.js";

const d = (s: string) => s as LocalDate;
const town = sampleTown(5, { villages: 4, persons: 40, disputes: 50 });
const ledger = completeLedger(town, zixi2025, d("2025-06-30"));

/** Up to three grades per dispute, on days after its report, with any level, priority and setter; some disputes ungraded. */
const gradesArb = fc.array(
  fc.record({
    dispute: fc.integer({ min: 0, max: town.disputes.length - 1 }),
    after: fc.integer({ min: 0, max: 200 }),
    level: fc.constantFrom<RiskLevel>(...RiskLevels.codes),
    priority: fc.constantFrom<ResolutionPriority>(...ResolutionPriorities.codes),
    setBy: fc.option(fc.constantFrom("long-unresolved", "county-rule"), { nil: undefined }),
  }),
  { maxLength: 120 },
).map((list) =>
  list.map((g): LedgerGrade => {
    const dispute = town.disputes[g.dispute]!;
    return { dispute: dispute.id, level: g.level, priority: g.priority, ...(g.setBy ? { prioritySetBy: g.setBy } : {}), on: plusDays(dispute.reportedOn, g.after) };
  }),
);
const asOfArb = fc.integer({ min: 0, max: 300 }).map((n) => plusDays(town.period.from, n));

/** The latest grade on or before a day, found by sorting (a separate route from the ledger index). */
const latest = (grades: ReadonlyArray<LedgerGrade>, dispute: string, asOf: LocalDate): LedgerGrade | undefined =>
  grades.filter((g) => g.dispute === dispute && g.on <= asOf).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).at(-1);

/** The order of the work list, as a tuple compared left to right (smaller first). */
const URGENCY = { ungraded: 0, urgent: 1, high: 2, normal: 3 } as const;
const SEVERITY = { red: 0, orange: 1, yellow: 2, blue: 3, ungraded: 4 } as const;
const sortKey = (i: WorkListItem): ReadonlyArray<number | string> => [URGENCY[i.priority], SEVERITY[i.level], -i.daysWaiting, i.dispute];
const lessOrEqual = (a: ReadonlyArray<number | string>, b: ReadonlyArray<number | string>): boolean => {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return true;
};

describe("disputeWorkList", () => {
  test.prop([gradesArb, asOfArb, fc.boolean()], { numRuns: 60 })(
    "lists exactly the open disputes, each with its latest grade, ordered by priority, then level, then days waiting",
    (grades, asOf, oneVillage) => {
      const data = { ...ledger, grades };
      const village = town.villages[0]!.code;
      const list = disputeWorkList(data, asOf, oneVillage ? { jurisdiction: village } : {});
      const records = new Map(ledger.cases.map((c) => [c.dispute as string, c]));
      const open = town.disputes.filter((dispute) => {
        if (dispute.reportedOn > asOf || (oneVillage && !dispute.jurisdiction.startsWith(village.slice(0, 12)))) return false;
        const state = caseAsOf(records.get(dispute.id)!, asOf);
        return state === undefined || isOpenStatus(state.status);
      });
      expect(new Set(list.map((i) => i.dispute))).toEqual(new Set(open.map((x) => x.id)));
      expect(list).toHaveLength(open.length);
      for (const item of list) {
        const g = latest(grades, item.dispute, asOf);
        expect(item.level).toBe(g?.level ?? "ungraded");
        expect(item.priority).toBe(g?.priority ?? "ungraded");
        expect(item.prioritySetBy).toEqual(
          g === undefined ? { kind: "ungraded" } : g.prioritySetBy ? { kind: "escalator", escalator: g.prioritySetBy } : { kind: "level", level: g.level },
        );
        const reported = town.disputes.find((x) => x.id === item.dispute)!.reportedOn;
        expect(item.daysWaiting).toBe(Math.round((Date.parse(asOf) - Date.parse(reported)) / 86_400_000));
      }
      for (let k = 1; k < list.length; k++) expect(lessOrEqual(sortKey(list[k - 1]!), sortKey(list[k]!))).toBe(true);
    },
  );

  it("puts an urgent dispute before an orange normal one, and that before a blue normal one", () => {
    // Disputes 1, 2 and 4 of the fixture stay open (every third is resolved).
    const [a, b, c] = [town.disputes[1]!, town.disputes[2]!, town.disputes[4]!];
    const grades: ReadonlyArray<LedgerGrade> = [
      { dispute: a.id, level: "blue", priority: "normal", on: a.reportedOn },
      { dispute: b.id, level: "blue", priority: "urgent", prioritySetBy: "long-unresolved", on: b.reportedOn },
      { dispute: c.id, level: "orange", priority: "normal", on: c.reportedOn },
    ];
    const ids = [a.id, b.id, c.id] as ReadonlyArray<string>;
    const data = { ...ledger, disputes: [a, b, c], cases: ledger.cases.filter((x) => ids.includes(x.dispute)), grades };
    const asOf = [a, b, c].map((x) => x.reportedOn).sort().at(-1)!;
    const list = disputeWorkList(data, asOf);
    expect(list.map((i) => i.dispute)).toEqual([b.id, c.id, a.id]);
    expect(list.map((i) => i.prioritySetBy)).toEqual([
      { kind: "escalator", escalator: "long-unresolved" },
      { kind: "level", level: "orange" },
      { kind: "level", level: "blue" },
    ]);
    expect(disputeWorkList({ ...data, grades: [] }, asOf).every((i) => i.priority === "ungraded" && i.level === "ungraded")).toBe(true);
  });
});

describe("the monthly report counts by priority", () => {
  test.prop([gradesArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 })], { numRuns: 60 })(
    "the byPriority rows add up to the totals, and count each dispute by its latest grade's priority",
    (grades, start, length) => {
      const from = plusDays(town.period.from, start);
      const period = { from, to: plusDays(from, length - 1) };
      const report = monthlyReport({ ...ledger, grades }, { jurisdiction: town.township.code, period, timeLimits: { calendar: weekendCalendar } });
      if (!report.ok) throw report.error;
      const r = report.value;
      const sum = (field: "new" | "cumulative" | "resolvedInPeriod" | "openAtEnd") => r.byPriority.reduce((n, row) => n + row.counts[field], 0);
      for (const field of ["new", "cumulative", "resolvedInPeriod", "openAtEnd"] as const) expect(sum(field)).toBe(r.totals[field]);
      const expected = new Map<string, number>();
      for (const dispute of town.disputes) {
        if (dispute.reportedOn > period.to) continue;
        const key = latest(grades, dispute.id, period.to)?.priority ?? "ungraded";
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      expect(new Map(r.byPriority.map((row) => [row.key, row.counts.cumulative]))).toEqual(expected);
      const order = ["urgent", "high", "normal", "ungraded"];
      expect(r.byPriority.map((row) => row.key)).toEqual(order.filter((k) => expected.has(k)));
    },
  );
});
