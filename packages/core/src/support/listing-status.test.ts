import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { decode } from "../validation/decode.js";
import { tasksDue } from "./due-tasks.js";
import { Listing } from "./listing.js";
import {
  activeListings,
  isListingActive,
  listingStatusAsOf,
  removeListing,
  reviewListing,
  settleListing,
} from "./listing-status.js";
import { dateArb, listingArb } from "./support-arbitraries.js";

const D = (s: string) => s as LocalDate;

const example = {
  id: "l-0001",
  person: "p-0007",
  jurisdiction: "532301104201",
  category: 5,
  lawfulBasis: "《社会救助暂行办法》",
  evidence: { text: "家庭收入低于当地低保标准", assessedBy: "王芳", assessedOn: "2025-01-06" },
  responsibleUnit: "u-shswb",
  responsiblePerson: "王芳",
  startedOn: "2025-01-06",
  nextReviewOn: "2025-04-06",
  basisEndsOn: "2026-01-06",
  status: { kind: "active" },
  details: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" },
};

const listing = (() => {
  const r = decode(Listing, example);
  if (!r.ok) throw r.error;
  return r.value;
})();

describe("Listing schema", () => {
  it("decodes a well-formed listing", () => {
    expect(decode(Listing, example).ok).toBe(true);
  });

  it("rejects details of another category, with a bilingual message", () => {
    const r = decode(Listing, { ...example, category: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues[0]).toMatchObject({ zh: "列管详情与类别不符", en: "the listing's details do not match its category" });
  });

  it("rejects a review before the start and a missing lawful basis, with paths", () => {
    const r = decode(Listing, { ...example, nextReviewOn: "2024-12-31" });
    expect(r.ok).toBe(false);
    const missing = decode(Listing, { ...example, lawfulBasis: undefined });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.issues.map((i) => i.path)).toContainEqual(["lawfulBasis"]);
  });

  it("requires a reason for removal", () => {
    expect(decode(Listing, { ...example, status: { kind: "removed", since: "2025-02-01" } }).ok).toBe(false);
  });
});

describe("edge days", () => {
  it("is active on the day the review is due and lapsed from the next day", () => {
    expect(listingStatusAsOf(listing, D("2025-04-06"))).toEqual({ kind: "active" });
    expect(listingStatusAsOf(listing, D("2025-04-07"))).toEqual({ kind: "lapsed", since: "2025-04-07" });
  });

  it("is active on the last day of its basis and ended from the next day", () => {
    const l = { ...listing, nextReviewOn: D("2026-01-06") };
    expect(isListingActive(l, D("2026-01-06"))).toBe(true);
    expect(listingStatusAsOf(l, D("2026-01-07"))).toEqual({ kind: "ended", since: "2026-01-07" });
  });

  it("reports ended rather than lapsed when both have passed", () => {
    expect(listingStatusAsOf(listing, D("2026-02-01"))).toEqual({ kind: "ended", since: "2026-01-07" });
  });

  it("is upcoming, not active, before its start", () => {
    expect(listingStatusAsOf(listing, D("2025-01-05"))).toEqual({ kind: "upcoming", startsOn: "2025-01-06" });
    expect(isListingActive(listing, D("2025-01-06"))).toBe(true);
  });

  it("keeps a removal final", () => {
    const removed = removeListing(listing, D("2025-02-01"), "已迁出本镇");
    expect(listingStatusAsOf(removed, D("2025-01-10"))).toMatchObject({ kind: "removed", reason: "已迁出本镇" });
  });
});

describe("reviewListing", () => {
  it("moves the review date when reviewed on the due day", () => {
    const r = reviewListing(listing, { reviewedOn: D("2025-04-06"), nextReviewOn: D("2025-07-06") });
    expect(r.ok && r.value.nextReviewOn).toBe("2025-07-06");
  });

  it("does not revive a lapsed listing", () => {
    const r = reviewListing(listing, { reviewedOn: D("2025-04-07"), nextReviewOn: D("2025-07-07") });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues[0]?.path).toEqual(["reviewedOn"]);
  });

  it("rejects a next review on or before the review", () => {
    expect(reviewListing(listing, { reviewedOn: D("2025-03-01"), nextReviewOn: D("2025-03-01") }).ok).toBe(false);
  });
});

describe("properties", () => {
  test.prop([listingArb(), dateArb], { numRuns: 200 })(
    "no listing is active past its basis end, after a missed review, before its start, or when not stored active",
    (l, asOf) => {
      if (isListingActive(l, asOf)) {
        expect(asOf <= l.basisEndsOn).toBe(true);
        expect(asOf <= l.nextReviewOn).toBe(true);
        expect(asOf >= l.startedOn).toBe(true);
        expect(l.status.kind).toBe("active");
      }
      if (asOf > l.basisEndsOn || asOf > l.nextReviewOn) expect(isListingActive(l, asOf)).toBe(false);
    },
  );

  test.prop([fc.array(listingArb(), { maxLength: 8 }), dateArb], { numRuns: 100 })(
    "functions reading listings never treat a lapsed or ended listing as active",
    (ls, asOf) => {
      for (const l of activeListings(ls, asOf)) expect(listingStatusAsOf(l, asOf).kind).toBe("active");
      const byId = new Map(ls.map((l) => [l.id, l] as const));
      for (const t of tasksDue(ls, asOf, { horizonDays: 60 })) {
        const owners = ls.filter((l) => l.id === t.listing);
        expect(owners.some((l) => isListingActive(l, asOf))).toBe(true);
        expect(byId.has(t.listing)).toBe(true);
      }
    },
  );

  test.prop([listingArb(), dateArb], { numRuns: 200 })("settling stores what the listing is, and only that", (l, asOf) => {
    const settled = settleListing(l, asOf);
    expect(listingStatusAsOf(settled, asOf)).toEqual(listingStatusAsOf(l, asOf));
    expect(settleListing(settled, asOf)).toBe(settled);
  });
});
