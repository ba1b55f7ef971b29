/**
 * `pnpm run bench:aliasing`: what it costs to keep rows unshared with the caller,
 * by each way a memory store could copy them, on dispute rows of the size the
 * ledger writes (about 2.3 kB of JSON, Chinese text included); then the cost of
 * the chosen way end to end: 100,000 disputes, each inserted with an audit event
 * in its own transaction, as the ledger registers them. It measures the built
 * package (the script builds it first): under tsx's transform of the sources,
 * which keeps function names, opening a transaction costs ten times more.
 */
import type { AuditEventRow, DisputeRow, DivisionCode, OfficerId, UnitId } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { makeMemoryStore } from "@tiaojie/store-memory";

const town = sampleTown(2025, { disputes: 1000 });

const rows: ReadonlyArray<DisputeRow> = town.disputes.map((d) => {
  const actor = { officerId: "o-1", unit: "u-centre", role: "coordinator" };
  return {
    id: d.id,
    version: 1,
    jurisdiction: d.jurisdiction,
    township: town.township.code,
    domain: d.domain,
    reportedOn: d.reportedOn,
    reportedMonth: d.reportedOn.slice(0, 7),
    status: "in-mediation",
    level: "yellow",
    priority: "normal",
    gradeConfirmed: true,
    leadUnit: "u-justice",
    dispute: d,
    case: {
      dispute: d.id,
      domain: d.domain,
      status: "in-mediation",
      registeredOn: d.reportedOn,
      leadUnit: "u-justice",
      leadUnitKind: "justice-office",
      responsiblePerson: "李四",
      history: [
        { transition: "register", on: d.reportedOn, actor, to: "registered" },
        { transition: "accept", on: d.reportedOn, actor, to: "accepted", note: "受理，转司法所" },
        { transition: "assign", on: d.reportedOn, actor, to: "assigned", leadUnit: "u-justice" },
        { transition: "start-mediation", on: d.reportedOn, actor, to: "in-mediation", channel: "people-mediation" },
      ],
    },
    grading: {
      tableVersion: "zixi-2025.2",
      on: d.reportedOn,
      level: "yellow",
      priority: "normal",
      firedRules: ["neighbour-dispute", "prior-mediation-failed"],
      escalators: ["long-unresolved"],
      tasks: ["visit-within-3-days"],
    },
    route: {
      configVersion: "zixi-2025.1",
      domain: d.domain,
      level: "yellow",
      lead: "justice-office",
      cooperating: ["village-committee", "police-station"],
      escalatedTo: [],
      linkages: ["police-mediation"],
      responsiblePersonRequired: true,
      informCourtRoute: true,
      reports: [{ to: "peace-office", within: { days: 1 } }],
      reasons: [{ rule: "domain-lead", zh: "邻里纠纷由司法所牵头", en: "neighbour disputes are led by the justice office" }],
    },
    measures: [{ dispute: d.id, measure: "组织双方现场勘界", recordedOn: d.reportedOn }],
  } as unknown as DisputeRow;
});

const microseconds = (n: number, f: (i: number) => unknown): number => {
  for (let i = 0; i < 2000; i++) f(i);
  const start = process.hrtime.bigint();
  let sink: unknown;
  for (let i = 0; i < n; i++) sink = f(i);
  const ns = Number(process.hrtime.bigint() - start) / n;
  if (sink === Symbol.for("never")) console.log(sink);
  return ns / 1000;
};

const N = 50_000;
const row = (i: number): DisputeRow => rows[i % rows.length]!;
const texts = rows.map((r) => JSON.stringify(r));
const clones = rows.map((r) => structuredClone(r));
console.log(`dispute row: ${texts[0]!.length} characters of JSON\n`);
const table = [
  ["structuredClone in", microseconds(N, (i) => structuredClone(row(i)))],
  ["structuredClone out", microseconds(N, (i) => structuredClone(clones[i % clones.length]))],
  ["JSON round trip in (keep an object)", microseconds(N, (i) => JSON.parse(JSON.stringify(row(i))))],
  ["JSON.stringify in (keep the text)", microseconds(N, (i) => JSON.stringify(row(i)))],
  ["JSON.parse out (from the text)", microseconds(N, (i) => JSON.parse(texts[i % texts.length]!))],
  ["Buffer of the text in", microseconds(N, (i) => Buffer.from(JSON.stringify(row(i))))],
] as const;
for (const [what, us] of table) console.log(`${what.padEnd(40)} ${us.toFixed(2).padStart(7)} µs`);

const event = (i: number): AuditEventRow => ({
  id: `e-${i}`,
  chain: town.township.code,
  seq: i + 1,
  at: 1_736_000_000_000 + i,
  actor: { officerId: "o-1" as OfficerId, unit: "u-centre" as UnitId, role: "coordinator" },
  action: "registerDispute",
  entity: { kind: "dispute", id: `d-${i}` },
  fields: ["summary", "parties", "facts"],
  outcome: "done",
  note: { useCase: "registerDispute", version: 1 },
  prev: "0".repeat(64),
  hash: i.toString(16).padStart(64, "0"),
});

const store = makeMemoryStore();
const total = 100_000;
const start = performance.now();
for (let i = 0; i < total; i++) {
  const id = `d-${String(i).padStart(7, "0")}`;
  await store.transact(async (tx) => {
    await tx.disputes.insert({ ...row(i), id: id as DisputeRow["id"] });
    await tx.audit.append(event(i));
  });
}
const ms = performance.now() - start;
const page = await store.transact((tx) =>
  tx.disputes.find({ within: town.township.code as DivisionCode, where: { level: "yellow" }, after: "d-0050000", limit: 500 }),
);
console.log(`\n${total.toLocaleString("en")} disputes, each with an audit event in its own transaction: ${(ms / 1000).toFixed(2)} s, ${((ms * 1000) / total).toFixed(1)} µs each`);
console.log(`a page of ${page.rows.length} from the middle: ${page.rows[0]?.id} … ${page.next}`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
