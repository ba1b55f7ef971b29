import type { LocalDate } from "../model/local-date.js";
import type { Unit } from "../model/unit.js";
import { shanghaiDateOf } from "../calendar/local-dates.js";
import type { Campaign, Deadline } from "./campaign.js";
import type { Submission } from "./ledger-data.js";

/**
 * The units of a campaign that owe its `"reporting-units"` deadlines: those of a
 * reporting kind, in the given order.
 *
 * @example
 * ```ts
 * import { reportingUnits, zixi2025 } from "@tiaojie/core";
 *
 * reportingUnits(zixi2025, town.units).length; // 11 township units + one per village
 * ```
 * @since 0.1.0
 */
export const reportingUnits = (campaign: Campaign, units: ReadonlyArray<Unit>): ReadonlyArray<Unit> =>
  units.filter((u) => campaign.reportingUnitKinds.includes(u.kind));

/**
 * The units that owe a deadline.
 *
 * @example
 * ```ts
 * import { unitsOwing } from "@tiaojie/core";
 *
 * unitsOwing(zixi2025, summaryDeadline, town.units).map((u) => u.kind); // ["peace-rule-of-law-office"]
 * ```
 * @since 0.1.0
 */
export const unitsOwing = (campaign: Campaign, deadline: Deadline, units: ReadonlyArray<Unit>): ReadonlyArray<Unit> =>
  deadline.owedBy === "reporting-units" ? reportingUnits(campaign, units) : units.filter((u) => (deadline.owedBy as ReadonlyArray<string>).includes(u.kind));

/**
 * A unit's status for a deadline on a day: submitted on time, submitted late, or
 * missing (`overdue` once the due day has passed).
 *
 * @example
 * ```ts
 * const s: UnitSubmissionStatus = statuses[0]!;
 * if (s.status === "missing" && s.overdue) remind(s.unit);
 * ```
 * @since 0.1.0
 */
export type UnitSubmissionStatus =
  | { readonly unit: Unit; readonly status: "on-time" | "late"; readonly submittedOn: LocalDate }
  | { readonly unit: Unit; readonly status: "missing"; readonly overdue: boolean };

/**
 * The status of every unit owing a deadline, as known at the end of `asOf`
 * (Beijing time): submissions received after that day are not yet known. A unit's
 * earliest submission counts; it is on time when received by the end of the due
 * day in Beijing time.
 *
 * @example
 * ```ts
 * import { deadlineByKey, submissionStatuses, zixi2025 } from "@tiaojie/core";
 *
 * const d = deadlineByKey(zixi2025, "first-round@2024-11-28")!;
 * submissionStatuses(zixi2025, d, town.units, submissions, "2024-12-01" as LocalDate)
 *   .filter((s) => s.status !== "on-time");
 * ```
 * @since 0.1.0
 */
export const submissionStatuses = (
  campaign: Campaign,
  deadline: Deadline,
  units: ReadonlyArray<Unit>,
  submissions: ReadonlyArray<Submission>,
  asOf: LocalDate,
): ReadonlyArray<UnitSubmissionStatus> => {
  const earliest = new Map<string, LocalDate>();
  for (const s of submissions) {
    if (s.deadline !== deadline.key) continue;
    const on = shanghaiDateOf(s.submittedAt);
    if (on > asOf) continue;
    const known = earliest.get(s.unit);
    if (known === undefined || on < known) earliest.set(s.unit, on);
  }
  return unitsOwing(campaign, deadline, units).map((unit): UnitSubmissionStatus => {
    const on = earliest.get(unit.id);
    if (on === undefined) return { unit, status: "missing", overdue: asOf > deadline.due };
    return { unit, status: on <= deadline.due ? "on-time" : "late", submittedOn: on };
  });
};
