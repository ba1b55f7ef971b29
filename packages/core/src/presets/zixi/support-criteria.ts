import type { Interval } from "../../calendar/local-dates.js";
import type { SupportCriteria } from "../../support/support-criteria.js";
import type { Bilingual } from "../../validation/bilingual.js";

/**
 * The options of {@link supportCriteria}.
 *
 * @example
 * ```ts
 * const options: SupportCriteriaOptions = { reviewEvery: { months: 2 } };
 * ```
 * @since 0.1.0
 */
export interface SupportCriteriaOptions {
  /**
   * The resettlement period after release from prison.
   * @default { months: 60 } (five years)
   */
  readonly resettlementPeriod?: Interval;
  /**
   * How often every listing is reviewed.
   * @default { months: 3 }
   */
  readonly reviewEvery?: Interval;
}

const PETITIONS_NEVER: Bilingual = {
  zh: "信访、重复信访、越级信访，以及投诉、诉讼、申诉，都是依法行使权利，本身不构成列管理由",
  en: "a petition, repeated petitions, a petition to a higher level, a complaint, a lawsuit or an appeal is the exercise of a right and is never by itself a reason to list anyone",
};

const intervalText = (i: Interval): Bilingual =>
  "days" in i
    ? { zh: `${i.days} 日`, en: `${i.days} day${i.days === 1 ? "" : "s"}` }
    : i.months % 12 === 0
      ? { zh: `${i.months / 12} 年`, en: `${i.months / 12} year${i.months === 12 ? "" : "s"}` }
      : { zh: `${i.months} 个月`, en: `${i.months} month${i.months === 1 ? "" : "s"}` };

/**
 * Builds the support criteria of the Zixi preset, with the configurable periods.
 * The conditions follow DOMAIN.md §3 and the Zixi plan (紫溪镇“化解矛盾风险维护社会
 * 稳定”专项治理工作方案, 2025); the periods are this preset's choices.
 *
 * @example
 * ```ts
 * import { supportCriteria } from "@tiaojie/core";
 *
 * const criteria = supportCriteria({ resettlementPeriod: { months: 36 } });
 * criteria.categories[1].parameters.resettlementPeriod; // { months: 36 }
 * ```
 * @since 0.1.0
 */
export const supportCriteria = (options: SupportCriteriaOptions = {}): SupportCriteria => {
  const resettlement = options.resettlementPeriod ?? { months: 60 };
  const reviewEvery = options.reviewEvery ?? { months: 3 };
  const r = intervalText(resettlement);
  return {
    version: "zixi-2025.2",
    name: { zh: "重点人群认定标准（紫溪预设）", en: "support criteria (Zixi preset)" },
    categories: [
      {
        category: 1,
        qualifiesWhen: [
          { zh: "经乡镇卫生院确认为严重精神障碍患者", en: "a severe mental disorder confirmed by the township health centre" },
          {
            zh: "记录国家基本公共卫生服务规范的危险性评估等级（0–5 级）",
            en: "the dangerousness grade (0–5) of the national basic public-health service norms is recorded",
          },
        ],
        neverQualifies: [
          { zh: "他人的怀疑、传言或未经确认的诊断", en: "suspicion, hearsay or an unconfirmed diagnosis" },
        ],
        lawfulBasis: {
          zh: "《中华人民共和国精神卫生法》；《国家基本公共卫生服务规范（第三版）》严重精神障碍患者管理服务规范",
          en: "Mental Health Law of the PRC; national basic public-health service norms (3rd ed.), care of patients with severe mental disorders",
        },
        leadUnits: ["health-centre"],
        reviewEvery,
        listingPeriod: { months: 12 },
        parameters: { confirmingUnits: ["health-centre"] },
      },
      {
        category: 2,
        qualifiesWhen: [
          {
            zh: `刑满释放之日起 ${r.zh} 安置帮教期内（期满对应日为最后一日），或社区矫正期间内（矫正期满之日为最后一日）`,
            en: `within the resettlement period of ${r.en} from release (its last day is the corresponding day), or within the community-correction period (its last day is the day correction ends)`,
          },
        ],
        neverQualifies: [
          { zh: "安置帮教期或矫正期已满的刑满释放人员", en: "a person whose resettlement or correction period is over" },
        ],
        lawfulBasis: {
          zh: "《中华人民共和国社区矫正法》；刑满释放人员安置帮教工作的有关规定",
          en: "Community Correction Law of the PRC; the rules on resettlement assistance for people released from prison",
        },
        leadUnits: ["justice-office", "police-station"],
        reviewEvery,
        listingPeriod: resettlement,
        parameters: { resettlementPeriod: resettlement },
      },
      {
        category: 3,
        qualifiesWhen: [
          {
            zh: "具名专业人员（如社工、心理咨询师、医生）作出评估，并记录发现的“三失一偏”情形（至少 1 项）",
            en: "an assessment by a named professional (social worker, counsellor, doctor) recording at least one life-crisis indicator",
          },
        ],
        neverQualifies: [PETITIONS_NEVER, { zh: "未经专业评估的印象", en: "an impression without a professional assessment" }],
        lawfulBasis: {
          zh: "紫溪镇“化解矛盾风险维护社会稳定”专项治理工作方案（2025）：人文关怀、心理疏导和危机干预",
          en: "Zixi town special plan on resolving disputes (2025): care, counselling and crisis intervention",
        },
        leadUnits: ["village-committee", "community-committee", "social-affairs-office"],
        reviewEvery,
        listingPeriod: { months: 6 },
        parameters: { minIndicators: 1 },
      },
      {
        category: 4,
        qualifiesWhen: [
          {
            zh: "有据可查的对他人实施暴力的威胁（记录人、日期和记录内容齐全）",
            en: "a documented threat of violence against people (who documented it, when, and the record)",
          },
        ],
        neverQualifies: [
          PETITIONS_NEVER,
          {
            zh: "前往上级机关信访，或被称为“扰乱秩序”的行为本身；其背后的困难按“帮扶优先”处理",
            en: "travelling to petition, or conduct labelled as disturbing order, by itself; the hardship behind it is met by help first",
          },
          { zh: "情绪激动或言辞激烈本身", en: "being upset or using strong words, by itself" },
        ],
        lawfulBasis: {
          zh: "《信访工作条例》（2022）；对违法行为依《中华人民共和国治安管理处罚法》等依法处理",
          en: "Regulation on Petition Work (2022); unlawful acts are handled under the Public Security Administration Punishments Law and other laws",
        },
        leadUnits: ["peace-rule-of-law-office"],
        reviewEvery,
        listingPeriod: { months: 6 },
        parameters: { qualifyingThreats: ["violence"] },
      },
      {
        category: 5,
        qualifiesWhen: [
          {
            zh: "记录至少 1 项困难情形：重大疾病、婚姻家庭不幸、生活困难、弃世厌世倾向",
            en: "at least one hardship indicator is recorded: serious illness, family breakdown, poverty, risk of self-harm",
          },
        ],
        neverQualifies: [PETITIONS_NEVER],
        lawfulBasis: {
          zh: "《社会救助暂行办法》；紫溪镇专项治理工作方案（2025）：把解决困难问题放在首位",
          en: "Interim Measures for Social Assistance; Zixi town special plan (2025): solving their difficulties comes first",
        },
        leadUnits: ["social-affairs-office"],
        reviewEvery,
        listingPeriod: { months: 12 },
        parameters: { minIndicators: 1 },
      },
      {
        category: 6,
        qualifiesWhen: [
          { zh: "户籍在外地、在本辖区居住的人员", en: "a resident whose household registration is elsewhere" },
        ],
        neverQualifies: [{ zh: "户籍在本地的居民", en: "a resident registered locally" }],
        lawfulBasis: {
          zh: "《居住证暂行条例》；《中华人民共和国户口登记条例》",
          en: "Interim Regulation on Residence Permits; Household Registration Regulation of the PRC",
        },
        leadUnits: ["police-station", "village-committee", "community-committee"],
        reviewEvery: { months: 6 },
        listingPeriod: { months: 12 },
        parameters: {},
      },
    ],
  };
};

/**
 * The support criteria of the Zixi preset with its defaults: resettlement period
 * five years, reviews every three months (six for migrant residents).
 *
 * @example
 * ```ts
 * import { zixiSupportCriteria } from "@tiaojie/core";
 *
 * for (const c of zixiSupportCriteria.categories) console.log(c.category, c.qualifiesWhen[0]?.zh);
 * ```
 * @since 0.1.0
 */
export const zixiSupportCriteria: SupportCriteria = supportCriteria();
