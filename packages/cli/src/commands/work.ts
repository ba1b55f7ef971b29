import { type HazardView, type Lang, type LocalDate, UnitKinds, deadlinesBetween, localDate, nextDeadlines, phaseOn, zixi2025 } from "@tiaojie/core";
import { CliError, type CliIo, ExitCode } from "../cli-io.js";
import { wholeFlag } from "../input.js";
import { type LedgerContext, orRefuse } from "../open-ledger.js";
import { printJson, say, table } from "../output.js";

const day = (flag: string, value: string | undefined): LocalDate | undefined => {
  if (value === undefined) return undefined;
  const d = localDate(value);
  if (!d.ok) throw new CliError({ zh: `${flag} 应是 YYYY-MM-DD 日期，而不是“${value}”`, en: `${flag} must be a YYYY-MM-DD day, not "${value}"` }, ExitCode.usage);
  return d.value;
};

/**
 * `tiaojie tasks`: what is due as of a day (today by default) within a horizon:
 * help-first support tasks (a unit without need-to-know sees them without their
 * reason) and the tasks the grading rules set.
 */
export const tasksCommand = async (ctx: LedgerContext, f: { readonly due?: string | boolean; readonly horizon?: string }): Promise<number> => {
  const asOf = day("--due", typeof f.due === "string" ? f.due : undefined);
  const horizonDays = wholeFlag("--horizon", f.horizon);
  const due = orRefuse(await ctx.ledger.tasksDue(ctx.actor, { ...(asOf === undefined ? {} : { asOf }), ...(horizonDays === undefined ? {} : { horizonDays }) }));
  if (ctx.json) {
    printJson(ctx.io, due);
    return ExitCode.ok;
  }
  const L = ctx.lang;
  say(ctx.io, L, `截至 ${due.asOf}：帮扶任务 ${due.support.length} 项，研判任务 ${due.grading.length} 项`, `as of ${due.asOf}: ${due.support.length} support tasks, ${due.grading.length} grading tasks`);
  if (due.support.length > 0) {
    const head = L === "zh" ? ["任务", "人员", "到期", "逾期", "负责单位"] : ["task", "person", "due", "overdue", "unit"];
    ctx.io.stdout(table(head, due.support.map((t) => [t.title[L], t.person, t.dueOn, t.overdue ? (L === "zh" ? "是" : "yes") : "", t.unit])));
  }
  if (due.grading.length > 0) {
    const head = L === "zh" ? ["纠纷", "规则", "任务", "时限"] : ["dispute", "rule", "task", "precedence"];
    ctx.io.stdout(table(head, due.grading.map((t) => [t.dispute, t.rule, t.kind, t.precedence])));
  }
  return ExitCode.ok;
};

/** `tiaojie hazards`: the hazards found in checks, open, fixed or overdue. */
export const hazardsCommand = async (ctx: LedgerContext, f: { readonly status?: string; readonly overdue?: boolean }): Promise<number> => {
  if (f.status !== undefined && f.status !== "open" && f.status !== "fixed") throw new CliError({ zh: "--status 应是 open 或 fixed", en: "--status must be open or fixed" }, ExitCode.usage);
  const rows: ReadonlyArray<HazardView> = orRefuse(
    await ctx.ledger.listHazards(ctx.actor, { ...(f.status === undefined ? {} : { status: f.status }), ...(f.overdue === true ? { overdue: true } : {}) }),
  );
  if (ctx.json) {
    printJson(ctx.io, rows);
    return ExitCode.ok;
  }
  const L = ctx.lang;
  const head = L === "zh" ? ["编号", "区划", "地点", "隐患", "责任单位", "发现", "整改期限", "状态"] : ["id", "division", "place", "hazard", "unit", "found", "deadline", "status"];
  const overdue = L === "zh" ? "（逾期）" : " (overdue)";
  ctx.io.stdout(table(head, rows.map((h) => [h.id, h.jurisdiction, h.place, h.hazard, h.responsibleUnit, h.foundOn, h.deadline, `${h.status}${h.overdue ? overdue : ""}`])));
  say(ctx.io, L, `共 ${rows.length} 项`, `${rows.length} in all`);
  return ExitCode.ok;
};

/** `tiaojie deadlines`: the campaign's phase as of a day and its next deadlines (or those between two days), each with who owes it and who receives it. */
export const deadlinesCommand = (io: CliIo, lang: Lang, json: boolean, today: LocalDate, f: { readonly from?: string; readonly to?: string; readonly next?: string }): number => {
  const from = day("--from", f.from);
  const to = day("--to", f.to);
  const list = from !== undefined || to !== undefined ? deadlinesBetween(zixi2025, from ?? today, to ?? today) : nextDeadlines(zixi2025, today, wholeFlag("--next", f.next) ?? 8);
  const stage = phaseOn(zixi2025, today);
  const phase = stage.kind === "phase" ? stage.phase.name[lang] : stage.kind === "routine" ? (lang === "zh" ? "常态化治理" : "routine governance") : lang === "zh" ? `尚未开始（${stage.startsOn} 起）` : `not yet begun (from ${stage.startsOn})`;
  if (json) {
    printJson(io, { asOf: today, campaign: zixi2025.id, stage, deadlines: list });
    return ExitCode.ok;
  }
  say(io, lang, `${zixi2025.name.zh}，${today}：${phase}`, `${zixi2025.name.en}, ${today}: ${phase}`);
  const owed = (o: (typeof list)[number]["owedBy"]): string =>
    o === "reporting-units" ? (lang === "zh" ? "各报送单位" : "every reporting unit") : o.map((k) => UnitKinds.label(k, lang)).join(lang === "zh" ? "、" : ", ");
  const head = lang === "zh" ? ["到期", "事项", "报送单位", "接收单位"] : ["due", "deadline", "owed by", "received by"];
  io.stdout(table(head, list.map((d) => [d.due, d.title[lang], owed(d.owedBy), UnitKinds.label(d.receivedBy, lang)])));
  if (zixi2025.source !== undefined) say(io, lang, `依据：${zixi2025.source.zh}`, `source: ${zixi2025.source.en}`);
  return ExitCode.ok;
};
