// The ledger behind a small HTTP API on node:http.
// Run: pnpm --filter @tiaojie/example-http-service start          (serves until Ctrl+C; PORT=3000 by default)
//      pnpm --filter @tiaojie/example-http-service start --once   (calls itself a few times, prints, and stops)
import type { AddressInfo } from "node:net";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import { demoTokens } from "./identity.js";
import { seedTown, serviceLedger } from "./seed.js";
import { createServer } from "./server.js";

const once = process.argv.includes("--once");
const town = sampleTown(7, { villages: 3, persons: 40, disputes: 30 });
const officers = sampleOfficers(town);
const tokens = demoTokens(town, officers);
const ledger = serviceLedger(town, town.period.to);
await seedTown(ledger, town, officers);

const server = createServer({ ledger, identify: (token) => tokens.get(token) });
await new Promise<void>((resolve) => server.listen(once ? 0 : Number(process.env.PORT ?? 3000), "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

console.log(`调解 Tiaojie — HTTP 服务示例 / the HTTP service example: ${base}`);
console.log(`${town.township.name}（样例镇 a sample town）: ${town.persons.length} 人 persons, ${town.disputes.length} 件纠纷 disputes, 内存存储 memory store`);
console.log("演示令牌（代替县里的身份认证系统）/ demo tokens (a stand-in for the county's identity system):");
for (const [token, actor] of tokens) console.log(`  ${token.padEnd(22)} ${actor.role.padEnd(17)} ${actor.unit} ${actor.scope}`);
console.log(`例如 e.g.: curl -H "Authorization: Bearer demo-coordinator" "${base}/reports/monthly?month=2025-01"`);

if (once) {
  const village = town.villages[0]!;
  const member = `demo-${officers.ofVillage(village.code)!.unit}`;
  const elsewhere = town.disputes.find((d) => d.jurisdiction !== village.code)!;
  const call = async (what: string, path: string, token?: string, init: RequestInit = {}): Promise<void> => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), "content-type": "application/json" } });
    const body = (await res.json()) as {
      items?: ReadonlyArray<unknown>;
      report?: { totals: Record<string, number> };
      error?: { zh: string; en: string; issues?: ReadonlyArray<{ path: string }> };
    };
    const detail =
      body.items !== undefined ? `${body.items.length} 件 items`
      : body.report !== undefined ? JSON.stringify(body.report.totals)
      : body.error !== undefined ? `${body.error.zh} / ${body.error.en}${body.error.issues ? ` [${body.error.issues.map((i) => i.path).join(", ")}]` : ""}`
      : "ok";
    console.log(`  ${res.status} ${what}: ${detail}`);
  };
  console.log("\n自测 calling itself:");
  await call("平安法治办列出全镇 the coordinator lists the township", "/disputes?limit=100", "demo-coordinator");
  await call(`${village.name}村委会只看到本村 the committee lists its village`, "/disputes?limit=100", member);
  await call("村委会读取外村纠纷 the committee reads another village's dispute", `/disputes/${elsewhere.id}`, member);
  await call("没有令牌 no token", "/disputes");
  await call("格式错误的登记 a malformed registration", "/disputes", member, { method: "POST", body: JSON.stringify({ dispute: { id: "d-x", jurisdiction: village.code, domain: "weather" } }) });
  await call("2025 年 1 月报表 January 2025 report", "/reports/monthly?month=2025-01", "demo-coordinator");
  server.close();
  await ledger.close();
} else {
  const stop = (): void => {
    server.close(() => void ledger.close());
    server.closeAllConnections();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
