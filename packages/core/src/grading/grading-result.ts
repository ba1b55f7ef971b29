import type { ResolutionPriority } from "../taxonomy/resolution-priorities.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import type { GradingFactName } from "./grading-facts.js";
import type { GradingTaskRule } from "./grading-table.js";

/**
 * The values of the facts that what fired read, by fact name: every fact named
 * by the condition of a rule that fired, an escalator that held or a task that
 * is due (`daysUnresolved` among them when an escalator read it), and nothing
 * else. Plain numbers and booleans; empty when nothing fired.
 *
 * @example
 * ```ts
 * import { gradeDispute, type FactValues } from "@tiaojie/core";
 *
 * const values: FactValues = gradeDispute(dispute, { asOf }).values;
 * values.peopleInvolved; // 32
 * ```
 * @since 0.2.0
 */
export type FactValues = Readonly<Partial<Record<GradingFactName, number | boolean>>>;

/**
 * A rule that fired: its id, the harm risk level it gives, and the facts its
 * condition reads (their values are in {@link GradingResult.values}). Texts
 * (what the rule means, why it fired) come from {@link explainGrade}.
 *
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * const result = gradeDispute(dispute, { asOf });
 * for (const rule of result.fired) {
 *   console.log(rule.id, rule.level, rule.reads.map((fact) => `${fact} = ${result.values[fact]}`));
 * }
 * ```
 * @since 0.1.0
 */
export interface FiredRule {
  readonly id: string;
  readonly level: RiskLevel;
  /** The facts the rule's condition reads, in the vocabulary's order. @since 0.2.0 */
  readonly reads: ReadonlyArray<GradingFactName>;
}

/**
 * An escalator whose condition held: the resolution priority before and after it
 * (equal when the priority was already at its highest), and the facts its
 * condition reads. Escalators change the priority only, never the level.
 *
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * const [e] = gradeDispute(dispute, { asOf }).escalations;
 * if (e) console.log(`${e.id}: ${e.from} → ${e.to}`); // "long-unresolved: normal → high"
 * ```
 * @since 0.1.0
 */
export interface AppliedEscalator {
  readonly id: string;
  readonly from: ResolutionPriority;
  readonly to: ResolutionPriority;
  /** The facts the escalator's condition reads. @since 0.2.0 */
  readonly reads: ReadonlyArray<GradingFactName>;
}

/**
 * A task returned with the grade (for example crisis intervention, help first).
 * Its text comes from {@link explainGrade}.
 *
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * const helpFirst = gradeDispute(dispute, { asOf }).tasks.filter((t) => t.precedence === "help-first");
 * ```
 * @since 0.1.0
 */
export interface GradingTask {
  readonly id: string;
  readonly kind: GradingTaskRule["kind"];
  /** The task's own order of work ("help-first" before anything else), apart from the dispute's resolution priority. @since 0.2.0 */
  readonly precedence: GradingTaskRule["precedence"];
}

/**
 * The outcome of grading one dispute, as plain, frozen data: what a store
 * persists and what an audit reads back. It has no methods, getters or hidden
 * state, so `structuredClone`, a spread and `JSON.stringify` keep it whole.
 *
 * - `level`: the recommended harm risk level, the highest level among the rules
 *   that fired (blue when none did); a person confirms it with {@link confirmGrade}.
 * - `priority`: how urgently to resolve the dispute: the table's base priority of
 *   the level, raised by the escalators that held (long unresolved …). Time
 *   raises the priority, never the level.
 * - `fired`, `escalations`, `tasks`: every rule that fired, every escalator that
 *   held and every task due, in table order.
 * - `daysUnresolved`: the days unresolved used; `values`: the facts that what
 *   fired read, with their values (nothing else of the dispute).
 * - `tableVersion`: the version of the table that graded it.
 *
 * Texts (descriptions and reasons citing the values) come from
 * {@link explainGrade}, which checks the table version. Being frozen, equal
 * parts may be shared between results (the lists of what fired, the values of
 * a single fact, the whole result of a calm dispute): compare results by their
 * content, not by identity.
 *
 * @example
 * ```ts
 * import { gradeDispute, explainGrade } from "@tiaojie/core";
 *
 * const result = gradeDispute(dispute, { asOf });
 * store.save({ level: result.level, priority: result.priority, rules: result.fired.map((r) => r.id) });
 * const text = explainGrade(result, "zh");
 * if (text.ok) for (const rule of text.value.fired) console.log(rule.reason);
 * ```
 * @since 0.1.0
 */
export interface GradingResult {
  readonly tableVersion: string;
  readonly level: RiskLevel;
  /** @since 0.2.0 */
  readonly priority: ResolutionPriority;
  readonly fired: ReadonlyArray<FiredRule>;
  readonly escalations: ReadonlyArray<AppliedEscalator>;
  readonly tasks: ReadonlyArray<GradingTask>;
  /** The days unresolved used (0 on the day of reporting; counting stops on the day of resolution). */
  readonly daysUnresolved: number;
  /** The values of the facts read by the rules fired, the escalators that held and the tasks due. @since 0.2.0 */
  readonly values: FactValues;
}

/**
 * The id of the escalator that set a result's priority: the last escalation that
 * raised it, or `undefined` when the priority is the level's base priority.
 *
 * @example
 * ```ts
 * import { gradeDispute, priorityRaisedBy } from "@tiaojie/core";
 *
 * const result = gradeDispute(dispute, { asOf });
 * priorityRaisedBy(result); // "long-unresolved", or undefined
 * ```
 * @since 0.2.0
 */
export const priorityRaisedBy = (result: Pick<GradingResult, "escalations">): string | undefined => {
  for (let i = result.escalations.length - 1; i >= 0; i--) {
    const e = result.escalations[i]!;
    if (e.from !== e.to) return e.id;
  }
  return undefined;
};
