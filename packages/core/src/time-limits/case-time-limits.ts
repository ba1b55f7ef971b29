import type { Dispute } from "../model/dispute.js";
import type { LocalDate } from "../model/local-date.js";
import type { CaseRecord } from "../lifecycle/case-record.js";
import { indexLedger, type LedgerData } from "../campaign/ledger-data.js";
import { type TimeLimitRule } from "./time-limit-rules.js";
import { defaultTimeLimits } from "../presets/zixi/time-limits.js";
import type { DayCountRefused } from "../calendar/day-counting.js";
import { ok, type Result } from "../validation/result.js";
import { type TimeLimitClock, type TimeLimitExtension, type TimeLimitOptions, type TimeLimitStatus, timeLimitStatus } from "./time-limit-clock.js";

/**
 * The clocks the lifecycle itself starts for a case, as it stood on `asOf`:
 * - a petition matter (domain `petition`): `petition-notice` from registration,
 *   met when accepted or declined; `petition-settle` from acceptance, met when
 *   resolved;
 * - every case: `mediation-target` from the latest start of mediation, met when
 *   that mediation is resolved or fails.
 *
 * Review, re-review and judicial-confirmation clocks start on events outside the
 * ledger's lifecycle (a written answer received, an agreement taking effect):
 * build those {@link TimeLimitClock}s directly.
 *
 * @example
 * ```ts
 * import { caseClocks } from "@tiaojie/core";
 *
 * caseClocks(dispute, record, "2025-03-01" as LocalDate).map((c) => c.rule);
 * ```
 * @since 0.1.0
 */
export const caseClocks = (dispute: Dispute, record: CaseRecord | undefined, asOf: LocalDate): ReadonlyArray<TimeLimitClock> => {
  if (dispute.reportedOn > asOf) return [];
  const events = (record?.history ?? []).filter((e) => e.on <= asOf);
  const registeredOn = record?.registeredOn ?? dispute.reportedOn;
  const clocks: Array<TimeLimitClock> = [];
  const lastIndex = (test: (transition: string) => boolean): number => {
    for (let i = events.length - 1; i >= 0; i--) if (test(events[i]!.transition)) return i;
    return -1;
  };
  const withMet = (clock: TimeLimitClock, metOn: LocalDate | undefined): TimeLimitClock => (metOn === undefined ? clock : { ...clock, metOn });
  if (dispute.domain === "petition") {
    const decided = events.find((e) => e.transition === "accept" || e.transition === "decline");
    clocks.push(withMet({ case: dispute.id, rule: "petition-notice", startedOn: registeredOn }, decided?.on));
    const a = lastIndex((t) => t === "accept" || t === "reopen");
    if (a >= 0) {
      const settled = events.slice(a + 1).find((e) => e.transition === "resolve");
      clocks.push(withMet({ case: dispute.id, rule: "petition-settle", startedOn: events[a]!.on }, settled?.on));
    }
  }
  const i = lastIndex((t) => t === "start-mediation" || t === "remediate");
  const started = events[i];
  if (started) {
    const ended = events.slice(i + 1).find((e) => e.transition === "resolve" || e.transition === "fail-mediation");
    clocks.push(withMet({ case: dispute.id, rule: "mediation-target", startedOn: started.on }, ended?.on));
  }
  return clocks;
};

/**
 * The options of {@link openCaseTimeLimits}: the calendar (required) and the
 * rest of {@link TimeLimitOptions}, the rules, extensions and extra clocks.
 *
 * @example
 * ```ts
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const o: OpenCaseTimeLimitsOptions = { calendar: chinaCalendar(), extensions: [] };
 * ```
 * @since 0.1.0
 */
export interface OpenCaseTimeLimitsOptions extends TimeLimitOptions {
  /**
   * The rules.
   * @default defaultTimeLimits
   */
  readonly rules?: ReadonlyArray<TimeLimitRule>;
  /** Approved extensions, by case and rule. @default [] */
  readonly extensions?: ReadonlyArray<{ readonly case: string; readonly rule: string; readonly extension: TimeLimitExtension }>;
  /** Further clocks the caller tracks (reviews, re-reviews, confirmations). @default [] */
  readonly clocks?: ReadonlyArray<TimeLimitClock>;
}

/**
 * The status on `asOf` of every running time limit of every open case (and of
 * every extra clock passed that is not yet met): on time, at risk or overdue.
 * Ordered by due day, then case. Refused as a whole (the first
 * {@link DayCountRefused}) when any clock's due day cannot be counted on the
 * calendar: a list with a limit silently missing would read as "nothing due".
 *
 * @example
 * ```ts
 * import { openCaseTimeLimits } from "@tiaojie/core";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const r = openCaseTimeLimits(data, "2025-03-01" as LocalDate, { calendar: chinaCalendar() });
 * if (r.ok) r.value.filter((s) => s.state === "overdue");
 * else console.error(r.error.message); // e.g. the calendar has no schedule for a year
 * ```
 * @since 0.1.0
 */
export const openCaseTimeLimits = (
  data: LedgerData,
  asOf: LocalDate,
  options: OpenCaseTimeLimitsOptions,
): Result<ReadonlyArray<TimeLimitStatus>, DayCountRefused> => {
  const rules = new Map((options?.rules ?? defaultTimeLimits).map((r) => [r.id, r]));
  const extensions = new Map((options?.extensions ?? []).filter((e) => e.extension.on <= asOf).map((e) => [`${e.case}\u0000${e.rule}`, e.extension]));
  const index = indexLedger(data);
  const out: Array<TimeLimitStatus> = [];
  const consider = (clock: TimeLimitClock): DayCountRefused | undefined => {
    const rule = rules.get(clock.rule);
    if (!rule) return undefined;
    const extension = clock.extension ?? extensions.get(`${clock.case}\u0000${clock.rule}`);
    const status = timeLimitStatus(extension ? { ...clock, extension } : clock, rule, asOf, options);
    if (!status.ok) return status.error;
    if (status.value.state !== "met" && status.value.state !== "met-late") out.push(status.value);
    return undefined;
  };
  const clocks: Array<TimeLimitClock> = [];
  for (const d of data.disputes) if (index.isOpen(d, asOf)) clocks.push(...caseClocks(d, index.caseOf(d.id), asOf));
  for (const clock of options?.clocks ?? []) if (clock.startedOn <= asOf) clocks.push(clock);
  for (const clock of clocks) {
    const refusal = consider(clock);
    if (refusal) return { ok: false, error: refusal };
  }
  return ok(out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.clock.case < b.clock.case ? -1 : a.clock.case > b.clock.case ? 1 : 0)));
};
