import { Data } from "effect";
import type { DisputeId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Calendar } from "../calendar/calendar.js";
import { civilCodeCounting, type CountingConvention, type DayCountRefused, periodEnd } from "../calendar/day-counting.js";
import { daysFromTo } from "../calendar/local-dates.js";
import type { Bilingual } from "../validation/bilingual.js";
import { ok, type Result } from "../validation/result.js";
import type { TimeLimitRule } from "./time-limit-rules.js";

/**
 * An approved extension of a time limit.
 *
 * @example
 * ```ts
 * const e: TimeLimitExtension = { days: 30, approvedBy: "镇党委副书记 王强", reason: "涉及多个部门，需现场核查", on: "2025-03-01" as LocalDate };
 * ```
 * @since 0.1.0
 */
export interface TimeLimitExtension {
  readonly days: number;
  readonly approvedBy: string;
  readonly reason: string;
  readonly on: LocalDate;
}

/**
 * One running (or finished) time limit of a case: which rule, from which day,
 * any extension, and the day it was met.
 *
 * @example
 * ```ts
 * const c: TimeLimitClock = { case: "d-000001" as DisputeId, rule: "petition-settle", startedOn: "2025-02-03" as LocalDate };
 * ```
 * @since 0.1.0
 */
export interface TimeLimitClock {
  readonly case: DisputeId;
  readonly rule: string;
  readonly startedOn: LocalDate;
  readonly extension?: TimeLimitExtension;
  readonly metOn?: LocalDate;
}

/**
 * How a limit stands on a day: met (on time or late), or still running and on
 * time, at risk (less than a quarter of its time left), or overdue.
 *
 * @example
 * ```ts
 * const s: TimeLimitState = "at-risk";
 * ```
 * @since 0.1.0
 */
export type TimeLimitState = "on-time" | "at-risk" | "overdue" | "met" | "met-late";

/**
 * A clock's status on a day, with its due day and the days left (negative when
 * overdue).
 *
 * @example
 * ```ts
 * const r = timeLimitStatus(clock, rule, "2025-03-20" as LocalDate, { calendar: chinaCalendar() });
 * if (r.ok) { const s: TimeLimitStatus = r.value; s.dueOn; s.state; }
 * ```
 * @since 0.1.0
 */
export interface TimeLimitStatus {
  readonly clock: TimeLimitClock;
  readonly rule: TimeLimitRule;
  readonly dueOn: LocalDate;
  readonly daysLeft: number;
  readonly state: TimeLimitState;
}

/**
 * The options of time-limit functions. The calendar is required: China's time
 * limits count on China's official calendar (`chinaCalendar()` from
 * `@tiaojie/calendar-cn`), and the library never falls back to weekends alone.
 *
 * @example
 * ```ts
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const o: TimeLimitOptions = { calendar: chinaCalendar() };
 * ```
 * @since 0.1.0
 */
export interface TimeLimitOptions {
  /**
   * Which days are working days: decides where a limit ending on a holiday ends,
   * and counts limits stated in working days. A date the calendar does not cover
   * makes the count refuse (a {@link DayCountRefused} naming the missing year).
   * Required since 0.2.0 (it was `weekendCalendar` by default).
   */
  readonly calendar: Calendar;
  /**
   * How days are counted.
   * @default civilCodeCounting
   */
  readonly counting?: CountingConvention;
  /**
   * The share of the time left below which a running limit is at risk.
   * @default 0.25
   */
  readonly atRiskShare?: number;
}

/**
 * The last day of a clock's limit, extension included: the period (plus the
 * extension's days, in the period's own unit) counted from the start under the
 * convention, then moved off a holiday; or a {@link DayCountRefused} when the
 * calendar does not cover a day the count needs.
 *
 * @example
 * ```ts
 * import { defaultTimeLimits, timeLimitDueOn } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const notice = defaultTimeLimits.find((r) => r.id === "petition-notice")!;
 * timeLimitDueOn({ case: id, rule: notice.id, startedOn: "2025-09-16" as LocalDate }, notice, { calendar: chinaCalendar() });
 * // { ok: true, value: "2025-10-09" }: 15 days end on 1 October, in the National Day holiday
 * ```
 * @since 0.1.0
 */
export const timeLimitDueOn = (clock: TimeLimitClock, rule: TimeLimitRule, options: TimeLimitOptions): Result<LocalDate, DayCountRefused> => {
  const counting = options?.counting ?? civilCodeCounting;
  const extra = clock.extension?.days ?? 0;
  const period = "days" in rule.period ? { days: rule.period.days + extra } : { workingDays: rule.period.workingDays + extra };
  return periodEnd(clock.startedOn, period, options?.calendar, counting);
};

/**
 * The status of a clock at the end of `asOf`. A clock met on or before its due
 * day is `met`, after it `met-late`; a running clock is `overdue` after its due
 * day, `at-risk` when less than a quarter (by default) of its days are left, and
 * `on-time` otherwise. Refused (a {@link DayCountRefused}) when the due day
 * cannot be counted on the calendar.
 *
 * @example
 * ```ts
 * import { defaultTimeLimits, timeLimitStatus } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const rule = defaultTimeLimits.find((r) => r.id === "petition-notice")!;
 * const r = timeLimitStatus({ case: id, rule: rule.id, startedOn: "2025-03-03" as LocalDate }, rule, "2025-03-16" as LocalDate, { calendar: chinaCalendar() });
 * if (r.ok) r.value.state; // "at-risk"
 * ```
 * @since 0.1.0
 */
export const timeLimitStatus = (
  clock: TimeLimitClock,
  rule: TimeLimitRule,
  asOf: LocalDate,
  options: TimeLimitOptions,
): Result<TimeLimitStatus, DayCountRefused> => {
  const due = timeLimitDueOn(clock, rule, options);
  if (!due.ok) return due;
  const dueOn = due.value;
  const daysLeft = daysFromTo(asOf, dueOn);
  if (clock.metOn !== undefined && clock.metOn <= asOf) {
    return ok({ clock, rule, dueOn, daysLeft, state: clock.metOn <= dueOn ? "met" : "met-late" });
  }
  const total = Math.max(1, daysFromTo(clock.startedOn, dueOn));
  const share = options?.atRiskShare ?? 0.25;
  const state: TimeLimitState = daysLeft < 0 ? "overdue" : daysLeft / total < share ? "at-risk" : "on-time";
  return ok({ clock, rule, dueOn, daysLeft, state });
};

/**
 * Why an extension was refused.
 *
 * @example
 * ```ts
 * if (!r.ok) r.error.reason; // e.g. "too-long"
 * ```
 * @since 0.1.0
 */
export class ExtensionRefused extends Data.TaggedError("ExtensionRefused")<{
  readonly case: DisputeId;
  readonly rule: string;
  readonly reason: "not-extendable" | "too-long" | "not-positive" | "already-extended" | "no-approval" | "no-reason" | "already-met";
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const texts: Record<ExtensionRefused["reason"], Bilingual> = {
      "not-extendable": { zh: "该期限不能延长", en: "this limit cannot be extended" },
      "too-long": { zh: "延长期限超过上限", en: "the extension is longer than allowed" },
      "not-positive": { zh: "延长天数应为正整数", en: "an extension is a positive whole number of days" },
      "already-extended": { zh: "该期限已延长过一次", en: "this limit has already been extended once" },
      "no-approval": { zh: "延长须经负责人批准", en: "an extension needs approval" },
      "no-reason": { zh: "延长须说明理由", en: "an extension needs a reason" },
      "already-met": { zh: "期限已完成，无需延长", en: "the limit is already met" },
    };
    return texts[this.reason];
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * Extends a running limit once, if its rule allows: at most the rule's maximum
 * (30 days for settling a petition), approved by a named person, with a reason
 * (which the petitioner is told). Returns the extended clock or a typed error.
 *
 * @example
 * ```ts
 * import { extendTimeLimit } from "@tiaojie/core";
 *
 * const r = extendTimeLimit(clock, settleRule, { days: 30, approvedBy: "王强", reason: "需多部门会商", on: "2025-03-20" as LocalDate });
 * ```
 * @since 0.1.0
 */
export const extendTimeLimit = (
  clock: TimeLimitClock,
  rule: TimeLimitRule,
  extension: TimeLimitExtension,
): Result<TimeLimitClock, ExtensionRefused> => {
  const refuse = (reason: ExtensionRefused["reason"]) => ({ ok: false as const, error: new ExtensionRefused({ case: clock.case, rule: rule.id, reason }) });
  if (!rule.extension) return refuse("not-extendable");
  if (clock.extension) return refuse("already-extended");
  if (clock.metOn !== undefined && clock.metOn <= extension.on) return refuse("already-met");
  if (!Number.isInteger(extension.days) || extension.days <= 0) return refuse("not-positive");
  if (extension.days > rule.extension.maxDays) return refuse("too-long");
  if (extension.approvedBy.trim() === "") return refuse("no-approval");
  if (extension.reason.trim() === "") return refuse("no-reason");
  return { ok: true, value: { ...clock, extension } };
};
