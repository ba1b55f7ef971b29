import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The six groups of people the plan asks to follow up, numbered as in the plan.
 * Listing someone is a measure of help and care, with a lawful basis and an end.
 *
 * @example
 * ```ts
 * import { SupportCategories } from "@tiaojie/core";
 *
 * SupportCategories.label(5, "en"); // "people in hardship"
 * ```
 * @since 0.1.0
 */
export const SupportCategories = defineTaxonomy({ zh: "重点人群类别", en: "support category" }, [
  { code: 1, zh: "严重精神障碍患者", en: "patients with severe mental disorders" },
  { code: 2, zh: "刑满释放人员、社区矫正对象", en: "people released from prison or under community correction" },
  { code: 3, zh: "“三失一偏”人员", en: "people in acute life crisis" },
  { code: 4, zh: "有现实危险的信访人员", en: "petitioners who have shown a real danger" },
  { code: 5, zh: "生活困难人员", en: "people in hardship" },
  { code: 6, zh: "流动人口", en: "migrant residents" },
] as const);

/** A support category number, 1 to 6. @since 0.1.0 */
export type SupportCategory = (typeof SupportCategories.codes)[number];
