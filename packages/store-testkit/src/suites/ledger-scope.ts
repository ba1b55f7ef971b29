import { fc, test } from "@fast-check/vitest";
import { type Actor, type DisputeView, type DivisionCode, type HazardView, type Ledger, type ListingView, ActorRoles, isWithinDivision } from "@tiaojie/core";
import { expect } from "vitest";
import { type KitActors, type KitTown, expectErr, expectOk, kitActor, kitActors, kitLedger, kitTown, registerDisputes, registerPersons, strictlyAscending } from "../fixtures/kit-ledger.js";
import { scramble } from "../fixtures/kit-mutation.js";
import { openHardshipListing, pageAll, registerKitHazard } from "../fixtures/kit-service-records.js";
import type { SuiteContext } from "../suite-context.js";

// The ledger service's lists over the store: a generated town with disputes in
// its villages and at township level, hazards, hardship listings, and a few of
// each in a neighbouring township. Generated actors (every role, any unit whose
// division holds the scope, a scope of a village, the township, the other
// township or one of its villages) list disputes, hazards and listings, paging
// with small limits: they see only records within their scope, and exactly those
// the township-wide coordinator of their township sees, filtered by the scope,
// each once and in id order. A store whose scope filter leaks, loses rows or
// whose cursor repeats or skips fails here.

const PURPOSE = { purpose: "辖区范围核对" };

interface Seen {
  readonly disputes: ReadonlyArray<DisputeView>;
  readonly hazards: ReadonlyArray<HazardView>;
  readonly listings: ReadonlyArray<ListingView>;
}

/** What the suite registered, by id. */
interface Registered {
  readonly town: { readonly disputes: ReadonlyArray<string>; readonly hazards: number; readonly listings: ReadonlyArray<string> };
  readonly other: { readonly disputes: ReadonlyArray<string>; readonly hazards: number; readonly listings: ReadonlyArray<string> };
}

const populate = async (ledger: Ledger, kt: KitTown, actors: KitActors): Promise<Registered> => {
  const { town } = kt;
  await registerPersons(ledger, actors.social, town.persons);
  await registerPersons(ledger, actors.otherSocial, [
    { id: "p-b-1", name: "邻镇居民甲", jurisdiction: kt.other.villages[0] },
    { id: "p-b-2", name: "邻镇居民乙", jurisdiction: kt.other.villages[1] },
  ]);
  // The last two disputes move to the other township (a village and the township
  // itself); the first lies at the town's township level; the rest in villages.
  const n = town.disputes.length;
  const moved = new Set([n - 1, n - 2]);
  const townDisputes = town.disputes.flatMap((d, i) => (moved.has(i) ? [] : [i === 0 ? { ...d, jurisdiction: kt.township } : d]));
  const otherDisputes = town.disputes.flatMap((d, i) =>
    moved.has(i) ? [{ ...d, jurisdiction: i === n - 1 ? kt.other.township : kt.other.villages[0] }] : [],
  );
  const a = await registerDisputes(ledger, actors.coordinator, townDisputes);
  const b = await registerDisputes(ledger, actors.otherCoordinator, otherDisputes);
  let h = 0;
  for (const place of [...kt.villages, kt.township]) await registerKitHazard(ledger, actors.coordinator, kt.today, place, "u-pafzb", h++);
  for (const place of [kt.other.villages[1]!, kt.other.township]) await registerKitHazard(ledger, actors.otherCoordinator, kt.today, place, "u-b-pafzb", h++);
  const townListings = town.persons.slice(0, 3).map((p, i) => ({ id: `l-${i + 1}`, person: p.id, unit: "u-shswb", assessedBy: "社会事务办核查员", responsiblePerson: "社会事务办干部" }));
  for (const l of townListings) await openHardshipListing(ledger, actors.social, kt.today, l);
  await openHardshipListing(ledger, actors.otherSocial, kt.today, { id: "l-0b", person: "p-b-1", unit: "u-b-shswb", assessedBy: "邻镇核查员", responsiblePerson: "邻镇干部" });
  return {
    town: { disputes: a.map((d) => d.id), hazards: kt.villages.length + 1, listings: townListings.map((l) => l.id) },
    other: { disputes: b.map((d) => d.id), hazards: 2, listings: ["l-0b"] },
  };
};

/** Everything an actor sees, paging with `limit`; the first refusal of each list, if any. */
const seenBy = async (ledger: Ledger, actor: Actor, limit: number) => ({
  disputes: await pageAll((cursor) => ledger.listDisputes(actor, { limit, ...(cursor === undefined ? {} : { cursor }) })),
  hazards: await ledger.listHazards(actor),
  listings: await pageAll((cursor) => ledger.listListings(actor, { ...PURPOSE, limit, ...(cursor === undefined ? {} : { cursor }) })),
});

const everythingOf = async (ledger: Ledger, actor: Actor, what: string): Promise<Seen> => {
  const seen = await seenBy(ledger, actor, 3);
  return {
    disputes: expectOk(seen.disputes, `${what}: listDisputes`),
    hazards: expectOk(seen.hazards, `${what}: listHazards`),
    listings: expectOk(seen.listings, `${what}: listListings`),
  };
};

const sorted = (ids: ReadonlyArray<string>): ReadonlyArray<string> => [...ids].sort();

export const ledgerScopeSuite = (ctx: SuiteContext): void => {
  const actorChoice = fc.record({
    role: fc.constantFrom(...ActorRoles.codes),
    scope: fc.nat(),
    unit: fc.nat(),
    limit: fc.integer({ min: 1, max: 4 }),
  });

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.array(actorChoice, { minLength: 3, maxLength: 8 })], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "listDisputes, listHazards and listListings return every record within the actor's scope and nothing else, each once in id order, as the township's coordinator sees them",
    async (seed, choices) => {
      const kt = kitTown(seed, { villages: 3, persons: 10, disputes: 8 });
      const actors = kitActors(kt);
      const { ledger } = kitLedger(ctx.store(), kt);
      const registered = await populate(ledger, kt, actors);
      const refs = {
        town: await everythingOf(ledger, actors.coordinator, "the town's coordinator"),
        other: await everythingOf(ledger, actors.otherCoordinator, "the other township's coordinator"),
      };
      for (const [name, ref] of Object.entries(refs) as Array<[keyof Registered, Seen]>) {
        const want = registered[name];
        expect(ref.disputes.map((d) => d.id), `the ${name} coordinator's disputes: every one registered there, in id order`).toEqual(sorted(want.disputes));
        expect(ref.hazards, `the ${name} coordinator's hazards: every one registered there`).toHaveLength(want.hazards);
        expect(strictlyAscending(ref.hazards.map((h) => h.id)), `the ${name} coordinator's hazards, in id order`).toBe(true);
        expect(ref.listings.map((l) => l.id), `the ${name} coordinator's listings: every one opened there, in id order`).toEqual(sorted(want.listings));
      }

      const scopes: ReadonlyArray<DivisionCode> = [...kt.villages, kt.township, kt.other.township, ...kt.other.villages];
      for (const [i, choice] of choices.entries()) {
        const scope = scopes[choice.scope % scopes.length]!;
        const units = kt.units.filter((u) => isWithinDivision(scope, u.jurisdiction));
        const unit = units[choice.unit % units.length]!;
        const actor = kitActor(unit.id, choice.role, scope, `kit-gen-${i}`);
        const what = `${choice.role} of ${unit.id} with scope ${scope}, paging by ${choice.limit}`;
        const ref = isWithinDivision(scope, kt.township) ? refs.town : refs.other;
        const within = (j: DivisionCode | undefined): boolean => j !== undefined && isWithinDivision(j, scope);
        const seen = await seenBy(ledger, actor, choice.limit);

        if (choice.role === "auditor") {
          expectErr(seen.disputes, "AccessDenied", `${what}: listDisputes`);
          expectErr(seen.hazards, "AccessDenied", `${what}: listHazards`);
        } else {
          const disputes = expectOk(seen.disputes, `${what}: listDisputes`);
          for (const d of disputes) expect(within(d.dispute.jurisdiction), `${what}: dispute ${d.id} lies in ${d.dispute.jurisdiction}, outside the scope`).toBe(true);
          expect(strictlyAscending(disputes.map((d) => d.id)), `${what}: disputes each once, in id order: ${disputes.map((d) => d.id).join(", ")}`).toBe(true);
          expect(disputes, `${what}: the disputes are the coordinator's within the scope`).toStrictEqual(ref.disputes.filter((d) => within(d.dispute.jurisdiction)));

          const hazards = expectOk(seen.hazards, `${what}: listHazards`);
          for (const h of hazards) expect(within(h.jurisdiction), `${what}: hazard ${h.id} lies in ${h.jurisdiction}, outside the scope`).toBe(true);
          expect(hazards, `${what}: the hazards are the coordinator's within the scope, in id order`).toStrictEqual(ref.hazards.filter((h) => within(h.jurisdiction)));
        }

        const listings = expectOk(seen.listings, `${what}: listListings`);
        const placeOf = new Map(ref.listings.map((l) => [l.id as string, l.record.listing?.jurisdiction]));
        for (const l of listings) {
          expect(placeOf.has(l.id), `${what}: listing ${l.id} is none of the township's`).toBe(true);
          expect(within(placeOf.get(l.id)), `${what}: listing ${l.id} lies in ${String(placeOf.get(l.id))}, outside the scope`).toBe(true);
        }
        expect(
          listings.map((l) => l.id),
          `${what}: the listings are the coordinator's within the scope, each once, in id order`,
        ).toEqual(ref.listings.filter((l) => within(l.record.listing?.jurisdiction)).map((l) => l.id));
      }
    },
    ctx.timeout,
  );

  test.prop([fc.integer({ min: 1, max: 1_000_000 })], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "what the ledger returns is the caller's own: changing every record a use case or a list returned changes nothing stored",
    async (seed) => {
      const kt = kitTown(seed, { villages: 2, persons: 6, disputes: 4 });
      const raw = ctx.raw();
      const actors = kitActors(kt);
      const { ledger } = kitLedger(ctx.store(), kt);
      await populate(ledger, kt, actors);
      const first = await everythingOf(ledger, actors.coordinator, "the coordinator");
      const pristine = structuredClone(first);
      const one = expectOk(await ledger.getDispute(actors.coordinator, first.disputes[0]!.id), "getDispute");
      const person = expectOk(await ledger.getPerson(actors.social, kt.town.persons[0]!.id, { purpose: "核对" }), "getPerson");
      const afterReads = await raw.snapshot(); // listing reads are audited: the snapshot after them
      for (const value of [first, one, person]) scramble(value);
      expect(await raw.snapshot(), "changing what the ledger returned changes nothing stored").toEqual(afterReads);
      expect(await everythingOf(ledger, actors.coordinator, "the coordinator, again"), "the lists, read again, are as they were").toStrictEqual(pristine);
    },
    ctx.timeout,
  );
};
