import { compileGradingTable } from "../src/grading/compile-grading-table.js";
import { daysUnresolved } from "../src/grading/days-unresolved.js";
import { zixiGradingTable } from "../src/presets/zixi/grading-table.js";
import { sampleTown } from "../src/testing/sample-town.js";
const town = sampleTown(1, { disputes: 1_000_000, persons: 20_000 });
const c = compileGradingTable(zixiGradingTable); if (!c.ok) throw c.error;
let calm = 0, amount = 0; const keys = new Set<string>(); const amounts = new Set<number>(); const people = new Map<number, number>();
for (const d of town.disputes) {
  const r = c.value.evaluate(d.facts, daysUnresolved(d.reportedOn, town.period.to));
  if (r.fired.length === 0 && r.tasks.length === 0) { calm++; continue; }
  if ("amountAtStake" in r.values) { amount++; amounts.add(r.values.amountAtStake as number); }
  keys.add(JSON.stringify([r.fired.map((f) => f.id), r.values, r.daysUnresolved]));
  people.set(d.facts.peopleInvolved, (people.get(d.facts.peopleInvolved) ?? 0) + 1);
}
console.log({ calm, amount, distinctAmounts: amounts.size, distinctNonCalm: keys.size, maxPeople: Math.max(...people.keys()) });
