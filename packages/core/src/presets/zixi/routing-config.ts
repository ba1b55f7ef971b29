import type { CountyCode } from "../../model/county-code.js";
import type { RoutingConfig } from "../../routing/routing-config.js";

/**
 * The default routing configuration, the Zixi preset: which township unit is in
 * charge of each domain (谁主管谁负责) and the escalation rules of the plan.
 * Counties copy and change it; the docs render it.
 *
 * Escalations, in order: unpaid land compensation of a completed major project
 * goes to the city political-legal committee; when mediation has failed a named
 * person is made responsible (包保责任) and the parties are told they may go to
 * court; disputes in legal proceedings are led by the justice office with court
 * linkage (诉调对接); petition matters are handled by the peace and rule-of-law
 * office under the Regulation on Petition Work (信访工作条例), within its time
 * limits; a red dispute is reported to the township leadership the same day.
 *
 * @example
 * ```ts
 * import { zixiRoutingConfig } from "@tiaojie/core";
 *
 * zixiRoutingConfig.matrix.find((e) => e.domain === "forest-land")?.lead; // "natural-resources-office"
 * ```
 * @since 0.1.0
 */
export const zixiRoutingConfig: RoutingConfig = {
  version: "zixi-2025.1",
  zh: "紫溪镇矛盾纠纷分流规则（2025 年专项行动预设）",
  en: "Zixi town dispute routing (2025 campaign preset)",
  county: "532301" as CountyCode,
  matrix: [
    { domain: "marriage-family", lead: "justice-office", cooperating: ["village-committee", "community-committee", "party-service-centre"], zh: "婚恋家庭纠纷由司法所指导人民调解，村（社区）和党群服务中心（妇联）配合", en: "the justice office leads people's mediation of family disputes, with the village or community and the party service centre (women's federation)" },
    { domain: "neighbourhood", lead: "justice-office", cooperating: ["village-committee", "community-committee", "police-station"], zh: "邻里纠纷由司法所指导人民调解，村（社区）、派出所配合", en: "the justice office leads people's mediation of neighbour disputes, with the village or community and the police station" },
    { domain: "economic-financial", lead: "market-regulation-office", cooperating: ["economic-development-office", "police-station"], zh: "经济金融纠纷由市场监管所主管，经济发展办、派出所配合", en: "the market regulation office is in charge of economic and financial disputes, with the economic development office and the police station" },
    { domain: "unpaid-debts-wages", lead: "social-affairs-office", cooperating: ["economic-development-office", "justice-office"], zh: "欠资欠薪纠纷由社会事务办（劳动保障）主管，经济发展办、司法所配合", en: "the social affairs office (labour security) is in charge of unpaid debts and wages, with the economic development office and the justice office" },
    { domain: "land-requisition", lead: "natural-resources-office", cooperating: ["economic-development-office", "agriculture-rural-centre", "village-committee"], zh: "征地拆迁纠纷由自然资源所主管，经济发展办、农业农村发展服务中心、村委会配合", en: "the natural resources office is in charge of land requisition, with the economic development office, the agriculture centre and the village" },
    { domain: "medical", lead: "health-centre", cooperating: ["social-affairs-office", "justice-office"], zh: "医疗卫生纠纷由卫生院主管，社会事务办、司法所配合", en: "the health centre is in charge of medical disputes, with the social affairs office and the justice office" },
    { domain: "forest-land", lead: "natural-resources-office", cooperating: ["agriculture-rural-centre", "village-committee"], zh: "山林土地纠纷由自然资源所主管，农业农村发展服务中心、村委会配合", en: "the natural resources office is in charge of forest and land disputes, with the agriculture centre and the village" },
    { domain: "in-legal-proceedings", lead: "justice-office", cooperating: ["peace-rule-of-law-office"], zh: "涉法涉诉纠纷由司法所主管，平安法治办配合", en: "the justice office is in charge of disputes in legal proceedings, with the peace and rule-of-law office" },
    { domain: "petition", lead: "peace-rule-of-law-office", cooperating: ["governance-centre"], zh: "信访事项由平安法治办主管，综治中心登记受理", en: "the peace and rule-of-law office is in charge of petition matters; the governance centre registers them" },
    { domain: "other", lead: "peace-rule-of-law-office", cooperating: ["governance-centre", "village-committee", "community-committee"], zh: "其他纠纷由平安法治办统筹，综治中心和村（社区）配合", en: "the peace and rule-of-law office coordinates other disputes, with the governance centre and the village or community" },
  ],
  escalations: [
    {
      id: "unpaid-land-compensation",
      zh: "已完工重大项目征地补偿未兑付的，上报市委政法委",
      en: "unpaid land compensation of a completed major project is escalated to the city political-legal committee",
      basis: { zh: "紫溪镇 2025 年专项行动方案", en: "Zixi town 2025 campaign plan" },
      when: { op: "is", fact: "unpaidMajorProjectLandCompensation" },
      then: [{ kind: "escalate", to: "city-political-legal-committee" }],
    },
    {
      id: "mediation-failed",
      zh: "调解未成功的，明确包保责任人，并告知当事人可通过诉讼途径解决",
      en: "when mediation has failed, a named person is made responsible and the parties are told they may go to court",
      basis: { zh: "紫溪镇 2025 年专项行动方案", en: "Zixi town 2025 campaign plan" },
      when: { op: ">=", fact: "failedMediations", than: 1 },
      then: [{ kind: "assign-responsible-person" }, { kind: "inform-court-route" }],
    },
    {
      id: "in-legal-proceedings",
      zh: "涉法涉诉纠纷由司法所牵头，诉调对接",
      en: "disputes in legal proceedings are led by the justice office, linked with the court",
      when: { op: "domain", in: ["in-legal-proceedings"] },
      then: [{ kind: "lead", unit: "justice-office" }, { kind: "linkage", channel: "court-linkage" }],
    },
    {
      id: "petition-matter",
      zh: "信访事项由平安法治办依照《信访工作条例》在规定时限内办理，做到诉求合理的解决到位、诉求无理的思想教育到位、生活困难的帮扶救助到位、行为违法的依法处理",
      en: "petition matters are handled by the peace and rule-of-law office under the Regulation on Petition Work, within its time limits: reasonable claims resolved, unfounded ones explained, hardship assisted, only unlawful acts handled by law",
      basis: { zh: "《信访工作条例》（2022）", en: "Regulation on Petition Work (2022)" },
      when: { op: "domain", in: ["petition"] },
      then: [{ kind: "lead", unit: "peace-rule-of-law-office" }],
    },
    {
      id: "red-same-day",
      zh: "重大（红色）风险纠纷当日报告镇党委、政府",
      en: "a red dispute is reported to the township leadership the same day",
      when: { op: "level", atLeast: "red" },
      then: [{ kind: "report", to: "township-leadership", within: "same-day" }],
    },
  ],
};
