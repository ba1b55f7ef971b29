import {
  type Dispute,
  type LocalDate,
  type GradingResult,
  type Route,
  DisputeDomains,
  ResolutionChannels,
  RiskLevels,
  UnitKinds,
  defaultGradingTable,
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
  console.log(`  建议等级：${RiskLevels.label(grade.level)}（待工作人员确认）`);
  if (grade.fired.length === 0) console.log("  触发规则：无");
  for (const rule of grade.fired) console.log(`  触发规则：${rule.description.zh}——${rule.reason.zh}`);
  for (const e of grade.escalations)
    console.log(`  升级：${e.description.zh}——${e.reason.zh}（${RiskLevels.label(e.from)} → ${RiskLevels.label(e.to)}）`);
  for (const task of grade.tasks) console.log(`  先行任务：${task.description.zh}`);
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
 * disputes reported by then), routes each to the unit in
 * charge, prints how many fall in each level, and explains two of them: the rules
 * that fired, the unit they go to and why.
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
  for (const level of RiskLevels.codes) {
    const count = graded.filter((g) => g.grade.level === level).length;
    console.log(`  ${RiskLevels.label(level).padEnd(8, "　")} ${String(count).padStart(5)} 件`);
  }
  console.log("（等级为系统建议，由工作人员确认；调低等级须说明理由并经另一人复核。信访、诉讼、投诉不作为风险因素。）");

  const escalatedOrManyRules = graded.find((g) => g.route.escalatedTo.length > 0 || (g.grade.fired.length >= 2 && g.grade.escalations.length > 0));
  const red = graded.find((g) => g.grade.level === "red" && g !== escalatedOrManyRules);
  const picks = [escalatedOrManyRules, red].filter((g): g is Graded => g !== undefined);
  for (const g of graded) if (picks.length < 2 && !picks.includes(g)) picks.push(g);
  picks.slice(0, 2).forEach((g, i) => explain(`示例 ${i + 1}`, g));
};
