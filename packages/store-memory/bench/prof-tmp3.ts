import { type Actor, type OfficerId, type Person, createLedger, fixedClock, generateDevelopmentKeys, shanghaiStartOf, decode, Dispute, defaultGradingTable, routeDispute } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { makeMemoryStore } from "@tiaojie/store-memory";
const N = Number(process.env.N ?? 20000);
const town = sampleTown(2026, { disputes: N, persons: N / 5, villages: 40, listings: 0 });
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
const table = defaultGradingTable();
for (let round = 0; round < 2; round++) {
  let t = performance.now();
  for (const f of forms) { const d = decode(Dispute, f.dispute); if (!d.ok) throw 1; const g = table.grade(d.value, today); routeDispute({ domain: d.value.domain, level: g.level, facts: d.value.facts }); }
  console.log("pure µs", (((performance.now() - t) * 1000) / N).toFixed(1));
  const ledger = createLedger({ store: makeMemoryStore(), units: town.units, keys, clock: fixedClock(shanghaiStartOf(today) + 9 * 3_600_000) });
  t = performance.now();
  const chunk = N / 4;
  for (let i = 0; i < N; i++) {
    const f = forms[i]!;
    const r = await ledger.registerDispute(officer, { dispute: f.dispute, persons: f.persons, idempotencyKey: process.env.NOKEY ? undefined : f.dispute.id });
    if (!r.ok) throw new Error(r.error.message);
    if ((i + 1) % chunk === 0) { console.log(`  regs ${i + 1 - chunk}-${i + 1}: µs`, (((performance.now() - t) * 1000) / chunk).toFixed(1)); t = performance.now(); }
  }
}
