/**
 * fast-check arbitraries for the support registry's tests (not part of the
 * public API): dates, support facts and listings whose details match their
 * category.
 */
import { fc } from "@fast-check/vitest";
import type { DivisionCode } from "../model/division-code.js";
import type { ListingId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { PetitionLevels } from "../taxonomy/petition-levels.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { plusDays } from "../calendar/local-dates.js";
import { detailsKindOf, type Listing, type ListingDetails, type ListingStatus } from "./listing.js";
import {
  CrisisIndicators,
  type DangerousnessGrade,
  HardshipIndicators,
  ResidenceRegistrations,
  type SupportFacts,
  ThreatKinds,
} from "./support-facts.js";
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

const name = fc.constantFrom("王芳", "李明", "张医生", "赵强", "陈静");
const text = fc.constantFrom("走访核实", "卫生院确认", "社工评估记录", "见附件 1");

export const gradeArb: fc.Arbitrary<DangerousnessGrade> = fc.constantFrom(0, 1, 2, 3, 4, 5);

export const petitionArb: fc.Arbitrary<PetitionFacts> = fc.record(
  {
    count: fc.integer({ min: 0, max: 10_000 }),
    highestLevel: fc.constantFrom(...PetitionLevels.codes),
  },
  { requiredKeys: ["count"] },
);

const detailsFor = (category: SupportCategory, on: LocalDate): fc.Arbitrary<ListingDetails> => {
  switch (detailsKindOf[category]) {
    case "mental-health":
      return fc.record({
        kind: fc.constant("mental-health" as const),
        confirmedBy: fc.constant("health-centre" as const),
        confirmedOn: fc.constant(on),
        dangerousnessGrade: gradeArb,
      });
    case "correction":
      return fc.oneof(
        fc.record({ kind: fc.constant("correction" as const), correction: fc.record({ kind: fc.constant("released" as const), releasedOn: fc.constant(on) }) }),
        dateAfter(on, 1500).map((endsOn) => ({
          kind: "correction" as const,
          correction: { kind: "community-correction" as const, startsOn: on, endsOn },
        })),
      );
    case "crisis":
      return fc.record({
        kind: fc.constant("crisis" as const),
        assessedBy: name,
        profession: fc.constantFrom("社工", "心理咨询师"),
        assessedOn: fc.constant(on),
        indicators: fc.uniqueArray(fc.constantFrom(...CrisisIndicators.codes), { minLength: 1 }),
      });
    case "threat":
      return fc.record(
        {
          kind: fc.constant("threat" as const),
          threats: fc.array(
            fc.record({ kind: fc.constantFrom(...ThreatKinds.codes), documentedBy: name, documentedOn: fc.constant(on), record: text }),
            { minLength: 1, maxLength: 3 },
          ),
          unlawfulAct: fc.record({ foundBy: fc.constant("police-station" as const), foundOn: fc.constant(on), record: text }),
        },
        { requiredKeys: ["kind", "threats"] },
      );
    case "hardship":
      return fc.record({
        kind: fc.constant("hardship" as const),
        indicators: fc.uniqueArray(fc.constantFrom(...HardshipIndicators.codes), { minLength: 1 }),
        assessedBy: name,
        assessedOn: fc.constant(on),
      });
    case "residence":
      return fc.record(
        {
          kind: fc.constant("residence" as const),
          householdRegisteredElsewhere: fc.constant(true),
          registration: fc.constantFrom(...ResidenceRegistrations.codes),
          housing: fc.constantFrom("出租房", "单位宿舍"),
          employer: fc.constantFrom("紫溪茶厂", "个体经营"),
        },
        { requiredKeys: ["kind", "householdRegisteredElsewhere", "registration"] },
      );
  }
};

const statusArb = (start: LocalDate): fc.Arbitrary<ListingStatus> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: "active" as const }) },
    { weight: 1, arbitrary: dateAfter(start, 400).map((since) => ({ kind: "lapsed" as const, since })) },
    { weight: 1, arbitrary: dateAfter(start, 400).map((since) => ({ kind: "ended" as const, since })) },
    { weight: 1, arbitrary: dateAfter(start, 400).map((since) => ({ kind: "removed" as const, since, reason: "已迁出" })) },
  );

/** A listing, optionally of a given category, valid under the Listing schema. */
export const listingArb = (category?: SupportCategory): fc.Arbitrary<Listing> =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 9999 }),
      category: category === undefined ? fc.constantFrom<SupportCategory>(1, 2, 3, 4, 5, 6) : fc.constant(category),
      startedOn: dateArb,
      jurisdiction: villageArb,
      reviewAfter: fc.integer({ min: 0, max: 400 }),
      basisAfter: fc.integer({ min: 0, max: 2000 }),
    })
    .chain(({ n, category: cat, startedOn, jurisdiction, reviewAfter, basisAfter }) =>
      fc.record({
        details: detailsFor(cat, startedOn),
        status: statusArb(startedOn),
        responsiblePerson: name,
      }).map(({ details, status, responsiblePerson }): Listing => ({
        id: `l-${n}` as ListingId,
        person: `p-${n % 50}` as PersonId,
        jurisdiction,
        category: cat,
        lawfulBasis: "依据",
        evidence: { text: "记录", assessedBy: responsiblePerson, assessedOn: startedOn },
        responsibleUnit: `u-${cat}` as UnitId,
        responsiblePerson,
        startedOn,
        nextReviewOn: plusDays(startedOn, reviewAfter),
        basisEndsOn: plusDays(startedOn, basisAfter),
        status,
        details,
      })),
    );

/** Support facts with any sections except threats, and any petition facts. */
export const factsWithoutThreatsArb: fc.Arbitrary<SupportFacts> = fc
  .record({ on: dateArb, grade: gradeArb, petition: petitionArb })
  .chain(({ on, grade, petition }) =>
    fc.record(
      {
        person: fc.constant("p-1" as PersonId),
        mentalHealth: fc.constant({ confirmedBy: "health-centre" as const, confirmedOn: on, dangerousnessGrade: grade }),
        correction: fc.constant({ kind: "released" as const, releasedOn: on }),
        crisis: fc.record({ assessedBy: name, profession: fc.constant("社工"), assessedOn: fc.constant(on), indicators: fc.uniqueArray(fc.constantFrom(...CrisisIndicators.codes)) }),
        unlawfulAct: fc.constant({ foundBy: "police-station" as const, foundOn: on, record: "治安案件" }),
        hardship: fc.record({ indicators: fc.uniqueArray(fc.constantFrom(...HardshipIndicators.codes)), assessedBy: name, assessedOn: fc.constant(on) }),
        petition: fc.constant(petition),
      },
      { requiredKeys: ["person", "petition"] },
    ),
  );
