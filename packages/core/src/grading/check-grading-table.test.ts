import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { decode } from "../validation/decode.js";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { type GradingTableProblemCode, checkGradingTable, findGradingWitnesses, findPriorityWitnesses, referenceGrade, referenceLevel } from "./check-grading-table.js";
import { describeCondition } from "./condition.js";
import { gradingFacts, isProtectedActivityFact } from "./grading-facts.js";
import { GradingTable } from "./grading-table.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";

const json = <T>(v: T): any => JSON.parse(JSON.stringify(v));
const codes = (input: unknown): ReadonlyArray<GradingTableProblemCode> => checkGradingTable(input).map((p) => p.code);

/** Ways to break a sound table, each with the problem the checker must report. */
const breakages: ReadonlyArray<{ name: string; code: GradingTableProblemCode; apply: (t: any, i: number) => void }> = [
  { name: "protected fact", code: "protected-activity", apply: (t, i) => { t.rules[i].when = { op: ">=", fact: ["petitionCount", "petition.highestLevel", "lawsuits", "complaintCount", "appeals", "上访次数"][i % 6], than: 1 }; } },
  { name: "protected fact nested", code: "protected-activity", apply: (t, i) => { t.rules[i].when = { op: "all", of: [t.rules[i].when, { op: "not", of: { op: "is", fact: "hasPetitioned" } }] }; } },
  { name: "protected fact in an escalator", code: "protected-activity", apply: (t) => { t.escalators[0].when = { op: ">", fact: "petitionLevel", than: 2 }; } },
  { name: "unknown fact", code: "unknown-fact", apply: (t, i) => { t.rules[i].when = { op: "is", fact: "moonPhase" }; } },
  { name: "unknown parameter", code: "unknown-parameter", apply: (t, i) => { t.rules[i].when = { op: ">=", fact: "peopleInvolved", than: "noSuchParameter" }; } },
  { name: "number tested with is", code: "wrong-comparison", apply: (t, i) => { t.rules[i].when = { op: "is", fact: "amountAtStake" }; } },
  { name: "yes/no fact compared", code: "wrong-comparison", apply: (t, i) => { t.rules[i].when = { op: ">=", fact: "selfHarmRisk", than: 1 }; } },
  { name: "lowering escalator", code: "escalator-lowers", apply: (t, i) => { t.escalators[0].then = { op: "raise", steps: -1 - (i % 2) }; } },
  { name: "escalator raising the level (0.1's shape)", code: "escalator-touches-level", apply: (t, i) => { t.escalators[0].then = { op: "atLeast", level: RiskLevels.codes[i % 4] }; } },
  { name: "escalator with a level besides its priority", code: "escalator-touches-level", apply: (t) => { t.escalators[0].then = { op: "raise", steps: 1, level: "red" }; } },
  { name: "escalator with a risk level of its own", code: "escalator-touches-level", apply: (t) => { t.escalators[0].riskLevel = "orange"; } },
  { name: "rule reading the wait", code: "level-reads-time", apply: (t, i) => { t.rules[i].when = { op: ">", fact: "daysUnresolved", than: "longUnresolvedDays" }; } },
  { name: "rule reading the wait, nested", code: "level-reads-time", apply: (t, i) => { t.rules[i].when = { op: "all", of: [t.rules[i].when, { op: "not", of: { op: "<", fact: "daysUnresolved", than: 90 } }] }; } },
  { name: "a lower base priority for a more severe level", code: "base-priority-order", apply: (t) => { t.basePriority = { red: "normal", orange: "high", yellow: "normal", blue: "normal" }; } },
  { name: "no base priorities", code: "malformed", apply: (t) => { delete t.basePriority; } },
  { name: "a priority never reached", code: "unreachable-priority", apply: (t) => { t.basePriority = { red: "high", orange: "high", yellow: "normal", blue: "normal" }; t.escalators = []; } },
  { name: "repeated rule id", code: "duplicate-name", apply: (t, i) => { t.rules[(i + 1) % t.rules.length].id = t.rules[i].id; } },
  { name: "empty combination", code: "empty-combination", apply: (t, i) => { t.rules[i].when = { op: "any", of: [] }; } },
  { name: "unknown level", code: "malformed", apply: (t, i) => { t.rules[i].level = "purple"; } },
  { name: "missing description", code: "malformed", apply: (t, i) => { delete t.rules[i].en; } },
  { name: "no red rule", code: "unreachable-level", apply: (t) => { t.rules = t.rules.filter((r: any) => r.level !== "red"); } },
  { name: "everything red", code: "unreachable-level", apply: (t) => { t.rules.push({ id: "always", level: "red", zh: "总是", en: "always", when: { op: ">=", fact: "peopleInvolved", than: 0 } }); } },
];

describe("checkGradingTable", () => {
  it("accepts the default table, and finds a witness for every level and every priority", () => {
    expect(checkGradingTable(zixiGradingTable)).toEqual([]);
    const w = findGradingWitnesses(zixiGradingTable);
    for (const level of RiskLevels.codes) {
      expect(w[level]).toBeDefined();
      expect(referenceLevel(zixiGradingTable, w[level]!)).toBe(level);
    }
    const p = findPriorityWitnesses(zixiGradingTable);
    for (const priority of ResolutionPriorities.codes) {
      expect(p[priority]).toBeDefined();
      expect(referenceGrade(zixiGradingTable, p[priority]!).priority).toBe(priority);
    }
  });

  it("finds priorities that only escalators reach, adding up their raises", () => {
    const table = {
      ...zixiGradingTable,
      basePriority: { red: "normal", orange: "normal", yellow: "normal", blue: "normal" } as const,
      escalators: [
        { id: "a", zh: "甲", en: "a", when: { op: ">" as const, fact: "daysUnresolved" as const, than: 30 }, then: { op: "raise" as const, steps: 1 } },
        { id: "b", zh: "乙", en: "b", when: { op: "is" as const, fact: "vulnerableParty" as const }, then: { op: "raise" as const, steps: 1 } },
      ],
    };
    expect(checkGradingTable(table)).toEqual([]);
    const urgent = findPriorityWitnesses(table).urgent!;
    expect(urgent.daysUnresolved).toBeGreaterThan(30);
    expect(urgent.facts.vulnerableParty).toBe(true);
  });

  it("refuses an escalator that touches the level, with its own bilingual message and path, and no way around it", () => {
    const t = json(zixiGradingTable);
    t.escalators[0].then = { op: "atLeast", level: "red" };
    const problems = checkGradingTable(t);
    expect(problems).toContainEqual(expect.objectContaining({ code: "escalator-touches-level", path: ["escalators", 0, "then", "level"] }));
    const p = problems.find((x) => x.code === "escalator-touches-level")!;
    expect(p.zh).toContain("风险等级");
    expect(p.zh).toContain("优先级");
    expect(p.en).toContain("never change the harm risk level");
    expect(p.en).toContain("priority");
    // The schema has no way to say it either: decoding refuses the field.
    expect(decode(GradingTable, t).ok).toBe(false);
    // Nor can a rule turn time into a level.
    const viaRule = json(zixiGradingTable);
    viaRule.rules.push({ id: "waited", level: "red", zh: "久拖", en: "waited", when: { op: ">", fact: "daysUnresolved", than: 180 } });
    expect(checkGradingTable(viaRule)).toEqual([
      expect.objectContaining({ code: "level-reads-time", path: ["rules", viaRule.rules.length - 1, "when", "fact"] }),
    ]);
  });

  it("decodes a user-supplied table with bilingual errors and paths", () => {
    expect(decode(GradingTable, json(zixiGradingTable)).ok).toBe(true);
    const bad = json(zixiGradingTable);
    bad.rules[2].level = "purple";
    bad.parameters[0].value = "thirty";
    const r = decode(GradingTable, bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.error.issues.map((i) => i.path.join("."));
      expect(paths).toEqual(expect.arrayContaining(["rules.2.level", "parameters.0.value"]));
      for (const issue of r.error.issues) {
        expect(issue.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(issue.en).toMatch(/[a-z]/);
      }
    }
  });

  it("rejects protected activity with its own bilingual message, wherever it appears", () => {
    const t = json(zixiGradingTable);
    t.tasks[0].when = { op: "any", of: [{ op: "is", fact: "selfHarmRisk" }, { op: ">=", fact: "petition.count", than: 3 }] };
    const problems = checkGradingTable(t);
    expect(problems).toEqual([
      expect.objectContaining({ code: "protected-activity", path: ["tasks", 0, "when", "of", 1, "fact"] }),
    ]);
    expect(problems[0]!.zh).toContain("信访");
    expect(problems[0]!.en).toContain("never a risk factor");
  });

  it("offers no protected fact in the vocabulary", () => {
    for (const f of gradingFacts) expect(isProtectedActivityFact(f.name)).toBe(false);
    expect(gradingFacts.map((f) => f.name).join(" ")).not.toMatch(/petition|lawsuit|complain|appeal/i);
  });

  test.prop([fc.integer({ min: 0, max: breakages.length - 1 }), fc.integer({ min: 0, max: zixiGradingTable.rules.length - 1 })], { numRuns: 100 })(
    "rejects generated broken tables with the matching problem",
    (which, ruleIndex) => {
      const breakage = breakages[which]!;
      const table = json(zixiGradingTable);
      breakage.apply(table, ruleIndex);
      const found = codes(table);
      expect(found).toContain(breakage.code);
    },
  );

  it("renders conditions for the docs", () => {
    const rule = zixiGradingTable.rules[0]!;
    expect(describeCondition(rule.when, zixiGradingTable.parameters)).toEqual({
      zh: "有暴力威胁 或 有自伤自残风险",
      en: "threat of violence or risk of self-harm",
    });
    expect(describeCondition(zixiGradingTable.rules[1]!.when, zixiGradingTable.parameters).zh).toBe("涉及人数 ≥ 30人（参数 crowdRedMin）");
  });
});

describe("no way around the protected-activity rule", () => {
  it("a condition naming a protected fact reads nothing, even from an object that carries it", async () => {
    const { evaluateCondition } = await import("./condition.js");
    const facts = { peopleInvolved: 1, petitionCount: 99 } as never;
    expect(evaluateCondition({ op: ">=", fact: "petitionCount" as never, than: 1 }, { facts, daysUnresolved: 0 }, [])).toBe(false);
    expect(evaluateCondition({ op: "not", of: { op: "is", fact: "hasPetitioned" as never } }, { facts: { hasPetitioned: true } as never, daysUnresolved: 0 }, [])).toBe(true);
  });
});
