import { Data, Schema } from "effect";
import type { DateRange } from "../../campaign/campaign-calendar.js";
import type { LedgerData, LedgerGrade } from "../../campaign/ledger-data.js";
import type { Actor } from "../../model/actor.js";
import type { UnitId } from "../../model/ids.js";
import { type DivisionCode, isWithinDivision } from "../../model/division-code.js";
import { DivisionCode as DivisionCodeSchema } from "../../model/division-code.js";
import { LocalDate } from "../../model/local-date.js";
import { type MonthlyReport, type SettledCount, monthlyReport as monthlyReportCore } from "../../reports/monthly-report.js";
import { campaignSummaryReport } from "../../reports/summary-report.js";
import { type SummaryForLevel, supportCounts, suppressSmallCells } from "../../reports/small-cells.js";
import type { Listing } from "../../support/listing.js";
import type { DisputeRow, GradeRow, ListingRow, SubmissionRow } from "../../ports/store-rows.js";
import type { DisputeCount, DisputeWhere, GradeWhere } from "../../ports/ledger-store.js";
import { type ClosedCaseStatus, isOpenStatus } from "../../lifecycle/case-record.js";
import { type CaseStatus, CaseStatuses } from "../../taxonomy/case-statuses.js";
import type { Bilingual } from "../../validation/bilingual.js";
import { requireRole } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import { AccessDenied, type SealedDataUnreadable } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import type { DayCountRefused } from "../../calendar/day-counting.js";
import { readOnlyUseCase, type Work } from "../unit-of-work.js";
import { openListingRow } from "./person-records.js";
import { personKeyIfKept } from "../person-vault.js";
import { findAll } from "./tasks.js";

/**
 * Reports and time limits count working days, and the ledger was made without a
 * calendar.
 * @since 0.3.0
 */
export class CalendarMissing extends Data.TaggedError("CalendarMissing")<{}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "台账未配置日历（如 @tiaojie/calendar-cn 的 chinaCalendar），无法计算工作日", en: "the ledger has no calendar (such as chinaCalendar of @tiaojie/calendar-cn), so working days cannot be counted" };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * The campaign summary was asked for, and the ledger was made without a campaign.
 * @since 0.3.0
 */
export class CampaignMissing extends Data.TaggedError("CampaignMissing")<{}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "台账未配置专项行动", en: "the ledger has no campaign configured" };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * Why a report can fail.
 * @since 0.3.0
 */
export type ReportError = AccessDenied | ValidationError | CalendarMissing | DayCountRefused | SealedDataUnreadable;

const reportReaders = ["coordinator", "township-leadership", "unit-officer", "village-committee"] as const;

const gradeOfRow = (g: GradeRow): LedgerGrade => ({
  dispute: g.dispute,
  level: g.decision.level,
  priority: g.decision.priority,
  ...(g.prioritySetBy === undefined ? {} : { prioritySetBy: g.prioritySetBy }),
  on: g.decision.decidedOn,
});

const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What to read besides disputes and grades. */
interface ReadOptions {
  /**
   * Whether to read and open the listings: only what needs them does (the
   * support counts of a summary for another level, the phase rules of the
   * campaign summary); a township's own monthly report does not.
   */
  readonly listings: boolean;
}

/**
 * @internal The ledger data of these disputes and grades within a division: the
 * submissions the division's report counts, and the listings opened when asked.
 */
const ledgerDataOf = async (
  work: Work<SealedDataUnreadable>,
  within: DivisionCode,
  disputes: ReadonlyArray<DisputeRow>,
  grades: ReadonlyArray<GradeRow>,
  options: ReadOptions,
): Promise<LedgerData> => {
    // The core's report on a division counts the submissions of the units above it
    // too (a village's report lists the township offices' overdue updates): read
    // those units' submissions from their own divisions.
    const submissions = [...(await findAll<SubmissionRow, object>(work, (q) => work.tx.submissions.find(q), {}, within))];
    const above = new Map<DivisionCode, Array<UnitId>>();
    for (const u of work.env.units) {
      if (u.jurisdiction !== within && isWithinDivision(within, u.jurisdiction)) above.set(u.jurisdiction, [...(above.get(u.jurisdiction) ?? []), u.id]);
    }
    for (const [division, units] of above) {
      submissions.push(...(await findAll<SubmissionRow, { unit: ReadonlyArray<UnitId> }>(work, (q) => work.tx.submissions.find(q), { unit: units }, division)));
    }
    const listings: Array<Listing> = [];
    if (options.listings) {
      for (const row of await findAll<ListingRow, object>(work, (q) => work.tx.listings.find(q), {}, within)) {
        // An erased person's listing cannot be opened: it stays in the store's
        // counts (its row) but no longer in the reports' detail. Any other failure
        // (the store, a missing key) fails the report rather than leave it short.
        if ((await personKeyIfKept(work, row.person)) === undefined) continue;
        listings.push(await openListingRow(work, row));
      }
    }
    return {
      units: work.env.units,
      disputes: disputes.map((d) => d.dispute),
      cases: disputes.map((d) => d.case),
      grades: grades.map(gradeOfRow),
      resolutionMeasures: disputes.flatMap((d) => d.measures),
      listings,
      submissions: submissions.map((s) => ({ unit: s.unit, deadline: s.deadline, submittedAt: s.submittedAt })),
    };
};

/**
 * @internal The ledger's records within a division as the core's plain data,
 * read page by page from the store: every dispute and grade, the submissions,
 * and the listings (opened) when asked for.
 */
export const ledgerDataWithin = async (work: Work<SealedDataUnreadable>, within: DivisionCode, options: ReadOptions): Promise<LedgerData> => {
    const disputes = await findAll<DisputeRow, object>(work, (q) => work.tx.disputes.find(q), {}, within);
    const grades = await findAll<GradeRow, object>(work, (q) => work.tx.grades.find(q), {}, within);
    return ledgerDataOf(work, within, disputes, grades, options);
};

const closedStatuses: ReadonlyArray<ClosedCaseStatus> = ["declined", "resolved", "closed"];
const openStatuses: ReadonlyArray<CaseStatus> = CaseStatuses.codes.filter(isOpenStatus);

/** A store's count of disputes as the core report's pre-counted input: without a confirmed grade a dispute is ungraded. */
const settledCountOf = (c: DisputeCount): SettledCount => ({
  village: c.jurisdiction,
  domain: c.domain,
  level: c.gradeConfirmed ? c.level : "ungraded",
  priority: c.gradeConfirmed ? c.priority : "ungraded",
  leadUnit: c.leadUnit ?? "unassigned",
  status: c.status as ClosedCaseStatus,
  count: c.count,
});

/**
 * @internal What the monthly report of a division for a period reads. From a
 * store that counts (`disputeCounts`), the disputes that are closed now and
 * settled before the period come as counts: nothing about them changed from
 * the day before the period to now, so they stand at the period's end (and on
 * the day before it) as their rows say, with no event in it, and their grade
 * is the row's (see `gradeInForce`). The rest are read in two disjoint finds
 * (open now; closed now and settled in the period or after), with the grades
 * of those disputes only. From a store that does not count, everything is read.
 */
const monthlyReportInput = async (
  work: Work<SealedDataUnreadable>,
  within: DivisionCode,
  period: DateRange,
  options: ReadOptions,
): Promise<{ readonly data: LedgerData; readonly settled: ReadonlyArray<SettledCount> }> => {
    if (work.tx.disputeCounts === undefined) return { data: await ledgerDataWithin(work, within, options), settled: [] };
    const counts = await work.tx.disputeCounts({ within, where: { status: closedStatuses, settledBefore: period.from } });
    const find = (where: DisputeWhere) => findAll<DisputeRow, DisputeWhere>(work, (q) => work.tx.disputes.find(q), where, within);
    const open = await find({ status: openStatuses, reportedTo: period.to });
    const closedLately = await find({ status: closedStatuses, settledFrom: period.from, reportedTo: period.to });
    const disputes = [...open, ...closedLately].sort(byId);
    const grades: Array<GradeRow> = [];
    const chunk = work.env.capabilities.maxPageSize;
    for (let i = 0; i < disputes.length; i += chunk) {
      const ids = disputes.slice(i, i + chunk).map((d) => d.id);
      grades.push(...(await findAll<GradeRow, GradeWhere>(work, (q) => work.tx.grades.find(q), { dispute: ids }, within)));
    }
    const data = await ledgerDataOf(work, within, disputes, grades.sort(byId), options);
    return { data, settled: counts.map(settledCountOf) };
};

/**
 * Who a report is for: the township itself (exact counts) or another level, to
 * whom small counts are withheld.
 * @since 0.3.0
 */
export type ReportAudience = "own" | "county" | "city" | "province";

/**
 * A monthly report as the ledger returns it: the township's own, exact, or a
 * summary for another level with small counts withheld.
 * @since 0.3.0
 */
export type LedgerReport =
  | { readonly for: "own"; readonly report: MonthlyReport }
  | { readonly for: Exclude<ReportAudience, "own">; readonly summary: SummaryForLevel };

const withinScope = (work: Work<AccessDenied | ValidationError>, given: DivisionCode | undefined, action: string): DivisionCode => {
    const within = given === undefined ? work.ctx.actor.scope : decodeAt(work, DivisionCodeSchema, given, ["jurisdiction"]);
    if (!isWithinDivision(within, work.ctx.actor.scope)) return work.fail(new AccessDenied({ action, entity: "report", id: within, reason: "out-of-scope" }));
    return within;
};

const PeriodSchema = Schema.Struct({ from: LocalDate, to: LocalDate });

/**
 * The monthly report of a division within the actor's scope for a period,
 * computed from the store: for the township itself (`for: "own"`, the default)
 * it is exactly the core's {@link monthlyReport} over the same records; for
 * another level it is a {@link SummaryForLevel}, small counts withheld at the
 * ledger's `smallCellThreshold`. Making a report is audited.
 *
 * From a store that counts in its database (`LedgerTransaction.disputeCounts`),
 * the disputes closed and settled before the period are counted there, and only
 * the others are read (with their grades); the report is the same. Listings are
 * read and opened only for a summary for another level (its support counts).
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const own = await ledger.monthlyReport(coordinator, { period: { from: "2025-02-26", to: "2025-03-25" } });
 * const forCounty = await ledger.monthlyReport(coordinator, { period, for: "county" });
 * ```
 * @since 0.3.0
 */
export const monthlyReport = (actor: Actor, input: { readonly period: DateRange; readonly jurisdiction?: DivisionCode; readonly for?: ReportAudience }) =>
  readOnlyUseCase("monthly-report", actor, async (work: Work<ReportError>) => {
      requireRole(work, reportReaders, { action: "monthly-report", entity: "report" });
      const calendar = work.env.calendar;
      if (calendar === undefined) return work.fail(new CalendarMissing());
      const period = decodeAt(work, PeriodSchema, input.period, ["period"]);
      if (period.from > period.to) return work.fail(invalid(["period"], "报告期起日不能晚于止日", "the period cannot end before it starts"));
      const jurisdiction = withinScope(work, input.jurisdiction, "monthly-report");
      const audience = input.for ?? "own";
      const { data, settled } = await monthlyReportInput(work, jurisdiction, period, { listings: audience !== "own" });
      const report = monthlyReportCore(data, {
        jurisdiction,
        period,
        ...(work.env.campaign === undefined ? {} : { campaign: work.env.campaign }),
        timeLimits: { calendar, rules: work.env.timeLimits },
        ...(settled.length === 0 ? {} : { settled }),
      });
      if (!report.ok) return work.fail(report.error);
      work.audit({ action: "monthly-report", entity: "report", id: `${jurisdiction}:${period.from}..${period.to}`, jurisdiction, fields: [], note: { for: audience } });
      if (audience === "own") return { for: "own", report: report.value } as LedgerReport;
      const support = supportCounts(data.listings ?? [], period.to, jurisdiction);
      return { for: audience, summary: suppressSmallCells(report.value, support, { threshold: work.env.smallCellThreshold, audience }) } as LedgerReport;
  });

/**
 * The campaign summary of a division within the actor's scope, computed from the
 * store and equal to the core's {@link campaignSummaryReport} over the same
 * records. Making it is audited.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.campaignSummary(coordinator);
 * ```
 * @since 0.3.0
 */
export const campaignSummary = (actor: Actor, input: { readonly jurisdiction?: DivisionCode } = {}) =>
  readOnlyUseCase("campaign-summary", actor, async (work: Work<ReportError | CampaignMissing>) => {
      requireRole(work, reportReaders, { action: "campaign-summary", entity: "report" });
      const calendar = work.env.calendar;
      if (calendar === undefined) return work.fail(new CalendarMissing());
      const campaign = work.env.campaign;
      if (campaign === undefined) return work.fail(new CampaignMissing());
      const jurisdiction = withinScope(work, input.jurisdiction, "campaign-summary");
      // The phase rules read the listings (active listings have measures).
      const data = await ledgerDataWithin(work, jurisdiction, { listings: true });
      const summary = campaignSummaryReport(campaign, data, { jurisdiction, timeLimits: { calendar, rules: work.env.timeLimits } });
      if (!summary.ok) return work.fail(summary.error);
      work.audit({ action: "campaign-summary", entity: "report", id: `${jurisdiction}:${campaign.id}`, jurisdiction, fields: [] });
      return summary.value;
  });
