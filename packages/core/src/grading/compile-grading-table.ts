import { Data } from "effect";
import type { DisputeFacts } from "../model/dispute.js";
import type { LocalDate } from "../model/local-date.js";
import { type RiskLevel, riskRank } from "../taxonomy/risk-levels.js";
import { type GradingTableProblem, checkGradingTable } from "./check-grading-table.js";
import { parameterMap } from "./condition.js";
import { daysUnresolved } from "./days-unresolved.js";
import { gradingFact } from "./grading-facts.js";
import {
  AppliedEscalatorRecord,
  type ExplainMeta,
  FiredRuleRecord,
  type GradingResult,
  type GradingTask,
} from "./grading-result.js";
import type { GradingCondition, GradingParameter, GradingTable } from "./grading-table.js";

/**
 * A grading table that failed {@link checkGradingTable}: it cannot be compiled.
 *
 * @since 0.1.0
 */
export class GradingTableError extends Data.TaggedError("GradingTableError")<{
  readonly problems: ReadonlyArray<GradingTableProblem>;
}> {
  override get message(): string {
    return this.problems.map((p) => `${p.path.join(".") || "(root)"}: ${p.zh} / ${p.en}`).join("\n");
  }
}

/**
 * How a table is compiled. `"closures"` builds a tree of small functions;
 * `"generated"` writes one JavaScript function for the whole table (faster, but
 * needs `new Function`, which a strict Content-Security-Policy forbids). `"auto"`
 * and `"generated"` generate and fall back to closures where code generation is
 * not allowed; {@link CompiledGradingTable.strategy} says which was used.
 *
 * @since 0.1.0
 */
export type CompileStrategy = "auto" | "generated" | "closures";

/**
 * Options of {@link compileGradingTable}.
 *
 * @since 0.1.0
 */
export interface CompileOptions {
  /**
   * How to compile.
   * @default "auto"
   */
  readonly strategy?: CompileStrategy;
}

/**
 * A dispute, as far as grading needs it.
 *
 * @since 0.1.0
 */
export interface GradableDispute {
  readonly reportedOn: LocalDate;
  readonly facts: DisputeFacts;
}

/**
 * A checked and compiled grading table, ready to grade many disputes fast.
 *
 * @since 0.1.0
 */
export interface CompiledGradingTable {
  readonly table: GradingTable;
  /** How it was compiled in the end. */
  readonly strategy: "generated" | "closures";
  /** Grades facts, given the days the dispute has been unresolved. */
  readonly evaluate: (facts: DisputeFacts, daysUnresolved: number) => GradingResult;
  /** Grades a dispute as of a date (days unresolved are counted from `reportedOn`). */
  readonly grade: (dispute: GradableDispute, asOf: LocalDate) => GradingResult;
}

/**
 * The outcome of {@link compileGradingTable}.
 *
 * @since 0.1.0
 */
export type CompileResult =
  | { readonly ok: true; readonly value: CompiledGradingTable }
  | { readonly ok: false; readonly error: GradingTableError };

const LEVELS: ReadonlyArray<RiskLevel> = ["blue", "blue", "yellow", "orange", "red"];
const EMPTY: ReadonlyArray<never> = Object.freeze([]);

type Test = (f: DisputeFacts, d: number) => boolean;

const factGetter = (fact: string): ((f: DisputeFacts, d: number) => unknown) => {
  if (fact === "daysUnresolved") return (_f, d) => d;
  const key = fact as keyof DisputeFacts;
  return (f) => f[key];
};

const compileClosure = (c: GradingCondition, params: ReadonlyMap<string, GradingParameter>): Test => {
  switch (c.op) {
    case "is": {
      const get = factGetter(c.fact);
      return (f, d) => get(f, d) === true;
    }
    case "all": {
      const parts = c.of.map((p) => compileClosure(p, params));
      return (f, d) => parts.every((p) => p(f, d));
    }
    case "any": {
      const parts = c.of.map((p) => compileClosure(p, params));
      return (f, d) => parts.some((p) => p(f, d));
    }
    case "not": {
      const inner = compileClosure(c.of, params);
      return (f, d) => !inner(f, d);
    }
    default: {
      const get = factGetter(c.fact);
      const t = typeof c.than === "number" ? c.than : params.get(c.than)!.value;
      switch (c.op) {
        case ">=": return (f, d) => (get(f, d) as number) >= t;
        case ">": return (f, d) => (get(f, d) as number) > t;
        case "<=": return (f, d) => (get(f, d) as number) <= t;
        case "<": return (f, d) => (get(f, d) as number) < t;
        case "==": return (f, d) => get(f, d) === t;
        case "!=": return (f, d) => get(f, d) !== t;
      }
    }
  }
};

// Code generation. Only three kinds of token from the table reach the generated
// source, each checked first: fact names (from the closed vocabulary, which are
// plain identifiers), numbers (finite, written by JSON.stringify) and operators
// (from a fixed list). Every text of the table (ids, descriptions) stays in data
// passed to the function, never in its source.
const IDENT = /^[A-Za-z][A-Za-z0-9]*$/;
const OPS: Readonly<Record<string, string>> = { ">=": ">=", ">": ">", "<=": "<=", "<": "<", "==": "===", "!=": "!==" };

const generateTest = (c: GradingCondition, params: ReadonlyMap<string, GradingParameter>): string => {
  switch (c.op) {
    case "is":
      return `(${factSource(c.fact)} === true)`;
    case "all":
      return c.of.length === 0 ? "true" : `(${c.of.map((p) => generateTest(p, params)).join(" && ")})`;
    case "any":
      return c.of.length === 0 ? "false" : `(${c.of.map((p) => generateTest(p, params)).join(" || ")})`;
    case "not":
      return `(!${generateTest(c.of, params)})`;
    default: {
      const t = typeof c.than === "number" ? c.than : params.get(c.than)!.value;
      if (!Number.isFinite(t)) throw new Error("non-finite threshold");
      const op = OPS[c.op];
      if (!op) throw new Error("unknown operator");
      return `(${factSource(c.fact)} ${op} ${JSON.stringify(t)})`;
    }
  }
};

const factSource = (fact: string): string => {
  if (fact === "daysUnresolved") return "d";
  if (!gradingFact(fact) || !IDENT.test(fact)) throw new Error("unknown fact");
  return `f.${fact}`;
};

interface Parts {
  readonly version: string;
  readonly rules: ReadonlyArray<ExplainMeta & { readonly rank: number }>;
  readonly escalators: ReadonlyArray<ExplainMeta & { readonly raise: number; readonly atLeast: number }>;
  readonly tasks: ReadonlyArray<{ readonly task: GradingTask; readonly when: GradingCondition }>;
}

const partsOf = (table: GradingTable): Parts => {
  const params = parameterMap(table.parameters);
  return {
    version: table.version,
    rules: table.rules.map((r) => ({
      id: r.id, level: r.level, rank: riskRank(r.level), description: { zh: r.zh, en: r.en }, when: r.when, params,
    })),
    escalators: table.escalators.map((e) => ({
      id: e.id, level: "red" as const, description: { zh: e.zh, en: e.en }, when: e.when, params,
      raise: e.then.op === "raise" ? e.then.steps : 0,
      atLeast: e.then.op === "atLeast" ? riskRank(e.then.level) : 0,
    })),
    tasks: table.tasks.map((t) => ({
      task: Object.freeze({ id: t.id, kind: t.kind, priority: t.priority, description: Object.freeze({ zh: t.zh, en: t.en }) }),
      when: t.when,
    })),
  };
};

type Evaluate = (facts: DisputeFacts, days: number) => GradingResult;

const generate = (parts: Parts): Evaluate => {
  const params = parts.rules[0]?.params ?? parts.escalators[0]?.params ?? new Map<string, GradingParameter>();
  const lines: Array<string> = ["'use strict';", "return function evaluate(f, d) {", "  var rank = 1, fired = EMPTY, escalations = EMPTY, tasks = EMPTY;"];
  parts.rules.forEach((r, i) => {
    lines.push(
      `  if ${generateTest(r.when, params)} {`,
      `    if (rank < ${r.rank}) rank = ${r.rank};`,
      `    var x${i} = new Fired(RULES[${i}], f, d);`,
      `    if (fired === EMPTY) fired = [x${i}]; else fired.push(x${i});`,
      "  }",
    );
  });
  lines.push("  var ruleRank = rank;");
  parts.escalators.forEach((e, i) => {
    const to = e.raise !== 0 ? `Math.min(4, Math.max(1, rank + ${e.raise}))` : `Math.max(rank, ${e.atLeast})`;
    lines.push(
      `  if ${generateTest(e.when, params)} {`,
      `    var from${i} = rank; rank = ${to};`,
      `    var y${i} = new Applied(ESCALATORS[${i}], LEVELS[from${i}], LEVELS[rank], f, d);`,
      `    if (escalations === EMPTY) escalations = [y${i}]; else escalations.push(y${i});`,
      "  }",
    );
  });
  parts.tasks.forEach((t, i) => {
    lines.push(`  if ${generateTest(t.when, params)} { if (tasks === EMPTY) tasks = [TASKS[${i}]]; else tasks.push(TASKS[${i}]); }`);
  });
  lines.push(
    "  return { level: LEVELS[rank], ruleLevel: LEVELS[ruleRank], tableVersion: VERSION, fired: fired, escalations: escalations, tasks: tasks };",
    "};",
  );
  const factory = new Function("EMPTY", "LEVELS", "RULES", "ESCALATORS", "TASKS", "VERSION", "Fired", "Applied", lines.join("\n")) as (
    ...args: Array<unknown>
  ) => Evaluate;
  return factory(EMPTY, LEVELS, parts.rules, parts.escalators, parts.tasks.map((t) => t.task), parts.version, FiredRuleRecord, AppliedEscalatorRecord);
};

const closures = (parts: Parts): Evaluate => {
  const params = parts.rules[0]?.params ?? parts.escalators[0]?.params ?? new Map<string, GradingParameter>();
  const rules = parts.rules.map((r) => ({ meta: r, rank: r.rank, test: compileClosure(r.when, params) }));
  const escalators = parts.escalators.map((e) => ({ meta: e, test: compileClosure(e.when, params) }));
  const tasks = parts.tasks.map((t) => ({ task: t.task, test: compileClosure(t.when, params) }));
  const version = parts.version;
  return (f, d) => {
    let rank = 1;
    let fired: Array<FiredRuleRecord> | ReadonlyArray<never> = EMPTY;
    for (const r of rules) {
      if (!r.test(f, d)) continue;
      if (rank < r.rank) rank = r.rank;
      const x = new FiredRuleRecord(r.meta, f, d);
      if (fired === EMPTY) fired = [x];
      else (fired as Array<FiredRuleRecord>).push(x);
    }
    const ruleRank = rank;
    let escalations: Array<AppliedEscalatorRecord> | ReadonlyArray<never> = EMPTY;
    for (const e of escalators) {
      if (!e.test(f, d)) continue;
      const from = rank;
      rank = e.meta.raise !== 0 ? Math.min(4, Math.max(1, rank + e.meta.raise)) : Math.max(rank, e.meta.atLeast);
      const y = new AppliedEscalatorRecord(e.meta, LEVELS[from]!, LEVELS[rank]!, f, d);
      if (escalations === EMPTY) escalations = [y];
      else (escalations as Array<AppliedEscalatorRecord>).push(y);
    }
    let due: Array<GradingTask> | ReadonlyArray<never> = EMPTY;
    for (const t of tasks) {
      if (!t.test(f, d)) continue;
      if (due === EMPTY) due = [t.task];
      else (due as Array<GradingTask>).push(t.task);
    }
    return { level: LEVELS[rank]!, ruleLevel: LEVELS[ruleRank]!, tableVersion: version, fired, escalations, tasks: due };
  };
};

/**
 * Checks a grading table with {@link checkGradingTable} and compiles it once into
 * a fast evaluator with full explanations. Compile a table once and grade many
 * disputes with the result; a table with any problem is refused (`ok: false`
 * with every problem), never half-compiled.
 *
 * By default the whole table becomes one generated function (`new Function`): the
 * conditions are written straight into it, so grading costs little more than a
 * hand-written `if` chain. Only vocabulary fact names, finite numbers and fixed
 * operators reach the generated source, all validated first. Where code
 * generation is forbidden (a Content-Security-Policy without `unsafe-eval`) the
 * compiler falls back to closures, which give the same results more slowly.
 *
 * @example
 * ```ts
 * import { compileGradingTable, zixiGradingTable } from "@tiaojie/core";
 *
 * const compiled = compileGradingTable(zixiGradingTable);
 * if (compiled.ok) {
 *   const result = compiled.value.grade(dispute, asOf);
 *   console.log(result.level, result.fired.map((r) => r.reason.zh));
 * } else {
 *   console.error(compiled.error.problems);
 * }
 * ```
 * @since 0.1.0
 */
export const compileGradingTable = (table: GradingTable | unknown, options: CompileOptions = {}): CompileResult => {
  const problems = checkGradingTable(table);
  if (problems.length > 0) return { ok: false, error: new GradingTableError({ problems }) };
  const checked = table as GradingTable;
  const parts = partsOf(checked);
  const strategy = options.strategy ?? "auto";
  let evaluate: Evaluate | undefined;
  let used: "generated" | "closures" = "closures";
  if (strategy !== "closures") {
    try {
      evaluate = generate(parts);
      used = "generated";
    } catch {
      // Code generation is not allowed here: closures give the same results.
    }
  }
  evaluate ??= closures(parts);
  const run = evaluate;
  return {
    ok: true,
    value: {
      table: checked,
      strategy: used,
      evaluate: run,
      grade: (dispute, asOf) => run(dispute.facts, daysUnresolved(dispute.reportedOn, asOf)),
    },
  };
};
