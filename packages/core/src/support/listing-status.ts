import { Schema } from "effect";
import { Actor } from "../model/actor.js";
import { LocalDate } from "../model/local-date.js";
import { Text, optionalField } from "../model/primitives.js";
import { decode } from "../validation/decode.js";
import { err, ok, type Result } from "../validation/result.js";
import { plusDays, plusInterval } from "../calendar/local-dates.js";
import { zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import {
  detailsKindOf,
  type Listing,
  ListingDetails,
  type ListingEvent,
  ListingEvidence,
} from "./listing.js";
import {
  type ListingChange,
  ListingChangeNotAllowed,
  type ListingClosureError,
  ListingDetailsMismatch,
  ListingEventOutOfOrder,
  type ListingReviewError,
  NextReviewOutOfRange,
} from "./listing-errors.js";
import { criterionOf, type SupportCriteria } from "./support-criteria.js";

/**
 * One status of a listing in its timeline, with the day it began: `active` from
 * the opening; `lapsed` from the day after a missed review; `ended` from the day
 * after the basis period, or from the day a person ended it early; `removed`
 * from the day a person removed it. Lapses, ends and removals carry their reason.
 *
 * @example
 * ```ts
 * for (const s of listingTimeline(listing, asOf)) console.log(s.since, s.kind);
 * ```
 * @since 0.2.0
 */
export type ListingTimelineEntry =
  | { readonly kind: "active"; readonly since: LocalDate }
  | { readonly kind: "lapsed"; readonly since: LocalDate; readonly reason: { readonly rule: "missed-review" } }
  | {
      readonly kind: "ended";
      readonly since: LocalDate;
      readonly reason: { readonly rule: "basis-ended" } | { readonly text: string };
    }
  | { readonly kind: "removed"; readonly since: LocalDate; readonly reason: { readonly text: string } };

/**
 * What a listing is on a given day: `upcoming` before its opening; `active`
 * (since its opening, with the review date in force that day); or the lapse,
 * end or removal in force that day, with the day it began and its reason.
 *
 * @example
 * ```ts
 * const s: ListingStatusAsOf = listingStatusAsOf(listing, asOf);
 * if (s.kind === "active") console.log("next review", s.nextReviewOn);
 * ```
 * @since 0.1.0
 */
export type ListingStatusAsOf =
  | { readonly kind: "upcoming"; readonly startsOn: LocalDate }
  | { readonly kind: "active"; readonly since: LocalDate; readonly nextReviewOn: LocalDate }
  | Exclude<ListingTimelineEntry, { readonly kind: "active" }>;

interface Replay {
  readonly timeline: ReadonlyArray<ListingTimelineEntry>;
  /** The review date in force at the end of the replay. */
  readonly nextReviewOn: LocalDate;
}

/**
 * Replays the history up to and including `asOf`: events dated after it are
 * ignored. Before each event, and at the end, the transitions the rules make by
 * themselves are applied: a lapse on the day after the review date in force (if
 * that day is within the basis period), an end on the day after the basis period.
 * A transition on the same day as an event comes before it.
 */
const replay = (listing: Listing, asOf: LocalDate): Replay | undefined => {
  const [opening, ...rest] = listing.history;
  if (opening === undefined || opening.kind !== "opened" || opening.on > asOf) return undefined;
  const timeline: Array<ListingTimelineEntry> = [{ kind: "active", since: opening.on }];
  let next = opening.nextReviewOn;
  const lapseDay = (): LocalDate => plusDays(next, 1);
  const endDay = plusDays(listing.basisEndsOn, 1);
  const state = () => timeline[timeline.length - 1]!.kind;
  const byRules = (day: LocalDate): void => {
    if (state() === "active" && lapseDay() <= day && lapseDay() <= listing.basisEndsOn) {
      timeline.push({ kind: "lapsed", since: lapseDay(), reason: { rule: "missed-review" } });
    }
    if ((state() === "active" || state() === "lapsed") && endDay <= day) {
      timeline.push({ kind: "ended", since: endDay, reason: { rule: "basis-ended" } });
    }
  };
  for (const e of rest) {
    if (e.on > asOf) break;
    byRules(e.on);
    const now = state();
    if (e.kind === "reviewed" && now === "active") next = e.nextReviewOn;
    else if (e.kind === "lapsed" && now === "active") timeline.push({ kind: "lapsed", since: e.on, reason: e.reason });
    else if (e.kind === "ended" && (now === "active" || now === "lapsed")) {
      timeline.push({ kind: "ended", since: e.on, reason: e.reason });
    } else if (e.kind === "removed" && (now === "active" || now === "lapsed")) {
      timeline.push({ kind: "removed", since: e.on, reason: e.reason });
    }
  }
  byRules(asOf);
  return { timeline, nextReviewOn: next };
};

/**
 * The opening day of a listing: the day of the first event of its history.
 *
 * @example
 * ```ts
 * import { listingStartedOn } from "@tiaojie/core";
 *
 * listingStartedOn(listing); // "2025-01-06"
 * ```
 * @since 0.2.0
 */
export const listingStartedOn = (listing: Listing): LocalDate => listing.history[0]?.on as LocalDate;

/**
 * The timeline of a listing as it stood on `asOf`: each status it has had, with
 * the day it began, oldest first, including the lapse and end the rules make by
 * themselves whether or not settlement has recorded them yet. A lapse stays in the
 * timeline when the listing later ends or is removed. Empty before the opening.
 * Events dated after `asOf` are ignored, so the timeline of a past day never
 * changes when later events are appended.
 *
 * @example
 * ```ts
 * import { listingTimeline } from "@tiaojie/core";
 *
 * listingTimeline(listing, "2026-02-01" as LocalDate);
 * // [{ kind: "active", since: "2025-01-06" },
 * //  { kind: "lapsed", since: "2025-04-07", reason: { rule: "missed-review" } },
 * //  { kind: "ended", since: "2026-01-07", reason: { rule: "basis-ended" } }]
 * ```
 * @since 0.2.0
 */
export const listingTimeline = (listing: Listing, asOf: LocalDate): ReadonlyArray<ListingTimelineEntry> =>
  replay(listing, asOf)?.timeline ?? [];

/**
 * The status of a listing on `asOf`, read from its history as it stood that day
 * (events dated after `asOf` are ignored). The convention for edge days:
 *
 * - before the opening day it is `upcoming`, and not active;
 * - on the review date in force it still holds (the review may be done that day);
 *   from the day after, unless reviewed, it is `lapsed`;
 * - on `basisEndsOn` it still holds; from the day after it is `ended`, lapsed or
 *   not. A review date on or after the basis end never lapses: the end comes first;
 * - a removal or an early end holds from its own day.
 *
 * @example
 * ```ts
 * import { listingStatusAsOf } from "@tiaojie/core";
 *
 * // opened 2025-01-06, first review 2025-04-06, removed from 2025-05-01
 * listingStatusAsOf(listing, "2025-04-06" as LocalDate); // { kind: "active", since: "2025-01-06", nextReviewOn: "2025-04-06" }
 * listingStatusAsOf(listing, "2025-04-07" as LocalDate); // { kind: "lapsed", since: "2025-04-07", reason: { rule: "missed-review" } }
 * listingStatusAsOf(listing, "2025-05-01" as LocalDate); // { kind: "removed", since: "2025-05-01", reason: { text: "已迁出本镇" } }
 * ```
 * @since 0.1.0
 */
export const listingStatusAsOf = (listing: Listing, asOf: LocalDate): ListingStatusAsOf => {
  const r = replay(listing, asOf);
  if (r === undefined) return { kind: "upcoming", startsOn: listingStartedOn(listing) };
  const last = r.timeline[r.timeline.length - 1]!;
  return last.kind === "active" ? { kind: "active", since: last.since, nextReviewOn: r.nextReviewOn } : last;
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

const ruleEvent = (entry: ListingTimelineEntry, actor: Actor): ListingEvent | undefined =>
  entry.kind === "lapsed"
    ? { kind: "lapsed", on: entry.since, actor, reason: { rule: "missed-review" } }
    : entry.kind === "ended" && "rule" in entry.reason
      ? { kind: "ended", on: entry.since, actor, reason: { rule: "basis-ended" } }
      : undefined;

/**
 * The listing with the lapse and the end that the rules have made by `asOf`
 * appended to its history, recorded by `actor` (the officer or service account
 * that runs the settlement), each dated the day it took effect and giving its
 * rule as the reason. Nothing is overwritten: a listing that lapsed and then
 * reached the end of its basis gets both events. Returns the same object when
 * there is nothing to record: nothing is recorded after an end or a removal, nor
 * before the history's last event (settle on the current day).
 *
 * @example
 * ```ts
 * import { settleListing } from "@tiaojie/core";
 *
 * const toSave = listings.map((l) => settleListing(l, today, batchActor)).filter((l, i) => l !== listings[i]);
 * ```
 * @since 0.1.0
 */
export const settleListing = (listing: Listing, asOf: LocalDate, actor: Actor): Listing => {
  const last = listing.history[listing.history.length - 1];
  if (last === undefined || last.kind === "ended" || last.kind === "removed") return listing;
  const added = listingTimeline(listing, asOf)
    .filter((entry) => entry.since > last.on)
    .map((entry) => ruleEvent(entry, actor))
    .filter((e): e is ListingEvent => e !== undefined);
  return added.length === 0 ? listing : { ...listing, history: [...listing.history, ...added] };
};

/**
 * A review of a listing: the day it was done, who did it, the next review date,
 * and, when they changed, new evidence or details (e.g. a new dangerousness grade).
 *
 * @example
 * ```ts
 * import { decode, ListingReview } from "@tiaojie/core";
 *
 * decode(ListingReview, { reviewedOn: "2025-04-01", actor, nextReviewOn: "2025-07-01" });
 * ```
 * @since 0.1.0
 */
export const ListingReview = Schema.Struct({
  reviewedOn: LocalDate,
  actor: Actor,
  nextReviewOn: LocalDate,
  evidence: optionalField(ListingEvidence),
  details: optionalField(ListingDetails),
}).annotations({ identifier: "ListingReview", description: "列管复核 / listing review" });
/**
 * @example
 * ```ts
 * const review: ListingReview = { reviewedOn, actor, nextReviewOn };
 * ```
 * @since 0.1.0
 */
export interface ListingReview extends Schema.Schema.Type<typeof ListingReview> {}

/**
 * A person's decision to end a listing early or to remove it: from which day
 * (the first day it no longer holds), who decided, and why.
 *
 * @example
 * ```ts
 * import { decode, ListingClosure } from "@tiaojie/core";
 *
 * decode(ListingClosure, { on: "2025-05-01", actor, reason: "已迁出本镇" });
 * ```
 * @since 0.2.0
 */
export const ListingClosure = Schema.Struct({
  on: LocalDate,
  actor: Actor,
  reason: Text(500),
}).annotations({ identifier: "ListingClosure", description: "列管终止或撤销 / ending or removing a listing" });
/**
 * @example
 * ```ts
 * const closure: ListingClosure = { on, actor, reason: "已迁出本镇" };
 * ```
 * @since 0.2.0
 */
export interface ListingClosure extends Schema.Schema.Type<typeof ListingClosure> {}

/** The day of the history's last event (a decoded history is never empty). */
const lastEventOn = (listing: Listing): LocalDate => listing.history[listing.history.length - 1]?.on as LocalDate;

/**
 * Records a review, checked against the support criteria of the listing's
 * category. Refused (as a value, never thrown) when the input does not decode
 * (e.g. without an actor); when the review is dated before the history's last
 * event; when the listing is not active on the review day (a lapsed or ended
 * listing is not revived by a review: the person is assessed and listed afresh);
 * when the next review is not after the review day or later than the review day
 * plus the category's `reviewEvery`; and when new details are of another kind.
 *
 * @param criteria - the support criteria whose `reviewEvery` limits the next review.
 * @default criteria zixiSupportCriteria
 * @example
 * ```ts
 * import { reviewListing } from "@tiaojie/core";
 *
 * const r = reviewListing(listing, { reviewedOn: "2025-04-01", actor, nextReviewOn: "2025-07-01" } as ListingReview);
 * if (r.ok) save(r.value);
 * else console.error(r.error.message); // e.g. "列管在该日已失效，不能复核 / the listing is lapsed on that day …"
 * ```
 * @since 0.1.0
 */
export const reviewListing = (
  listing: Listing,
  review: ListingReview,
  criteria: SupportCriteria = zixiSupportCriteria,
): Result<Listing, ListingReviewError> => {
  const decoded = decode(ListingReview, review);
  if (!decoded.ok) return decoded;
  const r = decoded.value;
  const lastOn = lastEventOn(listing);
  if (r.reviewedOn < lastOn) {
    return err(new ListingEventOutOfOrder({ listing: listing.id, lastEventOn: lastOn, path: ["reviewedOn"] }));
  }
  const status = listingStatusAsOf(listing, r.reviewedOn).kind;
  if (status !== "active") {
    return err(new ListingChangeNotAllowed({ listing: listing.id, change: "review", status, path: ["reviewedOn"] }));
  }
  const latest = plusInterval(r.reviewedOn, criterionOf(criteria, listing.category).reviewEvery);
  if (r.nextReviewOn <= r.reviewedOn || r.nextReviewOn > latest) {
    const problem = r.nextReviewOn <= r.reviewedOn ? "not-after-review" : "too-late";
    return err(new NextReviewOutOfRange({ listing: listing.id, problem, latest, path: ["nextReviewOn"] }));
  }
  const expected = detailsKindOf[listing.category];
  if (r.details && r.details.kind !== expected) {
    return err(new ListingDetailsMismatch({ listing: listing.id, expected, path: ["details"] }));
  }
  const event: ListingEvent = { kind: "reviewed", on: r.reviewedOn, actor: r.actor, nextReviewOn: r.nextReviewOn };
  return ok({
    ...listing,
    ...(r.evidence ? { evidence: r.evidence } : {}),
    ...(r.details ? { details: r.details } : {}),
    history: [...listing.history, event],
  });
};

const close = (
  listing: Listing,
  closure: ListingClosure,
  change: Exclude<ListingChange, "review">,
): Result<Listing, ListingClosureError> => {
  const decoded = decode(ListingClosure, closure);
  if (!decoded.ok) return decoded;
  const c = decoded.value;
  const lastOn = lastEventOn(listing);
  if (c.on < lastOn) return err(new ListingEventOutOfOrder({ listing: listing.id, lastEventOn: lastOn, path: ["on"] }));
  const status = listingStatusAsOf(listing, c.on).kind;
  if (status !== "active" && status !== "lapsed") {
    return err(new ListingChangeNotAllowed({ listing: listing.id, change, status, path: ["on"] }));
  }
  // A lapse the rules made before this day is recorded first, so the history shows both.
  const settled = settleListing(listing, c.on, c.actor);
  const reason = { text: c.reason };
  const event: ListingEvent =
    change === "end" ? { kind: "ended", on: c.on, actor: c.actor, reason } : { kind: "removed", on: c.on, actor: c.actor, reason };
  return ok({ ...settled, history: [...settled.history, event] });
};

/**
 * Ends a listing early from `on` (the first day it no longer holds), by a
 * person's decision with its reason (e.g. the hardship was resolved). An active or
 * lapsed listing can be ended (a lapse before `on` is recorded first); an ended or
 * removed one cannot, nor can a day before the history's last event be given.
 *
 * @example
 * ```ts
 * import { endListing } from "@tiaojie/core";
 *
 * const r = endListing(listing, { on: "2025-06-01", actor, reason: "困难已解决" } as ListingClosure);
 * ```
 * @since 0.2.0
 */
export const endListing = (listing: Listing, closure: ListingClosure): Result<Listing, ListingClosureError> =>
  close(listing, closure, "end");

/**
 * Removes a listing from `on` (the first day it no longer holds), with the reason
 * (e.g. the person moved away, or the listing was made in error). Removal closes
 * the history. The same refusals as {@link endListing}. A question about a day
 * before `on` still gets the status of that day.
 *
 * @example
 * ```ts
 * import { removeListing } from "@tiaojie/core";
 *
 * const r = removeListing(listing, { on: "2025-05-01", actor, reason: "已迁出本镇" } as ListingClosure);
 * if (r.ok) listingStatusAsOf(r.value, "2025-04-30" as LocalDate).kind; // as it was that day
 * ```
 * @since 0.1.0
 */
export const removeListing = (listing: Listing, closure: ListingClosure): Result<Listing, ListingClosureError> =>
  close(listing, closure, "remove");
