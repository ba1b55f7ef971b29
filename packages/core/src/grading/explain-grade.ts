import { Data } from "effect";
import type { DisputeFacts } from "../model/dispute.js";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import type { Bilingual, Lang } from "../validation/bilingual.js";
import { type Result, err, ok } from "../validation/result.js";
import type { CompiledGradingTable } from "./compile-grading-table.js";
import { explainCondition, parameterMap } from "./condition.js";
import { defaultGradingTable } from "./grade-dispute.js";
import type { GradingResult } from "./grading-result.js";
import type { GradingCondition } from "./grading-table.js";

/**
 * A grading result that the given table did not produce: another table version,
 * or rules, escalators, tasks, levels, priorities or values the table does not
 * have (a result edited or decoded from elsewhere). It cannot be explained with
 * this table; explain it with the compiled table of its `tableVersion`.
 *
 * @example
 * ```ts
 * import { explainGrade } from "@tiaojie/core";
 *
 * const r = explainGrade(stored, "zh", compiledTables.get(stored.tableVersion));
 * if (!r.ok && r.error._tag === "GradeTableMismatch") console.warn(r.error.message);
 * ```
 * @since 0.2.0
 */
export class GradeTableMismatch extends Data.TaggedError("GradeTableMismatch")<{
  /** The version recorded in the result. */
  readonly resultVersion: string;
  /** The version of the table given. */
  readonly tableVersion: string;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return this.resultVersion === this.tableVersion
      ? { zh: "研判结果与所给规则表的内容不符，无法解释", en: "the grading result does not match the table given: it cannot be explained" }
      : { zh: "研判结果所用规则表版本与所给规则表不同，无法解释；请使用该版本的规则表", en: "the grading result was made with another version of the table: explain it with the table of that version" };
  }
  override get message(): string { return `${this.text.zh} / ${this.text.en}`; }
}

/**
 * A fired rule in words: its id, level label, what it means and why it fired,
 * citing the values and thresholds.
 *
 * @example
 * ```ts
 * import { explainGrade } from "@tiaojie/core";
 *
 * const r = explainGrade(result, "zh");
 * if (r.ok) for (const f of r.value.fired) console.log(`${f.description}（${f.reason}）`);
 * ```
 * @since 0.2.0
 */
export interface ExplainedRule {
  readonly id: string;
  readonly level: string;
  readonly description: string;
  readonly reason: string;
}

/**
 * An escalation in words: its id, what it means, why it held, and the priority
 * labels before and after.
 *
 * @example
 * ```ts
 * import { explainGrade } from "@tiaojie/core";
 *
 * const r = explainGrade(result, "en");
 * if (r.ok) for (const e of r.value.escalations) console.log(`${e.from} → ${e.to}: ${e.reason}`);
 * ```
 * @since 0.2.0
 */
export interface ExplainedEscalation {
  readonly id: string;
  readonly description: string;
  readonly reason: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A task in words.
 *
 * @example
 * ```ts
 * import { explainGrade } from "@tiaojie/core";
 *
 * const r = explainGrade(result, "zh");
 * if (r.ok) r.value.tasks.map((t) => t.description);
 * ```
 * @since 0.2.0
 */
export interface ExplainedTask {
  readonly id: string;
  readonly description: string;
}

/**
 * A grading result in one language: the level and priority labels, where the
 * priority comes from (the level's base priority, then the escalations), every
 * fired rule with its reason, every escalation and every task.
 *
 * @example
 * ```ts
 * import { explainGrade } from "@tiaojie/core";
 *
 * const r = explainGrade(result, "zh");
 * if (r.ok) console.log(r.value.level, r.value.priority, r.value.basePriority);
 * ```
 * @since 0.2.0
 */
export interface GradeExplanation {
  readonly lang: Lang;
  readonly tableVersion: string;
  /** The level's label, e.g. "较大（橙色）". */
  readonly level: string;
  /** The priority's label, e.g. "紧急". */
  readonly priority: string;
  /** Where the priority starts: the level's base priority, in words. */
  readonly basePriority: string;
  readonly fired: ReadonlyArray<ExplainedRule>;
  readonly escalations: ReadonlyArray<ExplainedEscalation>;
  readonly tasks: ReadonlyArray<ExplainedTask>;
}

/**
 * The outcome of {@link explainGrade}.
 *
 * @example
 * ```ts
 * import { explainGrade, type ExplainGradeResult } from "@tiaojie/core";
 *
 * const r: ExplainGradeResult = explainGrade(result, "en");
 * ```
 * @since 0.2.0
 */
export type ExplainGradeResult = Result<GradeExplanation, GradeTableMismatch>;

const explained = new WeakMap<CompiledGradingTable, Index>();

interface Index {
  readonly rules: ReadonlyMap<string, { readonly when: GradingCondition; readonly text: Bilingual; readonly level: string }>;
  readonly escalators: ReadonlyMap<string, { readonly when: GradingCondition; readonly text: Bilingual }>;
  readonly tasks: ReadonlyMap<string, Bilingual>;
  readonly params: ReturnType<typeof parameterMap>;
}

const indexOf = (compiled: CompiledGradingTable): Index => {
  let index = explained.get(compiled);
  if (!index) {
    const t = compiled.table;
    index = {
      rules: new Map(t.rules.map((r) => [r.id, { when: r.when, text: { zh: r.zh, en: r.en }, level: r.level }])),
      escalators: new Map(t.escalators.map((e) => [e.id, { when: e.when, text: { zh: e.zh, en: e.en } }])),
      tasks: new Map(t.tasks.map((x) => [x.id, { zh: x.zh, en: x.en }])),
      params: parameterMap(t.parameters),
    };
    explained.set(compiled, index);
  }
  return index;
};

const isRecord = <T>(u: T): u is T & object => typeof u === "object" && u !== null;

/** Whether every fact a condition reads has a value of the right kind in the result. */
const hasValues = (c: GradingCondition, result: GradingResult): boolean => {
  switch (c.op) {
    case "all":
    case "any":
      return c.of.every((inner) => hasValues(inner, result));
    case "not":
      return hasValues(c.of, result);
    case "is":
      return typeof (result.values as Record<string, unknown>)[c.fact] === "boolean";
    default:
      return c.fact === "daysUnresolved"
        ? typeof result.daysUnresolved === "number"
        : typeof (result.values as Record<string, unknown>)[c.fact] === "number";
  }
};

/**
 * Puts a grading result into words, in Chinese or English: the level and
 * priority, what each fired rule means and why it fired (citing the values the
 * result recorded and the table's thresholds), each escalation of the priority,
 * and each task. The texts come from the table, which must be the one that
 * graded: a result of another table version, or one naming a rule the table does
 * not have, is refused with {@link GradeTableMismatch} (never explained with
 * the wrong rules). Pure and total: nothing throws.
 *
 * @param result - a result of {@link gradeDispute} or a compiled table, or one read back from storage
 * @param lang - the language of the texts
 * @param table - the compiled table that graded it
 * @default lang "zh"
 * @default table the default table, {@link defaultGradingTable}
 * @example
 * ```ts
 * import { explainGrade, gradeDispute } from "@tiaojie/core";
 *
 * const result = gradeDispute(dispute, { asOf });
 * const text = explainGrade(result, "zh");
 * if (text.ok) {
 *   console.log(`${text.value.level}，${text.value.priority}`);
 *   for (const rule of text.value.fired) console.log(`${rule.description}：${rule.reason}`);
 * }
 * ```
 * @since 0.2.0
 */
export const explainGrade = (
  result: GradingResult,
  lang: Lang = "zh",
  table: CompiledGradingTable = defaultGradingTable(),
): ExplainGradeResult => {
  if (!isRecord(result)) return err(new GradeTableMismatch({ resultVersion: "", tableVersion: table.table.version }));
  const mismatch = () =>
    err(new GradeTableMismatch({ resultVersion: typeof result.tableVersion === "string" ? result.tableVersion : "", tableVersion: table.table.version }));
  if (result.tableVersion !== table.table.version) return mismatch();
  if (
    !RiskLevels.is(result.level) || !ResolutionPriorities.is(result.priority) || typeof result.values !== "object" || result.values === null ||
    !Array.isArray(result.fired) || !Array.isArray(result.escalations) || !Array.isArray(result.tasks)
  )
    return mismatch();
  const index = indexOf(table);
  const input = { facts: result.values as unknown as DisputeFacts, daysUnresolved: result.daysUnresolved };
  const fired: Array<ExplainedRule> = [];
  for (const f of result.fired) {
    if (!isRecord(f)) return mismatch();
    const rule = index.rules.get(f.id);
    if (!rule || rule.level !== f.level || !hasValues(rule.when, result)) return mismatch();
    fired.push({
      id: f.id,
      level: RiskLevels.label(f.level, lang),
      description: rule.text[lang],
      reason: explainCondition(rule.when, input, index.params)[lang],
    });
  }
  const escalations: Array<ExplainedEscalation> = [];
  for (const e of result.escalations) {
    if (!isRecord(e)) return mismatch();
    const esc = index.escalators.get(e.id);
    if (!esc || !ResolutionPriorities.is(e.from) || !ResolutionPriorities.is(e.to) || !hasValues(esc.when, result)) return mismatch();
    escalations.push({
      id: e.id,
      description: esc.text[lang],
      reason: explainCondition(esc.when, input, index.params)[lang],
      from: ResolutionPriorities.label(e.from, lang),
      to: ResolutionPriorities.label(e.to, lang),
    });
  }
  const tasks: Array<ExplainedTask> = [];
  for (const t of result.tasks) {
    if (!isRecord(t)) return mismatch();
    const text = index.tasks.get(t.id);
    if (!text) return mismatch();
    tasks.push({ id: t.id, description: text[lang] });
  }
  const base = table.table.basePriority[result.level];
  const levelLabel = RiskLevels.label(result.level, lang);
  const baseLabel = ResolutionPriorities.label(base, lang);
  return ok({
    lang,
    tableVersion: result.tableVersion,
    level: levelLabel,
    priority: ResolutionPriorities.label(result.priority, lang),
    basePriority: lang === "zh"
      ? `风险等级为${levelLabel}，基础化解优先级为“${baseLabel}”`
      : `harm risk ${levelLabel}: base resolution priority ${baseLabel}`,
    fired,
    escalations,
    tasks,
  });
};
