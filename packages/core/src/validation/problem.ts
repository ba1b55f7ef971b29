import type { ValidationIssue } from "./validation-error.js";

/**
 * One problem found by a static check of a configuration or policy
 * (`checkGradingTable`, `checkRoutingConfig`, `checkSupportCriteria`,
 * `checkCampaign`, `policyViolations` …): a stable `code` to branch on, the
 * `path` of the offending part (empty for the whole), and what is wrong in
 * Chinese and English. Every check returns a list of these; an empty list means
 * the configuration is sound.
 *
 * @typeParam C - the codes the check can give
 * @example
 * ```ts
 * import { checkRoutingConfig, formatPath, type Problem } from "@tiaojie/core";
 *
 * const problems: ReadonlyArray<Problem> = checkRoutingConfig(config);
 * for (const p of problems) console.log(p.code, formatPath(p.path), p.zh, p.en);
 * ```
 * @since 0.2.0
 */
export interface Problem<C extends string = string> extends ValidationIssue {
  readonly code: C;
}
