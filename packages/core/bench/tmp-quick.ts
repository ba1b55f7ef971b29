import { compileGradingTable } from "../src/grading/compile-grading-table.js";
import { daysUnresolved } from "../src/grading/days-unresolved.js";
import { zixiGradingTable } from "../src/presets/zixi/grading-table.js";
import { sampleTown } from "../src/testing/sample-town.js";
import { gradeByHand } from "./grading.js";
const town = sampleTown(1, { disputes: 200_000, persons: 2_000 });
const facts = town.disputes.map((d) => d.facts);
const days = Int32Array.from(town.disputes, (d) => daysUnresolved(d.reportedOn, town.period.to));
const c = compileGradingTable(zixiGradingTable); if (!c.ok) throw c.error;
const ev = c.value.evaluate;
const BIT = new Map(zixiGradingTable.rules.map((r, i) => [r.id, 1 << i]));
const L = { blue: 1, yellow: 2, orange: 3, red: 4 } as const; const P = { normal: 1, high: 2, urgent: 3 } as const;
const n = facts.length;
const runE = () => { let s = 0; for (let i = 0; i < n; i++) { const r = ev(facts[i]!, days[i]!); let m = 0; for (const f of r.fired) m |= BIT.get(f.id)!; s += L[r.level] + P[r.priority] + m; } return s; };
const runH = () => { let s = 0; for (let i = 0; i < n; i++) { const r = gradeByHand(facts[i]!, days[i]!); let m = 0; for (const f of r.fired) m |= BIT.get(f)!; s += L[r.level] + P[r.priority] + m; } return s; };
const te: number[] = [], th: number[] = [];
for (let k = 0; k < 25; k++) {
  let t = process.cpuUsage().user; const a = runE(); te.push((process.cpuUsage().user - t) / 1000);
  t = process.cpuUsage().user; const b = runH(); th.push((process.cpuUsage().user - t) / 1000);
  if (a !== b) throw new Error(`disagree ${a} ${b}`);
}
const med = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1]!;
console.log("evaluator ns/dispute", (med(te) / n * 1e6).toFixed(1), "hand", (med(th) / n * 1e6).toFixed(1), "ratio", (med(th) / med(te)).toFixed(2));
