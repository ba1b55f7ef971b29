import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import type { DisputeFacts } from "../../model/dispute.js";
import { LocalDate } from "../../model/local-date.js";
import { checkGradingTable } from "../../grading/check-grading-table.js";
import { daysUnresolved } from "../../grading/days-unresolved.js";
import { explainGrade } from "../../grading/explain-grade.js";
import { defaultGradingTable, gradeDispute } from "../../grading/grade-dispute.js";
import { zixiGradingTable } from "./grading-table.js";

const calm: DisputeFacts = {
  peopleInvolved: 2, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false,
  emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false,
};
const grade = (change: Partial<DisputeFacts>, days = 0) => defaultGradingTable().evaluate({ ...calm, ...change }, days);
const ids = (change: Partial<DisputeFacts>, days = 0) => grade(change, days).fired.map((r) => r.id);
const date = Schema.decodeSync(LocalDate);

describe("the Zixi table", () => {
  it("passes its own static checks", () => {
    expect(checkGradingTable(zixiGradingTable)).toEqual([]);
  });

  it("grades a calm dispute blue, with nothing fired", () => {
    const r = grade({});
    expect(r).toMatchObject({ level: "blue", priority: "normal", tableVersion: "zixi-2025.2", fired: [], escalations: [], tasks: [] });
  });

  it("threat of violence and self-harm risk are red", () => {
    expect(grade({ threatOfViolence: true }).level).toBe("red");
    expect(grade({ selfHarmRisk: true }).level).toBe("red");
    expect(ids({ threatOfViolence: true })).toEqual(["danger-to-life"]);
  });

  it("self-harm risk returns a crisis-intervention task, help first; a threat alone does not", () => {
    expect(grade({ selfHarmRisk: true }).tasks).toEqual([
      expect.objectContaining({ id: "crisis-intervention", kind: "crisis-intervention", precedence: "help-first" }),
    ]);
    expect(grade({ threatOfViolence: true }).tasks).toEqual([]);
  });

  it.each([
    [4, "blue", []],
    [5, "orange", ["crowd-orange"]],
    [6, "orange", ["crowd-orange"]],
    [29, "orange", ["crowd-orange"]],
    [30, "red", ["crowd-red", "crowd-orange"]],
    [31, "red", ["crowd-red", "crowd-orange"]],
  ] as const)("%i people → %s", (people, level, fired) => {
    expect(grade({ peopleInvolved: people }).level).toBe(level);
    expect(ids({ peopleInvolved: people })).toEqual(fired);
  });

  it.each([
    [99_999.99, "blue", []],
    [100_000, "yellow", ["amount-yellow"]],
    [100_000.01, "yellow", ["amount-yellow"]],
    [999_999.99, "yellow", ["amount-yellow"]],
    [1_000_000, "orange", ["amount-orange", "amount-yellow"]],
    [1_000_000.01, "orange", ["amount-orange", "amount-yellow"]],
  ] as const)("%d yuan → %s", (amount, level, fired) => {
    expect(grade({ amountAtStake: amount }).level).toBe(level);
    expect(ids({ amountAtStake: amount })).toEqual(fired);
  });

  it("violent history is orange", () => {
    expect(grade({ violentHistory: true }).level).toBe("orange");
  });

  it.each([
    [0, "blue"],
    [1, "blue"],
    [2, "yellow"],
    [3, "orange"],
  ] as const)("emotional intensity %i → %s", (intensity, level) => {
    expect(grade({ emotionalIntensity: intensity }).level).toBe(level);
  });

  it.each([
    [0, "blue"],
    [1, "blue"],
    [2, "yellow"],
    [3, "yellow"],
  ] as const)("%i failed mediations → %s", (failed, level) => {
    expect(grade({ failedMediations: failed }).level).toBe(level);
  });

  it("unpaid land compensation of a completed major project is orange", () => {
    expect(grade({ unpaidMajorProjectLandCompensation: true }).level).toBe("orange");
  });

  it("a vulnerable party is yellow", () => {
    expect(grade({ vulnerableParty: true }).level).toBe("yellow");
  });

  it.each([
    ["red", { threatOfViolence: true }, "urgent"],
    ["orange", { peopleInvolved: 8 }, "high"],
    ["yellow", { vulnerableParty: true }, "normal"],
    ["blue", {}, "normal"],
  ] as const)("a %s dispute has the base priority %s", (level, change, priority) => {
    expect(grade(change)).toMatchObject({ level, priority, escalations: [] });
  });

  it.each([
    [180, "normal", "high", false],
    [181, "high", "urgent", true],
  ] as const)("day %i unresolved: the priority of blue is %s, of orange %s; the levels stay", (days, blue, orange, escalated) => {
    expect(grade({}, days)).toMatchObject({ level: "blue", priority: blue });
    expect(grade({ peopleInvolved: 8 }, days)).toMatchObject({ level: "orange", priority: orange });
    expect(grade({}, days).escalations.length > 0).toBe(escalated);
  });

  it("one step up never goes above urgent, and never touches the level", () => {
    const r = grade({ threatOfViolence: true }, 400);
    expect(r).toMatchObject({ level: "red", priority: "urgent" });
    expect(r.escalations).toEqual([{ id: "long-unresolved", from: "urgent", to: "urgent", reads: ["daysUnresolved"] }]);
  });

  it("counts days unresolved from reportedOn to asOf (day 180 vs 181)", () => {
    expect(daysUnresolved(date("2024-11-12"), date("2025-05-11"))).toBe(180);
    expect(daysUnresolved(date("2024-11-12"), date("2025-05-12"))).toBe(181);
    expect(daysUnresolved(date("2024-02-28"), date("2024-03-01"))).toBe(2);
    expect(daysUnresolved(date("2025-01-02"), date("2025-01-01"))).toBe(0);
    const dispute = { reportedOn: date("2024-11-12"), facts: calm };
    expect(gradeDispute(dispute, { asOf: date("2025-05-11") })).toMatchObject({ level: "blue", priority: "normal" });
    expect(gradeDispute(dispute, { asOf: date("2025-05-12") })).toMatchObject({ level: "blue", priority: "high" });
    // Resolved on day 100: graded again a year later, it has waited 100 days, not escalated.
    const resolved = { ...dispute, resolvedOn: date("2025-02-20") };
    expect(gradeDispute(resolved, { asOf: date("2026-05-12") })).toMatchObject({ level: "blue", priority: "normal", daysUnresolved: 100, escalations: [] });
  });

  it("explains with the actual values, in both languages, also from the stored JSON", () => {
    const r = grade({ peopleInvolved: 32, amountAtStake: 150_000 }, 200);
    const stored = JSON.parse(JSON.stringify(r));
    const zh = explainGrade(stored, "zh");
    const en = explainGrade(stored, "en");
    if (!zh.ok || !en.ok) throw new Error("not explained");
    expect(zh.value.fired.map((f) => f.reason)).toEqual([
      "涉及人数为 32人，≥ 30人（参数 crowdRedMin）",
      "涉及人数为 32人，≥ 5人（参数 crowdOrangeMin）",
      "涉及金额为 150,000元，≥ 100,000元（参数 amountYellowMin）",
    ]);
    expect(zh.value.fired[0]).toEqual({ id: "crowd-red", level: "重大（红色）", description: "涉及人数众多", reason: "涉及人数为 32人，≥ 30人（参数 crowdRedMin）" });
    expect(en.value.fired[0]!.reason).toBe("people involved is 32 people, ≥ 30 people (parameter crowdRedMin)");
    expect(en.value.escalations).toEqual([{
      id: "long-unresolved", description: "long unresolved: resolution priority one step up",
      reason: "days unresolved is 200 days, > 180 days (parameter longUnresolvedDays)", from: "urgent", to: "urgent",
    }]);
    expect(zh.value).toMatchObject({ level: "重大（红色）", priority: "紧急", basePriority: "风险等级为重大（红色），基础化解优先级为“紧急”" });
  });

  it("documents every parameter in both languages and uses every one", () => {
    const text = JSON.stringify([zixiGradingTable.rules, zixiGradingTable.escalators]);
    expect(zixiGradingTable.basePriority).toEqual({ red: "urgent", orange: "high", yellow: "normal", blue: "normal" });
    for (const p of zixiGradingTable.parameters) {
      expect(p.zh.length).toBeGreaterThan(0);
      expect(p.en.length).toBeGreaterThan(0);
      expect(text).toContain(`"${p.name}"`);
    }
  });
});
