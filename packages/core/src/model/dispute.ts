import { Schema } from "effect";
import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import { PartyRoles } from "../taxonomy/party-roles.js";
import { PetitionLevels } from "../taxonomy/petition-levels.js";
import { bilingualMessage } from "../validation/bilingual.js";
import { DivisionCode, divisionLevel } from "./division-code.js";
import { DisputeId, PersonId } from "./ids.js";
import { LocalDate } from "./local-date.js";
import { IntBetween, Text, Yuan, optionalField } from "./primitives.js";

/**
 * A party who is a person registered in the ledger.
 *
 * @since 0.1.0
 */
export const PersonParty = Schema.Struct({
  kind: Schema.Literal("person"),
  person: PersonId,
  role: PartyRoles.schema,
}).annotations({ identifier: "PersonParty" });

/**
 * A party that is an organisation (a company, a cooperative, a project owner).
 *
 * @since 0.1.0
 */
export const OrganisationParty = Schema.Struct({
  kind: Schema.Literal("organisation"),
  name: Text(100),
  role: PartyRoles.schema,
}).annotations({ identifier: "OrganisationParty" });

/**
 * A party to a dispute: a person or an organisation, with its role.
 *
 * @since 0.1.0
 */
export const Party = Schema.Union(PersonParty, OrganisationParty).annotations({
  identifier: "Party",
  description: "当事人 / party",
});
/** @since 0.1.0 */
export type Party = Schema.Schema.Type<typeof Party>;

/**
 * The facts that risk grading reads. Every fact must be stated: an unknown threat
 * is not the same as no threat, so nothing here has a silent default.
 *
 * @since 0.1.0
 */
export const DisputeFacts = Schema.Struct({
  /** How many people are involved on all sides. */
  peopleInvolved: IntBetween(1, 1_000_000),
  /** The amount at stake, in yuan (0 when no money is in dispute). */
  amountAtStake: Yuan,
  /** Someone has threatened violence. */
  threatOfViolence: Schema.Boolean,
  /** Someone is at risk of harming themselves. */
  selfHarmRisk: Schema.Boolean,
  /** A party has a history of violence. */
  violentHistory: Schema.Boolean,
  /** How heated the parties are: 0 calm to 3 very intense. */
  emotionalIntensity: Schema.Literal(0, 1, 2, 3).annotations(
    bilingualMessage("情绪激烈程度应为 0、1、2 或 3", "emotional intensity must be 0, 1, 2 or 3"),
  ),
  /** How many mediations have already failed. */
  failedMediations: IntBetween(0, 100),
  /** A party is vulnerable (a minor, elderly, disabled or seriously ill person). */
  vulnerableParty: Schema.Boolean,
  /** The land compensation of a completed major project is unpaid. */
  unpaidMajorProjectLandCompensation: Schema.Boolean,
}).annotations({ identifier: "DisputeFacts", description: "研判要素 / facts for grading" });
/** @since 0.1.0 */
export interface DisputeFacts extends Schema.Schema.Type<typeof DisputeFacts> {}

/**
 * Petitions made about the dispute, kept as neutral metadata. Petitioning is a
 * lawful right: these facts are never read by risk grading.
 *
 * @since 0.1.0
 */
export const PetitionFacts = Schema.Struct({
  count: IntBetween(0, 10_000),
  highestLevel: optionalField(PetitionLevels.schema),
}).annotations({ identifier: "PetitionFacts", description: "信访情况 / petition facts" });
/** @since 0.1.0 */
export interface PetitionFacts extends Schema.Schema.Type<typeof PetitionFacts> {}

const atTownshipOrVillage = (code: DivisionCode): boolean => {
  const level = divisionLevel(code);
  return level === "township" || level === "village";
};

/**
 * A dispute in the ledger: where it was found (a township- or village-level code),
 * its domain, its parties, a summary, the date it was reported, and the facts used
 * to grade it.
 *
 * @example
 * ```ts
 * import { decode, Dispute } from "@tiaojie/core";
 *
 * const r = decode(Dispute, {
 *   id: "d-0001",
 *   jurisdiction: "532301104201",
 *   domain: "neighbourhood",
 *   parties: [
 *     { kind: "person", person: "p-1", role: "claimant" },
 *     { kind: "person", person: "p-2", role: "respondent" },
 *   ],
 *   summary: "宅基地滴水檐争议",
 *   reportedOn: "2024-11-12",
 *   facts: {
 *     peopleInvolved: 2, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false,
 *     violentHistory: false, emotionalIntensity: 1, failedMediations: 0,
 *     vulnerableParty: false, unpaidMajorProjectLandCompensation: false,
 *   },
 * });
 * ```
 * @since 0.1.0
 */
export const Dispute = Schema.Struct({
  id: DisputeId,
  jurisdiction: DivisionCode.pipe(
    Schema.filter(
      atTownshipOrVillage,
      bilingualMessage("纠纷所在地应为乡级或村级区划代码", "a dispute's jurisdiction must be a township- or village-level code"),
    ),
  ),
  domain: DisputeDomains.schema,
  parties: Schema.Array(Party).pipe(
    Schema.filter((parties) => parties.length >= 1 && parties.length <= 500, {
      ...bilingualMessage("当事人应有 1–500 个", "a dispute has 1–500 parties"),
      jsonSchema: { minItems: 1, maxItems: 500 },
    }),
  ),
  summary: Text(2000),
  reportedOn: LocalDate,
  facts: DisputeFacts,
  petition: optionalField(PetitionFacts),
}).annotations({ identifier: "Dispute", description: "矛盾纠纷 / dispute" });
/** @since 0.1.0 */
export interface Dispute extends Schema.Schema.Type<typeof Dispute> {}
/** The JSON form of a {@link Dispute}. @since 0.1.0 */
export interface DisputeJson extends Schema.Schema.Encoded<typeof Dispute> {}
