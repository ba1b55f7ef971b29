import { type DisputeDomain, DisputeDomains } from "../taxonomy/dispute-domains.js";
import { ResolutionChannels } from "../taxonomy/resolution-channels.js";
import { decode } from "../validation/decode.js";
import type { Problem } from "../validation/problem.js";
import type { IssuePath } from "../validation/validation-error.js";
import { gradingFact, isProtectedActivityFact } from "../grading/grading-facts.js";
import { type UnitKind, UnitKinds } from "../taxonomy/unit-kinds.js";
import { type RouteCondition, RoutingConfig } from "./routing-config.js";
import { excludesPublicSecurity, isPublicSecurity, isPublicSecurityChannel, routeConditionDomains } from "./public-security.js";

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
  | "wrong-comparison"
  | "public-security-excluded";

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

const domainList = (domains: ReadonlyArray<DisputeDomain>): { zh: string; en: string } => ({
  zh: domains.map((d) => `“${DisputeDomains.label(d, "zh")}”`).join("、"),
  en: domains.map((d) => `"${DisputeDomains.label(d, "en")}"`).join(", "),
});

/** What a rule or row would have public security do, as the end of a sentence. */
interface Part {
  readonly zh: (on: string) => string;
  readonly en: (on: string) => string;
}

const publicSecurityProblem = (path: IssuePath, part: Part, domains: ReadonlyArray<DisputeDomain>): RoutingProblem => {
  const on = domainList(domains);
  return problem("public-security-excluded", path,
    `公安机关不参与信访事项和涉法涉诉纠纷：${part.zh(on.zh)}`,
    `public security takes no part in petition matters or disputes in legal proceedings: ${part.en(on.en)}`);
};

const unitPart = (verb: { zh: string; en: string }, unit: UnitKind): Part => ({
  zh: (on) => `${on}不得由${UnitKinds.label(unit, "zh")}${verb.zh}`,
  en: (on) => `the ${UnitKinds.label(unit, "en")} may not ${verb.en} ${on}`,
});

/** Every place a rule or row would put public security on a domain it is kept off. */
const checkPublicSecurity = (config: RoutingConfig, out: Array<RoutingProblem>): void => {
  config.matrix.forEach((entry, i) => {
    if (!excludesPublicSecurity(entry.domain)) return;
    if (isPublicSecurity(entry.lead))
      out.push(publicSecurityProblem(["matrix", i, "lead"], unitPart({ zh: "牵头", en: "lead" }, entry.lead), [entry.domain]));
    entry.cooperating.forEach((unit, j) => {
      if (isPublicSecurity(unit))
        out.push(publicSecurityProblem(["matrix", i, "cooperating", j], unitPart({ zh: "配合", en: "cooperate on" }, unit), [entry.domain]));
    });
  });
  config.escalations.forEach((rule, i) => {
    const domains = routeConditionDomains(rule.when).filter(excludesPublicSecurity);
    if (domains.length === 0) return;
    rule.then.forEach((action, k) => {
      const at: IssuePath = ["escalations", i, "then", k];
      switch (action.kind) {
        case "lead":
          if (isPublicSecurity(action.unit)) out.push(publicSecurityProblem([...at, "unit"], unitPart({ zh: "牵头", en: "lead" }, action.unit), domains));
          return;
        case "cooperate":
          action.units.forEach((unit, j) => {
            if (isPublicSecurity(unit)) out.push(publicSecurityProblem([...at, "units", j], unitPart({ zh: "配合", en: "cooperate on" }, unit), domains));
          });
          return;
        case "escalate":
          if (isPublicSecurity(action.to)) out.push(publicSecurityProblem([...at, "to"], unitPart({ zh: "接受上报", en: "receive escalations of" }, action.to), domains));
          return;
        case "report":
          if (isPublicSecurity(action.to)) out.push(publicSecurityProblem([...at, "to"], unitPart({ zh: "接收报告", en: "receive reports of" }, action.to), domains));
          return;
        case "linkage":
          if (isPublicSecurityChannel(action.channel))
            out.push(publicSecurityProblem([...at, "channel"], { zh: (on) => `${on}不得启动${ResolutionChannels.label(action.channel, "zh")}`, en: (on) => `${ResolutionChannels.label(action.channel, "en")} may not be used for ${on}` }, domains));
          return;
        default:
          return;
      }
    });
  });
};

/**
 * Checks a routing configuration, decoded or raw, and lists every problem (empty
 * when sound): it is well formed; the matrix has exactly one row for every domain
 * (so routing is total); no lead unit is also listed as cooperating; rule ids are
 * unique; conditions read only known dispute facts and never protected activity;
 * and no public-security unit ({@link publicSecurityUnitKinds}) leads, cooperates
 * on, is escalated to, receives reports of or is linked into (警调对接) petition
 * matters or disputes in legal proceedings ({@link publicSecurityExcludedDomains}):
 * neither in their matrix rows nor in any escalation rule whose condition can
 * hold for them (`domain` gives its list, `all` the intersection, `any` the
 * union, `not` of a condition on the domain alone its complement; any other
 * condition can hold for every domain). {@link routeDispute} keeps to this rule
 * even for a configuration that was never checked.
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
  checkPublicSecurity(config, out);
  return out;
};
