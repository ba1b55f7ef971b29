import { type Actor, type OfficerId, type Person, createLedger, fixedClock, generateDevelopmentKeys, shanghaiStartOf } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { makeMemoryStore } from "@tiaojie/store-memory";
const town = sampleTown(2026, { disputes: 20000, persons: 4000, villages: 40, listings: 0 });
const today = town.period.to;
const personById = new Map(town.persons.map((p) => [p.id as string, p]));
const seen = new Set<string>();
const forms = town.disputes.map((dispute) => {
  const persons: Array<Person> = [];
  for (const party of dispute.parties) { if (party.kind !== "person" || seen.has(party.person)) continue; seen.add(party.person); persons.push(personById.get(party.person)!); }
  return { dispute, persons };
});
const unit = town.units.find((u) => u.kind === "social-affairs-office")!;
const officer: Actor = { officerId: "zx-0002" as OfficerId, name: "李娟", unit: unit.id, role: "unit-officer", scope: town.township.code };
const { keys } = generateDevelopmentKeys();
const ledger = createLedger({ store: makeMemoryStore(), units: town.units, keys, clock: fixedClock(shanghaiStartOf(today) + 9 * 3_600_000) });
const t0 = performance.now();
for (const form of forms) { const r = await ledger.registerDispute(officer, { dispute: form.dispute, persons: form.persons, idempotencyKey: form.dispute.id }); if (!r.ok) throw new Error(r.error.message); }
console.log("per registration µs", ((performance.now() - t0) * 1000) / forms.length);
