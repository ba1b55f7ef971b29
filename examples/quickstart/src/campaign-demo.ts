import {
  type Actor,
  type CaseRecord,
  type Deadline,
  type LedgerData,
  type LedgerGrade,
  type LocalDate,
  type OfficerId,
  type ResolutionMeasure,
  type Submission,
  type Unit,
  type UnitId,
  EventId,
  type ReportRow,
  type ResolutionPriority,
  type RiskLevel,
  ResolutionPriorities,
  RiskLevels,
  UnitKinds,
  campaignStart,
  deadlinesBetween,
  evaluatePhaseRules,
  gradeDispute,
  makeCalendar,
  monthlyReport,
  nextDeadlines,
  overlayCalendar,
  periodEnd,
  phaseOn,
  plusDays,
  registerCase,
  reportingPeriodOf,
  reportingUnits,
  routeDispute,
  shanghaiStartOf,
  submissionStatuses,
  transitionCase,
  zixi2025,
} from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";

const HOUR = 3_600_000;

/** Steps a case through transitions; a refused step ends it there (the demo's data never asks for one). */
const stepCase = (record: CaseRecord, actor: Actor, units: ReadonlyArray<Unit>, steps: ReadonlyArray<readonly [string, LocalDate, Record<string, string>?]>): CaseRecord => {
  let current = record;
  for (const [transition, on, fields] of steps) {
    const r = transitionCase(current, {
      transition,
      actor,
      on,
      eventId: EventId.make(`${current.dispute}-e${current.history.length}`),
      units,
      ...(fields ? { fields } : {}),
    });
    if (!r.ok) break;
    current = r.value.record;
  }
  return current;
};

/**
 * A synthetic ledger for the town, derived from positions only so every run prints
 * the same: disputes graded by the Zixi grading table and routed by its matrix,
 * accepted and assigned, most mediated and a share resolved; each reporting unit
 * submits its ledgers the day before they are due, a few late and a few not at all;
 * a few disputes left ungraded, unassigned or without a measure so the phase checks
 * have something to find.
 */
const syntheticLedger = (town: SampleTown, date: LocalDate): LedgerData => {
  const actor: Actor = { officerId: "zx-0001" as OfficerId, name: "张明", unit: "u-pafzb" as UnitId, role: "coordinator", scope: town.township.code };
  const unitOfKind = new Map(town.units.map((u) => [u.kind, u.id]));
  const villageUnit = new Map(town.units.map((u) => [u.jurisdiction as string, u.id]));
  const grades: Array<LedgerGrade> = [];
  const cases: Array<CaseRecord> = [];
  const measures: Array<ResolutionMeasure> = [];
  town.disputes.forEach((d, i) => {
    if (d.reportedOn > date) return;
    const { level, priority } = gradeDispute(d, { asOf: d.reportedOn });
    if (i % 17 !== 5) grades.push({ dispute: d.id, level, priority, on: d.reportedOn });
    const route = routeDispute({ domain: d.domain, level, facts: d.facts });
    const lead =
      route.lead === "village-committee" || route.lead === "community-committee"
        ? villageUnit.get(d.jurisdiction)
        : unitOfKind.get(route.lead);
    const registered = registerCase({ dispute: d.id, domain: d.domain, on: d.reportedOn, actor, eventId: EventId.make(`${d.id}-e0`) });
    if (!registered.ok) return;
    const steps: Array<readonly [string, LocalDate, Record<string, string>?]> = [["accept", d.reportedOn]];
    if (i % 23 !== 7 && lead) {
      steps.push(["assign", plusDays(d.reportedOn, 1), { leadUnit: lead, responsiblePerson: "李娟" }]);
      steps.push(["start-mediation", plusDays(d.reportedOn, 2), { channel: route.linkages[0] ?? "people-mediation" }]);
      if (i % 3 !== 2) {
        const resolvedOn = plusDays(d.reportedOn, 7 + (i % 40));
        steps.push(["resolve", resolvedOn, { outcome: i % 10 === 0 ? "withdrawal" : "agreement" }], ["close", plusDays(resolvedOn, 5)]);
      }
    }
    cases.push(stepCase(registered.value.record, actor, town.units, steps.filter(([, on]) => on <= date)));
    if (i % 19 !== 4) measures.push({ dispute: d.id, measure: "组织双方当事人调解", recordedOn: d.reportedOn });
  });
  const submissions: Array<Submission> = [];
  const units = reportingUnits(zixi2025, town.units);
  for (const deadline of deadlinesBetween(zixi2025, campaignStart(zixi2025), date)) {
    const owing = deadline.owedBy === "reporting-units" ? units : town.units.filter((u) => deadline.owedBy.includes(u.kind));
    owing.forEach((u, k) => {
      if (k % 11 === 5) return; // never submitted
      const late = k % 7 === 3;
      const at = late ? shanghaiStartOf(plusDays(deadline.due, 2)) + 9 * HOUR : shanghaiStartOf(deadline.due) - 7.5 * HOUR;
      submissions.push({ unit: u.id, deadline: deadline.key, submittedAt: at });
    });
  }
  return { units: town.units, disputes: town.disputes, cases, grades, resolutionMeasures: measures, submissions };
};

const STATUS: Readonly<Record<string, string>> = { "on-time": "按时报送 on time", late: "逾期报送 late", missing: "未报送 missing" };
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
/** Pads to a display width, counting CJK characters as two columns. */
const padCells = (text: string, width: number): string => {
  const cells = [...text].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
  return text + " ".repeat(Math.max(0, width - cells));
};
const unitName = (units: ReadonlyArray<Unit>, id: string): string => units.find((u) => u.id === id)?.name ?? id;

/**
 * Prints the Zixi 2025 campaign as it stands on a date for a sample town: the
 * phase, the next deadlines, each reporting unit's submission for the latest
 * deadline, the failing phase checks, and the monthly report's totals and
 * by-level table.
 *
 * @example
 * ```ts
 * import { sampleTown } from "@tiaojie/core/testing";
 *
 * printCampaignDemo(sampleTown(2024), "2025-02-10" as LocalDate);
 * ```
 */
export const printCampaignDemo = (town: SampleTown, date: LocalDate): void => {
  const data = syntheticLedger(town, date);
  console.log(`\n== 专项治理进度 / campaign progress: ${zixi2025.name.zh}, ${date} ==`);

  const stage = phaseOn(zixi2025, date);
  if (stage.kind === "phase") {
    console.log(`阶段 phase: ${stage.phase.name.zh} (${stage.phase.start} – ${stage.phase.end}) / ${stage.phase.name.en}`);
    if (stage.phase.note) console.log(`  注 note: ${stage.phase.note.zh}`);
  } else if (stage.kind === "routine") console.log(`阶段 phase: 常态化治理 routine governance since ${stage.since}`);
  else console.log(`专项治理 ${stage.startsOn} 开始 / the campaign starts on ${stage.startsOn}`);

  console.log("\n接下来的报送期限 / next deadlines:");
  for (const d of nextDeadlines(zixi2025, date, 3)) {
    const p = reportingPeriodOf(zixi2025, d);
    console.log(`  ${d.due}  ${d.title.zh} → ${UnitKinds.label(d.receivedBy)}  (报告期 period ${p.from} – ${p.to})`);
  }

  const latest: Deadline | undefined = deadlinesBetween(zixi2025, campaignStart(zixi2025), date)
    .filter((d) => d.owedBy === "reporting-units")
    .at(-1);
  if (latest) {
    console.log(`\n各单位报送情况 / submissions for ${latest.key} as of ${date}:`);
    for (const s of submissionStatuses(zixi2025, latest, data.units, data.submissions ?? [], date)) {
      const when = s.status === "missing" ? "" : ` (${s.submittedOn})`;
      console.log(`  ${STATUS[s.status]}${when}  ${s.unit.name}`);
    }
  }

  console.log("\n阶段目标检查 / phase checks:");
  const phases = zixi2025.phases.filter((p) => p.start <= date);
  for (const phase of phases) {
    const asOf = phase.end < date ? phase.end : date;
    const e = evaluatePhaseRules(zixi2025, phase.id, data, asOf)!;
    console.log(`  ${phase.name.zh}（截至 ${asOf}）: ${e.passing.length} 项通过 passing, ${e.failing.length} 项未通过 failing`);
    for (const f of e.failing) {
      const sample = f.records
        .slice(0, 4)
        .map((r) => (r.kind === "submission" ? `${unitName(data.units, r.unit)}@${r.deadline.split("@")[1]}` : r.id))
        .join(", ");
      console.log(`    ✗ ${f.check.title.zh} / ${f.check.title.en}: ${f.records.length} — ${sample}${f.records.length > 4 ? ", …" : ""}`);
    }
  }

  const reportDeadline = deadlinesBetween(zixi2025, campaignStart(zixi2025), date)
    .filter((d) => d.kind === "ledger-report")
    .at(-1);
  if (!reportDeadline) return;
  const period = reportingPeriodOf(zixi2025, reportDeadline);
  // Time limits count on China's official calendar; there is no weekends-only default.
  const calendar = chinaCalendar();
  const counted = monthlyReport(data, {
    jurisdiction: town.township.code,
    period,
    campaign: zixi2025,
    timeLimits: { calendar },
  });
  if (!counted.ok) {
    console.log(`\n月度台账报表 / monthly ledger report: ${counted.error.message}`);
    return;
  }
  const report = counted.value;
  const t = report.totals;
  console.log(`\n月度台账报表 / monthly ledger report ${period.from} – ${period.to}:`);
  console.log(`  本期新增 new ${t.new} | 累计 cumulative ${t.cumulative} | 本期化解 resolved ${t.resolvedInPeriod} | 期末未化解 open ${t.openAtEnd} | 化解率 rate ${pct(report.resolutionRate)}`);
  console.log(`  上期未化解的 ${report.progress.openAtPrevious} 件中，已化解 ${report.progress.resolved} 件，仍在办 ${report.progress.stillOpen} 件`);
  console.log(`  逾期未报 overdue submissions: ${report.overdueSubmissions.length}; 超期时限 overdue time limits: ${report.overdueTimeLimits.length}; 临期 at risk: ${report.atRiskTimeLimits.length}`);
  const printRows = <K extends string>(heading: string, rows: ReadonlyArray<ReportRow<K>>, label: (key: K) => string): void => {
    console.log(`  ${padCells(heading, 24)}新增 new  累计 cum.  化解 resolved  未化解 open`);
    for (const { key, counts: c } of rows) {
      const name = key === "ungraded" ? "未研判 ungraded" : label(key);
      console.log(`  ${padCells(name, 24)}${String(c.new).padStart(8)} ${String(c.cumulative).padStart(10)} ${String(c.resolvedInPeriod).padStart(14)} ${String(c.openAtEnd).padStart(12)}`);
    }
  };
  printRows("风险等级 level", report.byLevel, (k) => RiskLevels.label(k as RiskLevel));
  printRows("化解优先级 priority", report.byPriority, (k) => ResolutionPriorities.label(k as ResolutionPriority));

  // A limit that runs past the calendar's last year is refused, naming the year, until that year's schedule is added.
  console.log(`\n日历 / calendar: ${calendar.name}`);
  const lateStart = "2026-12-10" as LocalDate;
  const refused = periodEnd(lateStart, { days: 30 }, calendar);
  console.log(`  ${lateStart} 起 30 日 / 30 days from ${lateStart}: ${refused.ok ? refused.value : refused.error.message}`);
  const notice2027 = makeCalendar({ name: "2027 年节假日安排（示例）", holidays: ["2027-01-01"], makeUpWorkingDays: [], years: [2027] });
  const counted2027 = periodEnd(lateStart, { days: 30 }, overlayCalendar(notice2027, calendar));
  console.log(`  补充 2027 年安排后 / with a 2027 schedule added: ${counted2027.ok ? counted2027.value : counted2027.error.message}`);
};
