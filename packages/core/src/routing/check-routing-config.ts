import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import { decode } from "../validation/decode.js";
import type { Problem } from "../validation/problem.js";
import type { IssuePath } from "../validation/validation-error.js";
import { gradingFact, isProtectedActivityFact } from "../grading/grading-facts.js";
import { type RouteCondition, RoutingConfig } from "./routing-config.js";

/**
 * What kind of problem {@link checkRoutingConfig} found.
 *
 * @example
 * ```ts
 * import { checkRoutingConfig } from "@tiaojie/core";
 *
 * const incomplete = checkRoutingConfig(config).some((p) => p.code === "missing-domain");
 * ```
 * @since 0.1.0
 */
export type RoutingProblemCode =
  | "malformed"
  | "missing-domain"
  | "duplicate-domain"
  | "lead-also-cooperating"
  | "duplicate-name"
  | "protected-activity"
  | "unknown-fact"
  | "wrong-comparison";

/**
 * One problem with a routing configuration, in both languages.
 *
 * @example
 * ```ts
 * import { checkRoutingConfig } from "@tiaojie/core";
 *
 * for (const p of checkRoutingConfig(config)) console.log(p.path.join("."), p.zh, p.en);
 * ```
 * @since 0.1.0
 */
export interface RoutingProblem extends Problem<RoutingProblemCode> {}

const problem = (code: RoutingProblemCode, path: IssuePath, zh: string, en: string): RoutingProblem => ({ code, path, zh, en });

const checkCondition = (c: RouteCondition, path: IssuePath, out: Array<RoutingProblem>): void => {
  switch (c.op) {
    case "domain":
    case "level":
      return;
    case "all":
    case "any":
      c.of.forEach((p, i) => checkCondition(p, [...path, "of", i], out));
      return;
    case "not":
      checkCondition(c.of, [...path, "of"], out);
      return;
    default: {
      const def = gradingFact(c.fact);
      if (isProtectedActivityFact(c.fact)) {
        out.push(problem("protected-activity", [...path, "fact"],
          `条件读取了受保护的行为（信访、诉讼、投诉、申诉）：“${c.fact}”，一律拒绝`,
          `the condition reads protected activity (petitions, lawsuits, complaints, appeals): "${c.fact}"; always rejected`));
      } else if (!def || def.source !== "stored") {
        out.push(problem("unknown-fact", [...path, "fact"], `分流条件不能读取“${c.fact}”`, `routing conditions cannot read "${c.fact}"`));
      } else if ((c.op === "is") !== (def.kind === "boolean")) {
        out.push(problem("wrong-comparison", [...path, "op"], `“${c.fact}”的比较方式不对`, `"${c.fact}" is compared the wrong way`));
      }
    }
  }
};

/**
 * Checks a routing configuration, decoded or raw, and lists every problem (empty
 * when sound): it is well formed; the matrix has exactly one row for every domain
 * (so routing is total); no lead unit is also listed as cooperating; rule ids are
 * unique; conditions read only known dispute facts and never protected activity.
 *
 * @example
 * ```ts
 * import { checkRoutingConfig, zixiRoutingConfig } from "@tiaojie/core";
 *
 * checkRoutingConfig(zixiRoutingConfig); // []
 * checkRoutingConfig({ ...zixiRoutingConfig, matrix: [] })[0]?.code; // "missing-domain"
 * ```
 * @since 0.1.0
 */
export const checkRoutingConfig = (input: unknown): ReadonlyArray<RoutingProblem> => {
  const decoded = decode(RoutingConfig, input);
  if (!decoded.ok) return decoded.error.issues.map((issue) => ({ code: "malformed" as const, ...issue }));
  const config = decoded.value;
  const out: Array<RoutingProblem> = [];
  const seen = new Set<string>();
  config.matrix.forEach((entry, i) => {
    if (seen.has(entry.domain))
      out.push(problem("duplicate-domain", ["matrix", i, "domain"], `领域“${DisputeDomains.label(entry.domain, "zh")}”重复`, `domain "${entry.domain}" has more than one row`));
    seen.add(entry.domain);
    if (entry.cooperating.includes(entry.lead))
      out.push(problem("lead-also-cooperating", ["matrix", i, "cooperating"], "主管单位不应同时列为配合单位", "the lead unit is also listed as cooperating"));
  });
  for (const domain of DisputeDomains.codes) {
    if (!seen.has(domain))
      out.push(problem("missing-domain", ["matrix"], `分流矩阵缺少领域“${DisputeDomains.label(domain, "zh")}”`, `the matrix has no row for domain "${domain}"`));
  }
  const ids = new Set<string>();
  config.escalations.forEach((rule, i) => {
    if (ids.has(rule.id)) out.push(problem("duplicate-name", ["escalations", i, "id"], `规则编号“${rule.id}”重复`, `rule id "${rule.id}" is repeated`));
    ids.add(rule.id);
    checkCondition(rule.when, ["escalations", i, "when"], out);
  });
  return out;
};
