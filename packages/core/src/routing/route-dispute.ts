import type { DisputeFacts } from "../model/dispute.js";
import { type DisputeDomain, DisputeDomains } from "../taxonomy/dispute-domains.js";
import type { ResolutionChannel } from "../taxonomy/resolution-channels.js";
import { type RiskLevel, riskRank } from "../taxonomy/risk-levels.js";
import { type UnitKind, UnitKinds } from "../taxonomy/unit-kinds.js";
import type { Bilingual } from "../validation/bilingual.js";
import { gradingFact } from "../grading/grading-facts.js";
import type { RouteCondition, RoutingConfig } from "./routing-config.js";
import { zixiRoutingConfig } from "../presets/zixi/routing-config.js";
import { excludesPublicSecurity, isPublicSecurity, isPublicSecurityChannel } from "./public-security.js";

/**
 * What routing reads: the dispute's domain, its (recommended or confirmed) level
 * and its facts. Petition facts are not part of it.
 *
 * @example
 * ```ts
 * import { routeDispute, type RouteInput } from "@tiaojie/core";
 *
 * const input: RouteInput = { domain: dispute.domain, level: "orange", facts: dispute.facts };
 * routeDispute(input);
 * ```
 * @since 0.1.0
 */
export interface RouteInput {
  readonly domain: DisputeDomain;
  readonly level: RiskLevel;
  readonly facts: DisputeFacts;
}

/**
 * One reason in a route: the matrix row or escalation rule it comes from, what it
 * says, and its basis, in both languages. A `fallback` reason is the library's
 * own rule where the configuration falls short: a domain with no matrix row, or
 * a row or rule whose public-security part was not applied to a petition matter
 * or a dispute in legal proceedings.
 *
 * @example
 * ```ts
 * import { routeDispute } from "@tiaojie/core";
 *
 * for (const r of routeDispute(input).reasons) console.log(r.source, r.rule, r.zh);
 * ```
 * @since 0.1.0
 */
export interface RouteReason extends Bilingual {
  readonly source: "matrix" | "escalation" | "fallback";
  /** The domain for a matrix row, the rule id for an escalation; for a fallback, the domain or rule id not followed. */
  readonly rule: string;
  readonly basis?: Bilingual;
}

/**
 * A report a unit must receive, and how soon.
 *
 * @example
 * ```ts
 * import { routeDispute } from "@tiaojie/core";
 *
 * routeDispute({ ...input, level: "red" }).reports; // [{ to: "township-leadership", within: "same-day" }]
 * ```
 * @since 0.1.0
 */
export interface RouteReport {
  readonly to: UnitKind;
  readonly within: "same-day" | "next-day" | "three-days";
}

/**
 * Where a dispute goes and why: the lead unit kind, cooperating unit kinds,
 * higher bodies it is escalated to, linkage channels, whether a named person must
 * be made responsible, whether the parties are to be told of the court route, the
 * reports due, and every reason.
 *
 * @example
 * ```ts
 * import { routeDispute, UnitKinds } from "@tiaojie/core";
 *
 * const route = routeDispute(input);
 * console.log(UnitKinds.label(route.lead), route.cooperating.map((u) => UnitKinds.label(u)));
 * ```
 * @since 0.1.0
 */
export interface Route {
  readonly configVersion: string;
  readonly domain: DisputeDomain;
  readonly level: RiskLevel;
  readonly lead: UnitKind;
  readonly cooperating: ReadonlyArray<UnitKind>;
  readonly escalatedTo: ReadonlyArray<UnitKind>;
  readonly linkages: ReadonlyArray<ResolutionChannel>;
  readonly responsiblePersonRequired: boolean;
  readonly informCourtRoute: boolean;
  readonly reports: ReadonlyArray<RouteReport>;
  readonly reasons: ReadonlyArray<RouteReason>;
}

/**
 * Evaluates a routing condition on an input.
 *
 * @example
 * ```ts
 * import { routeConditionHolds } from "@tiaojie/core";
 *
 * routeConditionHolds({ op: "level", atLeast: "orange" }, { domain: "medical", level: "red", facts });
 * // true
 * ```
 * @since 0.1.0
 */
export const routeConditionHolds = (c: RouteCondition, input: RouteInput): boolean => {
  switch (c.op) {
    case "domain": return c.in.includes(input.domain);
    case "level": return riskRank(input.level) >= riskRank(c.atLeast);
    case "all": return c.of.every((p) => routeConditionHolds(p, input));
    case "any": return c.of.some((p) => routeConditionHolds(p, input));
    case "not": return !routeConditionHolds(c.of, input);
    case "is": return storedFact(input, c.fact) === true;
    default: {
      const v = Number(storedFact(input, c.fact));
      switch (c.op) {
        case ">=": return v >= c.than;
        case ">": return v > c.than;
        case "<=": return v <= c.than;
        case "<": return v < c.than;
        case "==": return v === c.than;
        case "!=": return v !== c.than;
      }
    }
  }
};

/** Reads a stored dispute fact of the grading vocabulary; any other name reads nothing. */
const storedFact = (input: RouteInput, fact: string): unknown =>
  gradingFact(fact)?.source === "stored" ? (input.facts as unknown as Record<string, unknown>)[fact] : undefined;

const COORDINATOR: UnitKind = "peace-rule-of-law-office";

/** The reason given when the route keeps public security off a dispute, whatever the configuration says. */
const keptOff = (source: string, domain: DisputeDomain, leadReplaced: boolean): RouteReason => ({
  source: "fallback",
  rule: source,
  zh: `公安机关不参与${DisputeDomains.label(domain, "zh")}：配置中由公安机关${leadReplaced ? "牵头" : "参与"}的部分不予适用` +
    (leadReplaced ? `，由${UnitKinds.label(COORDINATOR, "zh")}统筹` : ""),
  en: `public security takes no part in a dispute of the domain "${DisputeDomains.label(domain, "en")}": ` +
    `the configuration's ${leadReplaced ? "public-security lead" : "public-security part"} is not applied` +
    (leadReplaced ? `; the ${UnitKinds.label(COORDINATOR, "en")} coordinates` : ""),
});

/**
 * Routes a dispute to the unit in charge, by a routing configuration (the Zixi
 * preset by default): first the matrix row of its domain (谁主管谁负责), then
 * every escalation rule whose condition holds, in order. Total: a domain missing
 * from a configuration goes to the peace and rule-of-law office, which coordinates
 * all dispute work, and the route says so. Every step adds its reason.
 *
 * No back door: whatever the configuration says, even one that was never
 * checked with {@link checkRoutingConfig}, a petition matter or a dispute in
 * legal proceedings ({@link publicSecurityExcludedDomains}) never gets a
 * public-security unit as lead, cooperating unit, escalation or report
 * recipient, nor police linkage. A matrix row or rule that would put one there
 * still applies in its other parts; a public-security lead is replaced by the
 * peace and rule-of-law office; and the route gives a `fallback` reason naming
 * the row or rule that was not followed. For a configuration that passes the
 * check this never happens.
 *
 * @example
 * ```ts
 * import { gradeDispute, routeDispute } from "@tiaojie/core";
 *
 * const { level } = gradeDispute(dispute, { asOf: today });
 * const route = routeDispute({ domain: dispute.domain, level, facts: dispute.facts });
 * route.lead; // "natural-resources-office"
 * route.reasons.map((r) => r.zh);
 * ```
 * @since 0.1.0
 */
export const routeDispute = (input: RouteInput, config: RoutingConfig = zixiRoutingConfig): Route => {
  const reasons: Array<RouteReason> = [];
  const guarded = excludesPublicSecurity(input.domain);
  /** Whether this unit may not be on this dispute at all. */
  const barred = (unit: UnitKind): boolean => guarded && isPublicSecurity(unit);
  const entry = config.matrix.find((e) => e.domain === input.domain);
  let lead: UnitKind;
  const cooperating: Array<UnitKind> = [];
  let refused = false;
  const addCooperating = (unit: UnitKind): void => {
    if (barred(unit)) refused = true;
    else if (unit !== lead && !cooperating.includes(unit)) cooperating.push(unit);
  };
  if (entry) {
    const leadBarred = barred(entry.lead);
    lead = leadBarred ? COORDINATOR : entry.lead;
    entry.cooperating.forEach(addCooperating);
    reasons.push({ source: "matrix", rule: entry.domain, zh: `谁主管谁负责：${entry.zh}`, en: `the unit in charge is responsible: ${entry.en}` });
    if (leadBarred || refused) reasons.push(keptOff(entry.domain, input.domain, leadBarred));
  } else {
    lead = COORDINATOR;
    reasons.push({
      source: "fallback",
      rule: input.domain,
      zh: `分流配置未列出此领域，由${UnitKinds.label(COORDINATOR, "zh")}统筹`,
      en: `the routing configuration has no row for this domain: the ${UnitKinds.label(COORDINATOR, "en")} coordinates`,
    });
  }
  const escalatedTo: Array<UnitKind> = [];
  const linkages: Array<ResolutionChannel> = [];
  const reports: Array<RouteReport> = [];
  let responsiblePersonRequired = false;
  let informCourtRoute = false;
  for (const rule of config.escalations) {
    if (!routeConditionHolds(rule.when, input)) continue;
    refused = false;
    for (const action of rule.then) {
      switch (action.kind) {
        case "lead":
          if (barred(action.unit)) refused = true;
          else if (action.unit !== lead) {
            const previous = lead;
            lead = action.unit;
            const at = cooperating.indexOf(action.unit);
            if (at >= 0) cooperating.splice(at, 1);
            addCooperating(previous);
          }
          break;
        case "cooperate":
          action.units.forEach(addCooperating);
          break;
        case "escalate":
          if (barred(action.to)) refused = true;
          else if (!escalatedTo.includes(action.to)) escalatedTo.push(action.to);
          break;
        case "linkage":
          if (guarded && isPublicSecurityChannel(action.channel)) refused = true;
          else if (!linkages.includes(action.channel)) linkages.push(action.channel);
          break;
        case "assign-responsible-person":
          responsiblePersonRequired = true;
          break;
        case "inform-court-route":
          informCourtRoute = true;
          break;
        case "report":
          if (barred(action.to)) refused = true;
          else if (!reports.some((r) => r.to === action.to && r.within === action.within)) reports.push({ to: action.to, within: action.within });
          break;
      }
    }
    reasons.push(rule.basis
      ? { source: "escalation", rule: rule.id, zh: rule.zh, en: rule.en, basis: rule.basis }
      : { source: "escalation", rule: rule.id, zh: rule.zh, en: rule.en });
    if (refused) reasons.push(keptOff(rule.id, input.domain, false));
  }
  return {
    configVersion: config.version,
    domain: input.domain,
    level: input.level,
    lead,
    cooperating,
    escalatedTo,
    linkages,
    responsiblePersonRequired,
    informCourtRoute,
    reports,
    reasons,
  };
};
