/**
 * fast-check arbitraries for the support registry's tests (not part of the
 * public API): dates and villages, and the public arbitraries of support facts
 * and listings narrowed to them.
 */
import { fc } from "@fast-check/vitest";
import type { DivisionCode } from "../model/division-code.js";
import type { LocalDate } from "../model/local-date.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { plusDays } from "../calendar/local-dates.js";
import { arbitraries, listingArbitrary, supportFactsArbitrary } from "../testing/arbitraries.js";
import type { Listing } from "./listing.js";
import type { DangerousnessGrade, SupportFacts } from "./support-facts.js";
import type { PetitionFacts } from "../model/dispute.js";

const EPOCH = "2015-01-01" as LocalDate;

/** A date from 2015 to about 2035. */
export const dateArb: fc.Arbitrary<LocalDate> = fc.integer({ min: 0, max: 7300 }).map((n) => plusDays(EPOCH, n));

/** A date within `max` days after `from` (inclusive of `from`). */
export const dateAfter = (from: LocalDate, max: number): fc.Arbitrary<LocalDate> =>
  fc.integer({ min: 0, max }).map((n) => plusDays(from, n));

/** Village-level codes in two townships of one county. */
export const villageCodes: ReadonlyArray<DivisionCode> = [
  "532301104201",
  "532301104202",
  "532301104203",
  "532301105201",
  "532301105202",
] as ReadonlyArray<string> as ReadonlyArray<DivisionCode>;

export const villageArb: fc.Arbitrary<DivisionCode> = fc.constantFrom(...villageCodes);

export const gradeArb: fc.Arbitrary<DangerousnessGrade> = fc.constantFrom(0, 1, 2, 3, 4, 5);

/** The public arbitrary of petition facts. */
export const petitionArb: fc.Arbitrary<PetitionFacts> = arbitraries.PetitionFacts;

/**
 * A listing, optionally of a given category, valid under the Listing schema: the
 * public arbitrary, narrowed to dates from 2015 and to the villages above.
 */
export const listingArb = (category?: SupportCategory): fc.Arbitrary<Listing> =>
  listingArbitrary({
    ...(category === undefined ? {} : { category }),
    startedOn: dateArb,
    jurisdiction: villageArb,
    person: fc.integer({ min: 0, max: 49 }).map((n) => `p-${n}`),
  }) as unknown as fc.Arbitrary<Listing>;

/**
 * The edge days of a listing, each with the day before and the day after: its
 * opening, the day of every event, every review date it was given, and the last
 * day of its basis.
 */
export const edgeDaysOf = (listing: Listing): ReadonlyArray<LocalDate> => {
  const days = new Set<LocalDate>([listing.basisEndsOn]);
  for (const e of listing.history) {
    days.add(e.on);
    if (e.kind === "opened" || e.kind === "reviewed") days.add(e.nextReviewOn);
  }
  return [...days].flatMap((d) => [plusDays(d, -1), d, plusDays(d, 1)]);
};

/** A day around one of the listing's edge days (most often), or any day from 2015 to about 2035. */
export const dayAround = (listing: Listing): fc.Arbitrary<LocalDate> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edgeDaysOf(listing)) }, { weight: 1, arbitrary: dateArb });

/** A listing and a day to ask about it, drawn around its edge days. */
export const listingAndDayArb = (category?: SupportCategory): fc.Arbitrary<readonly [Listing, LocalDate]> =>
  listingArb(category).chain((l) => dayAround(l).map((asOf) => [l, asOf] as const));

/**
 * Support facts with any sections except threats, and any petition facts: the
 * public arbitrary of support facts, dated from 2015 on.
 */
export const factsWithoutThreatsArb: fc.Arbitrary<SupportFacts> = fc
  .tuple(supportFactsArbitrary(dateArb), petitionArb)
  .map(([{ threats: _threats, ...facts }, petition]) => ({ ...facts, petition }) as unknown as SupportFacts);

/** Support facts with any sections, threats included, dated from 2015 on. */
export const supportFactsArb: fc.Arbitrary<SupportFacts> = supportFactsArbitrary(dateArb) as unknown as fc.Arbitrary<SupportFacts>;
