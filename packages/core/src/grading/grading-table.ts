import { Schema } from "effect";
import { IntBetween, Text, optionalField } from "../model/primitives.js";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { bilingualMessage } from "../validation/bilingual.js";
import type { GradingFactName } from "./grading-facts.js";

/**
 * A comparison operator of a grading condition.
 *
 * @example
 * ```ts
 * import type { ComparisonOp } from "@tiaojie/core";
 *
 * const op: ComparisonOp = ">=";
 * ```
 * @since 0.1.0
 */
export type ComparisonOp = ">=" | ">" | "<=" | "<" | "==" | "!=";

/**
 * A condition over the facts of a dispute, written as data so that it can be
 * checked, compiled and rendered into documentation:
 *
 * - `{ op: "is", fact }`: a yes/no fact holds;
 * - `{ op: ">=", fact, than }` (also `>`, `<=`, `<`, `==`, `!=`): a numeric fact
 *   compared with a named parameter of the table (`than: "crowdRedMin"`) or a
 *   constant (`than: 3`);
 * - `{ op: "all", of: [...] }`, `{ op: "any", of: [...] }`, `{ op: "not", of: c }`.
 *
 * @example
 * ```ts
 * import type { GradingCondition } from "@tiaojie/core";
 *
 * const crowd: GradingCondition = { op: ">=", fact: "peopleInvolved", than: "crowdRedMin" };
 * const danger: GradingCondition = {
 *   op: "any",
 *   of: [{ op: "is", fact: "threatOfViolence" }, { op: "is", fact: "selfHarmRisk" }],
 * };
 * ```
 * @since 0.1.0
 */
export type GradingCondition =
  | { readonly op: "is"; readonly fact: GradingFactName }
  | { readonly op: ComparisonOp; readonly fact: GradingFactName; readonly than: string | number }
  | { readonly op: "all" | "any"; readonly of: ReadonlyArray<GradingCondition> }
  | { readonly op: "not"; readonly of: GradingCondition };

const FactName = Schema.String.pipe(
  Schema.filter((s) => s.length >= 1 && s.length <= 100, bilingualMessage("应为 1–100 个字符的研判要素名称", "must be a fact name of 1–100 characters")),
) as unknown as Schema.Schema<GradingFactName, string>;

const Operand = Schema.Union(
  Schema.String.pipe(Schema.filter((s) => s.length >= 1 && s.length <= 100, bilingualMessage("应为参数名称", "must be a parameter name"))),
  Schema.Number.pipe(Schema.filter(Number.isFinite, bilingualMessage("应为有限数值", "must be a finite number"))),
).annotations(bilingualMessage("应为参数名称或数值", "must be a parameter name or a number"));

/**
 * The schema of a {@link GradingCondition}. Fact names are checked against the
 * vocabulary by {@link checkGradingTable}, which says precisely what is wrong
 * (unknown fact, protected activity, wrong kind of comparison).
 *
 * @example
 * ```ts
 * import { decode, GradingConditionSchema } from "@tiaojie/core";
 *
 * decode(GradingConditionSchema, { op: "is", fact: "selfHarmRisk" }).ok; // true
 * ```
 * @since 0.1.0
 */
export const GradingConditionSchema: Schema.Schema<GradingCondition, unknown> = Schema.Union(
  Schema.Struct({ op: Schema.Literal("is"), fact: FactName }),
  Schema.Struct({ op: Schema.Literal(">=", ">", "<=", "<", "==", "!="), fact: FactName, than: Operand }),
  Schema.Struct({
    op: Schema.Literal("all", "any"),
    of: Schema.Array(Schema.suspend((): Schema.Schema<GradingCondition, unknown> => GradingConditionSchema)),
  }),
  Schema.Struct({
    op: Schema.Literal("not"),
    of: Schema.suspend((): Schema.Schema<GradingCondition, unknown> => GradingConditionSchema),
  }),
).annotations({ identifier: "GradingCondition", description: "研判条件 / grading condition" }) as unknown as Schema.Schema<GradingCondition, unknown>;

const Name = Schema.String.pipe(
  Schema.filter((s) => /^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(s), {
    ...bilingualMessage("名称应为 1–64 位字母、数字或连字符，以字母开头", "a name must be 1–64 letters, digits or hyphens, starting with a letter"),
    jsonSchema: { pattern: "^[A-Za-z][A-Za-z0-9-]{0,63}$" },
  }),
);

const BilingualText = { zh: Text(500), en: Text(500) };

/**
 * A named numeric parameter of a grading table (a threshold), documented in both
 * languages.
 *
 * @example
 * ```ts
 * import { decode, GradingParameter } from "@tiaojie/core";
 *
 * decode(GradingParameter, { name: "crowdRedMin", value: 30, zh: "人数阈值", en: "people threshold" }).ok; // true
 * ```
 * @since 0.1.0
 */
export const GradingParameter = Schema.Struct({
  name: Name,
  value: Schema.Number.pipe(Schema.filter(Number.isFinite, bilingualMessage("应为有限数值", "must be a finite number"))),
  ...BilingualText,
  unit: optionalField(Schema.Struct({ zh: Text(20), en: Text(20) })),
}).annotations({ identifier: "GradingParameter", description: "研判参数 / grading parameter" });
/** @since 0.1.0 */
export interface GradingParameter extends Schema.Schema.Type<typeof GradingParameter> {}

/**
 * A grading rule: when its condition holds, the dispute is graded at least at its
 * harm risk level. Rules are the only way to a level, and they read the facts of
 * the dispute, never the time it has waited (`daysUnresolved`).
 *
 * @example
 * ```ts
 * import type { GradingRule } from "@tiaojie/core";
 *
 * const rule: GradingRule = {
 *   id: "crowd-red", level: "red", zh: "涉及人数众多", en: "very many people involved",
 *   when: { op: ">=", fact: "peopleInvolved", than: "crowdRedMin" },
 * };
 * ```
 * @since 0.1.0
 */
export const GradingRule = Schema.Struct({
  id: Name,
  level: RiskLevels.schema,
  ...BilingualText,
  when: GradingConditionSchema,
}).annotations({ identifier: "GradingRule", description: "研判规则 / grading rule" });
/** @since 0.1.0 */
export interface GradingRule extends Schema.Schema.Type<typeof GradingRule> {}

/**
 * What an escalator does to the resolution priority when its condition holds:
 * raise it by some steps (never above urgent), or lift it to at least a
 * priority. An escalator never touches the harm risk level: only the rules set
 * the level, and {@link checkGradingTable} refuses a table whose escalator names
 * a level (the shape of 0.1).
 *
 * @example
 * ```ts
 * import type { EscalatorEffect } from "@tiaojie/core";
 *
 * const up: EscalatorEffect = { op: "raise", steps: 1 };
 * const floor: EscalatorEffect = { op: "atLeast", priority: "high" };
 * ```
 * @since 0.1.0
 */
export const EscalatorEffect = Schema.Union(
  Schema.Struct({ op: Schema.Literal("raise"), steps: IntBetween(-2, 2) }),
  Schema.Struct({ op: Schema.Literal("atLeast"), priority: ResolutionPriorities.schema }),
).annotations({ identifier: "EscalatorEffect", description: "优先级升级方式 / escalator effect on the priority" });
/** @since 0.1.0 */
export type EscalatorEffect = Schema.Schema.Type<typeof EscalatorEffect>;

/**
 * An escalator: applied in order after the rules, when its condition holds, it
 * raises the resolution priority (for example a dispute unresolved for more than
 * 180 days is resolved first). It never changes the harm risk level.
 *
 * @example
 * ```ts
 * import type { GradingEscalator } from "@tiaojie/core";
 *
 * const e: GradingEscalator = {
 *   id: "long-unresolved", zh: "长期未化解，优先化解", en: "long unresolved: resolve it first",
 *   when: { op: ">", fact: "daysUnresolved", than: "longUnresolvedDays" }, then: { op: "raise", steps: 1 },
 * };
 * ```
 * @since 0.1.0
 */
export const GradingEscalator = Schema.Struct({
  id: Name,
  ...BilingualText,
  when: GradingConditionSchema,
  then: EscalatorEffect,
}).annotations({ identifier: "GradingEscalator", description: "优先级升级规则 / priority escalator" });
/** @since 0.1.0 */
export interface GradingEscalator extends Schema.Schema.Type<typeof GradingEscalator> {}

/**
 * The base resolution priority of each harm risk level: where a grade's priority
 * starts before the escalators raise it.
 *
 * @example
 * ```ts
 * import { zixiGradingTable } from "@tiaojie/core";
 *
 * zixiGradingTable.basePriority.orange; // "high"
 * ```
 * @since 0.2.0
 */
export const BasePriorities = Schema.Struct({
  red: ResolutionPriorities.schema,
  orange: ResolutionPriorities.schema,
  yellow: ResolutionPriorities.schema,
  blue: ResolutionPriorities.schema,
}).annotations({ identifier: "BasePriorities", description: "各风险等级的基础化解优先级 / base priority of each level" });
/** @since 0.2.0 */
export interface BasePriorities extends Schema.Schema.Type<typeof BasePriorities> {}

/**
 * A task the grading hands back with the grade when its condition holds, such as
 * crisis intervention for a person at risk of self-harm. `precedence: "help-first"`
 * puts it ahead of every other piece of work on the dispute (the task's own
 * order of work, not the dispute's resolution priority).
 *
 * @example
 * ```ts
 * import { zixiGradingTable } from "@tiaojie/core";
 *
 * zixiGradingTable.tasks[0]?.kind; // "crisis-intervention"
 * ```
 * @since 0.1.0
 */
export const GradingTaskRule = Schema.Struct({
  id: Name,
  kind: Schema.Literal("crisis-intervention", "assistance"),
  precedence: Schema.Literal("help-first", "normal"),
  ...BilingualText,
  when: GradingConditionSchema,
}).annotations({ identifier: "GradingTaskRule", description: "随等级返回的任务 / task returned with the grade" });
/** @since 0.1.0 */
export interface GradingTaskRule extends Schema.Schema.Type<typeof GradingTaskRule> {}

/**
 * A grading table: a version, named parameters, rules (hit policy: the highest
 * harm risk level among the rules that fire, blue when none fires), the base
 * resolution priority of each level, ordered escalators that raise the priority
 * (never the level), and the tasks returned with the grade. Integrators may
 * write their own; decode it with {@link decode} and check it with
 * {@link checkGradingTable} (which {@link compileGradingTable} also runs).
 *
 * @example
 * ```ts
 * import { decode, GradingTable, checkGradingTable } from "@tiaojie/core";
 *
 * const parsed = decode(GradingTable, JSON.parse(text));
 * if (parsed.ok) console.log(checkGradingTable(parsed.value)); // [] when sound
 * ```
 * @since 0.1.0
 */
export const GradingTable = Schema.Struct({
  version: Text(50),
  ...BilingualText,
  parameters: Schema.Array(GradingParameter),
  rules: Schema.Array(GradingRule),
  basePriority: BasePriorities,
  escalators: Schema.Array(GradingEscalator),
  tasks: Schema.Array(GradingTaskRule),
}).annotations({ identifier: "GradingTable", description: "风险研判规则表 / grading table" });
/** @since 0.1.0 */
export interface GradingTable extends Schema.Schema.Type<typeof GradingTable> {}
/**
 * The JSON form of a {@link GradingTable}.
 *
 * @example
 * ```ts
 * import { encode, GradingTable, type GradingTableJson } from "@tiaojie/core";
 *
 * const json = encode(GradingTable, value);
 * if (json.ok) { const data: GradingTableJson = json.value; }
 * ```
 * @since 0.1.0
 */
export interface GradingTableJson extends Schema.Schema.Encoded<typeof GradingTable> {}
