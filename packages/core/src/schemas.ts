import { Campaign } from "./campaign/campaign.js";
import { GradeDecision } from "./grading/grade-decision.js";
import { GradingTable } from "./grading/grading-table.js";
import { CaseFields } from "./lifecycle/case-record.js";
import { UnlawfulActReferral } from "./lifecycle/unlawful-act-referral.js";
import { Actor } from "./model/actor.js";
import { CountyCode } from "./model/county-code.js";
import { Dispute, DisputeFacts, Party, PetitionFacts } from "./model/dispute.js";
import { DivisionCode } from "./model/division-code.js";
import { IdentityNumber } from "./model/identity-number.js";
import { DisputeId, EventId, ListingId, PersonId, TaskId, UnitId } from "./model/ids.js";
import { LocalDate } from "./model/local-date.js";
import { Contact, Person } from "./model/person.js";
import { PhoneNumber } from "./model/primitives.js";
import { Unit } from "./model/unit.js";
import { RoutingConfig } from "./routing/routing-config.js";
import { Listing } from "./support/listing.js";
import { ListingClosure, ListingReview } from "./support/listing-status.js";
import { SupportFacts } from "./support/support-facts.js";
import { ActorRoles } from "./taxonomy/actor-roles.js";
import { CaseStatuses } from "./taxonomy/case-statuses.js";
import { DisputeDomains } from "./taxonomy/dispute-domains.js";
import { PartyRoles } from "./taxonomy/party-roles.js";
import { PetitionLevels } from "./taxonomy/petition-levels.js";
import { ResolutionChannels } from "./taxonomy/resolution-channels.js";
import { ResolutionPriorities } from "./taxonomy/resolution-priorities.js";
import { RiskLevels } from "./taxonomy/risk-levels.js";
import { SupportCategories } from "./taxonomy/support-categories.js";
import { UnitKinds } from "./taxonomy/unit-kinds.js";

/**
 * Every public input schema by name: the single list that derived forms (zod
 * schemas, JSON Schemas, docs, conformance tests) are built from. It holds the
 * ledger's records (disputes, people, units, support facts and listings), the
 * values a case transition carries (`CaseFields`), a listing's review and its
 * ending or removal (`ListingReview`, `ListingClosure`), and the rules an integrator
 * may supply as data (`GradingTable`, `RoutingConfig`, `Campaign`).
 *
 * @example
 * ```ts
 * import { publicSchemas, jsonSchema } from "@tiaojie/core";
 *
 * for (const [name, schema] of Object.entries(publicSchemas)) {
 *   writeFileSync(`schemas/${name}.json`, JSON.stringify(jsonSchema(schema)));
 * }
 * ```
 * @since 0.1.0
 */
export const publicSchemas = {
  DisputeId,
  PersonId,
  UnitId,
  ListingId,
  TaskId,
  EventId,
  LocalDate,
  DivisionCode,
  CountyCode,
  IdentityNumber,
  PhoneNumber,
  DisputeDomain: DisputeDomains.schema,
  UnitKind: UnitKinds.schema,
  ResolutionChannel: ResolutionChannels.schema,
  RiskLevel: RiskLevels.schema,
  ResolutionPriority: ResolutionPriorities.schema,
  SupportCategory: SupportCategories.schema,
  CaseStatus: CaseStatuses.schema,
  PartyRole: PartyRoles.schema,
  PetitionLevel: PetitionLevels.schema,
  ActorRole: ActorRoles.schema,
  Contact,
  Person,
  Unit,
  Actor,
  Party,
  DisputeFacts,
  PetitionFacts,
  Dispute,
  CaseFields,
  UnlawfulActReferral,
  SupportFacts,
  Listing,
  ListingReview,
  ListingClosure,
  GradingTable,
  GradeDecision,
  RoutingConfig,
  Campaign,
} as const;

/** The name of a public schema. @since 0.1.0 */
export type PublicSchemaName = keyof typeof publicSchemas;

/**
 * Every taxonomy table, for docs and forms.
 *
 * @since 0.1.0
 */
export const taxonomies = {
  DisputeDomains,
  UnitKinds,
  ResolutionChannels,
  RiskLevels,
  ResolutionPriorities,
  SupportCategories,
  CaseStatuses,
  PartyRoles,
  PetitionLevels,
  ActorRoles,
} as const;
