import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../model/actor.js";
import type { ListingId, OfficerId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Person } from "../model/person.js";
import { PetitionLevels } from "../taxonomy/petition-levels.js";
import { decode } from "../validation/decode.js";
import { plusDays, plusMonths } from "../calendar/local-dates.js";
import { draftListing, evaluateEligibility } from "./eligibility.js";
import { Listing } from "./listing.js";
import { isListingActive } from "./listing-status.js";
import { dateArb, factsWithoutThreatsArb, listingArb, petitionArb, supportFactsArb } from "./support-arbitraries.js";
import { supportCriteria, zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import { SupportFacts } from "./support-facts.js";
import type { SupportCriteria } from "./support-criteria.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";

const D = (s: string) => s as LocalDate;
const P = "p-1" as PersonId;
const person: Person = { id: P, name: "李秀英", jurisdiction: "532301104201" as Person["jurisdiction"] };
const cats = (facts: SupportFacts, asOf: string) => evaluateEligibility(facts, D(asOf)).qualifying.map((e) => e.category);
/** Who recorded a section of facts, and when. */
const rec = (on: string, by = "司法所赵强") => ({ recordedBy: by, recordedOn: D(on) });
const actor: Actor = { officerId: "zx-0007" as OfficerId, name: "赵强", unit: "u-1" as UnitId, role: "unit-officer", scope: "532301104000" as Actor["scope"] };
const draftInput = { id: "l-1" as ListingId, responsibleUnit: "u-1" as UnitId, responsiblePerson: "赵强", actor };

describe("category 1", () => {
  const mh = { confirmedBy: "health-centre", confirmedOn: D("2025-01-03"), dangerousnessGrade: 3 } as const;

  it("qualifies when the health centre confirmed, from the day of confirmation, with the grade", () => {
    const r = evaluateEligibility({ person: P, mentalHealth: mh }, D("2025-01-03"));
    expect(r.qualifying.map((e) => e.category)).toEqual([1]);
    expect(r.qualifying[0]?.reasons[0]?.zh).toContain("危险性评估 3 级");
    expect(cats({ person: P, mentalHealth: mh }, "2025-01-02")).toEqual([]);
  });

  it("does not qualify on another unit's say-so", () => {
    const r = evaluateEligibility({ person: P, mentalHealth: { ...mh, confirmedBy: "police-station" } }, D("2025-02-01"));
    expect(r.qualifying).toEqual([]);
    expect(r.notQualifying[0]?.reasons[0]?.en).toContain("township health centre");
  });
});

describe("category 2", () => {
  it("runs the resettlement period to the corresponding day five years on, inclusive", () => {
    const facts: SupportFacts = { person: P, correction: { kind: "released", releasedOn: D("2020-03-10"), ...rec("2020-03-10") } };
    expect(cats(facts, "2020-03-10")).toEqual([2]);
    expect(cats(facts, "2025-03-10")).toEqual([2]);
    expect(cats(facts, "2025-03-11")).toEqual([]);
    const r = evaluateEligibility(facts, D("2024-01-01"));
    expect(r.qualifying[0]?.basisEndsOn).toBe("2025-03-10");
  });

  it("ends a period begun on 29 February on 28 February", () => {
    const facts: SupportFacts = { person: P, correction: { kind: "released", releasedOn: D("2020-02-29"), ...rec("2020-02-29") } };
    expect(cats(facts, "2025-02-28")).toEqual([2]);
    expect(cats(facts, "2025-03-01")).toEqual([]);
  });

  it("takes a configured resettlement period", () => {
    const facts: SupportFacts = { person: P, correction: { kind: "released", releasedOn: D("2022-06-30"), ...rec("2022-06-30") } };
    const three = supportCriteria({ resettlementPeriod: { months: 36 } });
    expect(evaluateEligibility(facts, D("2025-06-30"), three).qualifying).toHaveLength(1);
    expect(evaluateEligibility(facts, D("2025-07-01"), three).qualifying).toHaveLength(0);
  });

  it("takes its evidence from the record of the facts, never the justice office or the release date of its own", () => {
    const correction = { kind: "released", releasedOn: D("2022-06-30"), recordedBy: "网格员周丽", recordedOn: D("2022-08-01") } as const;
    const r = evaluateEligibility({ person: P, correction }, D("2023-01-01"));
    expect(r.qualifying[0]?.evidence).toMatchObject({ assessedBy: "网格员周丽", assessedOn: "2022-08-01" });
    // A record made after the evaluation day is not yet known.
    expect(cats({ person: P, correction }, "2022-07-31")).toEqual([]);
    expect(evaluateEligibility({ person: P, correction }, D("2022-07-31")).notQualifying[1]?.reasons[0]?.en).toBe("the record is dated after the evaluation day");
    expect(cats({ person: P, correction }, "2022-08-01")).toEqual([2]);
  });

  it("holds a community-correction period to the day correction ends", () => {
    const facts: SupportFacts = {
      person: P,
      correction: { kind: "community-correction", startsOn: D("2024-05-01"), endsOn: D("2025-04-30"), ...rec("2024-04-20") },
    };
    expect(cats(facts, "2024-04-30")).toEqual([]);
    expect(cats(facts, "2025-04-30")).toEqual([2]);
    expect(cats(facts, "2025-05-01")).toEqual([]);
  });
});

describe("category 3", () => {
  it("needs a named professional's assessment with at least one indicator", () => {
    const crisis = { assessedBy: "陈静", profession: "社工", assessedOn: D("2025-02-01"), indicators: ["life-setback"] as const };
    expect(cats({ person: P, crisis }, "2025-02-01")).toEqual([3]);
    expect(cats({ person: P, crisis: { ...crisis, indicators: [] } }, "2025-02-01")).toEqual([]);
    expect(cats({ person: P, crisis }, "2025-01-31")).toEqual([]);
  });
});

describe("category 4", () => {
  const threat = { kind: "violence", documentedBy: "派出所民警李明", documentedOn: D("2025-03-02"), record: "扬言报复，接警记录 2025-0302-01" } as const;

  it("qualifies on a documented threat, from the day it was documented", () => {
    expect(cats({ person: P, threats: [threat] }, "2025-03-02")).toEqual([4]);
    expect(cats({ person: P, threats: [threat] }, "2025-03-01")).toEqual([]);
  });

  it("never qualifies on petitions, however many and at whatever level", () => {
    for (const level of PetitionLevels.codes) {
      const r = evaluateEligibility({ person: P, petition: { count: 10_000, highestLevel: level } }, D("2025-03-02"));
      expect(r.qualifying).toEqual([]);
      expect(r.notQualifying.find((f) => f.category === 4)?.reasons.map((x) => x.zh).join("")).toContain("依法行使权利");
    }
  });

  it("qualifies on violence against people only, whatever the criteria list", () => {
    const raw = { ...threat, kind: "public-order" } as unknown as typeof threat;
    const loose = structuredClone(zixiSupportCriteria) as unknown as { categories: Array<{ parameters: { qualifyingThreats: Array<string> } }> };
    loose.categories[3]!.parameters.qualifyingThreats.push("public-order", "travel-to-petition");
    const criteria = loose as unknown as SupportCriteria;
    expect(evaluateEligibility({ person: P, threats: [raw] }, D("2025-03-10"), criteria).qualifying).toEqual([]);
    expect(evaluateEligibility({ person: P, threats: [raw, threat] }, D("2025-03-10"), criteria).qualifying[0]?.reasons).toHaveLength(1);
    expect(decode(SupportFacts, { person: "p-1", threats: [{ ...threat, kind: "public-order" }] }).ok).toBe(false);
    const r = evaluateEligibility({ person: P }, D("2025-03-10"));
    expect(r.notQualifying.find((f) => f.category === 4)?.reasons[0]?.en).toBe("no documented threat of violence against people");
  });

  it("carries an unlawful act found, for the referral", () => {
    const unlawfulAct = { foundBy: "police-station", foundOn: D("2025-03-05"), record: "治安案件 2025-11" } as const;
    const r = evaluateEligibility({ person: P, threats: [threat], unlawfulAct }, D("2025-03-10"));
    expect(r.qualifying[0]?.details).toMatchObject({ kind: "threat", unlawfulAct });
  });
});

describe("category 5", () => {
  it("qualifies on any hardship indicator", () => {
    const hardship = { indicators: ["serious-illness", "poverty"] as const, assessedBy: "王芳", assessedOn: D("2025-01-06") };
    const r = evaluateEligibility({ person: P, hardship }, D("2025-01-06"));
    expect(r.qualifying.map((e) => e.category)).toEqual([5]);
    expect(r.qualifying[0]?.reasons[0]?.en).toContain("serious illness, poverty");
    expect(cats({ person: P, hardship: { ...hardship, indicators: [] } }, "2025-01-06")).toEqual([]);
  });
});

describe("category 6", () => {
  const residence = { householdRegisteredElsewhere: true, registration: "unregistered", ...rec("2025-01-06", "网格员周丽") } as const;

  it("qualifies a resident registered elsewhere, not a local", () => {
    expect(cats({ person: P, residence }, "2025-01-06")).toEqual([6]);
    expect(cats({ person: P, residence: { ...residence, householdRegisteredElsewhere: false } }, "2025-01-06")).toEqual([]);
  });

  it("takes its evidence from who recorded the facts and when, not the police station and the evaluation day", () => {
    const r = evaluateEligibility({ person: P, residence }, D("2025-03-01"));
    expect(r.qualifying[0]?.evidence).toEqual({ text: "户籍在外地、在本辖区居住", assessedBy: "网格员周丽", assessedOn: "2025-01-06" });
    expect(r.qualifying[0]?.reasons[0]?.zh).toBe("网格员周丽于 2025-01-06 记录：户籍在外地、在本辖区居住");
    const listing = draftListing(person, r.qualifying[0]!, D("2025-03-01"), draftInput);
    expect(listing.evidence.assessedOn).toBe("2025-01-06");
    expect(JSON.stringify(r)).not.toContain("派出所");
  });

  it("counts a record dated after the evaluation day for nothing", () => {
    expect(cats({ person: P, residence }, "2025-01-05")).toEqual([]);
    expect(evaluateEligibility({ person: P, residence }, D("2025-01-05")).notQualifying[5]?.reasons[0]?.en).toBe("the record is dated after the evaluation day");
  });
});

describe("SupportFacts schema", () => {
  it("decodes facts and rejects a correction period that ends before it starts", () => {
    expect(decode(SupportFacts, { person: "p-1", hardship: { indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" } }).ok).toBe(true);
    const bad = decode(SupportFacts, { person: "p-1", correction: { kind: "community-correction", startsOn: "2025-02-01", endsOn: "2025-01-01" } });
    expect(bad.ok).toBe(false);
  });
});

describe("properties", () => {
  test.prop([factsWithoutThreatsArb, dateArb], { numRuns: 150 })(
    "petition facts alone never qualify anyone for category 4, whatever their count or level",
    (facts, asOf) => {
      expect(evaluateEligibility(facts, asOf).qualifying.map((e) => e.category)).not.toContain(4);
    },
  );

  test.prop([factsWithoutThreatsArb, petitionArb, dateArb], { numRuns: 100 })(
    "petition facts change no finding at all",
    (facts, petition, asOf) => {
      const { petition: _drop, ...without } = facts;
      expect(evaluateEligibility({ ...facts, petition }, asOf)).toEqual(evaluateEligibility(without, asOf));
    },
  );

  test.prop(
    [
      dateArb,
      fc.integer({ min: 0, max: 3000 }),
      fc.integer({ min: 0, max: 4000 }),
      fc.boolean(),
      fc.integer({ min: 12, max: 120 }),
    ],
    { numRuns: 200 },
  )("category 2 is never active past its period", (from, length, later, released, months) => {
    const criteria = supportCriteria({ resettlementPeriod: { months } });
    const correction = released
      ? ({ kind: "released", releasedOn: from, ...rec(from) } as const)
      : ({ kind: "community-correction", startsOn: from, endsOn: plusDays(from, length), ...rec(from) } as const);
    // Computed independently: the corresponding day `months` later, or the last day of correction.
    const periodEnd = released ? plusMonths(from, months) : plusDays(from, length);
    const asOf = plusDays(from, later);
    const r = evaluateEligibility({ person: P, correction }, asOf, criteria);
    expect(r.qualifying.length === 1).toBe(asOf <= periodEnd);
    for (const e of r.qualifying) {
      const listing = draftListing(person, e, asOf, draftInput, criteria);
      expect(listing.basisEndsOn <= periodEnd).toBe(true);
      expect(isListingActive(listing, plusDays(periodEnd, 1))).toBe(false);
      expect(decode(Listing, listing).ok).toBe(true);
    }
  });

  test.prop([supportFactsArb, dateArb], { numRuns: 200 })(
    "evidence is never invented: every finding's evidence is a who-and-when written in the facts, on or before the evaluation day",
    (facts, asOf) => {
      // Every (who, when) the facts state, collected without the evaluator.
      const stated = new Set<string>();
      const add = (by: string, on: string) => stated.add(`${by}|${on}`);
      if (facts.mentalHealth) add(UnitKinds.label(facts.mentalHealth.confirmedBy, "zh"), facts.mentalHealth.confirmedOn);
      if (facts.correction) add(facts.correction.recordedBy, facts.correction.recordedOn);
      if (facts.crisis) add(facts.crisis.assessedBy, facts.crisis.assessedOn);
      for (const t of facts.threats ?? []) add(t.documentedBy, t.documentedOn);
      if (facts.hardship) add(facts.hardship.assessedBy, facts.hardship.assessedOn);
      if (facts.residence) add(facts.residence.recordedBy, facts.residence.recordedOn);
      for (const e of evaluateEligibility(facts, asOf).qualifying) {
        expect(stated.has(`${e.evidence.assessedBy}|${e.evidence.assessedOn}`)).toBe(true);
        expect(e.evidence.assessedOn <= asOf).toBe(true);
      }
    },
  );

  test.prop(
    [
      fc.array(fc.record({ kind: fc.oneof(fc.constant("violence"), fc.constant("public-order"), fc.string({ maxLength: 12 })), day: fc.integer({ min: 0, max: 60 }) }), { maxLength: 4 }),
      fc.array(fc.oneof(fc.constant("violence"), fc.constant("public-order"), fc.string({ maxLength: 12 })), { maxLength: 3 }),
      fc.integer({ min: 0, max: 60 }),
    ],
    { numRuns: 200 },
  )("category 4 holds exactly when violence against people is documented by then and the criteria keep it", (drawn, listed, at) => {
    const start = D("2025-01-01");
    const threats = drawn.map(({ kind, day }) => ({ kind, documentedBy: "李明", documentedOn: plusDays(start, day), record: "记录" }));
    const criteria = structuredClone(zixiSupportCriteria) as unknown as { categories: Array<{ parameters: { qualifyingThreats: Array<string> } }> };
    criteria.categories[3]!.parameters.qualifyingThreats = listed;
    const facts = { person: P, ...(threats.length > 0 ? { threats } : {}) } as unknown as SupportFacts;
    const expected = listed.includes("violence") && drawn.some((t) => t.kind === "violence" && t.day <= at);
    const r = evaluateEligibility(facts, plusDays(start, at), criteria as unknown as SupportCriteria);
    expect(r.qualifying.some((e) => e.category === 4)).toBe(expected);
  });

  test.prop([listingArb()], { numRuns: 100 })("generated listings are valid listings", (l) => {
    expect(decode(Listing, l).ok).toBe(true);
  });

  it("drafts a listing opened by the acting officer, with the first review within the category's interval", () => {
    const hardship = { indicators: ["poverty"] as const, assessedBy: "王芳", assessedOn: D("2025-01-06") };
    const [finding] = evaluateEligibility({ person: P, hardship }, D("2025-01-06")).qualifying;
    const listing = draftListing(person, finding!, D("2025-01-06"), draftInput);
    expect(listing.history).toEqual([{ kind: "opened", on: "2025-01-06", actor, nextReviewOn: "2025-04-06" }]);
    expect(decode(Listing, listing).ok).toBe(true);
    expect(isListingActive(listing, D("2025-04-06"))).toBe(true);
    expect(isListingActive(listing, D("2025-04-07"))).toBe(false);
  });

  it("criteria data are complete", () => {
    expect(zixiSupportCriteria.categories.map((c) => c.category)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of zixiSupportCriteria.categories) {
      expect(c.qualifiesWhen.length).toBeGreaterThan(0);
      expect(c.lawfulBasis.zh.length).toBeGreaterThan(0);
    }
  });
});
