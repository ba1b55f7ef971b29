import fc from "fast-check";
import { daysFromTo, plusDays } from "../calendar/local-dates.js";
import { gradingFacts } from "../grading/grading-facts.js";
import { ReferralTargets, ResolutionOutcomes } from "../lifecycle/case-outcomes.js";
import { identityCheckCharacter } from "../model/identity-number.js";
import type { LocalDate } from "../model/local-date.js";
import type { PublicSchemaName, publicSchemas } from "../schemas.js";
import { taxonomies } from "../schemas.js";
import { zixiLowerGradeApprovers } from "../presets/zixi/grade-approvers.js";
import { detailsKindOf } from "../support/listing.js";
import { CrisisIndicators, HardshipIndicators, ResidenceRegistrations, ThreatKinds } from "../support/support-facts.js";
import type { Taxonomy } from "../taxonomy/define-taxonomy.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";

/**
 * The encoded (plain JSON) type of a public schema.
 *
 * @since 0.1.0
 */
export type EncodedOf<K extends PublicSchemaName> = (typeof publicSchemas)[K]["Encoded"];

/**
 * The name of a schema that has an arbitrary: every key of `publicSchemas`.
 *
 * @since 0.1.0
 */
export type ArbitraryName = PublicSchemaName;

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

const fromTaxonomy = <C extends string | number>(taxonomy: Taxonomy<C>): fc.Arbitrary<C> =>
  fc.constantFrom(...taxonomy.codes);

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/);

const buildText = (max: number): fc.Arbitrary<string> =>
  fc
    .oneof(fc.string({ maxLength: Math.min(max, 40) }), fc.string({ unit: "grapheme", maxLength: Math.min(max, 20) }))
    .map((s) => s.trim())
    .filter((s) => s.length >= 1 && s.length <= max);
/** One arbitrary per length the schemas use, built once: those made inside `chain` ask for them for every value. */
const TEXTS = new Map([20, 50, 100, 200, 500, 1000, 2000].map((max) => [max, buildText(max)] as const));
const text = (max: number): fc.Arbitrary<string> => TEXTS.get(max) ?? buildText(max);

const localDate = (minYear: number, maxYear: number): fc.Arbitrary<string> =>
  fc
    .date({ min: new Date(Date.UTC(minYear, 0, 1)), max: new Date(Date.UTC(maxYear, 11, 31)), noInvalidDate: true })
    .map((d) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`);

const province = fc.integer({ min: 10, max: 89 }).map((n) => pad(n, 2));
const twoDigits = fc.integer({ min: 1, max: 99 }).map((n) => pad(n, 2));
const threeDigits = fc.integer({ min: 1, max: 399 }).map((n) => pad(n, 3));

const countyCode = fc.tuple(province, twoDigits, twoDigits).map((parts) => parts.join(""));

/** Division codes of the levels from `minLevel` (0 province … 4 village) down. */
const divisionCode = (minLevel: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: minLevel, max: 4 }), province, twoDigits, twoDigits, threeDigits, threeDigits)
    .map(([level, p, pr, c, t, v]) =>
      [p, level >= 1 ? pr : "00", level >= 2 ? c : "00", level >= 3 ? t : "000", level >= 4 ? v : "000"].join(""),
    );

const withCheckCharacter = (first17: string): string => {
  const check = identityCheckCharacter(first17);
  return check.ok ? first17 + check.value : first17;
};

const citizenIdentityNumber = fc
  .tuple(countyCode, localDate(1900, 2100), fc.integer({ min: 0, max: 999 }))
  .map(([region, birth, sequence]) => withCheckCharacter(`${region}${birth.replaceAll("-", "")}${pad(sequence, 3)}`));

/** A foreigner's permanent-residence number (2023 version): 9, province, nationality, birth date, sequence, check. */
const foreignerIdentityNumber = fc
  .tuple(
    fc.constantFrom("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"),
    fc.integer({ min: 4, max: 894 }),
    localDate(1900, 2100),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([province, nationality, birth, sequence]) => withCheckCharacter(`9${province}${pad(nationality, 3)}${birth.replaceAll("-", "")}${pad(sequence, 3)}`));

const identityNumber = fc.oneof({ weight: 3, arbitrary: citizenIdentityNumber }, { weight: 1, arbitrary: foreignerIdentityNumber });

const phoneNumber = fc.stringMatching(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/);

const yuan = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 2_000_000_000 }).map((fen) => fen / 100),
  fc.maxSafeNat().map((n) => (n % 100_000_000_000_000) / 100),
);

const contact = fc.record({ phone: phoneNumber }, { requiredKeys: [], noNullPrototype: true });

const person = fc.record(
  {
    id,
    name: text(50),
    identityNumber,
    jurisdiction: divisionCode(0),
    contact,
  },
  { requiredKeys: ["id", "name", "jurisdiction"], noNullPrototype: true },
);

const unit = fc.record(
  { id, kind: fromTaxonomy(taxonomies.UnitKinds), name: text(100), jurisdiction: divisionCode(0) },
  { noNullPrototype: true },
);

const actor = fc.record(
  { officerId: id, name: text(50), unit: id, role: fromTaxonomy(taxonomies.ActorRoles), scope: divisionCode(0) },
  { noNullPrototype: true },
);

const party = fc.oneof(
  fc.record(
    { kind: fc.constant("person" as const), person: id, role: fromTaxonomy(taxonomies.PartyRoles) },
    { noNullPrototype: true },
  ),
  fc.record(
    { kind: fc.constant("organisation" as const), name: text(100), role: fromTaxonomy(taxonomies.PartyRoles) },
    { noNullPrototype: true },
  ),
);

/** A yes/no fact that is on about one time in `n`. */
const flagOneIn = (n: number) => fc.oneof({ weight: n - 1, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

/**
 * Dispute facts: numbers cluster at and around the thresholds of the Zixi grading
 * table (and range widely otherwise), and are weighted so that graded with it
 * the facts spread over all four levels, each about a quarter of the time: most
 * disputes involve a few people and modest sums, and the flags that make a
 * dispute red on their own (a threat of violence, a risk of self-harm) are rare.
 */
const disputeFacts = fc.record({
  peopleInvolved: fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 1, max: 4 }) },
    { weight: 3, arbitrary: fc.constantFrom(1, 2, 4, 5, 6, 29, 30, 31) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
  ),
  amountAtStake: fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 9_999_999 }).map((fen) => fen / 100) },
    { weight: 3, arbitrary: fc.constantFrom(0, 99_999.99, 100_000, 100_000.01, 999_999.99, 1_000_000, 1_000_000.01) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 200_000_000 }).map((fen) => fen / 100) },
    { weight: 1, arbitrary: yuan },
  ),
  threatOfViolence: flagOneIn(16),
  selfHarmRisk: flagOneIn(16),
  violentHistory: flagOneIn(16),
  emotionalIntensity: fc.constantFrom(0 as const, 0 as const, 0 as const, 1 as const, 1 as const, 1 as const, 2 as const, 3 as const),
  failedMediations: fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(0, 0, 0, 0, 1, 1, 2, 3) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 100 }) },
  ),
  vulnerableParty: flagOneIn(8),
  unpaidMajorProjectLandCompensation: flagOneIn(16),
}, { noNullPrototype: true });

const petitionFacts = fc.record(
  { count: fc.integer({ min: 0, max: 10_000 }), highestLevel: fromTaxonomy(taxonomies.PetitionLevels) },
  { requiredKeys: ["count"], noNullPrototype: true },
);

const dispute = fc.record(
  {
    id,
    jurisdiction: divisionCode(3),
    domain: fromTaxonomy(taxonomies.DisputeDomains),
    parties: fc.array(party, { minLength: 1, maxLength: 5 }),
    summary: text(2000),
    reportedOn: localDate(1900, 2199),
    facts: disputeFacts,
    petition: petitionFacts,
  },
  { requiredKeys: ["id", "jurisdiction", "domain", "parties", "summary", "reportedOn", "facts"], noNullPrototype: true },
);

// --- Dates as offsets, so that ordered dates (start ≤ end) are built, not filtered.

const EPOCH_1950 = "1950-01-01" as LocalDate;

/** A date from 1950 to about 2130: far enough from 2199 to add a decade of offsets. */
const wideDate = fc.integer({ min: 0, max: 65_000 }).map((n) => plusDays(EPOCH_1950, n) as string);

/** A date within `max` days after `from` (`from` itself included). */
const dateAfter = (from: string, max: number): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max }).map((n) => plusDays(from as LocalDate, n) as string);

/** `fc.record` with plain prototypes (JSON values), all keys required or only `requiredKeys`. */
function record<T>(model: { [P in keyof T]: fc.Arbitrary<T[P]> }): fc.Arbitrary<T>;
function record<T, K extends keyof T & string>(
  model: { [P in keyof T]: fc.Arbitrary<T[P]> },
  requiredKeys: ReadonlyArray<K>,
): fc.Arbitrary<{ [P in K]: T[P] } & { [P in Exclude<keyof T, K>]?: T[P] }>;
function record<T>(model: { [P in keyof T]: fc.Arbitrary<T[P]> }, requiredKeys?: ReadonlyArray<keyof T & string>): fc.Arbitrary<unknown> {
  return requiredKeys === undefined
    ? fc.record(model, { noNullPrototype: true })
    : fc.record(model, { requiredKeys: [...requiredKeys], noNullPrototype: true });
}

// --- Case fields

const caseFields = record(
  {
    reason: text(500),
    properChannel: text(200),
    leadUnit: id,
    leadUnitKind: fromTaxonomy(taxonomies.UnitKinds),
    responsiblePerson: text(50),
    channel: fromTaxonomy(taxonomies.ResolutionChannels),
    outcome: fromTaxonomy(ResolutionOutcomes),
    referredTo: fromTaxonomy(ReferralTargets),
    escalatedTo: fromTaxonomy(taxonomies.UnitKinds),
    note: text(1000),
  },
  [],
);

// --- Support facts and listings

const personName = fc.oneof(fc.constantFrom("王芳", "李明", "张医生", "赵强", "陈静"), text(50));
const recordText = fc.oneof(fc.constantFrom("走访核实", "卫生院确认", "社工评估记录", "见附件 1"), text(2000));
const grade = fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const, 5 as const);
/** A unit kind, most often the one the criteria expect. */
const unitKindMostly = (expected: (typeof taxonomies.UnitKinds.codes)[number]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(expected) }, { weight: 1, arbitrary: fromTaxonomy(taxonomies.UnitKinds) });

const mentalHealthFacts = (on: fc.Arbitrary<string>) =>
  record({ confirmedBy: unitKindMostly("health-centre"), confirmedOn: on, dangerousnessGrade: grade });

const correctionFacts = (on: fc.Arbitrary<string>) =>
  fc.oneof(
    record({ kind: fc.constant("released" as const), releasedOn: on, recordedBy: personName, recordedOn: on }),
    on.chain((startsOn) =>
      record({ kind: fc.constant("community-correction" as const), startsOn: fc.constant(startsOn), endsOn: dateAfter(startsOn, 1500), recordedBy: personName, recordedOn: on }),
    ),
  );

const crisisAssessment = (on: fc.Arbitrary<string>, minIndicators: number) =>
  record({
    assessedBy: personName,
    profession: fc.oneof(fc.constantFrom("社工", "心理咨询师"), text(50)),
    assessedOn: on,
    indicators: fc.uniqueArray(fromTaxonomy(CrisisIndicators), { minLength: minIndicators }),
  });

const documentedThreat = (on: fc.Arbitrary<string>) =>
  record({ kind: fromTaxonomy(ThreatKinds), documentedBy: personName, documentedOn: on, record: recordText });

const unlawfulAct = (on: fc.Arbitrary<string>) =>
  record({ foundBy: unitKindMostly("police-station"), foundOn: on, record: recordText });

const hardshipAssessment = (on: fc.Arbitrary<string>, minIndicators: number) =>
  record({
    indicators: fc.uniqueArray(fromTaxonomy(HardshipIndicators), { minLength: minIndicators }),
    assessedBy: personName,
    assessedOn: on,
  });

const residenceFacts = (on: fc.Arbitrary<string>) =>
  record(
    {
      householdRegisteredElsewhere: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      registration: fromTaxonomy(ResidenceRegistrations),
      housing: fc.oneof(fc.constantFrom("出租房", "单位宿舍"), text(200)),
      employer: fc.oneof(fc.constantFrom("紫溪茶厂", "个体经营"), text(200)),
      recordedBy: personName,
      recordedOn: on,
    },
    ["householdRegisteredElsewhere", "registration", "recordedBy", "recordedOn"],
  );

/**
 * Support facts whose dates are drawn from `dates`; every section optional, so
 * that all combinations of sections occur. Internal: the support tests use it
 * with the dates they evaluate on.
 *
 * @internal
 */
export const supportFactsArbitrary = (dates: fc.Arbitrary<string> = wideDate) =>
  record(
    {
      person: id,
      mentalHealth: mentalHealthFacts(dates),
      correction: correctionFacts(dates),
      crisis: crisisAssessment(dates, 0),
      threats: fc.array(documentedThreat(dates), { minLength: 1, maxLength: 4 }),
      unlawfulAct: unlawfulAct(dates),
      hardship: hardshipAssessment(dates, 0),
      residence: residenceFacts(dates),
      petition: petitionFacts,
    },
    ["person"],
  );

/** A referral of an unlawful act, made on or after the day the act was found. */
const unlawfulActReferral = wideDate.chain((foundOn) =>
  record({
    id,
    kind: fc.constant("unlawful-act.referred" as const),
    person: id,
    act: unlawfulAct(fc.constant(foundOn)),
    to: unitKindMostly("police-station"),
    referredBy: actor,
    referredOn: dateAfter(foundOn, 60),
    reason: fc.oneof(fc.constant("经认定的违法行为，移交依法处理"), text(500)),
  }),
);

const listingDetails = (category: SupportCategory, on: string) => {
  const day = fc.constant(on);
  switch (detailsKindOf[category]) {
    case "mental-health":
      return mentalHealthFacts(day).map((f) => ({ kind: "mental-health" as const, ...f }));
    case "correction":
      return record({ kind: fc.constant("correction" as const), correction: correctionFacts(day) });
    case "crisis":
      return crisisAssessment(day, 1).map((f) => ({ kind: "crisis" as const, ...f }));
    case "threat":
      return record(
        { kind: fc.constant("threat" as const), threats: fc.array(documentedThreat(day), { minLength: 1, maxLength: 3 }), unlawfulAct: unlawfulAct(day) },
        ["kind", "threats"],
      );
    case "hardship":
      return hardshipAssessment(day, 1).map((f) => ({ kind: "hardship" as const, ...f }));
    case "residence":
      return residenceFacts(day).map((f) => ({ kind: "residence" as const, ...f }));
  }
};

/** How a generated history ends, after its reviews. */
const historyEnding = fc.oneof(
  { weight: 3, arbitrary: fc.constant("open" as const) },
  { weight: 2, arbitrary: fc.constant("lapse" as const) },
  { weight: 1, arbitrary: fc.constant("lapse-then-removal" as const) },
  { weight: 1, arbitrary: fc.constant("lapse-then-basis-end" as const) },
  { weight: 1, arbitrary: fc.constant("removal" as const) },
  { weight: 1, arbitrary: fc.constant("early-end" as const) },
  { weight: 1, arbitrary: fc.constant("basis-end" as const) },
);

/** Where in its allowed range a review or a closing falls: its first day, its last, or any. */
const placeIn = fc.oneof(
  { weight: 1, arbitrary: fc.constant("first" as const) },
  { weight: 1, arbitrary: fc.constant("last" as const) },
  { weight: 3, arbitrary: fc.nat() },
);
const pickDay = (from: string, to: string, place: "first" | "last" | number): string => {
  const span = daysFromTo(from as LocalDate, to as LocalDate);
  const offset = place === "first" ? 0 : place === "last" ? span : place % (span + 1);
  return plusDays(from as LocalDate, offset) as string;
};
const minDay = (a: string, b: string): string => (a < b ? a : b);

/**
 * A listing's history that the Listing schema accepts: the opening on `start`,
 * reviews each on a day the listing holds (often on the due day itself), then
 * possibly a lapse on the day after the missed review, a removal or an early end
 * by a person with a reason, or the end the day after the basis period.
 */
const listingHistory = (start: string, basisEndsOn: string) =>
  fc
    .record({
      actors: fc.array(actor, { minLength: 1, maxLength: 3 }),
      firstReview: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })),
      reviews: fc.array(
        record({ place: placeIn, gap: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 400 })) }),
        { maxLength: 4 },
      ),
      ending: historyEnding,
      closeOn: placeIn,
      reason: fc.oneof(fc.constantFrom("已迁出本镇", "困难已解决", "误列"), text(500)),
    })
    .map(({ actors, firstReview, reviews, ending, closeOn, reason }) => {
      const by = (i: number) => actors[i % actors.length]!;
      let next = plusDays(start as LocalDate, firstReview) as string;
      let last = start;
      const events: Array<EncodedOf<"Listing">["history"][number]> = [{ kind: "opened", on: start, actor: by(0), nextReviewOn: next }];
      for (const r of reviews) {
        const until = minDay(next, basisEndsOn);
        if (until < last) break;
        const on = pickDay(last, until, r.place);
        next = plusDays(on as LocalDate, r.gap) as string;
        events.push({ kind: "reviewed", on, actor: by(events.length), nextReviewOn: next });
        last = on;
      }
      const lapseOn = plusDays(next as LocalDate, 1) as string;
      const canLapse = lapseOn <= basisEndsOn;
      let lapsed = false;
      /** A missed review is recorded before anything dated on or after its lapse. */
      const lapse = () => {
        if (lapsed || !canLapse) return;
        events.push({ kind: "lapsed", on: lapseOn, actor: by(events.length), reason: { rule: "missed-review" } });
        last = lapseOn;
        lapsed = true;
      };
      if (ending.startsWith("lapse")) lapse();
      if (ending === "removal" || ending === "early-end" || (ending === "lapse-then-removal" && canLapse)) {
        const on = pickDay(last, basisEndsOn, closeOn);
        if (on >= lapseOn) lapse();
        events.push(
          ending === "early-end"
            ? { kind: "ended", on, actor: by(events.length), reason: { text: reason } }
            : { kind: "removed", on, actor: by(events.length), reason: { text: reason } },
        );
      }
      if (ending === "basis-end" || (ending === "lapse-then-basis-end" && canLapse)) {
        lapse();
        const on = plusDays(basisEndsOn as LocalDate, 1) as string;
        events.push({ kind: "ended", on, actor: by(events.length), reason: { rule: "basis-ended" } });
      }
      return events;
    });

/**
 * The options of {@link listingArbitrary}. @internal
 */
export interface ListingArbitraryOptions {
  /** Only listings of this category. */
  readonly category?: SupportCategory;
  /** Where start dates come from. */
  readonly startedOn?: fc.Arbitrary<string>;
  /** Where jurisdictions come from. */
  readonly jurisdiction?: fc.Arbitrary<string>;
  /** Where person ids come from. */
  readonly person?: fc.Arbitrary<string>;
}

/**
 * Listings of every category, each with the details of its category (dated on
 * its start day), a basis end on or after the start, and a dated history the
 * Listing schema accepts: reviews (often on their due day), lapses, removals,
 * early ends and ends by the basis rule. Internal: the support and access tests
 * narrow it to their dates and villages.
 *
 * @internal
 */
export const listingArbitrary = (options: ListingArbitraryOptions = {}): fc.Arbitrary<EncodedOf<"Listing">> =>
  fc
    .record({
      category: options.category === undefined ? fromTaxonomy(taxonomies.SupportCategories) : fc.constant(options.category),
      startedOn: options.startedOn ?? wideDate,
      basisAfter: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 2000 })),
    })
    .chain(({ category, startedOn, basisAfter }) => {
      const basisEndsOn = plusDays(startedOn as LocalDate, basisAfter) as string;
      return record({
        id,
        person: options.person ?? id,
        jurisdiction: options.jurisdiction ?? divisionCode(0),
        category: fc.constant(category),
        lawfulBasis: fc.oneof(fc.constant("《社会救助暂行办法》"), text(500)),
        evidence: record({ text: recordText, assessedBy: personName, assessedOn: fc.constant(startedOn) }),
        responsibleUnit: id,
        responsiblePerson: personName,
        basisEndsOn: fc.constant(basisEndsOn),
        details: listingDetails(category, startedOn),
        history: listingHistory(startedOn, basisEndsOn),
      }) as fc.Arbitrary<EncodedOf<"Listing">>;
    });

/** A review of a listing as a caller sends it: any days, details of any category. */
const listingReview = record(
  {
    reviewedOn: localDate(1900, 2199),
    actor,
    nextReviewOn: localDate(1900, 2199),
    evidence: record({ text: recordText, assessedBy: personName, assessedOn: localDate(1900, 2199) }),
    details: fc
      .tuple(fromTaxonomy(taxonomies.SupportCategories), wideDate)
      .chain(([category, on]) => listingDetails(category, on) as fc.Arbitrary<EncodedOf<"Listing">["details"]>),
  },
  ["reviewedOn", "actor", "nextReviewOn"],
);

/** An early end or a removal of a listing as a caller sends it. */
const listingClosure = record({ on: localDate(1900, 2199), actor, reason: fc.oneof(fc.constantFrom("已迁出本镇", "困难已解决"), text(500)) });

// --- Grading tables and routing configurations

const ruleName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,63}$/);
const bilingualText = (max: number) => ({ zh: text(max), en: text(max) });
const finite = fc.oneof(
  fc.integer({ min: -1_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n + 0),
);
const factName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...gradingFacts.map((f) => f.name as string)) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 100 }) },
);
const comparisonOp = fc.constantFrom(">=" as const, ">" as const, "<=" as const, "<" as const, "==" as const, "!=" as const);

/** Grading conditions nested up to a few levels deep: all, any and not over comparisons and flags. */
const gradingCondition = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    record({ op: fc.constant("is" as const), fact: factName }),
    record({ op: comparisonOp, fact: factName, than: fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), finite) }),
    record({ op: fc.constantFrom("all" as const, "any" as const), of: fc.array(tie("condition"), { maxLength: 4 }) }),
    record({ op: fc.constant("not" as const), of: tie("condition") }),
  ),
})).condition as fc.Arbitrary<EncodedOf<"GradingTable">["rules"][number]["when"]>;

const gradingTable = record({
  version: text(50),
  ...bilingualText(500),
  parameters: fc.array(
    record(
      { name: ruleName, value: finite, ...bilingualText(500), unit: record(bilingualText(20)) },
      ["name", "value", "zh", "en"],
    ),
    { maxLength: 5 },
  ),
  rules: fc.array(record({ id: ruleName, level: fromTaxonomy(taxonomies.RiskLevels), ...bilingualText(500), when: gradingCondition }), { maxLength: 5 }),
  basePriority: record({
    red: fromTaxonomy(taxonomies.ResolutionPriorities),
    orange: fromTaxonomy(taxonomies.ResolutionPriorities),
    yellow: fromTaxonomy(taxonomies.ResolutionPriorities),
    blue: fromTaxonomy(taxonomies.ResolutionPriorities),
  }),
  escalators: fc.array(
    record({
      id: ruleName,
      ...bilingualText(500),
      when: gradingCondition,
      then: fc.oneof(
        record({ op: fc.constant("raise" as const), steps: fc.integer({ min: -2, max: 2 }) }),
        record({ op: fc.constant("atLeast" as const), priority: fromTaxonomy(taxonomies.ResolutionPriorities) }),
      ),
    }),
    { maxLength: 3 },
  ),
  tasks: fc.array(
    record({
      id: ruleName,
      kind: fc.constantFrom("crisis-intervention" as const, "assistance" as const),
      precedence: fc.constantFrom("help-first" as const, "normal" as const),
      ...bilingualText(500),
      when: gradingCondition,
    }),
    { maxLength: 3 },
  ),
});

/** Routing conditions nested up to a few levels deep. */
// --- Grade decisions

const riskLevel = fromTaxonomy(taxonomies.RiskLevels);
const rank = (level: string): number => taxonomies.RiskLevels.codes.length - taxonomies.RiskLevels.codes.indexOf(level as never);

/** A decision that keeps confirmGrade's rules: an override exactly when the level differs, a second officer to lower it, in an approving role. */
const gradeDecision = fc
  .record(
    {
      recommended: riskLevel,
      level: riskLevel,
      priority: fromTaxonomy(taxonomies.ResolutionPriorities),
      tableVersion: text(50),
      firedRules: fc.array(ruleName, { maxLength: 5 }),
      escalators: fc.array(ruleName, { maxLength: 2 }),
      confirmedBy: actor,
      decidedOn: localDate(2000, 2100),
      reason: text(500),
      second: actor,
      withSecond: fc.boolean(),
    },
    { noNullPrototype: true },
  )
  .filter((d) => d.second.officerId !== d.confirmedBy.officerId)
  .map(({ reason, second, withSecond, ...d }) => {
    if (d.level === d.recommended) return d;
    const direction = rank(d.level) > rank(d.recommended) ? ("up" as const) : ("down" as const);
    const approver = zixiLowerGradeApprovers.includes(second.role) ? second : { ...second, role: zixiLowerGradeApprovers[0]! };
    const override =
      direction === "down" ? { direction, reason, secondOfficer: approver } : withSecond ? { direction, reason, secondOfficer: second } : { direction, reason };
    return { ...d, override };
  });

const routeCondition = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    record({ op: fc.constant("domain" as const), in: fc.uniqueArray(fromTaxonomy(taxonomies.DisputeDomains), { maxLength: 4 }) }),
    record({ op: fc.constant("level" as const), atLeast: fromTaxonomy(taxonomies.RiskLevels) }),
    record({ op: fc.constant("is" as const), fact: factName }),
    record({ op: comparisonOp, fact: factName, than: finite }),
    record({ op: fc.constantFrom("all" as const, "any" as const), of: fc.array(tie("condition"), { maxLength: 4 }) }),
    record({ op: fc.constant("not" as const), of: tie("condition") }),
  ),
})).condition as fc.Arbitrary<EncodedOf<"RoutingConfig">["escalations"][number]["when"]>;

const unitKind = fromTaxonomy(taxonomies.UnitKinds);

const routeAction = fc.oneof(
  record({ kind: fc.constant("lead" as const), unit: unitKind }),
  record({ kind: fc.constant("cooperate" as const), units: fc.uniqueArray(unitKind, { maxLength: 3 }) }),
  record({ kind: fc.constant("escalate" as const), to: unitKind }),
  record({ kind: fc.constant("linkage" as const), channel: fromTaxonomy(taxonomies.ResolutionChannels) }),
  record({ kind: fc.constant("assign-responsible-person" as const) }),
  record({ kind: fc.constant("inform-court-route" as const) }),
  record({ kind: fc.constant("report" as const), to: unitKind, within: fc.constantFrom("same-day" as const, "next-day" as const, "three-days" as const) }),
);

const routingConfig = record(
  {
    version: text(50),
    ...bilingualText(500),
    county: countyCode,
    matrix: fc.array(
      record({ domain: fromTaxonomy(taxonomies.DisputeDomains), lead: unitKind, cooperating: fc.uniqueArray(unitKind, { maxLength: 3 }), ...bilingualText(500) }),
      { maxLength: 5 },
    ),
    escalations: fc.array(
      record(
        { id: ruleName, ...bilingualText(500), basis: record(bilingualText(500)), when: routeCondition, then: fc.array(routeAction, { maxLength: 4 }) },
        ["id", "zh", "en", "when", "then"],
      ),
      { maxLength: 4 },
    ),
  },
  ["version", "zh", "en", "matrix", "escalations"],
);

// --- Campaigns

const deadlineKind = fc.constantFrom("ledger-report" as const, "summary-report" as const);
const owedBy = fc.oneof(fc.constant("reporting-units" as const), fc.uniqueArray(unitKind, { minLength: 1, maxLength: 3 }));
const month = fc.tuple(fc.integer({ min: 1950, max: 2150 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m, 2)}`);
const laterMonth = (first: string) =>
  fc.integer({ min: 0, max: 36 }).map((n) => {
    const total = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1 + n;
    return `${Math.floor(total / 12)}-${pad((total % 12) + 1, 2)}`;
  });

const phaseCheck = fc.oneof(
  record({ id: text(100), title: record(bilingualText(500)), kind: fc.constant("deadlines-submitted" as const), deadlineKind }),
  record({
    id: text(100),
    title: record(bilingualText(500)),
    kind: fc.constantFrom(
      "disputes-graded" as const,
      "disputes-assigned" as const,
      "open-disputes-have-responsible-person" as const,
      "open-disputes-have-measure" as const,
      "active-listings-have-measures" as const,
    ),
  }),
);

/** Phases in order of time: each starts after the previous ends, most often the day after. */
const phases = fc
  .tuple(
    wideDate,
    fc.array(
      fc.record({ gap: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }) }), length: fc.integer({ min: 0, max: 200 }) }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .chain(([first, spans]) => {
    let end = plusDays(first as LocalDate, -1) as string;
    const dates = spans.map(({ gap, length }) => {
      const start = plusDays(end as LocalDate, gap) as string;
      end = plusDays(start as LocalDate, length) as string;
      return { start, end };
    });
    return fc.tuple(
      ...dates.map(({ start, end: last }) =>
        record(
          {
            id: text(100),
            name: record(bilingualText(500)),
            start: fc.constant(start),
            end: fc.constant(last),
            checks: fc.array(phaseCheck, { maxLength: 3 }),
            note: record(bilingualText(2000)),
          },
          ["id", "name", "start", "end", "checks"],
        ),
      ),
    );
  });

const campaign = (phases as fc.Arbitrary<EncodedOf<"Campaign">["phases"]>).chain((ps) =>
  record(
    {
      id: text(100),
      name: record(bilingualText(500)),
      phases: fc.constant(ps),
      oneOffDeadlines: fc.array(
        record({ id: text(100), kind: deadlineKind, due: dateAfter(ps[0]!.start, 400), title: record(bilingualText(500)), owedBy, receivedBy: unitKind }),
        { maxLength: 3 },
      ),
      monthlyDeadlines: fc.array(
        month.chain((firstMonth) =>
          record(
            {
              id: text(100),
              kind: deadlineKind,
              dayOfMonth: fc.integer({ min: 1, max: 31 }),
              firstMonth: fc.constant(firstMonth),
              lastMonth: laterMonth(firstMonth),
              title: record(bilingualText(500)),
              owedBy,
              receivedBy: unitKind,
            },
            ["id", "kind", "dayOfMonth", "firstMonth", "title", "owedBy", "receivedBy"],
          ),
        ),
        { maxLength: 2 },
      ),
      reportingUnitKinds: fc.uniqueArray(unitKind, { maxLength: 5 }),
      routineFrom: fc.oneof(
        { weight: 4, arbitrary: fc.constant(plusDays(ps[ps.length - 1]!.end as LocalDate, 1) as string) },
        { weight: 1, arbitrary: dateAfter(plusDays(ps[ps.length - 1]!.end as LocalDate, 1), 90) },
      ),
      source: record(bilingualText(2000)),
    },
    ["id", "name", "phases", "oneOffDeadlines", "monthlyDeadlines", "reportingUnitKinds", "routineFrom"],
  ),
);

/**
 * One fast-check arbitrary per public schema, generating VALID inputs in their
 * encoded (plain JSON) form, as a caller would send them: every value decodes.
 * Use them to test code that consumes the ledger's data, or an adapter's round trip.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { decode, Dispute } from "@tiaojie/core";
 * import { arbitraries } from "@tiaojie/core/arbitraries";
 *
 * fc.assert(fc.property(arbitraries.Dispute, (json) => decode(Dispute, json).ok));
 * ```
 * @since 0.1.0
 */
export const arbitraries: { readonly [K in ArbitraryName]: fc.Arbitrary<EncodedOf<K>> } = {
  DisputeId: id,
  PersonId: id,
  UnitId: id,
  ListingId: id,
  TaskId: id,
  EventId: id,
  LocalDate: localDate(1900, 2199),
  DivisionCode: divisionCode(0),
  CountyCode: countyCode,
  IdentityNumber: identityNumber,
  PhoneNumber: phoneNumber,
  DisputeDomain: fromTaxonomy(taxonomies.DisputeDomains),
  UnitKind: fromTaxonomy(taxonomies.UnitKinds),
  ResolutionChannel: fromTaxonomy(taxonomies.ResolutionChannels),
  RiskLevel: fromTaxonomy(taxonomies.RiskLevels),
  ResolutionPriority: fromTaxonomy(taxonomies.ResolutionPriorities),
  SupportCategory: fromTaxonomy(taxonomies.SupportCategories),
  CaseStatus: fromTaxonomy(taxonomies.CaseStatuses),
  PartyRole: fromTaxonomy(taxonomies.PartyRoles),
  PetitionLevel: fromTaxonomy(taxonomies.PetitionLevels),
  ActorRole: fromTaxonomy(taxonomies.ActorRoles),
  Contact: contact,
  Person: person,
  Unit: unit,
  Actor: actor,
  Party: party,
  DisputeFacts: disputeFacts,
  PetitionFacts: petitionFacts,
  Dispute: dispute,
  CaseFields: caseFields,
  UnlawfulActReferral: unlawfulActReferral,
  SupportFacts: supportFactsArbitrary(),
  Listing: listingArbitrary(),
  ListingReview: listingReview,
  ListingClosure: listingClosure,
  GradingTable: gradingTable,
  GradeDecision: gradeDecision,
  RoutingConfig: routingConfig,
  Campaign: campaign,
};
