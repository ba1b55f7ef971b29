import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import type { CaseStatus } from "../taxonomy/case-statuses.js";
import { type ResolutionPriority, priorityRank } from "../taxonomy/resolution-priorities.js";
import { type RiskLevel, riskRank } from "../taxonomy/risk-levels.js";
import type { DisputeId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { type DivisionCode, isWithinDivision } from "../model/division-code.js";
import { indexLedger, type LedgerData } from "../campaign/ledger-data.js";
import { daysUnresolved } from "../grading/days-unresolved.js";
import { isOpenStatus } from "../lifecycle/case-record.js";

/**
 * What set a work-list item's priority: an escalator of the grading table (for
 * example `long-unresolved`), the base priority of the harm risk level, or
 * nothing yet, for a dispute not graded.
 *
 * @example
 * ```ts
 * import { disputeWorkList, type PrioritySource } from "@tiaojie/core";
 *
 * const why: PrioritySource = disputeWorkList(data, asOf)[0]!.prioritySetBy;
 * if (why.kind === "escalator") console.log(why.escalator); // "long-unresolved"
 * ```
 * @since 0.2.0
 */
export type PrioritySource =
  | { readonly kind: "escalator"; readonly escalator: string }
  | { readonly kind: "level"; readonly level: RiskLevel }
  | { readonly kind: "ungraded" };

/**
 * One open dispute on a work list: where it is, its status, its latest grade's
 * harm risk level and resolution priority with what set the priority, and how
 * many days it has waited since it was reported.
 *
 * @example
 * ```ts
 * import { disputeWorkList, type WorkListItem } from "@tiaojie/core";
 *
 * const first: WorkListItem | undefined = disputeWorkList(data, asOf)[0];
 * first?.priority; // "urgent"
 * ```
 * @since 0.2.0
 */
export interface WorkListItem {
  readonly dispute: DisputeId;
  readonly jurisdiction: DivisionCode;
  readonly domain: DisputeDomain;
  readonly status: CaseStatus;
  readonly leadUnit: UnitId | "unassigned";
  readonly level: RiskLevel | "ungraded";
  readonly priority: ResolutionPriority | "ungraded";
  readonly prioritySetBy: PrioritySource;
  /** The day of the latest grade, absent when ungraded. */
  readonly gradedOn?: LocalDate;
  /** Whole days from the day it was reported to the work list's date. */
  readonly daysWaiting: number;
}

/**
 * Options of {@link disputeWorkList}.
 *
 * @example
 * ```ts
 * import { disputeWorkList, type DisputeWorkListOptions } from "@tiaojie/core";
 *
 * const options: DisputeWorkListOptions = { jurisdiction: village.code };
 * disputeWorkList(data, asOf, options);
 * ```
 * @since 0.2.0
 */
export interface DisputeWorkListOptions {
  /**
   * Only disputes within this division.
   * @default every dispute of the data
   */
  readonly jurisdiction?: DivisionCode;
}

/** How soon to work on an item: an ungraded dispute (4) before urgent (3), high (2) and normal (1). */
const urgency = (item: WorkListItem): number => (item.priority === "ungraded" ? 4 : priorityRank(item.priority));
const severity = (item: WorkListItem): number => (item.level === "ungraded" ? 5 : riskRank(item.level));

/**
 * The open disputes as of a day, in the order to work on them: ungraded ones
 * first (their risk is not known yet: grade them), then by resolution priority
 * (urgent first), then by harm risk level (red first), then by days waiting
 * (longest first), then by dispute id. Each says which rule set its priority.
 * The level and priority are those of the latest grade on or before the day
 * (`LedgerGrade`); a dispute is open when its case, as it stood that day, is
 * neither declined, resolved nor closed. Pure: the same data always gives the
 * same list.
 *
 * @example
 * ```ts
 * import { disputeWorkList } from "@tiaojie/core";
 *
 * for (const item of disputeWorkList(data, today)) {
 *   console.log(item.dispute, item.priority, item.level, item.daysWaiting, item.prioritySetBy.kind);
 * }
 * ```
 * @since 0.2.0
 */
export const disputeWorkList = (data: LedgerData, asOf: LocalDate, options: DisputeWorkListOptions = {}): ReadonlyArray<WorkListItem> => {
  const index = indexLedger(data);
  const items: Array<WorkListItem> = [];
  for (const d of data.disputes) {
    if (options.jurisdiction !== undefined && !isWithinDivision(d.jurisdiction, options.jurisdiction)) continue;
    const state = index.stateOf(d, asOf);
    if (state === undefined || !isOpenStatus(state.status)) continue;
    const grade = index.latestGradeOf(d.id, asOf);
    const prioritySetBy: PrioritySource = grade === undefined
      ? { kind: "ungraded" }
      : grade.prioritySetBy === undefined
        ? { kind: "level", level: grade.level }
        : { kind: "escalator", escalator: grade.prioritySetBy };
    items.push({
      dispute: d.id,
      jurisdiction: d.jurisdiction,
      domain: d.domain,
      status: state.status,
      leadUnit: state.leadUnit ?? "unassigned",
      level: grade?.level ?? "ungraded",
      priority: grade?.priority ?? "ungraded",
      prioritySetBy,
      ...(grade ? { gradedOn: grade.on } : {}),
      daysWaiting: daysUnresolved(d.reportedOn, asOf),
    });
  }
  return items.sort((a, b) =>
    urgency(b) - urgency(a) ||
    severity(b) - severity(a) ||
    b.daysWaiting - a.daysWaiting ||
    (a.dispute < b.dispute ? -1 : a.dispute > b.dispute ? 1 : 0),
  );
};
