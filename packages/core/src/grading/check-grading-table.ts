import type { DisputeFacts } from "../model/dispute.js";
import { type RiskLevel, RiskLevels, riskRank } from "../taxonomy/risk-levels.js";
import { decode } from "../validation/decode.js";
import type { Problem } from "../validation/problem.js";
import type { IssuePath } from "../validation/validation-error.js";
import { type GradingInput, evaluateCondition, operandValue, parameterMap } from "./condition.js";
import { gradingFact, gradingFacts, isProtectedActivityFact } from "./grading-facts.js";
import { type GradingCondition, type GradingParameter, GradingTable } from "./grading-table.js";

/**
 * What kind of problem {@link checkGradingTable} found.
 *
 * @example
 * ```ts
 * import { checkGradingTable } from "@tiaojie/core";
 *
 * const blocked = checkGradingTable(table).some((p) => p.code === "protected-activity");
 * ```
 * @since 0.1.0
 */
export type GradingTableProblemCode =
  | "malformed"
  | "protected-activity"
  | "unknown-fact"
  | "wrong-comparison"
  | "unknown-parameter"
  | "empty-combination"
  | "duplicate-name"
  | "escalator-lowers"
  | "escalator-no-effect"
  | "unreachable-level";

/**
 * One problem with a grading table: where it is, what kind, and what is wrong in
 * Chinese and English.
 *
 * @example
 * ```ts
 * import { checkGradingTable, formatPath } from "@tiaojie/core";
 *
 * for (const p of checkGradingTable(table)) console.log(`${formatPath(p.path)}: ${p.zh}`);
 * ```
 * @since 0.1.0
 */
export interface GradingTableProblem extends Problem<GradingTableProblemCode> {}

const problem = (code: GradingTableProblemCode, path: IssuePath, zh: string, en: string): GradingTableProblem => ({ code, path, zh, en });

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u);

/** Looks at every `fact` named anywhere in the raw input's conditions, before decoding. */
const scanFacts = (input: unknown, out: Array<GradingTableProblem>): void => {
  const visit = (node: unknown, path: IssuePath): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, [...path, i]));
      return;
    }
    if (!isRecord(node)) return;
    const fact = node["fact"];
    if (typeof fact === "string") {
      if (isProtectedActivityFact(fact)) {
        out.push(problem("protected-activity", [...path, "fact"],
          `条件读取了受保护的行为（信访、诉讼、投诉、申诉）：“${fact}”。行使权利绝不是风险因素，此类规则表一律拒绝`,
          `the condition reads protected activity (petitions, lawsuits, complaints, appeals): "${fact}". Exercising a right is never a risk factor; such tables are always rejected`));
      } else if (!gradingFact(fact)) {
        out.push(problem("unknown-fact", [...path, "fact"],
          `未知的研判要素“${fact}”，应为以下之一：${gradingFacts.map((f) => f.name).join("、")}`,
          `unknown fact "${fact}"; must be one of: ${gradingFacts.map((f) => f.name).join(", ")}`));
      }
    }
    for (const [key, child] of Object.entries(node)) if (key !== "fact") visit(child, [...path, key]);
  };
  if (!isRecord(input)) return;
  for (const section of ["rules", "escalators", "tasks"]) visit(input[section], [section]);
};

const checkCondition = (
  c: GradingCondition,
  path: IssuePath,
  params: ReadonlyMap<string, GradingParameter>,
  out: Array<GradingTableProblem>,
): void => {
  switch (c.op) {
    case "all":
    case "any":
      if (c.of.length === 0) out.push(problem("empty-combination", [...path, "of"], "组合条件至少应有一项", "a combined condition needs at least one part"));
      c.of.forEach((inner, i) => checkCondition(inner, [...path, "of", i], params, out));
      return;
    case "not":
      checkCondition(c.of, [...path, "of"], params, out);
      return;
    case "is": {
      const def = gradingFact(c.fact);
      if (def && def.kind !== "boolean")
        out.push(problem("wrong-comparison", [...path, "op"], `“${c.fact}”是数值，应与参数或常数比较，不能用 is`, `"${c.fact}" is a number: compare it with a parameter or constant, not with "is"`));
      return;
    }
    default: {
      const def = gradingFact(c.fact);
      if (def && def.kind !== "number")
        out.push(problem("wrong-comparison", [...path, "op"], `“${c.fact}”是“是/否”要素，应使用 is（或 not）`, `"${c.fact}" is a yes/no fact: use "is" (or "not")`));
      if (typeof c.than === "string" && !params.has(c.than))
        out.push(problem("unknown-parameter", [...path, "than"], `未定义的参数“${c.than}”`, `unknown parameter "${c.than}"`));
    }
  }
};

const duplicates = (names: ReadonlyArray<string>, path: IssuePath, what: { zh: string; en: string }, out: Array<GradingTableProblem>): void => {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) out.push(problem("duplicate-name", [...path, i], `${what.zh}“${name}”重复`, `${what.en} "${name}" is repeated`));
    seen.add(name);
  });
};

const LEVELS_BY_RANK: ReadonlyArray<RiskLevel> = ["blue", "blue", "yellow", "orange", "red"];

/** @internal The reference (interpreted) grade of a table: level only. */
export const referenceLevel = (table: GradingTable, input: GradingInput, params = parameterMap(table.parameters)): RiskLevel => {
  let rank = 1;
  for (const rule of table.rules) if (evaluateCondition(rule.when, input, params)) rank = Math.max(rank, riskRank(rule.level));
  for (const esc of table.escalators) {
    if (!evaluateCondition(esc.when, input, params)) continue;
    rank = esc.then.op === "raise" ? Math.min(4, Math.max(1, rank + esc.then.steps)) : Math.max(rank, riskRank(esc.then.level));
  }
  return LEVELS_BY_RANK[rank]!;
};

const calmFacts: DisputeFacts = {
  peopleInvolved: 1, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false,
  emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false,
};

type Assignment = ReadonlyMap<string, number | boolean>;

const roundToStep = (v: number, step: number): number => Math.round(v / step) * step;

/** Candidate values of each fact: its bounds and the values around each threshold the table uses. */
const candidateValues = (table: GradingTable, params: ReadonlyMap<string, GradingParameter>): Map<string, Array<number | boolean>> => {
  const out = new Map<string, Array<number | boolean>>();
  for (const f of gradingFacts) out.set(f.name, f.kind === "boolean" ? [false, true] : [f.min, f.max]);
  const visit = (c: GradingCondition): void => {
    switch (c.op) {
      case "all":
      case "any":
        return c.of.forEach(visit);
      case "not":
        return visit(c.of);
      case "is":
        return;
    }
    const def = gradingFact(c.fact);
    if (!def || def.kind !== "number") return;
    const t = operandValue(c.than, params);
    const list = out.get(c.fact)!;
    for (const v of [t - def.step, t, t + def.step, Math.floor(t), Math.ceil(t)]) {
      const r = roundToStep(v, def.step);
      if (Number.isFinite(r) && r >= def.min && r <= def.max && !list.includes(r)) list.push(r);
    }
  };
  for (const section of [table.rules, table.escalators, table.tasks]) for (const item of section) visit(item.when);
  return out;
};

const factsOf = (c: GradingCondition, acc: Set<string> = new Set()): Set<string> => {
  switch (c.op) {
    case "all":
    case "any":
      c.of.forEach((inner) => factsOf(inner, acc));
      break;
    case "not":
      factsOf(c.of, acc);
      break;
    default:
      acc.add(c.fact);
  }
  return acc;
};

const applyAssignment = (base: GradingInput, assignment: Assignment): GradingInput => {
  const facts: Record<string, unknown> = { ...base.facts };
  let days = base.daysUnresolved;
  for (const [name, value] of assignment) {
    if (name === "daysUnresolved") days = value as number;
    else facts[name] = value;
  }
  return { facts: facts as unknown as DisputeFacts, daysUnresolved: days };
};

const MAX_COMBINATIONS = 4096;

/** Assignments over a condition's facts (from the candidates) under which it holds. */
const satisfyingAssignments = (
  c: GradingCondition,
  base: GradingInput,
  candidates: Map<string, Array<number | boolean>>,
  params: ReadonlyMap<string, GradingParameter>,
  limit: number,
): Array<Assignment> => {
  const names = [...factsOf(c)].filter((n) => candidates.has(n));
  const found: Array<Assignment> = [];
  let tried = 0;
  const current = new Map<string, number | boolean>();
  const go = (i: number): void => {
    if (found.length >= limit || tried >= MAX_COMBINATIONS) return;
    if (i === names.length) {
      tried++;
      if (evaluateCondition(c, applyAssignment(base, current), params)) found.push(new Map(current));
      return;
    }
    for (const v of candidates.get(names[i]!)!) {
      current.set(names[i]!, v);
      go(i + 1);
    }
    current.delete(names[i]!);
  };
  go(0);
  return found;
};

/**
 * Finds an example input for each level the table can give, by trying the values
 * at and around every threshold the table uses. Every witness is checked by
 * evaluating the table on it. Useful in documentation ("a dispute graded orange,
 * for example: ...") and used by {@link checkGradingTable} to prove every level is
 * reachable. The table should be well formed (see {@link checkGradingTable}).
 *
 * @example
 * ```ts
 * import { findGradingWitnesses, zixiGradingTable } from "@tiaojie/core";
 *
 * const w = findGradingWitnesses(zixiGradingTable);
 * w.red?.facts.peopleInvolved; // e.g. 30
 * ```
 * @since 0.1.0
 */
export const findGradingWitnesses = (table: GradingTable): Partial<Record<RiskLevel, GradingInput>> => {
  const params = parameterMap(table.parameters);
  const candidates = candidateValues(table, params);
  const base: GradingInput = { facts: calmFacts, daysUnresolved: 0 };
  const out: Partial<Record<RiskLevel, GradingInput>> = {};
  const consider = (input: GradingInput): void => {
    const level = referenceLevel(table, input, params);
    if (!out[level]) out[level] = input;
  };
  consider(base);
  const starts: Array<GradingInput> = [base];
  for (const rule of table.rules) {
    for (const a of satisfyingAssignments(rule.when, base, candidates, params, 8)) {
      const input = applyAssignment(base, a);
      consider(input);
      starts.push(input);
    }
  }
  for (const esc of table.escalators) {
    for (const start of starts) {
      if (RiskLevels.codes.every((l) => out[l])) return out;
      for (const a of satisfyingAssignments(esc.when, start, candidates, params, 4)) consider(applyAssignment(start, a));
    }
  }
  return out;
};

/**
 * Checks a grading table, given as decoded data or as raw JSON, and lists every
 * problem (an empty list means the table is sound):
 *
 * - it is well formed (the {@link GradingTable} schema);
 * - every condition reads a known fact, with the right kind of comparison, and
 *   every parameter it names exists; names are not repeated;
 * - no condition reads protected activity (petitions, lawsuits, complaints,
 *   appeals): such a table is always rejected, and no option turns this off;
 * - no escalator can lower a level;
 * - every level, blue to red, is reachable: a witness input is found for each.
 *
 * {@link compileGradingTable} runs these checks and refuses a table with problems.
 *
 * @example
 * ```ts
 * import { checkGradingTable, zixiGradingTable } from "@tiaojie/core";
 *
 * checkGradingTable(zixiGradingTable); // []
 * const bad = { ...zixiGradingTable, rules: [{ id: "x", level: "red", zh: "x", en: "x",
 *   when: { op: ">=", fact: "petitionCount", than: 3 } }] };
 * checkGradingTable(bad)[0]?.code; // "protected-activity"
 * ```
 * @since 0.1.0
 */
export const checkGradingTable = (input: unknown): ReadonlyArray<GradingTableProblem> => {
  const out: Array<GradingTableProblem> = [];
  scanFacts(input, out);
  const decoded = decode(GradingTable, input);
  if (!decoded.ok) {
    for (const issue of decoded.error.issues) out.push({ code: "malformed", ...issue });
    return out;
  }
  const table = decoded.value;
  const params = parameterMap(table.parameters);
  duplicates(table.parameters.map((p) => p.name), ["parameters"], { zh: "参数名", en: "parameter name" }, out);
  duplicates(table.rules.map((r) => r.id), ["rules"], { zh: "规则编号", en: "rule id" }, out);
  duplicates(table.escalators.map((r) => r.id), ["escalators"], { zh: "升级规则编号", en: "escalator id" }, out);
  duplicates(table.tasks.map((r) => r.id), ["tasks"], { zh: "任务编号", en: "task id" }, out);
  table.rules.forEach((r, i) => checkCondition(r.when, ["rules", i, "when"], params, out));
  table.escalators.forEach((e, i) => {
    checkCondition(e.when, ["escalators", i, "when"], params, out);
    if (e.then.op === "raise" && e.then.steps < 0)
      out.push(problem("escalator-lowers", ["escalators", i, "then", "steps"], "升级规则不得降低风险等级", "an escalator must never lower a level"));
    if (e.then.op === "raise" && e.then.steps === 0)
      out.push(problem("escalator-no-effect", ["escalators", i, "then", "steps"], "升级规则升高 0 级，没有作用", "the escalator raises by 0 steps and has no effect"));
  });
  table.tasks.forEach((t, i) => checkCondition(t.when, ["tasks", i, "when"], params, out));
  if (out.length > 0) return out;
  const witnesses = findGradingWitnesses(table);
  for (const level of RiskLevels.codes) {
    if (!witnesses[level])
      out.push(problem("unreachable-level", ["rules"],
        `没有任何纠纷能被评为${RiskLevels.label(level, "zh")}：未找到示例`,
        `no dispute can be graded ${RiskLevels.label(level, "en")}: no witness found`));
  }
  return out;
};
