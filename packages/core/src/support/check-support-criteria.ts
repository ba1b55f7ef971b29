import type { Problem } from "../validation/problem.js";
import type { IssuePath } from "../validation/validation-error.js";
import type { ThreatKind } from "./support-facts.js";

/**
 * The only kinds of documented threat that can ever qualify a person for
 * category 4: a threat of violence against people. This is the law of the
 * library, not a preset: {@link checkSupportCriteria} refuses criteria that add
 * any other kind, and {@link evaluateEligibility} lists nobody on another kind
 * whatever the criteria say.
 *
 * @example
 * ```ts
 * import { qualifyingThreatKinds } from "@tiaojie/core";
 *
 * qualifyingThreatKinds; // ["violence"]
 * ```
 * @since 0.2.0
 */
export const qualifyingThreatKinds: ReadonlyArray<ThreatKind> = ["violence"];

/** Whether a value (typed or raw) is a kind of threat that may qualify for category 4. @internal */
export const isQualifyingThreatKind = (kind: unknown): kind is ThreatKind =>
  (qualifyingThreatKinds as ReadonlyArray<unknown>).includes(kind);

/**
 * What kind of problem {@link checkSupportCriteria} found: the criteria are not
 * shaped as six categories in order (`malformed`, `category-order`), or category
 * 4 lets a threat other than violence against people qualify
 * (`non-violent-threat`).
 *
 * @example
 * ```ts
 * import { checkSupportCriteria } from "@tiaojie/core";
 *
 * const unlawful = checkSupportCriteria(criteria).some((p) => p.code === "non-violent-threat");
 * ```
 * @since 0.2.0
 */
export type SupportCriteriaProblemCode = "malformed" | "category-order" | "non-violent-threat";

/**
 * One problem with support criteria, in both languages.
 *
 * @example
 * ```ts
 * import { checkSupportCriteria, formatPath } from "@tiaojie/core";
 *
 * for (const p of checkSupportCriteria(criteria)) console.log(formatPath(p.path), p.zh, p.en);
 * ```
 * @since 0.2.0
 */
export interface SupportCriteriaProblem extends Problem<SupportCriteriaProblemCode> {}

const problem = (code: SupportCriteriaProblemCode, path: IssuePath, zh: string, en: string): SupportCriteriaProblem => ({ code, path, zh, en });

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks support criteria, typed or raw (for example parsed from a county's
 * JSON), and lists every problem (empty when sound): there are six categories,
 * numbered 1 to 6 in order, and category 4's qualifying threats are only threats
 * of violence against people ({@link qualifyingThreatKinds}). A criteria value
 * that adds any other kind of threat ("disturbing public order", a kind the
 * library does not know …) is refused: disturbing order is how travelling to
 * petition is often labelled, and petitioning is a right. The messages never
 * repeat the refused value.
 *
 * {@link evaluateEligibility} does not rely on this check: it lists nobody on a
 * threat other than violence whatever criteria it is given.
 *
 * @example
 * ```ts
 * import { checkSupportCriteria, zixiSupportCriteria } from "@tiaojie/core";
 *
 * checkSupportCriteria(zixiSupportCriteria); // []
 * const raw = JSON.parse(JSON.stringify(zixiSupportCriteria));
 * raw.categories[3].parameters.qualifyingThreats.push("public-order");
 * checkSupportCriteria(raw)[0]?.code; // "non-violent-threat"
 * ```
 * @since 0.2.0
 */
export const checkSupportCriteria = (input: unknown): ReadonlyArray<SupportCriteriaProblem> => {
  if (!isObject(input) || !Array.isArray(input["categories"])) {
    return [problem("malformed", input === null || typeof input !== "object" ? [] : ["categories"], "认定标准应包含类别列表", "the criteria must have a list of categories")];
  }
  const categories: ReadonlyArray<unknown> = input["categories"];
  const out: Array<SupportCriteriaProblem> = [];
  if (categories.length !== 6)
    out.push(problem("category-order", ["categories"], "认定标准应恰好包含 6 个类别", "the criteria must have exactly six categories"));
  categories.forEach((c, i) => {
    if (!isObject(c)) {
      out.push(problem("malformed", ["categories", i], "类别标准应为对象", "a category's criterion must be an object"));
    } else if (c["category"] !== i + 1) {
      out.push(problem("category-order", ["categories", i, "category"], `第 ${i + 1} 项应为第 ${i + 1} 类`, `item ${i + 1} must be category ${i + 1}`));
    }
  });
  const fourth = categories[3];
  if (isObject(fourth)) {
    const parameters = fourth["parameters"];
    const threats = isObject(parameters) ? parameters["qualifyingThreats"] : undefined;
    if (!Array.isArray(threats)) {
      out.push(problem("malformed", ["categories", 3, "parameters", "qualifyingThreats"], "第 4 类应列出可认定的危险情形", "category 4 must list its qualifying threats"));
    } else {
      threats.forEach((kind: unknown, j) => {
        if (!isQualifyingThreatKind(kind))
          out.push(problem("non-violent-threat", ["categories", 3, "parameters", "qualifyingThreats", j],
            "第 4 类只能依据有据可查的对他人实施暴力的威胁认定，不得增加其他情形",
            "category 4 qualifies only on a documented threat of violence against people; no other kind of threat may be added"));
      });
    }
  }
  return out;
};
