import type { Lang } from "../validation/bilingual.js";
import { CaseStatuses, type CaseStatus } from "../taxonomy/case-statuses.js";
import { type CaseTransition, caseTransitions } from "./case-transitions.js";

const stateId = (status: CaseStatus): string => status.replaceAll("-", "_");

/**
 * The transition table as a Mermaid `stateDiagram-v2`, for the generated docs:
 * one state per status (labelled in `lang`), one arrow per transition and source
 * status, labelled with the transition and its required fields.
 *
 * @example
 * ```ts
 * import { caseLifecycleMermaid } from "@tiaojie/core";
 *
 * const md = "```mermaid\n" + caseLifecycleMermaid() + "\n```";
 * ```
 * @since 0.1.0
 */
export const caseLifecycleMermaid = (table: ReadonlyArray<CaseTransition> = caseTransitions, lang: Lang = "zh"): string => {
  const used = new Set<CaseStatus>(["registered"]);
  for (const t of table) {
    used.add(t.to);
    for (const f of t.from) used.add(f);
  }
  const lines = ["stateDiagram-v2"];
  for (const status of CaseStatuses.codes) {
    if (used.has(status)) lines.push(`  state "${CaseStatuses.label(status, lang)}" as ${stateId(status)}`);
  }
  lines.push(`  [*] --> ${stateId("registered")}: ${lang === "zh" ? "登记" : "register"}`);
  for (const t of table) {
    const needs = t.requires.length > 0 ? ` (${t.requires.join(", ")})` : "";
    for (const from of t.from) lines.push(`  ${stateId(from)} --> ${stateId(t.to)}: ${t.label[lang]}${needs}`);
  }
  return lines.join("\n");
};
