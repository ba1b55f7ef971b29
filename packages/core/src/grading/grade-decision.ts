import { Schema } from "effect";
import { Actor } from "../model/actor.js";
import { LocalDate } from "../model/local-date.js";
import { Text, optionalField } from "../model/primitives.js";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { RiskLevels, riskRank } from "../taxonomy/risk-levels.js";
import { bilingualMessage } from "../validation/bilingual.js";

/**
 * An override of the recommended level: its direction, the reason given, and, for
 * a lower level, the second officer who confirmed it.
 *
 * @example
 * ```ts
 * import { confirmGrade } from "@tiaojie/core";
 *
 * const r = confirmGrade({ recommendation, officer, decidedOn, level: "red", reason: "有聚集苗头" });
 * if (r.ok) r.value.override?.direction; // "up"
 * ```
 * @since 0.1.0
 */
export const GradeOverride = Schema.Struct({
  direction: Schema.Literal("up", "down"),
  reason: Text(500),
  /** Present when the level was lowered (required then), or when given anyway. */
  secondOfficer: optionalField(Actor),
}).annotations({ identifier: "GradeOverride", description: "等级调整 / grade override" });
/** @since 0.1.0 */
export interface GradeOverride extends Schema.Schema.Type<typeof GradeOverride> {}

const samePerson = (a: Actor, b: Actor): boolean => a.officerId === b.officerId;

const GradeDecisionFields = Schema.Struct({
  recommended: RiskLevels.schema,
  level: RiskLevels.schema,
  /** The resolution priority recommended with the grade (a level override does not change it). @since 0.2.0 */
  priority: ResolutionPriorities.schema,
  tableVersion: Text(50),
  firedRules: Schema.Array(Text(64)),
  escalators: Schema.Array(Text(64)),
  confirmedBy: Actor,
  decidedOn: LocalDate,
  override: optionalField(GradeOverride),
});

/**
 * A grade decided by a person: the recommendation and what it was based on (table
 * version, rules fired, escalators applied), the level decided, the resolution
 * priority recommended, who decided and when, and the override if the level
 * differs. The override concerns the harm risk level only: the priority is the
 * recommendation's, set by the table from the facts and the time waited. Plain data, ready for the audit
 * trail and for storage. Decoding enforces the same rules as {@link confirmGrade}:
 * a level that differs from the recommendation has an override with a reason in
 * the right direction; a lower level names a second officer; the second officer
 * is not the one who decided.
 *
 * Officers are told apart by `officerId`, never by name. Decoding does not
 * check the second officer's role: which roles may approve a lowered grade is
 * a county's option of {@link confirmGrade}, which the schema cannot know, and
 * a decision stored under one county's list (or under a list that has since
 * changed) must still decode as the record of what was decided. The role is
 * checked once, when the decision is made.
 *
 * @example
 * ```ts
 * import { decode, GradeDecision } from "@tiaojie/core";
 *
 * const stored = decode(GradeDecision, row); // refused if a lowered grade has no second officer
 * ```
 * @since 0.1.0
 */
export const GradeDecision = GradeDecisionFields.pipe(
  Schema.filter(
    (d) => (d.level === d.recommended) === (d.override === undefined),
    bilingualMessage(
      "等级与建议等级不同时必须有调整记录，相同时不得有",
      "an override is recorded exactly when the level differs from the recommendation",
    ),
  ),
  Schema.filter(
    (d) => d.override === undefined || d.override.direction === (riskRank(d.level) > riskRank(d.recommended) ? "up" : "down"),
    bilingualMessage("调整方向与等级变化不符", "the override's direction does not match the change of level"),
  ),
  Schema.filter(
    (d) => d.override?.direction !== "down" || d.override.secondOfficer !== undefined,
    bilingualMessage("调低等级须有另一名工作人员复核确认", "a lowered level needs a second officer's confirmation"),
  ),
  Schema.filter(
    (d) => d.override?.secondOfficer === undefined || !samePerson(d.override.secondOfficer, d.confirmedBy),
    bilingualMessage("复核人不能是作出决定的同一人", "the second officer cannot be the one who decided"),
  ),
  Schema.annotations({ identifier: "GradeDecision", description: "等级确认 / grade decision" }),
);
/** @since 0.1.0 */
export interface GradeDecision extends Schema.Schema.Type<typeof GradeDecision> {}
/** The JSON form of a {@link GradeDecision}. @since 0.1.0 */
export interface GradeDecisionJson extends Schema.Schema.Encoded<typeof GradeDecision> {}
