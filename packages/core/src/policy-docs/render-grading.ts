import { describeCondition } from "../grading/condition.js";
import { gradingFacts, protectedActivityTerms } from "../grading/grading-facts.js";
import type { GradingTable } from "../grading/grading-table.js";
import { type ActorRole, ActorRoles } from "../taxonomy/actor-roles.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { zixiLowerGradeApprovers } from "../presets/zixi/grade-approvers.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, page, pick, say, table } from "./markdown.js";

const number = (n: number): string => n.toLocaleString("en-US");

/** The grading table as a policy page: how grading works, parameters, rules, escalators, tasks. */
export const renderGrading = (grading: GradingTable, lang: Lang, approvers: ReadonlyArray<ActorRole> = zixiLowerGradeApprovers): string => {
  const levels = RiskLevels.codes.map((c) => RiskLevels.label(c, lang));
  return page([
    `# ${pick(lang, "风险研判规则", "Risk grading rules")}`,
    `${say(grading, lang)}（${pick(lang, "版本", "version")} \`${grading.version}\`）`,
    `## ${pick(lang, "怎样研判", "How a grade is reached")}`,
    bullets([
      pick(lang, `等级由高到低为：${levels.join("、")}。`, `The levels, most severe first: ${levels.join(", ")}.`),
      pick(
        lang,
        "逐条检查下列规则；取所有成立规则中最高的等级，没有规则成立时为轻微（蓝色）。然后依次适用升级规则，最高不超过重大（红色）。",
        "Every rule below is checked; the grade is the highest level among the rules that hold, minor (blue) when none does. Escalators then apply in order, never above major (red).",
      ),
      pick(
        lang,
        "研判结果列出每一条成立的规则及其依据的事实，供工作人员复核。",
        "Every grade lists each rule that held and the facts it read, for the officer to review.",
      ),
      pick(
        lang,
        `系统给出的是建议等级，由工作人员确认；改变等级须说明理由，调低等级还须由另一名工作人员复核确认，复核人须为${approvers.map((r) => ActorRoles.label(r, "zh")).join("或")}。是否同一人按工号判断，不按姓名。`,
        `The grade is a recommendation that an officer confirms; changing it needs a reason, and lowering it also needs the confirmation of a second officer, who must be ${approvers.map((r) => ActorRoles.label(r, "en")).join(" or ")}. Officers are told apart by staff number, not by name.`,
      ),
      pick(
        lang,
        "信访、诉讼、投诉、申诉是公民的合法权利，从不作为风险因素：规则只能读取下表所列事实，读取这类活动的规则表会被拒绝。",
        "Petitioning, suing, complaining and appealing are lawful rights and never risk factors: rules can read only the facts listed below, and a table whose rules read such activity is refused.",
      ),
    ]),
    `## ${pick(lang, "可读取的事实", "Facts a rule may read")}`,
    table(
      [pick(lang, "事实", "fact"), pick(lang, "名称", "name"), pick(lang, "来源", "source")],
      gradingFacts.map((f) => [
        say(f, lang),
        `\`${f.name}\``,
        f.source === "stored" ? pick(lang, "登记的纠纷要素", "recorded with the dispute") : pick(lang, "研判时计算", "computed when grading"),
      ]),
    ),
    `## ${pick(lang, "参数", "Parameters")}`,
    table(
      [pick(lang, "参数", "parameter"), pick(lang, "取值", "value"), pick(lang, "说明", "meaning")],
      grading.parameters.map((p) => [`\`${p.name}\``, `${number(p.value)}${p.unit ? ` ${say(p.unit, lang)}` : ""}`, say(p, lang)]),
    ),
    `## ${pick(lang, "研判规则", "Rules")}`,
    table(
      [pick(lang, "编号", "id"), pick(lang, "条件", "condition"), pick(lang, "等级", "level"), pick(lang, "说明", "meaning")],
      grading.rules.map((r) => [
        `\`${r.id}\``,
        say(describeCondition(r.when, grading.parameters), lang),
        RiskLevels.label(r.level, lang),
        say(r, lang),
      ]),
    ),
    `## ${pick(lang, "升级规则", "Escalators")}`,
    grading.escalators.length === 0
      ? pick(lang, "（无）", "(none)")
      : table(
          [pick(lang, "编号", "id"), pick(lang, "条件", "condition"), pick(lang, "效果", "effect"), pick(lang, "说明", "meaning")],
          grading.escalators.map((e) => [
            `\`${e.id}\``,
            say(describeCondition(e.when, grading.parameters), lang),
            e.then.op === "raise"
              ? pick(lang, `升高 ${e.then.steps} 级（最高重大）`, `up ${e.then.steps} level(s), at most red`)
              : pick(lang, `至少为${RiskLevels.label(e.then.level, "zh")}`, `at least ${RiskLevels.label(e.then.level, "en")}`),
            say(e, lang),
          ]),
        ),
    `## ${pick(lang, "随研判结果产生的任务（帮扶优先）", "Tasks returned with the grade (help first)")}`,
    grading.tasks.length === 0
      ? pick(lang, "（无）", "(none)")
      : table(
          [pick(lang, "编号", "id"), pick(lang, "条件", "condition"), pick(lang, "任务", "task")],
          grading.tasks.map((t) => [`\`${t.id}\``, say(describeCondition(t.when, grading.parameters), lang), say(t, lang)]),
        ),
    `## ${pick(lang, "不得作为研判依据的活动", "Activity that can never be a grading fact")}`,
    pick(
      lang,
      `事实名称中含有以下词语的规则表一律拒绝：${protectedActivityTerms.map((t) => `\`${t}\``).join("、")}。`,
      `A table naming a fact that contains any of these terms is refused: ${protectedActivityTerms.map((t) => `\`${t}\``).join(", ")}.`,
    ),
  ]);
};
