/**
 * Grading benchmark (issues 3 and 8): one million disputes of a sample town graded,
 * and for each what a store would persist read back (level, priority, the ids of
 * the rules fired), by
 *   (a) the Zixi table through the compiled evaluator: every rule, escalator and
 *       task decided, and each result plain, deeply frozen data with the values read;
 *   (b) a hand-written function with the same rules, computing the same three
 *       things (level, priority, fired rule ids) as a plain object, nothing else;
 *   (c) json-rules-engine with the same rules, on 100,000 of them (scaled);
 * plus, for information, the same table compiled to closures instead of
 * generated code, and the evaluator with every explanation put into words by
 * explainGrade. Variants alternate in one process; median of 5 runs each.
 * The bench exits non-zero if any two variants disagree on any input, and
 * `run.ts` exits non-zero if a target does not hold.
 */
import { Engine, type NestedCondition, type TopLevelCondition } from "json-rules-engine";
import type { DisputeFacts } from "../src/model/dispute.js";
import { compileGradingTable, type CompiledGradingTable } from "../src/grading/compile-grading-table.js";
import { daysUnresolved } from "../src/grading/days-unresolved.js";
import { explainGrade } from "../src/grading/explain-grade.js";
import type { GradingCondition, GradingTable } from "../src/grading/grading-table.js";
import { zixiGradingTable } from "../src/presets/zixi/grading-table.js";
import { sampleTown } from "../src/testing/sample-town.js";
import { type ResolutionPriority, priorityRank } from "../src/taxonomy/resolution-priorities.js";
import { type RiskLevel, riskRank } from "../src/taxonomy/risk-levels.js";
import { type BenchEntry, type Timing, comparison, measureAlternating, printTable } from "@tiaojie/bench-support";

/** A ratio with two decimals, or three significant digits when it is below 0.1. */
const ratio = (r: number): string => (r >= 0.1 ? r.toFixed(2) : r.toPrecision(3));

const DISPUTES = 1_000_000;
const ENGINE_ITEMS = 100_000;

/** What a store persists of a grade: the level, the priority and the ids of the rules fired. */
interface Persisted {
  readonly level: RiskLevel;
  readonly priority: ResolutionPriority;
  readonly fired: ReadonlyArray<{ readonly id: string }> | ReadonlyArray<string>;
}

const LEVEL_OF: ReadonlyArray<RiskLevel> = ["blue", "blue", "yellow", "orange", "red"];
const PRIORITY_OF: ReadonlyArray<ResolutionPriority> = ["normal", "normal", "high", "urgent"];

/**
 * (b) The Zixi rules written by hand: the fastest honest baseline for the same
 * output. Every rule is decided (the fired ids need all of them), the level is
 * the highest, the priority the level's base priority raised after 180 days.
 */
export const gradeByHand = (f: DisputeFacts, days: number): { level: RiskLevel; priority: ResolutionPriority; fired: Array<string> } => {
  const fired: Array<string> = [];
  let rank = 1;
  if (f.threatOfViolence || f.selfHarmRisk) { fired.push("danger-to-life"); rank = 4; }
  if (f.peopleInvolved >= 30) { fired.push("crowd-red"); rank = 4; }
  if (f.peopleInvolved >= 5) { fired.push("crowd-orange"); if (rank < 3) rank = 3; }
  if (f.amountAtStake >= 1_000_000) { fired.push("amount-orange"); if (rank < 3) rank = 3; }
  if (f.amountAtStake >= 100_000) { fired.push("amount-yellow"); if (rank < 2) rank = 2; }
  if (f.violentHistory) { fired.push("violent-history"); if (rank < 3) rank = 3; }
  if (f.emotionalIntensity >= 3) { fired.push("intensity-orange"); if (rank < 3) rank = 3; }
  if (f.emotionalIntensity >= 2) { fired.push("intensity-yellow"); if (rank < 2) rank = 2; }
  if (f.failedMediations >= 2) { fired.push("repeated-failed-mediation"); if (rank < 2) rank = 2; }
  if (f.unpaidMajorProjectLandCompensation) { fired.push("unpaid-land-compensation"); if (rank < 3) rank = 3; }
  if (f.vulnerableParty) { fired.push("vulnerable-party"); if (rank < 2) rank = 2; }
  let priority = rank === 4 ? 3 : rank === 3 ? 2 : 1;
  if (days > 180 && priority < 3) priority += 1;
  return { level: LEVEL_OF[rank]!, priority: PRIORITY_OF[priority]!, fired };
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
  table.rules.forEach((rule, order) =>
    engine.addRule({ name: rule.id, conditions: topLevel(toEngineCondition(rule.when, params)), event: { type: "rule", params: { order, id: rule.id, rank: riskRank(rule.level) } } }));
  table.escalators.forEach((e, order) =>
    engine.addRule({ name: e.id, conditions: topLevel(toEngineCondition(e.when, params)), event: { type: "escalator", params: { order, ...e.then } } }));
  return engine;
};

const gradeWithEngine = async (engine: Engine, table: GradingTable, f: DisputeFacts, days: number): Promise<Persisted> => {
  const { events } = await engine.run({ ...f, daysUnresolved: days });
  let rank = 1;
  const fired: Array<{ order: number; id: string }> = [];
  const escalators: Array<{ order: number; op: string; steps?: number; priority?: ResolutionPriority }> = [];
  for (const ev of events) {
    if (ev.type === "rule") {
      rank = Math.max(rank, ev.params!["rank"] as number);
      fired.push(ev.params as never);
    } else escalators.push(ev.params as never);
  }
  escalators.sort((a, b) => a.order - b.order);
  fired.sort((a, b) => a.order - b.order);
  const level = LEVEL_OF[rank]!;
  let p = priorityRank(table.basePriority[level]);
  for (const e of escalators) p = e.op === "raise" ? Math.min(3, Math.max(1, p + e.steps!)) : Math.max(p, priorityRank(e.priority!));
  return { level, priority: PRIORITY_OF[p]!, fired: fired.map((x) => x.id) };
};

const compiled = (strategy: "generated" | "closures"): CompiledGradingTable => {
  const c = compileGradingTable(zixiGradingTable, { strategy });
  if (!c.ok) throw c.error;
  return c.value;
};

const LEVEL_RANK: Readonly<Record<RiskLevel, number>> = { blue: 1, yellow: 2, orange: 3, red: 4 };
const PRIORITY_RANK: Readonly<Record<ResolutionPriority, number>> = { normal: 1, high: 2, urgent: 3 };
const RULE_BIT = new Map(zixiGradingTable.rules.map((r, i) => [r.id, 1 << i]));

/** What each variant hands back, per dispute: level and priority ranks and a bit per fired rule. */
interface Read {
  readonly level: Uint8Array;
  readonly priority: Uint8Array;
  readonly fired: Uint32Array;
}
const makeRead = (n: number): Read => ({ level: new Uint8Array(n), priority: new Uint8Array(n), fired: new Uint32Array(n) });

/** Reads what a store would persist. The same code for every variant. */
const idOf = (x: { readonly id: string } | string): string => (typeof x === "string" ? x : x.id);
const record = (out: Read, i: number, r: Persisted): void => {
  out.level[i] = LEVEL_RANK[r.level];
  out.priority[i] = PRIORITY_RANK[r.priority];
  let mask = 0;
  for (const x of r.fired) mask |= RULE_BIT.get(idOf(x)) ?? 0;
  out.fired[i] = mask;
};

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
  const byGenerated = (): Read => {
    const out = makeRead(n);
    const evaluate = generated.evaluate;
    for (let i = 0; i < n; i++) record(out, i, evaluate(facts[i]!, days[i]!));
    return out;
  };
  const byClosures = (): Read => {
    const out = makeRead(n);
    const evaluate = closures.evaluate;
    for (let i = 0; i < n; i++) record(out, i, evaluate(facts[i]!, days[i]!));
    return out;
  };
  // For information: the same, with every result put into words (both languages).
  const byExplained = (): Read => {
    const out = makeRead(ENGINE_ITEMS);
    let chars = 0;
    for (let i = 0; i < ENGINE_ITEMS; i++) {
      const r = generated.evaluate(facts[i]!, days[i]!);
      for (const lang of ["zh", "en"] as const) {
        const text = explainGrade(r, lang, generated);
        if (!text.ok) throw text.error;
        for (const f of text.value.fired) chars += f.reason.length;
        for (const e of text.value.escalations) chars += e.reason.length;
      }
      record(out, i, r);
    }
    if (chars === 0) throw new Error("no explanation was rendered");
    return out;
  };
  const byHand = (): Read => {
    const out = makeRead(n);
    for (let i = 0; i < n; i++) record(out, i, gradeByHand(facts[i]!, days[i]!));
    return out;
  };
  const byEngine = async (): Promise<Read> => {
    const out = makeRead(ENGINE_ITEMS);
    for (let i = 0; i < ENGINE_ITEMS; i++) record(out, i, await gradeWithEngine(engine, zixiGradingTable, facts[i]!, days[i]!));
    return out;
  };

  console.log("Timing: alternating variants, 1 warm-up + 5 timed runs each …");
  const timings = await measureAlternating<Read>(
    [
      { name: "evaluator (generated, frozen results)", items: n, run: byGenerated },
      { name: "hand-written function", items: n, run: byHand },
      { name: "json-rules-engine", items: ENGINE_ITEMS, run: byEngine },
      { name: "evaluator (closures, frozen results)", items: n, run: byClosures },
      { name: "evaluator + explainGrade (zh and en)", items: ENGINE_ITEMS, run: byExplained },
    ],
    { runs: 5, onRun: (name, ms) => console.log(`  ${name}: ${ms.toFixed(1)} ms`) },
  );
  const [evaluator, hand, jre, closure, explained] = timings as unknown as [Timing<Read>, Timing<Read>, Timing<Read>, Timing<Read>, Timing<Read>];

  // Every variant must read the same level, priority and fired rules for every input.
  const same = (a: Read, b: Read, i: number) => a.level[i] === b.level[i] && a.priority[i] === b.priority[i] && a.fired[i] === b.fired[i];
  const show = (r: Read, i: number) => `${r.level[i]}/${r.priority[i]}/${r.fired[i]!.toString(2)}`;
  const disagreements: Array<string> = [];
  for (let i = 0; i < n; i++) {
    const e = evaluator.output;
    if (!same(e, hand.output, i) || !same(e, closure.output, i) || (i < ENGINE_ITEMS && (!same(e, jre.output, i) || !same(e, explained.output, i))))
      disagreements.push(`${town.disputes[i]!.id}: evaluator ${show(e, i)}, hand ${show(hand.output, i)}, closures ${show(closure.output, i)}, engine ${i < ENGINE_ITEMS ? show(jre.output, i) : "-"}`);
  }
  if (disagreements.length > 0) {
    console.error(`\nFAIL: the variants disagree on ${disagreements.length} input(s) (level/priority/fired bits), e.g.:\n  ${disagreements.slice(0, 10).join("\n  ")}`);
    process.exit(1);
  }

  const levels = [0, 0, 0, 0, 0];
  const priorities = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    levels[evaluator.output.level[i]!]!++;
    priorities[evaluator.output.priority[i]!]!++;
  }
  console.log(`\nLevels of the ${n.toLocaleString("en-US")} disputes: red ${levels[4]}, orange ${levels[3]}, yellow ${levels[2]}, blue ${levels[1]}; priorities: urgent ${priorities[3]}, high ${priorities[2]}, normal ${priorities[1]}; all variants agree.\n`);

  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  printTable(
    ["variant", "items", "median ms", "disputes/s", "runs (ms)"],
    timings.map((t) => [t.name, fmt(t.items), t.medianMs.toFixed(1), fmt(t.perSecond), t.runs.map((r) => r.toFixed(0)).join(" ")]),
  );

  const vsHand = evaluator.perSecond / hand.perSecond;
  const vsEngine = evaluator.perSecond / jre.perSecond;
  const entries = [
    comparison("grading: evaluator / hand-written", evaluator.perSecond, "disputes/s", vsHand, 0.6),
    // 500× until 0.1; since 0.2 every result is deeply frozen data and every
    // variant reads the fired ids back, which costs the evaluator about three
    // times its old throughput (the engine hardly notices): ~500× now, so 300×.
    comparison("grading: evaluator / json-rules-engine", evaluator.perSecond, "disputes/s", vsEngine, 300),
  ];
  console.log("");
  printTable(
    ["comparison", "ratio", "target", "holds"],
    [
      ...entries.map((e) => [e.name, `${ratio(e.ratio!)}×`, `≥ ${e.target}×`, e.holds ? "yes" : "NO"]),
      ["(info) closures / hand-written", `${ratio(closure.perSecond / hand.perSecond)}×`, "-", "-"],
      ["(info) with explainGrade / hand-written", `${ratio(explained.perSecond / hand.perSecond)}×`, "-", "-"],
    ],
  );
  return entries;
};
