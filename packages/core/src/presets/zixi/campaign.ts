import type { LocalDate } from "../../model/local-date.js";
import type { UnitKind } from "../../taxonomy/unit-kinds.js";
import { plusDays } from "../../calendar/local-dates.js";
import type { Campaign } from "../../campaign/campaign.js";

/**
 * The options of {@link zixi2025Campaign}.
 *
 * @example
 * ```ts
 * const options: Zixi2025Options = { phase1End: "2025-02-12" as LocalDate };
 * ```
 * @since 0.1.0
 */
export interface Zixi2025Options {
  /**
   * The last day of phase 1. The plan says only "2024年11月至2025年春节前后"
   * (until around the Spring Festival, which fell on 29 January 2025); the preset
   * ends it with January, so that phase 2 ("2025年2月至4月") starts on 1 February.
   * Phase 2 always starts the day after.
   * @default "2025-01-31"
   */
  readonly phase1End?: LocalDate;
  /**
   * The day of the month the cumulative update is due (inclusive).
   * @default 28
   */
  readonly monthlyDay?: number;
  /**
   * The day the summary report to the city political-legal committee is due.
   * @default "2025-05-31", the last day of phase 3
   */
  readonly summaryDue?: LocalDate;
}

/**
 * The units the Zixi plan names for the sweep, and the village and community
 * committees: each owes every ledger report to the peace and rule-of-law office.
 *
 * @example
 * ```ts
 * import { zixiReportingUnitKinds } from "@tiaojie/core";
 *
 * zixiReportingUnitKinds.includes("health-centre"); // true
 * ```
 * @since 0.1.0
 */
export const zixiReportingUnitKinds: ReadonlyArray<UnitKind> = [
  "police-station",
  "justice-office",
  "peace-rule-of-law-office",
  "economic-development-office",
  "social-affairs-office",
  "party-service-centre",
  "agriculture-rural-centre",
  "natural-resources-office",
  "market-regulation-office",
  "central-school",
  "health-centre",
  "village-committee",
  "community-committee",
];

/**
 * Builds the campaign of the Zixi town plan (紫溪镇“化解矛盾风险维护社会稳定”专项治理工作方案):
 *
 * | phase | dates | must hold by its end |
 * |---|---|---|
 * | 1 全面排查 full sweep | 2024-11-01 – 2025-01-31 (configurable) | every reporting unit has submitted; every registered dispute is graded and assigned |
 * | 2 集中整治 concentrated resolution | 2025-02-01 – 2025-04-30 | every open dispute has a named responsible person and a resolution measure; every active listing has its measures scheduled |
 * | 3 总结完善 summary | 2025-05-01 – 2025-05-31 | the summary report to the city political-legal committee exists |
 * | routine 常态化治理 | from 2025-06-01 | the monthly cycle continues |
 *
 * Deadlines: the first round of the sweep on 2024-11-28; the cumulative update on
 * the 28th of every month from December 2024 on, indefinitely (the plan's "每月28日前"
 * read as due on the 28th inclusive); the summary report on 2025-05-31.
 *
 * @example
 * ```ts
 * import { zixi2025Campaign } from "@tiaojie/core";
 *
 * const later = zixi2025Campaign({ phase1End: "2025-02-12" as LocalDate }); // sweep until the Lantern Festival
 * later.phases[1]?.start; // "2025-02-13"
 * ```
 * @since 0.1.0
 */
export const zixi2025Campaign = (options: Zixi2025Options = {}): Campaign => {
  const phase1End = options.phase1End ?? ("2025-01-31" as LocalDate);
  const phase3Start = "2025-05-01" as LocalDate;
  const phase3End = "2025-05-31" as LocalDate;
  return {
    id: "zixi-2025",
    name: { zh: "紫溪镇“化解矛盾风险维护社会稳定”专项治理", en: "Zixi town special campaign to resolve dispute risks" },
    source: { zh: "紫溪镇“化解矛盾风险维护社会稳定”专项治理工作方案（2025）", en: "Zixi town work plan (2025)" },
    reportingUnitKinds: zixiReportingUnitKinds,
    phases: [
      {
        id: "sweep",
        name: { zh: "第一阶段：全面排查矛盾风险", en: "Phase 1: full sweep" },
        start: "2024-11-01" as LocalDate,
        end: phase1End,
        note: {
          zh: "方案为“2024年11月至2025年春节前后”，本预设取至2025年1月31日（春节为1月29日），可配置。",
          en: "The plan says “November 2024 to around the Spring Festival 2025”; the preset ends it on 31 January 2025 (the festival fell on 29 January). Configurable.",
        },
        checks: [
          { id: "sweep-submitted", kind: "deadlines-submitted", deadlineKind: "ledger-report", title: { zh: "各村（社区）、各部门均已报送台账", en: "every reporting unit has submitted its ledger" } },
          { id: "sweep-graded", kind: "disputes-graded", title: { zh: "已登记纠纷均已研判风险等级", en: "every registered dispute is graded" } },
          { id: "sweep-assigned", kind: "disputes-assigned", title: { zh: "已登记纠纷均已明确责任单位", en: "every registered dispute is assigned" } },
        ],
      },
      {
        id: "resolution",
        name: { zh: "第二阶段：深入开展集中整治", en: "Phase 2: concentrated resolution" },
        start: plusDays(phase1End, 1),
        end: plusDays(phase3Start, -1),
        checks: [
          { id: "resolution-responsible", kind: "open-disputes-have-responsible-person", title: { zh: "未化解纠纷均有责任人", en: "every open dispute has a named responsible person" } },
          { id: "resolution-measure", kind: "open-disputes-have-measure", title: { zh: "未化解纠纷均有化解措施", en: "every open dispute has a resolution measure" } },
          { id: "resolution-listings", kind: "active-listings-have-measures", title: { zh: "在列重点人员均已安排帮扶措施", en: "every active listing has its measures scheduled" } },
        ],
      },
      {
        id: "summary",
        name: { zh: "第三阶段：总结完善巩固成果", en: "Phase 3: summary" },
        start: phase3Start,
        end: phase3End,
        checks: [
          { id: "summary-report", kind: "deadlines-submitted", deadlineKind: "summary-report", title: { zh: "已向市委政法委报送总结报告", en: "the summary report to the city political-legal committee exists" } },
        ],
      },
    ],
    routineFrom: plusDays(phase3End, 1),
    oneOffDeadlines: [
      {
        id: "first-round",
        kind: "ledger-report",
        due: "2024-11-28" as LocalDate,
        title: { zh: "第一轮全面排查台账", en: "ledger of the first round of the sweep" },
        owedBy: "reporting-units",
        receivedBy: "peace-rule-of-law-office",
      },
      {
        id: "summary-report",
        kind: "summary-report",
        due: options.summaryDue ?? phase3End,
        title: { zh: "专项治理总结报告", en: "summary report of the campaign" },
        owedBy: ["peace-rule-of-law-office"],
        receivedBy: "city-political-legal-committee",
      },
    ],
    monthlyDeadlines: [
      {
        id: "monthly-update",
        kind: "ledger-report",
        dayOfMonth: options.monthlyDay ?? 28,
        firstMonth: "2024-12",
        title: { zh: "每月累计和更新情况", en: "monthly cumulative update" },
        owedBy: "reporting-units",
        receivedBy: "peace-rule-of-law-office",
      },
    ],
  };
};

/**
 * The Zixi 2025 campaign with the default dates (see {@link zixi2025Campaign}).
 *
 * @example
 * ```ts
 * import { phaseOn, zixi2025 } from "@tiaojie/core";
 *
 * phaseOn(zixi2025, "2025-05-15" as LocalDate).kind; // "phase"
 * ```
 * @since 0.1.0
 */
export const zixi2025: Campaign = zixi2025Campaign();
