import type { Campaign, PhaseCheck } from "../campaign/campaign.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import type { Lang } from "../validation/bilingual.js";
import { bullets, list, page, pick, say, table } from "./markdown.js";

const owers = (owedBy: "reporting-units" | ReadonlyArray<string>, lang: Lang): string =>
  owedBy === "reporting-units"
    ? pick(lang, "各报送单位", "every reporting unit")
    : list(owedBy.map((u) => UnitKinds.label(u as never, lang)), lang);

const checks = (items: ReadonlyArray<PhaseCheck>, lang: Lang): string =>
  items.length === 0 ? pick(lang, "（无）", "(none)") : items.map((c) => say(c.title, lang)).join(pick(lang, "；", "; "));

/** A campaign as a policy page: phases with their dates and checks, deadlines, reporting units. */
export const renderCampaign = (campaign: Campaign, lang: Lang): string =>
  page([
    `# ${say(campaign.name, lang)}`,
    campaign.source ? `${pick(lang, "依据", "Source")}：${say(campaign.source, lang)}` : undefined,
    bullets([
      pick(lang, "所有日期均为北京时间的日历日，与服务器所在时区无关；截止日当天 24 时前报送均为按时。", "All dates are Beijing calendar dates, whatever the server's time zone; a submission at any time of the due day is on time."),
      pick(lang, `阶段结束后自 ${campaign.routineFrom} 起转入常态化治理，每月报送照常进行。`, `After the last phase, routine governance begins on ${campaign.routineFrom} and the monthly reports continue.`),
    ]),
    `## ${pick(lang, "阶段", "Phases")}`,
    table(
      [pick(lang, "阶段", "phase"), pick(lang, "起", "from"), pick(lang, "止", "to"), pick(lang, "阶段结束时应达到", "must hold by the end"), pick(lang, "说明", "note")],
      campaign.phases.map((p) => [say(p.name, lang), p.start, p.end, checks(p.checks, lang), p.note ? say(p.note, lang) : ""]),
    ),
    `## ${pick(lang, "报送期限", "Deadlines")}`,
    table(
      [pick(lang, "事项", "what"), pick(lang, "期限", "due"), pick(lang, "报送单位", "owed by"), pick(lang, "接收单位", "received by")],
      [
        ...campaign.oneOffDeadlines.map((d) => [say(d.title, lang), d.due, owers(d.owedBy, lang), UnitKinds.label(d.receivedBy, lang)]),
        ...campaign.monthlyDeadlines.map((d) => [
          say(d.title, lang),
          pick(lang, `自 ${d.firstMonth} 起每月 ${d.dayOfMonth} 日（含当日）${d.lastMonth ? `，至 ${d.lastMonth}` : ""}`, `the ${d.dayOfMonth}th of every month (inclusive) from ${d.firstMonth}${d.lastMonth ? ` to ${d.lastMonth}` : ""}`),
          owers(d.owedBy, lang),
          UnitKinds.label(d.receivedBy, lang),
        ]),
      ],
    ),
    `## ${pick(lang, "报送单位", "Reporting units")}`,
    list(campaign.reportingUnitKinds.map((u) => UnitKinds.label(u, lang)), lang),
  ]);
