import { daysFromTo, minDate } from "../calendar/local-dates.js";
import type { CaseRecord } from "../lifecycle/case-record.js";
import { caseAsOf } from "../lifecycle/transition-case.js";
import type { LocalDate } from "../model/local-date.js";

/**
 * The number of whole days a dispute has been unresolved on `asOf`: the days from
 * the date it was reported to `asOf`, or to the date it was resolved when that is
 * earlier (0 on the day it is reported, and 0 when `asOf` is earlier). Counting
 * stops when the case is resolved, so a dispute graded again later is not
 * escalated for the time after its resolution. "Days unresolved" is not stored,
 * because it changes every day: grading derives it from the dispute's
 * `reportedOn`, its `resolvedOn` and the date the caller grades as of. All are
 * Asia/Shanghai calendar dates; the host time zone plays no part.
 *
 * @example
 * ```ts
 * import { daysUnresolved, LocalDate } from "@tiaojie/core";
 * import { Schema } from "effect";
 *
 * const d = Schema.decodeSync(LocalDate);
 * daysUnresolved(d("2024-11-12"), d("2025-05-11")); // 180
 * daysUnresolved(d("2024-11-12"), d("2025-05-11"), d("2024-12-12")); // 30: resolved then
 * ```
 * @since 0.1.0
 */
export const daysUnresolved = (reportedOn: LocalDate, asOf: LocalDate, resolvedOn?: LocalDate): number => {
  const end = resolvedOn === undefined ? asOf : minDate(asOf, resolvedOn);
  return Math.max(0, daysFromTo(reportedOn, end));
};

/**
 * The day a case was resolved, as it stood at the end of `asOf`: the day of its
 * last resolution when it was then resolved or closed, `undefined` while it is
 * open (a reopened case counts again from its reporting day) or declined. Pass it
 * as the dispute's `resolvedOn` when grading, so that days unresolved stop on it.
 *
 * @example
 * ```ts
 * import { caseResolvedOn, gradeDispute } from "@tiaojie/core";
 *
 * const resolvedOn = caseResolvedOn(record, asOf);
 * gradeDispute({ ...dispute, ...(resolvedOn ? { resolvedOn } : {}) }, { asOf });
 * ```
 * @since 0.2.0
 */
export const caseResolvedOn = (record: CaseRecord, asOf: LocalDate): LocalDate | undefined => {
  const state = caseAsOf(record, asOf);
  if (!state || (state.status !== "resolved" && state.status !== "closed")) return undefined;
  for (let i = state.history.length - 1; i >= 0; i--) {
    const event = state.history[i]!;
    if (event.transition === "resolve") return event.on;
  }
  return undefined;
};
