import { Schema } from "effect";
import { CountyCode } from "../model/county-code.js";
import { Text, optionalField } from "../model/primitives.js";
import { type DisputeDomain, DisputeDomains } from "../taxonomy/dispute-domains.js";
import { ResolutionChannels } from "../taxonomy/resolution-channels.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { bilingualMessage } from "../validation/bilingual.js";

/**
 * A condition of an escalation rule, as data: the dispute's domain is one of a
 * list, its level is at least some level, a yes/no fact holds, or a numeric fact
 * compares with a constant; combined with `all`, `any` and `not`. Facts are those
 * of grading (see {@link gradingFacts}); protected activity is never among them.
 *
 * @example
 * ```ts
 * import type { RouteCondition } from "@tiaojie/core";
 *
 * const failed: RouteCondition = { op: ">=", fact: "failedMediations", than: 1 };
 * const red: RouteCondition = { op: "level", atLeast: "red" };
 * ```
 * @since 0.1.0
 */
export type RouteCondition =
  | { readonly op: "domain"; readonly in: ReadonlyArray<DisputeDomain> }
  | { readonly op: "level"; readonly atLeast: RiskLevel }
  | { readonly op: "is"; readonly fact: string }
  | { readonly op: ">=" | ">" | "<=" | "<" | "==" | "!="; readonly fact: string; readonly than: number }
  | { readonly op: "all" | "any"; readonly of: ReadonlyArray<RouteCondition> }
  | { readonly op: "not"; readonly of: RouteCondition };

const FactName = Schema.String.pipe(
  Schema.filter((s) => s.length >= 1 && s.length <= 100, bilingualMessage("应为研判要素名称", "must be a fact name")),
);

/**
 * The schema of a {@link RouteCondition}.
 *
 * @example
 * ```ts
 * import { decode, RouteConditionSchema } from "@tiaojie/core";
 *
 * decode(RouteConditionSchema, { op: "level", atLeast: "red" }).ok; // true
 * ```
 * @since 0.1.0
 */
export const RouteConditionSchema: Schema.Schema<RouteCondition, unknown> = Schema.Union(
  Schema.Struct({ op: Schema.Literal("domain"), in: Schema.Array(DisputeDomains.schema) }),
  Schema.Struct({ op: Schema.Literal("level"), atLeast: RiskLevels.schema }),
  Schema.Struct({ op: Schema.Literal("is"), fact: FactName }),
  Schema.Struct({
    op: Schema.Literal(">=", ">", "<=", "<", "==", "!="),
    fact: FactName,
    than: Schema.Number.pipe(Schema.filter(Number.isFinite, bilingualMessage("应为有限数值", "must be a finite number"))),
  }),
  Schema.Struct({ op: Schema.Literal("all", "any"), of: Schema.Array(Schema.suspend((): Schema.Schema<RouteCondition, unknown> => RouteConditionSchema)) }),
  Schema.Struct({ op: Schema.Literal("not"), of: Schema.suspend((): Schema.Schema<RouteCondition, unknown> => RouteConditionSchema) }),
).annotations({ identifier: "RouteCondition", description: "分流条件 / routing condition" }) as unknown as Schema.Schema<RouteCondition, unknown>;

/**
 * What an escalation rule does to a route: change the lead unit, add cooperating
 * units, escalate to a higher body, use a linkage channel (诉调对接 …), require a
 * named responsible person (包保责任), tell the parties of the court route, or
 * report to a unit within a time.
 *
 * @example
 * ```ts
 * import type { RouteAction } from "@tiaojie/core";
 *
 * const report: RouteAction = { kind: "report", to: "township-leadership", within: "same-day" };
 * ```
 * @since 0.1.0
 */
export const RouteAction = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("lead"), unit: UnitKinds.schema }),
  Schema.Struct({ kind: Schema.Literal("cooperate"), units: Schema.Array(UnitKinds.schema) }),
  Schema.Struct({ kind: Schema.Literal("escalate"), to: UnitKinds.schema }),
  Schema.Struct({ kind: Schema.Literal("linkage"), channel: ResolutionChannels.schema }),
  Schema.Struct({ kind: Schema.Literal("assign-responsible-person") }),
  Schema.Struct({ kind: Schema.Literal("inform-court-route") }),
  Schema.Struct({ kind: Schema.Literal("report"), to: UnitKinds.schema, within: Schema.Literal("same-day", "next-day", "three-days") }),
).annotations({ identifier: "RouteAction", description: "分流处置 / routing action" });
/** @since 0.1.0 */
export type RouteAction = Schema.Schema.Type<typeof RouteAction>;

const Name = Schema.String.pipe(
  Schema.filter((s) => /^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(s), bilingualMessage("应为 1–64 位字母、数字或连字符，以字母开头", "must be 1–64 letters, digits or hyphens, starting with a letter")),
);
const BilingualText = Schema.Struct({ zh: Text(500), en: Text(500) });

/**
 * One row of the routing matrix: the unit kind in charge of a domain and the unit
 * kinds that cooperate (谁主管谁负责).
 *
 * @example
 * ```ts
 * import type { RoutingMatrixEntry } from "@tiaojie/core";
 *
 * const row: RoutingMatrixEntry = {
 *   domain: "medical", lead: "health-centre", cooperating: ["justice-office"],
 *   zh: "医疗纠纷由卫生院主管", en: "the health centre is in charge of medical disputes",
 * };
 * ```
 * @since 0.1.0
 */
export const RoutingMatrixEntry = Schema.Struct({
  domain: DisputeDomains.schema,
  lead: UnitKinds.schema,
  cooperating: Schema.Array(UnitKinds.schema),
  zh: Text(500),
  en: Text(500),
}).annotations({ identifier: "RoutingMatrixEntry", description: "主管单位 / lead unit of a domain" });
/** @since 0.1.0 */
export interface RoutingMatrixEntry extends Schema.Schema.Type<typeof RoutingMatrixEntry> {}

/**
 * An escalation rule: when its condition holds, its actions apply to the route.
 * `basis` names the rule's source (a regulation, the campaign plan).
 *
 * @example
 * ```ts
 * import { zixiRoutingConfig } from "@tiaojie/core";
 *
 * for (const rule of zixiRoutingConfig.escalations) console.log(rule.id, rule.zh, rule.basis?.zh ?? "");
 * ```
 * @since 0.1.0
 */
export const EscalationRule = Schema.Struct({
  id: Name,
  zh: Text(500),
  en: Text(500),
  basis: optionalField(BilingualText),
  when: RouteConditionSchema,
  then: Schema.Array(RouteAction),
}).annotations({ identifier: "EscalationRule", description: "升级分流规则 / escalation rule" });
/** @since 0.1.0 */
export interface EscalationRule extends Schema.Schema.Type<typeof EscalationRule> {}

/**
 * A routing configuration: a version, optionally the county it is for, the
 * matrix (one row per domain) and the escalation rules, applied in order. Each
 * county may decode its own; check it with {@link checkRoutingConfig}.
 *
 * @example
 * ```ts
 * import { decode, RoutingConfig, checkRoutingConfig } from "@tiaojie/core";
 *
 * const parsed = decode(RoutingConfig, JSON.parse(text));
 * if (parsed.ok && checkRoutingConfig(parsed.value).length === 0) use(parsed.value);
 * ```
 * @since 0.1.0
 */
export const RoutingConfig = Schema.Struct({
  version: Text(50),
  zh: Text(500),
  en: Text(500),
  county: optionalField(CountyCode),
  matrix: Schema.Array(RoutingMatrixEntry),
  escalations: Schema.Array(EscalationRule),
}).annotations({ identifier: "RoutingConfig", description: "分流配置 / routing configuration" });
/** @since 0.1.0 */
export interface RoutingConfig extends Schema.Schema.Type<typeof RoutingConfig> {}
/**
 * The JSON form of a {@link RoutingConfig}.
 *
 * @example
 * ```ts
 * import { encode, RoutingConfig, type RoutingConfigJson } from "@tiaojie/core";
 *
 * const json = encode(RoutingConfig, value);
 * if (json.ok) { const data: RoutingConfigJson = json.value; }
 * ```
 * @since 0.1.0
 */
export interface RoutingConfigJson extends Schema.Schema.Encoded<typeof RoutingConfig> {}
