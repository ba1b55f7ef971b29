import type { Period } from "../calendar/day-counting.js";
import type { TimeLimitRule } from "../time-limits/time-limit-rules.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, page, pick, say, table } from "./markdown.js";

const period = (p: Period, lang: Lang): string =>
  "days" in p ? pick(lang, `${p.days} 日`, `${p.days} days`) : pick(lang, `${p.workingDays} 个工作日`, `${p.workingDays} working days`);

/** The time limits as a policy page, each with its legal source. */
export const renderTimeLimits = (rules: ReadonlyArray<TimeLimitRule>, lang: Lang): string =>
  page([
    `# ${pick(lang, "办理时限", "Time limits")}`,
    bullets([
      pick(lang, "期间按《民法典》计算：开始的当日不计入，从次日起算；期间最后一日是法定休假日的，以休假日结束的次日为最后一日。", "Periods are counted as the Civil Code counts them: the starting day is not counted; a period whose last day is a public holiday ends on the next working day."),
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
        r.extension ? pick(lang, `经批准并说明理由，可延长一次，不超过 ${r.extension.maxDays} 日`, `once, at most ${r.extension.maxDays} days, approved and with a reason`) : "",
        `${say(r.source.title, lang)}${r.source.article ? ` ${r.source.article}` : ""}${r.source.summary ? pick(lang, `：${r.source.summary.zh}`, `: ${r.source.summary.en}`) : ""}`,
      ]),
    ),
  ]);
