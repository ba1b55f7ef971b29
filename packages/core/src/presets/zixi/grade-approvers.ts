import type { ActorRole } from "../../taxonomy/actor-roles.js";

/**
 * The roles that may approve a lowered grade as the second officer, in the Zixi
 * preset: the township leadership and the peace and rule-of-law office
 * (平安法治办), which coordinates all dispute work. A county that lets others
 * approve passes its own list to {@link confirmGrade}.
 *
 * @example
 * ```ts
 * import { confirmGrade, zixiLowerGradeApprovers } from "@tiaojie/core";
 *
 * zixiLowerGradeApprovers; // ["township-leadership", "coordinator"]
 * confirmGrade(input, { lowerGradeApprovers: [...zixiLowerGradeApprovers, "unit-officer"] });
 * ```
 * @since 0.2.0
 */
export const zixiLowerGradeApprovers: ReadonlyArray<ActorRole> = ["township-leadership", "coordinator"];
