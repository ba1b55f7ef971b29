import {
  type Dispute,
  type LocalDate,
  type GradingResult,
  type Route,
  DisputeDomains,
  ResolutionChannels,
  ResolutionPriorities,
  RiskLevels,
  UnitKinds,
  defaultGradingTable,
  explainGrade,
  routeDispute,
} from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";

interface Graded {
  readonly dispute: Dispute;
  readonly grade: GradingResult;
  readonly route: Route;
}

const units = (kinds: ReadonlyArray<Parameters<typeof UnitKinds.label>[0]>): string =>
  kinds.length === 0 ? "—" : kinds.map((k) => UnitKinds.label(k)).join("、");

const explain = (title: string, { dispute, grade, route }: Graded): void => {
  console.log(`\n${title}：${dispute.id}（${DisputeDomains.label(dispute.domain)}）${dispute.summary}`);
  const text = explainGrade(grade, "zh");
  if (!text.ok) {
    console.log(`  ${text.error.text.zh}`);
    return;
  }
  const why = text.value;
  console.log(`  建议风险等级：${why.level}（待工作人员确认）`);
  console.log(`  化解优先级：${why.priority}（${why.basePriority}）`);
  if (why.fired.length === 0) console.log("  触发规则：无");
  for (const rule of why.fired) console.log(`  触发规则：${rule.description}——${rule.reason}`);
  for (const e of why.escalations) console.log(`  优先级升级：${e.description}——${e.reason}（${e.from} → ${e.to}；风险等级不变）`);
  for (const task of why.tasks) console.log(`  先行任务：${task.description}`);
  console.log(`  分流：牵头 ${UnitKinds.label(route.lead)}；配合 ${units(route.cooperating)}`);
  if (route.escalatedTo.length > 0) console.log(`  上报：${units(route.escalatedTo)}`);
  if (route.linkages.length > 0) console.log(`  对接：${route.linkages.map((c) => ResolutionChannels.label(c)).join("、")}`);
  if (route.responsiblePersonRequired) console.log("  明确包保责任人，并告知当事人可通过诉讼途径解决");
  for (const r of route.reports) console.log(`  报告：${r.within === "same-day" ? "当日" : r.within}报告${UnitKinds.label(r.to)}`);
  for (const reason of route.reasons) console.log(`  理由：${reason.zh}${reason.basis ? `（依据：${reason.basis.zh}）` : ""}`);
};

/**
 * The grading part of the README demo: grades every dispute of a sample town with
 * the Zixi preset as of a date (by default the last day of the town's period; only
 * disputes reported by then), routes each to the unit in charge, prints how many
 * fall in each risk level and in each resolution priority, and explains two of
 * them with `explainGrade`: the rules that fired, any escalation of the priority,
 * the unit they go to and why.
 *
 * @example
 * ```ts
 * import { sampleTown } from "@tiaojie/core/testing";
 * import { printGradingDemo } from "./grading-demo.js";
 *
 * printGradingDemo(sampleTown(2024));
 * ```
 */
export const printGradingDemo = (town: SampleTown, asOf: LocalDate = town.period.to): void => {
  const table = defaultGradingTable();
  const reported = town.disputes.filter((dispute) => dispute.reportedOn <= asOf);
  const graded: Array<Graded> = reported.map((dispute) => {
    const grade = table.grade(dispute, asOf);
    const route = routeDispute({ domain: dispute.domain, level: grade.level, facts: dispute.facts });
    return { dispute, grade, route };
  });

  console.log("\n== 风险研判与分流 / risk grading and routing ==");
  console.log(`规则表 ${table.table.version}，研判日期 ${asOf}，共 ${graded.length} 件纠纷：`);
  console.log("风险等级 risk level:");
  for (const level of RiskLevels.codes) {
    const count = graded.filter((g) => g.grade.level === level).length;
    console.log(`  ${RiskLevels.label(level).padEnd(8, "　")} ${String(count).padStart(5)} 件`);
  }
  console.log("化解优先级 resolution priority:");
  for (const priority of ResolutionPriorities.codes) {
    const count = graded.filter((g) => g.grade.priority === priority).length;
    console.log(`  ${ResolutionPriorities.label(priority).padEnd(8, "　")} ${String(count).padStart(5)} 件`);
  }
  console.log("（等级为系统建议，由工作人员确认；调低等级须说明理由并经另一人复核。信访、诉讼、投诉不作为风险因素。长期未化解只提高化解优先级，不提高风险等级。）");

  const escalatedOrManyRules = graded.find((g) => g.route.escalatedTo.length > 0 || (g.grade.fired.length >= 2 && g.grade.escalations.some((e) => e.from !== e.to)));
  const red = graded.find((g) => g.grade.level === "red" && g !== escalatedOrManyRules);
  const picks = [escalatedOrManyRules, red].filter((g): g is Graded => g !== undefined);
  for (const g of graded) if (picks.length < 2 && !picks.includes(g)) picks.push(g);
  picks.slice(0, 2).forEach((g, i) => explain(`示例 ${i + 1}`, g));
};
