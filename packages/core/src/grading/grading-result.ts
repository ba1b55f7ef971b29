import type { DisputeFacts } from "../model/dispute.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import type { Bilingual } from "../validation/bilingual.js";
import { explainCondition } from "./condition.js";
import type { GradingCondition, GradingParameter, GradingTaskRule } from "./grading-table.js";

/**
 * A rule that fired: its id, level and description, and the reason it fired, with
 * the actual values of the dispute, in both languages.
 *
 * @since 0.1.0
 */
export interface FiredRule {
  readonly id: string;
  readonly level: RiskLevel;
  readonly description: Bilingual;
  /** Why it fired, citing the dispute's values and the thresholds. */
  readonly reason: Bilingual;
}

/**
 * An escalator that applied: the level before and after, and why.
 *
 * @since 0.1.0
 */
export interface AppliedEscalator {
  readonly id: string;
  readonly description: Bilingual;
  readonly from: RiskLevel;
  readonly to: RiskLevel;
  readonly reason: Bilingual;
}

/**
 * A task returned with the grade (for example crisis intervention, help first).
 *
 * @since 0.1.0
 */
export interface GradingTask {
  readonly id: string;
  readonly kind: GradingTaskRule["kind"];
  readonly priority: GradingTaskRule["priority"];
  readonly description: Bilingual;
}

/**
 * The outcome of grading one dispute: the recommended level (a person confirms it
 * with {@link confirmGrade}), the level before escalators, every rule that fired
 * and every escalator that applied with their reasons, the tasks to do, and the
 * version of the table used.
 *
 * Reasons are exact and complete, but their text is composed the first time it is
 * read (grading a million disputes should not build a million sentences nobody
 * reads); `JSON.stringify` writes them out in full.
 *
 * @since 0.1.0
 */
export interface GradingResult {
  readonly level: RiskLevel;
  readonly ruleLevel: RiskLevel;
  readonly tableVersion: string;
  readonly fired: ReadonlyArray<FiredRule>;
  readonly escalations: ReadonlyArray<AppliedEscalator>;
  readonly tasks: ReadonlyArray<GradingTask>;
}

/** @internal What a compiled table knows about a rule or escalator. */
export interface ExplainMeta {
  readonly id: string;
  readonly level: RiskLevel;
  readonly description: Bilingual;
  readonly when: GradingCondition;
  readonly params: ReadonlyMap<string, GradingParameter>;
}

/** @internal */
export class FiredRuleRecord implements FiredRule {
  #reason: Bilingual | undefined;
  constructor(
    readonly meta: ExplainMeta,
    readonly facts: DisputeFacts,
    readonly days: number,
  ) {}
  get id(): string { return this.meta.id; }
  get level(): RiskLevel { return this.meta.level; }
  get description(): Bilingual { return this.meta.description; }
  get reason(): Bilingual {
    return (this.#reason ??= explainCondition(this.meta.when, { facts: this.facts, daysUnresolved: this.days }, this.meta.params));
  }
  toJSON(): FiredRule {
    return { id: this.id, level: this.level, description: this.description, reason: this.reason };
  }
}

/** @internal */
export class AppliedEscalatorRecord implements AppliedEscalator {
  #reason: Bilingual | undefined;
  constructor(
    readonly meta: ExplainMeta,
    readonly from: RiskLevel,
    readonly to: RiskLevel,
    readonly facts: DisputeFacts,
    readonly days: number,
  ) {}
  get id(): string { return this.meta.id; }
  get description(): Bilingual { return this.meta.description; }
  get reason(): Bilingual {
    return (this.#reason ??= explainCondition(this.meta.when, { facts: this.facts, daysUnresolved: this.days }, this.meta.params));
  }
  toJSON(): AppliedEscalator {
    return { id: this.id, description: this.description, from: this.from, to: this.to, reason: this.reason };
  }
}
