import { type Actor, type LedgerStore, type OfficerId, type Person, createLedger, fixedClock, shanghaiStartOf, staticKeyProvider, weekendCalendar } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";

/**
 * A ledger over a store, for the package's own tests: a small sample town, its
 * registration forms (each dispute with the persons it is the first to name), a
 * social affairs officer who registers, and the township's coordinator.
 */
export const ledgerFixture = (store: LedgerStore, options: { readonly seed?: number; readonly disputes?: number } = {}) => {
  const town = sampleTown(options.seed ?? 2026, { disputes: options.disputes ?? 12, persons: 10, villages: 3, listings: 0 });
  const byId = new Map(town.persons.map((p) => [p.id as string, p]));
  const seen = new Set<string>();
  const forms = town.disputes.map((dispute) => {
    const persons: Array<Person> = [];
    for (const party of dispute.parties) {
      if (party.kind !== "person" || seen.has(party.person)) continue;
      seen.add(party.person);
      persons.push(byId.get(party.person)!);
    }
    return { dispute, persons };
  });
  const social = town.units.find((u) => u.kind === "social-affairs-office")!;
  const officer: Actor = { officerId: "zx-0002" as OfficerId, name: "李娟", unit: social.id, role: "unit-officer", scope: town.township.code };
  // Fixed test keys, so that a second process (or a reopened store) reads what the first sealed.
  const keys = staticKeyProvider({ keyEncryptionKeys: { "test-kek": new Uint8Array(32).fill(7) }, currentKeyId: "test-kek", blindIndexKey: new Uint8Array(32).fill(9) });
  const ledger = createLedger({ store, units: town.units, keys, calendar: weekendCalendar, clock: fixedClock(shanghaiStartOf(town.period.to) + 9 * 3_600_000) });
  const coordinator: Actor = { officerId: "zx-0001" as OfficerId, name: "王强", unit: town.units[0]!.id, role: "coordinator", scope: town.township.code };
  return { town, forms, officer, coordinator, ledger };
};
