import type { Dispute } from "../model/dispute.js";
import type { DisputeId, ListingId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Unit } from "../model/unit.js";
import type { Listing } from "../support/listing.js";
import type { ResolutionPriority } from "../taxonomy/resolution-priorities.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import type { Instant } from "../calendar/local-dates.js";
import { type CaseRecord, isOpenStatus } from "../lifecycle/case-record.js";
import { caseAsOf } from "../lifecycle/transition-case.js";

/**
 * A unit's submission for one deadline occurrence (its `key`, `id@due`), with the
 * instant it was received.
 *
 * @example
 * ```ts
 * const s: Submission = { unit: "u-v201" as UnitId, deadline: "first-round@2024-11-28", submittedAt: Date.parse("2024-11-27T10:00:00+08:00") };
 * ```
 * @since 0.1.0
 */
export interface Submission {
  readonly unit: UnitId;
  readonly deadline: string;
  readonly submittedAt: Instant;
}

/**
 * A confirmed grade of a dispute and the day it was confirmed: the harm risk
 * level, the resolution priority, and the escalator that set the priority (absent
 * when it is the level's base priority). The latest on or before a day is the
 * dispute's grade that day. Fill it from a grading result and its confirmation:
 * `{ dispute, level: decision.level, priority: result.priority, prioritySetBy: priorityRaisedBy(result), on }`.
 *
 * @example
 * ```ts
 * const g: LedgerGrade = { dispute: "d-000001" as DisputeId, level: "yellow", priority: "high", prioritySetBy: "long-unresolved", on: "2024-11-10" as LocalDate };
 * ```
 * @since 0.1.0
 */
export interface LedgerGrade {
  readonly dispute: DisputeId;
  readonly level: RiskLevel;
  /** @since 0.2.0 */
  readonly priority: ResolutionPriority;
  /**
   * The id of the escalator that set the priority ({@link priorityRaisedBy}).
   * @default absent: the level's base priority
   * @since 0.2.0
   */
  readonly prioritySetBy?: string;
  readonly on: LocalDate;
}

/**
 * A resolution measure recorded for a dispute (拿出具体化解措施).
 *
 * @example
 * ```ts
 * const m: ResolutionMeasure = { dispute: "d-000001" as DisputeId, measure: "组织双方现场勘界", recordedOn: "2025-02-10" as LocalDate };
 * ```
 * @since 0.1.0
 */
export interface ResolutionMeasure {
  readonly dispute: DisputeId;
  readonly measure: string;
  readonly recordedOn: LocalDate;
}

/**
 * A support measure scheduled for a listing.
 *
 * @example
 * ```ts
 * const s: ScheduledMeasure = { listing: "l-0001" as ListingId, measure: "assistance-visit", dueOn: "2025-03-01" as LocalDate, scheduledOn: "2025-02-03" as LocalDate };
 * ```
 * @since 0.1.0
 */
export interface ScheduledMeasure {
  readonly listing: ListingId;
  readonly measure: string;
  readonly dueOn: LocalDate;
  /** The day it was put on the schedule. */
  readonly scheduledOn: LocalDate;
}

/**
 * What phase rules and reports read: the ledger's records as plain data. Only
 * `units` and `disputes` are required; a dispute without a case record counts as
 * registered on its reporting day and not yet accepted.
 *
 * @example
 * ```ts
 * const data: LedgerData = { units: town.units, disputes: town.disputes, cases, grades, submissions };
 * ```
 * @since 0.1.0
 */
export interface LedgerData {
  readonly units: ReadonlyArray<Unit>;
  readonly disputes: ReadonlyArray<Dispute>;
  readonly cases?: ReadonlyArray<CaseRecord>;
  readonly grades?: ReadonlyArray<LedgerGrade>;
  readonly resolutionMeasures?: ReadonlyArray<ResolutionMeasure>;
  readonly listings?: ReadonlyArray<Listing>;
  readonly scheduledMeasures?: ReadonlyArray<ScheduledMeasure>;
  readonly submissions?: ReadonlyArray<Submission>;
}

/**
 * @internal Indexes over ledger data for one evaluation.
 */
export interface LedgerIndex {
  readonly caseOf: (dispute: DisputeId) => CaseRecord | undefined;
  readonly gradeOf: (dispute: DisputeId, asOf: LocalDate) => RiskLevel | undefined;
  /** The latest grade on or before a day. */
  readonly latestGradeOf: (dispute: DisputeId, asOf: LocalDate) => LedgerGrade | undefined;
  readonly stateOf: (dispute: Dispute, asOf: LocalDate) => CaseRecord | undefined;
  readonly isOpen: (dispute: Dispute, asOf: LocalDate) => boolean;
}

/** @internal */
export const indexLedger = (data: LedgerData): LedgerIndex => {
  const cases = new Map<string, CaseRecord>((data.cases ?? []).map((c) => [c.dispute, c]));
  const grades = new Map<string, Array<LedgerGrade>>();
  for (const g of data.grades ?? []) {
    const list = grades.get(g.dispute) ?? [];
    list.push(g);
    grades.set(g.dispute, list);
  }
  for (const list of grades.values()) list.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const latestGradeOf = (id: DisputeId, asOf: LocalDate): LedgerGrade | undefined => {
    let latest: LedgerGrade | undefined;
    for (const g of grades.get(id) ?? []) if (g.on <= asOf) latest = g;
    return latest;
  };
  const stateOf = (dispute: Dispute, asOf: LocalDate): CaseRecord | undefined => {
    if (dispute.reportedOn > asOf) return undefined;
    const record = cases.get(dispute.id);
    if (!record) return { dispute: dispute.id, domain: dispute.domain, status: "registered", registeredOn: dispute.reportedOn, history: [] };
    return caseAsOf(record, asOf) ?? { dispute: dispute.id, domain: dispute.domain, status: "registered", registeredOn: dispute.reportedOn, history: [] };
  };
  return {
    caseOf: (id) => cases.get(id),
    gradeOf: (id, asOf) => latestGradeOf(id, asOf)?.level,
    latestGradeOf,
    stateOf,
    isOpen: (dispute, asOf) => {
      const s = stateOf(dispute, asOf);
      return s !== undefined && isOpenStatus(s.status);
    },
  };
};
