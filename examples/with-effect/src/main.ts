// The whole ledger flow written with Effect: services, layers, typed errors.
// Run: pnpm --filter @tiaojie/example-with-effect start [path/to/ledger.db]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Console, Effect } from "effect";
import { RiskLevels, disputeIdOrThrow } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { wholeFlow } from "./flow.js";
import { readAs } from "./programs.js";
import { Officers, Store, appLayer } from "./services.js";

const town = sampleTown(7, { villages: 3, persons: 40, disputes: 30 });
const today = town.period.to;
const given = process.argv[2];
const dir = given === undefined ? mkdtempSync(join(tmpdir(), "tiaojie-with-effect-")) : undefined;
const file = given ?? join(dir!, "ledger.db");

const program = Effect.gen(function* () {
  yield* Console.log("调解 Tiaojie — 用 Effect 写的完整流程 / the whole flow with Effect");
  yield* Console.log(`${town.township.name}（样例镇 a sample town）, 今天 today ${today}, SQLite: ${file}`);
  const o = yield* wholeFlow;

  yield* Console.log(`\n登记 registered: 人员 persons ${o.registration.persons}, 纠纷 disputes ${o.registration.disputes}; 重复提交只回放 a retried form replays: ${o.registration.retryReplayed}`);
  for (const v of o.byVillage) yield* Console.log(`  ${town.villages.find((x) => x.code === v.village)?.name}村委会只看到本村 the committee sees its own: ${v.ids.length}`);
  const e = o.explained.explanation;
  yield* Console.log(`\n${o.explained.view.id} 推荐等级 recommended: ${e.level}，优先级 priority ${e.priority}`);
  for (const rule of e.fired) yield* Console.log(`  · ${rule.description}：${rule.reason}`);
  const counts = RiskLevels.codes.map((l) => `${RiskLevels.label(l)} ${o.confirmed.filter((v) => v.level === l).length}`);
  yield* Console.log(`平安法治办确认等级 grades confirmed: ${o.confirmed.length}（${counts.join("，")}）`);
  yield* Console.log(`\n${o.resolution.view.id} 流转 case: ${o.resolution.statuses.join(" → ")}（牵头单位 lead unit ${o.resolution.leadUnit}）`);
  yield* Console.log(`列管 listing ${o.support.listing.id}: ${o.support.tasks.support.map((t) => `${t.dueOn} ${t.title.zh}`).join("；")}`);
  const t = o.figures.fromStore.totals;
  yield* Console.log(`\n2025 年 5 月报表 May 2025: 新增 new ${t.new}, 累计 cumulative ${t.cumulative}, 化解 resolved ${t.resolvedInPeriod}, 未化解 open ${t.openAtEnd}`);
  yield* Console.log(`  与纯核心计算一致 equal to the pure core's: ${JSON.stringify(o.figures.fromStore) === JSON.stringify(o.figures.pure)}`);
  if (o.outside.refusal !== undefined) {
    yield* Console.log(`\nEffect.catchTag("AccessDenied") 捕获 caught: ${o.outside.refusal.text.zh} / ${o.outside.refusal.text.en}`);
    yield* Console.log(`  审计记录 audited: ${o.outside.audited?.action} ${o.outside.audited?.outcome}`);
  }

  // Typed errors by their tags: one actor's view of three disputes.
  const officers = yield* Officers;
  const village = town.villages[0]!;
  const own = town.disputes.find((d) => d.jurisdiction === village.code)!;
  const other = town.disputes.find((d) => d.jurisdiction !== village.code)!;
  for (const id of [own.id, other.id, disputeIdOrThrow("d-999999")]) {
    const seen = yield* readAs(officers.ofVillage(village.code)!, id);
    yield* Console.log(`${village.name}村委会读取 reads ${id}: ${seen.kind === "shown" ? `shown (${seen.view.case.status})` : `${seen.kind} — ${seen.text.zh}`}`);
  }
  yield* Console.log(`\n审计链核验 audit chains verify: ${o.audit.verification.ok}`);
});

try {
  // Store.sqlite is scoped: the file is closed when the program ends, however it ends.
  await Effect.runPromise(program.pipe(Effect.provide(appLayer(Store.sqlite(file), town, today))));
} finally {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
