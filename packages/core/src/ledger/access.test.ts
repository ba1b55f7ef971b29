import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect } from "vitest";
import { canRead, canWrite, fieldRuleOf } from "../access/access-decisions.js";
import type { ActorContext } from "../access/actor-context.js";
import { redact } from "../access/redact.js";
import { plusDays } from "../calendar/local-dates.js";
import type { Actor } from "../model/actor.js";
import { type DivisionCode, isWithinDivision } from "../model/division-code.js";
import type { ListingId, OfficerId } from "../model/ids.js";
import type { Person } from "../model/person.js";
import type { Unit } from "../model/unit.js";
import { zixiSupportMeasures } from "../presets/zixi/support-measures.js";
import { helpFirst, tasksDue as tasksDueCore } from "../support/due-tasks.js";
import { ActorRoles, type ActorRole } from "../taxonomy/actor-roles.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import type { NaiveState } from "./naive-store-fixture.js";
import {
  foreignUnits,
  must,
  openListingFor,
  openerOf,
  qualifyingFacts,
  registerPersons,
  registerTown,
  serviceFixture,
  storedListing,
} from "./service-fixture.js";

// One town A with persons, disputes and a listing of every category (two of
// some), the units of another town B in the register (actors of another
// township), and actors drawn over every role, unit and scope.

const foreign = foreignUnits(902);
const fx = serviceFixture(901, { villages: 3, persons: 10, disputes: 6 }, { units: foreign.units });
const listingIds: Array<ListingId> = [];
/** The listings as stored, opened once (the tests below never change them). */
const stored = new Map<string, ReturnType<typeof storedListing>>();
const storedOf = (id: string) => stored.get(id)!;
const CATEGORIES: ReadonlyArray<SupportCategory> = [1, 2, 3, 4, 5, 6, 1, 5];

beforeAll(async () => {
  expect(foreign.township).not.toBe(fx.town.township.code);
  await registerTown(fx);
  for (const [i, c] of CATEGORIES.entries()) {
    const id = `l-acc-${i}`;
    await openListingFor(fx, fx.town.persons[i]!.id, c, id);
    listingIds.push(id as ListingId);
  }
  for (const id of listingIds) stored.set(id, storedListing(fx, id));
});

const allUnits: ReadonlyArray<Unit> = fx.options.units;
const unitKindOf = (unit: string): UnitKind => allUnits.find((u) => u.id === unit)!.kind;
const ctxOf = (actor: Actor): ActorContext => ({ actor, unitKind: unitKindOf(actor.unit) });
const places: ReadonlyArray<DivisionCode> = [
  fx.town.township.code,
  ...fx.town.villages.map((v) => v.code),
  foreign.township,
  ...foreign.villages,
  ...new Set(allUnits.map((u) => u.jurisdiction)),
];

const naturalRoles = (kind: UnitKind): ReadonlyArray<ActorRole> => {
  switch (kind) {
    case "village-committee":
    case "community-committee":
      return ["village-committee", "grid-worker"];
    case "peace-rule-of-law-office":
      return ["coordinator"];
    case "township-leadership":
      return ["township-leadership"];
    case "governance-centre":
      return ["auditor", "unit-officer"];
    default:
      return ["unit-officer"];
  }
};

/** An actor of any unit of the register, mostly in the role its unit has, with a scope of the unit's division or a village in it. */
const actorArb: fc.Arbitrary<Actor> = fc
  .record({
    unit: fc.constantFrom(...allUnits),
    natural: fc.boolean(),
    anyRole: fc.constantFrom(...ActorRoles.codes),
    pick: fc.nat(),
    n: fc.nat({ max: 999 }),
  })
  .map(({ unit, natural, anyRole, pick, n }) => {
    const roles = naturalRoles(unit.kind);
    const role = natural ? roles[pick % roles.length]! : anyRole;
    const scopes = [...new Set(places.filter((p) => isWithinDivision(p, unit.jurisdiction)))];
    return { officerId: `gen-${n}` as OfficerId, name: "生成", unit: unit.id, role, scope: scopes[pick % scopes.length]! };
  });

/** The township's own officers in their roles, at the township or at a village: the actors whose writes the policy decides by field. */
const townActorArb: fc.Arbitrary<Actor> = fc
  .record({
    who: fc.constantFrom("coordinator", "leadership", "social", "health", "justice", "police", "economic", "auditor", "village", "grid"),
    village: fc.constantFrom(...fx.town.villages.map((v) => v.code)),
    narrow: fc.boolean(),
  })
  .map(({ who, village, narrow }) => {
    if (who === "village" || who === "grid") return fx.actors[who](village);
    const a = fx.actors[who];
    return narrow ? fx.actors.inVillage(a, village) : a;
  });
const writerArb = fc.oneof(actorArb, townActorArb, townActorArb);

const newEvents = (before: NaiveState, after: NaiveState) =>
  Object.entries(after.audit).flatMap(([chain, events]) => events.slice(before.audit[chain]?.length ?? 0));

/** The dotted leaf paths of a value (arrays add no segment), as the audit names fields. */
const leaves = (value: unknown, path: string): ReadonlyArray<string> => {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => leaves(v, path)))];
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [path];
};
/** The non-public fields among these, as an audit event names them: a listing's details as a whole (the names below say why). */
const nonPublic = (paths: ReadonlyArray<string>) =>
  [...new Set(paths.filter((p) => fieldRuleOf(p)?.class !== "public").map((p) => (p.startsWith("listing.details.") ? "listing.details" : p)))].sort();

const personOf = (id: string): Person => fx.town.persons.find((p) => p.id === id)!;
const inScope = (actor: Actor, place: DivisionCode) => isWithinDivision(place, actor.scope);
const purposeArb = fc.constantFrom("帮扶走访", "listing review", "定期复核");

describe("reads are redacted as the core redacts them, and audited", () => {
  // Each run reads up to 3 persons and 2 listings: at most 60 × 5 reads over a small town.
  test.prop(
    [writerArb, fc.subarray([...Array(10).keys()], { maxLength: 3 }), fc.subarray([...CATEGORIES.keys()], { maxLength: 2 }), purposeArb],
    { numRuns: 20 },
  )("persons and listings come back exactly as redact gives them for the actor", async (actor, personIndexes, listingIndexes, purpose) => {
    const ctx = ctxOf(actor);
    for (const i of personIndexes) {
      const person = fx.town.persons[i]!;
      const before = fx.store.state();
      const r = await fx.ledger.getPerson(actor, person.id, { purpose });
      const after = fx.store.state();
      const events = newEvents(before, after);
      if (!inScope(actor, person.jurisdiction)) {
        expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope", id: person.id } });
        expect(events).toEqual([expect.objectContaining({ outcome: "refused", action: "get-person" })]);
        continue;
      }
      const view = must(r);
      const expected = redact({ person }, ctx)?.person;
      expect(view.person).toEqual(expected);
      const shown = nonPublic(leaves(expected ?? {}, "person"));
      if (shown.length === 0) expect(events).toEqual([]);
      else expect(events).toEqual([expect.objectContaining({ action: "read-person", entity: { kind: "person", id: person.id }, purpose, outcome: "done" })]);
      if (shown.length > 0) expect([...events[0]!.fields].sort()).toEqual(shown);
      expect(after.collections).toEqual(before.collections);
    }
    for (const i of listingIndexes) {
      const id = listingIds[i]!;
      const listing = storedOf(id);
      const before = fx.store.state();
      const r = await fx.ledger.getListing(actor, id, { purpose });
      const events = newEvents(before, fx.store.state());
      if (!inScope(actor, listing.jurisdiction)) {
        expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope" } });
        continue;
      }
      const view = must(r);
      const expected = redact({ person: personOf(listing.person), listing }, ctx) ?? {};
      expect(view.record).toEqual(expected);
      const shown = nonPublic([...leaves(expected.person ?? {}, "person"), ...leaves(expected.listing ?? {}, "listing")]);
      if (shown.length === 0) expect(events).toEqual([]);
      else {
        expect(events).toEqual([expect.objectContaining({ action: "read-listing", entity: { kind: "listing", id }, purpose })]);
        expect([...events[0]!.fields].sort()).toEqual(shown);
      }
    }
  });

  test("who sees what of a category-1 listing: the health centre all, the police the grade alone, the village committee who and which unit, not why", async () => {
    const id = listingIds[0]!;
    const listing = storedOf(id);
    const village = listing.jurisdiction;
    const read = async (actor: Actor) => must(await fx.ledger.getListing(actor, id, { purpose: "定期复核" })).record;
    const health = await read(fx.actors.health);
    expect(health.listing?.category).toBe(1);
    expect(health.listing?.details).toEqual(listing.details);
    const police = await read(fx.actors.police);
    expect(police.listing?.category).toBeUndefined();
    expect(police.listing?.details).toEqual({ dangerousnessGrade: 2 });
    const committee = await read(fx.actors.village(village));
    expect(committee.listing).not.toHaveProperty("category");
    expect(committee.listing).not.toHaveProperty("details");
    expect(committee.listing).not.toHaveProperty("evidence");
    expect(committee.listing).not.toHaveProperty("lawfulBasis");
    expect(committee.listing?.responsibleUnit).toBe("u-wsy");
    expect(committee.person?.name).toBe(personOf(listing.person).name);
    const coordinator = await read(fx.actors.coordinator);
    expect(coordinator.person?.identityNumber).not.toBe(personOf(listing.person).identityNumber);
  });
});

describe("list queries keep to the actor's scope", () => {
  const readers: ReadonlyArray<ActorRole> = ["coordinator", "township-leadership", "unit-officer", "village-committee", "grid-worker"];
  test.prop([actorArb, fc.integer({ min: 1, max: 4 })], { numRuns: 12 })("disputes and listings: exactly those within the scope, page by page", async (actor, limit) => {
    const disputes = await fx.ledger.listDisputes(actor, { limit });
    if (!readers.includes(actor.role)) {
      expect(disputes).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role" } });
    } else {
      const ids: Array<string> = [];
      let page = must(disputes);
      for (;;) {
        ids.push(...page.items.map((d) => d.id));
        if (page.cursor === undefined) break;
        page = must(await fx.ledger.listDisputes(actor, { limit, cursor: page.cursor }));
      }
      expect(ids).toEqual(fx.town.disputes.filter((d) => inScope(actor, d.jurisdiction)).map((d) => d.id).sort());
    }
    const listings = must(await fx.ledger.listListings(actor, { purpose: "月度走访" }));
    const expected = listingIds.map(storedOf).filter((l) => inScope(actor, l.jurisdiction));
    expect(listings.items.map((v) => v.id)).toEqual(expected.map((l) => l.id).sort());
    for (const v of listings.items) {
      const l = expected.find((x) => x.id === v.id)!;
      expect(v.record).toEqual(redact({ person: personOf(l.person), listing: l }, ctxOf(actor)) ?? {});
    }
    // A division outside the scope is refused, not filtered to nothing.
    const outside = places.find((p) => !isWithinDivision(p, actor.scope) && !isWithinDivision(actor.scope, p));
    if (outside !== undefined && readers.includes(actor.role)) {
      expect(await fx.ledger.listDisputes(actor, { within: outside })).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope" } });
    }
  });
});

describe("writes the policy forbids are refused, naming the field", () => {
  let n = 0;
  test.prop([writerArb, fc.constantFrom(...fx.town.villages.map((v) => v.code), ...foreign.villages)], { numRuns: 15 })(
    "registering a person with identity and phone numbers",
    async (actor, village) => {
      const ctx = ctxOf(actor);
      const template = fx.town.persons.find((p) => p.identityNumber !== undefined && p.contact?.phone !== undefined)!;
      const person = { ...template, id: `p-w-${n++}`, jurisdiction: village };
      const before = fx.store.state();
      const r = await fx.ledger.registerPerson(actor, person);
      const events = newEvents(before, fx.store.state());
      const fields = ["person.id", "person.name", "person.identityNumber", "person.jurisdiction", "person.contact.phone"];
      if (!inScope(actor, village)) {
        expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope" } });
      } else if (fields.every((f) => canWrite(ctx, f, { jurisdiction: village }))) {
        expect(must(r).person).toEqual(redact({ person: person as Person }, ctx)?.person);
        expect(events).toEqual([expect.objectContaining({ action: "register-person", outcome: "done" })]);
        return;
      } else {
        expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "field" } });
        const field = (r as unknown as { error: { field: string } }).error.field;
        expect(fields).toContain(field);
        expect(canWrite(ctx, field, { jurisdiction: village })).toBe(false);
        expect(events).toEqual([expect.objectContaining({ outcome: "refused", fields: [field], note: { reason: "field" } })]);
      }
      expect(fx.store.state().collections).toEqual(before.collections);
    },
  );

  /**
   * On a fresh ledger with one person: the actor opens a listing of the category,
   * then reviews, ends and removes listings the lead unit opened. Each is allowed
   * exactly when the actor is in scope and may write every field it writes;
   * otherwise refused, naming a field the actor may not write, and nothing written.
   */
  const checkListingWrites = async (actor: Actor, category: SupportCategory) => {
    const own = serviceFixture(901, {}, { town: fx.town, units: foreign.units });
    const person = own.town.persons[0]!;
    await registerPersons(own, [person]);
    const ctx = ctxOf(actor);
    const subject = { jurisdiction: person.jurisdiction, category };
    let versionA = (await openListingFor(own, person.id, category, "l-a")).version;
    const b = await openListingFor(own, person.id, category, "l-b");
    const attempts = [
      [
        ["listing.id", "listing.category", "listing.lawfulBasis", "listing.evidence", "listing.details", "listing.history", "listing.history.actor"],
        () => own.ledger.openListing(actor, { facts: qualifyingFacts(person.id, category, own.today), category, id: "l-w" as ListingId, responsibleUnit: openerOf(own, category).unit, responsiblePerson: "王芳" }),
      ],
      [["listing.history", "listing.history.actor"], () => own.ledger.reviewListing(actor, { listing: "l-a" as ListingId, version: versionA, nextReviewOn: plusDays(own.today, 30) })],
      [["listing.history", "listing.history.actor", "listing.history.reason"], () => own.ledger.removeListing(actor, { listing: "l-b" as ListingId, version: b.version, reason: "重复登记" })],
      [["listing.history", "listing.history.actor", "listing.history.reason"], () => own.ledger.endListing(actor, { listing: "l-a" as ListingId, version: versionA, reason: "目标已实现" })],
    ] as const;
    for (const [writes, attempt] of attempts) {
      const allowed = inScope(actor, person.jurisdiction) && writes.every((f) => canWrite(ctx, f, subject));
      const before = own.store.state();
      const r = await attempt();
      if (allowed) {
        // A review that succeeded makes the end below stale: read the version again.
        if (r.ok && "version" in r.value && r.value.id === "l-a") versionA = r.value.version;
        expect(r.ok).toBe(true);
        continue;
      }
      expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied" } });
      const error = (r as unknown as { error: { reason: string; field?: string } }).error;
      if (!inScope(actor, person.jurisdiction)) expect(error.reason).toBe("out-of-scope");
      else {
        expect(error.reason).toBe("field");
        expect(canWrite(ctx, error.field!, subject)).toBe(false);
      }
      expect(own.store.state().collections).toEqual(before.collections);
    }
  };

  const townActors = ["coordinator", "leadership", "social", "health", "justice", "police", "economic", "auditor"] as const;
  test.each(townActors.flatMap((who) => ([1, 2, 3, 4, 5, 6] as const).map((c) => [who, c] as const)))(
    "listings: the %s, category %i: open, review, remove and end, each allowed exactly when every field it writes may be written",
    async (who, category) => {
      await checkListingWrites(fx.actors[who], category);
    },
  );

  // Each run is a fresh ledger with one person and two listings (about 10 ms).
  test.prop([actorArb, fc.constantFrom<SupportCategory>(1, 2, 3, 4, 5, 6)], { numRuns: 15 })("listings: the same for any actor and scope", checkListingWrites);
});

describe("a listing's history carries its actor and reason, whose class is the category's", () => {
  test.each([
    ["the police", "police", 1],
    ["the coordinator", "coordinator", 1],
    ["the health centre", "health", 2],
    ["the social affairs office", "social", 2],
  ] as const)("%s (%s) may not end or remove a listing of category %i: the reason would be written in a class it cannot read", async (_who, key, category) => {
    const own = serviceFixture(904);
    const person = own.town.persons[0]!;
    await registerPersons(own, [person]);
    const opened = await openListingFor(own, person.id, category, "l-h");
    const actor = own.actors[key];
    expect(canWrite(ctxOf(actor), "listing.history.reason", { jurisdiction: person.jurisdiction, category })).toBe(false);
    const before = own.store.state();
    for (const r of [
      await own.ledger.endListing(actor, { listing: "l-h" as ListingId, version: opened.version, reason: "转入常规随访管理" }),
      await own.ledger.removeListing(actor, { listing: "l-h" as ListingId, version: opened.version, reason: "已迁出本镇" }),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "field" } });
    }
    expect(own.store.state().collections).toEqual(before.collections);
    // The lead unit of the category ends it.
    must(await own.ledger.endListing(openerOf(own, category).actor, { listing: "l-h" as ListingId, version: opened.version, reason: "目标已实现" }));
  });
});

describe("task lists tell why only to those who may read the category", () => {
  const measureCodes = zixiSupportMeasures.measures.map((m) => m.code);
  const readers: ReadonlyArray<ActorRole> = ["coordinator", "township-leadership", "unit-officer", "village-committee", "grid-worker"];
  test.prop([writerArb, fc.integer({ min: 0, max: 60 })], { numRuns: 15 })("tasks as the core lists them, each shown in full or without its reason", async (actor, days) => {
    const asOf = plusDays(fx.today, days);
    const before = fx.store.state();
    const r = await fx.ledger.tasksDue(actor, { asOf });
    if (!readers.includes(actor.role)) {
      expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role" } });
      return;
    }
    const got = must(r);
    const ctx = ctxOf(actor);
    const listings = listingIds.map(storedOf).filter((l) => inScope(actor, l.jurisdiction));
    const expected = helpFirst(tasksDueCore(listings, asOf, { measures: zixiSupportMeasures }));
    expect(got.support.map((t) => [t.listing, t.dueOn, t.overdue])).toEqual(expected.map((t) => [t.listing, t.dueOn, t.overdue]));
    const fullListings = new Set<string>();
    got.support.forEach((t, i) => {
      const l = listings.find((x) => x.id === t.listing)!;
      if (canRead(ctx, "listing.category", { jurisdiction: l.jurisdiction, category: l.category })) {
        expect(t).toEqual({ ...expected[i], shown: "full" });
        fullListings.add(l.id);
      } else {
        expect(t.shown).toBe("without-reason");
        expect(Object.keys(t).sort()).toEqual(["dueOn", "id", "listing", "overdue", "person", "shown", "title", "unit"]);
        const text = JSON.stringify(t);
        for (const code of measureCodes) expect(text).not.toContain(code);
      }
    });
    expect(new Set(got.support.map((t) => t.id)).size).toBe(got.support.length);
    const reads = newEvents(before, fx.store.state()).filter((e) => e.action === "read-tasks");
    expect(reads.map((e) => e.entity.id).sort()).toEqual([...fullListings].sort());
    for (const e of reads) expect(e.fields).toEqual(["listing.category"]);
  });

  test("a village committee sees its village's tasks without their reasons; the health centre sees why", async () => {
    const l = storedOf(listingIds[0]!);
    const asOf = plusDays(fx.today, 60);
    const committee = must(await fx.ledger.tasksDue(fx.actors.village(l.jurisdiction), { asOf }));
    const mine = committee.support.filter((t) => t.listing === l.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t) => t.shown === "without-reason")).toBe(true);
    const health = must(await fx.ledger.tasksDue(fx.actors.health, { asOf }));
    expect(health.support.filter((t) => t.listing === l.id).every((t) => t.shown === "full" && t.category === 1)).toBe(true);
  });
});


