import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { DisputeFacts } from "../model/dispute.js";
import { arbitraries } from "../testing/arbitraries.js";
import { type DisputeDomain, DisputeDomains } from "../taxonomy/dispute-domains.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { decode } from "../validation/decode.js";
import { factsArb } from "../grading/grading-arbitraries.js";
import { zixiRoutingConfig } from "../presets/zixi/routing-config.js";
import { checkRoutingConfig } from "./check-routing-config.js";
import { publicSecurityExcludedDomains, publicSecurityUnitKinds, routeConditionDomains } from "./public-security.js";
import { routeConditionHolds, routeDispute, type Route } from "./route-dispute.js";
import { type EscalationRule, type RouteCondition, RoutingConfig } from "./routing-config.js";

const calm: DisputeFacts = {
  peopleInvolved: 2, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false,
  emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false,
};
const json = (v: unknown): any => JSON.parse(JSON.stringify(v));
const codes = (config: unknown) => checkRoutingConfig(config).filter((p) => p.code === "public-security-excluded");
const rule = (id: string, when: RouteCondition, then: EscalationRule["then"]): EscalationRule => ({ id, zh: "规则", en: "rule", when, then });
const withRules = (...escalations: ReadonlyArray<EscalationRule>): RoutingConfig => ({ ...zixiRoutingConfig, escalations: [...zixiRoutingConfig.escalations, ...escalations] });

/** Written apart from the library: every place a route could put the police station. */
const policeIn = (r: Route): ReadonlyArray<string> => [
  ...(r.lead === "police-station" ? ["lead"] : []),
  ...(r.cooperating.includes("police-station") ? ["cooperating"] : []),
  ...(r.escalatedTo.includes("police-station") ? ["escalatedTo"] : []),
  ...(r.reports.some((x) => x.to === "police-station") ? ["reports"] : []),
  ...(r.linkages.includes("police-linkage") ? ["linkages"] : []),
];
const keptOffReasons = (r: Route) => r.reasons.filter((x) => x.source === "fallback" && x.en.startsWith("public security"));

describe("public security never on petition matters or disputes in legal proceedings", () => {
  it("states its data: the police station counts as public security; petition matters and legal proceedings are closed to it", () => {
    expect(publicSecurityUnitKinds).toEqual(["police-station"]);
    expect([...publicSecurityExcludedDomains].sort()).toEqual(["in-legal-proceedings", "petition"]);
  });

  it("lets the police station cooperate on other domains, as the Zixi matrix does", () => {
    expect(codes(zixiRoutingConfig)).toEqual([]);
    expect(routeDispute({ domain: "neighbourhood", level: "blue", facts: calm }).cooperating).toContain("police-station");
  });

  it("refuses the police station in the matrix rows of those domains, with the path", () => {
    const c = json(zixiRoutingConfig);
    const petition = c.matrix.findIndex((m: any) => m.domain === "petition");
    const legal = c.matrix.findIndex((m: any) => m.domain === "in-legal-proceedings");
    c.matrix[petition].lead = "police-station";
    c.matrix[legal].cooperating.push("police-station");
    const problems = codes(c);
    expect(problems.map((p) => p.path)).toEqual([
      ["matrix", legal, "cooperating", 1],
      ["matrix", petition, "lead"],
    ]);
    expect(problems[1]!.zh).toBe("公安机关不参与信访事项和涉法涉诉纠纷：“信访事项”不得由派出所牵头");
    expect(problems[0]!.en).toBe('public security takes no part in petition matters or disputes in legal proceedings: the police station may not cooperate on "in legal proceedings"');
  });

  it("refuses every rule that can hold for those domains and would lead, cooperate, escalate, report or link with the police", () => {
    const police = "police-station" as const;
    const config = withRules(
      rule("a", { op: "domain", in: ["petition"] }, [{ kind: "cooperate", units: ["justice-office", police] }]),
      rule("b", { op: "level", atLeast: "red" }, [{ kind: "report", to: police, within: "same-day" }]),
      rule("c", { op: "any", of: [{ op: "domain", in: ["medical"] }, { op: "domain", in: ["in-legal-proceedings"] }] }, [{ kind: "escalate", to: police }]),
      rule("d", { op: "not", of: { op: "all", of: [{ op: "domain", in: ["medical"] }, { op: "is", fact: "selfHarmRisk" }] } }, [{ kind: "lead", unit: police }]),
      rule("e", { op: "domain", in: ["in-legal-proceedings"] }, [{ kind: "linkage", channel: "police-linkage" }]),
    );
    const n = zixiRoutingConfig.escalations.length;
    expect(codes(config).map((p) => p.path)).toEqual([
      ["escalations", n, "then", 0, "units", 1],
      ["escalations", n + 1, "then", 0, "to"],
      ["escalations", n + 2, "then", 0, "to"],
      ["escalations", n + 3, "then", 0, "unit"],
      ["escalations", n + 4, "then", 0, "channel"],
    ]);
  });

  it("accepts rules whose condition cannot hold for those domains", () => {
    const police = "police-station" as const;
    const config = withRules(
      rule("a", { op: "all", of: [{ op: "domain", in: ["medical", "petition"] }, { op: "domain", in: ["medical"] }, { op: "level", atLeast: "red" }] }, [{ kind: "report", to: police, within: "same-day" }]),
      rule("b", { op: "not", of: { op: "any", of: [{ op: "domain", in: ["petition"] }, { op: "not", of: { op: "domain", in: ["neighbourhood", "medical"] } }] } }, [{ kind: "escalate", to: police }]),
      rule("c", { op: "any", of: [] }, [{ kind: "lead", unit: police }]),
    );
    expect(codes(config)).toEqual([]);
  });

  it("routes an unchecked configuration without the police, and says why", () => {
    const c = json(zixiRoutingConfig);
    c.matrix.find((m: any) => m.domain === "petition").lead = "police-station";
    c.matrix.find((m: any) => m.domain === "petition").cooperating.push("police-station");
    c.escalations = c.escalations.filter((e: any) => e.id !== "petition-matter");
    c.escalations.push(rule("police-report", { op: "level", atLeast: "blue" }, [{ kind: "report", to: "police-station", within: "next-day" }, { kind: "assign-responsible-person" }]));
    const r = routeDispute({ domain: "petition", level: "blue", facts: calm }, c);
    expect(policeIn(r)).toEqual([]);
    expect(r.lead).toBe("peace-rule-of-law-office");
    expect(r.cooperating).toEqual(["governance-centre"]);
    expect(r.responsiblePersonRequired).toBe(true);
    expect(keptOffReasons(r).map((x) => x.rule)).toEqual(["petition", "police-report"]);
    expect(keptOffReasons(r)[0]!.zh).toBe("公安机关不参与信访事项：配置中由公安机关牵头的部分不予适用，由平安法治办统筹");
    // The same configuration still reports a medical dispute to the police station.
    expect(routeDispute({ domain: "medical", level: "blue", facts: calm }, c).reports).toContainEqual({ to: "police-station", within: "next-day" });
  });
});

// ---------------------------------------------------------------------------
// Properties over generated configurations.
// ---------------------------------------------------------------------------

const decoded = <A>(schema: Parameters<typeof decode<A, unknown>>[0]) => (value: unknown): A => {
  const r = decode(schema, value);
  if (!r.ok) throw r.error;
  return r.value;
};

/**
 * A generated configuration (or the Zixi matrix with generated rules), with the
 * police station and police linkage put in at the places chosen by `flags`, so
 * that they often land on petition matters and disputes in legal proceedings.
 */
const configArb: fc.Arbitrary<RoutingConfig> = fc
  .tuple(arbitraries.RoutingConfig, fc.boolean(), fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }))
  .map(([generated, zixiMatrix, flags]) => {
    const c = json(generated);
    if (zixiMatrix) c.matrix = json(zixiRoutingConfig.matrix);
    let i = 0;
    const flip = (): boolean => flags[i++ % flags.length]!;
    for (const m of c.matrix) {
      if (flip()) m.lead = "police-station";
      if (flip() && m.lead !== "police-station" && !m.cooperating.includes("police-station")) m.cooperating.push("police-station");
    }
    for (const e of c.escalations)
      for (const a of e.then) {
        if (!flip()) continue;
        if (a.kind === "lead") a.unit = "police-station";
        else if (a.kind === "cooperate" && !a.units.includes("police-station")) a.units.push("police-station");
        else if (a.kind === "escalate" || a.kind === "report") a.to = "police-station";
        else if (a.kind === "linkage") a.channel = "police-linkage";
      }
    return decoded<RoutingConfig>(RoutingConfig as never)(c);
  });

const inputArb = fc.record({
  domain: fc.oneof(fc.constantFrom<DisputeDomain>(...publicSecurityExcludedDomains), fc.constantFrom<DisputeDomain>(...DisputeDomains.codes)),
  level: fc.constantFrom<RiskLevel>(...RiskLevels.codes),
  facts: factsArb,
});

describe("properties", () => {
  test.prop([configArb, fc.array(inputArb, { minLength: 1, maxLength: 6 })], { numRuns: 200 })(
    "no configuration, checked or not, puts public security on a petition matter or a dispute in legal proceedings",
    (config, inputs) => {
      for (const input of inputs) {
        const r = routeDispute(input, config);
        if (publicSecurityExcludedDomains.includes(input.domain)) expect(policeIn(r)).toEqual([]);
        else expect(keptOffReasons(r)).toEqual([]);
      }
    },
  );

  test.prop([configArb, fc.array(inputArb, { minLength: 1, maxLength: 6 })], { numRuns: 200 })(
    "the check is sound: for a configuration it accepts, routing never has to leave anything out",
    (config, inputs) => {
      const refused = codes(config).length > 0;
      for (const input of inputs) {
        if (keptOffReasons(routeDispute(input, config)).length > 0) expect(refused).toBe(true);
      }
    },
  );

  const conditionArb = arbitraries.RoutingConfig.filter((c) => c.escalations.length > 0).map((c) => decoded<RoutingConfig>(RoutingConfig as never)(c).escalations[0]!.when);
  test.prop([conditionArb, fc.constantFrom<RiskLevel>(...RiskLevels.codes), factsArb], { numRuns: 300 })(
    "the domain analysis over-approximates: a condition that holds for a domain lists that domain",
    (condition, level, facts) => {
      const domains = routeConditionDomains(condition);
      for (const domain of DisputeDomains.codes) {
        if (routeConditionHolds(condition, { domain, level, facts })) expect(domains).toContain(domain);
      }
    },
  );

  const pureArb = fc.letrec<{ c: RouteCondition }>((tie) => ({
    c: fc.oneof(
      { depthSize: "small" },
      fc.record({ op: fc.constant("domain" as const), in: fc.uniqueArray(fc.constantFrom<DisputeDomain>(...DisputeDomains.codes), { maxLength: 4 }) }),
      fc.record({ op: fc.constantFrom("all" as const, "any" as const), of: fc.array(tie("c"), { maxLength: 3 }) }),
      fc.record({ op: fc.constant("not" as const), of: tie("c") }),
    ),
  })).c;
  test.prop([pureArb], { numRuns: 300 })("the domain analysis is exact for a condition on the domain alone", (condition) => {
    const domains = routeConditionDomains(condition);
    for (const domain of DisputeDomains.codes) {
      expect(domains.includes(domain)).toBe(routeConditionHolds(condition, { domain, level: "blue", facts: calm }));
    }
  });
});
