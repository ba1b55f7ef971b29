import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The roles a party plays in a dispute.
 *
 * @example
 * ```ts
 * import { PartyRoles } from "@tiaojie/core";
 *
 * PartyRoles.label("respondent"); // "被申请方"
 * ```
 * @since 0.1.0
 */
export const PartyRoles = defineTaxonomy({ zh: "当事人角色", en: "party role" }, [
  { code: "claimant", zh: "申请方", en: "claimant" },
  { code: "respondent", zh: "被申请方", en: "respondent" },
  { code: "third-party", zh: "第三人", en: "third party" },
  { code: "other", zh: "其他关系人", en: "other person concerned" },
] as const);

/** A party role code. @since 0.1.0 */
export type PartyRole = (typeof PartyRoles.codes)[number];
