import type { DisputeFacts } from "../model/dispute.js";
import type { Bilingual } from "../validation/bilingual.js";
import { gradingFact } from "./grading-facts.js";
import type { ComparisonOp, GradingCondition, GradingParameter } from "./grading-table.js";

/**
 * The values a grading condition reads: a dispute's facts and the derived number
 * of days it has been unresolved.
 *
 * @example
 * ```ts
 * import { evaluateCondition, type GradingInput } from "@tiaojie/core";
 *
 * const input: GradingInput = { facts: dispute.facts, daysUnresolved: 12 };
 * evaluateCondition({ op: "is", fact: "selfHarmRisk" }, input, []);
 * ```
 * @since 0.1.0
 */
export interface GradingInput {
  readonly facts: DisputeFacts;
  readonly daysUnresolved: number;
}

/**
 * @internal Reads a vocabulary fact. Any other name reads nothing (`undefined`),
 * so a condition can never see protected activity, whatever object it is given.
 */
export const readFact = (input: GradingInput, fact: string): unknown => {
  if (fact === "daysUnresolved") return input.daysUnresolved;
  const def = gradingFact(fact);
  return def && def.source === "stored" ? (input.facts as unknown as Record<string, unknown>)[fact] : undefined;
};

/** @internal */
export const compare = (op: ComparisonOp, left: number, right: number): boolean => {
  switch (op) {
    case ">=": return left >= right;
    case ">": return left > right;
    case "<=": return left <= right;
    case "<": return left < right;
    case "==": return left === right;
    case "!=": return left !== right;
  }
};

/** @internal */
export const operandValue = (than: string | number, parameters: ReadonlyMap<string, GradingParameter>): number =>
  typeof than === "number" ? than : (parameters.get(than)?.value ?? Number.NaN);

/** @internal Adds every fact name a condition reads to `into`, and returns it. */
export const conditionFacts = (c: GradingCondition, into: Set<string> = new Set()): Set<string> => {
  switch (c.op) {
    case "all":
    case "any":
      for (const inner of c.of) conditionFacts(inner, into);
      break;
    case "not":
      conditionFacts(c.of, into);
      break;
    default:
      into.add(c.fact);
  }
  return into;
};

/** @internal */
export const parameterMap = (parameters: ReadonlyArray<GradingParameter>): ReadonlyMap<string, GradingParameter> =>
  new Map(parameters.map((p) => [p.name, p]));

/**
 * Evaluates a condition directly on an input, by walking the condition tree. This
 * is the reference meaning of a condition: compiled tables must agree with it. Use
 * it to test a table or to ask "would this rule fire?"; grading itself goes
 * through {@link compileGradingTable}, which is much faster.
 *
 * @example
 * ```ts
 * import { evaluateCondition, zixiGradingTable } from "@tiaojie/core";
 *
 * const rule = zixiGradingTable.rules.find((r) => r.id === "crowd-red")!;
 * evaluateCondition(rule.when, { facts, daysUnresolved: 0 }, zixiGradingTable.parameters);
 * ```
 * @since 0.1.0
 */
export const evaluateCondition = (
  condition: GradingCondition,
  input: GradingInput,
  parameters: ReadonlyArray<GradingParameter> | ReadonlyMap<string, GradingParameter>,
): boolean => {
  const params = parameters instanceof Map ? parameters : parameterMap(parameters as ReadonlyArray<GradingParameter>);
  const go = (c: GradingCondition): boolean => {
    switch (c.op) {
      case "is": return readFact(input, c.fact) === true;
      case "all": return c.of.every(go);
      case "any": return c.of.some(go);
      case "not": return !go(c.of);
      default: return compare(c.op, Number(readFact(input, c.fact)), operandValue(c.than, params));
    }
  };
  return go(condition);
};

/** Writes a number with thousands separators and at most two decimals (no ICU: it is slow). */
const formatNumber = (n: number): string => {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 10_000) return String(n);
  const negative = n < 0;
  const fixed = Math.abs(n).toFixed(2);
  const [whole, fraction] = fixed.split(".") as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction === "00" ? "" : `.${fraction.replace(/0$/, "")}`;
  return `${negative ? "-" : ""}${grouped}${decimals}`;
};

const OP_TEXT: Record<ComparisonOp, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠" };

const factLabel = (fact: string): Bilingual => gradingFact(fact) ?? { zh: fact, en: fact };

const unitOf = (fact: string): Bilingual => gradingFact(fact)?.unit ?? { zh: "", en: "" };

const operandText = (than: string | number, params: ReadonlyMap<string, GradingParameter>, fact: string): Bilingual => {
  const u = unitOf(fact);
  if (typeof than === "number") return { zh: `${formatNumber(than)}${u.zh}`, en: `${formatNumber(than)}${u.en ? ` ${u.en}` : ""}` };
  const value = params.get(than)?.value ?? Number.NaN;
  return {
    zh: `${formatNumber(value)}${u.zh}（参数 ${than}）`,
    en: `${formatNumber(value)}${u.en ? ` ${u.en}` : ""} (parameter ${than})`,
  };
};

const joinBoth = (parts: ReadonlyArray<Bilingual>, zhSep: string, enSep: string): Bilingual => ({
  zh: parts.map((p) => p.zh).join(zhSep),
  en: parts.map((p) => p.en).join(enSep),
});

/**
 * Renders a condition as text in both languages, with parameter values, for the
 * policy documentation: `涉及人数 ≥ 30人（参数 crowdRedMin）`.
 *
 * @example
 * ```ts
 * import { describeCondition, zixiGradingTable } from "@tiaojie/core";
 *
 * for (const rule of zixiGradingTable.rules) {
 *   console.log(rule.level, describeCondition(rule.when, zixiGradingTable.parameters).zh);
 * }
 * ```
 * @since 0.1.0
 */
export const describeCondition = (
  condition: GradingCondition,
  parameters: ReadonlyArray<GradingParameter>,
): Bilingual => {
  const params = parameterMap(parameters);
  const go = (c: GradingCondition): Bilingual => {
    switch (c.op) {
      case "is": return factLabel(c.fact);
      case "all": return joinBoth(c.of.map(wrap), " 且 ", " and ");
      case "any": return joinBoth(c.of.map(wrap), " 或 ", " or ");
      case "not": {
        const inner = wrap(c.of);
        return { zh: `非 ${inner.zh}`, en: `not ${inner.en}` };
      }
      default: {
        const label = factLabel(c.fact);
        const right = operandText(c.than, params, c.fact);
        return { zh: `${label.zh} ${OP_TEXT[c.op]} ${right.zh}`, en: `${label.en} ${OP_TEXT[c.op]} ${right.en}` };
      }
    }
  };
  const wrap = (c: GradingCondition): Bilingual => {
    const text = go(c);
    return c.op === "all" || c.op === "any" ? { zh: `（${text.zh}）`, en: `(${text.en})` } : text;
  };
  return go(condition);
};

/**
 * Explains why a condition holds (or not) for an input, citing the actual values:
 * `涉及人数为 32人，≥ 30人（参数 crowdRedMin）`. For `any`, only the branches that
 * hold are cited.
 *
 * @example
 * ```ts
 * import { explainCondition, zixiGradingTable } from "@tiaojie/core";
 *
 * const rule = zixiGradingTable.rules[1]!;
 * explainCondition(rule.when, { facts, daysUnresolved: 0 }, zixiGradingTable.parameters).en;
 * // "people involved is 32 people, ≥ 30 people (parameter crowdRedMin)"
 * ```
 * @since 0.1.0
 */
export const explainCondition = (
  condition: GradingCondition,
  input: GradingInput,
  parameters: ReadonlyArray<GradingParameter> | ReadonlyMap<string, GradingParameter>,
): Bilingual => {
  const params = parameters instanceof Map ? parameters : parameterMap(parameters as ReadonlyArray<GradingParameter>);
  const holds = (c: GradingCondition) => evaluateCondition(c, input, params);
  const go = (c: GradingCondition): Bilingual => {
    switch (c.op) {
      case "is": {
        const label = factLabel(c.fact);
        return readFact(input, c.fact) === true
          ? { zh: `${label.zh}：是`, en: `${label.en}: yes` }
          : { zh: `${label.zh}：否`, en: `${label.en}: no` };
      }
      case "all": return joinBoth(c.of.map(go), "；", "; ");
      case "any": {
        const held = c.of.filter(holds);
        return joinBoth((held.length > 0 ? held : c.of).map(go), "；", "; ");
      }
      case "not": {
        const inner = go(c.of);
        return { zh: `并非（${inner.zh}）`, en: `not (${inner.en})` };
      }
      default: {
        const label = factLabel(c.fact);
        const u = unitOf(c.fact);
        const value = Number(readFact(input, c.fact));
        const right = operandText(c.than, params, c.fact);
        const ok = compare(c.op, value, operandValue(c.than, params));
        const op = ok ? OP_TEXT[c.op] : `不满足 ${OP_TEXT[c.op]}`;
        const opEn = ok ? OP_TEXT[c.op] : `not ${OP_TEXT[c.op]}`;
        return {
          zh: `${label.zh}为 ${formatNumber(value)}${u.zh}，${op} ${right.zh}`,
          en: `${label.en} is ${formatNumber(value)}${u.en ? ` ${u.en}` : ""}, ${opEn} ${right.en}`,
        };
      }
    }
  };
  return go(condition);
};
