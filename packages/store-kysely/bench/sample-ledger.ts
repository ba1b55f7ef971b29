/**
 * What the store's benchmarks register: disputes of a sample town as a
 * registration form carries them (each dispute with the persons it is the first
 * to name), the officers who act, and the ledger service over a store (the
 * town's units, development keys, a fixed clock on the last day of the town's
 * period, a calendar of weekends and the Zixi campaign).
 */
import {
  type Actor,
  type DisputeView,
  type Ledger,
  type LedgerStore,
  type OfficerId,
  type Person,
  createLedger,
  fixedClock,
  generateDevelopmentKeys,
  shanghaiStartOf,
  weekendCalendar,
  zixi2025,
} from "@tiaojie/core";
import { type SampleTown, sampleTown } from "@tiaojie/core/testing";

/** A dispute and the persons its registration brings along. */
export interface Form {
  readonly dispute: SampleTown["disputes"][number];
  readonly persons: ReadonlyArray<Person>;
}

/** A sample town's disputes as forms, and who registers and handles them. */
export interface Registrations {
  readonly town: SampleTown;
  readonly forms: ReadonlyArray<Form>;
  /** The social affairs office's officer: may record the persons' identity and phone numbers. */
  readonly registrar: Actor;
  /** The peace and rule-of-law office's coordinator: moves cases on and makes reports. */
  readonly coordinator: Actor;
}

/** `sampleTown(2026)` with `disputes` disputes, one person for every five, 40 villages, no listings. */
export const sampleRegistrations = (disputes: number): Registrations => {
  const town = sampleTown(2026, { disputes, persons: Math.max(1, Math.round(disputes / 5)), villages: 40, listings: 0 });
  const personById = new Map(town.persons.map((p) => [p.id as string, p]));
  const seen = new Set<string>();
  const forms = town.disputes.map((dispute): Form => {
    const persons: Array<Person> = [];
    for (const party of dispute.parties) {
      if (party.kind !== "person" || seen.has(party.person)) continue;
      seen.add(party.person);
      persons.push(personById.get(party.person)!);
    }
    return { dispute, persons };
  });
  const unitOf = (kind: string) => town.units.find((u) => u.kind === kind)!.id;
  const scope = town.township.code;
  return {
    town,
    forms,
    registrar: { officerId: "zx-0002" as OfficerId, name: "李娟", unit: unitOf("social-affairs-office"), role: "unit-officer", scope },
    coordinator: { officerId: "zx-0001" as OfficerId, name: "王芳", unit: unitOf("peace-rule-of-law-office"), role: "coordinator", scope },
  };
};

// One set of keys per process: a ledger reopened on the same file reads what an earlier one sealed.
const { keys } = generateDevelopmentKeys();

/** The ledger service over a store, its clock at nine in the morning of the town's last day. */
export const openLedger = (store: LedgerStore, r: Registrations): Ledger =>
  createLedger({
    store,
    units: r.town.units,
    keys,
    clock: fixedClock(shanghaiStartOf(r.town.period.to) + 9 * 3_600_000),
    calendar: weekendCalendar,
    config: { campaign: zixi2025 },
  });

/** Registers every form, one `registerDispute` each with its dispute's id as the idempotency key. */
export const registerEach = async (ledger: Ledger, r: Registrations): Promise<ReadonlyArray<DisputeView>> => {
  const views: Array<DisputeView> = [];
  for (const form of r.forms) {
    const done = await ledger.registerDispute(r.registrar, { dispute: form.dispute, persons: form.persons, idempotencyKey: form.dispute.id });
    if (!done.ok) throw new Error(`registration of ${form.dispute.id} refused: ${done.error.message}`);
    views.push(done.value.dispute);
  }
  return views;
};

/** Registers every form through the bulk use case `registerDisputes` (batches of 500, its default, unless told), and says how many it registered. */
export const registerBulk = async (ledger: Ledger, r: Registrations, run: string, batchSize?: number): Promise<number> => {
  const done = await ledger.registerDisputes(r.registrar, { run, items: r.forms, ...(batchSize === undefined ? {} : { batchSize }) });
  if (!done.ok) throw new Error(`bulk registration refused: ${done.error.message}`);
  return done.value.registered;
};

/** Seconds with two decimals. */
export const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** A whole number with thousands separators. */
export const whole = (n: number): string => Math.round(n).toLocaleString("en");
