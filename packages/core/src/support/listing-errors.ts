import { Data } from "effect";
import type { ListingId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { IssuePath, ValidationError } from "../validation/validation-error.js";

/**
 * A change to a listing: a review, an early end or a removal.
 *
 * @example
 * ```ts
 * const change: ListingChange = "review";
 * ```
 * @since 0.2.0
 */
export type ListingChange = "review" | "end" | "remove";

/**
 * What a listing is on a day, as {@link listingStatusAsOf} names it.
 *
 * @example
 * ```ts
 * const kind: ListingStatusKind = listingStatusAsOf(listing, asOf).kind;
 * ```
 * @since 0.2.0
 */
export type ListingStatusKind = "upcoming" | "active" | "lapsed" | "ended" | "removed";

const STATUS: { readonly [K in ListingStatusKind]: Bilingual } = {
  upcoming: { zh: "尚未开始", en: "not started yet" },
  active: { zh: "有效", en: "active" },
  lapsed: { zh: "已失效", en: "lapsed" },
  ended: { zh: "已终止", en: "ended" },
  removed: { zh: "已撤销", en: "removed" },
};

const CHANGE: { readonly [K in ListingChange]: Bilingual } = {
  review: { zh: "复核", en: "reviewed" },
  end: { zh: "终止", en: "ended" },
  remove: { zh: "撤销", en: "removed" },
};

/**
 * The listing cannot take this change on its day: only an active listing is
 * reviewed (a lapsed or ended listing is not revived; the person is assessed and
 * listed afresh), and an ended or removed listing cannot be ended or removed again.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "ListingChangeNotAllowed") r.error.status; // e.g. "lapsed"
 * ```
 * @since 0.2.0
 */
export class ListingChangeNotAllowed extends Data.TaggedError("ListingChangeNotAllowed")<{
  readonly listing: ListingId;
  readonly change: ListingChange;
  /** The listing's status on the day of the change. */
  readonly status: ListingStatusKind;
  /** Where in the change its day is. */
  readonly path: IssuePath;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const s = STATUS[this.status];
    const c = CHANGE[this.change];
    return { zh: `列管在该日${s.zh}，不能${c.zh}`, en: `the listing is ${s.en} on that day and cannot be ${c.en}` };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * The change is dated before the last event of the listing's history: a history
 * is only appended to, in date order.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "ListingEventOutOfOrder") r.error.lastEventOn;
 * ```
 * @since 0.2.0
 */
export class ListingEventOutOfOrder extends Data.TaggedError("ListingEventOutOfOrder")<{
  readonly listing: ListingId;
  /** The day of the history's last event. */
  readonly lastEventOn: LocalDate;
  readonly path: IssuePath;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return {
      zh: `日期不能早于列管的最后一条记录（${this.lastEventOn}）`,
      en: `the day cannot be before the listing's last event (${this.lastEventOn})`,
    };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * The next review date of a review is not after the review, or later than the
 * category's review interval allows (`latest`, the review day plus `reviewEvery`).
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "NextReviewOutOfRange") r.error.latest;
 * ```
 * @since 0.2.0
 */
export class NextReviewOutOfRange extends Data.TaggedError("NextReviewOutOfRange")<{
  readonly listing: ListingId;
  /** `not-after-review`: on or before the review day; `too-late`: after `latest`. */
  readonly problem: "not-after-review" | "too-late";
  /** The latest next review date the category's interval allows. */
  readonly latest: LocalDate;
  readonly path: IssuePath;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return this.problem === "not-after-review"
      ? { zh: "下次复核日期应晚于本次复核日期", en: "the next review must be after this review" }
      : {
          zh: `下次复核日期超出本类别的复核周期，最晚为 ${this.latest}`,
          en: `the next review is later than the category's review interval allows; the latest is ${this.latest}`,
        };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * New details given with a review are not of the listing's category.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "ListingDetailsMismatch") r.error.expected; // e.g. "hardship"
 * ```
 * @since 0.2.0
 */
export class ListingDetailsMismatch extends Data.TaggedError("ListingDetailsMismatch")<{
  readonly listing: ListingId;
  /** The kind of details the listing's category carries. */
  readonly expected: string;
  readonly path: IssuePath;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: "列管详情与类别不符", en: "the details do not match the listing's category" };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * Why {@link reviewListing} refused a review: the input does not decode (a
 * missing actor, a blank field …), or one of the tagged refusals above.
 *
 * @example
 * ```ts
 * const r = reviewListing(listing, review);
 * if (!r.ok) console.error(r.error._tag, r.error.message);
 * ```
 * @since 0.2.0
 */
export type ListingReviewError =
  | ValidationError
  | ListingChangeNotAllowed
  | ListingEventOutOfOrder
  | NextReviewOutOfRange
  | ListingDetailsMismatch;

/**
 * Why {@link endListing} or {@link removeListing} refused: the input does not
 * decode (a missing actor, a blank reason …), the day is before the history's
 * last event, or the listing has already ended or been removed.
 *
 * @example
 * ```ts
 * const r = removeListing(listing, { on, actor, reason: "已迁出本镇" });
 * if (!r.ok) console.error(r.error.message);
 * ```
 * @since 0.2.0
 */
export type ListingClosureError = ValidationError | ListingChangeNotAllowed | ListingEventOutOfOrder;
