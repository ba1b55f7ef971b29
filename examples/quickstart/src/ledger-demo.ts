import {
  type Actor,
  type LocalDate,
  type OfficerId,
  type Unit,
  type UnitKind,
  createLedger,
  fixedClock,
  generateDevelopmentKeys,
  monthlyReport,
  shanghaiStartOf,
  zixi2025,
} from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { makeMemoryStore } from "@tiaojie/store-memory";
import { isDeepStrictEqual } from "node:util";

const officer = (town: SampleTown, kind: UnitKind, role: Actor["role"], name: string, id: string): Actor => {
  const unit = town.units.find((u: Unit) => u.kind === kind)!;
  return { officerId: id as OfficerId, name, unit: unit.id, role, scope: town.township.code };
};

/**
 * The ledger service end to end, over the reference in-memory store: the town's
 * residents and disputes registered through `createLedger` (validated, graded,
 * routed, encrypted and audited in one transaction each), grades confirmed, a
 * refused write, a person as two units see them, the monthly report computed
 * from the store (equal to the pure core's), the county's summary with small
 * counts withheld, a signed audit checkpoint, and a tampered audit event found.
 *
 * @example
 * ```ts
 * await printLedgerDemo(sampleTown(2024), "2025-02-10" as LocalDate);
 * ```
 */
export const printLedgerDemo = async (town: SampleTown, today: LocalDate): Promise<void> => {
  const store = makeMemoryStore();
  const calendar = chinaCalendar();
  const { keys, checkpointPublicKey } = generateDevelopmentKeys({ keyName: "zixi-demo" });
  const ledger = createLedger({
    store,
    units: town.units,
    keys,
    calendar,
    clock: fixedClock(shanghaiStartOf(today) + 9 * 3_600_000),
    config: { campaign: zixi2025, checkpointOrigin: `tiaojie.ledger/${town.township.code}` },
  });
  const coordinator = officer(town, "peace-rule-of-law-office", "coordinator", "张明", "zx-0001");
  const social = officer(town, "social-affairs-office", "unit-officer", "李娟", "zx-0002");
  const gridWorker = officer(town, "governance-centre", "grid-worker", "王强", "zx-0003");
  const auditor = officer(town, "township-leadership", "auditor", "赵审", "zx-0004");

  console.log("\n== 台账服务 / the ledger service (createLedger over @tiaojie/store-memory) ==");
  let persons = 0;
  for (const p of town.persons) if ((await ledger.registerPerson(social, p)).ok) persons++;
  let disputes = 0;
  const reported = town.disputes.filter((d) => d.reportedOn <= today);
  for (const d of reported) if ((await ledger.registerDispute(coordinator, { dispute: d, idempotencyKey: `form-${d.id}` })).ok) disputes++;
  const retry = await ledger.registerDispute(coordinator, { dispute: reported[0], idempotencyKey: `form-${reported[0]!.id}` });
  console.log(`登记人员 persons registered: ${persons}；登记纠纷 disputes registered: ${disputes}（重复提交只返回首次结果 a retried form is replayed: ${retry.ok && retry.value.replayed}）`);

  const serious = await ledger.listDisputes(coordinator, { level: ["red", "orange"], limit: 100 });
  let confirmed = 0;
  if (serious.ok) for (const d of serious.value.items) if ((await ledger.decideGrade(coordinator, { dispute: d.id, version: d.version })).ok) confirmed++;
  console.log(`红、橙色纠纷由平安法治办确认等级 red and orange grades confirmed by the coordinator: ${confirmed}`);

  const withNumber = town.persons.find((p) => p.identityNumber !== undefined)!;
  const refused = await ledger.registerPerson(coordinator, { ...withNumber, id: "p-demo-1" });
  if (!refused.ok) console.log(`平安法治办登记身份号码被拒绝 the coordinator recording an identity number is refused: ${refused.error.message}`);
  const fromGrid = await ledger.registerDispute(gridWorker, { dispute: { ...reported[1]!, id: "d-demo-1", jurisdiction: "110101001001" } });
  if (!fromGrid.ok) console.log(`网格员登记辖区外纠纷被拒绝并留痕 a grid worker registering outside their scope is refused and audited: ${fromGrid.error.message}`);

  const seenBySocial = await ledger.getPerson(social, withNumber.id, { purpose: "救助核对" });
  const seenByCoordinator = await ledger.getPerson(coordinator, withNumber.id, { purpose: "台账核对" });
  if (seenBySocial.ok && seenByCoordinator.ok) {
    console.log(`同一人员 one person — 社会事务办 social affairs: ${seenBySocial.value.person?.identityNumber}；平安法治办 coordinator: ${seenByCoordinator.value.person?.identityNumber}`);
  }

  const period = { from: "2024-11-01" as LocalDate, to: "2024-11-30" as LocalDate };
  const own = await ledger.monthlyReport(coordinator, { period });
  if (own.ok && own.value.for === "own") {
    const t = own.value.report.totals;
    console.log(`11 月报表（由存储计算） November report, from the store: 新增 new ${t.new} | 期末未化解 open ${t.openAtEnd}`);
    const pure = monthlyReport(
      { units: town.units, disputes: reported, cases: [], grades: [] },
      { jurisdiction: town.township.code, period, campaign: zixi2025, timeLimits: { calendar } },
    );
    const same = pure.ok && isDeepStrictEqual([pure.value.totals, pure.value.byVillage], [t, own.value.report.byVillage]);
    console.log(`合计与分村数字与纯核心计算一致 totals and villages equal the pure core's: ${same}`);
  }
  const county = await ledger.monthlyReport(coordinator, { period, for: "county" });
  if (county.ok && county.value.for !== "own") {
    console.log(`报县汇总隐去小于 ${county.value.summary.threshold} 的数字 the county's summary withholds counts below ${county.value.summary.threshold}: ${county.value.summary.suppressedCells} cells`);
  }

  const checkpoint = await ledger.auditCheckpoint(coordinator);
  if (checkpoint.ok) console.log(`审计检查点（保存在数据库之外） audit checkpoint, to keep outside the database:\n${checkpoint.value.trimEnd()}`);
  const verified = await ledger.verifyAudit(auditor, checkpoint.ok ? { checkpoint: checkpoint.value, publicKey: checkpointPublicKey } : {});
  if (verified.ok) console.log(`审计链核验 audit chains verify: ${verified.value.ok}`);

  // Someone with access to the database edits one audit event.
  const chain = town.township.code;
  const events = await store.raw.auditEvents(chain);
  await store.raw.replaceAuditEvents(chain, events.map((e, i) => (i === 41 ? { ...e, actor: { ...e.actor, officerId: "zx-9999" as OfficerId } } : e)));
  const tampered = await ledger.verifyAudit(auditor, checkpoint.ok ? { checkpoint: checkpoint.value, publicKey: checkpointPublicKey } : {});
  if (tampered.ok) {
    const problem = tampered.value.chains.find((c) => !c.ok)?.problem;
    console.log(`改动一条审计记录后 after one audit event is edited: ${problem?.zh} / ${problem?.en}`);
  }
  await ledger.close();
};
