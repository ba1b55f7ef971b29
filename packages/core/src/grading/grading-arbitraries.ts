/**
 * fast-check arbitraries for the grading and routing tests. Internal: not
 * exported from the package. Values cluster at and around the Zixi thresholds,
 * and risk flags are mostly off, so that every rule fires often and alone.
 *
 * @internal
 */
import fc from "fast-check";
import type { DisputeFacts } from "../model/dispute.js";
import type { GradingFactName } from "./grading-facts.js";

const flag = fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

/** @internal */
export const factsArb: fc.Arbitrary<DisputeFacts> = fc.record({
  peopleInvolved: fc.oneof(fc.constantFrom(1, 2, 4, 5, 6, 29, 30, 31), fc.integer({ min: 1, max: 1_000_000 })),
  amountAtStake: fc.oneof(
    fc.constantFrom(0, 99_999.99, 100_000, 100_000.01, 999_999.99, 1_000_000, 1_000_000.01),
    fc.integer({ min: 0, max: 200_000_000 }).map((fen) => fen / 100),
  ),
  threatOfViolence: flag,
  selfHarmRisk: flag,
  violentHistory: flag,
  emotionalIntensity: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
  failedMediations: fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 100 })),
  vulnerableParty: flag,
  unpaidMajorProjectLandCompensation: flag,
});

/** @internal */
export const daysArb: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(0, 179, 180, 181, 182), fc.integer({ min: 0, max: 5_000 }));

/** A change that makes one fact more severe (or equal): the fact and its new value. @internal */
export const worseningArb = (facts: DisputeFacts, days: number): fc.Arbitrary<{ fact: GradingFactName; facts: DisputeFacts; days: number }> =>
  fc.oneof(
    fc.constantFrom("threatOfViolence", "selfHarmRisk", "violentHistory", "vulnerableParty", "unpaidMajorProjectLandCompensation" as const)
      .map((fact) => ({ fact, facts: { ...facts, [fact]: true }, days })),
    fc.integer({ min: facts.peopleInvolved, max: 1_000_000 }).map((v) => ({ fact: "peopleInvolved" as const, facts: { ...facts, peopleInvolved: v }, days })),
    fc.integer({ min: Math.round(facts.amountAtStake * 100), max: 300_000_000 }).map((fen) => ({ fact: "amountAtStake" as const, facts: { ...facts, amountAtStake: fen / 100 }, days })),
    fc.constantFrom(0, 1, 2, 3).filter((v) => v >= facts.emotionalIntensity)
      .map((v) => ({ fact: "emotionalIntensity" as const, facts: { ...facts, emotionalIntensity: v as 0 | 1 | 2 | 3 }, days })),
    fc.integer({ min: facts.failedMediations, max: 100 }).map((v) => ({ fact: "failedMediations" as const, facts: { ...facts, failedMediations: v }, days })),
    fc.integer({ min: days, max: 10_000 }).map((v) => ({ fact: "daysUnresolved" as const, facts, days: v })),
  );
