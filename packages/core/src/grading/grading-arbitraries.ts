/**
 * fast-check arbitraries for the grading and routing tests. Internal: not
 * exported from the package. Dispute facts are the public arbitrary's (values
 * cluster at and around the Zixi thresholds, the flags that make a dispute red
 * are rare, and graded with the Zixi table the facts spread over all four
 * levels: see grading-arbitraries.test.ts).
 *
 * @internal
 */
import fc from "fast-check";
import type { DisputeFacts } from "../model/dispute.js";
import { arbitraries } from "../testing/arbitraries.js";
import type { GradingFactName } from "./grading-facts.js";

/** The public arbitrary of dispute facts, which clusters at the thresholds and spreads over the levels. @internal */
export const factsArb: fc.Arbitrary<DisputeFacts> = arbitraries.DisputeFacts as fc.Arbitrary<DisputeFacts>;

/** @internal */
export const daysArb: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(0, 179, 180, 181, 182), fc.integer({ min: 0, max: 5_000 }));

/** A change that makes one fact more severe (or equal): the fact and its new value. @internal */
export const worseningArb = (facts: DisputeFacts, days: number): fc.Arbitrary<{ fact: GradingFactName; facts: DisputeFacts; days: number }> =>
  fc.oneof(
    fc.constantFrom("threatOfViolence", "selfHarmRisk", "violentHistory", "vulnerableParty", "unpaidMajorProjectLandCompensation" as const)
      .map((fact) => ({ fact, facts: { ...facts, [fact]: true }, days })),
    fc.integer({ min: facts.peopleInvolved, max: 1_000_000 }).map((v) => ({ fact: "peopleInvolved" as const, facts: { ...facts, peopleInvolved: v }, days })),
    fc.integer({ min: 0, max: 300_000_000 }).map((more) => {
      const fen = Math.min(Math.round(facts.amountAtStake * 100) + more, 99_999_999_999_999);
      return { fact: "amountAtStake" as const, facts: { ...facts, amountAtStake: fen / 100 }, days };
    }),
    fc.constantFrom(0, 1, 2, 3).filter((v) => v >= facts.emotionalIntensity)
      .map((v) => ({ fact: "emotionalIntensity" as const, facts: { ...facts, emotionalIntensity: v as 0 | 1 | 2 | 3 }, days })),
    fc.integer({ min: facts.failedMediations, max: 100 }).map((v) => ({ fact: "failedMediations" as const, facts: { ...facts, failedMediations: v }, days })),
    fc.integer({ min: days, max: 10_000 }).map((v) => ({ fact: "daysUnresolved" as const, facts, days: v })),
  );
