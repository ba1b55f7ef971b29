/**
 * `@tiaojie/core`: the pure domain core of Tiaojie (调解).
 *
 * @packageDocumentation
 */

// Validation and errors
// (what only sibling packages need, such as the AST helpers, is in `@tiaojie/core/schema-kit`)
export { type Bilingual, type Lang, bilingualMessage } from "./validation/bilingual.js";
export { type IssuePath, type ValidationIssue, ValidationError, formatPath } from "./validation/validation-error.js";
export { type Result, err, ok } from "./validation/result.js";
export { type Problem } from "./validation/problem.js";
export { type StandaloneSchema, decode, decodeEffect, encode, jsonSchema, standardSchema } from "./validation/decode.js";
export { type FormatOptions, formatValidationError } from "./validation/format.js";

// Taxonomies
export { type Taxonomy, type TaxonomyEntry, defineTaxonomy } from "./taxonomy/define-taxonomy.js";
export { type ActorRole, ActorRoles } from "./taxonomy/actor-roles.js";
export { type CaseStatus, CaseStatuses } from "./taxonomy/case-statuses.js";
export { type DisputeDomain, DisputeDomains } from "./taxonomy/dispute-domains.js";
export { type PartyRole, PartyRoles } from "./taxonomy/party-roles.js";
export { type PetitionLevel, PetitionLevels } from "./taxonomy/petition-levels.js";
export { type ResolutionChannel, ResolutionChannels } from "./taxonomy/resolution-channels.js";
export { type ResolutionPriority, ResolutionPriorities, priorityOfRank, priorityRank } from "./taxonomy/resolution-priorities.js";
export { type RiskLevel, RiskLevels, riskRank } from "./taxonomy/risk-levels.js";
export { type SupportCategory, SupportCategories } from "./taxonomy/support-categories.js";
export { type UnitKind, UnitKinds } from "./taxonomy/unit-kinds.js";

// Model
export { DisputeId, EventId, ListingId, OfficerId, PersonId, TaskId, UnitId } from "./model/ids.js";
export { LocalDate, isValidCalendarDay } from "./model/local-date.js";
export {
  countyCode,
  countyCodeOrThrow,
  disputeId,
  disputeIdOrThrow,
  divisionCode,
  divisionCodeOrThrow,
  eventId,
  eventIdOrThrow,
  identityNumber,
  identityNumberOrThrow,
  listingId,
  listingIdOrThrow,
  localDate,
  localDateOrThrow,
  officerId,
  officerIdOrThrow,
  personId,
  personIdOrThrow,
  phoneNumber,
  phoneNumberOrThrow,
  taskId,
  taskIdOrThrow,
  unitId,
  unitIdOrThrow,
} from "./model/constructors.js";
export {
  type DivisionLevel,
  DivisionCode,
  DivisionLevels,
  divisionLevel,
  divisionPrefix,
  isWithinDivision,
  parentDivision,
  townshipKind,
  villageKind,
} from "./model/division-code.js";
export { CountyCode, countyOf } from "./model/county-code.js";
export {
  type CitizenIdentityFacts,
  type ForeignPermanentResidentFacts,
  type IdentityCheckCharacter,
  type IdentityNumberFacts,
  type IdentityNumberKind,
  IdentityNumber,
  identityCheckCharacter,
  identityNumberFacts,
  maskIdentityNumber,
} from "./model/identity-number.js";
export { IntBetween, PhoneNumber, Text, Yuan, optionalField } from "./model/primitives.js";
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

// Support registry and data protection
export {
  type CrisisIndicator,
  type HardshipIndicator,
  type ResidenceRegistration,
  type SupportFactsJson,
  type ThreatKind,
  CorrectionFacts,
  CrisisAssessment,
  CrisisIndicators,
  DangerousnessGrade,
  DocumentedThreat,
  HardshipAssessment,
  HardshipIndicators,
  MentalHealthFacts,
  ResidenceFacts,
  ResidenceRegistrations,
  SupportFacts,
  ThreatKinds,
  UnlawfulAct,
} from "./support/support-facts.js";
export {
  type ListingEventJson,
  type ListingJson,
  type ListingReason,
  type ListingRule,
  Listing,
  ListingDetails,
  ListingEvent,
  ListingEvidence,
  ListingHistory,
  ListingRules,
  detailsKindOf,
} from "./support/listing.js";
export {
  type ListingStatusAsOf,
  type ListingTimelineEntry,
  ListingClosure,
  ListingReview,
  activeListings,
  endListing,
  isListingActive,
  listingStartedOn,
  listingStatusAsOf,
  listingTimeline,
  removeListing,
  reviewListing,
  settleListing,
} from "./support/listing-status.js";
export {
  type ListingChange,
  type ListingClosureError,
  type ListingReviewError,
  type ListingStatusKind,
  ListingChangeNotAllowed,
  ListingDetailsMismatch,
  ListingEventOutOfOrder,
  NextReviewOutOfRange,
} from "./support/listing-errors.js";
export { type CategoryCriterion, type CriterionCommon, type CriterionOf, type SupportCriteria, criterionOf } from "./support/support-criteria.js";
export {
  type SupportCriteriaProblem,
  type SupportCriteriaProblemCode,
  checkSupportCriteria,
  qualifyingThreatKinds,
} from "./support/check-support-criteria.js";
export {
  type DraftListingInput,
  type Eligibility,
  type EligibilityResult,
  draftListing,
  evaluateEligibility,
} from "./support/eligibility.js";
export { type MeasureCadence, type MeasureCondition, type MeasureKind, type SupportMeasure, type SupportMeasures, MeasureKinds } from "./support/support-measures.js";
export {
  type SupportTask,
  type TaskCompletion,
  type TasksDueOptions,
  compareTasks,
  helpFirst,
  taskRank,
  tasksDue,
} from "./support/due-tasks.js";
export {
  type ReadAccess,
  type SensitivityClass,
  ReadAccessLevels,
  SensitivityClasses,
} from "./access/sensitivity-classes.js";
export { type ActorContext, actorContext } from "./access/actor-context.js";
export { type RedactedSupportRecord, type SupportAuditEntry, type SupportRecord } from "./access/support-record.js";
export {
  type AccessPolicy,
  type Audience,
  type FieldClass,
  type FieldGrant,
  type FieldRule,
  defaultAccessPolicy,
} from "./access/access-policy.js";
export {
  type AccessSubject,
  audienceOf,
  canRead,
  canWrite,
  fieldRuleOf,
  isInScope,
  type PolicyViolation,
  type PolicyViolationCode,
  policyViolations,
  readAccess,
  sensitivityOf,
} from "./access/access-decisions.js";
export { maskPhoneNumber, redact } from "./access/redact.js";

// Grading and routing
export {
  type GradingFactDefinition,
  type GradingFactKind,
  type GradingFactName,
  gradingFact,
  gradingFacts,
  isProtectedActivityFact,
  protectedActivityTerms,
} from "./grading/grading-facts.js";
export {
  type ComparisonOp,
  type GradingCondition,
  type GradingTableJson,
  BasePriorities,
  EscalatorEffect,
  GradingConditionSchema,
  GradingEscalator,
  GradingParameter,
  GradingRule,
  GradingTable,
  GradingTaskRule,
} from "./grading/grading-table.js";
export { type GradingInput, describeCondition, evaluateCondition, explainCondition } from "./grading/condition.js";
export {
  type GradingTableProblem,
  type GradingTableProblemCode,
  checkGradingTable,
  findGradingWitnesses,
  findPriorityWitnesses,
} from "./grading/check-grading-table.js";
export {
  type AppliedEscalator,
  type FactValues,
  type FiredRule,
  type GradingResult,
  type GradingTask,
  priorityRaisedBy,
} from "./grading/grading-result.js";
export {
  type CompileOptions,
  type CompileResult,
  type CompileStrategy,
  type CompiledGradingTable,
  type GradableDispute,
  GradingTableError,
  compileGradingTable,
} from "./grading/compile-grading-table.js";
export { caseResolvedOn, daysUnresolved } from "./grading/days-unresolved.js";
export { type GradeDisputeOptions, defaultGradingTable, gradeDispute } from "./grading/grade-dispute.js";
export {
  type ExplainGradeResult,
  type ExplainedEscalation,
  type ExplainedRule,
  type ExplainedTask,
  type GradeExplanation,
  GradeTableMismatch,
  explainGrade,
} from "./grading/explain-grade.js";
export { decidedPriority } from "./grading/decided-priority.js";
export { GradeDecision, type GradeDecisionJson, GradeOverride } from "./grading/grade-decision.js";
export {
  type ConfirmGradeInput,
  type ConfirmGradeOptions,
  type ConfirmGradeResult,
  type GradeConfirmationError,
  OverrideReasonRequired,
  SecondConfirmationRequired,
  SecondOfficerNotDifferent,
  SecondOfficerRoleNotAllowed,
  confirmGrade,
} from "./grading/confirm-grade.js";
export {
  type RouteCondition,
  type RoutingConfigJson,
  EscalationRule,
  RouteAction,
  RouteConditionSchema,
  RoutingConfig,
  RoutingMatrixEntry,
} from "./routing/routing-config.js";
export {
  type Route,
  type RouteInput,
  type RouteReason,
  type RouteReport,
  routeConditionHolds,
  routeDispute,
} from "./routing/route-dispute.js";
export { type RoutingProblem, type RoutingProblemCode, checkRoutingConfig } from "./routing/check-routing-config.js";
export { leadUnitFor } from "./routing/lead-unit.js";
export { publicSecurityChannels, publicSecurityExcludedDomains, publicSecurityUnitKinds } from "./routing/public-security.js";

// Campaigns, calendar, lifecycle, time limits and reports
export {
  type Instant,
  type Interval,
  dayOfMonth,
  daysFromTo,
  epochDay,
  fromEpochDay,
  maxDate,
  minDate,
  plusDays,
  plusInterval,
  plusMonths,
  shanghaiDateOf,
  shanghaiStartOf,
  weekdayOf,
} from "./calendar/local-dates.js";
export {
  type Calendar,
  type DayKind,
  type HolidaySchedule,
  makeCalendar,
  overlayCalendar,
  scheduleYearOf,
  weekendCalendar,
} from "./calendar/calendar.js";
export {
  type CountingConvention,
  type DayCountRefusalReason,
  type Period,
  DayCountRefused,
  civilCodeCounting,
  nextWorkingDay,
  periodEnd,
  workingDaysAfter,
} from "./calendar/day-counting.js";
export {
  Campaign,
  type CampaignJson,
  type CampaignPhase,
  type CampaignProblem,
  type Deadline,
  type DeadlineKind,
  type DeadlineOwers,
  type MonthlyDeadline,
  type OneOffDeadline,
  type PhaseCheck,
  checkCampaign,
} from "./campaign/campaign.js";
export {
  type CampaignStage,
  type DateRange,
  campaignStart,
  deadlineByKey,
  deadlinesBetween,
  isLateSubmission,
  nextDeadline,
  nextDeadlines,
  phaseOn,
  reportingPeriodOf,
  submissionTiming,
} from "./campaign/campaign-calendar.js";
export {
  type LedgerData,
  type LedgerGrade,
  type ResolutionMeasure,
  type ScheduledMeasure,
  type Submission,
} from "./campaign/ledger-data.js";
export { type UnitSubmissionStatus, reportingUnits, submissionStatuses, unitsOwing } from "./campaign/submissions.js";
export {
  type PhaseCheckFailure,
  type PhaseCheckRecord,
  type PhaseEvaluation,
  evaluatePhaseRules,
} from "./campaign/phase-rules.js";
export {
  type ReferralTarget,
  type ResolutionOutcome,
  ReferralTargets,
  ResolutionOutcomes,
} from "./lifecycle/case-outcomes.js";
export {
  type CaseEventKind,
  type CaseFieldName,
  type CaseTransition,
  type CaseTransitionName,
  caseTransitions,
  registrationRoles,
  transitionsFrom,
} from "./lifecycle/case-transitions.js";
export { type CaseEvent, type CaseRecord, type ClosedCaseStatus, CaseFields, isOpenStatus } from "./lifecycle/case-record.js";
export {
  type CaseTransitionError,
  EventOutOfOrder,
  InvalidCaseFields,
  MissingCaseFields,
  PublicSecurityExcluded,
  RoleNotAllowed,
  TransitionNotAllowed,
  UnknownLeadUnit,
} from "./lifecycle/case-errors.js";
export {
  type CaseTransitionRequest,
  type CaseTransitionResult,
  caseAsOf,
  registerCase,
  transitionCase,
} from "./lifecycle/transition-case.js";
export {
  type UnlawfulActReferralError,
  type UnlawfulActReferralInput,
  type UnlawfulActReferralJson,
  InvalidUnlawfulActReferral,
  ReferralRoleNotAllowed,
  UnlawfulActNotYetFound,
  UnlawfulActReferral,
  referUnlawfulAct,
  unlawfulActReferralRoles,
} from "./lifecycle/unlawful-act-referral.js";
export { caseLifecycleMermaid } from "./lifecycle/lifecycle-diagram.js";
export { type LegalSource, type TimeLimitHolder, type TimeLimitRule } from "./time-limits/time-limit-rules.js";
export {
  type TimeLimitClock,
  type TimeLimitExtension,
  type TimeLimitOptions,
  type TimeLimitState,
  type TimeLimitStatus,
  ExtensionRefused,
  extendTimeLimit,
  timeLimitDueOn,
  timeLimitStatus,
} from "./time-limits/time-limit-clock.js";
export { type OpenCaseTimeLimitsOptions, caseClocks, openCaseTimeLimits } from "./time-limits/case-time-limits.js";
export {
  type MonthlyReport,
  type MonthlyReportOptions,
  type OverdueSubmission,
  type ReportCounts,
  type ReportGroup,
  type ReportProgress,
  type ReportRow,
  type SettledCount,
  monthlyReport,
} from "./reports/monthly-report.js";
export { type CampaignSummaryReport, type DeadlineCompliance, campaignSummaryReport } from "./reports/summary-report.js";
export { type MonthlyReportMarkdownOptions, markdownText, monthlyReportMarkdown } from "./reports/monthly-report-markdown.js";
export {
  type DisputeWorkListOptions,
  type PrioritySource,
  type WorkListItem,
  disputeWorkList,
} from "./reports/work-list.js";

// Policy documents
export { type PolicyConfig, type PolicyDocument, renderPolicyDocs } from "./policy-docs/policy-docs.js";

// Presets: the Zixi plan (紫溪镇 2025) as data; every default of the library comes from here
export { type SupportCriteriaOptions, supportCriteria, zixiSupportCriteria } from "./presets/zixi/support-criteria.js";
export { type SupportMeasuresOptions, supportMeasures, zixiSupportMeasures } from "./presets/zixi/support-measures.js";
export { zixiGradingTable } from "./presets/zixi/grading-table.js";
export { zixiRoutingConfig } from "./presets/zixi/routing-config.js";
export { type Zixi2025Options, zixi2025, zixi2025Campaign, zixiReportingUnitKinds } from "./presets/zixi/campaign.js";
export { type TimeLimitsOptions, defaultTimeLimits, timeLimitsWith } from "./presets/zixi/time-limits.js";
export { zixiPolicyConfig } from "./presets/zixi/policy-config.js";
export { zixiLowerGradeApprovers } from "./presets/zixi/grade-approvers.js";

// Ports: what the ledger service needs from its host (storage, time, keys, ids)
export { type Clock, fixedClock, systemClock } from "./ports/clock.js";
export { type IdGenerator } from "./ports/id-generator.js";
export { type CheckpointSigner, type KeyProvider } from "./ports/key-provider.js";
export {
  type AuditEntityKind,
  type AuditEventRow,
  type DisputeRow,
  type GradeRow,
  type GradingSummary,
  type HazardRow,
  type IdempotencyRow,
  type ListingRow,
  type PersonKeyRow,
  type PersonRow,
  type RowBase,
  type SealedText,
  type SubmissionRow,
  type TaskRow,
} from "./ports/store-rows.js";
export {
  type AuditLog,
  type Collection,
  type DisputeCount,
  type DisputeCountQuery,
  type DisputeWhere,
  type FindQuery,
  type GradeWhere,
  type HazardWhere,
  type LedgerStore,
  type LedgerTransaction,
  type ListingWhere,
  type Match,
  type Page,
  type PersonKeyWhere,
  type PersonWhere,
  type StoreCapabilities,
  type SubmissionWhere,
  type TaskWhere,
  type WriteOutcome,
  defaultStoreCapabilities,
  storeCapabilities,
} from "./ports/ledger-store.js";

// Encryption at rest (envelope encryption, blind index, ids)
export { blindIndex } from "./crypto/blind-index.js";
export { newDataKey, openJson, sealJson, sealedKeyRef, unwrapDataKey, wrapDataKey } from "./crypto/envelope.js";
export {
  type DevelopmentKeyOptions,
  type StaticKeyProviderOptions,
  generateDevelopmentKeys,
  staticKeyProvider,
  withRotatedKey,
} from "./crypto/key-provider.js";
export { rewrapDataKey } from "./crypto/key-rotation.js";
export { type UuidV7Options, uuidV7Generator } from "./crypto/uuid-v7.js";

// The ledger service: use cases over the ports, access, audit, encryption and concurrency enforced in one place
export {
  type Ledger,
  createLedger,
  ledgerLayer,
  ledgerPrograms,
} from "./ledger/create-ledger.js";
export { type LedgerConfig, type LedgerOptions } from "./ledger/ledger-config.js";
export { LedgerEnvironment, auditChainOf } from "./ledger/unit-of-work.js";
export {
  type AccessDeniedReason,
  AccessDenied,
  type BulkBatchError,
  BulkRunInterrupted,
  BulkRunReused,
  IdempotencyKeyReused,
  RecordExists,
  RecordNotFound,
  SealedDataUnreadable,
  SigningKeyMissing,
  StoreFailure,
  VersionConflict,
} from "./ledger/ledger-errors.js";
export { type RetentionPeriod, type RetentionPolicy } from "./ledger/retention-policy.js";
export { zixiRetention } from "./presets/zixi/retention.js";
export { type DisputeView } from "./ledger/use-cases/dispute-view.js";
export { type RegisterDisputeInput, type RegisteredDispute } from "./ledger/use-cases/register-dispute.js";
export {
  type RegisterDisputesError,
  type RegisterDisputesInput,
  type RegisterDisputesItem,
  type RegisteredDisputes,
} from "./ledger/use-cases/register-disputes.js";
export { type DecideGradeInput, type TransitionInput } from "./ledger/use-cases/dispute-changes.js";
export { type ListDisputesQuery, type ListPage } from "./ledger/use-cases/dispute-queries.js";
export { type ListingView, type PersonView } from "./ledger/use-cases/person-records.js";
export { type ReadPurpose } from "./ledger/use-cases/persons.js";
export { type ListListingsQuery, type OpenListingInput, NotEligible } from "./ledger/use-cases/listings.js";
export { type GradingTaskView, type TasksDue, type VisibleSupportTask } from "./ledger/use-cases/tasks.js";
export { type HazardView, HazardInput } from "./ledger/use-cases/hazards.js";
export { type LedgerReport, type ReportAudience, CalendarMissing, CampaignMissing } from "./ledger/use-cases/reports.js";
export { type PurgeResult } from "./ledger/use-cases/retention.js";
export { type RotationResult } from "./ledger/use-cases/keys.js";
export { type AuditVerification } from "./ledger/use-cases/audit-ops.js";
export {
  type Cell,
  type CellCounts,
  type SummaryForLevel,
  type SupportCounts,
  type SuppressedCell,
  supportCounts,
  suppressSmallCells,
} from "./reports/small-cells.js";

// Import and export: the format-free sheet model, the exporter port
export {
  type ExportDataset,
  type Sheet,
  type SheetCell,
  type SheetCellKind,
  type SheetColumn,
  type SheetRecord,
  type Workbook,
  cellText,
  headerOf,
} from "./exchange/sheet.js";
export {
  type ExportWriteOptions,
  type Exporter,
  type ExporterCapabilities,
  DatasetNotSupported,
  requireDataset,
} from "./exchange/exporter.js";

export {
  type DisputeLedgerColumnKey,
  type SupportRegistryColumnKey,
  disputeLedgerColumns,
  factColumns,
  supportRegistryColumns,
  townshipLedgerColumns,
} from "./exchange/ledger-columns.js";
export {
  type ExportNames,
  type ExportRequest,
  type LedgerWorkbook,
  type LedgerWorkbookError,
  ExportInterrupted,
  ledgerWorkbook,
} from "./exchange/ledger-workbook.js";
export { type ExportError, type LedgerExport, exportLedger } from "./exchange/export-ledger.js";
export { type ExportRecord } from "./ledger/use-cases/exports.js";

export { ERRORS_HEADER, type HeaderMapping, headerTable, ledgerHeaderVariants, mapHeader, normaliseHeader } from "./exchange/header-mapping.js";
export {
  type CellProblem,
  type ParsedRow,
  type RowContext,
  parseBoolean,
  parseDate,
  parseLedgerRow,
  parsePartyRefs,
  rowDisputeId,
  rowPersonId,
  splitParties,
} from "./exchange/ledger-row.js";
export { type ImportOptions, type ImportResult, type RejectedRow, ImportRefused, importLedgerRows } from "./exchange/import-ledger.js";
export { importErrorWorkbook } from "./exchange/import-error-file.js";

export {
  type BundlePerson,
  type LedgerBundle,
  type ReceivedBundle,
  type VerifiedBundle,
  BundleNotMade,
  BundleRefused,
  bundleDigest,
  createLedgerBundle,
  receiveLedgerBundle,
  verifyLedgerBundle,
} from "./exchange/ledger-bundle.js";

// Tamper-evident audit (hash chains, checkpoints)
export { canonicalJson } from "./audit/canonical-json.js";
export { type AuditEventDraft, GENESIS_HASH, auditEventHash, chainEvent } from "./audit/audit-chain.js";
export {
  type AuditProblem,
  type AuditProblemKind,
  type ChainVerification,
  auditProblem,
  verifyChain,
} from "./audit/verify-chain.js";
export {
  type ChainHead,
  type Checkpoint,
  type CheckpointProblem,
  compareWithCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from "./audit/checkpoint.js";

// Store test hooks: what an adapter gives the conformance kit beside its store
export { type StoreRawAccess } from "./ports/store-raw-access.js";
