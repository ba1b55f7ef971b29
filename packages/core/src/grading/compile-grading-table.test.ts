import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { type RiskLevel, RiskLevels, riskRank } from "../taxonomy/risk-levels.js";
import { referenceLevel } from "./check-grading-table.js";
import { compileGradingTable } from "./compile-grading-table.js";
import { evaluateCondition } from "./condition.js";
import type { GradingCondition, GradingTable } from "./grading-table.js";
import { daysArb, factsArb, worseningArb } from "./grading-arbitraries.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";

const compiled = (table: GradingTable, strategy: "generated" | "closures") => {
  const c = compileGradingTable(table, { strategy });
  if (!c.ok) throw c.error;
  return c.value;
};
const generated = compiled(zixiGradingTable, "generated");
const closures = compiled(zixiGradingTable, "closures");
const input = (facts: Parameters<typeof generated.evaluate>[0], days: number) => ({ facts, daysUnresolved: days });
const snapshot = (r: ReturnType<typeof generated.evaluate>) => JSON.parse(JSON.stringify(r));

describe("compiling", () => {
  it("uses generated code where allowed, and closures on request", () => {
    expect(generated.strategy).toBe("generated");
    expect(closures.strategy).toBe("closures");
  });

  it("refuses a table with problems, returning them (never throws)", () => {
    const bad = { ...zixiGradingTable, rules: [{ id: "x", level: "red", zh: "x", en: "x", when: { op: ">=", fact: "petitionCount", than: 1 } }] };
    const result = compileGradingTable(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error._tag).toBe("GradingTableError");
      expect(result.error.problems.map((p) => p.code)).toContain("protected-activity");
    }
    expect(compileGradingTable("not a table").ok).toBe(false);
  });
});

describe("the evaluator (properties)", () => {
  test.prop([factsArb, daysArb])("is total and deterministic, and both strategies agree with the reference", (facts, days) => {
    const a = generated.evaluate(facts, days);
    const b = generated.evaluate(facts, days);
    expect(RiskLevels.is(a.level)).toBe(true);
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(closures.evaluate(facts, days))).toEqual(snapshot(a));
    expect(a.level).toBe(referenceLevel(zixiGradingTable, input(facts, days)));
  });

  test.prop([factsArb, daysArb])(
    "explanations are sound and complete: the cited rules are exactly those whose condition holds",
    (facts, days) => {
      const r = generated.evaluate(facts, days);
      const at = input(facts, days);
      const holding = (items: ReadonlyArray<{ id: string; when: GradingCondition }>) =>
        items.filter((item) => evaluateCondition(item.when, at, zixiGradingTable.parameters)).map((item) => item.id);
      expect(r.fired.map((f) => f.id)).toEqual(holding(zixiGradingTable.rules));
      expect(r.escalations.map((e) => e.id)).toEqual(holding(zixiGradingTable.escalators));
      expect(r.tasks.map((t) => t.id)).toEqual(holding(zixiGradingTable.tasks));
      const ruleRank = Math.max(1, ...r.fired.map((f) => riskRank(f.level)));
      expect(riskRank(r.ruleLevel)).toBe(ruleRank);
      for (const f of r.fired) {
        expect(f.reason.zh.length).toBeGreaterThan(0);
        expect(f.reason.en.length).toBeGreaterThan(0);
      }
    },
  );

  test.prop([factsArb, daysArb])(
    "is monotone: making any one risk fact more severe never lowers the level",
    (facts, days) => {
      fc.assert(
        fc.property(worseningArb(facts, days), (worse) => {
          const before = riskRank(generated.evaluate(facts, days).level);
          const after = riskRank(generated.evaluate(worse.facts, worse.days).level);
          expect(after).toBeGreaterThanOrEqual(before);
        }),
        { numRuns: 10 },
      );
    },
  );

  test.prop([factsArb, daysArb, fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(undefined, "township", "county", "prefecture", "province", "national")])(
    "is invariant under protected activity: petition facts change neither level nor reasons",
    (facts, days, count, highestLevel) => {
      const asOf = "2025-06-01" as LocalDate;
      const reportedOn = "2025-06-01" as LocalDate;
      const without = { reportedOn, facts };
      const petition = highestLevel === undefined ? { count } : { count, highestLevel };
      const withPetition = { reportedOn, facts, petition };
      expect(snapshot(generated.grade(withPetition, asOf))).toEqual(snapshot(generated.grade(without, asOf)));
      expect(days).toBeGreaterThanOrEqual(0);
    },
  );
});

const levelArb = fc.constantFrom<RiskLevel>(...RiskLevels.codes);
const escalatorArb = fc.record({
  id: fc.constantFrom("e-a", "e-b", "e-c", "e-d"),
  zh: fc.constant("升级"),
  en: fc.constant("escalate"),
  when: fc.constantFrom<GradingCondition>(
    { op: ">", fact: "daysUnresolved", than: 30 },
    { op: "is", fact: "vulnerableParty" },
    { op: ">=", fact: "failedMediations", than: 1 },
    { op: "not", of: { op: "is", fact: "threatOfViolence" } },
  ),
  then: fc.oneof(
    fc.integer({ min: 1, max: 3 }).map((steps) => ({ op: "raise" as const, steps })),
    levelArb.map((level) => ({ op: "atLeast" as const, level })),
  ),
});

describe("escalators (properties)", () => {
  test.prop([fc.uniqueArray(escalatorArb, { selector: (e) => e.id, maxLength: 4 }), factsArb, daysArb], { numRuns: 100 })(
    "never lower a level and never exceed red, applied in order",
    (escalators, facts, days) => {
      const table: GradingTable = { ...zixiGradingTable, escalators };
      const c = compileGradingTable(table);
      // An escalator that always raises can leave blue unreachable: the checker says so.
      if (!c.ok) {
        expect(c.error.problems.every((p) => p.code === "unreachable-level")).toBe(true);
        return;
      }
      const r = c.value.evaluate(facts, days);
      expect(riskRank(r.level)).toBeLessThanOrEqual(4);
      expect(riskRank(r.level)).toBeGreaterThanOrEqual(riskRank(r.ruleLevel));
      let previous = r.ruleLevel;
      for (const e of r.escalations) {
        expect(e.from).toBe(previous);
        expect(riskRank(e.to)).toBeGreaterThanOrEqual(riskRank(e.from));
        previous = e.to;
      }
      expect(previous).toBe(r.level);
      expect(r.level).toBe(referenceLevel(table, input(facts, days)));
    },
  );
});

describe("large tables (more than 31 rules, escalators and tasks)", () => {
  const many: GradingTable = {
    ...zixiGradingTable,
    version: "large-1",
    rules: [
      ...zixiGradingTable.rules,
      ...Array.from({ length: 40 }, (_, i) => ({
        id: `people-${i}`,
        level: RiskLevels.codes[i % 4]!,
        zh: `人数 ${i}`,
        en: `people ${i}`,
        when: { op: ">=" as const, fact: "peopleInvolved" as const, than: 10 + i * 997 },
      })),
    ],
    tasks: [
      ...zixiGradingTable.tasks,
      ...Array.from({ length: 5 }, (_, i) => ({
        id: `assist-${i}`, kind: "assistance" as const, priority: "normal" as const, zh: `帮扶 ${i}`, en: `assist ${i}`,
        when: { op: ">=" as const, fact: "amountAtStake" as const, than: i * 100_000 },
      })),
    ],
  };
  const gen = compiled(many, "generated");
  const clo = compiled(many, "closures");

  test.prop([factsArb, daysArb], { numRuns: 100 })("both strategies agree with the reference and cite exactly what holds", (facts, days) => {
    const a = gen.evaluate(facts, days);
    expect(snapshot(clo.evaluate(facts, days))).toEqual(snapshot(a));
    expect(a.level).toBe(referenceLevel(many, input(facts, days)));
    const at = input(facts, days);
    expect(a.fired.map((f) => f.id)).toEqual(many.rules.filter((r) => evaluateCondition(r.when, at, many.parameters)).map((r) => r.id));
    expect(a.tasks.map((t) => t.id)).toEqual(many.tasks.filter((t) => evaluateCondition(t.when, at, many.parameters)).map((t) => t.id));
  });
});
