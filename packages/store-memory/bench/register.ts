/**
 * `pnpm bench` for the ledger service: register 100,000 disputes of a sample
 * town into the memory store through the full use case (validation, grading,
 * routing, the case, encryption of the new parties' identity numbers and phones,
 * the blind index, audit events in the same transaction, the idempotency record),
 * against the pure core's own work on the same input in the same process
 * (validating the dispute and its new persons, grading, routing). The service's
 * overhead, audit and crypto included, must stay at most 3× the pure work.
 * It measures the built packages (`^build` runs first).
 */
import { type BenchEntry, comparisonAtMost, finishBench, measureAlternating, printTable } from "@tiaojie/bench-support";
import {
  type Actor,
  type OfficerId,
  type Person,
  Dispute,
  Person as PersonSchema,
  createLedger,
  decode,
  defaultGradingTable,
  fixedClock,
  generateDevelopmentKeys,
  routeDispute,
  shanghaiStartOf,
} from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { makeMemoryStore } from "@tiaojie/store-memory";

const DISPUTES = Number(process.env.TIAOJIE_BENCH_DISPUTES ?? 100_000);
const TARGET = 3;

const town = sampleTown(2026, { disputes: DISPUTES, persons: Math.max(1, Math.round(DISPUTES / 5)), villages: 40, listings: 0 });
const today = town.period.to;
const personById = new Map(town.persons.map((p) => [p.id as string, p]));

// Each dispute carries, as a registration form would, the persons it is the first to name.
const seen = new Set<string>();
const forms = town.disputes.map((dispute) => {
  const persons: Array<Person> = [];
  for (const party of dispute.parties) {
    if (party.kind !== "person" || seen.has(party.person)) continue;
    seen.add(party.person);
    persons.push(personById.get(party.person)!);
  }
  return { dispute, persons };
});

const unit = town.units.find((u) => u.kind === "social-affairs-office")!;
const officer: Actor = { officerId: "zx-0002" as OfficerId, name: "李娟", unit: unit.id, role: "unit-officer", scope: town.township.code };
const { keys } = generateDevelopmentKeys();
const table = defaultGradingTable();

const pure = (): number => {
  let n = 0;
  for (const form of forms) {
    for (const p of form.persons) if (!decode(PersonSchema, p).ok) throw new Error("invalid person");
    const d = decode(Dispute, form.dispute);
    if (!d.ok) throw new Error("invalid dispute");
    const grade = table.grade(d.value, today);
    routeDispute({ domain: d.value.domain, level: grade.level, facts: d.value.facts });
    n++;
  }
  return n;
};

const service = async (): Promise<number> => {
  const ledger = createLedger({ store: makeMemoryStore(), units: town.units, keys, clock: fixedClock(shanghaiStartOf(today) + 9 * 3_600_000) });
  let n = 0;
  for (const form of forms) {
    const r = await ledger.registerDispute(officer, { dispute: form.dispute, persons: form.persons, idempotencyKey: form.dispute.id });
    if (!r.ok) throw new Error(`registration refused: ${r.error.message}`);
    n++;
  }
  await ledger.close();
  return n;
};

export const runRegisterBench = async (): Promise<ReadonlyArray<BenchEntry>> => {
  console.log(`Registering ${DISPUTES.toLocaleString("en")} disputes (${town.persons.length.toLocaleString("en")} persons) of sampleTown(2026), median of 3 alternating runs:`);
  const [p, s] = await measureAlternating<number>(
    [
      { name: "pure core: validate + grade + route", items: DISPUTES, run: pure },
      { name: "createLedger + memory store: registerDispute", items: DISPUTES, run: service },
    ],
    { runs: 3, onRun: (name, ms) => console.log(`  ${name}: ${(ms / 1000).toFixed(2)} s`) },
  );
  if (p!.output !== DISPUTES || s!.output !== DISPUTES) throw new Error("a run did not register every dispute");
  const overhead = s!.medianMs / p!.medianMs;
  printTable(
    ["variant", "median s", "disputes/s"],
    [p!, s!].map((t) => [t.name, (t.medianMs / 1000).toFixed(2), Math.round(t.perSecond).toLocaleString("en")]),
  );
  console.log(`service / pure: ${overhead.toFixed(2)}× (target: at most ${TARGET}×)`);
  return [
    comparisonAtMost(`ledger: register ${DISPUTES} disputes, service time / pure core time`, Math.round(s!.perSecond), "disputes/s", overhead, TARGET),
  ];
};

finishBench(await runRegisterBench());
