import type { DisputeFacts } from "../model/dispute.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import type { Bilingual } from "../validation/bilingual.js";
import { explainCondition } from "./condition.js";
import type { GradingCondition, GradingParameter, GradingTaskRule } from "./grading-table.js";

/**
 * A rule that fired: its id, level and description, and the reason it fired, with
 * the actual values of the dispute, in both languages.
 *
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * for (const rule of gradeDispute(dispute, { asOf }).fired) {
 *   console.log(`${rule.description.zh}（${rule.reason.zh}）`);
 * }
 * ```
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
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * const [e] = gradeDispute(dispute, { asOf }).escalations;
 * if (e) console.log(`${e.from} → ${e.to}: ${e.reason.en}`);
 * ```
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
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * const helpFirst = gradeDispute(dispute, { asOf }).tasks.filter((t) => t.priority === "help-first");
 * ```
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
 * The evaluator decides every rule, escalator and task (no short cut) and records
 * which fired together with the values it read; the `fired`, `escalations` and
 * `tasks` lists and their reason texts are built from that record the first time
 * they are read, so that grading a million disputes does not build a million
 * sentences nobody reads. `JSON.stringify` writes everything out in full.
 *
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * const result = gradeDispute(dispute, { asOf });
 * console.log(result.level, result.tableVersion, JSON.stringify(result.fired));
 * ```
 * @since 0.1.0
 */
export interface GradingResult {
  readonly level: RiskLevel;
  readonly ruleLevel: RiskLevel;
  readonly tableVersion: string;
  readonly fired: ReadonlyArray<FiredRule>;
  readonly escalations: ReadonlyArray<AppliedEscalator>;
  readonly tasks: ReadonlyArray<GradingTask>;
  /** The facts graded. */
  readonly facts: DisputeFacts;
  /** The days unresolved used. */
  readonly daysUnresolved: number;
}

/** @internal What a compiled table knows about a rule or escalator. */
export interface ExplainMeta {
  readonly id: string;
  readonly level: RiskLevel;
  readonly description: Bilingual;
  readonly when: GradingCondition;
  readonly params: ReadonlyMap<string, GradingParameter>;
}

/** @internal A set of indexes: one 31-bit word, or several for large tables. */
export type BitSet = number | ReadonlyArray<number>;

/** @internal */
export const hasBit = (set: BitSet, i: number): boolean =>
  typeof set === "number" ? (set & (1 << i)) !== 0 : ((set[(i / 31) | 0] ?? 0) & (1 << i % 31)) !== 0;

/** @internal What a compiled table keeps for building explanations. */
export interface CompiledMeta {
  readonly version: string;
  readonly rules: ReadonlyArray<ExplainMeta>;
  readonly escalators: ReadonlyArray<ExplainMeta & { readonly raise: number; readonly atLeast: number }>;
  readonly tasks: ReadonlyArray<GradingTask>;
  readonly taskConditions: ReadonlyArray<GradingCondition>;
}

const LEVELS: ReadonlyArray<RiskLevel> = ["blue", "blue", "yellow", "orange", "red"];
const RANKS: Readonly<Record<RiskLevel, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };
const EMPTY: ReadonlyArray<never> = Object.freeze([]);

interface Explained {
  readonly fired: ReadonlyArray<FiredRule>;
  readonly escalations: ReadonlyArray<AppliedEscalator>;
  readonly tasks: ReadonlyArray<GradingTask>;
}

/**
 * @internal The result a compiled table returns: the level and one bit set of what
 * fired (rules, then escalators, then tasks), with the facts it read; lists and
 * texts are built from them on first read.
 */
export class GradingResultRecord implements GradingResult {
  declare private cache: Explained | undefined;
  constructor(
    readonly meta: CompiledMeta,
    readonly level: RiskLevel,
    readonly bits: BitSet,
    readonly facts: DisputeFacts,
    readonly daysUnresolved: number,
  ) {}
  get tableVersion(): string { return this.meta.version; }
  get ruleLevel(): RiskLevel {
    let rank = 1;
    this.meta.rules.forEach((rule, i) => { if (hasBit(this.bits, i)) rank = Math.max(rank, RANKS[rule.level]); });
    return LEVELS[rank]!;
  }
  private explain(): Explained {
    if (this.cache) return this.cache;
    const { meta, facts, daysUnresolved: days, bits } = this;
    const fired: Array<FiredRule> = [];
    meta.rules.forEach((rule, i) => { if (hasBit(bits, i)) fired.push(new FiredRuleRecord(rule, facts, days)); });
    const escalations: Array<AppliedEscalator> = [];
    let rank = RANKS[this.ruleLevel];
    const e0 = meta.rules.length;
    meta.escalators.forEach((e, i) => {
      if (!hasBit(bits, e0 + i)) return;
      const from = rank;
      rank = e.raise !== 0 ? Math.min(4, Math.max(1, rank + e.raise)) : Math.max(rank, e.atLeast);
      escalations.push(new AppliedEscalatorRecord(e, LEVELS[from]!, LEVELS[rank]!, facts, days));
    });
    const t0 = e0 + meta.escalators.length;
    const tasks = meta.tasks.filter((_t, i) => hasBit(bits, t0 + i));
    this.cache = {
      fired: fired.length ? fired : EMPTY,
      escalations: escalations.length ? escalations : EMPTY,
      tasks: tasks.length ? tasks : EMPTY,
    };
    return this.cache;
  }
  get fired(): ReadonlyArray<FiredRule> { return this.explain().fired; }
  get escalations(): ReadonlyArray<AppliedEscalator> { return this.explain().escalations; }
  get tasks(): ReadonlyArray<GradingTask> { return this.explain().tasks; }
  toJSON(): GradingResult {
    return {
      level: this.level,
      ruleLevel: this.ruleLevel,
      tableVersion: this.tableVersion,
      fired: this.fired,
      escalations: this.escalations,
      tasks: this.tasks,
      facts: this.facts,
      daysUnresolved: this.daysUnresolved,
    };
  }
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
