import { defineTaxonomy } from "./define-taxonomy.js";

/**
 * The roles in which a person acts on the ledger. Access rules are defined per role.
 *
 * @example
 * ```ts
 * import { ActorRoles } from "@tiaojie/core";
 *
 * ActorRoles.label("grid-worker"); // "网格员"
 * ```
 * @since 0.1.0
 */
export const ActorRoles = defineTaxonomy({ zh: "操作角色", en: "actor role" }, [
  { code: "township-leadership", zh: "镇领导", en: "township leadership" },
  { code: "coordinator", zh: "平安法治办工作人员", en: "peace and rule-of-law office staff" },
  { code: "unit-officer", zh: "部门工作人员", en: "unit officer" },
  { code: "village-committee", zh: "村（社区）干部", en: "village or community committee member" },
  { code: "grid-worker", zh: "网格员", en: "grid worker" },
  { code: "auditor", zh: "审计人员", en: "auditor" },
] as const);

/** An actor role code. @since 0.1.0 */
export type ActorRole = (typeof ActorRoles.codes)[number];
