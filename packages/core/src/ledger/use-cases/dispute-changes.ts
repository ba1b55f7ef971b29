import { confirmGrade } from "../../grading/confirm-grade.js";
import { transitionCase } from "../../lifecycle/transition-case.js";
import type { CaseFields } from "../../lifecycle/case-record.js";
import type { Actor } from "../../model/actor.js";
import type { DisputeId, EventId } from "../../model/ids.js";
import { DisputeId as DisputeIdSchema } from "../../model/ids.js";
import { Actor as ActorSchema } from "../../model/actor.js";
import { RiskLevels } from "../../taxonomy/risk-levels.js";
import { Schema } from "effect";
import type { LocalDate } from "../../model/local-date.js";
import { LocalDate as LocalDateSchema } from "../../model/local-date.js";
import type { RiskLevel } from "../../taxonomy/risk-levels.js";
import type { DisputeRow, GradeRow } from "../../ports/store-rows.js";
import { disputeReaders, gradeDeciders, requireRole, requireScope } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import { useCase, type Work } from "../unit-of-work.js";
import type { AccessDenied, RecordNotFound, VersionConflict } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import type { GradeConfirmationError } from "../../grading/confirm-grade.js";
import type { CaseTransitionError } from "../../lifecycle/case-errors.js";
import { loadForUpdate, writeNext } from "../versioned-write.js";
import { disputeView, gradingSummary } from "./dispute-view.js";
import { gradeInForce, settledOnOf } from "../dispute-row-columns.js";
import { findAll } from "./tasks.js";

import { Text } from "../../model/primitives.js";

/**
 * @internal Loads a dispute the actor may handle, at the version they hold. The
 * id is decoded first (a value that is not a dispute id is bad input, refused
 * at `at`), so the store, the audit and the messages only ever see a real id.
 */
export const loadDispute = async (
  work: Work<AccessDenied | RecordNotFound | VersionConflict | ValidationError>,
  action: string,
  given: unknown,
  version: number | undefined,
  roles = disputeReaders,
  at: ReadonlyArray<string | number> = ["dispute"],
): Promise<DisputeRow> => {
  const id = decodeAt(work, DisputeIdSchema, given, at);
  const target = { action, entity: "dispute" as const, id };
  requireRole(work, roles, target);
  const row = await loadForUpdate(work, work.tx.disputes, "dispute", id, version);
  requireScope(work, row.jurisdiction, target);
  return row;
};

/**
 * Why a change of a dispute can fail.
 * @since 0.3.0
 */
export type DisputeChangeError = AccessDenied | ValidationError | RecordNotFound | VersionConflict;

/**
 * An officer's decision on a dispute's grade.
 * @since 0.3.0
 */
export interface DecideGradeInput {
  readonly dispute: DisputeId;
  /** The version of the dispute the officer decided on. */
  readonly version: number;
  /** @default the recommended level (a confirmation) */
  readonly level?: RiskLevel;
  /** Why the level differs from the recommendation (required when it does). */
  readonly reason?: string;
  /** The second officer who approves a lower level. */
  readonly secondOfficer?: Actor;
}

/**
 * Confirms or overrides a dispute's grade. The rules grade the dispute again as
 * of today (days unresolved have grown since registration), the officer confirms
 * that recommendation or decides another level with a reason (a lower one with a
 * second officer's approval, as {@link confirmGrade} requires), and the decision
 * is kept with the recommendation it answered. The dispute's grade is then the
 * latest decision by the day it was made (as in the reports): a decision dated
 * before an earlier one, which only clocks that disagree can make, is kept but
 * does not replace it.
 *
 * @example
 * ```ts
 * const r = await ledger.decideGrade(officer, { dispute: id, version: 1 });
 * ```
 * @since 0.3.0
 */
export const decideGrade = (actor: Actor, input: DecideGradeInput) =>
  useCase("decide-grade", actor, async (work: Work<DisputeChangeError | GradeConfirmationError>) => {
      // Every field is decoded before the dispute is read: confirmGrade ranks the
      // level, trims the reason and compares the second officer, none of which
      // a value of another type survives.
      const level = input.level === undefined ? undefined : decodeAt(work, RiskLevels.schema, input.level, ["level"]);
      const reason = input.reason === undefined ? undefined : decodeAt(work, Schema.String, input.reason, ["reason"]);
      const secondOfficer = input.secondOfficer === undefined ? undefined : decodeAt(work, ActorSchema, input.secondOfficer, ["secondOfficer"]);
      const row = await loadDispute(work, "decide-grade", input.dispute, input.version, gradeDeciders);
      const recommendation = work.env.grading.grade(row.dispute, work.today);
      const decided = confirmGrade(
        {
          recommendation,
          officer: work.ctx.actor,
          decidedOn: work.today,
          ...(level === undefined ? {} : { level }),
          ...(reason === undefined ? {} : { reason }),
          ...(secondOfficer === undefined ? {} : { secondOfficer }),
        },
        { lowerGradeApprovers: work.env.lowerGradeApprovers, table: work.env.gradingTable },
      );
      if (!decided.ok) return work.fail(decided.error);
      const decision = decided.value;
      const summary = gradingSummary(recommendation, work.today);
      const gradeId = work.env.ids.next();
      const prioritySetBy = decision.level === recommendation.level ? summary.prioritySetBy : undefined;
      const grade: GradeRow = {
        id: gradeId,
        version: 1,
        dispute: row.id,
        jurisdiction: row.jurisdiction,
        decision,
        ...(prioritySetBy === undefined ? {} : { prioritySetBy }),
      };
      // The row carries the grade the core's report reads for the dispute
      // (indexLedger.latestGradeOf over the grade rows in id order): the latest
      // decision by day, of one day the greatest id. With one clock and ids that
      // grow (uuid v7) that is the decision just made; with clocks that disagree
      // (two servers), or ids that do not grow, it may be an earlier one, so the
      // decisions are read and the one in force picked rather than assumed. So
      // while gradeConfirmed is true, level and priority are exactly the grade
      // the report gives once every decision is on or before its end; while it
      // is false there is no decision and the report says "ungraded" (nothing
      // sets it back to false, and grade rows are never removed).
      const earlier = await findAll<GradeRow, { dispute: DisputeId }>(work, (q) => work.tx.grades.find(q), { dispute: row.id }, row.jurisdiction);
      const inForce = gradeInForce([...earlier, grade])!;
      await work.tx.grades.insert(grade);
      const next = await writeNext(work, work.tx.disputes, "dispute", row, {
        ...row,
        level: inForce.decision.level,
        priority: inForce.decision.priority,
        gradeConfirmed: true,
        settledOn: settledOnOf(row, [decision.decidedOn]),
        grading: summary,
      });
      work.audit({
        action: "decide-grade",
        entity: "dispute",
        id: row.id,
        jurisdiction: row.jurisdiction,
        fields: ["level", "priority", "grade"],
        note: { version: next.version, level: decision.level, recommended: decision.recommended, override: decision.override !== undefined, grade: gradeId },
      });
      return disputeView(next);
  });

/**
 * A lifecycle transition of a dispute's case.
 * @since 0.3.0
 */
export interface TransitionInput {
  readonly dispute: DisputeId;
  readonly version: number;
  /** The transition's name, e.g. `accept`, `assign`, `start-mediation`, `resolve`. */
  readonly transition: string;
  /** The fields the transition requires (lead unit, channel, outcome…). */
  readonly fields?: CaseFields;
  /** @default today (Asia/Shanghai) */
  readonly on?: LocalDate;
}

/**
 * Applies a lifecycle transition to a dispute's case (accept, assign, start
 * mediation, resolve with its outcome, refer, escalate, close, reopen…), with
 * every rule of {@link transitionCase}: the roles, the required fields, the unit
 * register, and public security's exclusion from petition matters.
 *
 * @example
 * ```ts
 * await ledger.transition(officer, { dispute: id, version: 2, transition: "resolve", fields: { outcome: "agreement" } });
 * ```
 * @since 0.3.0
 */
export const transition = (actor: Actor, input: TransitionInput) =>
  useCase("transition", actor, async (work: Work<DisputeChangeError | CaseTransitionError>) => {
      // The name goes into the audit's action before the dispute is read: a
      // string, or bad input (which transitions there are, transitionCase says).
      const name = decodeAt(work, Schema.String, input.transition, ["transition"]);
      const row = await loadDispute(work, `transition:${name}`, input.dispute, input.version);
      const on = input.on === undefined ? work.today : decodeAt(work, LocalDateSchema, input.on, ["on"]);
      if (on > work.today) return work.fail(invalid(["on"], "日期不能晚于今天", "the day cannot be after today"));
      // transitionCase decodes the fields it keeps; they must be an object to be read at all.
      const fields: unknown = input.fields;
      if (fields !== undefined && (typeof fields !== "object" || fields === null || Array.isArray(fields))) {
        return work.fail(invalid(["fields"], "fields 应是字段对象", "fields must be an object of case fields"));
      }
      const r = transitionCase(row.case, {
        transition: name,
        actor: work.ctx.actor,
        on,
        eventId: work.env.ids.next() as EventId,
        ...(input.fields === undefined ? {} : { fields: input.fields }),
        units: work.env.units,
      });
      if (!r.ok) return work.fail(r.error);
      const record = r.value.record;
      const { leadUnit: _drop, ...rest } = row;
      const nextRow: Omit<DisputeRow, "version"> = {
        ...rest,
        status: record.status,
        ...(record.leadUnit === undefined ? {} : { leadUnit: record.leadUnit }),
        case: record,
        settledOn: settledOnOf({ ...row, case: record }),
      };
      const next = await writeNext(work, work.tx.disputes, "dispute", row, nextRow);
      work.audit({
        action: "transition",
        entity: "dispute",
        id: row.id,
        jurisdiction: row.jurisdiction,
        fields: ["case", ...Object.keys(input.fields ?? {}).map((k) => `case.${k}`)],
        note: { version: next.version, transition: name, from: row.status, to: record.status },
      });
      return disputeView(next);
  });

const MeasureText = Text(500);

/**
 * Records a resolution measure of a dispute (拿出具体化解措施): what is being done
 * to resolve it, on which day.
 *
 * @example
 * ```ts
 * await ledger.recordMeasure(officer, { dispute: id, version: 3, measure: "组织双方现场勘界" });
 * ```
 * @since 0.3.0
 */
export const recordMeasure = (actor: Actor, input: { readonly dispute: DisputeId; readonly version: number; readonly measure: string }) =>
  useCase("record-measure", actor, async (work: Work<DisputeChangeError>) => {
      const row = await loadDispute(work, "record-measure", input.dispute, input.version, gradeDeciders);
      const measure = decodeAt(work, MeasureText, input.measure, ["measure"]);
      // A measure leaves settledOn as it is: no report that counts rows reads measures.
      const next = await writeNext(work, work.tx.disputes, "dispute", row, {
        ...row,
        measures: [...row.measures, { dispute: row.id, measure, recordedOn: work.today }],
      });
      work.audit({ action: "record-measure", entity: "dispute", id: row.id, jurisdiction: row.jurisdiction, fields: ["measures"], note: { version: next.version } });
      return disputeView(next);
  });

