import { Data } from "effect";
import type { DisputeFacts } from "../model/dispute.js";
import type { LocalDate } from "../model/local-date.js";
import { type ResolutionPriority, priorityRank } from "../taxonomy/resolution-priorities.js";
import { type RiskLevel, riskRank } from "../taxonomy/risk-levels.js";
import { type GradingTableProblem, checkGradingTable } from "./check-grading-table.js";
import { conditionFacts, parameterMap } from "./condition.js";
import type { Result } from "../validation/result.js";
import { daysUnresolved } from "./days-unresolved.js";
import { type GradingFactName, gradingFact, gradingFacts } from "./grading-facts.js";
import type { AppliedEscalator, FactValues, FiredRule, GradingResult, GradingTask } from "./grading-result.js";
import { applyPriorityEffect } from "./decided-priority.js";
import type { EscalatorEffect, GradingCondition, GradingParameter, GradingTable } from "./grading-table.js";

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
 * A dispute, as far as grading needs it: the day it was reported, its facts, and
 * the day its case was resolved, if it was. Days unresolved count from
 * `reportedOn` and stop on `resolvedOn`: a dispute graded again after it was
 * resolved is not escalated for the time since. A dispute of the ledger is one
 * as it stands; add `resolvedOn` from its case with {@link caseResolvedOn}.
 *
 * @example
 * ```ts
 * import { caseResolvedOn, defaultGradingTable, type GradableDispute } from "@tiaojie/core";
 *
 * const resolvedOn = caseResolvedOn(record, asOf);
 * const d: GradableDispute = { reportedOn: dispute.reportedOn, facts: dispute.facts, ...(resolvedOn ? { resolvedOn } : {}) };
 * defaultGradingTable().grade(d, asOf);
 * ```
 * @since 0.1.0
 */
export interface GradableDispute {
  readonly reportedOn: LocalDate;
  readonly facts: DisputeFacts;
  /**
   * The day the case was resolved (or closed, the day of its resolution), if it
   * was: days unresolved stop counting then.
   * @default absent: unresolved, counted up to the date graded as of
   * @since 0.2.0
   */
  readonly resolvedOn?: LocalDate;
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
  /**
   * Grades a dispute as of a date: days unresolved are counted from `reportedOn`
   * to `asOf`, or to `resolvedOn` when the dispute was resolved earlier.
   */
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
const PRIORITIES: ReadonlyArray<ResolutionPriority> = ["normal", "normal", "high", "urgent"];
const freeze = Object.freeze;
const EMPTY: ReadonlyArray<never> = freeze([]);

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

/** The facts a condition reads, in the vocabulary's order. */
const readsOf = (conditions: ReadonlyArray<GradingCondition>): ReadonlyArray<GradingFactName> => {
  const names = new Set<string>();
  for (const c of conditions) conditionFacts(c, names);
  return freeze(gradingFacts.filter((f) => names.has(f.name)).map((f) => f.name));
};

/**
 * A set of indexes into one section of the table (rules, escalators or tasks):
 * a 31-bit word for a section of up to 31 items, or an array of words.
 */
type Bits = number | ReadonlyArray<number>;

const hasBit = (set: Bits, i: number): boolean =>
  typeof set === "number" ? (set & (1 << i)) !== 0 : ((set[(i / 31) | 0] ?? 0) & (1 << i % 31)) !== 0;

/** Sections up to this size keep one frozen list per combination, built once and shared. */
const SHARED_UP_TO = 12;

/** The frozen list of the items whose bit is set, shared between results for small sections. */
const listOf = <T>(items: ReadonlyArray<T>): ((bits: Bits) => ReadonlyArray<T>) => {
  const build = (bits: Bits): ReadonlyArray<T> => {
    const list = items.filter((_item, i) => hasBit(bits, i));
    return list.length === 0 ? EMPTY : freeze(list);
  };
  if (items.length > SHARED_UP_TO) return build;
  const shared = new Array<ReadonlyArray<T> | undefined>(1 << items.length).fill(undefined);
  return (bits) => shared[bits as number] ?? (shared[bits as number] = build(bits));
};

interface Escalated {
  readonly priority: ResolutionPriority;
  readonly escalations: ReadonlyArray<AppliedEscalator>;
}

/**
 * What the escalators that held do to a base priority (rank 1–3): the priority
 * reached and the escalations, each with the priority before and after it.
 * Shared between results for small sections.
 */
const escalationsOf = (escalators: ReadonlyArray<Escalator>): ((bits: Bits, base: number) => Escalated) => {
  const build = (bits: Bits, base: number): Escalated => {
    let p = base;
    const list: Array<AppliedEscalator> = [];
    escalators.forEach((e, i) => {
      if (!hasBit(bits, i)) return;
      const from = p;
      p = applyPriorityEffect(p, e.then);
      list.push(freeze({ id: e.id, from: PRIORITIES[from]!, to: PRIORITIES[p]!, reads: e.reads }));
    });
    return freeze({ priority: PRIORITIES[p]!, escalations: list.length === 0 ? EMPTY : freeze(list) });
  };
  if (escalators.length > SHARED_UP_TO - 2) return build;
  const shared = new Array<Escalated | undefined>(4 << escalators.length).fill(undefined);
  return (bits, base) => {
    const key = ((bits as number) << 2) | base;
    return shared[key] ?? (shared[key] = build(bits, base));
  };
};

interface Escalator {
  readonly id: string;
  readonly when: GradingCondition;
  readonly then: EscalatorEffect;
  readonly reads: ReadonlyArray<GradingFactName>;
}

/** A fact and the indexes of the rules, escalators and tasks whose conditions read it. */
interface Readers {
  readonly fact: GradingFactName;
  readonly rules: ReadonlyArray<number>;
  readonly escalators: ReadonlyArray<number>;
  readonly tasks: ReadonlyArray<number>;
}

const EMPTY_VALUES: FactValues = freeze({});

/** @internal Everything a compiled table needs, built once. */
interface Parts {
  readonly version: string;
  readonly rules: ReadonlyArray<{ readonly rank: number; readonly when: GradingCondition }>;
  readonly escalators: ReadonlyArray<Escalator>;
  readonly taskConditions: ReadonlyArray<GradingCondition>;
  /**
   * Every fact the table reads, in the vocabulary's order, with the rules,
   * escalators and tasks that read it: a result's `values` hold the facts read
   * by what fired.
   */
  readonly readers: ReadonlyArray<Readers>;
  /** Builds a result from the level's rank, what held, and the values read. */
  readonly finish: (rank: number, rules: Bits, escalators: Bits, tasks: Bits, values: FactValues, days: number) => GradingResult;
}

const partsOf = (table: GradingTable): Parts => {
  const fired: ReadonlyArray<FiredRule> = table.rules.map((r) => freeze({ id: r.id, level: r.level, reads: readsOf([r.when]) }));
  const tasks: ReadonlyArray<GradingTask> = table.tasks.map((t) => freeze({ id: t.id, kind: t.kind, precedence: t.precedence }));
  const escalators: ReadonlyArray<Escalator> = table.escalators.map((e) => ({
    id: e.id,
    when: e.when,
    then: e.then,
    reads: readsOf([e.when]),
  }));
  const base = LEVELS.map((level) => priorityRank(table.basePriority[level]));
  const firedOf = listOf(fired);
  const tasksOf = listOf(tasks);
  const escalate = escalationsOf(escalators);
  const version = table.version;
  return {
    version,
    rules: table.rules.map((r) => ({ rank: riskRank(r.level), when: r.when })),
    escalators,
    taskConditions: table.tasks.map((t) => t.when),
    readers: readsOf([...table.rules, ...table.escalators, ...table.tasks].map((x) => x.when)).map((fact) => {
      const readersIn = (items: ReadonlyArray<{ readonly when: GradingCondition }>) =>
        items.flatMap((item, i) => (readsOf([item.when]).includes(fact) ? [i] : []));
      return { fact, rules: readersIn(table.rules), escalators: readersIn(table.escalators), tasks: readersIn(table.tasks) };
    }),
    finish: (rank, ruleBits, escalatorBits, taskBits, values, days) => {
      const escalated = escalate(escalatorBits, base[rank]!);
      return freeze({
        tableVersion: version,
        level: LEVELS[rank]!,
        priority: escalated.priority,
        fired: firedOf(ruleBits),
        escalations: escalated.escalations,
        tasks: tasksOf(taskBits),
        daysUnresolved: days,
        values,
      });
    },
  };
};

type Evaluate = (facts: DisputeFacts, days: number) => GradingResult;

/** The source of a section's bit variables and of setting bit `i`. */
const bitSource = (name: string, count: number) => {
  const words = Math.max(1, Math.ceil(count / 31));
  return {
    declare: Array.from({ length: words }, (_, w) => `${name}${w} = 0`).join(", "),
    set: (i: number) => `${name}${(i / 31) | 0} |= ${1 << i % 31};`,
    value: words === 1 ? `${name}0` : `[${Array.from({ length: words }, (_, w) => `${name}${w}`).join(", ")}]`,
    /** An expression that is non-zero when any of the indexes is set. */
    any: (indexes: ReadonlyArray<number>): ReadonlyArray<string> => {
      const masks = new Map<number, number>();
      for (const i of indexes) masks.set((i / 31) | 0, (masks.get((i / 31) | 0) ?? 0) | (1 << i % 31));
      return [...masks].map(([w, mask]) => `(${name}${w} & ${mask})`);
    },
  };
};

/** Values of one fact are shared for whole values from 0 to 255. */
const SMALL = 256;

/** Calm results are shared for 0 to 4,095 days unresolved (about eleven years). */
const CALM_BITS = 12;
const CALM_DAYS = 1 << CALM_BITS;

const valueSource = (fact: GradingFactName): string => {
  const src = factSource(fact);
  // `+ 0` writes -0 as 0, so that the values survive JSON unchanged.
  return gradingFact(fact)?.kind === "number" ? `(${src} + 0)` : src;
};

const generate = (parts: Parts, params: ReadonlyMap<string, GradingParameter>): Evaluate => {
  const r = bitSource("r", parts.rules.length);
  const e = bitSource("e", parts.escalators.length);
  const t = bitSource("t", parts.taskConditions.length);
  // A calm dispute (no rule fired, no task due, and escalators, if any, that read
  // only the days) has a result that depends on the days alone: it is built once
  // per number of days and escalators, and shared (it is frozen).
  const daysOnly = parts.escalators.reduce((m, esc, i) => (esc.reads.every((x) => x === "daysUnresolved") ? m | (1 << i) : m), 0);
  const shareCalm = parts.rules.length <= 31 && parts.taskConditions.length <= 31 && parts.escalators.length <= 4;
  const lines: Array<string> = [
    "'use strict';",
    "var freeze = Object.freeze;",
    `var CALM = ${shareCalm ? `new Array(${CALM_DAYS << parts.escalators.length}).fill(undefined)` : "null"};`,
    `var SINGLE = new Array(${SMALL * Math.max(1, parts.readers.length)}).fill(undefined);`,
    "return function evaluate(f, d) {",
    "  if (d === 0) d = 0; // -0 as 0",
    `  var rank = 1, ${r.declare}, ${e.declare}, ${t.declare};`,
  ];
  parts.rules.forEach((rule, i) => {
    lines.push(`  if ${generateTest(rule.when, params)} { ${r.set(i)} if (rank < ${rule.rank}) rank = ${rule.rank}; }`);
  });
  parts.escalators.forEach((esc, i) => lines.push(`  if ${generateTest(esc.when, params)} { ${e.set(i)} }`));
  parts.taskConditions.forEach((when, i) => lines.push(`  if ${generateTest(when, params)} { ${t.set(i)} }`));
  if (shareCalm) {
    lines.push(
      "  var calm = -1;",
      `  if ((r0 | t0) === 0 && (e0 & ${~daysOnly}) === 0 && d >= 0 && d < ${CALM_DAYS} && (d | 0) === d) {`,
      `    calm = (e0 << ${CALM_BITS}) | d;`,
      "    var shared = CALM[calm];",
      "    if (shared !== undefined) return shared;",
      "  }",
    );
  }
  // The values of the facts read by what fired: none (a shared empty object) when
  // nothing did. A single fact with a small whole value (a yes/no, a count, a
  // level of 0–3) is the commonest case: those values are built once and shared.
  lines.push("  var v = EMPTY, n = 0, one = -1;");
  const codes: Array<string> = [];
  parts.readers.forEach((reader, k) => {
    const any = [...r.any(reader.rules), ...e.any(reader.escalators), ...t.any(reader.tasks)];
    if (any.length === 0) return;
    lines.push(`  if (${any.join(" | ")}) { if (v === EMPTY) v = {}; v.${reader.fact} = ${valueSource(reader.fact)}; n++; one = ${k}; }`);
    const x = `v.${reader.fact}`;
    const code = gradingFact(reader.fact)?.kind === "boolean"
      ? `(${x} === true ? 1 : ${x} === false ? 0 : -1)`
      : `(${x} >= 0 && ${x} < ${SMALL} && (${x} | 0) === ${x} ? ${x} : -1)`;
    codes.push(`case ${k}: small = ${code}; break;`);
  });
  lines.push(
    "  if (n === 1) {",
    `    var small = -1; switch (one) { ${codes.join(" ")} }`,
    `    var at = one * ${SMALL} + small, shared = small >= 0 ? SINGLE[at] : v;`,
    "    if (shared === undefined) SINGLE[at] = freeze(v); else if (shared === v) freeze(v); else v = shared;",
    "  } else if (v !== EMPTY) freeze(v);",
  );
  lines.push(`  var result = FINISH(rank, ${r.value}, ${e.value}, ${t.value}, v, d);`);
  if (shareCalm) lines.push("  if (calm >= 0) CALM[calm] = result;");
  lines.push("  return result;", "};");
  const factory = new Function("FINISH", "EMPTY", lines.join("\n")) as (finish: Parts["finish"], empty: FactValues) => Evaluate;
  return factory(parts.finish, EMPTY_VALUES);
};

const closures = (parts: Parts, params: ReadonlyMap<string, GradingParameter>): Evaluate => {
  const rules = parts.rules.map((r) => ({ rank: r.rank, test: compileClosure(r.when, params) }));
  const escalators = parts.escalators.map((x) => compileClosure(x.when, params));
  const tasks = parts.taskConditions.map((when) => compileClosure(when, params));
  const readers = parts.readers.map((reader) => ({ ...reader, get: factGetter(reader.fact) }));
  const section = (count: number) => (count <= 31 ? undefined : Math.ceil(count / 31));
  const collect = (tests: ReadonlyArray<Test>, f: DisputeFacts, d: number): Bits => {
    const words = section(tests.length);
    if (words === undefined) {
      let b = 0;
      for (let i = 0; i < tests.length; i++) if (tests[i]!(f, d)) b |= 1 << i;
      return b;
    }
    const b = new Array<number>(words).fill(0);
    for (let i = 0; i < tests.length; i++) if (tests[i]!(f, d)) b[(i / 31) | 0]! |= 1 << i % 31;
    return b;
  };
  const ruleTests = rules.map((x) => x.test);
  return (f, d) => {
    const ruleBits = collect(ruleTests, f, d);
    let rank = 1;
    for (let i = 0; i < rules.length; i++) if (rank < rules[i]!.rank && hasBit(ruleBits, i)) rank = rules[i]!.rank;
    const escalatorBits = collect(escalators, f, d);
    const taskBits = collect(tasks, f, d);
    let values: Record<string, unknown> | undefined;
    for (const reader of readers) {
      const read = reader.rules.some((i) => hasBit(ruleBits, i)) || reader.escalators.some((i) => hasBit(escalatorBits, i)) ||
        reader.tasks.some((i) => hasBit(taskBits, i));
      if (!read) continue;
      const v = reader.get(f, d);
      (values ??= {})[reader.fact] = typeof v === "number" ? v + 0 : v;
    }
    return parts.finish(rank, ruleBits, escalatorBits, taskBits, values ? (freeze(values) as FactValues) : EMPTY_VALUES, d);
  };
};

/**
 * Checks a grading table with {@link checkGradingTable} and compiles it once into
 * a fast evaluator. Every result records every rule, escalator and task that held
 * and the values read (texts come from {@link explainGrade}). Compile a table once and grade many
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
 *   console.log(result.level, result.priority, result.fired.map((r) => r.id));
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
      grade: (dispute, asOf) => run(dispute.facts, daysUnresolved(dispute.reportedOn, asOf, dispute.resolvedOn)),
    },
  };
};
