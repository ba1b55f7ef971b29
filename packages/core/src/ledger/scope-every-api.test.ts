import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import type { RedactedSupportRecord } from "../access/support-record.js";
import { plusDays } from "../calendar/local-dates.js";
import { exportLedger } from "../exchange/export-ledger.js";
import type { Exporter } from "../exchange/exporter.js";
import { disputeLedgerColumns, supportRegistryColumns } from "../exchange/ledger-columns.js";
import { createLedgerBundle } from "../exchange/ledger-bundle.js";
import type { SheetCell, Workbook } from "../exchange/sheet.js";
import type { Actor } from "../model/actor.js";
import type { Dispute } from "../model/dispute.js";
import type { DivisionCode } from "../model/division-code.js";
import { identityCheckCharacter } from "../model/identity-number.js";
import type { DisputeId, ListingId, OfficerId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Person } from "../model/person.js";
import type { Unit } from "../model/unit.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { zixiSupportMeasures } from "../presets/zixi/support-measures.js";
import type { MonthlyReport } from "../reports/monthly-report.js";
import { helpFirst, tasksDue as tasksDueCore } from "../support/due-tasks.js";
import type { Listing } from "../support/listing.js";
import { isListingActive } from "../support/listing-status.js";
import { type ActorRole, ActorRoles } from "../taxonomy/actor-roles.js";
import { SupportCategories, type SupportCategory } from "../taxonomy/support-categories.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import { sampleOfficers } from "../testing/sample-officers.js";
import { type SampleTown, sampleTown } from "../testing/sample-town.js";
import type { NaiveState } from "./naive-store-fixture.js";
import { type ServiceFixture, must, plantListings, serviceFixture } from "./service-fixture.js";

// Issue 13, "Scope": no actor sees a record outside its scope through any API.
//
// Each world is one ledger holding three generated towns: town A, a town B of
// another township in A's county, and a town C of another county, their ids
// prefixed so that they share the ledger, plus a province-level unit. Actors are
// the towns' sample officers and actors drawn over every unit, role and scope
// (village, township, county, province; of A, of B, of C). What each actor should
// see is computed here from the generated records and the scope rule as written
// in the policy (a division's records are those whose code starts with its
// significant digits), never with the ledger's own scope function.
//
// The naive store copies its whole state in every transaction, so the worlds are
// built once, at module level (a bounded number of records), and each run
// restores its world's state as it was after set-up: every run starts equal and
// the copies stay the size of the towns.

// ---------------------------------------------------------------------------
// The oracle: the scope rule and the policy's audiences, as the docs state them.
// ---------------------------------------------------------------------------

/** The end of each part of a 12-digit division code: province, prefecture, county, township, village. */
const PART_ENDS = [2, 4, 6, 9, 12] as const;

/** The digits every code within a division starts with: up to its last non-zero part. */
const significant = (code: string): string => {
  let end = 0;
  let start = 0;
  for (const stop of PART_ENDS) {
    if (!/^0+$/.test(code.slice(start, stop))) end = stop;
    start = stop;
  }
  return code.slice(0, end);
};

/** Whether a record at `code` lies within the division `scope`. */
const within = (code: string, scope: string): boolean => code.startsWith(significant(scope));

/** The policy's audiences (access-policy.ts, “need-to-know”), by role and unit kind. */
type Who = "health" | "police" | "justice" | "social" | "other-unit" | "coordinator" | "leadership" | "village" | "grid" | "auditor";

const whoOf = (role: ActorRole, kind: UnitKind): Who => {
  switch (role) {
    case "unit-officer":
      return kind === "health-centre" ? "health" : kind === "police-station" ? "police" : kind === "justice-office" ? "justice" : kind === "social-affairs-office" ? "social" : "other-unit";
    case "coordinator":
      return "coordinator";
    case "township-leadership":
      return "leadership";
    case "village-committee":
      return "village";
    case "grid-worker":
      return "grid";
    case "auditor":
      return "auditor";
  }
};

/** Identity and phone numbers: in full to the units whose work needs them, masked for everyone else, not at all to auditors. */
const numbersShown = (who: Who): "full" | "masked" | "none" =>
  who === "health" || who === "police" || who === "justice" || who === "social" ? "full" : who === "auditor" ? "none" : "masked";
/** Names: everyone but auditors (village committees, grid workers and other units by the name grant). */
const namesShown = (who: Who): boolean => who !== "auditor";
/** Why a person is listed (category, basis, evidence, details, who recorded each event): health only to the health centre, criminal records only to the justice office and police, the rest to those who read personal data. */
const whyShown = (who: Who, category: SupportCategory): boolean => {
  if (who === "health") return category !== 2;
  if (who === "police" || who === "justice") return category !== 1;
  if (who === "social" || who === "coordinator" || who === "leadership") return category >= 3;
  return false;
};
/** The dangerousness grade alone, without the rest of the health details: the police station and the coordinator. */
const gradeAlone = (who: Who): boolean => who === "police" || who === "coordinator";
/** Who reads disputes, hazards and tasks: every handler, not auditors. */
const readsDisputes = (role: ActorRole): boolean => role !== "auditor";
/** Who makes reports: the handlers, not grid workers or auditors. */
const makesReports = (role: ActorRole): boolean => role !== "auditor" && role !== "grid-worker";
/** Who searches by an identity number: those who see numbers in full. */
const searchesNumbers = (who: Who): boolean => numbersShown(who) === "full";

// ---------------------------------------------------------------------------
// The worlds.
// ---------------------------------------------------------------------------

const PROVINCE = "530000000000" as DivisionCode;
const PURPOSE = { purpose: "范围核查 / scope check" };

/** A town's records with every id prefixed (units, persons, disputes, listings and the references between them). */
const relabel = (town: SampleTown, prefix: string): SampleTown => {
  if (prefix === "") return town;
  const p = <T extends string>(id: T): T => `${prefix}${id}` as T;
  return {
    ...town,
    units: town.units.map((u) => ({ ...u, id: p(u.id) })),
    persons: town.persons.map((x) => ({ ...x, id: p(x.id) })),
    disputes: town.disputes.map((d) => ({ ...d, id: p(d.id), parties: d.parties.map((q) => (q.kind === "person" ? { ...q, person: p(q.person) } : q)) })),
    listings: town.listings.map((l) => ({
      ...l,
      id: p(l.id),
      person: p(l.person),
      responsibleUnit: p(l.responsibleUnit),
      history: l.history.map((e) => ({ ...e, actor: { ...e.actor, unit: p(e.actor.unit) } })),
    })) as ReadonlyArray<Listing>,
  };
};

/** The first town from `start` on whose place `fits` (seeds tried in order, a bounded number). */
const townWhere = (start: number, fits: (t: SampleTown) => boolean, size: Parameters<typeof sampleTown>[1]): SampleTown => {
  for (let seed = start; seed < start + 2000; seed++) {
    // The county and the township are drawn before everything else: a town of no one shows them.
    if (fits(sampleTown(seed, { villages: 1, persons: 0, disputes: 0, listings: 0 }))) return sampleTown(seed, size);
  }
  throw new Error(`no town near seed ${start} fits`);
};

interface World {
  readonly seed: number;
  readonly fx: ServiceFixture;
  /** The store's state after set-up: every run starts from it. */
  readonly base: NaiveState;
  readonly units: ReadonlyArray<Unit>;
  readonly kindOf: ReadonlyMap<string, UnitKind>;
  readonly persons: ReadonlyArray<Person>;
  readonly personById: ReadonlyMap<string, Person>;
  readonly disputes: ReadonlyArray<Dispute>;
  readonly listings: ReadonlyArray<Listing>;
  readonly hazards: ReadonlyArray<{ readonly id: string; readonly jurisdiction: DivisionCode }>;
  /** The open grading tasks as stored, each with its dispute. */
  readonly gradingTasks: ReadonlyArray<{ readonly id: string; readonly dispute: string }>;
  /** Every division of the world, from the province down to the villages. */
  readonly places: ReadonlyArray<DivisionCode>;
  /** The sample officers of the three towns. */
  readonly officers: ReadonlyArray<Actor>;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
}

const buildWorld = async (seed: number): Promise<World> => {
  const a = sampleTown(seed, { villages: 3, persons: 8, disputes: 5, listings: 5 });
  const b = relabel(
    townWhere(seed + 1, (t) => t.county === a.county && t.township.code !== a.township.code, { villages: 2, persons: 3, disputes: 2, listings: 2 }),
    "b-",
  );
  const c = relabel(townWhere(seed + 7919, (t) => t.county !== a.county, { villages: 1, persons: 3, disputes: 1, listings: 1 }), "c-");
  const province: Unit = { id: "x-prov" as UnitId, kind: "higher-department", name: "省级主管部门", jurisdiction: PROVINCE } as Unit;
  const fx = serviceFixture(seed, {}, { town: a, units: [...b.units, ...c.units, province], config: { campaign: zixi2025 } });
  const towns = [a, b, c];
  const officers = towns.map((t) => sampleOfficers(t));
  const hazards: Array<{ id: string; jurisdiction: DivisionCode }> = [];
  for (const [i, town] of towns.entries()) {
    // One bulk registration per town by its social affairs office, which records
    // identity and phone numbers: every person with the first dispute.
    const items = town.disputes.map((d, k) => ({ dispute: d, ...(k === 0 ? { persons: town.persons } : {}) }));
    must(await fx.ledger.registerDisputes(officers[i]!.socialAffairs, { run: `scope-${seed}-${i}`, items }), `register town ${i}`);
    const police = town.units.find((u) => u.kind === "police-station")!.id;
    for (const place of [town.township.code, town.villages[0]!.code]) {
      const h = must(
        await fx.ledger.registerHazard(officers[i]!.coordinator, { jurisdiction: place, place: "村小学校门", hazard: "无隔离护栏", responsibleUnit: police, deadline: plusDays(fx.today, 30) }),
        `hazard of town ${i}`,
      );
      hazards.push({ id: h.id, jurisdiction: h.jurisdiction });
    }
  }
  const listings = towns.flatMap((t) => t.listings);
  await plantListings(fx, listings);
  const base = fx.store.state();
  const gradingTasks = Object.values(base.collections.tasks!)
    .map((t) => t as unknown as { readonly id: string; readonly kind: string; readonly dispute?: string })
    .filter((t) => t.kind === "grading" && t.dispute !== undefined)
    .map((t) => ({ id: t.id, dispute: t.dispute! }));
  const units = fx.options.units;
  const persons = towns.flatMap((t) => t.persons);
  const places = [
    ...new Set<DivisionCode>([
      PROVINCE,
      ...units.map((u) => u.jurisdiction),
      ...towns.flatMap((t) => [t.township.code, ...t.villages.map((v) => v.code)]),
    ]),
  ].sort();
  return {
    seed,
    fx,
    base,
    units,
    kindOf: new Map(units.map((u) => [u.id as string, u.kind])),
    persons,
    personById: new Map(persons.map((p) => [p.id as string, p])),
    disputes: towns.flatMap((t) => t.disputes),
    listings,
    hazards,
    gradingTasks,
    places,
    officers: officers.flatMap((o) => o.all),
    period: { from: a.period.from, to: fx.today },
  };
};

const WORLD_SEEDS = fc.sample(fc.integer({ min: 1, max: 1_000_000 }), 3);
const started = performance.now();
const worlds: ReadonlyArray<World> = [];
for (const seed of WORLD_SEEDS) (worlds as Array<World>).push(await buildWorld(seed));
const setupSeconds = (performance.now() - started) / 1000;

/** The roles an officer of a unit of this kind has in practice. */
const naturalRoles = (kind: UnitKind): ReadonlyArray<ActorRole> => {
  switch (kind) {
    case "peace-rule-of-law-office":
      return ["coordinator"];
    case "township-leadership":
      return ["township-leadership", "auditor"];
    case "village-committee":
    case "community-committee":
      return ["village-committee", "grid-worker"];
    case "governance-centre":
      return ["grid-worker", "auditor", "unit-officer"];
    case "city-political-legal-committee":
    case "county-political-legal-committee":
    case "higher-department":
      return ["coordinator", "unit-officer", "township-leadership"];
    default:
      return ["unit-officer"];
  }
};

/** An actor of one of these units, mostly in a role its kind has, with a scope within the unit's division (or the unit's own). */
const drawnActor = (w: World, units: ReadonlyArray<Unit>, atUnit = false): fc.Arbitrary<Actor> =>
  fc
    .record({
      unit: fc.constantFrom(...units),
      natural: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      anyRole: fc.constantFrom(...ActorRoles.codes),
      pick: fc.nat(),
      n: fc.nat({ max: 999 }),
    })
    .map(({ unit, natural, anyRole, pick, n }): Actor => {
      const roles = naturalRoles(unit.kind);
      const scopes = w.places.filter((p) => within(p, unit.jurisdiction));
      return {
        officerId: `gen-${n}` as OfficerId,
        name: "生成人员",
        unit: unit.id,
        role: natural ? roles[pick % roles.length]! : anyRole,
        scope: atUnit ? unit.jurisdiction : scopes[Math.floor(pick / 7) % scopes.length]!,
      };
    });

/**
 * An actor of a world: a sample officer of one of its towns; one drawn over
 * every unit, role and scope within the unit's division; or one of a unit above
 * the townships (a county's political-legal committee, the province), whose
 * scope may span several towns.
 */
const actorOf = (w: World): fc.Arbitrary<Actor> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...w.officers) },
    { weight: 4, arbitrary: drawnActor(w, w.units) },
    { weight: 1, arbitrary: drawnActor(w, w.units.filter((u) => significant(u.jurisdiction).length <= 6), true) },
  );

const caseArb = fc.nat({ max: worlds.length - 1 }).chain((i) => actorOf(worlds[i]!).map((actor) => ({ w: worlds[i]!, actor })));

// ---------------------------------------------------------------------------
// Figures, and the checks shared by the tests.
// ---------------------------------------------------------------------------

const figures = { runs: 0, calls: 0, seen: 0, refused: 0, leaks: 0, foreignPartyIds: 0, actors: new Set<string>(), apis: new Set<string>(), levels: new Set<string>() };

const levelOf = (scope: string): string => ["province", "prefecture", "county", "township", "village"][PART_ENDS.indexOf(significant(scope).length as (typeof PART_ENDS)[number])]!;

/** Starts a run: the world as after set-up, and what the actor is. */
const begin = (w: World, actor: Actor) => {
  w.fx.store.replaceState(w.base);
  figures.runs += 1;
  figures.actors.add(`${actor.unit}|${actor.role}|${actor.scope}`);
  figures.levels.add(levelOf(actor.scope));
  const who = whoOf(actor.role, w.kindOf.get(actor.unit)!);
  const where = `world ${w.seed}, ${actor.role} of ${actor.unit} (${who}) at ${actor.scope}`;
  return { who, where, inScope: (code: string) => within(code, actor.scope) };
};

const called = (api: string, n = 1): void => {
  figures.calls += n;
  figures.apis.add(api);
};

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** A refusal that names nothing but what was asked: its action, the kind of record, the id asked, the reason. */
const expectDenied = (r: Outcome, reason: string, id: string | undefined, where: string): void => {
  if (r.ok) figures.leaks += 1;
  expect(r.ok, `${where}: ${id ?? ""} must be refused`).toBe(false);
  if (r.ok) return;
  figures.refused += 1;
  const e = r.error as Record<string, unknown>;
  expect(e._tag, where).toBe("AccessDenied");
  expect(e.reason, where).toBe(reason);
  if (id !== undefined) expect(e.id, where).toBe(id);
  for (const k of Object.keys(e)) expect(["_tag", "action", "entity", "id", "reason", "field"], `${where}: refusal field ${k}`).toContain(k);
};

/** Sorted copies, for comparing sets of ids. */
const sorted = (xs: Iterable<string>): ReadonlyArray<string> => [...xs].sort();

/** A masked number: as long as the number, its last four kept, something in between hidden. */
const expectMasked = (shown: unknown, full: string, where: string): void => {
  expect(typeof shown, where).toBe("string");
  const s = shown as string;
  expect(s, where).not.toBe(full);
  expect(s.length, where).toBe(full.length);
  expect(s, where).toContain("*");
  expect(s.slice(-4), where).toBe(full.slice(-4));
};

/** A number shown as the policy says for this audience: in full, masked or not at all. */
const expectNumber = (shown: unknown, full: string | undefined, who: Who, where: string): void => {
  if (full === undefined) return void expect(shown, where).toBeUndefined();
  const access = numbersShown(who);
  if (access === "full") expect(shown, where).toBe(full);
  else if (access === "masked") expectMasked(shown, full, where);
  else expect(shown, where).toBeUndefined();
};

/** A person as the audience may see them. */
const expectPersonSeen = (seen: RedactedSupportRecord["person"], p: Person, who: Who, where: string): void => {
  expect(seen?.id, where).toBe(p.id);
  expect(seen?.jurisdiction, where).toBe(p.jurisdiction);
  expect(seen?.name, where).toBe(namesShown(who) ? p.name : undefined);
  expectNumber(seen?.identityNumber, p.identityNumber, who, `${where}: identity number`);
  expectNumber(seen?.contact?.phone, p.contact?.phone, who, `${where}: phone`);
};

/** A listing and its person as the audience may see them: the public fields, and why only to those who may know. */
const expectListingSeen = (record: RedactedSupportRecord, l: Listing, p: Person, who: Who, where: string): void => {
  const seen = record.listing;
  expect(seen?.id, where).toBe(l.id);
  expect(seen?.jurisdiction, where).toBe(l.jurisdiction);
  expect(seen?.responsibleUnit, where).toBe(l.responsibleUnit);
  const why = whyShown(who, l.category);
  expect(seen?.category, where).toBe(why ? l.category : undefined);
  expect(seen?.lawfulBasis, where).toBe(why ? l.lawfulBasis : undefined);
  if (why) expect(seen?.details, where).toEqual(l.details);
  else if (l.details.kind === "mental-health" && gradeAlone(who)) expect(seen?.details, where).toEqual({ dangerousnessGrade: l.details.dangerousnessGrade });
  else expect(seen?.details, where).toBeUndefined();
  if (!why) {
    expect(seen?.evidence, where).toBeUndefined();
    for (const e of seen?.history ?? []) {
      expect(e?.actor, `${where}: who recorded`).toBeUndefined();
      expect((e as { reason?: unknown } | undefined)?.reason, `${where}: reason`).toBeUndefined();
    }
  }
  expectPersonSeen(record.person, p, who, `${where}: person`);
};

/** Every page of a listing. */
const allPages = async <T>(
  api: string,
  page: (cursor: string | undefined) => Promise<{ readonly ok: true; readonly value: { readonly items: ReadonlyArray<T>; readonly cursor?: string } } | { readonly ok: false; readonly error: unknown }>,
): Promise<Outcome & ({ readonly ok: true; readonly value: ReadonlyArray<T> } | { readonly ok: false; readonly error: unknown })> => {
  const items: Array<T> = [];
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const r = await page(cursor);
    called(api);
    if (!r.ok) return r;
    items.push(...r.value.items);
    cursor = r.value.cursor;
  }
  return { ok: true, value: items };
};

/** An exporter that keeps the rows it writes, for the tests to read back. */
const keepingExporter = (): Exporter & { readonly sheets: Array<{ readonly name: string; readonly rows: Array<ReadonlyArray<SheetCell>> }> } => {
  const sheets: Array<{ name: string; rows: Array<ReadonlyArray<SheetCell>> }> = [];
  return {
    format: "kept",
    mediaType: "application/json",
    extension: "json",
    capabilities: { datasets: ["disputes", "support-registry", "monthly-summary"], multipleSheets: true, dateCells: true, levelFills: false },
    sheets,
    write: async function* (workbook: Workbook) {
      for (const sheet of workbook.sheets) {
        const kept = { name: sheet.name.zh, rows: [] as Array<ReadonlyArray<SheetCell>> };
        sheets.push(kept);
        for await (const row of sheet.rows) {
          kept.rows.push(row);
          yield Buffer.from(`${JSON.stringify(row)}\n`);
        }
      }
    },
  };
};

const drain = async (bytes: AsyncIterable<Uint8Array>): Promise<void> => {
  for await (const _ of bytes) void _;
};

// ---------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------

describe("issue 13, scope: generated actors never see a record outside their scope, through any API", () => {
  afterAll(() => {
    console.log(
      `scope every API: ${figures.actors.size} actors (scopes at ${sorted(figures.levels).join("/")}) × ${figures.apis.size} APIs (${sorted(figures.apis).join(", ")}), ` +
        `${figures.runs} runs, ${figures.calls} calls, ${figures.seen} in-scope records seen, ${figures.refused} refusals, leaks ${figures.leaks}; ` +
        `${figures.foreignPartyIds} party ids of out-of-scope persons in in-scope disputes (ids only); worlds of 3 towns from seeds ${WORLD_SEEDS.join(", ")} built in ${setupSeconds.toFixed(1)} s`,
    );
  });

  test.prop([caseArb], { numRuns: 8 })(
    "getDispute, getPerson and getListing by every id of the ledger: the record, redacted for the actor, when it is in scope; AccessDenied (out-of-scope) naming only the id asked when it is not; RecordNotFound for an id that does not exist",
    async ({ w, actor }) => {
      const { who, where, inScope } = begin(w, actor);
      for (const d of w.disputes) {
        const r = await w.fx.ledger.getDispute(actor, d.id);
        called("getDispute");
        if (!readsDisputes(actor.role)) expectDenied(r, "role", d.id, where);
        else if (!inScope(d.jurisdiction)) expectDenied(r, "out-of-scope", d.id, where);
        else {
          const v = must(r, `${where}: getDispute ${d.id}`);
          expect([v.id, v.dispute.jurisdiction]).toEqual([d.id, d.jurisdiction]);
          figures.seen += 1;
        }
      }
      const missingDispute = await w.fx.ledger.getDispute(actor, "d-nowhere" as DisputeId);
      called("getDispute");
      // An auditor is refused before anything is looked up: the answer is the same whether or not the id exists.
      if (!readsDisputes(actor.role)) expectDenied(missingDispute, "role", "d-nowhere", where);
      else expect(missingDispute).toMatchObject({ ok: false, error: { _tag: "RecordNotFound", id: "d-nowhere" } });

      for (const p of w.persons) {
        const r = await w.fx.ledger.getPerson(actor, p.id, PURPOSE);
        called("getPerson");
        if (!inScope(p.jurisdiction)) expectDenied(r, "out-of-scope", p.id, where);
        else {
          expectPersonSeen(must(r, `${where}: getPerson ${p.id}`).person, p, who, `${where}: getPerson ${p.id}`);
          figures.seen += 1;
        }
      }
      expect(await w.fx.ledger.getPerson(actor, "p-nowhere" as PersonId, PURPOSE)).toMatchObject({ ok: false, error: { _tag: "RecordNotFound" } });
      called("getPerson");

      for (const l of w.listings) {
        const r = await w.fx.ledger.getListing(actor, l.id, PURPOSE);
        called("getListing");
        if (!inScope(l.jurisdiction)) expectDenied(r, "out-of-scope", l.id, where);
        else {
          expectListingSeen(must(r, `${where}: getListing ${l.id}`).record, l, w.personById.get(l.person)!, who, `${where}: getListing ${l.id}`);
          figures.seen += 1;
        }
      }
      expect(await w.fx.ledger.getListing(actor, "l-nowhere" as ListingId, PURPOSE)).toMatchObject({ ok: false, error: { _tag: "RecordNotFound" } });
      called("getListing");
    },
  );

  test.prop([caseArb], { numRuns: 10 })(
    "findPersonByIdentityNumber by every person's number (and one no one has): exactly the in-scope persons with it, for the audiences that see numbers in full; an out-of-scope person's number finds nothing, as an unknown one does; everyone else is refused",
    async ({ w, actor }) => {
      const { who, where, inScope } = begin(w, actor);
      const numbers = [...new Set(w.persons.flatMap((p) => (p.identityNumber === undefined ? [] : [p.identityNumber as string])))];
      // A valid number that no one in the world has: another sequence, its check character recomputed.
      const unknown = (() => {
        for (let seq = 990; seq < 999; seq++) {
          const first17 = `${numbers[0]!.slice(0, 14)}${seq}`;
          const check = identityCheckCharacter(first17);
          if (check.ok && !numbers.includes(first17 + check.value)) return first17 + check.value;
        }
        throw new Error("no unknown number");
      })();
      for (const number of [...numbers, unknown]) {
        const r = await w.fx.ledger.findPersonByIdentityNumber(actor, number, PURPOSE);
        called("findPersonByIdentityNumber");
        if (!searchesNumbers(who)) {
          expectDenied(r, "read", undefined, where);
          continue;
        }
        const found = must(r, `${where}: find ${number}`);
        const expected = w.persons.filter((p) => p.identityNumber === number && inScope(p.jurisdiction));
        if (found.some((v) => !inScope(w.personById.get(v.id)?.jurisdiction ?? ""))) figures.leaks += 1;
        expect(sorted(found.map((v) => v.id)), `${where}: find ${number}`).toEqual(sorted(expected.map((p) => p.id)));
        for (const v of found) expectPersonSeen(v.person, w.personById.get(v.id)!, who, `${where}: found ${v.id}`);
        figures.seen += found.length;
      }
    },
  );

  test.prop([caseArb, fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 })], { numRuns: 12 })(
    "listDisputes (every page, and within other divisions), listListings (every page), listHazards and tasksDue return exactly the in-scope records; a division outside the scope is refused",
    async ({ w, actor }, limit, picks) => {
      const { who, where, inScope } = begin(w, actor);
      const ledger = w.fx.ledger;
      const disputesIn = (place: string) => sorted(w.disputes.filter((d) => inScope(d.jurisdiction) && within(d.jurisdiction, place)).map((d) => d.id));

      const listed = await allPages("listDisputes", (cursor) => ledger.listDisputes(actor, { limit, ...(cursor === undefined ? {} : { cursor }) }));
      if (!readsDisputes(actor.role)) expectDenied(listed, "role", undefined, where);
      else {
        const items = must(listed, `${where}: listDisputes`);
        figures.leaks += items.filter((d) => !inScope(d.dispute.jurisdiction)).length;
        expect(sorted(items.map((d) => d.id)), `${where}: listDisputes`).toEqual(disputesIn(actor.scope));
        figures.seen += items.length;
      }
      for (const place of picks.map((k) => w.places[k % w.places.length]!)) {
        const r = await allPages("listDisputes", (cursor) => ledger.listDisputes(actor, { within: place, limit: 50, ...(cursor === undefined ? {} : { cursor }) }));
        if (!readsDisputes(actor.role)) expectDenied(r, "role", undefined, where);
        else if (!inScope(place)) expectDenied(r, "out-of-scope", place, `${where}, within ${place}`);
        else expect(sorted(must(r).map((d) => d.id)), `${where}, within ${place}`).toEqual(disputesIn(place));
      }

      const listings = await allPages("listListings", (cursor) => ledger.listListings(actor, { ...PURPOSE, limit, ...(cursor === undefined ? {} : { cursor }) }));
      const views = must(listings, `${where}: listListings`);
      const listingById = new Map(w.listings.map((l) => [l.id as string, l]));
      figures.leaks += views.filter((v) => !inScope(listingById.get(v.id)?.jurisdiction ?? "")).length;
      expect(sorted(views.map((v) => v.id)), `${where}: listListings`).toEqual(sorted(w.listings.filter((l) => inScope(l.jurisdiction)).map((l) => l.id)));
      for (const v of views) {
        const l = listingById.get(v.id)!;
        expectListingSeen(v.record, l, w.personById.get(l.person)!, who, `${where}: listed ${v.id}`);
      }
      figures.seen += views.length;
      const outside = w.places.find((p) => !inScope(p));
      if (outside !== undefined) {
        expectDenied(await ledger.listListings(actor, { ...PURPOSE, within: outside }), "out-of-scope", outside, where);
        called("listListings");
      }

      const hazards = await ledger.listHazards(actor);
      called("listHazards");
      if (!readsDisputes(actor.role)) expectDenied(hazards, "role", undefined, where);
      else {
        const rows = must(hazards, `${where}: listHazards`);
        figures.leaks += rows.filter((h) => !inScope(h.jurisdiction)).length;
        expect(sorted(rows.map((h) => h.id)), `${where}: listHazards`).toEqual(sorted(w.hazards.filter((h) => inScope(h.jurisdiction)).map((h) => h.id)));
        figures.seen += rows.length;
      }

      const due = await ledger.tasksDue(actor);
      called("tasksDue");
      if (!readsDisputes(actor.role)) expectDenied(due, "role", undefined, where);
      else {
        const tasks = must(due, `${where}: tasksDue`);
        // The support tasks the core computes from the open listings in scope alone (open: no lapse, end or removal recorded).
        const open = w.listings.filter((l) => inScope(l.jurisdiction) && !l.history.some((e) => e.kind === "ended" || e.kind === "removed" || e.kind === "lapsed"));
        const expected = helpFirst(tasksDueCore(open, tasks.asOf, { measures: zixiSupportMeasures, completions: [] }));
        const key = (t: { readonly listing: string; readonly person: string; readonly dueOn: string }) => `${t.listing}|${t.person}|${t.dueOn}`;
        figures.leaks += tasks.support.filter((t) => !inScope(listingById.get(t.listing)?.jurisdiction ?? "")).length;
        expect(sorted(tasks.support.map(key)), `${where}: support tasks`).toEqual(sorted(expected.map(key)));
        for (const t of tasks.support) expect(t.shown, `${where}: task of ${t.listing}`).toBe(whyShown(who, listingById.get(t.listing)!.category) ? "full" : "without-reason");
        const disputeAt = new Map(w.disputes.map((d) => [d.id as string, d.jurisdiction as string]));
        figures.leaks += tasks.grading.filter((t) => !inScope(disputeAt.get(t.dispute) ?? "")).length;
        expect(sorted(tasks.grading.map((t) => `${t.id}|${t.dispute}`)), `${where}: grading tasks`).toEqual(
          sorted(w.gradingTasks.filter((t) => inScope(disputeAt.get(t.dispute)!)).map((t) => `${t.id}|${t.dispute}`)),
        );
        figures.seen += tasks.support.length + tasks.grading.length;
      }
    },
  );

  test.prop([caseArb, fc.nat()], { numRuns: 12 })(
    "monthlyReport (own, for the county, of another division) and campaignSummary count the in-scope disputes and listings only and name no village outside the scope",
    async ({ w, actor }, pick) => {
      const { where, inScope } = begin(w, actor);
      const ledger = w.fx.ledger;
      const mine = w.disputes.filter((d) => inScope(d.jurisdiction));
      const inPeriod = (ds: ReadonlyArray<Dispute>, period: { readonly from: string; readonly to: string }) => ({
        new: ds.filter((d) => d.reportedOn >= period.from && d.reportedOn <= period.to).length,
        cumulative: ds.filter((d) => d.reportedOn <= period.to).length,
      });
      /** A report's counts and village rows against the disputes in its division. */
      const expectReport = (report: MonthlyReport, ds: ReadonlyArray<Dispute>, label: string) => {
        expect({ new: report.totals.new, cumulative: report.totals.cumulative }, label).toEqual(inPeriod(ds, report.period));
        const villages = sorted(new Set(ds.filter((d) => d.reportedOn <= report.period.to).map((d) => d.jurisdiction as string)));
        figures.leaks += report.byVillage.filter((row) => !inScope(row.key)).length;
        expect(sorted(report.byVillage.map((row) => row.key)), label).toEqual(villages);
        for (const row of report.byVillage) expect(row.counts.cumulative, `${label}: ${row.key}`).toBe(inPeriod(ds.filter((d) => d.jurisdiction === row.key), report.period).cumulative);
        // Overdue submissions name units of the division or above it (a village's report follows the township's offices), never of another.
        for (const s of report.overdueSubmissions) {
          const unit = w.units.find((u) => u.id === s.unit)!;
          expect(within(unit.jurisdiction, report.jurisdiction) || within(report.jurisdiction, unit.jurisdiction), `${label}: unit ${s.unit}`).toBe(true);
        }
        figures.seen += report.totals.cumulative;
      };

      const own = await ledger.monthlyReport(actor, { period: w.period });
      called("monthlyReport");
      if (!makesReports(actor.role)) {
        expectDenied(own, "role", undefined, where);
        expectDenied(await ledger.campaignSummary(actor), "role", undefined, where);
        called("campaignSummary");
        return;
      }
      const report = must(own, `${where}: monthlyReport`);
      if (report.for !== "own") throw new Error("a report for the township itself was expected");
      expect(report.report.jurisdiction).toBe(actor.scope);
      expectReport(report.report, mine, `${where}: own report`);

      const county = must(await ledger.monthlyReport(actor, { period: w.period, for: "county" }), `${where}: for the county`);
      called("monthlyReport");
      if (county.for !== "county") throw new Error("a summary for the county was expected");
      const s = county.summary;
      expect(s.jurisdiction).toBe(actor.scope);
      figures.leaks += s.byVillage.filter((row) => !inScope(row.key)).length + s.support.byVillage.filter((row) => !inScope(row.key)).length;
      for (const row of s.byVillage) {
        const n = inPeriod(mine.filter((d) => d.jurisdiction === row.key), w.period).cumulative;
        expect(typeof row.counts.cumulative === "number" ? row.counts.cumulative : n, `${where}: county ${row.key}`).toBe(n);
      }
      const active = w.listings.filter((l) => inScope(l.jurisdiction) && isListingActive(l, w.period.to));
      expect(typeof s.support.active === "number" ? s.support.active : active.length, `${where}: active listings`).toBe(active.length);
      expect(sorted(s.support.byVillage.map((r) => r.key)), `${where}: support villages`).toEqual(sorted(new Set(active.map((l) => l.jurisdiction as string))));
      for (const row of s.support.byVillage) {
        const n = active.filter((l) => l.jurisdiction === row.key).length;
        expect(typeof row.active === "number" ? row.active : n, `${where}: support ${row.key}`).toBe(n);
      }
      for (const row of s.support.byCategory) {
        const n = active.filter((l) => l.category === row.key).length;
        expect(typeof row.active === "number" ? row.active : n, `${where}: support category ${row.key}`).toBe(n);
      }
      expect(s.support.byCategory.map((r) => r.key)).toEqual([...SupportCategories.codes]);

      const place = w.places[pick % w.places.length]!;
      const other = await ledger.monthlyReport(actor, { period: w.period, jurisdiction: place });
      called("monthlyReport");
      if (!inScope(place)) expectDenied(other, "out-of-scope", place, `${where}, of ${place}`);
      else {
        const r = must(other, `${where}: report of ${place}`);
        if (r.for !== "own") throw new Error("a report for the township itself was expected");
        expect(r.report.jurisdiction).toBe(place);
        expectReport(r.report, mine.filter((d) => within(d.jurisdiction, place)), `${where}: report of ${place}`);
      }

      const summary = must(await ledger.campaignSummary(actor), `${where}: campaignSummary`);
      called("campaignSummary");
      expect(summary.jurisdiction).toBe(actor.scope);
      expectReport(summary.overall, mine, `${where}: campaign overall`);
      for (const month of summary.series) expectReport(month, mine, `${where}: campaign ${month.period.from}`);
    },
  );

  test.prop([caseArb], { numRuns: 10 })(
    "exportLedger (disputes, support registry, monthly summary) writes only in-scope rows, names and numbers shown as the actor's audience may see them; createLedgerBundle carries only in-scope disputes and persons",
    async ({ w, actor }) => {
      const { who, where, inScope } = begin(w, actor);
      const ledger = w.fx.ledger;
      const mine = w.disputes.filter((d) => inScope(d.jurisdiction));

      const disputes = keepingExporter();
      const d = await exportLedger(ledger, disputes, actor, { dataset: "disputes", purpose: PURPOSE.purpose });
      called("exportLedger");
      if (!readsDisputes(actor.role)) expectDenied(d, "role", undefined, where);
      else {
        await drain(must(d, `${where}: export disputes`).bytes);
        const col = (k: string) => disputeLedgerColumns.findIndex((c) => c.key === k);
        const rows = disputes.sheets[0]!.rows;
        figures.leaks += rows.filter((row) => !inScope(row[col("jurisdiction")] as string)).length;
        expect(sorted(rows.map((row) => row[col("id")] as string)), `${where}: exported disputes`).toEqual(sorted(mine.map((x) => x.id)));
        const byId = new Map(mine.map((x) => [x.id as string, x]));
        for (const row of rows) {
          const x = byId.get(row[col("id")] as string)!;
          // A party's name only when the party lives in the scope; otherwise withheld.
          const names = x.parties.map((q) => (q.kind === "organisation" ? q.name : inScope(w.personById.get(q.person)!.jurisdiction) ? w.personById.get(q.person)!.name : "〔不可见〕"));
          expect(row[col("parties")], `${where}: parties of ${x.id}`).toBe(names.join("、"));
          figures.foreignPartyIds += x.parties.filter((q) => q.kind === "person" && !inScope(w.personById.get(q.person)!.jurisdiction)).length;
        }
        figures.seen += rows.length;
      }

      const registry = keepingExporter();
      const s = await exportLedger(ledger, registry, actor, { dataset: "support-registry", purpose: PURPOSE.purpose });
      called("exportLedger");
      await drain(must(s, `${where}: export registry`).bytes);
      const col = (k: string) => supportRegistryColumns.findIndex((c) => c.key === k);
      const rows = registry.sheets[0]!.rows;
      const listingById = new Map(w.listings.map((l) => [l.id as string, l]));
      figures.leaks += rows.filter((row) => !inScope(listingById.get(row[col("listing")] as string)?.jurisdiction ?? "")).length;
      expect(sorted(rows.map((row) => row[col("listing")] as string)), `${where}: exported listings`).toEqual(sorted(w.listings.filter((l) => inScope(l.jurisdiction)).map((l) => l.id)));
      for (const row of rows) {
        const l = listingById.get(row[col("listing")] as string)!;
        const p = w.personById.get(l.person)!;
        const at = `${where}: registry row ${l.id}`;
        expect(row[col("village")], at).toBe(l.jurisdiction);
        expect(row[col("name")], at).toBe(namesShown(who) ? p.name : null);
        expectNumber(row[col("identityNumber")] ?? undefined, p.identityNumber, who, `${at}: identity number`);
        expectNumber(row[col("phone")] ?? undefined, p.contact?.phone, who, `${at}: phone`);
        expect(row[col("category")], at).toBe(whyShown(who, l.category) ? SupportCategories.label(l.category, "zh") : null);
      }
      figures.seen += rows.length;

      const summary = keepingExporter();
      const m = await exportLedger(ledger, summary, actor, { dataset: "monthly-summary", purpose: PURPOSE.purpose, period: w.period });
      called("exportLedger");
      if (!makesReports(actor.role)) expectDenied(m, "role", undefined, where);
      else {
        await drain(must(m, `${where}: export summary`).bytes);
        const villages = summary.sheets.find((x) => x.name === "按村(社区)")!.rows;
        figures.leaks += villages.filter((row) => !inScope(row[0] as string)).length;
        expect(sorted(villages.map((row) => row[0] as string)), `${where}: summary villages`).toEqual(sorted(new Set(mine.map((x) => x.jurisdiction as string))));
        for (const row of villages) expect(row[2], `${where}: summary ${String(row[0])}`).toBe(mine.filter((x) => x.jurisdiction === row[0]).length);
      }

      const bundle = await createLedgerBundle(ledger, actor, PURPOSE);
      called("createLedgerBundle");
      const parties = [...new Set(mine.flatMap((x) => x.parties.flatMap((q) => (q.kind === "person" ? [q.person as string] : []))))];
      // Made only by the coordinator (who reads disputes and the audit trail), and only when every party of the disputes lives in the scope.
      const makeable = actor.role === "coordinator" && parties.every((id) => inScope(w.personById.get(id)!.jurisdiction));
      expect(bundle.ok, `${where}: bundle made`).toBe(makeable);
      if (bundle.ok) {
        const b = bundle.value;
        expect(b.within).toBe(actor.scope);
        figures.leaks += b.records.disputes.filter((x) => !inScope(x.dispute.jurisdiction)).length + b.records.persons.filter((p) => !inScope(p.jurisdiction)).length;
        expect(sorted(b.records.disputes.map((x) => x.id)), `${where}: bundle disputes`).toEqual(sorted(mine.map((x) => x.id)));
        expect(sorted(b.records.persons.map((p) => p.id)), `${where}: bundle persons`).toEqual(sorted(parties));
        for (const p of b.records.persons) expect(p, `${where}: bundle person`).toEqual({ id: p.id, name: w.personById.get(p.id)!.name, jurisdiction: w.personById.get(p.id)!.jurisdiction });
        for (const segment of b.audit) expect(/^\d{12}$/.test(segment.chain) && inScope(segment.chain), `${where}: audit chain ${segment.chain}`).toBe(true);
        figures.seen += b.records.disputes.length + b.records.persons.length;
      } else expect(bundle.error._tag).toBe("BundleNotMade");
    },
  );
});
