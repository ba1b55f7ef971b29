import type { TimeLimitRule } from "../../time-limits/time-limit-rules.js";
import type { Bilingual } from "../../validation/bilingual.js";

const PETITION: Bilingual = { zh: "信访工作条例（2022年）", en: "Regulation on Petition Work (2022)" };

/**
 * The time limits the library knows, with their sources. Each is counted on the
 * calendar the caller passes (China's official calendar, `chinaCalendar()` from
 * `@tiaojie/calendar-cn`, for the Zixi plan): the day after the start is day 1,
 * and a limit whose last day is a public holiday or rest day ends on the next
 * working day (Civil Code arts. 201 and 203). The Regulation on Petition Work
 * states its limits in days (日) and, unlike laws that count working days
 * (工作日), says nothing more, so they are calendar days here; a province whose
 * own rules count working days uses {@link timeLimitsWith} with
 * `petitionDays: "working-days"`. A limit whose count reaches a year the
 * calendar does not cover is refused, never guessed.
 *
 * | id | limit | starts | source |
 * |---|---|---|---|
 * | `petition-notice` | 15 days | receipt of the petition | 信访工作条例 (2022): decide on acceptance and tell the petitioner in writing |
 * | `petition-settle` | 60 days, extendable once by ≤ 30 days with approval and a reason | acceptance | 信访工作条例 (2022) |
 * | `petition-review-request` | 30 days (the petitioner's window) | receipt of the written answer | 信访工作条例 (2022) |
 * | `petition-review-answer` | 30 days | receipt of the review request | 信访工作条例 (2022) |
 * | `petition-rereview-request` | 30 days (the petitioner's window) | receipt of the review opinion | 信访工作条例 (2022) |
 * | `petition-rereview-answer` | 30 days | receipt of the re-review request | 信访工作条例 (2022) |
 * | `mediation-target` | 30 days, the preset's target | start of mediation | the library's default, configurable |
 * | `judicial-confirmation` | 30 days (the parties' window) | the agreement taking effect | 人民调解法 art. 33 |
 *
 * Limits serve the person: an office's limit at risk raises the priority of
 * answering; a party's window at risk means telling the party of their right.
 *
 * @example
 * ```ts
 * import { defaultTimeLimits } from "@tiaojie/core";
 *
 * defaultTimeLimits.map((r) => r.id);
 * ```
 * @since 0.1.0
 */
export const defaultTimeLimits: ReadonlyArray<TimeLimitRule> = [
  {
    id: "petition-notice",
    title: { zh: "告知是否受理", en: "written notice of acceptance" },
    period: { days: 15 },
    startsOn: { zh: "收到信访事项之日", en: "the day the petition is received" },
    holder: "office",
    source: { title: PETITION, summary: { zh: "收到信访事项后15日内决定是否受理并书面告知信访人", en: "decide within 15 days whether to accept, and tell the petitioner in writing" } },
  },
  {
    id: "petition-settle",
    title: { zh: "信访事项办结", en: "petition settled" },
    period: { days: 60 },
    startsOn: { zh: "受理之日", en: "the day the petition is accepted" },
    holder: "office",
    extension: { maxDays: 30 },
    source: { title: PETITION, summary: { zh: "自受理之日起60日内办结；情况复杂的，经批准可延长，延长不超过30日，并告知信访人理由", en: "settled within 60 days of acceptance; when complex, an approved extension of at most 30 days, with the reason told to the petitioner" } },
  },
  {
    id: "petition-review-request",
    title: { zh: "请求复查期限", en: "window to request a review" },
    period: { days: 30 },
    startsOn: { zh: "收到书面答复之日", en: "the day the written answer is received" },
    holder: "party",
    source: { title: PETITION, summary: { zh: "不服处理意见的，可自收到书面答复之日起30日内请求上一级机关复查", en: "a petitioner may ask the next higher body for a review within 30 days of the written answer" } },
  },
  {
    id: "petition-review-answer",
    title: { zh: "复查答复", en: "review answered" },
    period: { days: 30 },
    startsOn: { zh: "收到复查请求之日", en: "the day the review request is received" },
    holder: "office",
    source: { title: PETITION, summary: { zh: "自收到复查请求之日起30日内提出复查意见并书面答复", en: "the review opinion is given in writing within 30 days of the request" } },
  },
  {
    id: "petition-rereview-request",
    title: { zh: "请求复核期限", en: "window to request a re-review" },
    period: { days: 30 },
    startsOn: { zh: "收到复查意见之日", en: "the day the review opinion is received" },
    holder: "party",
    source: { title: PETITION, summary: { zh: "不服复查意见的，可自收到书面答复之日起30日内请求复核", en: "a petitioner may ask for a re-review within 30 days of the review opinion" } },
  },
  {
    id: "petition-rereview-answer",
    title: { zh: "复核答复", en: "re-review answered" },
    period: { days: 30 },
    startsOn: { zh: "收到复核请求之日", en: "the day the re-review request is received" },
    holder: "office",
    source: { title: PETITION, summary: { zh: "自收到复核请求之日起30日内提出复核意见", en: "the re-review opinion is given within 30 days of the request" } },
  },
  {
    id: "mediation-target",
    title: { zh: "调解目标期限", en: "mediation target" },
    period: { days: 30 },
    startsOn: { zh: "开始调解之日", en: "the day mediation starts" },
    holder: "office",
    source: { title: { zh: "本库默认值（可配置）", en: "the library's default (configurable)" }, summary: { zh: "一般纠纷力争30日内调结", en: "ordinary disputes aim to be settled within 30 days" } },
  },
  {
    id: "judicial-confirmation",
    title: { zh: "申请司法确认期限", en: "window to apply for judicial confirmation" },
    period: { days: 30 },
    startsOn: { zh: "调解协议生效之日", en: "the day the mediation agreement takes effect" },
    holder: "party",
    source: {
      title: { zh: "中华人民共和国人民调解法", en: "People's Mediation Law of the PRC" },
      article: "第三十三条",
      summary: { zh: "双方当事人可自调解协议生效之日起30日内共同向人民法院申请司法确认", en: "the parties may jointly apply to a court for judicial confirmation within 30 days of the agreement taking effect" },
    },
  },
];

/**
 * The options of {@link timeLimitsWith}.
 *
 * @example
 * ```ts
 * const o: TimeLimitsOptions = { mediationTargetDays: 45, petitionDays: "working-days" };
 * ```
 * @since 0.2.0
 */
export interface TimeLimitsOptions {
  /**
   * The mediation target, in days.
   * @default 30
   */
  readonly mediationTargetDays?: number;
  /**
   * How the petition-work limits (every `petition-…` rule, review and re-review
   * included, and the settling limit's extension) are counted: in calendar days,
   * as the national regulation writes them, or in working days, where local
   * rules say so.
   * @default "calendar-days"
   */
  readonly petitionDays?: "calendar-days" | "working-days";
}

/**
 * The default time limits with the mediation target set to another number of
 * days, or the petition-work limits counted in working days.
 *
 * @example
 * ```ts
 * import { timeLimitsWith } from "@tiaojie/core";
 *
 * const rules = timeLimitsWith({ mediationTargetDays: 45 });
 * const local = timeLimitsWith({ petitionDays: "working-days" }); // petition-notice: 15 working days
 * ```
 * @since 0.1.0
 */
export const timeLimitsWith = (options: TimeLimitsOptions): ReadonlyArray<TimeLimitRule> =>
  defaultTimeLimits.map((r) => {
    if (r.id === "mediation-target" && options.mediationTargetDays !== undefined) return { ...r, period: { days: options.mediationTargetDays } };
    if (r.id.startsWith("petition-") && options.petitionDays === "working-days" && "days" in r.period) return { ...r, period: { workingDays: r.period.days } };
    return r;
  });
