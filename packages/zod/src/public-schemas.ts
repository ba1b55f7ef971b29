import { type PublicSchemaName, publicSchemas } from "@tiaojie/core";
import type { Schema } from "effect";
import type { z } from "zod";
import { toZod } from "./derive.js";

/**
 * The zod schema of each public schema of `@tiaojie/core`, by the same name as in
 * `publicSchemas`: its output type is the core schema's encoded (JSON) type.
 *
 * @example
 * ```ts
 * import type { PublicZodSchemas } from "@tiaojie/zod";
 *
 * type DisputeInput = import("zod").output<PublicZodSchemas["Dispute"]>;
 * ```
 * @since 0.1.0
 */
export type PublicZodSchemas = {
  readonly [K in PublicSchemaName]: z.ZodType<
    Schema.Schema.Encoded<(typeof publicSchemas)[K]>,
    Schema.Schema.Encoded<(typeof publicSchemas)[K]>
  >;
};

/**
 * Every public schema of `@tiaojie/core` as a zod schema, keyed like
 * `publicSchemas`. Derived once, when the module loads, by {@link toZod}. The
 * named exports (`DisputeSchema`, `PersonSchema`, …) are the same objects.
 *
 * @example
 * ```ts
 * import { publicZodSchemas } from "@tiaojie/zod";
 *
 * for (const [name, schema] of Object.entries(publicZodSchemas)) {
 *   console.log(name, schema.safeParse(input).success);
 * }
 * ```
 * @since 0.1.0
 */
export const publicZodSchemas: PublicZodSchemas = Object.fromEntries(
  Object.entries(publicSchemas).map(([name, schema]) => [name, toZod(schema as Schema.Schema<unknown, unknown>)]),
) as unknown as PublicZodSchemas;

/**
 * A dispute's id: 1–64 letters, digits or `. _ : -`, starting with a letter or digit. Derived from core's `DisputeId` schema: accepts and rejects exactly what
 * `decode(DisputeId, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `DisputeId` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { DisputeIdSchema } from "@tiaojie/zod";
 *
 * DisputeIdSchema.safeParse("2024-zx-0001").success; // true
 * DisputeIdSchema.safeParse("-0001").success; // false
 * ```
 * @since 0.1.0
 */
export const DisputeIdSchema: PublicZodSchemas["DisputeId"] = publicZodSchemas.DisputeId;

/**
 * A person's id (same form as every id). Derived from core's `PersonId` schema: accepts and rejects exactly what
 * `decode(PersonId, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `PersonId` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { PersonIdSchema } from "@tiaojie/zod";
 *
 * PersonIdSchema.safeParse("p-0001").success; // true
 * PersonIdSchema.safeParse("").success; // false
 * ```
 * @since 0.1.0
 */
export const PersonIdSchema: PublicZodSchemas["PersonId"] = publicZodSchemas.PersonId;

/**
 * A unit's id (same form as every id). Derived from core's `UnitId` schema: accepts and rejects exactly what
 * `decode(UnitId, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `UnitId` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { UnitIdSchema } from "@tiaojie/zod";
 *
 * UnitIdSchema.safeParse("u-sfs").success; // true
 * UnitIdSchema.safeParse("u sfs").success; // false
 * ```
 * @since 0.1.0
 */
export const UnitIdSchema: PublicZodSchemas["UnitId"] = publicZodSchemas.UnitId;

/**
 * A support listing's id (same form as every id). Derived from core's `ListingId` schema: accepts and rejects exactly what
 * `decode(ListingId, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `ListingId` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { ListingIdSchema } from "@tiaojie/zod";
 *
 * ListingIdSchema.safeParse("l-0001").success; // true
 * ListingIdSchema.safeParse("l/0001").success; // false
 * ```
 * @since 0.1.0
 */
export const ListingIdSchema: PublicZodSchemas["ListingId"] = publicZodSchemas.ListingId;

/**
 * A task's id (same form as every id). Derived from core's `TaskId` schema: accepts and rejects exactly what
 * `decode(TaskId, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `TaskId` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { TaskIdSchema } from "@tiaojie/zod";
 *
 * TaskIdSchema.safeParse("t-0001").success; // true
 * TaskIdSchema.safeParse("t 1").success; // false
 * ```
 * @since 0.1.0
 */
export const TaskIdSchema: PublicZodSchemas["TaskId"] = publicZodSchemas.TaskId;

/**
 * An audit event's id (same form as every id). Derived from core's `EventId` schema: accepts and rejects exactly what
 * `decode(EventId, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `EventId` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { EventIdSchema } from "@tiaojie/zod";
 *
 * EventIdSchema.safeParse("e-0001").success; // true
 * EventIdSchema.safeParse("#1").success; // false
 * ```
 * @since 0.1.0
 */
export const EventIdSchema: PublicZodSchemas["EventId"] = publicZodSchemas.EventId;

/**
 * A real calendar date written `YYYY-MM-DD` (a day in Asia/Shanghai, years 1900–2199). Derived from core's `LocalDate` schema: accepts and rejects exactly what
 * `decode(LocalDate, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `LocalDate` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { LocalDateSchema } from "@tiaojie/zod";
 *
 * LocalDateSchema.safeParse("2024-11-28").success; // true
 * LocalDateSchema.safeParse("2025-02-30").success; // false
 * ```
 * @since 0.1.0
 */
export const LocalDateSchema: PublicZodSchemas["LocalDate"] = publicZodSchemas.LocalDate;

/**
 * A 12-digit statistical division code (统计用区划代码), checked structurally. Derived from core's `DivisionCode` schema: accepts and rejects exactly what
 * `decode(DivisionCode, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `DivisionCode` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { DivisionCodeSchema } from "@tiaojie/zod";
 *
 * DivisionCodeSchema.safeParse("532301104201").success; // true
 * DivisionCodeSchema.safeParse("532301104").success; // false
 * ```
 * @since 0.1.0
 */
export const DivisionCodeSchema: PublicZodSchemas["DivisionCode"] = publicZodSchemas.DivisionCode;

/**
 * A 6-digit county-level division code of GB/T 2260. Derived from core's `CountyCode` schema: accepts and rejects exactly what
 * `decode(CountyCode, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `CountyCode` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { CountyCodeSchema } from "@tiaojie/zod";
 *
 * CountyCodeSchema.safeParse("532301").success; // true
 * CountyCodeSchema.safeParse("532300").success; // false
 * ```
 * @since 0.1.0
 */
export const CountyCodeSchema: PublicZodSchemas["CountyCode"] = publicZodSchemas.CountyCode;

/**
 * An identity number: a citizen's (GB 11643, first digit 1–8) or a foreigner's permanent-residence number (2023 version, first digit 9, then province and nationality); region or province, birth date, sequence and check character are all checked. Sensitive personal information. Derived from core's `IdentityNumber` schema: accepts and rejects exactly what
 * `decode(IdentityNumber, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `IdentityNumber` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { IdentityNumberSchema } from "@tiaojie/zod";
 *
 * IdentityNumberSchema.safeParse("11010519491231002X").success; // true
 * IdentityNumberSchema.safeParse("110105194912310021").success; // false
 * IdentityNumberSchema.safeParse("953104198807150029").success; // true: a foreigner's permanent-residence number
 * ```
 * @since 0.1.0
 */
export const IdentityNumberSchema: PublicZodSchemas["IdentityNumber"] = publicZodSchemas.IdentityNumber;

/**
 * A mainland China phone number: an 11-digit mobile number or a landline with its area code. Derived from core's `PhoneNumber` schema: accepts and rejects exactly what
 * `decode(PhoneNumber, …)` does, with the same "中文 / English" messages.
 *
 * The output is the JSON form: branded `PhoneNumber` in core, a plain `string` here, as zod brands would not line up with effect's.
 *
 * @example
 * ```ts
 * import { PhoneNumberSchema } from "@tiaojie/zod";
 *
 * PhoneNumberSchema.safeParse("13812345678").success; // true
 * PhoneNumberSchema.safeParse("12345").success; // false
 * ```
 * @since 0.1.0
 */
export const PhoneNumberSchema: PublicZodSchemas["PhoneNumber"] = publicZodSchemas.PhoneNumber;

/**
 * A dispute domain code (`DisputeDomains` in core). Derived from core's `DisputeDomain` schema: accepts and rejects exactly what
 * `decode(DisputeDomain, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { DisputeDomainSchema } from "@tiaojie/zod";
 *
 * DisputeDomainSchema.safeParse("neighbourhood").success; // true
 * DisputeDomainSchema.safeParse("neighbours").success; // false
 * ```
 * @since 0.1.0
 */
export const DisputeDomainSchema: PublicZodSchemas["DisputeDomain"] = publicZodSchemas.DisputeDomain;

/**
 * A unit kind code (`UnitKinds` in core). Derived from core's `UnitKind` schema: accepts and rejects exactly what
 * `decode(UnitKind, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { UnitKindSchema } from "@tiaojie/zod";
 *
 * UnitKindSchema.safeParse("justice-office").success; // true
 * UnitKindSchema.safeParse("court").success; // false
 * ```
 * @since 0.1.0
 */
export const UnitKindSchema: PublicZodSchemas["UnitKind"] = publicZodSchemas.UnitKind;

/**
 * A resolution channel code (`ResolutionChannels` in core). Derived from core's `ResolutionChannel` schema: accepts and rejects exactly what
 * `decode(ResolutionChannel, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { ResolutionChannelSchema } from "@tiaojie/zod";
 *
 * ResolutionChannelSchema.safeParse("people-mediation").success; // true
 * ResolutionChannelSchema.safeParse("arbitration").success; // false
 * ```
 * @since 0.1.0
 */
export const ResolutionChannelSchema: PublicZodSchemas["ResolutionChannel"] = publicZodSchemas.ResolutionChannel;

/**
 * A risk level code, red to blue (`RiskLevels` in core). Derived from core's `RiskLevel` schema: accepts and rejects exactly what
 * `decode(RiskLevel, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { RiskLevelSchema } from "@tiaojie/zod";
 *
 * RiskLevelSchema.safeParse("red").success; // true
 * RiskLevelSchema.safeParse("purple").success; // false
 * ```
 * @since 0.1.0
 */
export const RiskLevelSchema: PublicZodSchemas["RiskLevel"] = publicZodSchemas.RiskLevel;

/**
 * A resolution priority code, urgent to normal (`ResolutionPriorities` in core): how urgently a dispute
 * must be resolved, apart from its risk level. Derived from core's `ResolutionPriority` schema: accepts
 * and rejects exactly what `decode(ResolutionPriority, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { ResolutionPrioritySchema } from "@tiaojie/zod";
 *
 * ResolutionPrioritySchema.safeParse("urgent").success; // true
 * ResolutionPrioritySchema.safeParse("red").success; // false: a risk level, not a priority
 * ```
 * @since 0.2.0
 */
export const ResolutionPrioritySchema: PublicZodSchemas["ResolutionPriority"] = publicZodSchemas.ResolutionPriority;

/**
 * A support category, one of the plan's six groups by number (`SupportCategories` in core). Derived from core's `SupportCategory` schema: accepts and rejects exactly what
 * `decode(SupportCategory, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { SupportCategorySchema } from "@tiaojie/zod";
 *
 * SupportCategorySchema.safeParse(3).success; // true
 * SupportCategorySchema.safeParse(7).success; // false
 * ```
 * @since 0.1.0
 */
export const SupportCategorySchema: PublicZodSchemas["SupportCategory"] = publicZodSchemas.SupportCategory;

/**
 * A case status code (`CaseStatuses` in core). Derived from core's `CaseStatus` schema: accepts and rejects exactly what
 * `decode(CaseStatus, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { CaseStatusSchema } from "@tiaojie/zod";
 *
 * CaseStatusSchema.safeParse("in-mediation").success; // true
 * CaseStatusSchema.safeParse("lost").success; // false
 * ```
 * @since 0.1.0
 */
export const CaseStatusSchema: PublicZodSchemas["CaseStatus"] = publicZodSchemas.CaseStatus;

/**
 * A party role code (`PartyRoles` in core). Derived from core's `PartyRole` schema: accepts and rejects exactly what
 * `decode(PartyRole, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { PartyRoleSchema } from "@tiaojie/zod";
 *
 * PartyRoleSchema.safeParse("claimant").success; // true
 * PartyRoleSchema.safeParse("judge").success; // false
 * ```
 * @since 0.1.0
 */
export const PartyRoleSchema: PublicZodSchemas["PartyRole"] = publicZodSchemas.PartyRole;

/**
 * A petition level code (`PetitionLevels` in core). Derived from core's `PetitionLevel` schema: accepts and rejects exactly what
 * `decode(PetitionLevel, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { PetitionLevelSchema } from "@tiaojie/zod";
 *
 * PetitionLevelSchema.safeParse("county").success; // true
 * PetitionLevelSchema.safeParse("village").success; // false
 * ```
 * @since 0.1.0
 */
export const PetitionLevelSchema: PublicZodSchemas["PetitionLevel"] = publicZodSchemas.PetitionLevel;

/**
 * An actor role code (`ActorRoles` in core). Derived from core's `ActorRole` schema: accepts and rejects exactly what
 * `decode(ActorRole, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { ActorRoleSchema } from "@tiaojie/zod";
 *
 * ActorRoleSchema.safeParse("coordinator").success; // true
 * ActorRoleSchema.safeParse("admin").success; // false
 * ```
 * @since 0.1.0
 */
export const ActorRoleSchema: PublicZodSchemas["ActorRole"] = publicZodSchemas.ActorRole;

/**
 * How to reach a person: an optional phone number. Derived from core's `Contact` schema: accepts and rejects exactly what
 * `decode(Contact, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { ContactSchema } from "@tiaojie/zod";
 *
 * ContactSchema.safeParse({ phone: "13812345678" }).success; // true
 * ContactSchema.safeParse({ phone: "12345" }).success; // false
 * ```
 * @since 0.1.0
 */
export const ContactSchema: PublicZodSchemas["Contact"] = publicZodSchemas.Contact;

/**
 * A person named in the ledger (the JSON form, `PersonJson` in core). Derived from core's `Person` schema: accepts and rejects exactly what
 * `decode(Person, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { PersonSchema } from "@tiaojie/zod";
 *
 * PersonSchema.safeParse({ id: "p-0001", name: "李秀英", jurisdiction: "532301104201" }).success; // true
 * PersonSchema.safeParse({ id: "p-0001", name: " " }).success; // false
 * ```
 * @since 0.1.0
 */
export const PersonSchema: PublicZodSchemas["Person"] = publicZodSchemas.Person;

/**
 * A unit that finds, leads or coordinates work on disputes (`UnitJson` in core). Derived from core's `Unit` schema: accepts and rejects exactly what
 * `decode(Unit, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { UnitSchema } from "@tiaojie/zod";
 *
 * UnitSchema.safeParse({ id: "u-sfs", kind: "justice-office", name: "紫溪镇司法所", jurisdiction: "532301104000" }).success; // true
 * UnitSchema.safeParse({ id: "u-sfs", kind: "court" }).success; // false
 * ```
 * @since 0.1.0
 */
export const UnitSchema: PublicZodSchemas["Unit"] = publicZodSchemas.Unit;

/**
 * Whoever acts on the ledger (`ActorJson` in core). Derived from core's `Actor` schema: accepts and rejects exactly what
 * `decode(Actor, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { ActorSchema } from "@tiaojie/zod";
 *
 * ActorSchema.safeParse({ officerId: "zx-0042", name: "张明", unit: "u-pafz", role: "coordinator", scope: "532301104000" }).success; // true
 * ActorSchema.safeParse({ officerId: "zx-0042", name: "张明", unit: "u-pafz", role: "admin", scope: "532301104000" }).success; // false
 * ```
 * @since 0.1.0
 */
export const ActorSchema: PublicZodSchemas["Actor"] = publicZodSchemas.Actor;

/**
 * A party to a dispute: a person (`kind: "person"`) or an organisation (`kind: "organisation"`). Derived from core's `Party` schema: accepts and rejects exactly what
 * `decode(Party, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { PartySchema } from "@tiaojie/zod";
 *
 * PartySchema.safeParse({ kind: "person", person: "p-1", role: "claimant" }).success; // true
 * PartySchema.safeParse({ kind: "robot", role: "claimant" }).success; // false
 * ```
 * @since 0.1.0
 */
export const PartySchema: PublicZodSchemas["Party"] = publicZodSchemas.Party;

/**
 * The facts risk grading reads; every one must be stated. Derived from core's `DisputeFacts` schema: accepts and rejects exactly what
 * `decode(DisputeFacts, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { DisputeFactsSchema } from "@tiaojie/zod";
 *
 * declare const facts: unknown;
 * DisputeFactsSchema.safeParse(facts).success; // true
 * DisputeFactsSchema.safeParse({ ...facts, emotionalIntensity: 4 }).success; // false
 * ```
 * @since 0.1.0
 */
export const DisputeFactsSchema: PublicZodSchemas["DisputeFacts"] = publicZodSchemas.DisputeFacts;

/**
 * Petitions made about a dispute, as neutral metadata (never read by grading). Derived from core's `PetitionFacts` schema: accepts and rejects exactly what
 * `decode(PetitionFacts, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { PetitionFactsSchema } from "@tiaojie/zod";
 *
 * PetitionFactsSchema.safeParse({ count: 2, highestLevel: "county" }).success; // true
 * PetitionFactsSchema.safeParse({ count: -1 }).success; // false
 * ```
 * @since 0.1.0
 */
export const PetitionFactsSchema: PublicZodSchemas["PetitionFacts"] = publicZodSchemas.PetitionFacts;

/**
 * A dispute in the ledger (the JSON form, `DisputeJson` in core). Derived from core's `Dispute` schema: accepts and rejects exactly what
 * `decode(Dispute, …)` does, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { DisputeSchema } from "@tiaojie/zod";
 *
 * declare const body: string;
 * declare const dispute: import("@tiaojie/core").DisputeJson;
 * DisputeSchema.safeParse(JSON.parse(body)).success; // true
 * DisputeSchema.safeParse({ ...dispute, parties: [] }).success; // false
 * ```
 * @since 0.1.0
 */
export const DisputeSchema: PublicZodSchemas["Dispute"] = publicZodSchemas.Dispute;

/**
 * The values a case transition carries (reason, lead unit, responsible person,
 * channel, outcome, …), every one optional. Derived from core's `CaseFields`
 * schema: accepts and rejects exactly what `decode(CaseFields, …)` does, with the
 * same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { CaseFieldsSchema } from "@tiaojie/zod";
 *
 * CaseFieldsSchema.safeParse({ leadUnit: "u-sfs", responsiblePerson: "李娟" }).success; // true
 * CaseFieldsSchema.safeParse({ channel: "phone-call" }).success; // false
 * ```
 * @since 0.1.0
 */
export const CaseFieldsSchema: PublicZodSchemas["CaseFields"] = publicZodSchemas.CaseFields;

/**
 * What is known about one person that the support criteria read; every section
 * optional. Derived from core's `SupportFacts` schema: accepts and rejects exactly
 * what `decode(SupportFacts, …)` does (a community-correction period that ends
 * before it starts, an empty list of threats, a kind of threat other than
 * violence against people, correction or residence facts without who recorded
 * them and when), with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { SupportFactsSchema } from "@tiaojie/zod";
 *
 * SupportFactsSchema.safeParse({
 *   person: "p-0007",
 *   hardship: { indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" },
 * }).success; // true
 * ```
 * @since 0.1.0
 */
export const SupportFactsSchema: PublicZodSchemas["SupportFacts"] = publicZodSchemas.SupportFacts;

/**
 * A support listing (列管) with its dated history. Derived from core's `Listing`
 * schema: accepts and rejects exactly what `decode(Listing, …)` does, including
 * its checks across fields (details of the listing's category; a history that
 * begins with one opening, in date order, with nothing after an end or a removal,
 * reviews while the listing holds, a lapse on the day after a missed review;
 * every event within the basis period), reported at the listing's or the
 * history's own path, with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { ListingSchema } from "@tiaojie/zod";
 *
 * const r = ListingSchema.safeParse(JSON.parse(body));
 * if (!r.success) console.error(r.error.issues); // path and "中文 / English" message
 * ```
 * @since 0.1.0
 */
export const ListingSchema: PublicZodSchemas["Listing"] = publicZodSchemas.Listing;

/**
 * The documented referral of an unlawful act for handling under the law: the act
 * as found, the person, the unit kind it goes to, who referred it, when and why;
 * never the case or the petition. Derived from core's `UnlawfulActReferral`
 * schema: accepts and rejects exactly what `decode(UnlawfulActReferral, …)` does
 * (a referral is not dated before the act was found), with the same
 * "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { UnlawfulActReferralSchema } from "@tiaojie/zod";
 *
 * const r = UnlawfulActReferralSchema.safeParse(row);
 * if (!r.success) console.log(r.error.issues[0]?.message);
 * ```
 * @since 0.2.0
 */
export const UnlawfulActReferralSchema: PublicZodSchemas["UnlawfulActReferral"] = publicZodSchemas.UnlawfulActReferral;

/**
 * A review of a listing: the day, the reviewing officer, the next review date and,
 * when they changed, new evidence or details. Derived from core's `ListingReview`
 * schema: accepts and rejects exactly what `decode(ListingReview, …)` does, with
 * the same "中文 / English" messages. Like `decode`, it checks the shape only:
 * `reviewListing` checks the review against the listing and its category.
 *
 * @example
 * ```ts
 * import { ListingReviewSchema } from "@tiaojie/zod";
 *
 * const r = ListingReviewSchema.safeParse(JSON.parse(body));
 * if (r.success) reviewListing(listing, r.data as ListingReview);
 * ```
 * @since 0.2.0
 */
export const ListingReviewSchema: PublicZodSchemas["ListingReview"] = publicZodSchemas.ListingReview;

/**
 * A person's decision to end a listing early or to remove it: the day, the
 * officer and the reason. Derived from core's `ListingClosure` schema: accepts and
 * rejects exactly what `decode(ListingClosure, …)` does, with the same
 * "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { ListingClosureSchema } from "@tiaojie/zod";
 *
 * ListingClosureSchema.safeParse({ on: "2025-05-01", actor, reason: "" }).success; // false: a reason is required
 * ```
 * @since 0.2.0
 */
export const ListingClosureSchema: PublicZodSchemas["ListingClosure"] = publicZodSchemas.ListingClosure;

/**
 * A grading table: parameters, rules (which set the risk level), the base
 * priority of each level, escalators (which raise the priority, never the level)
 * and tasks, whose conditions nest (`all`, `any`, `not`) to any depth; the
 * recursion is a `z.lazy`. Derived from
 * core's `GradingTable` schema: accepts and rejects exactly what
 * `decode(GradingTable, …)` does, with the same "中文 / English" messages. Like
 * `decode`, it checks the shape only: check the rules with `checkGradingTable`.
 *
 * @example
 * ```ts
 * import { GradingTableSchema } from "@tiaojie/zod";
 * import { checkGradingTable, type GradingTable } from "@tiaojie/core";
 *
 * const r = GradingTableSchema.safeParse(JSON.parse(text));
 * if (r.success) checkGradingTable(r.data as GradingTable);
 * ```
 * @since 0.1.0
 */
export const GradingTableSchema: PublicZodSchemas["GradingTable"] = publicZodSchemas.GradingTable;

/**
 * A grade decided by a person, as stored for the audit trail: the recommended
 * and decided risk levels, the recommended resolution priority, the table
 * version, the rules fired and escalators applied. Derived from core's
 * `GradeDecision` schema, with its rules: an override exactly when the level
 * differs, in the right direction, with a second, different officer to lower it.
 *
 * @example
 * ```ts
 * import { GradeDecisionSchema } from "@tiaojie/zod";
 *
 * const r = GradeDecisionSchema.safeParse(row);
 * if (r.success) console.log(r.data.level, r.data.priority);
 * else console.log(r.error.issues[0]?.message);
 * ```
 * @since 0.1.0
 */
export const GradeDecisionSchema: PublicZodSchemas["GradeDecision"] = publicZodSchemas.GradeDecision;

/**
 * A routing configuration: the matrix of lead units and the escalation rules,
 * whose conditions nest to any depth. Derived from core's `RoutingConfig`
 * schema: accepts and rejects exactly what `decode(RoutingConfig, …)` does, with
 * the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { RoutingConfigSchema } from "@tiaojie/zod";
 *
 * RoutingConfigSchema.safeParse({ version: "2025", zh: "分流", en: "routing", matrix: [], escalations: [] }).success; // true
 * ```
 * @since 0.1.0
 */
export const RoutingConfigSchema: PublicZodSchemas["RoutingConfig"] = publicZodSchemas.RoutingConfig;

/**
 * A campaign (专项治理): phases, deadlines, reporting units and the start of
 * routine governance. Derived from core's `Campaign` schema: accepts and rejects
 * exactly what `decode(Campaign, …)` does (phases in order without overlap, each
 * ending on or after its start, routine after the last phase, months `YYYY-MM`),
 * with the same "中文 / English" messages.
 *
 * @example
 * ```ts
 * import { encode, Campaign, zixi2025 } from "@tiaojie/core";
 * import { CampaignSchema } from "@tiaojie/zod";
 *
 * const json = encode(Campaign, zixi2025);
 * if (json.ok) CampaignSchema.safeParse(json.value).success; // true
 * ```
 * @since 0.1.0
 */
export const CampaignSchema: PublicZodSchemas["Campaign"] = publicZodSchemas.Campaign;
