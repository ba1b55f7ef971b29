import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The statuses of a dispute case from registration to closing.
 *
 * @example
 * ```ts
 * import { CaseStatuses } from "@tiaojie/core";
 *
 * CaseStatuses.label("in-mediation"); // "调解中"
 * ```
 * @since 0.1.0
 */
export const CaseStatuses = defineTaxonomy({ zh: "案件状态", en: "case status" }, [
  { code: "registered", zh: "已登记", en: "registered" },
  { code: "accepted", zh: "已受理", en: "accepted" },
  { code: "declined", zh: "不予受理", en: "declined" },
  { code: "assigned", zh: "已交办", en: "assigned" },
  { code: "in-mediation", zh: "调解中", en: "in mediation" },
  { code: "mediation-failed", zh: "调解未成", en: "mediation failed" },
  { code: "referred", zh: "已移送", en: "referred" },
  { code: "escalated", zh: "已上报", en: "escalated" },
  { code: "resolved", zh: "已化解", en: "resolved" },
  { code: "closed", zh: "已结案", en: "closed" },
] as const);

/** A case status code. @since 0.1.0 */
export type CaseStatus = (typeof CaseStatuses.codes)[number];
