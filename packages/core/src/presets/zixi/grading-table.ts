import type { GradingTable } from "../../grading/grading-table.js";

/**
 * The default grading table, the Zixi preset (紫溪镇 2025 专项行动). The plan asks
 * for a grade per dispute without defining one; these rules restate DOMAIN.md.
 * Every threshold is a named parameter, so a county can copy the table, change a
 * value and keep the same rules. Petitioning, suing and complaining appear nowhere:
 * only the facts of the dispute (threats of violence or self-harm, people,
 * amounts …) set the harm risk level, and a long-unresolved grievance raises the
 * priority of resolving it, never the level.
 *
 * Base priorities (this preset's choice): red is urgent, orange high, yellow and
 * blue normal. After 180 days unresolved the priority goes one step up (normal to
 * high, high to urgent); the level stays what the facts say, so routing's
 * same-day report for red is never triggered by a long wait.
 *
 * @example
 * ```ts
 * import { zixiGradingTable, compileGradingTable } from "@tiaojie/core";
 *
 * const custom = {
 *   ...zixiGradingTable,
 *   version: "chuxiong-2025.1",
 *   parameters: zixiGradingTable.parameters.map((p) =>
 *     p.name === "longUnresolvedDays" ? { ...p, value: 90 } : p,
 *   ),
 * };
 * const compiled = compileGradingTable(custom);
 * ```
 * @since 0.1.0
 */
export const zixiGradingTable: GradingTable = {
  version: "zixi-2025.2",
  zh: "紫溪镇矛盾纠纷风险研判规则（2025 年专项行动预设）",
  en: "Zixi town dispute risk grading rules (2025 campaign preset)",
  parameters: [
    { name: "crowdRedMin", value: 30, zh: "涉及人数达到此数即为重大（红色）", en: "people involved at or above which a dispute is red", unit: { zh: "人", en: "people" } },
    { name: "crowdOrangeMin", value: 5, zh: "涉及人数达到此数即为较大（橙色）", en: "people involved at or above which a dispute is orange", unit: { zh: "人", en: "people" } },
    { name: "amountOrangeMin", value: 1_000_000, zh: "涉及金额达到此数即为较大（橙色）", en: "amount at stake at or above which a dispute is orange", unit: { zh: "元", en: "yuan" } },
    { name: "amountYellowMin", value: 100_000, zh: "涉及金额达到此数即为一般（黄色）", en: "amount at stake at or above which a dispute is yellow", unit: { zh: "元", en: "yuan" } },
    { name: "intensityOrangeMin", value: 3, zh: "情绪激烈程度达到此级即为较大（橙色）", en: "emotional intensity at or above which a dispute is orange", unit: { zh: "级", en: "of 3" } },
    { name: "intensityYellowMin", value: 2, zh: "情绪激烈程度达到此级即为一般（黄色）", en: "emotional intensity at or above which a dispute is yellow", unit: { zh: "级", en: "of 3" } },
    { name: "failedMediationsYellowMin", value: 2, zh: "调解未成功达到此次数即为一般（黄色）", en: "failed mediations at or above which a dispute is yellow", unit: { zh: "次", en: "times" } },
    { name: "longUnresolvedDays", value: 180, zh: "未化解超过此天数的纠纷化解优先级升高一级（风险等级不变）", en: "days unresolved beyond which a dispute's resolution priority goes one step up (its risk level stays)", unit: { zh: "天", en: "days" } },
  ],
  rules: [
    {
      id: "danger-to-life",
      level: "red",
      zh: "有暴力威胁或自伤自残风险",
      en: "a threat of violence or a risk of self-harm",
      when: { op: "any", of: [{ op: "is", fact: "threatOfViolence" }, { op: "is", fact: "selfHarmRisk" }] },
    },
    { id: "crowd-red", level: "red", zh: "涉及人数众多", en: "very many people involved", when: { op: ">=", fact: "peopleInvolved", than: "crowdRedMin" } },
    { id: "crowd-orange", level: "orange", zh: "涉及人数较多", en: "many people involved", when: { op: ">=", fact: "peopleInvolved", than: "crowdOrangeMin" } },
    { id: "amount-orange", level: "orange", zh: "涉及金额巨大", en: "a very large amount at stake", when: { op: ">=", fact: "amountAtStake", than: "amountOrangeMin" } },
    { id: "amount-yellow", level: "yellow", zh: "涉及金额较大", en: "a large amount at stake", when: { op: ">=", fact: "amountAtStake", than: "amountYellowMin" } },
    { id: "violent-history", level: "orange", zh: "当事人有暴力史", en: "a party has a history of violence", when: { op: "is", fact: "violentHistory" } },
    { id: "intensity-orange", level: "orange", zh: "当事人情绪非常激烈", en: "the parties are very heated", when: { op: ">=", fact: "emotionalIntensity", than: "intensityOrangeMin" } },
    { id: "intensity-yellow", level: "yellow", zh: "当事人情绪激烈", en: "the parties are heated", when: { op: ">=", fact: "emotionalIntensity", than: "intensityYellowMin" } },
    { id: "repeated-failed-mediation", level: "yellow", zh: "多次调解未成功", en: "mediation has failed repeatedly", when: { op: ">=", fact: "failedMediations", than: "failedMediationsYellowMin" } },
    { id: "unpaid-land-compensation", level: "orange", zh: "已完工重大项目征地补偿未兑付", en: "unpaid land compensation of a completed major project", when: { op: "is", fact: "unpaidMajorProjectLandCompensation" } },
    { id: "vulnerable-party", level: "yellow", zh: "涉及弱势当事人", en: "a vulnerable party is involved", when: { op: "is", fact: "vulnerableParty" } },
  ],
  basePriority: { red: "urgent", orange: "high", yellow: "normal", blue: "normal" },
  escalators: [
    {
      id: "long-unresolved",
      zh: "长期未化解，化解优先级升高一级",
      en: "long unresolved: resolution priority one step up",
      when: { op: ">", fact: "daysUnresolved", than: "longUnresolvedDays" },
      then: { op: "raise", steps: 1 },
    },
  ],
  tasks: [
    {
      id: "crisis-intervention",
      kind: "crisis-intervention",
      precedence: "help-first",
      zh: "危机干预：先帮扶，由专业人员评估并提供关怀、心理疏导",
      en: "crisis intervention: help first, with assessment, care and counselling by a professional",
      when: { op: "is", fact: "selfHarmRisk" },
    },
  ],
};
