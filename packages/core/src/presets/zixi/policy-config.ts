import { defaultAccessPolicy } from "../../access/access-policy.js";
import { caseTransitions } from "../../lifecycle/case-transitions.js";
import type { PolicyConfig } from "../../policy-docs/policy-docs.js";
import { zixi2025 } from "./campaign.js";
import { zixiGradingTable } from "./grading-table.js";
import { zixiRoutingConfig } from "./routing-config.js";
import { zixiSupportCriteria } from "./support-criteria.js";
import { zixiSupportMeasures } from "./support-measures.js";
import { defaultTimeLimits } from "./time-limits.js";
import { zixiLowerGradeApprovers } from "./grade-approvers.js";
import { zixiRetention } from "./retention.js";

/**
 * The Zixi preset: the rule sets the library uses by default.
 *
 * @example
 * ```ts
 * import { renderPolicyDocs, zixiPolicyConfig } from "@tiaojie/core";
 *
 * renderPolicyDocs({ ...zixiPolicyConfig, grading: myCountyTable });
 * ```
 * @since 0.1.0
 */
export const zixiPolicyConfig: PolicyConfig = {
  grading: zixiGradingTable,
  routing: zixiRoutingConfig,
  supportCriteria: zixiSupportCriteria,
  supportMeasures: zixiSupportMeasures,
  access: defaultAccessPolicy,
  transitions: caseTransitions,
  timeLimits: defaultTimeLimits,
  campaign: zixi2025,
  lowerGradeApprovers: zixiLowerGradeApprovers,
  retention: zixiRetention,
  smallCellThreshold: 5,
};
