import fc from "fast-check";
import { identityCheckCharacter } from "../model/identity-number.js";
import type { PublicSchemaName, publicSchemas } from "../schemas.js";
import { taxonomies } from "../schemas.js";
import type { Taxonomy } from "../taxonomy/define-taxonomy.js";

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

const text = (max: number): fc.Arbitrary<string> =>
  fc
    .oneof(fc.string({ maxLength: Math.min(max, 40) }), fc.string({ unit: "grapheme", maxLength: Math.min(max, 20) }))
    .map((s) => s.trim())
    .filter((s) => s.length >= 1 && s.length <= max);

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

const identityNumber = fc
  .tuple(countyCode, localDate(1900, 2100), fc.integer({ min: 0, max: 999 }))
  .map(([region, birth, sequence]) => {
    const first17 = `${region}${birth.replaceAll("-", "")}${pad(sequence, 3)}`;
    return first17 + identityCheckCharacter(first17);
  });

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
  { officer: text(50), unit: id, role: fromTaxonomy(taxonomies.ActorRoles), scope: divisionCode(0) },
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

const disputeFacts = fc.record({
  peopleInvolved: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1_000_000 })),
  amountAtStake: yuan,
  threatOfViolence: fc.boolean(),
  selfHarmRisk: fc.boolean(),
  violentHistory: fc.boolean(),
  emotionalIntensity: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
  failedMediations: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 })),
  vulnerableParty: fc.boolean(),
  unpaidMajorProjectLandCompensation: fc.boolean(),
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

/**
 * One fast-check arbitrary per public schema, generating VALID inputs in their
 * encoded (plain JSON) form, as a caller would send them: every value decodes.
 * Use them to test code that consumes the ledger's data, or an adapter's round trip.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { decode, Dispute } from "@tiaojie/core";
 * import { arbitraries } from "@tiaojie/core/testing";
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
};
