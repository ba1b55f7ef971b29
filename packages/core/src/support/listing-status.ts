import type { LocalDate } from "../model/local-date.js";
import type { Result } from "../validation/result.js";
import { ValidationError } from "../validation/validation-error.js";
import { plusDays } from "../calendar/local-dates.js";
import type { Listing, ListingDetails, ListingEvidence } from "./listing.js";

/**
 * What a listing is on a given day. Besides the stored statuses there is
 * `upcoming`: a listing whose start date has not come yet.
 *
 * @example
 * ```ts
 * const s: ListingStatusAsOf = listingStatusAsOf(listing, asOf);
 * ```
 * @since 0.1.0
 */
export type ListingStatusAsOf =
  | { readonly kind: "active" }
  | { readonly kind: "upcoming"; readonly startsOn: LocalDate }
  | { readonly kind: "lapsed"; readonly since: LocalDate }
  | { readonly kind: "ended"; readonly since: LocalDate }
  | { readonly kind: "removed"; readonly since: LocalDate; readonly reason: string };

/**
 * The status of a listing on `asOf`. The convention for edge days:
 *
 * - on `basisEndsOn` the listing still holds; from the day after it is `ended`;
 * - on `nextReviewOn` the listing still holds (the review may be done that day);
 *   from the day after, unless reviewed, it is `lapsed`;
 * - before `startedOn` it is `upcoming`, and not active.
 *
 * A stored `removed` or `ended` status is final. An ended basis takes precedence
 * over a missed review: a listing both unreviewed and past its basis is `ended`.
 *
 * @example
 * ```ts
 * import { listingStatusAsOf } from "@tiaojie/core";
 *
 * // nextReviewOn 2025-04-06
 * listingStatusAsOf(listing, "2025-04-06" as LocalDate); // { kind: "active" }
 * listingStatusAsOf(listing, "2025-04-07" as LocalDate); // { kind: "lapsed", since: "2025-04-07" }
 * ```
 * @since 0.1.0
 */
export const listingStatusAsOf = (listing: Listing, asOf: LocalDate): ListingStatusAsOf => {
  const stored = listing.status;
  if (stored.kind === "removed" || stored.kind === "ended") return stored;
  if (asOf > listing.basisEndsOn) return { kind: "ended", since: plusDays(listing.basisEndsOn, 1) };
  if (stored.kind === "lapsed") return stored;
  if (asOf > listing.nextReviewOn) return { kind: "lapsed", since: plusDays(listing.nextReviewOn, 1) };
  if (asOf < listing.startedOn) return { kind: "upcoming", startsOn: listing.startedOn };
  return { kind: "active" };
};

/**
 * Whether a listing is active on `asOf` (see {@link listingStatusAsOf} for the
 * edge days).
 *
 * @example
 * ```ts
 * import { isListingActive } from "@tiaojie/core";
 *
 * isListingActive(listing, "2025-03-01" as LocalDate); // true or false
 * ```
 * @since 0.1.0
 */
export const isListingActive = (listing: Listing, asOf: LocalDate): boolean =>
  listingStatusAsOf(listing, asOf).kind === "active";

/**
 * The listings that are active on `asOf`, in their given order.
 *
 * @example
 * ```ts
 * import { activeListings } from "@tiaojie/core";
 *
 * const current = activeListings(all, "2025-03-01" as LocalDate);
 * ```
 * @since 0.1.0
 */
export const activeListings = (listings: ReadonlyArray<Listing>, asOf: LocalDate): ReadonlyArray<Listing> =>
  listings.filter((l) => isListingActive(l, asOf));

/**
 * The listing with its stored status brought up to `asOf`: a missed review is
 * written as `lapsed`, a past basis as `ended`, each with the day it took effect.
 * Returns the same object when nothing changes; `upcoming` is not stored.
 *
 * @example
 * ```ts
 * import { settleListing } from "@tiaojie/core";
 *
 * const toSave = listings.map((l) => settleListing(l, today)).filter((l, i) => l !== listings[i]);
 * ```
 * @since 0.1.0
 */
export const settleListing = (listing: Listing, asOf: LocalDate): Listing => {
  const now = listingStatusAsOf(listing, asOf);
  if (now.kind === "active" || now.kind === "upcoming") return listing;
  if (now.kind === listing.status.kind) {
    const stored = listing.status as { readonly since?: LocalDate };
    if (stored.since === now.since) return listing;
  }
  return { ...listing, status: now };
};

/**
 * A review of a listing: the day it was done, the next review date, and, when
 * they changed, new evidence or details (e.g. a new dangerousness grade).
 *
 * @example
 * ```ts
 * const review: ListingReview = { reviewedOn, nextReviewOn };
 * ```
 * @since 0.1.0
 */
export interface ListingReview {
  readonly reviewedOn: LocalDate;
  readonly nextReviewOn: LocalDate;
  readonly evidence?: ListingEvidence;
  readonly details?: ListingDetails;
}

const fail = (path: string, zh: string, en: string): Result<never> => ({
  ok: false,
  error: new ValidationError({ issues: [{ path: [path], zh, en }] }),
});

/**
 * Records a review. Only an active listing can be reviewed (on or before its
 * review date): a lapsed or ended listing is not revived by a review, the person
 * must be assessed and listed afresh. The next review date must be after the
 * review, and new details must be of the listing's kind.
 *
 * @example
 * ```ts
 * import { reviewListing } from "@tiaojie/core";
 *
 * const r = reviewListing(listing, { reviewedOn: "2025-04-01", nextReviewOn: "2025-07-01" } as ListingReview);
 * if (r.ok) save(r.value);
 * ```
 * @since 0.1.0
 */
export const reviewListing = (listing: Listing, review: ListingReview): Result<Listing> => {
  if (!isListingActive(listing, review.reviewedOn)) {
    return fail("reviewedOn", "列管在复核当日不处于有效状态", "the listing is not active on the review day");
  }
  if (review.nextReviewOn <= review.reviewedOn) {
    return fail("nextReviewOn", "下次复核日期应晚于本次复核日期", "the next review must be after this review");
  }
  if (review.details && review.details.kind !== listing.details.kind) {
    return fail("details", "列管详情与类别不符", "the details do not match the listing's category");
  }
  return {
    ok: true,
    value: {
      ...listing,
      nextReviewOn: review.nextReviewOn,
      ...(review.evidence ? { evidence: review.evidence } : {}),
      ...(review.details ? { details: review.details } : {}),
    },
  };
};

/**
 * Removes a listing from `on`, with the reason (e.g. the person moved away, or the
 * listing was made in error). Removal is final.
 *
 * @example
 * ```ts
 * import { removeListing } from "@tiaojie/core";
 *
 * removeListing(listing, "2025-05-01" as LocalDate, "已迁出本镇");
 * ```
 * @since 0.1.0
 */
export const removeListing = (listing: Listing, on: LocalDate, reason: string): Listing => ({
  ...listing,
  status: { kind: "removed", since: on, reason },
});
