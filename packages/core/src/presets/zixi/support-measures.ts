import type { Interval } from "../../calendar/local-dates.js";
import type { DangerousnessGrade } from "../../support/support-facts.js";
import type { SupportMeasures } from "../../support/support-measures.js";
import type { Bilingual } from "../../validation/bilingual.js";

/**
 * The options of {@link supportMeasures}.
 *
 * @example
 * ```ts
 * const options: SupportMeasuresOptions = { followUpIntervals: { 0: { months: 2 } } };
 * ```
 * @since 0.1.0
 */
export interface SupportMeasuresOptions {
  /**
   * The follow-up interval for each dangerousness grade of category 1.
   * @default { 0: { months: 3 }, 1: { months: 1 }, 2: { months: 1 }, 3: { days: 14 }, 4: { days: 14 }, 5: { days: 14 } }
   */
  readonly followUpIntervals?: Partial<{ readonly [G in DangerousnessGrade]: Interval }>;
  /**
   * How often the assistance group contacts a person of category 2.
   * @default { months: 1 }
   */
  readonly correctionContactEvery?: Interval;
  /**
   * How often a person of category 5 is visited to check the assistance is working.
   * @default { months: 1 }
   */
  readonly assistanceVisitEvery?: Interval;
}

const PRESET: Bilingual = { zh: "时限为本预设的选择，可配置", en: "the timing is this preset's choice and is configurable" };
const NORM_1: Bilingual = {
  zh: "国家基本公共卫生服务规范：每年至少随访 4 次；各危险性等级的间隔为本预设的选择（3–5 级 2 周内，0 级 3 个月内），可配置",
  en: "national basic public-health service norms: at least 4 follow-ups a year; the interval per grade is this preset's choice (grades 3–5 within 2 weeks, grade 0 within 3 months) and is configurable",
};

/**
 * Builds the support measures of the Zixi preset. Category 1 follows the national
 * basic public-health service norms (at least four follow-ups a year); every
 * interval is the preset's choice and can be set here.
 *
 * @example
 * ```ts
 * import { supportMeasures } from "@tiaojie/core";
 *
 * const measures = supportMeasures({ followUpIntervals: { 0: { months: 2 } } });
 * ```
 * @since 0.1.0
 */
export const supportMeasures = (options: SupportMeasuresOptions = {}): SupportMeasures => {
  const grades = {
    0: { months: 3 },
    1: { months: 1 },
    2: { months: 1 },
    3: { days: 14 },
    4: { days: 14 },
    5: { days: 14 },
    ...options.followUpIntervals,
  } as const satisfies { readonly [G in DangerousnessGrade]: Interval };
  const contact = options.correctionContactEvery ?? { months: 1 };
  const visit = options.assistanceVisitEvery ?? { months: 1 };
  return {
    version: "zixi-2025.1",
    name: { zh: "重点人群服务措施（紫溪预设）", en: "support measures (Zixi preset)" },
    measures: [
      // Category 5 first: help comes first.
      { code: "hardship-assistance-plan", category: 5, kind: "assistance", title: { zh: "制定帮扶救助方案", en: "make an assistance plan" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 0 } }, basis: { zh: "方案要求把解决困难问题放在首位：列管当日到期", en: "the plan puts solving their difficulties first: due on the day of listing" } },
      { code: "self-harm-support", category: 5, kind: "assistance", title: { zh: "心理危机支持，联系家人和医疗机构", en: "crisis support; contact family and health services" }, when: { kind: "hardship-indicator", indicator: "self-harm-risk" }, cadence: { kind: "once", within: { days: 0 } }, referTo: "health-centre", basis: { zh: "列管当日到期", en: "due on the day of listing" } },
      { code: "medical-aid-referral", category: 5, kind: "assistance", title: { zh: "协助申请医疗救助", en: "help apply for medical assistance" }, when: { kind: "hardship-indicator", indicator: "serious-illness" }, cadence: { kind: "once", within: { days: 7 } }, referTo: "social-affairs-office", basis: PRESET },
      { code: "living-aid-referral", category: 5, kind: "assistance", title: { zh: "协助申请最低生活保障或临时救助", en: "help apply for minimum-living or temporary assistance" }, when: { kind: "hardship-indicator", indicator: "poverty" }, cadence: { kind: "once", within: { days: 7 } }, referTo: "social-affairs-office", basis: PRESET },
      { code: "family-support", category: 5, kind: "assistance", title: { zh: "婚姻家庭帮扶与调解", en: "family support and mediation" }, when: { kind: "hardship-indicator", indicator: "family-breakdown" }, cadence: { kind: "once", within: { days: 15 } }, basis: PRESET },
      { code: "assistance-visit", category: 5, kind: "assistance", title: { zh: "回访帮扶落实情况", en: "visit to check the assistance is working" }, when: { kind: "always" }, cadence: { kind: "every", interval: visit }, basis: PRESET },
      // Category 1.
      { code: "mental-health-follow-up", category: 1, kind: "care", title: { zh: "随访服务", en: "follow-up visit" }, when: { kind: "always" }, cadence: { kind: "by-dangerousness-grade", intervals: grades }, basis: NORM_1 },
      // Category 2.
      { code: "assistance-group", category: 2, kind: "care", title: { zh: "建立帮教小组", en: "set up the assistance group" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 15 } }, basis: PRESET },
      { code: "correction-contact", category: 2, kind: "care", title: { zh: "帮教小组联系", en: "contact by the assistance group" }, when: { kind: "always" }, cadence: { kind: "every", interval: contact }, basis: PRESET },
      { code: "minimum-living-referral", category: 2, kind: "assistance", title: { zh: "评估并协助申请最低生活保障", en: "assess and help apply for the minimum living allowance" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 30 } }, referTo: "social-affairs-office", basis: PRESET },
      { code: "emergency-aid-referral", category: 2, kind: "assistance", title: { zh: "评估并协助申请临时救助", en: "assess and help apply for emergency aid" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 7 } }, referTo: "social-affairs-office", basis: PRESET },
      // Category 3.
      { code: "crisis-intervention", category: 3, kind: "care", title: { zh: "危机干预", en: "crisis intervention" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 3 } }, basis: PRESET },
      { code: "counselling", category: 3, kind: "care", title: { zh: "心理疏导与人文关怀", en: "counselling and care" }, when: { kind: "always" }, cadence: { kind: "every", interval: { months: 1 } }, basis: PRESET },
      // Category 4.
      { code: "explain-law-and-decisions", category: 4, kind: "explanation", title: { zh: "释法说理，说明处理依据", en: "explain the law and the decisions" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 15 } }, basis: PRESET },
      { code: "petitioner-counselling", category: 4, kind: "care", title: { zh: "心理疏导", en: "counselling" }, when: { kind: "always" }, cadence: { kind: "every", interval: { months: 1 } }, basis: PRESET },
      { code: "social-aid-referral", category: 4, kind: "assistance", title: { zh: "告知或帮助申请社会救助", en: "inform about and help apply for social assistance" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 30 } }, referTo: "social-affairs-office", basis: PRESET },
      { code: "judicial-aid-referral", category: 4, kind: "assistance", title: { zh: "告知或帮助申请司法救助、法律援助", en: "inform about and help apply for judicial aid and legal aid" }, when: { kind: "always" }, cadence: { kind: "once", within: { days: 30 } }, referTo: "justice-office", basis: PRESET },
      { code: "legal-handling-referral", category: 4, kind: "referral", title: { zh: "就已认定的违法行为移交依法处理", en: "refer the unlawful act found for handling under the law" }, when: { kind: "unlawful-act-found" }, cadence: { kind: "once", within: { days: 7 } }, referTo: "police-station", basis: { zh: "仅针对经认定的违法行为；信访本身从不移交", en: "only for an unlawful act that has been found; petitioning is never referred" } },
      // Category 6.
      { code: "complete-residence-registration", category: 6, kind: "registration", title: { zh: "协助办理居住登记", en: "help complete the residence registration" }, when: { kind: "residence-gap", gap: "registration" }, cadence: { kind: "once", within: { days: 15 } }, referTo: "police-station", basis: PRESET },
      { code: "record-housing", category: 6, kind: "registration", title: { zh: "补录居住房屋信息", en: "record the housing" }, when: { kind: "residence-gap", gap: "housing" }, cadence: { kind: "once", within: { days: 15 } }, basis: PRESET },
      { code: "record-employer", category: 6, kind: "registration", title: { zh: "补录就业单位信息（无则注明）", en: "record the employer (or that there is none)" }, when: { kind: "residence-gap", gap: "employer" }, cadence: { kind: "once", within: { days: 15 } }, basis: PRESET },
      { code: "registration-check", category: 6, kind: "registration", title: { zh: "核对登记信息是否齐全（不漏户、不漏人、不漏项）", en: "check the registration is complete (no household, person or item missed)" }, when: { kind: "always" }, cadence: { kind: "every", interval: { months: 6 } }, basis: PRESET },
    ],
  };
};

/**
 * The support measures of the Zixi preset with their defaults.
 *
 * @example
 * ```ts
 * import { zixiSupportMeasures } from "@tiaojie/core";
 *
 * zixiSupportMeasures.measures.filter((m) => m.category === 5).map((m) => m.title.zh);
 * ```
 * @since 0.1.0
 */
export const zixiSupportMeasures: SupportMeasures = supportMeasures();
