import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { referenceGrade } from "./check-grading-table.js";
import { daysArb, factsArb } from "./grading-arbitraries.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";

const SAMPLES = 2_000;

/** Shares of each code among graded samples, by the reference interpreter (not the compiled table under test). */
const shares = (seed: number) => {
  const samples = fc.sample(fc.tuple(factsArb, daysArb), { seed, numRuns: SAMPLES });
  const levels = new Map<string, number>();
  const priorities = new Map<string, number>();
  for (const [facts, days] of samples) {
    const g = referenceGrade(zixiGradingTable, { facts, daysUnresolved: days });
    levels.set(g.level, (levels.get(g.level) ?? 0) + 1);
    priorities.set(g.priority, (priorities.get(g.priority) ?? 0) + 1);
  }
  const share = (m: Map<string, number>, code: string) => (m.get(code) ?? 0) / SAMPLES;
  return {
    levels: Object.fromEntries(RiskLevels.codes.map((c) => [c, share(levels, c)])),
    priorities: Object.fromEntries(ResolutionPriorities.codes.map((c) => [c, share(priorities, c)])),
  };
};

describe("the grading generators reach every level", () => {
  it.each([1, 2024, 987_654])("generated disputes spread over all four levels and all three priorities (seed %i)", (seed) => {
    const { levels, priorities } = shares(seed);
    // A fair share of four levels is a quarter: each gets at least 15 %, none more than 40 %.
    for (const share of Object.values(levels)) {
      expect(share).toBeGreaterThanOrEqual(0.15);
      expect(share).toBeLessThanOrEqual(0.4);
    }
    for (const share of Object.values(priorities)) expect(share).toBeGreaterThanOrEqual(0.1);
  });
});
