import type { Dispute } from "../model/dispute.js";
import type { DivisionCode } from "../model/division-code.js";
import { isWithinDivision } from "../model/division-code.js";
import type { UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { CaseStatus } from "../taxonomy/case-statuses.js";
import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import type { ResolutionPriority } from "../taxonomy/resolution-priorities.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import { plusDays } from "../calendar/local-dates.js";
import type { Campaign } from "../campaign/campaign.js";
import { type DateRange, deadlinesBetween } from "../campaign/campaign-calendar.js";
import { indexLedger, type LedgerData } from "../campaign/ledger-data.js";
import { type ClosedCaseStatus, isOpenStatus } from "../lifecycle/case-record.js";
import { submissionStatuses } from "../campaign/submissions.js";
import type { DayCountRefused } from "../calendar/day-counting.js";
import { type OpenCaseTimeLimitsOptions, openCaseTimeLimits } from "../time-limits/case-time-limits.js";
import type { TimeLimitStatus } from "../time-limits/time-limit-clock.js";
import { ok, type Result } from "../validation/result.js";

/**
 * The counts a report gives for the whole jurisdiction and for each group:
 * disputes registered in the period, registered up to its end, resolved in it
 * (each dispute once, however often), and open at its end.
 *
 * @example
 * ```ts
 * const c: ReportCounts = report.totals;
 * c.cumulative - c.new; // the previous period's cumulative
 * ```
 * @since 0.1.0
 */
export interface ReportCounts {
  readonly new: number;
  readonly cumulative: number;
  readonly resolvedInPeriod: number;
  readonly openAtEnd: number;
}

/**
 * One cell of the breakdown: village (the dispute's jurisdiction) × domain × risk
 * level (`"ungraded"` when none) × lead unit (`"unassigned"` when none), as of the
 * period's end. Only non-empty cells are listed.
 *
 * @example
 * ```ts
 * const g: ReportGroup = report.groups[0]!;
 * g.level; g.counts.openAtEnd;
 * ```
 * @since 0.1.0
 */
export interface ReportGroup {
  readonly village: DivisionCode;
  readonly domain: DisputeDomain;
  readonly level: RiskLevel | "ungraded";
  readonly leadUnit: UnitId | "unassigned";
  readonly counts: ReportCounts;
}

/**
 * The counts summed over one dimension of the breakdown.
 *
 * @example
 * ```ts
 * const row: ReportRow<RiskLevel | "ungraded"> = report.byLevel[0]!;
 * ```
 * @since 0.1.0
 */
export interface ReportRow<K extends string> {
  readonly key: K;
  readonly counts: ReportCounts;
}

/**
 * What became of the disputes that were open at the previous report (the day
 * before the period): how many are resolved (or closed) now, how many declined,
 * how many still open, and their statuses now.
 *
 * @example
 * ```ts
 * report.progress.resolved / report.progress.openAtPrevious;
 * ```
 * @since 0.1.0
 */
export interface ReportProgress {
  readonly previousReportOn: LocalDate;
  readonly openAtPrevious: number;
  readonly resolved: number;
  readonly stillOpen: number;
  readonly declined: number;
  readonly byStatus: Readonly<Partial<Record<CaseStatus, number>>>;
}

/**
 * A unit's ledger submission missing or late for a deadline due in the period.
 *
 * @example
 * ```ts
 * report.overdueSubmissions.filter((s) => s.status === "missing");
 * ```
 * @since 0.1.0
 */
export interface OverdueSubmission {
  readonly deadline: string;
  readonly unit: UnitId;
  readonly status: "missing" | "late";
}

/**
 * The monthly ledger report (月度台账报表) of a jurisdiction for a reporting period.
 *
 * @example
 * ```ts
 * const r = monthlyReport(data, { jurisdiction, period, timeLimits: { calendar: chinaCalendar() } });
 * if (r.ok) { const report: MonthlyReport = r.value; report.totals.resolvedInPeriod; report.resolutionRate; }
 * ```
 * @since 0.1.0
 */
export interface MonthlyReport {
  readonly jurisdiction: DivisionCode;
  readonly period: DateRange;
  readonly totals: ReportCounts;
  /**
   * Disputes resolved or closed at the period's end, over those registered by then
   * and not declined (0 when there are none).
   */
  readonly resolutionRate: number;
  readonly groups: ReadonlyArray<ReportGroup>;
  readonly byVillage: ReadonlyArray<ReportRow<DivisionCode>>;
  readonly byDomain: ReadonlyArray<ReportRow<DisputeDomain>>;
  readonly byLevel: ReadonlyArray<ReportRow<RiskLevel | "ungraded">>;
  /**
   * The counts by resolution priority of the latest grade at the period's end
   * (`"ungraded"` when none), most urgent first; the rows add up to the totals.
   * @since 0.2.0
   */
  readonly byPriority: ReadonlyArray<ReportRow<ResolutionPriority | "ungraded">>;
  readonly byLeadUnit: ReadonlyArray<ReportRow<UnitId | "unassigned">>;
  readonly progress: ReportProgress;
  readonly overdueSubmissions: ReadonlyArray<OverdueSubmission>;
  /** Time limits of open cases overdue at the period's end. */
  readonly overdueTimeLimits: ReadonlyArray<TimeLimitStatus>;
  /** Time limits of open cases at risk at the period's end. */
  readonly atRiskTimeLimits: ReadonlyArray<TimeLimitStatus>;
}

/**
 * A number of disputes counted in advance (by a store, in its database) rather
 * than given one by one: disputes registered before the period, closed
 * (declined, resolved or closed), and settled before the period, that is with
 * no case event and no grade decision on or after its first day, so that they
 * stand all through the period as they stand now. They share a village (their
 * jurisdiction), a domain, the level and priority of their latest grade
 * (`"ungraded"` without one), a lead unit (`"unassigned"` without one) and a
 * status.
 *
 * @example
 * ```ts
 * const s: SettledCount = { village, domain: "neighbourhood", level: "blue", priority: "normal", leadUnit: "u-sfs" as UnitId, status: "resolved", count: 12 };
 * ```
 * @since 0.4.0
 */
export interface SettledCount {
  readonly village: DivisionCode;
  readonly domain: DisputeDomain;
  readonly level: RiskLevel | "ungraded";
  readonly priority: ResolutionPriority | "ungraded";
  readonly leadUnit: UnitId | "unassigned";
  readonly status: ClosedCaseStatus;
  readonly count: number;
}

/**
 * The options of {@link monthlyReport}.
 *
 * @example
 * ```ts
 * const o: MonthlyReportOptions = {
 *   jurisdiction: town.township.code,
 *   period: { from: "2024-11-29" as LocalDate, to: "2024-12-28" as LocalDate },
 *   campaign: zixi2025,
 *   timeLimits: { calendar: chinaCalendar() },
 * };
 * ```
 * @since 0.1.0
 */
export interface MonthlyReportOptions {
  /** The division reported on: disputes within it count. */
  readonly jurisdiction: DivisionCode;
  readonly period: DateRange;
  /** When given, the report lists the submissions missing or late for the campaign's deadlines due in the period. */
  readonly campaign?: Campaign;
  /**
   * How time limits are counted: the calendar (required since 0.2.0, China's
   * official one for the Zixi plan), convention, rules, extensions.
   */
  readonly timeLimits: OpenCaseTimeLimitsOptions;
  /**
   * For stores that count in their database: disputes left out of the data and
   * given as counts instead, each entry disputes registered before the period,
   * closed, and settled before it (see {@link SettledCount}). They count as the
   * same disputes in the data would: in their cell, the totals, `byPriority`
   * and the resolution rate, as cumulative and never as new, resolved in the
   * period, open at its end or open at the previous report. Entries outside the
   * jurisdiction are left out, as such disputes would be. A dispute must not be
   * both in the data and in a count.
   * @default [] (every dispute is in the data)
   * @since 0.4.0
   */
  readonly settled?: ReadonlyArray<SettledCount>;
}

const zero = (): { new: number; cumulative: number; resolvedInPeriod: number; openAtEnd: number } => ({ new: 0, cumulative: 0, resolvedInPeriod: 0, openAtEnd: 0 });

const LEVEL_ORDER: ReadonlyArray<RiskLevel | "ungraded"> = ["red", "orange", "yellow", "blue", "ungraded"];
const PRIORITY_ORDER: ReadonlyArray<ResolutionPriority | "ungraded"> = ["urgent", "high", "normal", "ungraded"];

const rows = <K extends string>(groups: ReadonlyArray<ReportGroup>, keyOf: (g: ReportGroup) => K, order?: ReadonlyArray<K>): ReadonlyArray<ReportRow<K>> => {
  const sums = new Map<K, ReturnType<typeof zero>>();
  for (const g of groups) {
    const k = keyOf(g);
    const s = sums.get(k) ?? zero();
    s.new += g.counts.new;
    s.cumulative += g.counts.cumulative;
    s.resolvedInPeriod += g.counts.resolvedInPeriod;
    s.openAtEnd += g.counts.openAtEnd;
    sums.set(k, s);
  }
  const keys = [...sums.keys()].sort((a, b) => {
    if (order) return order.indexOf(a) - order.indexOf(b);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return keys.map((key) => ({ key, counts: sums.get(key)! }));
};

/**
 * Builds the monthly ledger report for a jurisdiction and a period, from the
 * ledger's data as it stood at the end of the period's last day. Pure: the same
 * data always gives the same report. The groups sum to the totals; over
 * consecutive periods, each period's cumulative is the previous one's plus its
 * new disputes. Refused (a {@link DayCountRefused}) when a time limit of an open
 * case cannot be counted on the calendar, for example a limit running into a
 * year whose holiday schedule the calendar does not have yet.
 *
 * @example
 * ```ts
 * import { deadlineByKey, monthlyReport, reportingPeriodOf, zixi2025 } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const period = reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, "monthly-update@2024-12-28")!);
 * const r = monthlyReport(data, { jurisdiction: town.township.code, period, campaign: zixi2025, timeLimits: { calendar: chinaCalendar() } });
 * if (r.ok) r.value.byLevel.map((row) => `${row.key}: ${row.counts.openAtEnd}`);
 * ```
 * @since 0.1.0
 */
export const monthlyReport = (data: LedgerData, options: MonthlyReportOptions): Result<MonthlyReport, DayCountRefused> => {
  const { jurisdiction, period } = options;
  const end = period.to;
  const previousReportOn = plusDays(period.from, -1);
  const index = indexLedger(data);
  const cells = new Map<string, { village: DivisionCode; domain: DisputeDomain; level: RiskLevel | "ungraded"; leadUnit: UnitId | "unassigned"; counts: ReturnType<typeof zero> }>();
  const cellOf = (village: DivisionCode, domain: DisputeDomain, level: RiskLevel | "ungraded", leadUnit: UnitId | "unassigned") => {
    const key = `${village}|${domain}|${level}|${leadUnit}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { village, domain, level, leadUnit, counts: zero() };
      cells.set(key, cell);
    }
    return cell;
  };
  const totals = zero();
  const priorityCounts = new Map<ResolutionPriority | "ungraded", ReturnType<typeof zero>>();
  const priorityOf = (priority: ResolutionPriority | "ungraded") => {
    const counts = priorityCounts.get(priority) ?? zero();
    priorityCounts.set(priority, counts);
    return counts;
  };
  let done = 0;
  let declined = 0;
  const progress = { openAtPrevious: 0, resolved: 0, stillOpen: 0, declined: 0, byStatus: {} as Partial<Record<CaseStatus, number>> };
  const inScope = (d: Dispute): boolean => d.reportedOn <= end && isWithinDivision(d.jurisdiction, jurisdiction);
  for (const d of data.disputes) {
    if (!inScope(d)) continue;
    const state = index.stateOf(d, end)!;
    const grade = index.latestGradeOf(d.id, end);
    const level = grade?.level ?? "ungraded";
    const priority = grade?.priority ?? "ungraded";
    const leadUnit = state.leadUnit ?? "unassigned";
    const cell = cellOf(d.jurisdiction, d.domain, level, leadUnit);
    const isNew = d.reportedOn >= period.from ? 1 : 0;
    const resolved = state.history.some((e) => e.transition === "resolve" && e.on >= period.from && e.on <= end) ? 1 : 0;
    const open = isOpenStatus(state.status) ? 1 : 0;
    const byPriority = priorityOf(priority);
    for (const c of [cell.counts, totals, byPriority]) {
      c.new += isNew;
      c.cumulative += 1;
      c.resolvedInPeriod += resolved;
      c.openAtEnd += open;
    }
    if (state.status === "resolved" || state.status === "closed") done++;
    if (state.status === "declined") declined++;
    if (index.isOpen(d, previousReportOn)) {
      progress.openAtPrevious++;
      if (state.status === "resolved" || state.status === "closed") progress.resolved++;
      else if (state.status === "declined") progress.declined++;
      else progress.stillOpen++;
      progress.byStatus[state.status] = (progress.byStatus[state.status] ?? 0) + 1;
    }
  }
  // Disputes settled before the period and closed: registered before it, so
  // cumulative and not new; no resolution in it; closed at its end and already on
  // the day before it, so neither open at the end nor part of the progress.
  for (const s of options.settled ?? []) {
    if (s.count <= 0 || !isWithinDivision(s.village, jurisdiction)) continue;
    cellOf(s.village, s.domain, s.level, s.leadUnit).counts.cumulative += s.count;
    totals.cumulative += s.count;
    priorityOf(s.priority).cumulative += s.count;
    if (s.status === "resolved" || s.status === "closed") done += s.count;
    if (s.status === "declined") declined += s.count;
  }
  const groups: ReadonlyArray<ReportGroup> = [...cells.values()].sort((a, b) => {
    const ka = `${a.village}|${a.domain}|${LEVEL_ORDER.indexOf(a.level)}|${a.leadUnit}`;
    const kb = `${b.village}|${b.domain}|${LEVEL_ORDER.indexOf(b.level)}|${b.leadUnit}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

  const overdueSubmissions: Array<OverdueSubmission> = [];
  if (options.campaign) {
    const units = data.units.filter((u) => isWithinDivision(u.jurisdiction, jurisdiction) || isWithinDivision(jurisdiction, u.jurisdiction));
    for (const deadline of deadlinesBetween(options.campaign, period.from, end)) {
      for (const s of submissionStatuses(options.campaign, deadline, units, data.submissions ?? [], end)) {
        if (s.status === "late") overdueSubmissions.push({ deadline: deadline.key, unit: s.unit.id, status: "late" });
        else if (s.status === "missing" && s.overdue) overdueSubmissions.push({ deadline: deadline.key, unit: s.unit.id, status: "missing" });
      }
    }
  }
  const scoped: LedgerData = { ...data, disputes: data.disputes.filter(inScope) };
  const counted = openCaseTimeLimits(scoped, end, options.timeLimits);
  if (!counted.ok) return counted;
  const limits = counted.value;
  const base = totals.cumulative - declined;
  return ok({
    jurisdiction,
    period,
    totals,
    resolutionRate: base > 0 ? done / base : 0,
    groups,
    byVillage: rows(groups, (g) => g.village),
    byDomain: rows(groups, (g) => g.domain),
    byLevel: rows(groups, (g) => g.level, LEVEL_ORDER),
    byPriority: PRIORITY_ORDER.filter((key) => priorityCounts.has(key)).map((key) => ({ key, counts: priorityCounts.get(key)! })),
    byLeadUnit: rows(groups, (g) => g.leadUnit),
    progress: { previousReportOn, ...progress },
    overdueSubmissions,
    overdueTimeLimits: limits.filter((s) => s.state === "overdue"),
    atRiskTimeLimits: limits.filter((s) => s.state === "at-risk"),
  });
};
