import { Data } from "effect";
import type { DisputeFacts } from "../model/dispute.js";
import type { LocalDate } from "../model/local-date.js";
import { type RiskLevel, riskRank } from "../taxonomy/risk-levels.js";
import { type GradingTableProblem, checkGradingTable } from "./check-grading-table.js";
import { parameterMap } from "./condition.js";
import type { Result } from "../validation/result.js";
import { daysUnresolved } from "./days-unresolved.js";
import { gradingFact } from "./grading-facts.js";
import { type BitSet, type CompiledMeta, type GradingResult, GradingResultRecord } from "./grading-result.js";
import type { GradingCondition, GradingParameter, GradingTable } from "./grading-table.js";

/**
 * A grading table that failed {@link checkGradingTable}: it cannot be compiled.
 *
 * @example
 * ```ts
 * import { compileGradingTable } from "@tiaojie/core";
 *
 * const compiled = compileGradingTable(table);
 * if (!compiled.ok) console.error(compiled.error._tag, compiled.error.problems.length);
 * ```
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
 * @example
 * ```ts
 * import { compileGradingTable, zixiGradingTable } from "@tiaojie/core";
 *
 * compileGradingTable(zixiGradingTable, { strategy: "closures" });
 * ```
 * @since 0.1.0
 */
export type CompileStrategy = "auto" | "generated" | "closures";

/**
 * Options of {@link compileGradingTable}.
 *
 * @example
 * ```ts
 * import { compileGradingTable, zixiGradingTable, type CompileOptions } from "@tiaojie/core";
 *
 * const options: CompileOptions = { strategy: "auto" };
 * compileGradingTable(zixiGradingTable, options);
 * ```
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
 * @example
 * ```ts
 * import { defaultGradingTable, type GradableDispute } from "@tiaojie/core";
 *
 * const d: GradableDispute = { reportedOn: dispute.reportedOn, facts: dispute.facts };
 * defaultGradingTable().grade(d, asOf);
 * ```
 * @since 0.1.0
 */
export interface GradableDispute {
  readonly reportedOn: LocalDate;
  readonly facts: DisputeFacts;
}

/**
 * A checked and compiled grading table, ready to grade many disputes fast.
 *
 * @example
 * ```ts
 * import { compileGradingTable, zixiGradingTable } from "@tiaojie/core";
 *
 * const compiled = compileGradingTable(zixiGradingTable);
 * if (compiled.ok) for (const d of disputes) save(d.id, compiled.value.grade(d, asOf));
 * ```
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
 * @example
 * ```ts
 * import { compileGradingTable } from "@tiaojie/core";
 *
 * const r = compileGradingTable(JSON.parse(text));
 * const evaluate = r.ok ? r.value.evaluate : undefined;
 * ```
 * @since 0.1.0
 */
export type CompileResult = Result<CompiledGradingTable, GradingTableError>;

const LEVELS: ReadonlyArray<RiskLevel> = ["blue", "blue", "yellow", "orange", "red"];

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

const partsOf = (table: GradingTable): CompiledMeta => {
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
    tasks: table.tasks.map((t) =>
      Object.freeze({ id: t.id, kind: t.kind, priority: t.priority, description: Object.freeze({ zh: t.zh, en: t.en }) }),
    ),
    taskConditions: table.tasks.map((t) => t.when),
  };
};

type Evaluate = (facts: DisputeFacts, days: number) => GradingResult;

// One bit set covers rules [0, R), escalators [R, R + E) and tasks [R + E, R + E + T):
// a single 31-bit word (the usual case) or several.
const wordCount = (meta: CompiledMeta): number =>
  Math.max(1, Math.ceil((meta.rules.length + meta.escalators.length + meta.tasks.length) / 31));

const generate = (meta: CompiledMeta, params: ReadonlyMap<string, GradingParameter>): Evaluate => {
  const words = wordCount(meta);
  const setBit = (i: number): string => `b${(i / 31) | 0} |= ${1 << i % 31};`;
  const vars = Array.from({ length: words }, (_, w) => `b${w} = 0`).join(", ");
  const bits = words === 1 ? "b0" : `[${Array.from({ length: words }, (_, w) => `b${w}`).join(", ")}]`;
  const lines: Array<string> = ["'use strict';", "return function evaluate(f, d) {", `  var rank = 1, ${vars};`];
  meta.rules.forEach((r, i) => {
    const rank = riskRank(r.level);
    lines.push(`  if ${generateTest(r.when, params)} { ${setBit(i)} if (rank < ${rank}) rank = ${rank}; }`);
  });
  const e0 = meta.rules.length;
  meta.escalators.forEach((e, i) => {
    const to = e.raise !== 0 ? `Math.min(4, Math.max(1, rank + ${e.raise}))` : `Math.max(rank, ${e.atLeast})`;
    lines.push(`  if ${generateTest(e.when, params)} { ${setBit(e0 + i)} rank = ${to}; }`);
  });
  const t0 = e0 + meta.escalators.length;
  meta.taskConditions.forEach((when, i) => {
    lines.push(`  if ${generateTest(when, params)} { ${setBit(t0 + i)} }`);
  });
  lines.push(`  return new Result(META, LEVELS[rank], ${bits}, f, d);`, "};");
  const factory = new Function("META", "LEVELS", "Result", lines.join("\n")) as (...args: Array<unknown>) => Evaluate;
  return factory(meta, LEVELS, GradingResultRecord);
};

const closures = (meta: CompiledMeta, params: ReadonlyMap<string, GradingParameter>): Evaluate => {
  const rules = meta.rules.map((r) => ({ rank: riskRank(r.level), test: compileClosure(r.when, params) }));
  const escalators = meta.escalators.map((e) => ({ raise: e.raise, atLeast: e.atLeast, test: compileClosure(e.when, params) }));
  const tasks = meta.taskConditions.map((when) => compileClosure(when, params));
  const words = wordCount(meta);
  const e0 = rules.length;
  const t0 = e0 + escalators.length;
  if (words === 1) {
    // The usual case: every rule, escalator and task fits in one 31-bit word.
    return (f, d) => {
      let rank = 1;
      let b = 0;
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i]!;
        if (!r.test(f, d)) continue;
        b |= 1 << i;
        if (rank < r.rank) rank = r.rank;
      }
      for (let i = 0; i < escalators.length; i++) {
        const x = escalators[i]!;
        if (!x.test(f, d)) continue;
        b |= 1 << (e0 + i);
        rank = x.raise !== 0 ? Math.min(4, Math.max(1, rank + x.raise)) : Math.max(rank, x.atLeast);
      }
      for (let i = 0; i < tasks.length; i++) if (tasks[i]!(f, d)) b |= 1 << (t0 + i);
      return new GradingResultRecord(meta, LEVELS[rank]!, b, f, d);
    };
  }
  return (f, d) => {
    let rank = 1;
    const b = new Array<number>(words).fill(0);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (!r.test(f, d)) continue;
      b[(i / 31) | 0]! |= 1 << i % 31;
      if (rank < r.rank) rank = r.rank;
    }
    for (let i = 0; i < escalators.length; i++) {
      const x = escalators[i]!;
      if (!x.test(f, d)) continue;
      b[((e0 + i) / 31) | 0]! |= 1 << (e0 + i) % 31;
      rank = x.raise !== 0 ? Math.min(4, Math.max(1, rank + x.raise)) : Math.max(rank, x.atLeast);
    }
    for (let i = 0; i < tasks.length; i++) {
      if (tasks[i]!(f, d)) b[((t0 + i) / 31) | 0]! |= 1 << (t0 + i) % 31;
    }
    const bits: BitSet = words === 1 ? b[0]! : b;
    return new GradingResultRecord(meta, LEVELS[rank]!, bits, f, d);
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
  const params = parameterMap(checked.parameters);
  const strategy = options.strategy ?? "auto";
  let evaluate: Evaluate | undefined;
  let used: "generated" | "closures" = "closures";
  if (strategy !== "closures") {
    try {
      evaluate = generate(parts, params);
      used = "generated";
    } catch {
      // Code generation is not allowed here: closures give the same results.
    }
  }
  evaluate ??= closures(parts, params);
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
