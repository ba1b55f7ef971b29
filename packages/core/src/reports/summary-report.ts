import type { DivisionCode } from "../model/division-code.js";
import { isWithinDivision } from "../model/division-code.js";
import type { Campaign } from "../campaign/campaign.js";
import { campaignStart, type DateRange, deadlinesBetween, reportingPeriodOf } from "../campaign/campaign-calendar.js";
import type { LedgerData } from "../campaign/ledger-data.js";
import { evaluatePhaseRules, type PhaseEvaluation } from "../campaign/phase-rules.js";
import { submissionStatuses } from "../campaign/submissions.js";
import type { DayCountRefused } from "../calendar/day-counting.js";
import { ok, type Result } from "../validation/result.js";
import { type MonthlyReport, type MonthlyReportOptions, monthlyReport } from "./monthly-report.js";

/**
 * How the units kept one deadline: how many submitted on time, late, or not at
 * all by the end of the campaign.
 *
 * @example
 * ```ts
 * const c: DeadlineCompliance = summary.compliance[0]!;
 * c.onTime + c.late + c.missing; // the units that owed it
 * ```
 * @since 0.1.0
 */
export interface DeadlineCompliance {
  readonly deadline: string;
  readonly onTime: number;
  readonly late: number;
  readonly missing: number;
}

/**
 * The Phase 3 summary report (专项治理总结): the whole campaign as one report, the
 * month-by-month series of its ledger reports, how each phase's checks stood at
 * the phase's end, and how units kept each deadline.
 *
 * @example
 * ```ts
 * const r = campaignSummaryReport(zixi2025, data, { jurisdiction, timeLimits: { calendar: chinaCalendar() } });
 * if (r.ok) { const s: CampaignSummaryReport = r.value; s.overall.totals.cumulative; s.series.length; }
 * ```
 * @since 0.1.0
 */
export interface CampaignSummaryReport {
  readonly campaign: string;
  readonly jurisdiction: DivisionCode;
  readonly period: DateRange;
  readonly overall: MonthlyReport;
  /** One report per ledger-report deadline of the campaign, in order; their periods tile the campaign. */
  readonly series: ReadonlyArray<MonthlyReport>;
  readonly phases: ReadonlyArray<PhaseEvaluation>;
  readonly compliance: ReadonlyArray<DeadlineCompliance>;
}

/**
 * Builds the summary report of a campaign for a jurisdiction, from the ledger's
 * data at the end of the last phase; refused (a {@link DayCountRefused}) when a
 * time limit of one of its monthly reports cannot be counted on the calendar.
 *
 * @example
 * ```ts
 * import { campaignSummaryReport, zixi2025 } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const r = campaignSummaryReport(zixi2025, data, { jurisdiction: town.township.code, timeLimits: { calendar: chinaCalendar() } });
 * if (r.ok) r.value.phases.map((p) => `${p.phase.id}: ${p.failing.length} failing`);
 * ```
 * @since 0.1.0
 */
export const campaignSummaryReport = (
  campaign: Campaign,
  data: LedgerData,
  options: Pick<MonthlyReportOptions, "jurisdiction" | "timeLimits">,
): Result<CampaignSummaryReport, DayCountRefused> => {
  const from = campaignStart(campaign);
  const to = campaign.phases.at(-1)?.end ?? from;
  const base = { jurisdiction: options.jurisdiction, campaign, timeLimits: options.timeLimits };
  const deadlines = deadlinesBetween(campaign, from, to);
  const series: Array<MonthlyReport> = [];
  for (const d of deadlines) {
    if (d.kind !== "ledger-report") continue;
    const report = monthlyReport(data, { ...base, period: reportingPeriodOf(campaign, d) });
    if (!report.ok) return report;
    series.push(report.value);
  }
  const overall = monthlyReport(data, { ...base, period: { from, to } });
  if (!overall.ok) return overall;
  const units = data.units.filter((u) => isWithinDivision(u.jurisdiction, options.jurisdiction) || isWithinDivision(options.jurisdiction, u.jurisdiction));
  const compliance = deadlines.map((d): DeadlineCompliance => {
    const statuses = submissionStatuses(campaign, d, units, data.submissions ?? [], to);
    return {
      deadline: d.key,
      onTime: statuses.filter((s) => s.status === "on-time").length,
      late: statuses.filter((s) => s.status === "late").length,
      missing: statuses.filter((s) => s.status === "missing").length,
    };
  });
  return ok({
    campaign: campaign.id,
    jurisdiction: options.jurisdiction,
    period: { from, to },
    overall: overall.value,
    series,
    phases: campaign.phases.map((p) => evaluatePhaseRules(campaign, p.id, data)!),
    compliance,
  });
};
