import type { LocalDate } from "../model/local-date.js";

const epochDay = (date: string): number => {
  // Days from 1970-01-01 of a YYYY-MM-DD date, without Date (no host time zone).
  let y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

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
