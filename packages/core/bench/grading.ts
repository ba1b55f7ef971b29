/**
 * Grading benchmark (issue 3): one million disputes of a sample town graded by
 *   (a) the Zixi table through the compiled evaluator, with full explanations
 *       (every rule, escalator and task decided and recorded; texts built on read);
 *   (b) a hand-written function with the same rules, returning the level only;
 *   (c) json-rules-engine with the same rules, on 100,000 of them (scaled);
 * plus, for information, the same table compiled to closures instead of
 * generated code. Variants alternate in one process; median of 5 runs each.
 * The bench exits non-zero if any two variants disagree on any input's level.
 */
import { Engine, type NestedCondition, type TopLevelCondition } from "json-rules-engine";
import type { DisputeFacts } from "../src/model/dispute.js";
import { compileGradingTable, type CompiledGradingTable } from "../src/grading/compile-grading-table.js";
import { daysUnresolved } from "../src/grading/days-unresolved.js";
import type { GradingCondition, GradingTable } from "../src/grading/grading-table.js";
import { zixiGradingTable } from "../src/presets/zixi/grading-table.js";
import { sampleTown } from "../src/testing/sample-town.js";
import { riskRank } from "../src/taxonomy/risk-levels.js";
import { type Timing, measureAlternating } from "./measure.js";
import { type BenchEntry, comparison, printTable } from "./results.js";

/** A ratio with two decimals, or three significant digits when it is below 0.1. */
const ratio = (r: number): string => (r >= 0.1 ? r.toFixed(2) : r.toPrecision(3));

const DISPUTES = 1_000_000;
const ENGINE_ITEMS = 100_000;

/** (b) The Zixi rules written by hand: the fastest honest baseline (level only, short-circuiting). */
export const gradeByHand = (f: DisputeFacts, days: number): number => {
  let rank = 1;
  if (f.threatOfViolence || f.selfHarmRisk || f.peopleInvolved >= 30) rank = 4;
  else if (f.peopleInvolved >= 5 || f.amountAtStake >= 1_000_000 || f.violentHistory || f.emotionalIntensity >= 3 || f.unpaidMajorProjectLandCompensation) rank = 3;
  else if (f.amountAtStake >= 100_000 || f.emotionalIntensity >= 2 || f.failedMediations >= 2 || f.vulnerableParty) rank = 2;
  if (days > 180 && rank < 4) rank += 1;
  return rank;
};

const OPERATORS: Record<string, string> = { ">=": "greaterThanInclusive", ">": "greaterThan", "<=": "lessThanInclusive", "<": "lessThan", "==": "equal", "!=": "notEqual" };

/** Translates a condition of our table into json-rules-engine's condition format. */
const toEngineCondition = (c: GradingCondition, params: ReadonlyMap<string, number>): NestedCondition => {
  switch (c.op) {
    case "is": return { fact: c.fact, operator: "equal", value: true };
    case "all": return { all: c.of.map((p) => toEngineCondition(p, params)) };
    case "any": return { any: c.of.map((p) => toEngineCondition(p, params)) };
    case "not": return { not: toEngineCondition(c.of, params) };
    default: return { fact: c.fact, operator: OPERATORS[c.op]!, value: typeof c.than === "number" ? c.than : params.get(c.than)! };
  }
};

const topLevel = (c: NestedCondition): TopLevelCondition =>
  "all" in c || "any" in c || "not" in c ? (c as TopLevelCondition) : { all: [c] };

/** (c) The same table as json-rules-engine rules: one engine rule per rule and per escalator. */
export const makeEngine = (table: GradingTable): Engine => {
  const params = new Map(table.parameters.map((p) => [p.name, p.value]));
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const rule of table.rules)
    engine.addRule({ name: rule.id, conditions: topLevel(toEngineCondition(rule.when, params)), event: { type: "rule", params: { rank: riskRank(rule.level) } } });
  table.escalators.forEach((e, order) =>
    engine.addRule({ name: e.id, conditions: topLevel(toEngineCondition(e.when, params)), event: { type: "escalator", params: { order, ...e.then } } }));
  return engine;
};

const gradeWithEngine = async (engine: Engine, f: DisputeFacts, days: number): Promise<number> => {
  const { events } = await engine.run({ ...f, daysUnresolved: days });
  let rank = 1;
  const escalators: Array<{ order: number; op: string; steps?: number; level?: string }> = [];
  for (const ev of events) {
    if (ev.type === "rule") rank = Math.max(rank, ev.params!["rank"] as number);
    else escalators.push(ev.params as never);
  }
  escalators.sort((a, b) => a.order - b.order);
  for (const e of escalators) rank = e.op === "raise" ? Math.min(4, Math.max(1, rank + e.steps!)) : Math.max(rank, riskRank(e.level as never));
  return rank;
};

const compiled = (strategy: "generated" | "closures"): CompiledGradingTable => {
  const c = compileGradingTable(zixiGradingTable, { strategy });
  if (!c.ok) throw c.error;
  return c.value;
};

const RANK = { blue: 1, yellow: 2, orange: 3, red: 4 } as const;

export const runGradingBench = async (): Promise<ReadonlyArray<BenchEntry>> => {
  console.log(`Grading benchmark: making a sample town with ${DISPUTES.toLocaleString("en-US")} disputes …`);
  const town = sampleTown(1, { disputes: DISPUTES, persons: 20_000 });
  const asOf = town.period.to;
  const facts: Array<DisputeFacts> = town.disputes.map((d) => d.facts);
  const days = Int32Array.from(town.disputes, (d) => daysUnresolved(d.reportedOn, asOf));
  const n = facts.length;

  const generated = compiled("generated");
  const closures = compiled("closures");
  const engine = makeEngine(zixiGradingTable);

  // One loop per compiled table, so that each call site sees one function (as in real use).
  const byGenerated = (): Uint8Array => {
    const out = new Uint8Array(n);
    const evaluate = generated.evaluate;
    for (let i = 0; i < n; i++) out[i] = RANK[evaluate(facts[i]!, days[i]!).level];
    return out;
  };
  const byClosures = (): Uint8Array => {
    const out = new Uint8Array(n);
    const evaluate = closures.evaluate;
    for (let i = 0; i < n; i++) out[i] = RANK[evaluate(facts[i]!, days[i]!).level];
    return out;
  };
  // For information: the same, reading every explanation in full (lists and reason texts).
  const byEvaluatorRendered = (): Uint8Array => {
    const out = new Uint8Array(ENGINE_ITEMS);
    let chars = 0;
    for (let i = 0; i < ENGINE_ITEMS; i++) {
      const r = generated.evaluate(facts[i]!, days[i]!);
      for (const f of r.fired) chars += f.reason.zh.length + f.reason.en.length;
      for (const e of r.escalations) chars += e.reason.zh.length + e.reason.en.length;
      chars += r.tasks.length;
      out[i] = RANK[r.level];
    }
    if (chars === 0) throw new Error("no explanation was rendered");
    return out;
  };
  const byHand = (): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = gradeByHand(facts[i]!, days[i]!);
    return out;
  };
  const byEngine = async (): Promise<Uint8Array> => {
    const out = new Uint8Array(ENGINE_ITEMS);
    for (let i = 0; i < ENGINE_ITEMS; i++) out[i] = await gradeWithEngine(engine, facts[i]!, days[i]!);
    return out;
  };

  console.log("Timing: alternating variants, 1 warm-up + 5 timed runs each …");
  const timings = await measureAlternating(
    [
      { name: "evaluator (generated, full explanations)", items: n, run: byGenerated },
      { name: "hand-written function", items: n, run: byHand },
      { name: "json-rules-engine", items: ENGINE_ITEMS, run: byEngine },
      { name: "evaluator (closures, full explanations)", items: n, run: byClosures },
      { name: "evaluator, every reason text rendered", items: ENGINE_ITEMS, run: byEvaluatorRendered },
    ],
    { runs: 5, onRun: (name, ms) => console.log(`  ${name}: ${ms.toFixed(1)} ms`) },
  );
  const [evaluator, hand, jre, closure, rendered] = timings as unknown as [Timing<Uint8Array>, Timing<Uint8Array>, Timing<Uint8Array>, Timing<Uint8Array>, Timing<Uint8Array>];

  // Every variant must give every input the same level.
  const disagreements: Array<string> = [];
  for (let i = 0; i < n; i++) {
    const a = evaluator.output[i]!;
    if (a !== hand.output[i] || a !== closure.output[i] || (i < ENGINE_ITEMS && (a !== jre.output[i] || a !== rendered.output[i])))
      disagreements.push(`${town.disputes[i]!.id}: evaluator ${a}, hand ${hand.output[i]}, closures ${closure.output[i]}, engine ${i < ENGINE_ITEMS ? jre.output[i] : "-"}`);
  }
  if (disagreements.length > 0) {
    console.error(`\nFAIL: the variants disagree on ${disagreements.length} input(s), e.g.:\n  ${disagreements.slice(0, 10).join("\n  ")}`);
    process.exit(1);
  }

  // Spot-check that explanations are complete: render the reasons of the first 1,000.
  for (let i = 0; i < 1_000; i++) {
    const r = generated.evaluate(facts[i]!, days[i]!);
    for (const f of r.fired) if (!f.reason.zh || !f.reason.en) throw new Error("an explanation is empty");
  }

  const counts = [0, 0, 0, 0, 0];
  for (const level of evaluator.output) counts[level]!++;
  console.log(`\nLevels of the ${n.toLocaleString("en-US")} disputes: red ${counts[4]}, orange ${counts[3]}, yellow ${counts[2]}, blue ${counts[1]}; all variants agree.\n`);

  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  printTable(
    ["variant", "items", "median ms", "disputes/s", "runs (ms)"],
    timings.map((t) => [t.name, fmt(t.items), t.medianMs.toFixed(1), fmt(t.perSecond), t.runs.map((r) => r.toFixed(0)).join(" ")]),
  );

  const vsHand = evaluator.perSecond / hand.perSecond;
  const vsEngine = evaluator.perSecond / jre.perSecond;
  const entries = [
    comparison("grading: evaluator / hand-written", evaluator.perSecond, "disputes/s", vsHand, 0.5),
    comparison("grading: evaluator / json-rules-engine", evaluator.perSecond, "disputes/s", vsEngine, 500),
  ];
  console.log("");
  printTable(
    ["comparison", "ratio", "target", "holds"],
    [
      ...entries.map((e) => [e.name, `${ratio(e.ratio!)}×`, `≥ ${e.target}×`, e.holds ? "yes" : "NO"]),
      ["(info) closures / hand-written", `${ratio(closure.perSecond / hand.perSecond)}×`, "-", "-"],
      ["(info) reasons rendered / hand-written", `${ratio(rendered.perSecond / hand.perSecond)}×`, "-", "-"],
    ],
  );
  return entries;
};
