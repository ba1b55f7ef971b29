import { Data } from "effect";
import type { Actor } from "../model/actor.js";
import type { LocalDate } from "../model/local-date.js";
import { type ActorRole, ActorRoles } from "../taxonomy/actor-roles.js";
import { zixiLowerGradeApprovers } from "../presets/zixi/grade-approvers.js";
import { type RiskLevel, riskRank } from "../taxonomy/risk-levels.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { Result } from "../validation/result.js";
import type { GradeDecision, GradeOverride } from "./grade-decision.js";
import type { GradingResult } from "./grading-result.js";
import { decidedPriority } from "./decided-priority.js";
import { GradeTableMismatch } from "./explain-grade.js";
import { defaultGradingTable } from "./grade-dispute.js";
import type { GradingTable } from "./grading-table.js";

/**
 * An override without a reason: overriding the recommended level needs one.
 *
 * @example
 * ```ts
 * import { confirmGrade } from "@tiaojie/core";
 *
 * const r = confirmGrade({ recommendation, officer, decidedOn, level: "blue" });
 * if (!r.ok && r.error._tag === "OverrideReasonRequired") askForReason();
 * ```
 * @since 0.1.0
 */
export class OverrideReasonRequired extends Data.TaggedError("OverrideReasonRequired")<{
  readonly recommended: RiskLevel;
  readonly requested: RiskLevel;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "调整建议等级必须说明理由", en: "overriding the recommended level needs a reason" };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * A lowering without a second officer: a lower level than recommended must be
 * confirmed by a second officer.
 *
 * @example
 * ```ts
 * import { confirmGrade } from "@tiaojie/core";
 *
 * const r = confirmGrade({ recommendation, officer, decidedOn, level: "blue", reason: "已和解" });
 * if (!r.ok && r.error._tag === "SecondConfirmationRequired") askSecondOfficer();
 * ```
 * @since 0.1.0
 */
export class SecondConfirmationRequired extends Data.TaggedError("SecondConfirmationRequired")<{
  readonly recommended: RiskLevel;
  readonly requested: RiskLevel;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "调低风险等级须由另一名工作人员复核确认", en: "lowering the level must be confirmed by a second officer" };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * A second confirmation by the same officer who decided: it must be someone else.
 *
 * @example
 * ```ts
 * import { confirmGrade } from "@tiaojie/core";
 *
 * const r = confirmGrade({ recommendation, officer, decidedOn, level: "blue", reason: "已和解", secondOfficer: officer });
 * !r.ok && r.error._tag; // "SecondOfficerNotDifferent"
 * ```
 * @since 0.1.0
 */
export class SecondOfficerNotDifferent extends Data.TaggedError("SecondOfficerNotDifferent")<{
  readonly officer: string;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "复核确认人不能是作出决定的同一人", en: "the second officer must be a different person from the one deciding" };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * A lowering confirmed by a second officer whose role may not approve it: the
 * second officer must hold one of the roles allowed to approve a lowered grade
 * (by default the township leadership or the peace and rule-of-law office).
 *
 * @example
 * ```ts
 * import { confirmGrade } from "@tiaojie/core";
 *
 * const r = confirmGrade({ recommendation, officer, decidedOn, level: "blue", reason: "已和解", secondOfficer: gridWorker });
 * if (!r.ok && r.error._tag === "SecondOfficerRoleNotAllowed") r.error.allowed; // ["township-leadership", "coordinator"]
 * ```
 * @since 0.2.0
 */
export class SecondOfficerRoleNotAllowed extends Data.TaggedError("SecondOfficerRoleNotAllowed")<{
  readonly role: ActorRole;
  readonly allowed: ReadonlyArray<ActorRole>;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return {
      zh: `调低风险等级须由${this.allowed.map((r) => ActorRoles.label(r, "zh")).join("或")}复核确认`,
      en: `lowering the level must be confirmed by ${this.allowed.map((r) => ActorRoles.label(r, "en")).join(" or ")}`,
    };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * Why {@link confirmGrade} refused.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { confirmGrade } from "@tiaojie/core";
 *
 * const r = confirmGrade(input);
 * const program = r.ok ? Effect.succeed(r.value) : Effect.fail(r.error);
 * ```
 * @since 0.1.0
 */
export type GradeConfirmationError =
  | OverrideReasonRequired
  | SecondConfirmationRequired
  | SecondOfficerNotDifferent
  | SecondOfficerRoleNotAllowed
  | GradeTableMismatch;

/**
 * What {@link confirmGrade} needs.
 *
 * @example
 * ```ts
 * import { confirmGrade, type ConfirmGradeInput } from "@tiaojie/core";
 *
 * const input: ConfirmGradeInput = { recommendation, officer, decidedOn };
 * confirmGrade(input);
 * ```
 * @since 0.1.0
 */
export interface ConfirmGradeInput {
  /** The evaluator's recommendation. */
  readonly recommendation: GradingResult;
  /** The officer who decides. */
  readonly officer: Actor;
  /** The date of the decision (core reads no clock). */
  readonly decidedOn: LocalDate;
  /**
   * The level decided.
   * @default the recommended level
   */
  readonly level?: RiskLevel;
  /** Why the level differs from the recommendation (required when it does). */
  readonly reason?: string;
  /**
   * A second, different officer (a different `officerId`), required to lower the
   * level, in a role allowed to approve it (see {@link ConfirmGradeOptions}).
   */
  readonly secondOfficer?: Actor;
}

/**
 * The options of {@link confirmGrade}.
 *
 * @example
 * ```ts
 * import { confirmGrade, type ConfirmGradeOptions } from "@tiaojie/core";
 *
 * const options: ConfirmGradeOptions = { lowerGradeApprovers: ["township-leadership"] };
 * confirmGrade(input, options);
 * ```
 * @since 0.2.0
 */
export interface ConfirmGradeOptions {
  /**
   * The roles a second officer must hold to approve a lowered grade.
   * @default zixiLowerGradeApprovers: ["township-leadership", "coordinator"]
   */
  readonly lowerGradeApprovers?: ReadonlyArray<ActorRole>;
  /**
   * The grading table the recommendation was made with: when the decided level
   * differs from the recommended one, the decision's priority is the one this
   * table gives the decided level with the escalators that held
   * ({@link decidedPriority}). A table of another version is refused with
   * {@link GradeTableMismatch}.
   * @default the default table (the Zixi preset)
   */
  readonly table?: GradingTable;
}

/**
 * The outcome of {@link confirmGrade}.
 *
 * @example
 * ```ts
 * import { confirmGrade } from "@tiaojie/core";
 *
 * const r = confirmGrade({ recommendation, officer, decidedOn });
 * console.log(r.ok ? r.value.level : r.error.message);
 * ```
 * @since 0.1.0
 */
export type ConfirmGradeResult = Result<GradeDecision, GradeConfirmationError>;

/** Two actors are the same person exactly when their officer ids are equal; names are for display. */
const samePerson = (a: Actor, b: Actor): boolean => a.officerId === b.officerId;

/**
 * Records a person's decision on a grade. The evaluator only recommends: an
 * officer confirms the level, or overrides it with a reason; a lower level than
 * recommended also needs the confirmation of a second, different officer (told
 * apart by `officerId`, never by name: two officers of the same name can
 * co-sign, one officer under two spellings cannot) who holds a role allowed to
 * approve a lowered grade (`options.lowerGradeApprovers`). The result
 * keeps both the recommendation and the decision, for the audit trail. Invalid
 * attempts return a typed error (an Effect `Data.TaggedError`); nothing throws.
 *
 * @example
 * ```ts
 * import { confirmGrade, gradeDispute } from "@tiaojie/core";
 *
 * const recommendation = gradeDispute(dispute, { asOf: today });
 * const decided = confirmGrade({
 *   recommendation, officer: zhang, decidedOn: today,
 *   level: "yellow", reason: "双方已达成书面和解，待履行", secondOfficer: li,
 * });
 * if (!decided.ok) console.log(decided.error._tag, decided.error.message);
 * ```
 * @since 0.1.0
 */
export const confirmGrade = (input: ConfirmGradeInput, options: ConfirmGradeOptions = {}): ConfirmGradeResult => {
  const recommended = input.recommendation.level;
  const level = input.level ?? recommended;
  const base = {
    recommended,
    level,
    priority: input.recommendation.priority,
    tableVersion: input.recommendation.tableVersion,
    firedRules: input.recommendation.fired.map((r) => r.id),
    escalators: input.recommendation.escalations.map((e) => e.id),
    confirmedBy: input.officer,
    decidedOn: input.decidedOn,
  };
  if (input.secondOfficer && samePerson(input.secondOfficer, input.officer))
    return { ok: false, error: new SecondOfficerNotDifferent({ officer: input.officer.officerId }) };
  if (level === recommended) {
    return { ok: true, value: base };
  }
  const reason = input.reason?.trim() ?? "";
  if (reason === "") return { ok: false, error: new OverrideReasonRequired({ recommended, requested: level }) };
  const direction = riskRank(level) > riskRank(recommended) ? "up" : "down";
  if (direction === "down" && !input.secondOfficer)
    return { ok: false, error: new SecondConfirmationRequired({ recommended, requested: level }) };
  const approvers = options.lowerGradeApprovers ?? zixiLowerGradeApprovers;
  if (direction === "down" && input.secondOfficer && !approvers.includes(input.secondOfficer.role))
    return { ok: false, error: new SecondOfficerRoleNotAllowed({ role: input.secondOfficer.role, allowed: approvers }) };
  const table = options.table ?? defaultGradingTable().table;
  if (table.version !== input.recommendation.tableVersion)
    return { ok: false, error: new GradeTableMismatch({ resultVersion: input.recommendation.tableVersion, tableVersion: table.version }) };
  const override: GradeOverride = input.secondOfficer
    ? { direction, reason, secondOfficer: input.secondOfficer }
    : { direction, reason };
  return { ok: true, value: { ...base, priority: decidedPriority(table, level, base.escalators), override } };
};
