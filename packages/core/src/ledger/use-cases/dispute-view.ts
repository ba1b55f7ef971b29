import type { DisputeRow, GradingSummary } from "../../ports/store-rows.js";
import type { GradingResult } from "../../grading/grading-result.js";
import { priorityRaisedBy } from "../../grading/grading-result.js";
import type { LocalDate } from "../../model/local-date.js";

/**
 * A dispute as the ledger returns it: the dispute, its case record, the grading
 * the rules recommended (with the rules that fired), the grade in force, its
 * route (with its reasons), the resolution measures recorded, and the version to
 * send back with a change.
 * @since 0.3.0
 */
export interface DisputeView {
  readonly id: DisputeRow["id"];
  readonly version: number;
  readonly dispute: DisputeRow["dispute"];
  readonly case: DisputeRow["case"];
  readonly grading: GradingSummary;
  readonly level: DisputeRow["level"];
  readonly priority: DisputeRow["priority"];
  readonly gradeConfirmed: boolean;
  readonly route: DisputeRow["route"];
  readonly measures: DisputeRow["measures"];
}

/** @internal */
export const disputeView = (row: DisputeRow): DisputeView => ({
  id: row.id,
  version: row.version,
  dispute: row.dispute,
  case: row.case,
  grading: row.grading,
  level: row.level,
  priority: row.priority,
  gradeConfirmed: row.gradeConfirmed,
  route: row.route,
  measures: row.measures,
});

/** @internal What the ledger keeps of a grading result. */
export const gradingSummary = (result: GradingResult, on: LocalDate): GradingSummary => {
  const setBy = priorityRaisedBy(result);
  return {
    tableVersion: result.tableVersion,
    on,
    level: result.level,
    priority: result.priority,
    ...(setBy === undefined ? {} : { prioritySetBy: setBy }),
    firedRules: result.fired.map((r) => r.id),
    escalators: result.escalations.map((e) => e.id),
    tasks: result.tasks.map((t) => t.id),
  };
};
