import { dirname, relative } from "node:path";
import { ResolutionPriorities, RiskLevels } from "@tiaojie/core";
import type { LedgerFileDemo } from "./ledger-file-demo.js";

const LEVELS = ["red", "orange", "yellow", "blue"] as const;
const PRIORITIES = ["urgent", "high", "normal"] as const;

/** A path as the user can type it from `base` (the directory they ran the demo from). */
const shown = (path: string, base: string): string => {
  const rel = relative(base, path);
  return rel === "" || rel.startsWith("..") ? path : rel;
};

/**
 * The demo's short summary, bilingual: the town and the months played, the
 * ledger file (made anew each run) and the development keys, the campaign's
 * phase today, the disputes by risk level and by resolution priority, what is
 * overdue, the tasks due with help first, the month's report, the audit
 * verification, the file reopened, every file written (paths relative to
 * `base` where they are under it), and how to see the longer tour.
 */
export const summaryLines = (demo: LedgerFileDemo, base: string): ReadonlyArray<string> => {
  const { play, report, soFar, tasks } = demo;
  const c = play.counts;
  const t = report.totals;
  const phase =
    demo.stage.kind === "phase"
      ? `${demo.stage.phase.name.zh} / ${demo.stage.phase.name.en} (${demo.stage.phase.start} – ${demo.stage.phase.end})`
      : demo.stage.kind === "routine"
        ? `常态化治理 / routine governance since ${demo.stage.since}`
        : `尚未开始 / starts on ${demo.stage.startsOn}`;
  const missing = soFar.overdueSubmissions.filter((s) => s.status === "missing").length;
  const late = soFar.overdueSubmissions.length - missing;
  const support = tasks.support;
  const help = support.filter((s) => s.shown === "full" && s.kind === "assistance");
  const first = support[0];
  const firstText = first === undefined ? "" : `; 第一项 first: ${first.title.zh} / ${first.title.en}, ${first.dueOn}${first.overdue ? " (逾期 overdue)" : ""}`;
  const files: ReadonlyArray<readonly [string, string]> = [
    [demo.files.ledger, "台账 ledger (SQLite)"],
    [demo.files.xlsx, "月报 monthly report (XLSX)"],
    [demo.files.markdown.zh, "月报 monthly report (Markdown, 中文)"],
    [demo.files.markdown.en, "月报 monthly report (Markdown, English)"],
    [demo.files.checkpoint, "签名的审计检查点 signed audit checkpoint"],
    [demo.files.publicKey, "检查点公钥 its public key, to verify again"],
  ];
  const width = Math.max(...files.map(([path]) => shown(path, base).length));
  return [
    `调解 Tiaojie — 台账文件演示 / the ledger-file demo: ${demo.town.township.name}, sampleTown(${demo.town.seed}), ${play.from} – ${play.to}`,
    `台账文件 ledger file: ${shown(demo.files.ledger, base)} — 每次运行先删除旧文件重新创建 / removed and made anew on every run`,
    "密钥 keys: 开发密钥，仅存于本次运行的内存 / development keys, only in this run's memory (not for real data)",
    `已登记 registered: 人员 persons ${c.persons}, 纠纷 disputes ${c.disputes}; 确认等级 grades confirmed ${c.gradesConfirmed}; 交办 assigned ${c.assigned}; 调解 mediations ${c.mediations} (调解不成 failed ${c.mediationsFailed}); 化解 resolved ${c.resolved}, 结案 closed ${c.closed}`,
    `重点人员 listings: 列管 opened ${c.listingsOpened}, 复核 reviews ${c.listingReviews}, 终止或撤销 ended ${c.listingsEnded}, 完成任务 tasks done ${c.tasksCompleted}; 台账报送 submissions ${c.submissions}${play.refusals.length === 0 ? "" : `; 被拒绝的步骤 refused steps ${play.refusals.length}`}`,
    `今天 today ${demo.today}: ${phase}`,
    `风险等级 by level: ${LEVELS.map((l) => `${RiskLevels.label(l)} ${l} ${demo.byLevel[l]}`).join(" | ")} (待确认 to confirm ${demo.toConfirm})`,
    `化解优先级 by priority: ${PRIORITIES.map((p) => `${ResolutionPriorities.label(p)} ${p} ${demo.byPriority[p]}`).join(" | ")}`,
    `逾期 overdue: 报送 submissions ${missing} 未报 missing + ${late} 迟报 late; 办理时限 time limits ${soFar.overdueTimeLimits.length} 超期 overdue, ${soFar.atRiskTimeLimits.length} 临期 at risk; 帮扶任务 support tasks ${support.filter((s) => s.overdue).length}`,
    `帮扶优先 help first: 截至今日到期任务 tasks due by today ${support.length}, 其中帮扶救助 assistance ${help.length}${firstText}`,
    `${report.period.from} – ${report.period.to} 月报 monthly report: 新增 new ${t.new} | 累计 cumulative ${t.cumulative} | 本期化解 resolved ${t.resolvedInPeriod} | 期末在办 open ${t.openAtEnd}`,
    `审计链核验 audit chains verify against the saved checkpoint and key: ${demo.verified}; 检查点改动一个字节后 with one byte changed: ${demo.tamperedVerified}`,
    `重新打开台账文件 the file reopened: ${demo.reopened.disputes} 件纠纷 disputes, 各等级件数相同 same counts by level: ${demo.reopened.sameCounts}`,
    `文件 files, in ${dirname(demo.files.ledger)}:`,
    ...files.map(([path, what]) => `  ${shown(path, base).padEnd(width)}  ${what}`),
    "更长的分节讲解（模型、研判、帮扶、专项治理、台账服务）/ the longer tour (model, grading, support, campaign, ledger): node dist/main.js --tour (in examples/quickstart)",
  ];
};
