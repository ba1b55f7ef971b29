import { Schema } from "effect";
import { plusDays } from "../calendar/local-dates.js";
import { Actor } from "../model/actor.js";
import { DivisionCode } from "../model/division-code.js";
import { ListingId, PersonId, UnitId } from "../model/ids.js";
import { LocalDate } from "../model/local-date.js";
import { Text, optionalField } from "../model/primitives.js";
import { defineTaxonomy } from "../taxonomy/define-taxonomy.js";
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

/**
 * The rules under which a listing stops holding by itself, recorded as the reason
 * of a lapse or an end that settlement writes: `missed-review` (the review date
 * passed without a review) and `basis-ended` (the last day of the basis period
 * passed).
 *
 * @example
 * ```ts
 * import { ListingRules } from "@tiaojie/core";
 *
 * ListingRules.label("missed-review"); // "错过复核"
 * ```
 * @since 0.2.0
 */
export const ListingRules = defineTaxonomy({ zh: "列管自动失效规则", en: "listing rule" }, [
  { code: "missed-review", zh: "错过复核", en: "missed review" },
  { code: "basis-ended", zh: "依据期限届满", en: "basis ended" },
] as const);
/**
 * A listing rule code.
 *
 * @example
 * ```ts
 * const rule: ListingRule = "basis-ended";
 * ```
 * @since 0.2.0
 */
export type ListingRule = (typeof ListingRules.codes)[number];

const eventHead = {
  /**
   * The day of the event. For an opening or a review, the day it was done (the
   * listing holds that day); for a lapse, an end or a removal, the first day on
   * which the listing no longer holds.
   */
  on: LocalDate,
  /** Who recorded the event. */
  actor: Actor,
};

const byRule = <R extends ListingRule>(rule: R) => Schema.Struct({ rule: Schema.Literal(rule) });
const byDecision = Schema.Struct({ text: Text(500) });

/**
 * One event of a listing's history, tagged by `kind`:
 *
 * - `opened`: the listing starts on `on`; `nextReviewOn` is the first review date;
 * - `reviewed`: a review done on `on`; `nextReviewOn` is the next review date;
 * - `lapsed`: the review was missed, from `on` (the day after the review date);
 *   the reason is the rule `missed-review`;
 * - `ended`: the listing ended from `on`, either by the rule `basis-ended` (the
 *   day after the basis period) or early, by a person's decision with its text;
 * - `removed`: a person removed the listing from `on`, with the reason's text.
 *
 * Every event names its actor. A lapse does not close the history (the listing
 * can still end or be removed); an end or a removal does.
 *
 * @example
 * ```ts
 * import { decode, ListingEvent } from "@tiaojie/core";
 *
 * decode(ListingEvent, {
 *   kind: "removed", on: "2025-05-01", reason: { text: "已迁出本镇" },
 *   actor: { officerId: "zx-0042", name: "王芳", unit: "u-shswb", role: "unit-officer", scope: "532301104000" },
 * });
 * ```
 * @since 0.2.0
 */
export const ListingEvent = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("opened"), ...eventHead, nextReviewOn: LocalDate }),
  Schema.Struct({ kind: Schema.Literal("reviewed"), ...eventHead, nextReviewOn: LocalDate }),
  Schema.Struct({ kind: Schema.Literal("lapsed"), ...eventHead, reason: byRule("missed-review") }),
  Schema.Struct({ kind: Schema.Literal("ended"), ...eventHead, reason: Schema.Union(byRule("basis-ended"), byDecision) }),
  Schema.Struct({ kind: Schema.Literal("removed"), ...eventHead, reason: byDecision }),
).annotations({ identifier: "ListingEvent", description: "列管记录事件 / listing event" });
/**
 * @example
 * ```ts
 * const last: ListingEvent | undefined = listing.history.at(-1);
 * ```
 * @since 0.2.0
 */
export type ListingEvent = typeof ListingEvent.Type;
/**
 * The JSON form of a {@link ListingEvent}.
 *
 * @example
 * ```ts
 * const json: ListingEventJson = { kind: "lapsed", on: "2025-04-07", actor, reason: { rule: "missed-review" } };
 * ```
 * @since 0.2.0
 */
export type ListingEventJson = typeof ListingEvent.Encoded;
/**
 * The reason of a lapse, an end or a removal: the rule that applied (`{ rule }`,
 * recorded by settlement) or a person's decision (`{ text }`).
 *
 * @example
 * ```ts
 * const why: ListingReason = { text: "已迁出本镇" };
 * ```
 * @since 0.2.0
 */
export type ListingReason = { readonly rule: ListingRule } | { readonly text: string };

const isClosing = (e: ListingEvent): boolean => e.kind === "ended" || e.kind === "removed";

/**
 * Walks the history from the opening and checks `ok` of every later event, given
 * the review date in force before it and whether a lapse came before it.
 */
const everyWithSchedule = (
  history: ReadonlyArray<ListingEvent>,
  ok: (event: ListingEvent, nextReviewOn: LocalDate, lapsedBefore: boolean) => boolean,
): boolean => {
  const first = history[0];
  if (first?.kind !== "opened") return true;
  let next = first.nextReviewOn;
  let lapsed = false;
  for (let i = 1; i < history.length; i++) {
    const e = history[i]!;
    if (!ok(e, next, lapsed)) return false;
    if (e.kind === "reviewed") next = e.nextReviewOn;
    if (e.kind === "lapsed") lapsed = true;
  }
  return true;
};

/**
 * The dated history of a listing, oldest first. It begins with exactly one
 * opening; events are in date order (several may share a day); nothing follows
 * an end or a removal; a review is done while the listing holds (on or before
 * the review date in force, never after a lapse) and sets a next review date
 * after its own day (the opening's may be its own day); a lapse falls on the day
 * after the review date in force, at most once.
 *
 * @example
 * ```ts
 * import { decode, ListingHistory } from "@tiaojie/core";
 *
 * decode(ListingHistory, [
 *   { kind: "opened", on: "2025-01-06", actor, nextReviewOn: "2025-04-06" },
 *   { kind: "lapsed", on: "2025-04-07", actor, reason: { rule: "missed-review" } },
 * ]).ok; // true
 * ```
 * @since 0.2.0
 */
export const ListingHistory = Schema.Array(ListingEvent).pipe(
  Schema.filter((h) => h[0]?.kind === "opened" && h.every((e, i) => i === 0 || e.kind !== "opened"), {
    ...bilingualMessage("列管记录应以唯一一次列管开始为首", "the history must begin with the listing's one opening"),
    jsonSchema: { minItems: 1 },
  }),
  Schema.filter((h) => h.every((e, i) => i === 0 || h[i - 1]!.on <= e.on), {
    ...bilingualMessage("列管记录应按日期先后排列", "the history's events must be in date order"),
    jsonSchema: {},
  }),
  Schema.filter((h) => h.every((e, i) => i === 0 || !isClosing(h[i - 1]!)), {
    ...bilingualMessage("列管终止或撤销后不能再有记录", "nothing may follow the listing's end or removal"),
    jsonSchema: {},
  }),
  Schema.filter(
    (h) =>
      h.every((e) => (e.kind === "opened" ? e.on <= e.nextReviewOn : e.kind === "reviewed" ? e.on < e.nextReviewOn : true)),
    {
      ...bilingualMessage("下次复核日期应晚于本次复核日期，首次复核日期不能早于列管开始日期", "each next review must be after its review, and the first review cannot be before the start"),
      jsonSchema: {},
    },
  ),
  Schema.filter((h) => everyWithSchedule(h, (e, next, lapsed) => e.kind !== "reviewed" || (!lapsed && e.on <= next)), {
    ...bilingualMessage("复核只能在列管有效期间进行：不能晚于复核日期，失效后不能再复核", "a review is done while the listing holds: not after the review date, never after a lapse"),
    jsonSchema: {},
  }),
  Schema.filter((h) => everyWithSchedule(h, (e, next, lapsed) => e.kind !== "lapsed" || (!lapsed && e.on === plusDays(next, 1))), {
    ...bilingualMessage("失效只记录一次，且在错过的复核日期次日", "a lapse is recorded once, on the day after the missed review date"),
    jsonSchema: {},
  }),
  Schema.annotations({ identifier: "ListingHistory", description: "列管记录 / listing history" }),
);

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
  /** The last day of the period the basis holds for. The listing ends the day after. */
  basisEndsOn: LocalDate,
  details: ListingDetails,
  /** What happened to the listing, oldest first: its status on any day is read from here. */
  history: ListingHistory,
});

const isBasisEnd = (e: ListingEvent): boolean => e.kind === "ended" && "rule" in e.reason;

/**
 * A listing (列管) of a person in one of the six support categories: the person,
 * the category, its lawful basis, the evidence, the responsible unit and named
 * person, the last day of its basis period, the category's details, and its
 * dated history (see {@link ListingHistory}): the opening with its actor and
 * first review date, then reviews, a lapse, an end or a removal, each with its
 * day, actor and reason. A person can hold several listings.
 *
 * The status on a day is read from the history by {@link listingStatusAsOf}.
 * Dates are inclusive: the listing holds on its opening day, on each review date
 * (the review may be done that day) and on `basisEndsOn`; it lapses on the day
 * after a missed review and ends on the day after its basis ends. Every event but
 * such an end lies within the basis period; an end by the rule `basis-ended` is
 * dated the day after it. A missed review is recorded as a lapse before anything
 * that comes after it (an end or a removal), so a stored history shows both.
 *
 * @example
 * ```ts
 * import { decode, Listing } from "@tiaojie/core";
 *
 * const actor = { officerId: "zx-0042", name: "王芳", unit: "u-shswb", role: "unit-officer", scope: "532301104000" };
 * const r = decode(Listing, {
 *   id: "l-0001", person: "p-0007", jurisdiction: "532301104201", category: 5,
 *   lawfulBasis: "《社会救助暂行办法》",
 *   evidence: { text: "家庭收入低于当地低保标准", assessedBy: "王芳", assessedOn: "2025-01-06" },
 *   responsibleUnit: "u-shswb", responsiblePerson: "王芳", basisEndsOn: "2026-01-06",
 *   details: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" },
 *   history: [
 *     { kind: "opened", on: "2025-01-06", actor, nextReviewOn: "2025-04-06" },
 *     { kind: "reviewed", on: "2025-04-01", actor, nextReviewOn: "2025-07-01" },
 *   ],
 * });
 * ```
 * @since 0.1.0
 */
export const Listing = ListingFields.pipe(
  Schema.filter((l) => l.details.kind === detailsKindOf[l.category], {
    ...bilingualMessage("列管详情与类别不符", "the listing's details do not match its category"),
    jsonSchema: {},
  }),
  Schema.filter((l) => l.history[0]!.on <= l.basisEndsOn, {
    ...bilingualMessage("依据期限不能早于列管开始日期", "the basis period cannot end before the start date"),
    jsonSchema: {},
  }),
  Schema.filter(
    (l) => l.history.every((e) => (isBasisEnd(e) ? e.on === plusDays(l.basisEndsOn, 1) : e.on <= l.basisEndsOn)),
    {
      ...bilingualMessage(
        "列管记录不能晚于依据期限；因依据期限届满而终止的，终止日为期限次日",
        "every event lies within the basis period, except an end by the rule basis-ended, dated the day after it",
      ),
      jsonSchema: {},
    },
  ),
  Schema.filter(
    (l) =>
      everyWithSchedule(l.history, (e, next, lapsed) => {
        const lapseOn = plusDays(next, 1);
        return lapsed || e.kind === "lapsed" || e.on < lapseOn || lapseOn > l.basisEndsOn;
      }),
    {
      ...bilingualMessage("错过复核的，应先记录失效，再记录其后的事件", "a missed review is recorded as a lapse before any later event"),
      jsonSchema: {},
    },
  ),
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
