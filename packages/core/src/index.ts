/**
 * `@tiaojie/core`: the pure domain core of Tiaojie (调解).
 *
 * @packageDocumentation
 */

// Validation and errors
export { type Bilingual, type Lang, BilingualMessageId, bilingualMessage } from "./validation/bilingual.js";
export { type IssuePath, type ValidationIssue, ValidationError, formatPath } from "./validation/validation-error.js";
export { collectIssues, expectedMessage, structuralMessages } from "./validation/collect-issues.js";
export { type Result, decode, decodeEffect, encode, jsonSchema, parseOptions, standardSchema } from "./validation/decode.js";
export { type FormatOptions, formatValidationError } from "./validation/format.js";

// Taxonomies
export { type Taxonomy, type TaxonomyEntry, defineTaxonomy } from "./taxonomy/define-taxonomy.js";
export { type ActorRole, ActorRoles } from "./taxonomy/actor-roles.js";
export { type CaseStatus, CaseStatuses } from "./taxonomy/case-statuses.js";
export { type DisputeDomain, DisputeDomains } from "./taxonomy/dispute-domains.js";
export { type PartyRole, PartyRoles } from "./taxonomy/party-roles.js";
export { type PetitionLevel, PetitionLevels } from "./taxonomy/petition-levels.js";
export { type ResolutionChannel, ResolutionChannels } from "./taxonomy/resolution-channels.js";
export { type RiskLevel, RiskLevels, riskRank } from "./taxonomy/risk-levels.js";
export { type SupportCategory, SupportCategories } from "./taxonomy/support-categories.js";
export { type UnitKind, UnitKinds } from "./taxonomy/unit-kinds.js";

// Model
export { DisputeId, EventId, ListingId, PersonId, TaskId, UnitId } from "./model/ids.js";
export { LocalDate, isValidCalendarDay } from "./model/local-date.js";
export {
  type DivisionLevel,
  DivisionCode,
  DivisionLevels,
  divisionLevel,
  isWithinDivision,
  parentDivision,
  townshipKind,
  villageKind,
} from "./model/division-code.js";
export { CountyCode, countyOf } from "./model/county-code.js";
export {
  type IdentityNumberFacts,
  IdentityNumber,
  identityCheckCharacter,
  identityNumberFacts,
  maskIdentityNumber,
} from "./model/identity-number.js";
export { IntBetween, PhoneNumber, Text, Yuan } from "./model/primitives.js";
export { Contact, Person, type PersonJson } from "./model/person.js";
export { Unit, type UnitJson } from "./model/unit.js";
export { Actor, type ActorJson } from "./model/actor.js";
export {
  Dispute,
  DisputeFacts,
  type DisputeJson,
  OrganisationParty,
  Party,
  PersonParty,
  PetitionFacts,
} from "./model/dispute.js";

// Registries
export { type PublicSchemaName, publicSchemas, taxonomies } from "./schemas.js";
