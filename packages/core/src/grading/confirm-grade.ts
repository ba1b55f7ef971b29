import { Data } from "effect";
import type { Actor } from "../model/actor.js";
import type { LocalDate } from "../model/local-date.js";
import { type RiskLevel, riskRank } from "../taxonomy/risk-levels.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { Result } from "../validation/result.js";
import type { GradeDecision, GradeOverride } from "./grade-decision.js";
import type { GradingResult } from "./grading-result.js";

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
export type GradeConfirmationError = OverrideReasonRequired | SecondConfirmationRequired | SecondOfficerNotDifferent;

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
  /** A second, different officer (required to lower the level). */
  readonly secondOfficer?: Actor;
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
 * recommended also needs a second, different officer's confirmation. The result
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
export const confirmGrade = (input: ConfirmGradeInput): ConfirmGradeResult => {
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
  const override: GradeOverride = input.secondOfficer
    ? { direction, reason, secondOfficer: input.secondOfficer }
    : { direction, reason };
  return { ok: true, value: { ...base, override } };
};
