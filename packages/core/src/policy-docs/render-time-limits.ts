import type { Period } from "../calendar/day-counting.js";
import type { TimeLimitRule } from "../time-limits/time-limit-rules.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, page, pick, say, table } from "./markdown.js";

const period = (p: Period, lang: Lang): string =>
  "days" in p ? pick(lang, `${p.days} 日`, `${p.days} days`) : pick(lang, `${p.workingDays} 个工作日`, `${p.workingDays} working days`);

/** An extension is counted in the unit of its rule's period. */
const extensionPeriod = (r: TimeLimitRule): Period =>
  "days" in r.period ? { days: r.extension?.maxDays ?? 0 } : { workingDays: r.extension?.maxDays ?? 0 };

/** How the petition-work limits of these rules are counted, when they all count alike. */
const petitionCounting = (rules: ReadonlyArray<TimeLimitRule>, lang: Lang): ReadonlyArray<string> => {
  const petition = rules.filter((r) => r.id.startsWith("petition-"));
  if (petition.length === 0) return [];
  if (petition.every((r) => "days" in r.period)) {
    return [
      pick(
        lang,
        "《信访工作条例》的期限以“日”计，未规定按工作日计算，因此按日历日计算（期满日遇节假日顺延）；地方规定按工作日计算的，可改为按工作日配置。",
        "The Regulation on Petition Work states its limits in days and does not say working days, so they are counted in calendar days (moved off a holiday at the end); where local rules count working days, the limits can be configured so.",
      ),
    ];
  }
  if (petition.every((r) => "workingDays" in r.period)) {
    return [pick(lang, "信访工作的各项期限按地方规定以工作日计算，不含法定节假日和休息日，含调休上班日。", "The petition-work limits are counted in working days, as local rules say: public holidays and rest days do not count, make-up working days do.")];
  }
  return [];
};

/** The time limits as a policy page, each with its legal source. */
export const renderTimeLimits = (rules: ReadonlyArray<TimeLimitRule>, lang: Lang): string =>
  page([
    `# ${pick(lang, "办理时限", "Time limits")}`,
    bullets([
      pick(lang, "期间按《民法典》计算：开始的当日不计入，从次日起算；期间最后一日是法定休假日的，以休假日结束的次日为最后一日。", "Periods are counted as the Civil Code counts them: the starting day is not counted; a period whose last day is a public holiday ends on the next working day."),
      pick(
        lang,
        "哪天是工作日、哪天是法定节假日，按中国的官方日历认定：国务院办公厅每年发布的节假日安排，含调休上班日（由 @tiaojie/calendar-cn 提供）。系统不会退回到“只看周末”的估算。",
        "Which days are working days and which are public holidays follows China's official calendar: the State Council's annual holiday notices, make-up working days included (provided by @tiaojie/calendar-cn). The system never falls back to counting weekends only.",
      ),
      pick(
        lang,
        "日历还没有某一年的节假日安排时（每年的安排由国务院办公厅公布，日历数据有截止年份），凡需要用到该年日期的时限一律拒绝计算，并指明缺少哪一年；补充该年的安排后即可计算。12 月 29 日至 31 日由下一年的元旦安排决定。",
        "When the calendar does not yet have a year's holiday notice (each year's is published by the State Council, and the calendar's data ends with a year), every time limit that needs a date of that year is refused, naming the missing year, until that year's schedule is added. 29–31 December depend on the next year's New Year arrangement.",
      ),
      ...petitionCounting(rules, lang),
      pick(lang, "每件在办案件的每项时限都有状态：按期、临期（剩余时间不足 25%）或超期。", "Every time limit of an open case has a status: on time, at risk (under 25% of the time left) or overdue."),
      pick(lang, "时限是对办理机关的要求，保障当事人的权利；当事人自己的期限（如申请复查）只作提示。", "Time limits bind the handling office and protect the person; the person's own windows (such as asking for a review) are shown for information."),
    ]),
    table(
      [pick(lang, "时限", "limit"), pick(lang, "期间", "period"), pick(lang, "起算", "starts"), pick(lang, "约束", "binds"), pick(lang, "延长", "extension"), pick(lang, "依据", "source")],
      rules.map((r) => [
        say(r.title, lang),
        period(r.period, lang),
        say(r.startsOn, lang),
        r.holder === "office" ? pick(lang, "办理机关", "the handling office") : pick(lang, "当事人（提示）", "the person (for information)"),
        r.extension ? pick(lang, `经批准并说明理由，可延长一次，不超过 ${period(extensionPeriod(r), "zh")}`, `once, at most ${period(extensionPeriod(r), "en")}, approved and with a reason`) : "",
        `${say(r.source.title, lang)}${r.source.article ? ` ${r.source.article}` : ""}${r.source.summary ? pick(lang, `：${r.source.summary.zh}`, `: ${r.source.summary.en}`) : ""}`,
      ]),
    ),
  ]);
