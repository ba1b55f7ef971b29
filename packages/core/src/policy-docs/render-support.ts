import type { Interval } from "../calendar/local-dates.js";
import type { SupportCriteria } from "../support/support-criteria.js";
import { HardshipIndicators, ThreatKinds } from "../support/support-facts.js";
import type { MeasureCadence, MeasureCondition, SupportMeasures } from "../support/support-measures.js";
import { MeasureKinds } from "../support/support-measures.js";
import { SupportCategories } from "../taxonomy/support-categories.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, list, page, pick, say, table } from "./markdown.js";

const interval = (i: Interval, lang: Lang): string =>
  "days" in i
    ? i.days === 0
      ? pick(lang, "当日", "the same day")
      : pick(lang, `${i.days} 天`, `${i.days} days`)
    : i.months % 12 === 0
      ? pick(lang, `${i.months / 12} 年`, `${i.months / 12} year(s)`)
      : pick(lang, `${i.months} 个月`, `${i.months} month(s)`);

const cadence = (c: MeasureCadence, lang: Lang): string => {
  switch (c.kind) {
    case "once":
      return pick(lang, `列管后${interval(c.within, "zh")}内一次`, `once, within ${interval(c.within, "en")} of listing`);
    case "every":
      return pick(lang, `每 ${interval(c.interval, "zh")}`, `every ${interval(c.interval, "en")}`);
    case "by-dangerousness-grade":
      return pick(lang, "按危险性等级：", "by dangerousness grade: ") +
        Object.entries(c.intervals)
          .map(([grade, i]) => pick(lang, `${grade} 级 每 ${interval(i, "zh")}`, `grade ${grade} every ${interval(i, "en")}`))
          .join(pick(lang, "；", "; "));
  }
};

const GAPS = {
  registration: ["居住登记", "residence registration"],
  housing: ["住所", "housing"],
  employer: ["就业单位", "employer"],
} as const;

const condition = (c: MeasureCondition, lang: Lang): string => {
  switch (c.kind) {
    case "always":
      return pick(lang, "均适用", "always");
    case "hardship-indicator":
      return pick(lang, `有“${HardshipIndicators.label(c.indicator, "zh")}”情形`, `when: ${HardshipIndicators.label(c.indicator, "en")}`);
    case "residence-gap": {
      const [zh, en] = GAPS[c.gap];
      return pick(lang, `缺少${zh}信息`, `${en} not recorded`);
    }
    case "unlawful-act-found":
      return pick(lang, "经有权机关认定有违法行为时", "when the authorities have found an unlawful act");
  }
};

/** The six support categories as a policy page: who qualifies, on what basis, what is done, and when it ends. */
export const renderSupport = (criteria: SupportCriteria, measures: SupportMeasures, lang: Lang): string =>
  page([
    `# ${pick(lang, "重点人群服务", "Support for people who need follow-up")}`,
    `${say(criteria.name, lang)}（${pick(lang, "版本", "version")} \`${criteria.version}\`）；${say(measures.name, lang)}（\`${measures.version}\`）`,
    bullets([
      pick(lang, "列管是帮扶和关爱措施。每一条列管都有法律依据、证据、责任单位和责任人、复核日期和终止日期。", "A listing is a measure of help and care. Every listing has a lawful basis, evidence, a responsible unit and person, a review date and an end."),
      pick(lang, "错过复核的列管自动失效；依据期限届满的列管自动终止。列管在复核日和期限最后一日当天仍然有效。", "A listing whose review is missed lapses; one past the end of its basis ends. A listing still holds on its review day and on the last day of its basis."),
      pick(lang, "列管状态来自带日期的列管记录：开始、复核、失效、终止和撤销，每条记录写明日期和经办人。撤销和提前终止由人作出决定，须写明原因；失效和期满终止按规则记录，原因即所适用的规则（错过复核、依据期限届满）。", "A listing's status comes from its dated history: the opening, reviews, a lapse, an end, a removal, each with its day and who recorded it. A removal or an early end is a person's decision and needs a reason; a lapse or an end at the close of the basis period is recorded by rule, and its reason names the rule (missed review, basis ended)."),
      pick(lang, "复核不能使已失效或已终止的列管恢复，须重新评估、重新列管；复核确定的下次复核日期不得晚于本类别的复核周期。失效的列管之后终止或被撤销的，失效记录仍然保留。", "A review does not revive a lapsed or ended listing: the person is assessed and listed afresh. A review cannot set the next review later than the category's review interval. A lapse stays on record when the listing later ends or is removed."),
      pick(lang, "查询过去某一日的状态，以当日的记录为准，其后的记录（例如之后的撤销）不影响当日的状态。", "The status on a past day is read from the history as it stood that day: later events, such as a later removal, do not change it."),
      pick(lang, "帮扶优先：任何任务清单中，第 5 类生活困难人员的帮扶任务排在最前。", "Help first: in every task list, the assistance tasks of category 5 come first."),
      pick(lang, "证据不由系统编造：列管的认定依据写明由谁、于何日确认、评估或记录，均取自所记录的情况本身；系统从不自行填写单位或日期。晚于认定日期的记录在当日不起作用。", "Evidence is never invented: a listing's evidence names who confirmed, assessed or recorded the facts and when, as the facts state them; the library never fills in a unit or a date of its own. A record dated after the day of the evaluation counts for nothing on that day."),
      pick(lang, "信访、重复信访、越级信访，以及诉讼、投诉、申诉，都是依法行使权利，本身从不构成列管理由。", "Petitioning, repeated or to a higher level, suing, complaining and appealing are rights and never on their own a reason to list anyone."),
    ]),
    ...criteria.categories.map((c) =>
      [
        `## ${pick(lang, `第 ${c.category} 类`, `Category ${c.category}`)}：${SupportCategories.label(c.category, lang)}`,
        `**${pick(lang, "认定条件（全部满足）", "Qualifies when (all of)")}**`,
        bullets(c.qualifiesWhen.map((q) => say(q, lang))),
        c.neverQualifies.length > 0 ? `**${pick(lang, "以下情形本身不构成列管理由", "Never qualifies on its own")}**\n\n${bullets(c.neverQualifies.map((q) => say(q, lang)))}` : "",
        table(
          [pick(lang, "项目", "item"), pick(lang, "内容", "value")],
          [
            [pick(lang, "法律依据", "lawful basis"), say(c.lawfulBasis, lang)],
            [pick(lang, "牵头单位", "lead units"), list(c.leadUnits.map((u) => UnitKinds.label(u, lang)), lang)],
            ...(c.category === 4
              ? [[pick(lang, "可据以认定的危险情形", "qualifying threats"), c.parameters.qualifyingThreats.length === 0 ? pick(lang, "无", "none") : list(c.parameters.qualifyingThreats.map((k) => ThreatKinds.label(k, lang)), lang)]]
              : []),
            [pick(lang, "复核周期", "review every"), interval(c.reviewEvery, lang)],
            [pick(lang, "列管期限", "listing period"), c.category === 2 ? pick(lang, `安置帮教期（刑满释放后 ${interval(c.parameters.resettlementPeriod, "zh")}）或社区矫正期`, `the resettlement period (${interval(c.parameters.resettlementPeriod, "en")} after release) or the correction period`) : interval(c.listingPeriod, lang)],
          ],
        ),
        `**${pick(lang, "措施", "Measures")}**`,
        table(
          [pick(lang, "措施", "measure"), pick(lang, "类别", "kind"), pick(lang, "适用", "when"), pick(lang, "时间要求", "timing"), pick(lang, "转介", "refer to"), pick(lang, "时间依据", "timing basis")],
          measures.measures
            .filter((m) => m.category === c.category)
            .map((m) => [
              say(m.title, lang),
              MeasureKinds.label(m.kind, lang),
              condition(m.when, lang),
              cadence(m.cadence, lang),
              m.referTo ? UnitKinds.label(m.referTo, lang) : "",
              say(m.basis, lang),
            ]),
        ),
      ]
        .filter((block) => block !== "")
        .join("\n\n"),
    ),
  ]);
