import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * How urgently a dispute must be resolved, most urgent first. The priority is
 * separate from the harm risk level ({@link RiskLevels}): a grading table gives
 * each level a base priority, and escalators such as "long unresolved" raise the
 * priority, never the level. Time spent waiting makes a dispute more urgent to
 * resolve; it never makes a person a greater risk.
 *
 * @example
 * ```ts
 * import { ResolutionPriorities, priorityRank } from "@tiaojie/core";
 *
 * ResolutionPriorities.label("urgent"); // "紧急"
 * priorityRank("urgent") > priorityRank("normal"); // true
 * ```
 * @since 0.2.0
 */
export const ResolutionPriorities = defineTaxonomy({ zh: "化解优先级", en: "resolution priority" }, [
  { code: "urgent", zh: "紧急", en: "urgent" },
  { code: "high", zh: "优先", en: "high" },
  { code: "normal", zh: "常规", en: "normal" },
] as const);

/**
 * A resolution priority code.
 *
 * @example
 * ```ts
 * import type { ResolutionPriority } from "@tiaojie/core";
 *
 * const p: ResolutionPriority = "high";
 * ```
 * @since 0.2.0
 */
export type ResolutionPriority = (typeof ResolutionPriorities.codes)[number];

const RANK: Readonly<Record<ResolutionPriority, number>> = { normal: 1, high: 2, urgent: 3 };
const BY_RANK: ReadonlyArray<ResolutionPriority> = ["normal", "normal", "high", "urgent"];

/**
 * The urgency of a priority as a number, normal 1 to urgent 3, for comparing and
 * sorting priorities.
 *
 * @example
 * ```ts
 * import { priorityRank } from "@tiaojie/core";
 *
 * priorityRank("normal"); // 1
 * priorityRank("urgent"); // 3
 * ```
 * @since 0.2.0
 */
export const priorityRank = (priority: ResolutionPriority): number => RANK[priority];

/**
 * The priority of a rank (the inverse of {@link priorityRank}); ranks outside 1–3
 * are clamped to the nearest priority.
 *
 * @example
 * ```ts
 * import { priorityOfRank } from "@tiaojie/core";
 *
 * priorityOfRank(2); // "high"
 * priorityOfRank(9); // "urgent"
 * ```
 * @since 0.2.0
 */
export const priorityOfRank = (rank: number): ResolutionPriority =>
  BY_RANK[Number.isNaN(rank) ? 1 : Math.min(3, Math.max(1, Math.trunc(rank)))]!;
