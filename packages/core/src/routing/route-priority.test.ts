import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { DisputeFacts } from "../model/dispute.js";
import type { LocalDate } from "../model/local-date.js";
import { defaultGradingTable, gradeDispute } from "../grading/grade-dispute.js";
import { daysArb, factsArb } from "../grading/grading-arbitraries.js";
import { zixiRoutingConfig } from "../presets/zixi/routing-config.js";
import { DisputeDomains, type DisputeDomain } from "../taxonomy/dispute-domains.js";
import { checkRoutingConfig } from "./check-routing-config.js";
import { routeDispute, type RouteInput } from "./route-dispute.js";
import type { RouteCondition } from "./routing-config.js";

const calm: DisputeFacts = {
  peopleInvolved: 2, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false,
  emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false,
};
const sameDay = (input: RouteInput) => routeDispute(input).reports.some((r) => r.within === "same-day");
const domainArb = fc.constantFrom<DisputeDomain>(...DisputeDomains.codes);

describe("routing reads the harm level, never the priority", () => {
  it("a long-unresolved calm dispute keeps its level and never gets the same-day report; its priority rises", () => {
    const reportedOn = "2024-01-02" as LocalDate;
    for (const asOf of (["2024-01-02", "2024-06-30", "2024-07-01", "2026-01-01"] as ReadonlyArray<string>).map((s) => s as LocalDate)) {
      const grade = gradeDispute({ reportedOn, facts: calm }, { asOf });
      expect(grade.level).toBe("blue");
      expect(sameDay({ domain: "neighbourhood", level: grade.level, facts: calm })).toBe(false);
    }
    expect(gradeDispute({ reportedOn, facts: calm }, { asOf: "2024-07-01" as LocalDate }).priority).toBe("high");
    expect(gradeDispute({ reportedOn, facts: calm }, { asOf: "2024-06-30" as LocalDate }).priority).toBe("normal");
  });

  it("a long-unresolved orange dispute becomes urgent and stays orange: no same-day report to the township leadership", () => {
    const facts = { ...calm, peopleInvolved: 12 };
    const grade = gradeDispute({ reportedOn: "2024-01-02" as LocalDate, facts }, { asOf: "2025-01-02" as LocalDate });
    expect(grade).toMatchObject({ level: "orange", priority: "urgent" });
    const route = routeDispute({ domain: "land-requisition", level: grade.level, facts });
    expect(route.reports.filter((r) => r.to === "township-leadership" && r.within === "same-day")).toEqual([]);
    expect(sameDay({ domain: "land-requisition", level: "red", facts })).toBe(true);
  });

  test.prop([factsArb, daysArb, domainArb])(
    "the route of a graded dispute is the same on day 0 and after any wait, and the grade's priority changes nothing",
    (facts, days, domain) => {
      const fresh = defaultGradingTable().evaluate(facts, 0);
      const waited = defaultGradingTable().evaluate(facts, days);
      const route = routeDispute({ domain, level: fresh.level, facts });
      expect(routeDispute({ domain, level: waited.level, facts })).toEqual(route);
      // Handing routing the whole result, priority and all, gives the same route.
      expect(routeDispute({ ...waited, domain, facts } as RouteInput)).toEqual(route);
      expect(route.reports.some((r) => r.within === "same-day")).toBe(fresh.level === "red");
    },
  );

  it("a routing configuration cannot condition on the priority or on the wait", () => {
    // @ts-expect-error: a route condition has no priority.
    const byPriority: RouteCondition = { op: "priority", atLeast: "urgent" };
    const rule = { id: "urgent-report", zh: "紧急上报", en: "urgent report", then: [{ kind: "report", to: "township-leadership", within: "same-day" }] };
    const withPriority = { ...zixiRoutingConfig, escalations: [...zixiRoutingConfig.escalations, { ...rule, when: byPriority }] };
    expect(checkRoutingConfig(withPriority).map((p) => p.code)).toContain("malformed");
    const withWait = { ...zixiRoutingConfig, escalations: [...zixiRoutingConfig.escalations, { ...rule, when: { op: ">", fact: "daysUnresolved", than: 180 } }] };
    expect(checkRoutingConfig(withWait)).toEqual([expect.objectContaining({ code: "unknown-fact", path: ["escalations", zixiRoutingConfig.escalations.length, "when", "fact"] })]);
  });
});
