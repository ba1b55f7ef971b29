import type { LocalDate } from "../model/local-date.js";
import { dayOfMonth, type Instant, plusDays, shanghaiDateOf } from "../calendar/local-dates.js";
import type { Campaign, CampaignPhase, Deadline, DeadlineKind, MonthlyDeadline, OneOffDeadline } from "./campaign.js";

/**
 * Where a date falls in a campaign: before it, in one of its phases, or in the
 * routine governance that follows it.
 *
 * @example
 * ```ts
 * const where: CampaignStage = phaseOn(zixi2025, "2025-03-01" as LocalDate);
 * if (where.kind === "phase") where.phase.name.zh;
 * ```
 * @since 0.1.0
 */
export type CampaignStage =
  | { readonly kind: "before"; readonly startsOn: LocalDate }
  | { readonly kind: "phase"; readonly phase: CampaignPhase }
  | { readonly kind: "routine"; readonly since: LocalDate };

/**
 * The phase a date falls in (both ends of a phase inclusive), `routine` from the
 * day routine governance begins, or `before` the first phase.
 *
 * @example
 * ```ts
 * import { phaseOn, zixi2025 } from "@tiaojie/core";
 *
 * const s = phaseOn(zixi2025, "2025-01-31" as LocalDate);
 * s.kind === "phase" && s.phase.id; // "sweep"
 * ```
 * @since 0.1.0
 */
export const phaseOn = (campaign: Campaign, date: LocalDate): CampaignStage => {
  const phase = campaign.phases.find((p) => p.start <= date && date <= p.end);
  if (phase) return { kind: "phase", phase };
  if (date >= campaign.routineFrom) return { kind: "routine", since: campaign.routineFrom };
  return { kind: "before", startsOn: campaign.phases[0]?.start ?? campaign.routineFrom };
};

/**
 * The first day of a campaign (the first phase's start).
 *
 * @example
 * ```ts
 * import { campaignStart, zixi2025 } from "@tiaojie/core";
 *
 * campaignStart(zixi2025); // "2024-11-01"
 * ```
 * @since 0.1.0
 */
export const campaignStart = (campaign: Campaign): LocalDate => campaign.phases[0]?.start ?? campaign.routineFrom;

const occurrence = (d: OneOffDeadline | MonthlyDeadline, due: LocalDate): Deadline => ({
  key: `${d.id}@${due}`,
  id: d.id,
  kind: d.kind,
  due,
  title: d.title,
  owedBy: d.owedBy,
  receivedBy: d.receivedBy,
});

const compareDeadlines = (a: Deadline, b: Deadline): number =>
  a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const monthIndex = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

const monthlyBetween = (m: MonthlyDeadline, from: LocalDate, to: LocalDate): Array<Deadline> => {
  const out: Array<Deadline> = [];
  const first = Math.max(monthIndex(m.firstMonth), monthIndex(from.slice(0, 7)));
  const last = Math.min(m.lastMonth === undefined ? Infinity : monthIndex(m.lastMonth), monthIndex(to.slice(0, 7)));
  for (let i = first; i <= last; i++) {
    const due = dayOfMonth(Math.floor(i / 12), (i % 12) + 1, m.dayOfMonth);
    if (due >= from && due <= to) out.push(occurrence(m, due));
  }
  return out;
};

/**
 * Every deadline occurrence due from `from` to `to` (both inclusive), in order of
 * due day, then id: each is strictly after the one before.
 *
 * @example
 * ```ts
 * import { deadlinesBetween, zixi2025 } from "@tiaojie/core";
 *
 * deadlinesBetween(zixi2025, "2024-11-01" as LocalDate, "2025-01-31" as LocalDate).map((d) => d.due);
 * // ["2024-11-28", "2024-12-28", "2025-01-28"]
 * ```
 * @since 0.1.0
 */
export const deadlinesBetween = (campaign: Campaign, from: LocalDate, to: LocalDate): ReadonlyArray<Deadline> => {
  if (to < from) return [];
  const all: Array<Deadline> = campaign.oneOffDeadlines.filter((d) => d.due >= from && d.due <= to).map((d) => occurrence(d, d.due));
  for (const m of campaign.monthlyDeadlines) all.push(...monthlyBetween(m, from, to));
  return all.sort(compareDeadlines);
};

/**
 * The next `count` deadline occurrences due on or after `date` (a deadline due
 * that very day is still to come). Monthly deadlines that continue indefinitely
 * always give `count` results.
 *
 * @example
 * ```ts
 * import { nextDeadlines, zixi2025 } from "@tiaojie/core";
 *
 * nextDeadlines(zixi2025, "2025-05-29" as LocalDate, 2).map((d) => d.key);
 * // ["summary-report@2025-05-31", "monthly-update@2025-06-28"]
 * ```
 * @since 0.1.0
 */
export const nextDeadlines = (campaign: Campaign, date: LocalDate, count: number): ReadonlyArray<Deadline> => {
  const out: Array<Deadline> = [];
  let from = date;
  // Look ahead a year at a time; stop after 20 empty years (no deadline left).
  for (let empty = 0; out.length < count && empty < 20; ) {
    const to = plusDays(from, 365);
    const found = deadlinesBetween(campaign, from, to);
    if (found.length === 0) empty++;
    else empty = 0;
    out.push(...found);
    from = plusDays(to, 1);
  }
  return out.slice(0, Math.max(0, count));
};

/**
 * The first deadline occurrence due on or after `date`, or `undefined` when none
 * is left.
 *
 * @example
 * ```ts
 * import { nextDeadline, zixi2025 } from "@tiaojie/core";
 *
 * nextDeadline(zixi2025, "2024-11-29" as LocalDate)?.due; // "2024-12-28"
 * ```
 * @since 0.1.0
 */
export const nextDeadline = (campaign: Campaign, date: LocalDate): Deadline | undefined => nextDeadlines(campaign, date, 1)[0];

/**
 * The deadline occurrence with a key (`id@due`), if the campaign has it.
 *
 * @example
 * ```ts
 * import { deadlineByKey, zixi2025 } from "@tiaojie/core";
 *
 * deadlineByKey(zixi2025, "monthly-update@2025-02-28")?.title.zh;
 * ```
 * @since 0.1.0
 */
export const deadlineByKey = (campaign: Campaign, key: string): Deadline | undefined => {
  const due = key.slice(key.lastIndexOf("@") + 1) as LocalDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return undefined;
  return deadlinesBetween(campaign, due, due).find((d) => d.key === key);
};

/**
 * A span of dates, both ends inclusive.
 *
 * @example
 * ```ts
 * const december: DateRange = { from: "2024-11-29" as LocalDate, to: "2024-12-28" as LocalDate };
 * ```
 * @since 0.1.0
 */
export interface DateRange {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

const previousOfKind = (campaign: Campaign, kind: DeadlineKind, before: LocalDate): Deadline | undefined => {
  const start = campaignStart(campaign);
  if (before <= start) return undefined;
  return deadlinesBetween(campaign, start, plusDays(before, -1))
    .filter((d) => d.kind === kind)
    .at(-1);
};

/**
 * The reporting period a deadline covers. A ledger report covers the days after
 * the previous ledger report's due day (or from the campaign's first day, for the
 * first) up to and including its own due day, so consecutive periods tile the
 * calendar and each monthly update reports what is new since the last one. A
 * summary report covers the whole campaign, first phase to last.
 *
 * @example
 * ```ts
 * import { deadlineByKey, reportingPeriodOf, zixi2025 } from "@tiaojie/core";
 *
 * reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, "monthly-update@2024-12-28")!);
 * // { from: "2024-11-29", to: "2024-12-28" }
 * ```
 * @since 0.1.0
 */
export const reportingPeriodOf = (campaign: Campaign, deadline: Deadline): DateRange => {
  if (deadline.kind === "summary-report") {
    return { from: campaignStart(campaign), to: campaign.phases.at(-1)?.end ?? deadline.due };
  }
  const previous = previousOfKind(campaign, deadline.kind, deadline.due);
  return { from: previous ? plusDays(previous.due, 1) : campaignStart(campaign), to: deadline.due };
};

/**
 * Whether a submission made at an instant was on time or late for a deadline,
 * judged on the Beijing date of the instant: anything up to 23:59:59.999 Beijing
 * time on the due day is on time.
 *
 * @example
 * ```ts
 * import { submissionTiming } from "@tiaojie/core";
 *
 * submissionTiming(deadline, Date.parse("2024-11-28T23:59:00+08:00")); // "on-time"
 * submissionTiming(deadline, Date.parse("2024-11-29T00:01:00+08:00")); // "late"
 * ```
 * @since 0.1.0
 */
export const submissionTiming = (deadline: Pick<Deadline, "due">, at: Instant): "on-time" | "late" =>
  shanghaiDateOf(at) <= deadline.due ? "on-time" : "late";

/**
 * Whether a submission made at an instant was late for a deadline (see
 * {@link submissionTiming}).
 *
 * @example
 * ```ts
 * import { isLateSubmission } from "@tiaojie/core";
 *
 * isLateSubmission({ due: "2024-11-28" as LocalDate }, new Date("2024-11-28T16:01:00Z")); // true (00:01 on the 29th in Beijing)
 * ```
 * @since 0.1.0
 */
export const isLateSubmission = (deadline: Pick<Deadline, "due">, at: Instant): boolean => submissionTiming(deadline, at) === "late";
