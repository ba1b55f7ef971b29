import { defineTaxonomy } from "../taxonomy/define-taxonomy.js";

/**
 * How a resolved case was resolved: an agreement between the parties (a mediation
 * or settlement agreement), the claimant withdrawing the claim, a judgement, award
 * or decision of the body the case was referred to, or another way.
 *
 * @example
 * ```ts
 * import { ResolutionOutcomes } from "@tiaojie/core";
 *
 * ResolutionOutcomes.label("agreement"); // "达成协议"
 * ```
 * @since 0.1.0
 */
export const ResolutionOutcomes = defineTaxonomy({ zh: "化解方式", en: "resolution outcome" }, [
  { code: "agreement", zh: "达成协议", en: "agreement" },
  { code: "withdrawal", zh: "撤回请求", en: "withdrawal" },
  { code: "judgement", zh: "裁判或决定", en: "judgement, award or decision" },
  { code: "other", zh: "其他方式", en: "other" },
] as const);

/**
 * A resolution outcome code.
 *
 * @example
 * ```ts
 * const o: ResolutionOutcome = "agreement";
 * ```
 * @since 0.1.0
 */
export type ResolutionOutcome = (typeof ResolutionOutcomes.codes)[number];

/**
 * Where a case whose mediation failed is referred: a court (litigation), an
 * arbitration body (labour or land-contract arbitration), or an administrative
 * body for a decision (行政裁决 or 行政处理).
 *
 * @example
 * ```ts
 * import { ReferralTargets } from "@tiaojie/core";
 *
 * ReferralTargets.label("court", "en"); // "court"
 * ```
 * @since 0.1.0
 */
export const ReferralTargets = defineTaxonomy({ zh: "移送去向", en: "referral target" }, [
  { code: "court", zh: "人民法院", en: "court" },
  { code: "arbitration", zh: "仲裁机构", en: "arbitration body" },
  { code: "administrative-decision", zh: "行政机关处理", en: "administrative decision" },
] as const);

/**
 * A referral target code.
 *
 * @example
 * ```ts
 * const t: ReferralTarget = "court";
 * ```
 * @since 0.1.0
 */
export type ReferralTarget = (typeof ReferralTargets.codes)[number];
