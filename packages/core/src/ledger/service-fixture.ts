// Test helpers for the ledger service's tests (not part of the public API): a
// sample town over a naive store with development keys and a stopped clock, the
// actors of the town's units, and shortcuts that register a town's records
// through the ledger, or plant listings with histories the service would take
// months to make.
import { weekendCalendar } from "../calendar/calendar.js";
import { shanghaiStartOf } from "../calendar/local-dates.js";
import { generateDevelopmentKeys } from "../crypto/key-provider.js";
import { openJson, sealJson, unwrapDataKey } from "../crypto/envelope.js";
import type { Actor } from "../model/actor.js";
import type { DivisionCode } from "../model/division-code.js";
import type { ListingId, OfficerId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Person } from "../model/person.js";
import type { Unit } from "../model/unit.js";
import { fixedClock } from "../ports/clock.js";
import type { KeyProvider } from "../ports/key-provider.js";
import type { ListingRow } from "../ports/store-rows.js";
import type { Listing } from "../support/listing.js";
import type { SupportFactsJson } from "../support/support-facts.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { type SampleTown, type SampleTownOptions, sampleTown } from "../testing/sample-town.js";
import { type Ledger, createLedger } from "./create-ledger.js";
import type { LedgerConfig, LedgerOptions } from "./ledger-config.js";
import { naiveStore } from "./naive-store-fixture.js";

/** @internal A `Result`'s value, or a thrown error naming what failed (for set-up steps that must succeed). */
export const must = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: unknown }, what = "step"): A => {
  if (r.ok) return r.value;
  const e = r.error as { readonly message?: string; readonly _tag?: string };
  throw new Error(`${what} failed: ${e._tag ?? ""} ${e.message ?? String(r.error)}`);
};

/** @internal The town's actors: one per unit kind the tests need, at the township or a village. */
export const actorsOf = (town: SampleTown) => {
  const township = town.township.code;
  const make = (officerId: string, unit: string, role: ActorRole, scope: DivisionCode = township): Actor => ({
    officerId: officerId as OfficerId,
    name: "测试员",
    unit: unit as UnitId,
    role,
    scope,
  });
  const committeeOf = (village: DivisionCode): string => town.units.find((u) => u.jurisdiction === village)!.id;
  return {
    coordinator: make("t-coord", "u-pafzb", "coordinator"),
    leadership: make("t-lead", "u-dwzf", "township-leadership"),
    social: make("t-social", "u-shswb", "unit-officer"),
    health: make("t-health", "u-wsy", "unit-officer"),
    justice: make("t-justice", "u-sfs", "unit-officer"),
    police: make("t-police", "u-pcs", "unit-officer"),
    economic: make("t-econ", "u-jjfzb", "unit-officer"),
    auditor: make("t-audit", "u-zzzx", "auditor"),
    village: (village: DivisionCode) => make(`t-vc-${village.slice(9)}`, committeeOf(village), "village-committee", village),
    grid: (village: DivisionCode) => make(`t-grid-${village.slice(9)}`, committeeOf(village), "grid-worker", village),
    /** An officer of a township unit whose authority is one village. */
    inVillage: (actor: Actor, village: DivisionCode): Actor => ({ ...actor, officerId: `${actor.officerId}-${village.slice(9)}` as OfficerId, scope: village }),
  };
};

/** @internal What `serviceFixture` makes. */
export interface ServiceFixture {
  readonly town: SampleTown;
  readonly store: ReturnType<typeof naiveStore>;
  readonly keys: KeyProvider;
  readonly checkpointPublicKey: string;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly options: LedgerOptions;
  readonly ledger: Ledger;
  readonly actors: ReturnType<typeof actorsOf>;
  /** The Asia/Shanghai day the clock is on. */
  readonly today: LocalDate;
}

/**
 * @internal A ledger over a naive store for a sample town, its clock stopped at
 * 10:00 in Shanghai on `today` (the town's last day by default), with the
 * weekend calendar and development keys.
 */
export const serviceFixture = (
  seed: number,
  townOptions: SampleTownOptions = {},
  extra: {
    readonly failAt?: () => boolean;
    /** Whether the naive store counts disputes (`disputeCounts`). @default false */
    readonly counts?: boolean;
    readonly config?: LedgerConfig;
    readonly today?: LocalDate;
    readonly town?: SampleTown;
    /** Units besides the town's, e.g. {@link foreignUnits}. */
    readonly units?: ReadonlyArray<Unit>;
    /** A naive store with a lagging read-only replica (`store.syncReplica()` catches it up). */
    readonly replica?: boolean;
  } = {},
): ServiceFixture => {
  const town = extra.town ?? sampleTown(seed, { villages: 3, persons: 12, disputes: 6, listings: 0, ...townOptions });
  const store = naiveStore({
    ...(extra.failAt === undefined ? {} : { failAt: extra.failAt }),
    ...(extra.replica === true ? { replica: true } : {}),
    ...(extra.counts === true ? { counts: true } : {}),
  });
  const { keys, checkpointPublicKey } = generateDevelopmentKeys();
  const today = extra.today ?? town.period.to;
  const clock = fixedClock(shanghaiStartOf(today) + 10 * 3_600_000);
  const options: LedgerOptions = {
    store,
    units: [...town.units, ...(extra.units ?? [])],
    clock,
    calendar: weekendCalendar,
    keys,
    ...(extra.config === undefined ? {} : { config: extra.config }),
  };
  return { town, store, keys, checkpointPublicKey, clock, options, ledger: createLedger(options), actors: actorsOf(town), today };
};

/** @internal Registers persons through the ledger, by the social affairs office (which records identity and phone numbers). */
export const registerPersons = async (fx: ServiceFixture, persons: ReadonlyArray<Person> = fx.town.persons): Promise<void> => {
  for (const p of persons) must(await fx.ledger.registerPerson(fx.actors.social, p), `register person ${p.id}`);
};

/** @internal Registers the town's disputes (their persons registered first), by the coordinator. */
export const registerTown = async (fx: ServiceFixture) => {
  await registerPersons(fx);
  const views = [];
  for (const d of fx.town.disputes) views.push(must(await fx.ledger.registerDispute(fx.actors.coordinator, { dispute: d }), `register ${d.id}`).dispute);
  return views;
};

/**
 * @internal Puts listings into the store as the service would keep them (sealed
 * under their person's data key, `closedOn` from the history), without audit
 * events: histories the service itself would take months of clock to make.
 * The persons must be registered.
 */
export const plantListings = async (fx: ServiceFixture, listings: ReadonlyArray<Listing>): Promise<void> => {
  await fx.store.transact(async (tx) => {
    for (const l of listings) {
      const keyRow = await tx.personKeys.get(l.person);
      if (keyRow === undefined) throw new Error(`plantListings: person ${l.person} is not registered`);
      const key = unwrapDataKey(keyRow.wrapped, fx.keys.keyEncryptionKey(keyRow.kekId)!, l.person);
      if (key === undefined) throw new Error(`plantListings: cannot unwrap the key of ${l.person}`);
      const closing = l.history.find((e) => e.kind === "ended" || e.kind === "removed" || e.kind === "lapsed");
      const row: ListingRow = {
        id: l.id,
        version: 1,
        person: l.person,
        jurisdiction: l.jurisdiction,
        responsibleUnit: l.responsibleUnit,
        ...(closing === undefined ? {} : { closedOn: closing.on }),
        sealed: sealJson(l, key, l.person),
      };
      if ((await tx.listings.insert(row)) !== "done") throw new Error(`plantListings: listing ${l.id} exists`);
    }
  });
};

/** @internal Facts that qualify a person for a category as of `on` (assessed that day), with a marker text to look for. */
export const qualifyingFacts = (person: PersonId, category: SupportCategory, on: LocalDate, marker = "标记"): SupportFactsJson => {
  switch (category) {
    case 1:
      return { person, mentalHealth: { confirmedBy: "health-centre", confirmedOn: on, dangerousnessGrade: 2 } };
    case 2:
      return { person, correction: { kind: "released", releasedOn: on, recordedBy: `司法所${marker}`, recordedOn: on } };
    case 3:
      return { person, crisis: { assessedBy: `社工${marker}`, profession: "社工", assessedOn: on, indicators: ["life-setback"] } };
    case 4:
      return { person, threats: [{ kind: "violence", documentedBy: "派出所民警", documentedOn: on, record: `扬言报复${marker}` }] };
    case 5:
      return { person, hardship: { indicators: ["poverty"], assessedBy: `民政${marker}`, assessedOn: on } };
    case 6:
      return { person, residence: { householdRegisteredElsewhere: true, registration: "unregistered", housing: `出租房${marker}`, recordedBy: `村干部${marker}`, recordedOn: on } };
  }
};

/** @internal The actor who may open a listing of a category (the policy's writers of its class) and the unit that leads it. */
export const openerOf = (fx: ServiceFixture, category: SupportCategory): { readonly actor: Actor; readonly unit: UnitId } => {
  const a = fx.actors;
  const by: Readonly<Record<SupportCategory, Actor>> = { 1: a.health, 2: a.justice, 3: a.social, 4: a.coordinator, 5: a.social, 6: a.police };
  return { actor: by[category], unit: by[category].unit };
};

/** @internal Opens a listing of a category for a registered person through the ledger. */
export const openListingFor = async (fx: ServiceFixture, person: PersonId, category: SupportCategory, id: string, marker?: string) => {
  const { actor, unit } = openerOf(fx, category);
  return must(
    await fx.ledger.openListing(actor, { facts: qualifyingFacts(person, category, fx.today, marker), category, id: id as ListingId, responsibleUnit: unit, responsiblePerson: "王芳" }),
    `open listing ${id}`,
  );
};

/** @internal A person's data key, unwrapped from the store's committed state with the fixture's keys; undefined once erased. */
export const dataKeyOf = (fx: ServiceFixture, person: string): Uint8Array | undefined => {
  const row = fx.store.state().collections.personKeys![person] as unknown as { readonly kekId: string; readonly wrapped: string } | undefined;
  if (row === undefined) return undefined;
  const kek = fx.keys.keyEncryptionKey(row.kekId);
  return kek === undefined ? undefined : unwrapDataKey(row.wrapped, kek, person);
};

/** @internal A listing as the store keeps it, opened with the fixture's keys: the ground truth the views are redacted from. */
export const storedListing = (fx: ServiceFixture, id: string): Listing => {
  const row = fx.store.state().collections.listings![id] as unknown as ListingRow;
  const key = dataKeyOf(fx, row.person);
  if (key === undefined) throw new Error(`storedListing: the key of ${row.person} is gone`);
  return openJson(row.sealed, key) as Listing;
};

/** @internal The units of another sample town, their ids prefixed with `x-`: actors of another township. */
export const foreignUnits = (seed: number): { readonly township: DivisionCode; readonly villages: ReadonlyArray<DivisionCode>; readonly units: ReadonlyArray<Unit> } => {
  const other = sampleTown(seed, { villages: 2, persons: 1, disputes: 0, listings: 0 });
  return {
    township: other.township.code,
    villages: other.villages.map((v) => v.code),
    units: other.units.map((u) => ({ ...u, id: `x-${u.id}` as UnitId })),
  };
};
