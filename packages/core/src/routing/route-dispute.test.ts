import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { DisputeFacts } from "../model/dispute.js";
import { decode } from "../validation/decode.js";
import { type DisputeDomain, DisputeDomains } from "../taxonomy/dispute-domains.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { factsArb } from "../grading/grading-arbitraries.js";
import { checkRoutingConfig } from "./check-routing-config.js";
import { routeDispute } from "./route-dispute.js";
import { RoutingConfig } from "./routing-config.js";
import { zixiRoutingConfig } from "../presets/zixi/routing-config.js";

const calm: DisputeFacts = {
  peopleInvolved: 2, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false,
  emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false,
};
const route = (domain: DisputeDomain, level: RiskLevel, change: Partial<DisputeFacts> = {}) =>
  routeDispute({ domain, level, facts: { ...calm, ...change } });
const json = (v: unknown): any => JSON.parse(JSON.stringify(v));

describe("routing", () => {
  it("the Zixi configuration passes its checks and decodes", () => {
    expect(checkRoutingConfig(zixiRoutingConfig)).toEqual([]);
    expect(decode(RoutingConfig, json(zixiRoutingConfig)).ok).toBe(true);
  });

  it("routes by the unit in charge of the domain, and says why", () => {
    const r = route("forest-land", "blue");
    expect(r.lead).toBe("natural-resources-office");
    expect(r.cooperating).toEqual(["agriculture-rural-centre", "village-committee"]);
    expect(r.reasons).toEqual([expect.objectContaining({ source: "matrix", rule: "forest-land" })]);
    expect(r.reasons[0]!.zh).toContain("谁主管谁负责");
  });

  it("escalates unpaid major-project land compensation to the city political-legal committee", () => {
    const r = route("land-requisition", "orange", { unpaidMajorProjectLandCompensation: true });
    expect(r.escalatedTo).toEqual(["city-political-legal-committee"]);
    expect(r.reasons.map((x) => x.rule)).toContain("unpaid-land-compensation");
  });

  it("after failed mediation, assigns a responsible person and tells the parties of the court route", () => {
    expect(route("neighbourhood", "blue")).toMatchObject({ responsiblePersonRequired: false, informCourtRoute: false });
    expect(route("neighbourhood", "blue", { failedMediations: 1 })).toMatchObject({ responsiblePersonRequired: true, informCourtRoute: true });
  });

  it("puts disputes in legal proceedings with the justice office, linked with the court", () => {
    const r = route("in-legal-proceedings", "yellow");
    expect(r.lead).toBe("justice-office");
    expect(r.linkages).toEqual(["court-linkage"]);
  });

  it("hands petition matters to the peace and rule-of-law office under the petition regulation", () => {
    const r = route("petition", "blue");
    expect(r.lead).toBe("peace-rule-of-law-office");
    const reason = r.reasons.find((x) => x.rule === "petition-matter");
    expect(reason?.basis?.zh).toBe("《信访工作条例》（2022）");
  });

  it("reports red disputes to the township leadership the same day, and only red ones", () => {
    expect(route("medical", "red").reports).toEqual([{ to: "township-leadership", within: "same-day" }]);
    expect(route("medical", "orange").reports).toEqual([]);
  });

  it("is total even when a county's matrix misses a domain", () => {
    const partial = { ...zixiRoutingConfig, matrix: zixiRoutingConfig.matrix.filter((e) => e.domain !== "medical") };
    expect(checkRoutingConfig(partial).map((p) => p.code)).toEqual(["missing-domain"]);
    const r = routeDispute({ domain: "medical", level: "blue", facts: calm }, partial);
    expect(r.lead).toBe("peace-rule-of-law-office");
    expect(r.reasons[0]!.source).toBe("fallback");
  });

  it("rejects broken configurations", () => {
    const c = json(zixiRoutingConfig);
    c.matrix.push(c.matrix[0]);
    c.matrix[1].cooperating.push(c.matrix[1].lead);
    c.escalations[0].when = { op: ">=", fact: "petitionCount", than: 2 };
    c.escalations[1].id = c.escalations[2].id;
    expect(checkRoutingConfig(c).map((p) => p.code).sort()).toEqual(["duplicate-domain", "duplicate-name", "lead-also-cooperating", "protected-activity"]);
    expect(checkRoutingConfig({ ...c, matrix: "x" })[0]?.code).toBe("malformed");
  });

  test.prop([fc.constantFrom<DisputeDomain>(...DisputeDomains.codes), fc.constantFrom<RiskLevel>(...RiskLevels.codes), factsArb], { numRuns: 200 })(
    "is total for every domain and level: one valid lead, reasons, red always reported",
    (domain, level, facts) => {
      const r = routeDispute({ domain, level, facts });
      expect(UnitKinds.is(r.lead)).toBe(true);
      expect(r.cooperating).not.toContain(r.lead);
      expect(new Set(r.cooperating).size).toBe(r.cooperating.length);
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.reasons[0]!.source).toBe("matrix");
      expect(r.reports.length > 0).toBe(level === "red");
      expect(r.responsiblePersonRequired).toBe(facts.failedMediations >= 1);
      expect(r.escalatedTo.includes("city-political-legal-committee")).toBe(facts.unpaidMajorProjectLandCompensation);
    },
  );
});
