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
 * arbitration body (labour or land-contract arbitration), the administrative
 * body in charge of the matter for a decision (行政裁决 or 行政处理; public
 * security is never meant by it), or public security (公安机关), for a dispute
 * whose handling under the law belongs to it, such as a neighbour dispute that
 * involves an offence against public security administration.
 *
 * A petition matter or a dispute in legal proceedings is never referred to
 * public security through its case ({@link transitionCase} refuses it with
 * {@link PublicSecurityExcluded}); an unlawful act found in the course of one is
 * referred as such, by {@link referUnlawfulAct}.
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
  { code: "administrative-decision", zh: "主管行政机关处理", en: "decision of the administrative body in charge" },
  { code: "public-security", zh: "公安机关依法处理", en: "public security, for handling under the law" },
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
