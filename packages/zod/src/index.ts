/**
 * `@tiaojie/zod`: zod 4 schemas for every public input of Tiaojie (调解), derived
 * from the effect schemas of `@tiaojie/core` so that the rules have one source.
 *
 * Naming: the zod schema of core's public schema `X` (a key of `publicSchemas`) is
 * exported as `XSchema`: `DisputeSchema`, `PersonSchema`, `IdentityNumberSchema`, …
 * The same schemas are also available by core's names in `publicZodSchemas`.
 *
 * @packageDocumentation
 */
export { ZodDerivationError, toZod } from "./derive.js";
export {
  ActorRoleSchema,
  ActorSchema,
  CampaignSchema,
  CaseFieldsSchema,
  CaseStatusSchema,
  ContactSchema,
  CountyCodeSchema,
  DisputeDomainSchema,
  DisputeFactsSchema,
  DisputeIdSchema,
  DisputeSchema,
  DivisionCodeSchema,
  EventIdSchema,
  GradeDecisionSchema,
  GradingTableSchema,
  IdentityNumberSchema,
  ListingClosureSchema,
  ListingIdSchema,
  ListingReviewSchema,
  ListingSchema,
  LocalDateSchema,
  PartyRoleSchema,
  PartySchema,
  PersonIdSchema,
  PersonSchema,
  PetitionFactsSchema,
  PetitionLevelSchema,
  PhoneNumberSchema,
  type PublicZodSchemas,
  publicZodSchemas,
  ResolutionChannelSchema,
  ResolutionPrioritySchema,
  RiskLevelSchema,
  RoutingConfigSchema,
  SupportCategorySchema,
  SupportFactsSchema,
  TaskIdSchema,
  UnitIdSchema,
  UnitKindSchema,
  UnitSchema,
  UnlawfulActReferralSchema,
} from "./public-schemas.js";
