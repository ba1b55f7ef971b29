import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { Actor } from "../model/actor.js";
import type { LocalDate } from "../model/local-date.js";
import type { Person } from "../model/person.js";
import { decode } from "../validation/decode.js";
import { supportCriteria, zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import { draftListing, evaluateEligibility } from "./eligibility.js";
import { tasksDue } from "./due-tasks.js";
import { Listing, type ListingEvent } from "./listing.js";
import {
  activeListings,
  endListing,
  isListingActive,
  listingStartedOn,
  listingStatusAsOf,
  listingTimeline,
  removeListing,
  reviewListing,
  settleListing,
  type ListingStatusAsOf,
  type ListingTimelineEntry,
} from "./listing-status.js";
import { dateArb, dayAround, edgeDaysOf, listingAndDayArb, listingArb } from "./support-arbitraries.js";

const D = (s: string) => s as LocalDate;

const officer = (officerId: string, name: string): Actor => {
  const r = decode(Actor, { officerId, name, unit: "u-shswb", role: "unit-officer", scope: "532301104000" });
  if (!r.ok) throw r.error;
  return r.value;
};
const wang = officer("zx-0042", "王芳");
const person: Person = { id: "p-1" as Person["id"], name: "李秀英", jurisdiction: "532301104201" as Person["jurisdiction"] };
const batch = officer("zx-sys", "自动结算");

const example = {
  id: "l-0001",
  person: "p-0007",
  jurisdiction: "532301104201",
  category: 5,
  lawfulBasis: "《社会救助暂行办法》",
  evidence: { text: "家庭收入低于当地低保标准", assessedBy: "王芳", assessedOn: "2025-01-06" },
  responsibleUnit: "u-shswb",
  responsiblePerson: "王芳",
  basisEndsOn: "2026-01-06",
  details: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" },
  history: [{ kind: "opened", on: "2025-01-06", actor: wang, nextReviewOn: "2025-04-06" }],
};

const decoded = (json: unknown): Listing => {
  const r = decode(Listing, json);
  if (!r.ok) throw r.error;
  return r.value;
};
const listing = decoded(example);
const withHistory = (...events: ReadonlyArray<Record<string, unknown>>) => ({ ...example, history: [...example.history, ...events] });
const issuesOf = (json: unknown) => {
  const r = decode(Listing, json);
  return r.ok ? [] : r.error.issues;
};
const unwrap = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: unknown }): A => {
  if (!r.ok) throw r.error;
  return r.value;
};

describe("Listing schema", () => {
  it("decodes a well-formed listing with a history, and round-trips it", () => {
    const json = withHistory(
      { kind: "reviewed", on: "2025-04-06", actor: wang, nextReviewOn: "2025-07-06" },
      { kind: "lapsed", on: "2025-07-07", actor: batch, reason: { rule: "missed-review" } },
      { kind: "removed", on: "2025-08-01", actor: wang, reason: { text: "已迁出本镇" } },
    );
    expect(decode(Listing, json).ok).toBe(true);
    expect(JSON.parse(JSON.stringify(decoded(json)))).toEqual(json);
  });

  it("rejects details of another category, with a bilingual message", () => {
    expect(issuesOf({ ...example, category: 1 })[0]).toMatchObject({
      path: [],
      zh: "列管详情与类别不符",
      en: "the listing's details do not match its category",
    });
  });

  it("requires a lawful basis, and an actor and a reason on events, with paths", () => {
    expect(issuesOf({ ...example, lawfulBasis: undefined }).map((i) => i.path)).toContainEqual(["lawfulBasis"]);
    const { actor: _a, ...noActor } = example.history[0]!;
    expect(issuesOf({ ...example, history: [noActor] }).map((i) => i.path)).toContainEqual(["history", 0, "actor"]);
    const noReason = withHistory({ kind: "removed", on: "2025-02-01", actor: wang });
    expect(issuesOf(noReason).map((i) => i.path)).toContainEqual(["history", 1, "reason"]);
    const blank = withHistory({ kind: "removed", on: "2025-02-01", actor: wang, reason: { text: " " } });
    expect(issuesOf(blank).map((i) => i.path)).toContainEqual(["history", 1, "reason", "text"]);
    const ruleForRemoval = withHistory({ kind: "removed", on: "2025-02-01", actor: wang, reason: { rule: "basis-ended" } });
    expect(decode(Listing, ruleForRemoval).ok).toBe(false);
  });

  const rejects: ReadonlyArray<readonly [string, unknown, string]> = [
    ["an empty history", { ...example, history: [] }, "the history must begin with the listing's one opening"],
    [
      "a history that begins with a review",
      { ...example, history: [{ kind: "reviewed", on: "2025-01-06", actor: wang, nextReviewOn: "2025-04-06" }] },
      "the history must begin with the listing's one opening",
    ],
    [
      "a second opening",
      withHistory({ kind: "opened", on: "2025-02-01", actor: wang, nextReviewOn: "2025-04-06" }),
      "the history must begin with the listing's one opening",
    ],
    [
      "events out of date order",
      withHistory(
        { kind: "reviewed", on: "2025-03-01", actor: wang, nextReviewOn: "2025-06-01" },
        { kind: "reviewed", on: "2025-02-01", actor: wang, nextReviewOn: "2025-05-01" },
      ),
      "the history's events must be in date order",
    ],
    [
      "an event after a removal",
      withHistory(
        { kind: "removed", on: "2025-02-01", actor: wang, reason: { text: "已迁出本镇" } },
        { kind: "reviewed", on: "2025-02-01", actor: wang, nextReviewOn: "2025-05-01" },
      ),
      "nothing may follow the listing's end or removal",
    ],
    [
      "an event after an end",
      withHistory(
        { kind: "ended", on: "2025-02-01", actor: wang, reason: { text: "困难已解决" } },
        { kind: "removed", on: "2025-03-01", actor: wang, reason: { text: "误列" } },
      ),
      "nothing may follow the listing's end or removal",
    ],
    [
      "a next review on the review day",
      withHistory({ kind: "reviewed", on: "2025-03-01", actor: wang, nextReviewOn: "2025-03-01" }),
      "each next review must be after its review, and the first review cannot be before the start",
    ],
    [
      "a first review before the start",
      { ...example, history: [{ ...example.history[0], nextReviewOn: "2024-12-31" }] },
      "each next review must be after its review, and the first review cannot be before the start",
    ],
    [
      "a review after the review date",
      withHistory({ kind: "reviewed", on: "2025-04-07", actor: wang, nextReviewOn: "2025-07-07" }),
      "a review is done while the listing holds: not after the review date, never after a lapse",
    ],
    [
      "a review after a lapse",
      withHistory(
        { kind: "lapsed", on: "2025-04-07", actor: batch, reason: { rule: "missed-review" } },
        { kind: "reviewed", on: "2025-04-07", actor: wang, nextReviewOn: "2025-07-07" },
      ),
      "a review is done while the listing holds: not after the review date, never after a lapse",
    ],
    [
      "a lapse on another day",
      withHistory({ kind: "lapsed", on: "2025-04-08", actor: batch, reason: { rule: "missed-review" } }),
      "a lapse is recorded once, on the day after the missed review date",
    ],
    [
      "a second lapse",
      withHistory(
        { kind: "lapsed", on: "2025-04-07", actor: batch, reason: { rule: "missed-review" } },
        { kind: "lapsed", on: "2025-04-07", actor: batch, reason: { rule: "missed-review" } },
      ),
      "a lapse is recorded once, on the day after the missed review date",
    ],
  ];
  for (const [what, json, en] of rejects) {
    it(`rejects ${what}, at the history's path`, () => {
      expect(issuesOf(json)).toEqual([expect.objectContaining({ path: ["history"], en })]);
    });
  }

  it("records a missed review as a lapse before an end or a removal after it", () => {
    const en = "a missed review is recorded as a lapse before any later event";
    const removal = { kind: "removed", on: "2025-04-07", actor: wang, reason: { text: "已迁出本镇" } };
    expect(issuesOf(withHistory(removal))).toEqual([expect.objectContaining({ path: [], en })]);
    expect(decode(Listing, withHistory({ ...removal, on: "2025-04-06" })).ok).toBe(true);
    const lapse = { kind: "lapsed", on: "2025-04-07", actor: batch, reason: { rule: "missed-review" } };
    expect(decode(Listing, withHistory(lapse, removal)).ok).toBe(true);
    const basisEnd = { kind: "ended", on: "2026-01-07", actor: batch, reason: { rule: "basis-ended" } };
    expect(issuesOf(withHistory(basisEnd))).toEqual([expect.objectContaining({ en })]);
    const atBasisEnd = { ...example, history: [{ ...example.history[0], nextReviewOn: "2026-01-06" }, basisEnd] };
    expect(decode(Listing, atBasisEnd).ok).toBe(true);
  });

  it("keeps every event within the basis period, and an end by the basis rule on the day after it", () => {
    const en = "every event lies within the basis period, except an end by the rule basis-ended, dated the day after it";
    const short = { ...example, basisEndsOn: "2025-03-31" };
    const late = { ...short, history: [...short.history, { kind: "removed", on: "2025-04-01", actor: wang, reason: { text: "误列" } }] };
    expect(issuesOf(late)).toEqual([expect.objectContaining({ path: [], en })]);
    const end = (on: string) => ({ ...short, history: [...short.history, { kind: "ended", on, actor: batch, reason: { rule: "basis-ended" } }] });
    expect(issuesOf(end("2025-03-31"))).toEqual([expect.objectContaining({ en })]);
    expect(decode(Listing, end("2025-04-01")).ok).toBe(true);
    expect(issuesOf({ ...example, basisEndsOn: "2025-01-05" })[0]?.en).toBe("the basis period cannot end before the start date");
  });
});

describe("edge days", () => {
  it("is active on the day the review is due and lapsed from the next day", () => {
    expect(listingStatusAsOf(listing, D("2025-04-06"))).toEqual({ kind: "active", since: "2025-01-06", nextReviewOn: "2025-04-06" });
    expect(listingStatusAsOf(listing, D("2025-04-07"))).toEqual({ kind: "lapsed", since: "2025-04-07", reason: { rule: "missed-review" } });
  });

  it("is active on the last day of its basis and ended from the next day", () => {
    const l = decoded({ ...example, history: [{ ...example.history[0], nextReviewOn: "2026-01-06" }] });
    expect(isListingActive(l, D("2026-01-06"))).toBe(true);
    expect(listingStatusAsOf(l, D("2026-01-07"))).toEqual({ kind: "ended", since: "2026-01-07", reason: { rule: "basis-ended" } });
  });

  it("is upcoming, not active, before its opening", () => {
    expect(listingStatusAsOf(listing, D("2025-01-05"))).toEqual({ kind: "upcoming", startsOn: "2025-01-06" });
    expect(isListingActive(listing, D("2025-01-06"))).toBe(true);
    expect(listingStartedOn(listing)).toBe("2025-01-06");
  });

  it("follows the review schedule from the reviews", () => {
    const l = decoded(withHistory({ kind: "reviewed", on: "2025-04-06", actor: wang, nextReviewOn: "2025-07-06" }));
    expect(listingStatusAsOf(l, D("2025-04-07"))).toMatchObject({ kind: "active", nextReviewOn: "2025-07-06" });
    expect(listingStatusAsOf(l, D("2025-04-05"))).toMatchObject({ kind: "active", nextReviewOn: "2025-04-06" });
    expect(listingStatusAsOf(l, D("2025-07-07")).kind).toBe("lapsed");
  });

  it("answers a question about a day before a removal with that day's status", () => {
    const removed = unwrap(removeListing(listing, { on: D("2025-02-01"), actor: wang, reason: "已迁出本镇" }));
    expect(listingStatusAsOf(removed, D("2025-01-10"))).toMatchObject({ kind: "active" });
    expect(listingStatusAsOf(removed, D("2025-01-31")).kind).toBe("active");
    expect(listingStatusAsOf(removed, D("2025-02-01"))).toEqual({ kind: "removed", since: "2025-02-01", reason: { text: "已迁出本镇" } });
    expect(listingStatusAsOf(removed, D("2027-01-01")).kind).toBe("removed");
  });

  it("shows a lapse and the later end, both, in the timeline and in the settled history", () => {
    const timeline = listingTimeline(listing, D("2026-02-01"));
    expect(timeline).toEqual([
      { kind: "active", since: "2025-01-06" },
      { kind: "lapsed", since: "2025-04-07", reason: { rule: "missed-review" } },
      { kind: "ended", since: "2026-01-07", reason: { rule: "basis-ended" } },
    ]);
    const lapsed = settleListing(listing, D("2025-05-01"), batch);
    expect(lapsed.history.map((e) => e.kind)).toEqual(["opened", "lapsed"]);
    const ended = settleListing(lapsed, D("2026-02-01"), batch);
    expect(ended.history.map((e) => [e.kind, e.on])).toEqual([["opened", "2025-01-06"], ["lapsed", "2025-04-07"], ["ended", "2026-01-07"]]);
    expect(ended.history[2]).toMatchObject({ actor: batch, reason: { rule: "basis-ended" } });
    expect(listingTimeline(ended, D("2026-02-01"))).toEqual(timeline);
    expect(decode(Listing, ended).ok).toBe(true);
  });
});

describe("reviewListing", () => {
  it("appends the review with its actor on the due day and moves the review date", () => {
    const r = unwrap(reviewListing(listing, { reviewedOn: D("2025-04-06"), actor: wang, nextReviewOn: D("2025-07-06") }));
    expect(r.history.at(-1)).toEqual({ kind: "reviewed", on: "2025-04-06", actor: wang, nextReviewOn: "2025-07-06" });
    expect(listingStatusAsOf(r, D("2025-05-01"))).toMatchObject({ kind: "active", nextReviewOn: "2025-07-06" });
    expect(decode(Listing, r).ok).toBe(true);
  });

  it("needs an actor", () => {
    const r = reviewListing(listing, { reviewedOn: D("2025-04-01"), nextReviewOn: D("2025-06-01") } as never);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error._tag === "ValidationError") expect(r.error.issues.map((i) => i.path)).toContainEqual(["actor"]);
    else throw new Error("expected a ValidationError");
  });

  it("does not revive a lapsed listing", () => {
    const r = reviewListing(listing, { reviewedOn: D("2025-04-07"), actor: wang, nextReviewOn: D("2025-07-07") });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ _tag: "ListingChangeNotAllowed", status: "lapsed", path: ["reviewedOn"] });
      expect(r.error.message).toBe("列管在该日已失效，不能复核 / the listing is lapsed on that day and cannot be reviewed");
    }
  });

  it("rejects a next review on or before the review, or later than the category's interval allows", () => {
    const same = reviewListing(listing, { reviewedOn: D("2025-03-01"), actor: wang, nextReviewOn: D("2025-03-01") });
    expect(same.ok === false && same.error).toMatchObject({ _tag: "NextReviewOutOfRange", problem: "not-after-review", path: ["nextReviewOn"] });
    expect(reviewListing(listing, { reviewedOn: D("2025-03-01"), actor: wang, nextReviewOn: D("2025-06-01") }).ok).toBe(true);
    const late = reviewListing(listing, { reviewedOn: D("2025-03-01"), actor: wang, nextReviewOn: D("2025-06-02") });
    expect(late.ok === false && late.error).toMatchObject({ _tag: "NextReviewOutOfRange", problem: "too-late", latest: "2025-06-01" });
    if (!late.ok) expect(late.error.message).toContain("最晚为 2025-06-01");
    const yearly = supportCriteria({ reviewEvery: { months: 12 } });
    expect(reviewListing(listing, { reviewedOn: D("2025-03-01"), actor: wang, nextReviewOn: D("2026-01-01") }, yearly).ok).toBe(true);
  });

  it("rejects a review dated before the last event, and details of another kind", () => {
    const reviewed = unwrap(reviewListing(listing, { reviewedOn: D("2025-03-01"), actor: wang, nextReviewOn: D("2025-05-01") }));
    const early = reviewListing(reviewed, { reviewedOn: D("2025-02-01"), actor: wang, nextReviewOn: D("2025-04-01") });
    expect(early.ok === false && early.error).toMatchObject({ _tag: "ListingEventOutOfOrder", lastEventOn: "2025-03-01", path: ["reviewedOn"] });
    const details = { kind: "mental-health", confirmedBy: "health-centre", confirmedOn: D("2025-01-06"), dangerousnessGrade: 1 } as const;
    const wrong = reviewListing(listing, { reviewedOn: D("2025-03-01"), actor: wang, nextReviewOn: D("2025-05-01"), details });
    expect(wrong.ok === false && wrong.error).toMatchObject({ _tag: "ListingDetailsMismatch", expected: "hardship", path: ["details"] });
  });
});

describe("endListing and removeListing", () => {
  it("need a reason and an actor", () => {
    const r = removeListing(listing, { on: D("2025-02-01"), actor: wang, reason: "" });
    expect(r.ok === false && r.error._tag === "ValidationError" && r.error.issues.map((i) => i.path)).toEqual([["reason"]]);
    expect(endListing(listing, { on: D("2025-02-01"), reason: "困难已解决" } as never).ok).toBe(false);
  });

  it("record the lapse before removing a lapsed listing, and refuse to close an ended one", () => {
    const removed = unwrap(removeListing(listing, { on: D("2025-05-01"), actor: wang, reason: "已迁出本镇" }));
    expect(removed.history.map((e) => e.kind)).toEqual(["opened", "lapsed", "removed"]);
    expect(listingTimeline(removed, D("2025-06-01")).map((s) => s.kind)).toEqual(["active", "lapsed", "removed"]);
    const again = endListing(removed, { on: D("2025-06-01"), actor: wang, reason: "困难已解决" });
    expect(again.ok === false && again.error).toMatchObject({ _tag: "ListingChangeNotAllowed", change: "end", status: "removed", path: ["on"] });
    const past = removeListing(listing, { on: D("2026-01-07"), actor: wang, reason: "已迁出本镇" });
    expect(past.ok === false && past.error).toMatchObject({ status: "ended" });
  });

  it("end a listing early from the given day, with the person's reason", () => {
    const ended = unwrap(endListing(listing, { on: D("2025-03-01"), actor: wang, reason: "困难已解决" }));
    expect(listingStatusAsOf(ended, D("2025-02-28")).kind).toBe("active");
    expect(listingStatusAsOf(ended, D("2025-03-01"))).toEqual({ kind: "ended", since: "2025-03-01", reason: { text: "困难已解决" } });
  });
});

// ---------------------------------------------------------------------------
// The oracle: a day-by-day replay, written separately from the library. Days are
// counted as whole days since 1970 with Date.UTC; each day, first the rules
// (a lapse the first day after the review date, while within the basis; an end
// the first day after the basis), then the events of that day, in their order.
// ---------------------------------------------------------------------------

const dayNo = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000;
const dayText = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

interface OracleDay {
  readonly timeline: ReadonlyArray<ListingTimelineEntry>;
  readonly nextReviewOn: string;
}

const oracle = (l: Listing, asOf: string): OracleDay | undefined => {
  const start = dayNo(l.history[0]!.on);
  const last = dayNo(asOf);
  if (last < start) return undefined;
  const basisEnd = dayNo(l.basisEndsOn);
  const byDay = new Map<number, Array<ListingEvent>>();
  for (const e of l.history) byDay.set(dayNo(e.on), [...(byDay.get(dayNo(e.on)) ?? []), e]);
  const timeline: Array<ListingTimelineEntry> = [];
  let review = 0;
  for (let d = start; d <= last; d++) {
    const kind = timeline.at(-1)?.kind;
    if (kind === "active" && d > review && d <= basisEnd) timeline.push({ kind: "lapsed", since: D(dayText(d)), reason: { rule: "missed-review" } });
    const now = timeline.at(-1)?.kind;
    if ((now === "active" || now === "lapsed") && d > basisEnd) timeline.push({ kind: "ended", since: D(dayText(d)), reason: { rule: "basis-ended" } });
    for (const e of byDay.get(d) ?? []) {
      const state = timeline.at(-1)?.kind;
      if (e.kind === "opened") {
        timeline.push({ kind: "active", since: e.on });
        review = dayNo(e.nextReviewOn);
      } else if (e.kind === "reviewed" && state === "active") review = dayNo(e.nextReviewOn);
      else if ((e.kind === "ended" || e.kind === "removed") && (state === "active" || state === "lapsed")) {
        timeline.push({ kind: e.kind, since: e.on, reason: e.reason } as ListingTimelineEntry);
      }
      // A recorded lapse falls on the day the rule above already applied.
    }
    // After the end nothing changes any more: stop counting days.
    if (timeline.at(-1)?.kind === "ended" || timeline.at(-1)?.kind === "removed") break;
  }
  return { timeline, nextReviewOn: dayText(review) };
};

const oracleStatus = (l: Listing, asOf: string): ListingStatusAsOf => {
  const o = oracle(l, asOf);
  if (o === undefined) return { kind: "upcoming", startsOn: l.history[0]!.on };
  const last = o.timeline.at(-1)!;
  return last.kind === "active" ? { ...last, nextReviewOn: D(o.nextReviewOn) } : last;
};

/**
 * A prefix of a listing's history (the listing as it stood before its later
 * events were appended), the whole listing, and a day before the first later event.
 */
const prefixArb = listingArb().chain((l) =>
  fc.integer({ min: 1, max: l.history.length }).chain((keep) => {
    const before: Listing = { ...l, history: l.history.slice(0, keep) };
    const firstLater = l.history[keep]?.on;
    if (firstLater === undefined) return dayAround(l).map((asOf) => [before, l, asOf] as const);
    const edges = edgeDaysOf(l).filter((d) => d < firstLater);
    const earlier = dateArb.map((d) => (d < firstLater ? d : D(dayText(dayNo(firstLater) - 1 - ((dayNo(d) - dayNo(firstLater)) % 400)))));
    return fc.oneof(fc.constantFrom(...edges), earlier).map((asOf) => [before, l, asOf] as const);
  }),
);

/** Day offsets at which a sequence of reviews is attempted, as a person might. */
const attemptsArb = fc.array(
  fc.record({ after: fc.integer({ min: 0, max: 120 }), next: fc.integer({ min: -5, max: 200 }) }),
  { maxLength: 6 },
);

/** The corresponding day `months` later (the last day of the month when there is none), by Date.UTC. */
const monthsLater = (s: string, months: number): string => {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7)) - 1 + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(Number(s.slice(8, 10)), lastDay))).toISOString().slice(0, 10);
};

describe("properties", () => {
  test.prop([listingArb()], { numRuns: 150 })("generated listings decode", (l) => {
    expect(decode(Listing, l).ok).toBe(true);
  });

  test.prop([listingAndDayArb()], { numRuns: 400 })(
    "the status and the timeline agree with a day-by-day replay, around every edge day",
    ([l, asOf]) => {
      expect(listingStatusAsOf(l, asOf)).toEqual(oracleStatus(l, asOf));
      expect(listingTimeline(l, asOf)).toEqual(oracle(l, asOf)?.timeline ?? []);
    },
  );

  test.prop([listingAndDayArb()], { numRuns: 300 })(
    "no listing is active before its opening, after a missed review, past its basis, or after a lapse, end or removal",
    ([l, asOf]) => {
      if (!isListingActive(l, asOf)) return;
      const known = l.history.filter((e) => e.on <= asOf);
      expect(known.length).toBeGreaterThan(0);
      expect(asOf <= l.basisEndsOn).toBe(true);
      const schedule = known.filter((e) => e.kind === "opened" || e.kind === "reviewed").at(-1);
      expect(schedule !== undefined && "nextReviewOn" in schedule && asOf <= schedule.nextReviewOn).toBe(true);
      expect(known.some((e) => e.kind === "lapsed" || e.kind === "ended" || e.kind === "removed")).toBe(false);
    },
  );

  test.prop([prefixArb], { numRuns: 300 })(
    "the status on a past date never changes when later events are appended",
    ([before, after, asOf]) => {
      expect(listingStatusAsOf(after, asOf)).toEqual(listingStatusAsOf(before, asOf));
      expect(listingTimeline(after, asOf)).toEqual(listingTimeline(before, asOf));
    },
  );

  test.prop([listingAndDayArb(), dateArb], { numRuns: 300 })(
    "a timeline only grows: a lapse stays in it after an end or a removal",
    ([l, t1], t2) => {
      const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
      const before = listingTimeline(l, early);
      const later = listingTimeline(l, late);
      expect(later.slice(0, before.length)).toEqual(before);
      if (before.some((s) => s.kind === "lapsed")) expect(later.filter((s) => s.kind === "lapsed")).toHaveLength(1);
    },
  );

  test.prop([listingAndDayArb(), dateArb], { numRuns: 300 })(
    "settling appends only what the rules made: no status on any day changes, and settling again adds nothing",
    ([l, asOf], probe) => {
      const settled = settleListing(l, asOf, batch);
      expect(settled.history.slice(0, l.history.length)).toEqual(l.history);
      expect(decode(Listing, settled).ok).toBe(true);
      expect(settleListing(settled, asOf, batch)).toBe(settled);
      for (const day of [asOf, probe]) expect(listingStatusAsOf(settled, day)).toEqual(listingStatusAsOf(l, day));
      const now = listingStatusAsOf(l, asOf);
      // Settlement records on the history's end: a day before its last event adds nothing.
      if (asOf < l.history.at(-1)!.on) expect(settled).toBe(l);
      else if (now.kind === "lapsed" || now.kind === "ended") {
        expect(settled.history.some((e) => e.kind === now.kind && e.on === now.since)).toBe(true);
      }
      if (listingTimeline(l, asOf).some((s) => s.kind === "lapsed") && now.kind === "ended") {
        expect(settled.history.filter((e) => e.kind === "lapsed")).toHaveLength(1);
      }
    },
  );

  test.prop([listingAndDayArb(), fc.integer({ min: -3, max: 200 })], { numRuns: 300 })(
    "a review is accepted exactly when the listing is active that day, after its last event, with a next review within the interval",
    ([l, reviewedOn], ahead) => {
      const nextReviewOn = D(dayText(dayNo(reviewedOn) + ahead));
      const r = reviewListing(l, { reviewedOn, actor: wang, nextReviewOn });
      const months = l.category === 6 ? 6 : 3;
      const active = oracleStatus(l, reviewedOn).kind === "active";
      const inOrder = reviewedOn >= l.history.at(-1)!.on;
      const inRange = ahead > 0 && nextReviewOn <= monthsLater(reviewedOn, months);
      expect(r.ok).toBe(active && inOrder && inRange);
      if (r.ok) {
        expect(decode(Listing, r.value).ok).toBe(true);
        expect(listingStatusAsOf(r.value, reviewedOn)).toMatchObject({ kind: "active", nextReviewOn });
      } else if (inOrder && !active) {
        expect(r.error).toMatchObject({ _tag: "ListingChangeNotAllowed", path: ["reviewedOn"] });
      }
    },
  );

  test.prop([listingAndDayArb(), fc.boolean()], { numRuns: 200 })(
    "ending or removing keeps every earlier day's status and holds from its own day",
    ([l, on], remove) => {
      const closure = { on, actor: wang, reason: "已迁出本镇" };
      const r = remove ? removeListing(l, closure) : endListing(l, closure);
      const before = oracleStatus(l, on).kind;
      expect(r.ok).toBe(on >= l.history.at(-1)!.on && (before === "active" || before === "lapsed"));
      if (!r.ok) return;
      expect(decode(Listing, r.value).ok).toBe(true);
      expect(listingStatusAsOf(r.value, on)).toMatchObject({ kind: remove ? "removed" : "ended", since: on });
      for (const day of [dayText(dayNo(on) - 1), dayText(dayNo(on) - 30), l.history[0]!.on].filter((d) => d < on)) {
        expect(listingStatusAsOf(r.value, D(day))).toEqual(listingStatusAsOf(l, D(day)));
      }
      expect(listingTimeline(r.value, on).slice(0, -1)).toEqual(listingTimeline(l, on));
    },
  );

  test.prop(
    [dateArb, fc.integer({ min: 0, max: 2000 }), fc.boolean(), fc.integer({ min: 12, max: 120 }), fc.integer({ min: 0, max: 400 }), attemptsArb, fc.integer({ min: -3, max: 3 })],
    { numRuns: 150 },
  )(
    "category 2 is never active past its period, however it is reviewed",
    (from, length, released, months, startAfter, attempts, probe) => {
      const criteria = supportCriteria({ resettlementPeriod: { months } });
      const correction = released
        ? ({ kind: "released", releasedOn: from, recordedBy: "司法所赵强", recordedOn: from } as const)
        : ({ kind: "community-correction", startsOn: from, endsOn: D(dayText(dayNo(from) + length)), recordedBy: "司法所赵强", recordedOn: from } as const);
      // Computed independently: the corresponding day `months` later, or the last day of correction.
      const periodEnd = released ? monthsLater(from, months) : dayText(dayNo(from) + length);
      const startedOn = D(dayText(dayNo(from) + startAfter));
      const finding = evaluateEligibility({ person: person.id, correction }, startedOn, criteria).qualifying[0];
      expect(finding === undefined).toBe(startedOn > periodEnd);
      if (!finding) return;
      let l = draftListing(person, finding, startedOn, { id: "l-2" as Listing["id"], responsibleUnit: "u-sfs" as Listing["responsibleUnit"], responsiblePerson: "赵强", actor: wang }, criteria);
      let day = startedOn;
      for (const a of attempts) {
        day = D(dayText(dayNo(day) + a.after));
        const r = reviewListing(l, { reviewedOn: day, actor: wang, nextReviewOn: D(dayText(dayNo(day) + a.next)) }, criteria);
        if (r.ok) l = r.value;
      }
      expect(decode(Listing, l).ok).toBe(true);
      const asOf = D(dayText(dayNo(periodEnd) + probe));
      if (asOf > periodEnd) expect(isListingActive(l, asOf)).toBe(false);
      expect(l.basisEndsOn <= periodEnd).toBe(true);
    },
  );

  test.prop([fc.array(listingArb(), { maxLength: 8 }), dateArb], { numRuns: 100 })(
    "functions reading listings never treat a lapsed, ended or removed listing as active",
    (ls, asOf) => {
      for (const l of activeListings(ls, asOf)) expect(oracleStatus(l, asOf).kind).toBe("active");
      expect(activeListings(ls, asOf)).toHaveLength(ls.filter((l) => oracleStatus(l, asOf).kind === "active").length);
      for (const t of tasksDue(ls, asOf, { horizonDays: 60 })) {
        expect(ls.some((l) => l.id === t.listing && oracleStatus(l, asOf).kind === "active")).toBe(true);
      }
    },
  );

  it("the default criteria review every three months, migrant residents every six", () => {
    expect(zixiSupportCriteria.categories.map((c) => c.reviewEvery)).toEqual([
      { months: 3 }, { months: 3 }, { months: 3 }, { months: 3 }, { months: 3 }, { months: 6 },
    ]);
  });
});
