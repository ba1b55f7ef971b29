import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  countyOf,
  CountyCode,
  decode,
  Dispute,
  DivisionCode,
  Listing,
  listingStatusAsOf,
  listingTimeline,
  divisionLevel,
  encode,
  identityNumberFacts,
  isWithinDivision,
  LocalDate,
  Person,
  townshipKind,
  Unit,
  UnitKinds,
  villageKind,
} from "../index.js";
import { eraOf, FEMALE_GIVEN, MALE_GIVEN } from "./chinese-names.js";
import { sampleTown, type SampleTown, type SampleTownOptions } from "./sample-town.js";

const seedArb = fc.integer();
const dateArb = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2150-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10) as LocalDate);
/**
 * Small towns, for the properties, which check every record of each: up to 40
 * villages, 60 residents and 60 disputes. Residents and disputes are always
 * stated (their defaults, 400 and 200, are checked on the default town below);
 * villages, the start and the length of the period are sometimes left to their
 * defaults.
 */
const smallOptionsArb: fc.Arbitrary<SampleTownOptions> = fc.record(
  {
    villages: fc.integer({ min: 1, max: 40 }),
    persons: fc.integer({ min: 1, max: 60 }),
    disputes: fc.integer({ min: 0, max: 60 }),
    from: dateArb,
    months: fc.integer({ min: 1, max: 36 }),
    listings: fc.integer({ min: 0, max: 20 }),
  },
  { requiredKeys: ["persons", "disputes"] },
);

/** The fixed, stated sample: the town of seed 2025 with the default options (12 villages, 400 residents, 200 disputes). */
const DEFAULT_TOWN_SEED = 2025;

/** Encodes a record to JSON text and decodes it back, as a store or an API would. */
const roundTrip = <A, I>(schema: Parameters<typeof decode<A, I>>[0], value: A): A => {
  const json = encode(schema, value);
  if (!json.ok) throw new Error(`encode failed: ${json.error.message}`);
  const back = decode(schema, JSON.parse(JSON.stringify(json.value)));
  if (!back.ok) throw new Error(`decode failed: ${back.error.message}\n${JSON.stringify(json.value)}`);
  return back.value;
};

const addMonthsMinusOneDay = (from: string, months: number): string => {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const index = m - 1 + months;
  const y2 = y + Math.floor(index / 12);
  const m2 = (index % 12) + 1;
  const lastOfMonth = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  const end = Date.UTC(y2, m2 - 1, Math.min(d, lastOfMonth)) - 86_400_000;
  return new Date(end).toISOString().slice(0, 10);
};

/** The records of a town that do not decode, or do not come back the same from JSON. */
const recordProblems = (town: SampleTown): ReadonlyArray<string> => {
  const problems: Array<string> = [];
  const check = (what: string, ok: boolean) => {
    if (!ok) problems.push(what);
  };
  check("county", decode(CountyCode, town.county).ok);
  check("township", decode(DivisionCode, town.township.code).ok);
  check("period.from", decode(LocalDate, town.period.from).ok);
  check("period.to", decode(LocalDate, town.period.to).ok);
  for (const v of town.villages) check(`village ${v.code}`, decode(DivisionCode, v.code).ok);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const u of town.units) check(`unit ${u.id}`, same(roundTrip(Unit, u), u));
  for (const p of town.persons) check(`person ${p.id}`, same(roundTrip(Person, p), p));
  for (const d of town.disputes) check(`dispute ${d.id}`, same(roundTrip(Dispute, d), d));
  for (const l of town.listings) check(`listing ${l.id}`, same(roundTrip(Listing, l), l));
  return problems;
};

/**
 * How the residents' identity numbers disagree with the town: each number's
 * region is the county, its birth date a real day from 1940 to 2006, its
 * sequence not 000, and the given name drawn for the number's sex and the birth
 * era; every name has two or three characters.
 */
const identityProblems = (town: SampleTown): ReadonlyArray<string> => {
  const given = (sex: "male" | "female", year: number) => (sex === "male" ? MALE_GIVEN : FEMALE_GIVEN)[eraOf(year)]!;
  const problems: Array<string> = [];
  for (const p of town.persons) {
    if (p.name.length !== 2 && p.name.length !== 3) problems.push(`${p.id}: name length`);
    if (!p.identityNumber) continue;
    const read = identityNumberFacts(p.identityNumber);
    if (!read.ok) {
      problems.push(`${p.id}: unreadable identity number`);
      continue;
    }
    const facts = read.value;
    const year = Number(facts.birthDate.slice(0, 4));
    // A citizen's number names the county; a foreigner's (about 1 in 100) the province, and one of the nationalities the town draws.
    if (facts.kind === "citizen" ? facts.region !== town.county : facts.province !== town.county.slice(0, 2) || !["104", "418", "704"].includes(facts.nationality))
      problems.push(`${p.id}: region`);
    if (!decode(LocalDate, facts.birthDate).ok || year < 1940 || year > 2006) problems.push(`${p.id}: birth date`);
    if (p.identityNumber.slice(14, 17) === "000") problems.push(`${p.id}: sequence 000`);
    // The given name was drawn for this sex and era: the identity number's sex digit matches it.
    if (![...p.name.slice(1)].every((ch) => given(facts.sex, year).includes(ch))) problems.push(`${p.id}: given name for sex and era`);
  }
  return problems;
};

describe("sampleTown", () => {
  test("the default town: every record decodes and round-trips", () => {
    const town = sampleTown(DEFAULT_TOWN_SEED);
    expect([town.villages.length, town.persons.length, town.disputes.length]).toEqual([12, 400, 200]);
    expect(town.period).toEqual({ from: "2024-11-01", to: "2025-05-31" });
    expect(recordProblems(town)).toEqual([]);
  });

  test.prop([seedArb, smallOptionsArb], { numRuns: 25 })("in small towns, every record decodes and round-trips", (seed, options) => {
    expect(recordProblems(sampleTown(seed, options))).toEqual([]);
  });

  test("the default town: identity numbers agree with the county, the birth years and the names", () => {
    expect(identityProblems(sampleTown(DEFAULT_TOWN_SEED))).toEqual([]);
  });

  test.prop([seedArb, fc.integer({ min: 1, max: 120 })], { numRuns: 20 })(
    "in small towns, identity numbers agree with the county, the birth years and the names",
    (seed, persons) => {
      expect(identityProblems(sampleTown(seed, { persons, disputes: 0 }))).toEqual([]);
    },
  );

  test.prop([seedArb, smallOptionsArb], { numRuns: 20 })("is deterministic", (seed, options) => {
    expect(sampleTown(seed, options)).toStrictEqual(sampleTown(seed, { ...options }));
  });

  test.prop([seedArb, seedArb], { numRuns: 20 })("different seeds give different towns", (a, b) => {
    fc.pre(a !== b);
    const townA = sampleTown(a, { persons: 60, disputes: 30 });
    const townB = sampleTown(b, { persons: 60, disputes: 30 });
    expect(townA).not.toEqual(townB);
    expect(townA.persons.map((p) => p.identityNumber)).not.toEqual(townB.persons.map((p) => p.identityNumber));
  });

  test.prop([fc.integer({ min: 0, max: 2 ** 20 })], { numRuns: 10 })(
    "seeds beyond 32 bits give their own towns",
    (low) => {
      const high = low + 2 ** 32;
      expect(sampleTown(low, { persons: 30, disputes: 10 })).not.toEqual(sampleTown(high, { persons: 30, disputes: 10 }));
    },
  );

  test.prop([seedArb, smallOptionsArb], { numRuns: 30 })("counts, ids and references are consistent", (seed, options) => {
    const town = sampleTown(seed, options);
    expect(town.seed).toBe(seed);
    expect(town.villages).toHaveLength(options.villages ?? 12);
    expect(town.persons).toHaveLength(options.persons ?? 400);
    expect(town.disputes).toHaveLength(options.disputes ?? 200);
    expect(town.listings).toHaveLength(options.listings ?? Math.ceil((options.persons ?? 400) / 16));

    const unique = (values: ReadonlyArray<unknown>) => new Set(values).size === values.length;
    expect(unique(town.villages.map((v) => v.code))).toBe(true);
    expect(unique(town.villages.map((v) => v.name))).toBe(true);
    expect(unique(town.units.map((u) => u.id))).toBe(true);
    expect(unique(town.persons.map((p) => p.id))).toBe(true);
    expect(unique(town.disputes.map((d) => d.id))).toBe(true);
    expect(unique(town.persons.flatMap((p) => (p.identityNumber ? [p.identityNumber] : [])))).toBe(true);
    expect(unique(town.persons.flatMap((p) => (p.contact?.phone ? [p.contact.phone] : [])))).toBe(true);

    const personIds = new Set<string>(town.persons.map((p) => p.id));
    const villageCodes = new Set<string>(town.villages.map((v) => v.code));
    for (const p of town.persons) expect(villageCodes.has(p.jurisdiction)).toBe(true);
    for (const d of town.disputes) {
      expect(villageCodes.has(d.jurisdiction)).toBe(true);
      const named = d.parties.flatMap((p) => (p.kind === "person" ? [p.person] : []));
      expect(named.length).toBeGreaterThanOrEqual(1);
      expect(unique(named)).toBe(true);
      for (const id of named) expect(personIds.has(id)).toBe(true);
      expect(d.facts.peopleInvolved).toBeGreaterThanOrEqual(named.length);
    }
  });

  test.prop([seedArb, smallOptionsArb], { numRuns: 30 })("divisions and units are well formed", (seed, options) => {
    const town = sampleTown(seed, options);
    expect(divisionLevel(town.township.code)).toBe("township");
    expect(townshipKind(town.township.code)).toBe("town");
    expect(town.township.name.endsWith("镇")).toBe(true);
    expect(countyOf(town.township.code)).toBe(town.county);
    town.villages.forEach((v, i) => {
      expect(divisionLevel(v.code)).toBe("village");
      expect(isWithinDivision(v.code, town.township.code)).toBe(true);
      expect(villageKind(v.code)).toBe(v.kind);
      expect(v.name.endsWith(v.kind === "village" ? "村" : "社区")).toBe(true);
      if (i > 0) expect(v.code > town.villages[i - 1]!.code).toBe(true);
    });

    const byKind = new Map<string, Array<Unit>>();
    for (const u of town.units) byKind.set(u.kind, [...(byKind.get(u.kind) ?? []), u]);
    for (const kind of UnitKinds.codes) {
      const units = byKind.get(kind) ?? [];
      if (kind === "village-committee" || kind === "community-committee") {
        const want = town.villages.filter((v) => (v.kind === "village") === (kind === "village-committee"));
        expect(units.map((u) => u.jurisdiction).sort()).toEqual(want.map((v) => v.code).sort());
      } else if (kind === "county-political-legal-committee" || kind === "higher-department") {
        // Zixi is a town of a county-level city: its 市委政法委 is the county-level committee.
        expect(units).toEqual([]);
      } else if (kind === "city-political-legal-committee") {
        expect(units).toHaveLength(1);
        expect(divisionLevel(units[0]!.jurisdiction)).toBe("county");
        expect(countyOf(units[0]!.jurisdiction)).toBe(town.county);
      } else {
        expect(units).toHaveLength(1);
        expect(units[0]!.jurisdiction).toBe(town.township.code);
      }
    }
  });

  test.prop([seedArb, smallOptionsArb], { numRuns: 30 })("dates lie in the period, in ledger order", (seed, options) => {
    const town = sampleTown(seed, options);
    const from = options.from ?? "2024-11-01";
    expect(town.period.from).toBe(from);
    expect(town.period.to).toBe(addMonthsMinusOneDay(from, options.months ?? 7));
    town.disputes.forEach((d, i) => {
      expect(d.reportedOn >= town.period.from && d.reportedOn <= town.period.to).toBe(true);
      if (i > 0) expect(d.reportedOn >= town.disputes[i - 1]!.reportedOn).toBe(true);
    });
  });

  test.prop([seedArb], { numRuns: 5 })(
    "listings have histories with reviews, lapses, removals and ends, settled by the period's last day",
    (seed) => {
      // 200 listings: the chance that one of the kinds below is missing by chance is below one in a million.
      const town = sampleTown(seed, { persons: 800, disputes: 0, listings: 200, from: "2024-05-01" as LocalDate, months: 14 });
      expect(town.listings).toHaveLength(200);
      const kinds = town.listings.flatMap((l) => l.history.map((e) => e.kind));
      for (const kind of ["opened", "reviewed", "lapsed", "removed", "ended"] as const) expect(kinds).toContain(kind);
      const byId = new Map(town.persons.map((p) => [p.id as string, p]));
      const units = new Set(town.units.map((u) => u.id as string));
      for (const l of town.listings) {
        expect(byId.get(l.person)?.jurisdiction).toBe(l.jurisdiction);
        expect(units.has(l.responsibleUnit)).toBe(true);
        for (const e of l.history) expect(units.has(e.actor.unit)).toBe(true);
        // Settled on the last day: what the rules made by then is recorded, not only derived.
        const now = listingStatusAsOf(l, town.period.to);
        if (now.kind !== "active" && now.kind !== "upcoming") expect(l.history.some((e) => e.kind === now.kind && e.on === now.since)).toBe(true);
        const lapses = listingTimeline(l, town.period.to).filter((s) => s.kind === "lapsed");
        expect(l.history.filter((e) => e.kind === "lapsed")).toHaveLength(lapses.length);
      }
    },
  );

  test.each([1, 2, 3])("a few residents hold a foreigner's permanent-residence number (seed %i)", (seed) => {
    const numbers = sampleTown(seed, { persons: 5000, disputes: 0 }).persons.flatMap((p) => (p.identityNumber ? [p.identityNumber] : []));
    const foreign = numbers.filter((n) => n.startsWith("9"));
    // About 1 in 100: 40 expected of 4,000, bounds more than 4 standard deviations away.
    expect(foreign.length).toBeGreaterThanOrEqual(12);
    expect(foreign.length).toBeLessThanOrEqual(80);
    for (const n of foreign) expect(decode(Person, { id: "p", name: "某", jurisdiction: "532301104201", identityNumber: n }).ok).toBe(true);
  });

  test.prop([seedArb, smallOptionsArb], { numRuns: 30 })("facts follow the domain rules", (seed, options) => {
    const town = sampleTown(seed, options);
    const organisationDomains = new Set(["economic-financial", "unpaid-debts-wages", "land-requisition", "medical", "forest-land"]);
    for (const d of town.disputes) {
      if (d.facts.unpaidMajorProjectLandCompensation) expect(d.domain).toBe("land-requisition");
      if (d.facts.threatOfViolence || d.facts.selfHarmRisk) expect(d.facts.emotionalIntensity).toBeGreaterThanOrEqual(2);
      if (d.parties.some((p) => p.kind === "organisation")) expect(organisationDomains.has(d.domain)).toBe(true);
      if (d.petition) expect(d.petition.count).toBeGreaterThanOrEqual(1);
      if (d.domain === "petition") expect(d.petition).toBeDefined();
    }
  });

  // 5,000 disputes over 500 residents: over 400 seeds, every bound below lies at
  // least 7 standard deviations from its mean, so a realistic town never fails it.
  test.prop([seedArb], { numRuns: 3 })("distributions are realistic over a large ledger", (seed) => {
    const town = sampleTown(seed, { persons: 500, disputes: 5_000 });
    const n = town.disputes.length;
    const share = (f: (d: Dispute) => boolean) => town.disputes.filter(f).length / n;
    const domain = (name: Dispute["domain"]) => share((d) => d.domain === name);
    expect(domain("neighbourhood") + domain("marriage-family")).toBeGreaterThan(0.4);
    expect(domain("neighbourhood")).toBeGreaterThan(domain("land-requisition") * 4);
    expect(domain("petition")).toBeLessThan(0.05);
    expect(domain("land-requisition")).toBeLessThan(0.06);
    expect(share((d) => d.facts.emotionalIntensity <= 1)).toBeGreaterThan(0.7);
    expect(share((d) => d.facts.threatOfViolence)).toBeLessThan(0.06);
    expect(share((d) => d.facts.selfHarmRisk)).toBeLessThan(0.03);
    expect(share((d) => d.facts.failedMediations > 0)).toBeGreaterThan(0.1);
    expect(share((d) => d.facts.failedMediations > 0)).toBeLessThan(0.4);
    expect(share((d) => d.facts.amountAtStake >= 1_000_000)).toBeGreaterThan(0);
    expect(share((d) => d.facts.amountAtStake >= 1_000_000)).toBeLessThan(0.05);
    expect(share((d) => d.petition !== undefined)).toBeGreaterThan(0.02);
    expect(share((d) => d.petition !== undefined)).toBeLessThan(0.15);
    expect(share((d) => d.parties.some((p) => p.kind === "organisation"))).toBeGreaterThan(0.05);
    // Petitions are neutral metadata: no more threats among disputes with petitions than overall, beyond noise.
    const petitioned = town.disputes.filter((d) => d.petition && d.domain !== "land-requisition");
    const threatsAmongPetitioned = petitioned.filter((d) => d.facts.threatOfViolence).length / Math.max(1, petitioned.length);
    expect(threatsAmongPetitioned).toBeLessThan(0.1);
    // Residents: most have phones, the sweep month is the busiest.
    expect(town.persons.filter((p) => p.contact?.phone).length / town.persons.length).toBeGreaterThan(0.5);
    const inFirstMonth = share((d) => d.reportedOn < "2024-12-01");
    expect(inFirstMonth).toBeGreaterThan(1 / 7);
    // About 80% have an identity number on record.
    const withNumber = town.persons.filter((p) => p.identityNumber).length / town.persons.length;
    expect(withNumber).toBeGreaterThan(0.6);
    expect(withNumber).toBeLessThan(0.95);
  });

  test.prop([seedArb, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 51, max: 120 })], { numRuns: 10 })(
    "more disputes do not change the town or its people",
    (seed, fewer, more) => {
      const small = sampleTown(seed, { disputes: fewer, persons: 80 });
      const large = sampleTown(seed, { disputes: more, persons: 80 });
      expect(large.villages).toEqual(small.villages);
      expect(large.units).toEqual(small.units);
      expect(large.persons).toEqual(small.persons);
      expect(large.listings).toEqual(small.listings);
    },
  );

  test.prop([seedArb], { numRuns: 3 })("the largest town of 399 villages decodes", (seed) => {
    const town = sampleTown(seed, { villages: 399, persons: 20, disputes: 10 });
    expect(town.villages.filter((v) => v.kind === "village").length).toBeLessThanOrEqual(200);
    for (const v of town.villages) expect(decode(DivisionCode, v.code).ok).toBe(true);
    for (const u of town.units) expect(roundTrip(Unit, u)).toEqual(u);
  });

  test.prop(
    [
      fc.oneof(
        fc.record({ villages: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 400 }), fc.double({ noInteger: true })) }),
        fc.record({ persons: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true })) }),
        fc.record({ disputes: fc.oneof(fc.integer({ max: -1 }), fc.constant(Number.NaN)) }),
        fc.record({ months: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1201 })) }),
        fc.record({ from: fc.constantFrom("2025-02-30", "2024-13-01", "20241101", "1899-12-31").map((s) => s as LocalDate) }),
        fc.constant({ persons: 0, disputes: 1 }),
        fc.constant({ persons: 0, disputes: 0, listings: 1 }),
        fc.record({ listings: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 1_000_001 })) }),
      ),
    ],
    { numRuns: 30 },
  )("rejects options out of range", (options) => {
    expect(() => sampleTown(1, options as SampleTownOptions)).toThrow(RangeError);
  });

  test.prop([fc.oneof(fc.double({ noInteger: true }), fc.constant(2 ** 53), fc.constant(Number.NaN))], { numRuns: 10 })(
    "rejects seeds that are not safe integers",
    (seed) => {
      expect(() => sampleTown(seed)).toThrow(RangeError);
    },
  );
});
