import {
  Dispute,
  DisputeDomains,
  type IdentityNumberFacts,
  PartyRoles,
  Person,
  type Result,
  decode,
  encode,
  formatValidationError,
  identityNumberFacts,
  maskIdentityNumber,
} from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";

const unwrap = <A>(result: Result<A>): A => {
  if (!result.ok) throw result.error;
  return result.value;
};

/**
 * Part 1 of the demo: records travel as JSON, are decoded into the model, and are
 * printed with their Chinese labels. A deliberately bad record shows what the
 * library says about bad input.
 */
export const printModelDemo = (town: SampleTown): void => {
  const villageName = new Map(town.villages.map((v) => [v.code as string, v.name]));
  const personName = new Map(town.persons.map((p) => [p.id as string, p.name]));

  console.log(`\n== 台账数据 / Ledger records: ${town.township.name} (${town.township.code}) ==`);
  console.log(`${town.villages.length} 个村（社区）, ${town.persons.length} 人, ${town.disputes.length} 件矛盾纠纷\n`);

  console.log("人员 / Persons (decoded from JSON; identity numbers masked):");
  for (const json of town.persons.slice(0, 3).map((p) => unwrap(encode(Person, p)))) {
    const person = unwrap(decode(Person, json));
    const id = person.identityNumber;
    const facts = id ? identityNumberFacts(id) : undefined;
    const masked = id ? maskIdentityNumber(id) : undefined;
    const kind = (f: IdentityNumberFacts) => (f.kind === "citizen" ? "公民" : "外国人永久居留");
    console.log(
      `  ${person.name}  ${villageName.get(person.jurisdiction) ?? person.jurisdiction}  ` +
        (facts?.ok && masked?.ok
          ? `${masked.value} ${kind(facts.value)} ${facts.value.sex === "female" ? "女" : "男"} ${facts.value.birthDate.slice(0, 4)}年生`
          : "（未登记身份号码）"),
    );
  }

  console.log("\n矛盾纠纷 / Disputes:");
  for (const json of town.disputes.slice(0, 3).map((d) => unwrap(encode(Dispute, d)))) {
    const dispute = unwrap(decode(Dispute, json));
    const parties = dispute.parties
      .map((p) => `${PartyRoles.label(p.role)}:${p.kind === "person" ? (personName.get(p.person) ?? p.person) : p.name}`)
      .join("，");
    console.log(
      `  [${dispute.id}] ${dispute.reportedOn} ${villageName.get(dispute.jurisdiction) ?? dispute.jurisdiction} ` +
        `${DisputeDomains.label(dispute.domain)}：${dispute.summary}\n      当事人 ${parties}`,
    );
  }

  console.log("\n一条有问题的记录 / A deliberately bad record:");
  const bad = {
    ...unwrap(encode(Dispute, town.disputes[0]!)),
    jurisdiction: "53230110420",
    domain: "家庭",
    reportedOn: "2025-02-30",
    parties: [],
    facts: { peopleInvolved: 0, amountAtStake: -5, threatOfViolence: "否" },
  };
  const result = decode(Dispute, bad);
  if (result.ok) throw new Error("the bad record was accepted");
  console.log(formatValidationError(result.error));
};
