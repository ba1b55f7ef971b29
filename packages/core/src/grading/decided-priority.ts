import { type ResolutionPriority, priorityOfRank, priorityRank } from "../taxonomy/resolution-priorities.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import type { EscalatorEffect, GradingTable } from "./grading-table.js";

/** @internal A priority rank after an escalator's effect: raised by steps (within normal…urgent), or to at least a priority. */
export const applyPriorityEffect = (rank: number, effect: EscalatorEffect): number =>
  effect.op === "raise" ? Math.min(3, Math.max(1, rank + effect.steps)) : Math.max(rank, priorityRank(effect.priority));

/**
 * The resolution priority a table gives a dispute at `level` when the escalators
 * named in `escalators` held: the level's base priority, raised by each of those
 * escalators in the table's order. This is how the evaluator computes the
 * priority, for a level a person decided instead of the one the rules gave: an
 * officer who raises a grade to red gets at least red's base priority, and one
 * who lowers it keeps what the long wait added, but not the base priority of the
 * level given up. Escalator ids the table does not have are ignored.
 *
 * @example
 * ```ts
 * import { decidedPriority, zixiGradingTable } from "@tiaojie/core";
 *
 * decidedPriority(zixiGradingTable, "red", []); // "urgent"
 * decidedPriority(zixiGradingTable, "blue", ["long-unresolved"]); // "high"
 * ```
 * @since 0.2.0
 */
export const decidedPriority = (table: GradingTable, level: RiskLevel, escalators: ReadonlyArray<string>): ResolutionPriority => {
  const held = new Set(escalators);
  let rank = priorityRank(table.basePriority[level]);
  for (const e of table.escalators) {
    if (!held.has(e.id)) continue;
    rank = applyPriorityEffect(rank, e.then);
  }
  return priorityOfRank(rank);
};
