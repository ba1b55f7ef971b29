import type { ExportNames } from "../exchange/ledger-workbook.js";
import { CaseStatuses, type CaseStatus } from "../taxonomy/case-statuses.js";
import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import type { TimeLimitState, TimeLimitStatus } from "../time-limits/time-limit-clock.js";
import type { Bilingual, Lang } from "../validation/bilingual.js";
import type { MonthlyReport, ReportCounts, ReportRow } from "./monthly-report.js";

/**
 * The options of {@link monthlyReportMarkdown}.
 *
 * @example
 * ```ts
 * const o: MonthlyReportMarkdownOptions = { names: { divisions: { "532301104201": "龙潭村" }, units: town.units } };
 * ```
 * @since 0.6.0
 */
export interface MonthlyReportMarkdownOptions {
  /**
   * Names for the codes the report keeps: divisions (the jurisdiction and its
   * villages) and units (lead units, units owing a submission). A code without a
   * name is shown as the code. The same value `exportLedger` takes.
   * @default {} (codes only)
   */
  readonly names?: ExportNames;
  /**
   * Where the report's period comes from, cited under the title: the campaign's
   * plan, for example `zixi2025.source`.
   * @default absent (no source line)
   */
  readonly source?: Bilingual;
}

type Text = (zh: string, en: string) => string;

// Backslash escapes for every character that could end a cell early (`|`), start
// an escape of its own (`\`), or turn a name into markup (emphasis, code, links,
// HTML, strike-through, entities, maths); line breaks would end the table row.
const MARKUP = /[\\|`*_[\]<>~&$]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/**
 * A text from the data (a name, a code) as literal Markdown on one line: line
 * breaks become spaces and every character with a meaning in Markdown (the
 * table's `|` first) is escaped with a backslash, so it shows as it is.
 *
 * @example
 * ```ts
 * markdownText("龙潭村|上组\n二组"); // "龙潭村\\|上组 二组"
 * ```
 * @since 0.6.0
 */
export const markdownText = (text: string): string => text.replace(LINE_BREAKS, " ").replace(MARKUP, (c) => `\\${c}`);

/** A Markdown table whose cells are already Markdown (escaped where they come from data). */
const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [headers, headers.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");

const COUNT_KEYS = ["new", "cumulative", "resolvedInPeriod", "openAtEnd"] as const satisfies ReadonlyArray<keyof ReportCounts>;

const countHeaders = (t: Text, first: string): ReadonlyArray<string> => [
  first,
  t("本期新增", "New"),
  t("累计排查", "Cumulative"),
  t("本期化解", "Resolved in period"),
  t("期末在办", "Open at end"),
];

const countRow = (label: string, counts: ReportCounts): ReadonlyArray<string> => [label, ...COUNT_KEYS.map((k) => String(counts[k]))];

const countTable = <K extends string>(t: Text, first: string, rows: ReadonlyArray<ReportRow<K>>, label: (key: K) => string): string =>
  rows.length === 0 ? t("（无）", "(none)") : table(countHeaders(t, first), rows.map((r) => countRow(label(r.key), r.counts)));

const STATE: Readonly<Record<TimeLimitState, Bilingual>> = {
  "on-time": { zh: "按期", en: "on time" },
  "at-risk": { zh: "临期", en: "at risk" },
  overdue: { zh: "超期", en: "overdue" },
  met: { zh: "已按期办结", en: "met" },
  "met-late": { zh: "逾期办结", en: "met late" },
};

const percent = (rate: number): string => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/**
 * A monthly report (月度台账报表) as a Markdown page in one language, for the
 * township's own use or an attachment: the title with the jurisdiction and the
 * period (and the plan it answers, when `source` is given), then one table each
 * for the totals, the villages, the risk levels, the resolution priorities, the
 * types of dispute and the lead units; the progress of the disputes open at the
 * previous report; the time limits overdue or at risk at the period's end, each
 * citing its legal source (the rule's law or regulation and article, as the
 * report carries it); and the submissions missing or late, each naming its
 * deadline. Counts are the report's own, exact (a summary for another level,
 * with small counts withheld, is a different value). Names and codes from the
 * data are escaped ({@link markdownText}), so every table stays well-formed
 * whatever a name holds. Pure: the same report gives the same text.
 *
 * @example
 * ```ts
 * import { monthlyReportMarkdown, zixi2025 } from "@tiaojie/core";
 *
 * const r = await ledger.monthlyReport(coordinator, { period });
 * if (r.ok && r.value.for === "own") {
 *   const md = monthlyReportMarkdown(r.value.report, "zh", { names: { divisions, units }, source: zixi2025.source });
 *   writeFileSync("2025-01 月报.md", md);
 * }
 * ```
 * @since 0.6.0
 */
export const monthlyReportMarkdown = (report: MonthlyReport, lang: Lang, options: MonthlyReportMarkdownOptions = {}): string => {
  const t: Text = (zh, en) => (lang === "zh" ? zh : en);
  const divisions = options.names?.divisions ?? {};
  const units = new Map((options.names?.units ?? []).map((u) => [u.id as string, u.name]));
  const division = (code: string): string => {
    const name = divisions[code];
    return name === undefined ? markdownText(code) : `${markdownText(name)} (${markdownText(code)})`;
  };
  const unit = (id: string): string => markdownText(units.get(id) ?? id);
  const { totals, period, progress } = report;

  const blocks: Array<string> = [
    `# ${t("矛盾纠纷排查化解月度台账报表", "Monthly dispute ledger report")}`,
    [
      `- ${t("辖区", "Jurisdiction")}: ${division(report.jurisdiction)}`,
      `- ${t("报告期", "Period")}: ${period.from} – ${period.to}`,
      ...(options.source === undefined ? [] : [`- ${t("依据", "Source")}: ${markdownText(options.source[lang])}`]),
    ].join("\n"),
    `## ${t("合计", "Totals")}`,
    table(countHeaders(t, t("项目", "Item")), [countRow(t("合计", "Total"), totals)]),
    t(
      `化解率 ${percent(report.resolutionRate)}：期末已化解或结案的纠纷占截至期末登记（不含不予受理）纠纷的比例。`,
      `Resolution rate ${percent(report.resolutionRate)}: disputes resolved or closed by the period's end, over those registered by then and not declined.`,
    ),
    `## ${t("按村(社区)", "By village (community)")}`,
    countTable(t, t("村(社区)", "Village (community)"), report.byVillage, division),
    `## ${t("按风险等级", "By risk level")}`,
    t("风险等级为截至期末经确认的最近一次研判等级；尚未确认的计为“未定级”。", "The level is the latest confirmed grade at the period's end; a dispute whose grade is not confirmed yet counts as ungraded."),
    countTable(t, t("风险等级", "Risk level"), report.byLevel, (k) => (k === "ungraded" ? t("未定级", "ungraded") : RiskLevels.label(k, lang))),
    `## ${t("按化解优先级", "By resolution priority")}`,
    t("优先级表示化解的紧迫程度，与风险等级分开：久拖未决提高优先级，不提高风险等级。", "The priority is how urgently a dispute must be resolved, apart from its harm level: a long wait raises the priority, never the level."),
    countTable(t, t("化解优先级", "Priority"), report.byPriority, (k) => (k === "ungraded" ? t("未定级", "ungraded") : ResolutionPriorities.label(k, lang))),
    `## ${t("按纠纷类型", "By type of dispute")}`,
    countTable(t, t("纠纷类型", "Type of dispute"), report.byDomain, (k) => DisputeDomains.label(k, lang)),
    `## ${t("按责任单位", "By unit in charge")}`,
    countTable(t, t("责任单位", "Unit in charge"), report.byLeadUnit, (k) => (k === "unassigned" ? t("未交办", "unassigned") : unit(k))),
    `## ${t("上期未化解纠纷的进展", "Progress of the disputes open at the previous report")}`,
    progressTable(t, lang, progress),
    `## ${t("办理时限", "Time limits")}`,
    t(
      `截至 ${period.to}：超期 ${report.overdueTimeLimits.length} 项，临期 ${report.atRiskTimeLimits.length} 项（剩余时间不足四分之一）。`,
      `On ${period.to}: ${report.overdueTimeLimits.length} overdue, ${report.atRiskTimeLimits.length} at risk (under a quarter of the time left).`,
    ),
    limitsTable(t, lang, [...report.overdueTimeLimits, ...report.atRiskTimeLimits]),
    `## ${t("台账报送", "Ledger submissions")}`,
    report.overdueSubmissions.length === 0
      ? t("本期到期的报送节点无逾期或未报送。", "No submission due in the period is missing or late.")
      : table(
          [t("报送节点", "Deadline"), t("单位", "Unit"), t("情况", "Status")],
          report.overdueSubmissions.map((s) => [markdownText(s.deadline), unit(s.unit), s.status === "late" ? t("逾期报送", "late") : t("逾期未报送", "missing")]),
        ),
  ];
  return `${blocks.join("\n\n")}\n`;
};

const progressTable = (t: Text, lang: Lang, progress: MonthlyReport["progress"]): string => {
  const statuses = (CaseStatuses.codes as ReadonlyArray<CaseStatus>).filter((s) => (progress.byStatus[s] ?? 0) > 0);
  return [
    table(
      [t("项目", "Item"), t("件数", "Disputes")],
      [
        [t(`上期（${progress.previousReportOn}）未化解`, `Open on ${progress.previousReportOn}`), String(progress.openAtPrevious)],
        [t("已化解或结案", "Resolved or closed since"), String(progress.resolved)],
        [t("仍在办理", "Still open"), String(progress.stillOpen)],
        [t("不予受理", "Declined"), String(progress.declined)],
      ],
    ),
    ...(statuses.length === 0
      ? []
      : [table([t("目前状态", "Status now"), t("件数", "Disputes")], statuses.map((s) => [CaseStatuses.label(s, lang), String(progress.byStatus[s])]))]),
  ].join("\n\n");
};

const limitsTable = (t: Text, lang: Lang, limits: ReadonlyArray<TimeLimitStatus>): string => {
  if (limits.length === 0) return t("（无）", "(none)");
  return table(
    [t("纠纷编号", "Dispute"), t("时限", "Time limit"), t("起算日", "Started"), t("到期日", "Due"), t("剩余天数", "Days left"), t("状态", "Status"), t("依据", "Source")],
    limits.map((s) => {
      const { source } = s.rule;
      const cited = `${source.title[lang]}${source.article === undefined ? "" : ` ${source.article}`}`;
      return [markdownText(s.clock.case), markdownText(s.rule.title[lang]), s.clock.startedOn, s.dueOn, String(s.daysLeft), STATE[s.state][lang], markdownText(cited)];
    }),
  );
};
