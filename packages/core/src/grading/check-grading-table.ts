import { applyPriorityEffect } from "./decided-priority.js";
import type { DisputeFacts } from "../model/dispute.js";
import { type ResolutionPriority, ResolutionPriorities, priorityOfRank, priorityRank } from "../taxonomy/resolution-priorities.js";
import { type RiskLevel, RiskLevels, riskRank } from "../taxonomy/risk-levels.js";
import { decode } from "../validation/decode.js";
import type { Problem } from "../validation/problem.js";
import type { IssuePath } from "../validation/validation-error.js";
import { type GradingInput, conditionFacts, evaluateCondition, operandValue, parameterMap } from "./condition.js";
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
  | "escalator-touches-level"
  | "level-reads-time"
  | "base-priority-order"
  | "escalator-lowers"
  | "escalator-no-effect"
  | "unreachable-level"
  | "unreachable-priority";

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

/**
 * Looks for any attempt of an escalator to set or raise the harm risk level in the
 * raw input, before decoding: a field whose name speaks of a level (`level`,
 * `riskLevel`, `levels` …) anywhere in an escalator, such as 0.1's
 * `then: { op: "atLeast", level: "red" }`. Escalators raise the priority only.
 */
const scanEscalatorLevels = (input: unknown, out: Array<GradingTableProblem>): void => {
  if (!isRecord(input) || !Array.isArray(input["escalators"])) return;
  const visit = (node: unknown, path: IssuePath): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, [...path, i]));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (/level/i.test(key))
        out.push(problem("escalator-touches-level", [...path, key],
          "升级规则只能提高化解优先级，不得改变风险等级：风险等级只由研判规则根据纠纷事实确定，长期未化解不会使当事人成为“高风险”。请改用 priority（如 { op: \"atLeast\", priority: \"high\" }）",
          "an escalator raises the resolution priority only and can never change the harm risk level: the level comes from the rules and the facts of the dispute alone, and a long wait never makes a person a \"high risk\". Use a priority instead (e.g. { op: \"atLeast\", priority: \"high\" })"));
      else visit(child, [...path, key]);
    }
  };
  input["escalators"].forEach((e, i) => visit(e, ["escalators", i]));
};

/** The paths of every `daysUnresolved` read in a condition. */
const timeReads = (c: GradingCondition, path: IssuePath, out: Array<IssuePath>): void => {
  switch (c.op) {
    case "all":
    case "any":
      c.of.forEach((inner, i) => timeReads(inner, [...path, "of", i], out));
      return;
    case "not":
      timeReads(c.of, [...path, "of"], out);
      return;
    default:
      if (gradingFact(c.fact)?.source === "derived") out.push([...path, "fact"]);
  }
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

/** @internal The reference (interpreted) grade of a table: level, priority and what fired. */
export interface ReferenceGrade {
  readonly level: RiskLevel;
  readonly priority: ResolutionPriority;
  readonly fired: ReadonlyArray<string>;
  readonly escalations: ReadonlyArray<{ readonly id: string; readonly from: ResolutionPriority; readonly to: ResolutionPriority }>;
  readonly tasks: ReadonlyArray<string>;
}

/**
 * @internal The reference meaning of a table, by walking its conditions: the
 * level is the highest among the rules that hold; the priority starts at the
 * level's base priority and each escalator that holds raises it, in order.
 */
export const referenceGrade = (table: GradingTable, input: GradingInput, params = parameterMap(table.parameters)): ReferenceGrade => {
  const fired = table.rules.filter((rule) => evaluateCondition(rule.when, input, params));
  const rank = Math.max(1, ...fired.map((rule) => riskRank(rule.level)));
  const level = LEVELS_BY_RANK[rank]!;
  let p = priorityRank(table.basePriority[level]);
  const escalations: Array<{ id: string; from: ResolutionPriority; to: ResolutionPriority }> = [];
  for (const esc of table.escalators) {
    if (!evaluateCondition(esc.when, input, params)) continue;
    const from = p;
    p = applyPriorityEffect(p, esc.then);
    escalations.push({ id: esc.id, from: priorityOfRank(from), to: priorityOfRank(p) });
  }
  return {
    level,
    priority: priorityOfRank(p),
    fired: fired.map((rule) => rule.id),
    escalations,
    tasks: table.tasks.filter((task) => evaluateCondition(task.when, input, params)).map((task) => task.id),
  };
};

/** @internal The reference level alone. */
export const referenceLevel = (table: GradingTable, input: GradingInput, params = parameterMap(table.parameters)): RiskLevel =>
  referenceGrade(table, input, params).level;

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
  const names = [...conditionFacts(c)].filter((n) => candidates.has(n));
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

interface Witnesses {
  readonly levels: Partial<Record<RiskLevel, GradingInput>>;
  readonly priorities: Partial<Record<ResolutionPriority, GradingInput>>;
}

const MAX_FRONTIER = 256;

/** Searches the values at and around every threshold for an example of each level and each priority. */
const searchWitnesses = (table: GradingTable): Witnesses => {
  const params = parameterMap(table.parameters);
  const candidates = candidateValues(table, params);
  const base: GradingInput = { facts: calmFacts, daysUnresolved: 0 };
  const levels: Partial<Record<RiskLevel, GradingInput>> = {};
  const priorities: Partial<Record<ResolutionPriority, GradingInput>> = {};
  const complete = () =>
    RiskLevels.codes.every((l) => levels[l]) && ResolutionPriorities.codes.every((p) => priorities[p]);
  const consider = (input: GradingInput): void => {
    const grade = referenceGrade(table, input, params);
    if (!levels[grade.level]) levels[grade.level] = input;
    if (!priorities[grade.priority]) priorities[grade.priority] = input;
  };
  consider(base);
  let frontier: Array<GradingInput> = [base];
  for (const rule of table.rules) {
    for (const a of satisfyingAssignments(rule.when, base, candidates, params, 8)) {
      const input = applyAssignment(base, a);
      consider(input);
      frontier.push(input);
    }
  }
  // Escalators in order, each tried on what the earlier ones reached, so that
  // raises that add up are found too.
  for (const esc of table.escalators) {
    if (complete()) break;
    const next: Array<GradingInput> = [];
    for (const start of frontier) {
      for (const a of satisfyingAssignments(esc.when, start, candidates, params, 2)) {
        const input = applyAssignment(start, a);
        consider(input);
        next.push(input);
      }
    }
    frontier = [...frontier, ...next].slice(0, MAX_FRONTIER);
  }
  return { levels, priorities };
};

/**
 * Finds an example input for each harm risk level the table can give, by trying
 * the values at and around every threshold the table uses. Every witness is
 * checked by evaluating the table on it. Useful in documentation ("a dispute
 * graded orange, for example: ...") and used by {@link checkGradingTable} to
 * prove every level is reachable. The table should be well formed (see
 * {@link checkGradingTable}).
 *
 * @example
 * ```ts
 * import { findGradingWitnesses, zixiGradingTable } from "@tiaojie/core";
 *
 * const w = findGradingWitnesses(zixiGradingTable);
 * w.red !== undefined; // true: some dispute is graded red
 * w.red?.facts; // the facts of one such dispute
 * ```
 * @since 0.1.0
 */
export const findGradingWitnesses = (table: GradingTable): Partial<Record<RiskLevel, GradingInput>> => searchWitnesses(table).levels;

/**
 * Finds an example input for each resolution priority the table can give (the
 * base priorities of the levels, raised by the escalators), checked by
 * evaluating the table on it. Used by {@link checkGradingTable} to prove every
 * priority is reachable.
 *
 * @example
 * ```ts
 * import { findPriorityWitnesses, zixiGradingTable } from "@tiaojie/core";
 *
 * const w = findPriorityWitnesses(zixiGradingTable);
 * w.urgent !== undefined; // true: some dispute is urgent
 * ```
 * @since 0.2.0
 */
export const findPriorityWitnesses = (table: GradingTable): Partial<Record<ResolutionPriority, GradingInput>> =>
  searchWitnesses(table).priorities;

/**
 * Checks a grading table, given as decoded data or as raw JSON, and lists every
 * problem (an empty list means the table is sound):
 *
 * - it is well formed (the {@link GradingTable} schema);
 * - every condition reads a known fact, with the right kind of comparison, and
 *   every parameter it names exists; names are not repeated;
 * - no condition reads protected activity (petitions, lawsuits, complaints,
 *   appeals): such a table is always rejected, and no option turns this off;
 * - the harm risk level depends on the facts alone: no escalator names a level
 *   (escalators raise the resolution priority only), and no rule reads the days
 *   a dispute has waited. Time raises the priority, never the level; no option
 *   turns this off either;
 * - a more severe level never has a lower base priority; no escalator lowers the
 *   priority or does nothing;
 * - every level, blue to red, and every priority is reachable: a witness input
 *   is found for each.
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
 * const old = { ...zixiGradingTable, escalators: [{ id: "x", zh: "x", en: "x",
 *   when: { op: ">", fact: "daysUnresolved", than: 180 }, then: { op: "atLeast", level: "red" } }] };
 * checkGradingTable(old)[0]?.code; // "escalator-touches-level"
 * ```
 * @since 0.1.0
 */
export const checkGradingTable = (input: unknown): ReadonlyArray<GradingTableProblem> => {
  const out: Array<GradingTableProblem> = [];
  scanFacts(input, out);
  scanEscalatorLevels(input, out);
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
  table.rules.forEach((r, i) => {
    checkCondition(r.when, ["rules", i, "when"], params, out);
    const reads: Array<IssuePath> = [];
    timeReads(r.when, ["rules", i, "when"], reads);
    for (const path of reads)
      out.push(problem("level-reads-time", path,
        "研判规则不得读取未化解天数：等待时间只提高化解优先级（用升级规则），不提高风险等级",
        "a rule must not read the days unresolved: time raises the resolution priority (use an escalator), never the harm risk level"));
  });
  const ordered = [...RiskLevels.codes].reverse(); // blue … red
  ordered.forEach((level, i) => {
    const lower = ordered[i - 1];
    if (lower !== undefined && priorityRank(table.basePriority[level]) < priorityRank(table.basePriority[lower]))
      out.push(problem("base-priority-order", ["basePriority", level],
        `${RiskLevels.label(level, "zh")}的基础优先级不得低于${RiskLevels.label(lower, "zh")}`,
        `the base priority of ${RiskLevels.label(level, "en")} must not be lower than that of ${RiskLevels.label(lower, "en")}`));
  });
  table.escalators.forEach((e, i) => {
    checkCondition(e.when, ["escalators", i, "when"], params, out);
    if (e.then.op === "raise" && e.then.steps < 0)
      out.push(problem("escalator-lowers", ["escalators", i, "then", "steps"], "升级规则不得降低化解优先级", "an escalator must never lower the priority"));
    if (e.then.op === "raise" && e.then.steps === 0)
      out.push(problem("escalator-no-effect", ["escalators", i, "then", "steps"], "升级规则提高 0 级，没有作用", "the escalator raises by 0 steps and has no effect"));
  });
  table.tasks.forEach((t, i) => checkCondition(t.when, ["tasks", i, "when"], params, out));
  if (out.length > 0) return out;
  const witnesses = searchWitnesses(table);
  for (const level of RiskLevels.codes) {
    if (!witnesses.levels[level])
      out.push(problem("unreachable-level", ["rules"],
        `没有任何纠纷能被评为${RiskLevels.label(level, "zh")}：未找到示例`,
        `no dispute can be graded ${RiskLevels.label(level, "en")}: no witness found`));
  }
  for (const priority of ResolutionPriorities.codes) {
    if (!witnesses.priorities[priority])
      out.push(problem("unreachable-priority", ["basePriority"],
        `没有任何纠纷的化解优先级能为“${ResolutionPriorities.label(priority, "zh")}”：未找到示例`,
        `no dispute can have the resolution priority ${ResolutionPriorities.label(priority, "en")}: no witness found`));
  }
  return out;
};
