import { Schema } from "effect";
import { DivisionCode } from "../model/division-code.js";
import { ListingId, PersonId, UnitId } from "../model/ids.js";
import { LocalDate } from "../model/local-date.js";
import { Text, optionalField } from "../model/primitives.js";
import { SupportCategories, type SupportCategory } from "../taxonomy/support-categories.js";
import { bilingualMessage } from "../validation/bilingual.js";
import {
  CorrectionFacts,
  CrisisAssessment,
  DocumentedThreat,
  HardshipAssessment,
  MentalHealthFacts,
  ResidenceFacts,
  UnlawfulAct,
} from "./support-facts.js";

/**
 * The stored status of a listing. `lapsed` and `ended` carry the first day on
 * which the listing no longer held; `removed` also carries the reason.
 *
 * What a listing *is* on a given day is {@link listingStatusAsOf}: a stored
 * `active` listing whose review was missed or whose basis ended is not active.
 *
 * @example
 * ```ts
 * decode(ListingStatus, { kind: "removed", since: "2025-05-01", reason: "已迁出本镇" });
 * ```
 * @since 0.1.0
 */
export const ListingStatus = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("active") }),
  Schema.Struct({ kind: Schema.Literal("lapsed"), since: LocalDate }),
  Schema.Struct({ kind: Schema.Literal("ended"), since: LocalDate }),
  Schema.Struct({ kind: Schema.Literal("removed"), since: LocalDate, reason: Text(500) }),
).annotations({ identifier: "ListingStatus", description: "列管状态 / listing status" });
/**
 * @example
 * ```ts
 * const s: ListingStatus = { kind: "active" };
 * ```
 * @since 0.1.0
 */
export type ListingStatus = typeof ListingStatus.Type;

/**
 * Evidence for a listing: what was found, who assessed it, and when.
 *
 * @example
 * ```ts
 * decode(ListingEvidence, { text: "卫生院确认", assessedBy: "杨医生", assessedOn: "2025-01-03" });
 * ```
 * @since 0.1.0
 */
export const ListingEvidence = Schema.Struct({
  text: Text(2000),
  assessedBy: Text(50),
  assessedOn: LocalDate,
}).annotations({ identifier: "ListingEvidence", description: "认定依据材料 / evidence" });
/**
 * @example
 * ```ts
 * const e: ListingEvidence = listing.evidence;
 * ```
 * @since 0.1.0
 */
export interface ListingEvidence extends Schema.Schema.Type<typeof ListingEvidence> {}

const threatList = Schema.Array(DocumentedThreat).pipe(
  Schema.filter((xs) => xs.length >= 1 && xs.length <= 50, {
    ...bilingualMessage("至少记录 1 项、至多 50 项现实危险", "record 1 to 50 documented threats"),
    jsonSchema: { minItems: 1, maxItems: 50 },
  }),
);

/**
 * The category-specific details of a listing, tagged by `kind`: `mental-health`
 * (category 1), `correction` (2), `crisis` (3), `threat` (4), `hardship` (5) and
 * `residence` (6). These are the “why” of a listing and are the most protected
 * part of it (see {@link defaultAccessPolicy}).
 *
 * @example
 * ```ts
 * decode(ListingDetails, { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" });
 * ```
 * @since 0.1.0
 */
export const ListingDetails = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("mental-health"), ...MentalHealthFacts.fields }),
  Schema.Struct({ kind: Schema.Literal("correction"), correction: CorrectionFacts }),
  Schema.Struct({ kind: Schema.Literal("crisis"), ...CrisisAssessment.fields }),
  Schema.Struct({ kind: Schema.Literal("threat"), threats: threatList, unlawfulAct: optionalField(UnlawfulAct) }),
  Schema.Struct({ kind: Schema.Literal("hardship"), ...HardshipAssessment.fields }),
  Schema.Struct({ kind: Schema.Literal("residence"), ...ResidenceFacts.fields }),
).annotations({ identifier: "ListingDetails", description: "列管事由详情 / listing details" });
/**
 * @example
 * ```ts
 * if (listing.details.kind === "mental-health") listing.details.dangerousnessGrade;
 * ```
 * @since 0.1.0
 */
export type ListingDetails = typeof ListingDetails.Type;

/**
 * The kind of details each category's listing carries.
 *
 * @example
 * ```ts
 * import { detailsKindOf } from "@tiaojie/core";
 *
 * detailsKindOf[5]; // "hardship"
 * ```
 * @since 0.1.0
 */
export const detailsKindOf: { readonly [C in SupportCategory]: ListingDetails["kind"] } = {
  1: "mental-health",
  2: "correction",
  3: "crisis",
  4: "threat",
  5: "hardship",
  6: "residence",
};

const ListingFields = Schema.Struct({
  id: ListingId,
  person: PersonId,
  /** Where the person lives: the division whose actors may see the listing. */
  jurisdiction: DivisionCode,
  category: SupportCategories.schema,
  /** The statute or duty the listing rests on. */
  lawfulBasis: Text(500),
  evidence: ListingEvidence,
  responsibleUnit: UnitId,
  responsiblePerson: Text(50),
  startedOn: LocalDate,
  /** The day the next review is due. The listing lapses the day after, unless reviewed. */
  nextReviewOn: LocalDate,
  /** The last day of the period the basis holds for. The listing ends the day after. */
  basisEndsOn: LocalDate,
  status: ListingStatus,
  details: ListingDetails,
});

/**
 * A listing (列管) of a person in one of the six support categories: the person,
 * the category, its lawful basis, the evidence, the responsible unit and named
 * person, the start date, the next review date, the last day of its basis period,
 * its status, and the category's details. A person can hold several listings.
 *
 * Dates are inclusive: the listing holds on `startedOn`, on `nextReviewOn` (the
 * review may be done that day) and on `basisEndsOn`; it lapses on the day after a
 * missed review and ends on the day after its basis ends.
 *
 * @example
 * ```ts
 * import { decode, Listing } from "@tiaojie/core";
 *
 * const r = decode(Listing, {
 *   id: "l-0001", person: "p-0007", jurisdiction: "532301104201", category: 5,
 *   lawfulBasis: "《社会救助暂行办法》",
 *   evidence: { text: "家庭收入低于当地低保标准", assessedBy: "王芳", assessedOn: "2025-01-06" },
 *   responsibleUnit: "u-shswb", responsiblePerson: "王芳",
 *   startedOn: "2025-01-06", nextReviewOn: "2025-04-06", basisEndsOn: "2026-01-06",
 *   status: { kind: "active" },
 *   details: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" },
 * });
 * ```
 * @since 0.1.0
 */
export const Listing = ListingFields.pipe(
  Schema.filter((l) => l.details.kind === detailsKindOf[l.category], {
    ...bilingualMessage("列管详情与类别不符", "the listing's details do not match its category"),
    jsonSchema: {},
  }),
  Schema.filter((l) => l.startedOn <= l.nextReviewOn, {
    ...bilingualMessage("复核日期不能早于列管开始日期", "the review date cannot be before the start date"),
    jsonSchema: {},
  }),
  Schema.filter((l) => l.startedOn <= l.basisEndsOn, {
    ...bilingualMessage("依据期限不能早于列管开始日期", "the basis period cannot end before the start date"),
    jsonSchema: {},
  }),
  Schema.annotations({ identifier: "Listing", description: "重点人群列管 / support listing" }),
);
/**
 * @example
 * ```ts
 * const active: ReadonlyArray<Listing> = activeListings(all, asOf);
 * ```
 * @since 0.1.0
 */
export interface Listing extends Schema.Schema.Type<typeof Listing> {}
/**
 * The JSON form of a {@link Listing}.
 *
 * @example
 * ```ts
 * const json = encode(Listing, listing); // Result<ListingJson>
 * ```
 * @since 0.1.0
 */
export interface ListingJson extends Schema.Schema.Encoded<typeof Listing> {}
