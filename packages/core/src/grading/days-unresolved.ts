import { epochDay } from "../calendar/local-dates.js";
import type { LocalDate } from "../model/local-date.js";

/**
 * The number of whole days a dispute has been unresolved on `asOf`: the days from
 * the date it was reported to `asOf` (0 on the day it is reported, and 0 when
 * `asOf` is earlier). "Days unresolved" is not stored, because it changes every
 * day: grading derives it from the dispute's `reportedOn` and the date the caller
 * grades as of. Both are Asia/Shanghai calendar dates; the host time zone plays no
 * part.
 *
 * @example
 * ```ts
 * import { daysUnresolved, LocalDate } from "@tiaojie/core";
 * import { Schema } from "effect";
 *
 * const d = Schema.decodeSync(LocalDate);
 * daysUnresolved(d("2024-11-12"), d("2025-05-11")); // 180
 * ```
 * @since 0.1.0
 */
export const daysUnresolved = (reportedOn: LocalDate, asOf: LocalDate): number =>
  Math.max(0, epochDay(asOf) - epochDay(reportedOn));
