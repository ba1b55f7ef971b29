// The whole ledger flow with plain async functions: no Effect in sight.
// Run: pnpm --filter @tiaojie/example-without-effect start [path/to/ledger.db]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RiskLevels } from "@tiaojie/core";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import { checkAudit, confirmGrades, explainedGrade, monthlyFigures, openSupport, registerTown, resolveOne, tryOutsideScope } from "./flow.js";
import { keysFromEnvironment } from "./keys.js";
import { openLedger } from "./open-ledger.js";
import { refusalOf } from "./results.js";

const town = sampleTown(7, { villages: 3, persons: 40, disputes: 30 });
const today = town.period.to;
const officers = sampleOfficers(town);
const keys = keysFromEnvironment(process.env);

const given = process.argv[2];
const dir = given === undefined ? mkdtempSync(join(tmpdir(), "tiaojie-without-effect-")) : undefined;
const file = given ?? join(dir!, "ledger.db");

console.log(`调解 Tiaojie — 不用 Effect 的完整流程 / the whole flow without Effect`);
console.log(`${town.township.name}（样例镇 a sample town）, 今天 today ${today}, SQLite: ${file}`);
if (keys.source === "development") console.log("开发密钥，进程结束即失效 / development keys, lost when the process ends (set TIAOJIE_KEK, TIAOJIE_BLIND_INDEX_KEY, TIAOJIE_CHECKPOINT_KEY to keep them)");

const ledger = await openLedger({ file, units: town.units, keys, today, township: town.township.code });
try {
  const reg = await registerTown(ledger, town, officers);
  console.log(`\n登记 registered: 人员 persons ${reg.persons}, 纠纷 disputes ${reg.disputes}; 重复提交只回放 a retried form replays: ${reg.retryReplayed}`);

  const first = town.disputes[0]!;
  const { view, explanation } = await explainedGrade(ledger, officers.coordinator, first.id, "zh");
  console.log(`\n${first.id} 推荐等级 recommended: ${explanation.level}，优先级 priority ${explanation.priority}`);
  for (const rule of explanation.fired) console.log(`  · ${rule.description}：${rule.reason}`);
  for (const up of explanation.escalations) console.log(`  ↑ ${up.description}`);
  console.log(`  分流 route: 牵头 lead ${view.route.lead}；${view.route.reasons.map((r) => r.zh).join("；")}`);

  const confirmed = await confirmGrades(ledger, officers.coordinator);
  const counts = RiskLevels.codes.map((l) => `${RiskLevels.label(l)} ${confirmed.filter((v) => v.level === l).length}`);
  console.log(`\n平安法治办确认等级 grades confirmed: ${confirmed.length}（${counts.join("，")}）`);

  const resolved = await resolveOne(ledger, town, officers, first.id);
  console.log(`\n${first.id} 流转 case: ${resolved.statuses.join(" → ")}（牵头单位 lead unit ${resolved.leadUnit}）`);

  const resident = town.persons.find((p) => !town.listings.some((l) => l.person === p.id))!;
  const support = await openSupport(ledger, town, officers, resident.id, today);
  console.log(`\n列管 listing ${support.listing.id}; 七日内任务 tasks due within 7 days:`);
  for (const t of support.tasks.support) console.log(`  · ${t.dueOn} ${t.title.zh} / ${t.title.en}（${t.shown}）`);
  console.log(`  村委会看到 the village committee sees: ${support.committeeTasks.support.map((t) => `${t.title.zh}（${t.shown}）`).join("，")}`);

  const figures = await monthlyFigures(ledger, town, officers, "2025-05");
  const t = figures.fromStore.totals;
  console.log(`\n2025 年 5 月报表 May 2025 report: 新增 new ${t.new}, 累计 cumulative ${t.cumulative}, 本月化解 resolved ${t.resolvedInPeriod}, 期末未化解 open ${t.openAtEnd}`);
  console.log(`  与纯核心计算一致 equal to the pure core's: ${JSON.stringify(figures.fromStore) === JSON.stringify(figures.pure)}`);

  const outside = await tryOutsideScope(ledger, town, officers);
  if (outside.refusal !== undefined) {
    const r = refusalOf(outside.refusal);
    console.log(`\n越权操作被拒绝 a write outside the actor's scope is refused:\n  ${r.zh}\n  ${r.en}`);
    console.log(`  审计记录 audited: ${outside.audited?.action} ${outside.audited?.outcome}; 版本未变 version unchanged: ${outside.versionBefore === outside.versionAfter}`);
  }

  const audit = await checkAudit(ledger, officers, keys.checkpointPublicKey);
  console.log(`\n审计检查点 audit checkpoint:\n${audit.checkpoint.trimEnd()}`);
  console.log(`审计链核验 audit chains verify: ${audit.verification.ok}`);
} finally {
  await ledger.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
