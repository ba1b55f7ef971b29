import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The domains a dispute belongs to: the seven the Zixi plan names for the sweep,
 * disputes already in legal proceedings, petition matters, and other.
 *
 * @example
 * ```ts
 * import { DisputeDomains } from "@tiaojie/core";
 *
 * DisputeDomains.label("land-requisition"); // "征地拆迁"
 * ```
 * @since 0.1.0
 */
export const DisputeDomains = defineTaxonomy({ zh: "纠纷领域", en: "dispute domain" }, [
  { code: "marriage-family", zh: "婚恋家庭", en: "marriage and family" },
  { code: "neighbourhood", zh: "邻里关系", en: "neighbours" },
  { code: "economic-financial", zh: "经济金融", en: "economic and financial" },
  { code: "unpaid-debts-wages", zh: "欠资欠薪", en: "unpaid debts and wages" },
  { code: "land-requisition", zh: "征地拆迁", en: "land requisition and demolition" },
  { code: "medical", zh: "医疗卫生", en: "medical and health" },
  { code: "forest-land", zh: "山林土地", en: "forest and land" },
  { code: "in-legal-proceedings", zh: "涉法涉诉", en: "in legal proceedings" },
  { code: "petition", zh: "信访事项", en: "petition matter" },
  { code: "other", zh: "其他", en: "other" },
] as const);

/** A dispute domain code. @since 0.1.0 */
export type DisputeDomain = (typeof DisputeDomains.codes)[number];
