import type { LocalDate } from "../model/local-date.js";
import { type CompiledGradingTable, type GradableDispute, compileGradingTable } from "./compile-grading-table.js";
import type { GradingResult } from "./grading-result.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";

let defaultCompiled: CompiledGradingTable | undefined;

/**
 * The default table ({@link zixiGradingTable}), compiled once on first use.
 *
 * @example
 * ```ts
 * import { defaultGradingTable } from "@tiaojie/core";
 *
 * defaultGradingTable().evaluate(facts, 0).priority;
 * ```
 * @since 0.1.0
 */
export const defaultGradingTable = (): CompiledGradingTable => {
  if (!defaultCompiled) {
    const compiled = compileGradingTable(zixiGradingTable);
    // The default table is checked by the test suite; failing here is a library bug.
    if (!compiled.ok) throw new Error(`@tiaojie/core: the default grading table is invalid:\n${compiled.error.message}`);
    defaultCompiled = compiled.value;
  }
  return defaultCompiled;
};

/**
 * Options of {@link gradeDispute}.
 *
 * @example
 * ```ts
 * import { compileGradingTable, gradeDispute } from "@tiaojie/core";
 *
 * const compiled = compileGradingTable(countyTable);
 * if (compiled.ok) gradeDispute(dispute, { asOf, table: compiled.value });
 * ```
 * @since 0.1.0
 */
export interface GradeDisputeOptions {
  /** The date to grade as of: days unresolved are counted from `reportedOn` to it (or to `resolvedOn`, when earlier). */
  readonly asOf: LocalDate;
  /**
   * The compiled table to grade with.
   * @default the Zixi preset, {@link defaultGradingTable}
   */
  readonly table?: CompiledGradingTable;
}

/**
 * Grades one dispute: the recommended harm risk level with every rule that
 * fired, the resolution priority with every escalation, the tasks to do first,
 * the values read and the table version, as plain frozen data (put it into words
 * with {@link explainGrade}). The level is a recommendation: a person confirms or
 * overrides it with {@link confirmGrade}. Petition facts are never read, and the
 * time a dispute has waited raises its priority, never its level.
 *
 * @example
 * ```ts
 * import { gradeDispute } from "@tiaojie/core";
 *
 * const result = gradeDispute(dispute, { asOf: today });
 * result.level; // "orange"
 * result.priority; // "high"
 * result.fired.map((r) => r.id); // ["crowd-orange"]
 * ```
 * @since 0.1.0
 */
export const gradeDispute = (dispute: GradableDispute, options: GradeDisputeOptions): GradingResult =>
  (options.table ?? defaultGradingTable()).grade(dispute, options.asOf);
