import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { type ResolutionPriority, ResolutionPriorities, priorityRank } from "../taxonomy/resolution-priorities.js";
import { RiskLevels, riskRank } from "../taxonomy/risk-levels.js";
import { referenceGrade } from "./check-grading-table.js";
import { compileGradingTable } from "./compile-grading-table.js";
import type { GradingResult } from "./grading-result.js";
import type { GradingCondition, GradingEscalator, GradingTable } from "./grading-table.js";
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

/** What the reference interpreter says, in the result's shape (ids and priorities). */
const expected = (table: GradingTable, facts: Parameters<typeof generated.evaluate>[0], days: number) => {
  const ref = referenceGrade(table, input(facts, days));
  return { level: ref.level, priority: ref.priority, fired: ref.fired, escalations: ref.escalations, tasks: ref.tasks };
};
const shape = (r: GradingResult) => ({
  level: r.level,
  priority: r.priority,
  fired: r.fired.map((f) => f.id),
  escalations: r.escalations.map((e) => ({ id: e.id, from: e.from, to: e.to })),
  tasks: r.tasks.map((t) => t.id),
});

/** Every object and array reachable from a value, frozen or not. */
const deepFrozen = (value: unknown): boolean => {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(deepFrozen);
};

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

describe("the result is plain, frozen data", () => {
  test.prop([factsArb, daysArb, fc.constantFrom(generated, closures)])(
    "deeply frozen, with no prototype but Object's and Array's, unchanged by structuredClone, a spread and JSON",
    (facts, days, table) => {
      const r = table.evaluate(facts, days);
      expect(deepFrozen(r)).toBe(true);
      expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
      for (const list of [r.fired, r.escalations, r.tasks]) expect(Array.isArray(list)).toBe(true);
      // No getters anywhere: every property is a plain data property.
      const descriptors = Object.values(Object.getOwnPropertyDescriptors(r));
      expect(descriptors.every((d) => "value" in d && d.get === undefined)).toBe(true);
      expect(structuredClone(r)).toStrictEqual(r);
      expect({ ...r }).toStrictEqual(r);
      expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
    },
  );

  it("records the values read, the days used and the table version", () => {
    const facts = { peopleInvolved: 32, amountAtStake: 150_000, threatOfViolence: false, selfHarmRisk: false, violentHistory: false, emotionalIntensity: 1 as const, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false };
    const r = generated.evaluate(facts, 200);
    expect(r).toStrictEqual({
      tableVersion: "zixi-2025.2",
      level: "red",
      priority: "urgent",
      fired: [
        { id: "crowd-red", level: "red", reads: ["peopleInvolved"] },
        { id: "crowd-orange", level: "orange", reads: ["peopleInvolved"] },
        { id: "amount-yellow", level: "yellow", reads: ["amountAtStake"] },
      ],
      escalations: [{ id: "long-unresolved", from: "urgent", to: "urgent", reads: ["daysUnresolved"] }],
      tasks: [],
      daysUnresolved: 200,
      values: { peopleInvolved: 32, amountAtStake: 150_000, daysUnresolved: 200 },
    });
    expect(generated.evaluate({ ...facts, peopleInvolved: 2, amountAtStake: 0 }, 3).values).toStrictEqual({});
  });

  test.prop([factsArb, daysArb, fc.constantFrom(generated, closures)])(
    "the values are exactly the facts read by what fired, with the dispute's values",
    (facts, days, table) => {
      const r = table.evaluate(facts, days);
      const tasks = zixiGradingTable.tasks.filter((t) => r.tasks.some((x) => x.id === t.id));
      const read = new Set<string>([...r.fired.flatMap((f) => f.reads), ...r.escalations.flatMap((e) => e.reads)]);
      for (const t of tasks) for (const fact of JSON.stringify(t.when).match(/"fact":"(\w+)"/g) ?? []) read.add(fact.slice(8, -1));
      expect(new Set(Object.keys(r.values))).toEqual(read);
      const all: Record<string, unknown> = { ...facts, daysUnresolved: days };
      for (const [fact, value] of Object.entries(r.values)) expect(value).toBe(all[fact]);
    },
  );
});

describe("the evaluator (properties)", () => {
  test.prop([factsArb, daysArb])("is total and deterministic, and both strategies agree with the reference interpreter", (facts, days) => {
    const a = generated.evaluate(facts, days);
    expect(RiskLevels.is(a.level)).toBe(true);
    expect(ResolutionPriorities.is(a.priority)).toBe(true);
    expect(generated.evaluate(facts, days)).toStrictEqual(a);
    expect(closures.evaluate(facts, days)).toStrictEqual(a);
    expect(shape(a)).toEqual(expected(zixiGradingTable, facts, days));
  });

  test.prop([factsArb, daysArb])("the level comes from the rules alone: it is the highest level among those fired", (facts, days) => {
    const r = generated.evaluate(facts, days);
    expect(riskRank(r.level)).toBe(Math.max(1, ...r.fired.map((f) => riskRank(f.level))));
    // The same facts on the day of reporting give the same level, whatever the wait.
    expect(generated.evaluate(facts, 0).level).toBe(r.level);
  });

  test.prop([factsArb, daysArb])("the priority starts at the level's base priority and only rises, step by step", (facts, days) => {
    const r = generated.evaluate(facts, days);
    let previous: ResolutionPriority = zixiGradingTable.basePriority[r.level];
    for (const e of r.escalations) {
      expect(e.from).toBe(previous);
      expect(priorityRank(e.to)).toBeGreaterThanOrEqual(priorityRank(e.from));
      previous = e.to;
    }
    expect(previous).toBe(r.priority);
  });

  test.prop([factsArb, daysArb])(
    "is monotone: making any one risk fact more severe, or waiting longer, never lowers the level or the priority",
    (facts, days) => {
      fc.assert(
        fc.property(worseningArb(facts, days), (worse) => {
          const before = generated.evaluate(facts, days);
          const after = generated.evaluate(worse.facts, worse.days);
          expect(riskRank(after.level)).toBeGreaterThanOrEqual(riskRank(before.level));
          expect(priorityRank(after.priority)).toBeGreaterThanOrEqual(priorityRank(before.priority));
        }),
        { numRuns: 10 },
      );
    },
  );

  test.prop([factsArb, fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(undefined, "township", "county", "prefecture", "province", "national")])(
    "is invariant under protected activity: petition facts change nothing",
    (facts, count, highestLevel) => {
      const asOf = "2025-06-01" as LocalDate;
      const reportedOn = "2025-01-01" as LocalDate;
      const without = { reportedOn, facts };
      const petition = highestLevel === undefined ? { count } : { count, highestLevel };
      const withPetition = { reportedOn, facts, petition };
      expect(generated.grade(withPetition, asOf)).toStrictEqual(generated.grade(without, asOf));
    },
  );
});

const priorityArb = fc.constantFrom<ResolutionPriority>(...ResolutionPriorities.codes);
const escalatorArb: fc.Arbitrary<GradingEscalator> = fc.record({
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
    fc.integer({ min: 1, max: 2 }).map((steps) => ({ op: "raise" as const, steps })),
    priorityArb.map((priority) => ({ op: "atLeast" as const, priority })),
  ),
});
const basePriorityArb = fc
  .tuple(priorityArb, priorityArb, priorityArb, priorityArb)
  .map((ps) => [...ps].sort((a, b) => priorityRank(a) - priorityRank(b)))
  .map(([blue, yellow, orange, red]) => ({ blue: blue!, yellow: yellow!, orange: orange!, red: red! }));

describe("escalators (properties)", () => {
  test.prop([fc.uniqueArray(escalatorArb, { selector: (e) => e.id, maxLength: 4 }), basePriorityArb, factsArb, daysArb], { numRuns: 100 })(
    "change the priority only: never the level, never lower it, never above urgent, applied in order",
    (escalators, basePriority, facts, days) => {
      const table: GradingTable = { ...zixiGradingTable, basePriority, escalators };
      const c = compileGradingTable(table);
      // Some combinations leave a priority unreachable: the checker says so, and nothing else.
      if (!c.ok) {
        expect(c.error.problems.every((p) => p.code === "unreachable-priority")).toBe(true);
        return;
      }
      const r = c.value.evaluate(facts, days);
      const without = compiled({ ...zixiGradingTable, escalators: [] }, "generated").evaluate(facts, days);
      expect(r.level).toBe(without.level);
      expect(r.fired).toStrictEqual(without.fired);
      expect(priorityRank(r.priority)).toBeGreaterThanOrEqual(priorityRank(basePriority[r.level]));
      expect(shape(r)).toEqual(expected(table, facts, days));
      expect(compiled(table, "closures").evaluate(facts, days)).toStrictEqual(r);
    },
  );
});

describe("large tables (more than 31 rules, and more than the shared lists cover)", () => {
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
    escalators: [
      ...zixiGradingTable.escalators,
      ...Array.from({ length: 12 }, (_, i) => ({
        id: `wait-${i}`, zh: `等待 ${i}`, en: `wait ${i}`,
        when: { op: ">" as const, fact: "daysUnresolved" as const, than: 30 * i },
        then: i % 2 === 0 ? { op: "raise" as const, steps: 1 } : { op: "atLeast" as const, priority: "high" as const },
      })),
    ],
    tasks: [
      ...zixiGradingTable.tasks,
      ...Array.from({ length: 15 }, (_, i) => ({
        id: `assist-${i}`, kind: "assistance" as const, precedence: "normal" as const, zh: `帮扶 ${i}`, en: `assist ${i}`,
        when: { op: ">=" as const, fact: "amountAtStake" as const, than: i * 100_000 },
      })),
    ],
  };
  const gen = compiled(many, "generated");
  const clo = compiled(many, "closures");

  test.prop([factsArb, daysArb], { numRuns: 100 })("both strategies agree with the reference and cite exactly what holds", (facts, days) => {
    const a = gen.evaluate(facts, days);
    expect(clo.evaluate(facts, days)).toStrictEqual(a);
    expect(shape(a)).toEqual(expected(many, facts, days));
    expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
    expect(deepFrozen(a)).toBe(true);
  });
});
