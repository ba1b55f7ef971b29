import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { weekendCalendar } from "../calendar/calendar.js";
import { plusDays, shanghaiStartOf } from "../calendar/local-dates.js";
import { indexLedger, type LedgerGrade } from "../campaign/ledger-data.js";
import type { DisputeId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { fixedClock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/id-generator.js";
import type { DisputeRow, GradeRow } from "../ports/store-rows.js";
import { defaultTimeLimits } from "../presets/zixi/time-limits.js";
import { monthlyReport } from "../reports/monthly-report.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { createLedger } from "./create-ledger.js";
import { gradeInForce } from "./dispute-row-columns.js";
import { must, registerTown, serviceFixture } from "./service-fixture.js";

const d = (s: string) => s as LocalDate;
const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const gradeRow = (id: string, decidedOn: LocalDate, level: RiskLevel): GradeRow =>
  ({ id, version: 1, dispute: "d-1" as DisputeId, jurisdiction: "532301104201", decision: { level, priority: "normal", decidedOn } }) as unknown as GradeRow;

describe("the grade in force", () => {
  test.prop([
    fc.uniqueArray(
      fc.record({ id: fc.stringMatching(/^[0-9a-f]{1,3}$/), day: fc.constantFrom("2025-01-01", "2025-01-02", "2025-02-01"), level: fc.constantFrom(...RiskLevels.codes) }),
      { selector: (g) => g.id, maxLength: 6 },
    ),
  ])("is the grade the core's report reads once every decision is on or before its end, in whatever order the decisions come", (given) => {
    const rows = given.map((g) => gradeRow(g.id, d(g.day), g.level));
    // The report reads the grades in id order (as a store's find returns them).
    const grades = [...rows].sort(byId).map((g): LedgerGrade => ({ dispute: g.dispute, level: g.decision.level, priority: g.decision.priority, on: g.decision.decidedOn }));
    const read = indexLedger({ units: [], disputes: [], grades }).latestGradeOf("d-1" as DisputeId, d("2025-12-31"));
    const inForce = gradeInForce(rows);
    expect(inForce === undefined ? undefined : { level: inForce.decision.level, on: inForce.decision.decidedOn }).toEqual(read === undefined ? undefined : { level: read.level, on: read.on });
  });

  it("stays the row's grade when a later decision is dated earlier (clocks that disagree) or has a smaller id on the same day; reports agree", async () => {
    const fx = serviceFixture(615, {}, { counts: true });
    const views = await registerTown(fx);
    const today = fx.today;
    const view = views.find((v) => v.dispute.reportedOn <= plusDays(today, -3) && v.grading.level !== "red")!;
    const raised = RiskLevels.codes[RiskLevels.codes.indexOf(view.grading.level) - 1]!;
    const c = fx.actors.coordinator;
    // A raises the level today.
    const first = must(await fx.ledger.decideGrade(c, { dispute: view.id, version: view.version, level: raised, reason: "现场核查后上调" }));
    expect(first.level).toBe(raised);
    // B's clock is three days behind: it confirms the recommendation, dated before A's decision.
    const behind = createLedger({ ...fx.options, clock: fixedClock(shanghaiStartOf(plusDays(today, -3)) + 10 * 3_600_000) });
    const second = must(await behind.decideGrade(c, { dispute: view.id, version: first.version }));
    expect({ level: second.level, priority: second.priority, confirmed: second.gradeConfirmed }).toEqual({ level: first.level, priority: first.priority, confirmed: true });
    // C confirms the same day as A, with an id that sorts before A's.
    let n = 0;
    const small: IdGenerator = { next: () => `00-${String(++n).padStart(6, "0")}` };
    const third = must(await createLedger({ ...fx.options, ids: small }).decideGrade(c, { dispute: view.id, version: second.version }));
    expect(third.level).toBe(first.level);
    // Declined today: closed, and settled before any later period.
    const declined = must(await fx.ledger.transition(c, { dispute: view.id, version: third.version, transition: "decline", fields: { reason: "不属于受理范围", properChannel: "向法院起诉" } }));
    expect(declined.level).toBe(raised);

    const state = fx.store.state();
    const rows = (Object.values(state.collections.disputes!) as unknown as Array<DisputeRow>).sort(byId);
    expect(rows.find((r) => r.id === view.id)!.settledOn).toBe(today);
    const grades = (Object.values(state.collections.grades!) as unknown as Array<GradeRow>)
      .sort(byId)
      .map((g): LedgerGrade => ({ dispute: g.dispute, level: g.decision.level, priority: g.decision.priority, on: g.decision.decidedOn, ...(g.prioritySetBy === undefined ? {} : { prioritySetBy: g.prioritySetBy }) }));
    expect(grades.filter((g) => g.dispute === view.id)).toHaveLength(3);
    // The ledger's report of a later period counts the dispute from its row; the core's reads its grades: they agree.
    const data = { units: fx.options.units, disputes: rows.map((x) => x.dispute), cases: rows.map((x) => x.case), grades };
    const period = { from: plusDays(today, 1), to: plusDays(today, 30) };
    const expected = must(monthlyReport(data, { jurisdiction: fx.town.township.code, period, timeLimits: { calendar: weekendCalendar, rules: defaultTimeLimits } }));
    expect(must(await fx.ledger.monthlyReport(c, { period }))).toEqual({ for: "own", report: expected });
    expect(expected.groups.some((g) => g.level === raised && g.counts.cumulative > 0)).toBe(true);
    expect(indexLedger(data).latestGradeOf(view.id, period.to)?.level).toBe(raised);
  });
});
