import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The four risk levels, most severe first. The plan asks for a grade per dispute
 * without defining a scale; the library uses the four colours common in Chinese
 * risk work.
 *
 * @example
 * ```ts
 * import { RiskLevels, riskRank } from "@tiaojie/core";
 *
 * RiskLevels.label("orange"); // "较大（橙色）"
 * riskRank("red") > riskRank("yellow"); // true
 * ```
 * @since 0.1.0
 */
export const RiskLevels = defineTaxonomy({ zh: "风险等级", en: "risk level" }, [
  { code: "red", zh: "重大（红色）", en: "major (red)" },
  { code: "orange", zh: "较大（橙色）", en: "serious (orange)" },
  { code: "yellow", zh: "一般（黄色）", en: "moderate (yellow)" },
  { code: "blue", zh: "轻微（蓝色）", en: "minor (blue)" },
] as const);

/** A risk level code. @since 0.1.0 */
export type RiskLevel = (typeof RiskLevels.codes)[number];

const RANK: Readonly<Record<RiskLevel, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };

/**
 * The severity of a level as a number, blue 1 to red 4, for comparing levels.
 *
 * @example
 * ```ts
 * import { riskRank } from "@tiaojie/core";
 *
 * riskRank("blue"); // 1
 * ```
 * @since 0.1.0
 */
export const riskRank = (level: RiskLevel): number => RANK[level];
