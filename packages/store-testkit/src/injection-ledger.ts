import { type DisputeId, type DisputeView, type LedgerStore, type PersonId, plusDays } from "@tiaojie/core";
import { expect } from "vitest";
import { expectOk, kitActors, kitLedger, kitTown } from "./fixtures/kit-ledger.js";
import { pageAll } from "./fixtures/kit-service-records.js";
import { injectionCorpus } from "./injection-corpus.js";
import { hasNul, show } from "./injection-rows.js";

// The injection corpus through the ledger service (createLedger over the store
// under test, as the ledger-* suites run it): as the free text of disputes
// (summaries, organisation parties), persons (names), measures, hazards and the
// purposes of reading a person, read back through the ledger's own reads and
// its audit trail, which must still verify.

/** A corpus string as the ledger's text takes it (1–max characters, no leading or trailing space): as it is, or in brackets. */
export const asLedgerText = (s: string, max: number): string | undefined => {
  const t = s.length > 0 && s.trim() === s ? s : `「${s}」`;
  return t.length <= max ? t : undefined;
};

type Slot = "summary" | "organisation" | "name" | "measure" | "place" | "hazard" | "hazardMeasure" | "purpose";

const slotMax: { readonly [S in Slot]: number } = { summary: 2000, organisation: 100, name: 50, measure: 500, place: 200, hazard: 500, hazardMeasure: 500, purpose: 100 };

/** The free text of one dispute with its new persons, its measures and the purposes of reading its persons. */
export interface LedgerCase {
  readonly id: string;
  readonly summary: string;
  readonly organisations: ReadonlyArray<string>;
  readonly names: ReadonlyArray<string>;
  readonly measures: ReadonlyArray<string>;
  readonly purposes: ReadonlyArray<string>;
}

export interface LedgerHazard {
  readonly place: string;
  readonly hazard: string;
  readonly measure: string;
}

/** What the ledger returned of the records it registered, for comparison. */
interface LedgerSeen {
  readonly strings: number;
  readonly verbatim: number;
  readonly refused: number;
}

/**
 * Registers the cases and hazards through the ledger, reads them back
 * (getDispute, listDisputes, getPerson, listHazards, auditTrail) and checks
 * every string is as given and the audit trail verifies. A case whose strings
 * hold U+0000 may be refused by the store (StoreFailure): then nothing of it is
 * kept.
 */
export const throughLedger = async (
  store: LedgerStore,
  seed: number,
  cases: ReadonlyArray<LedgerCase>,
  hazards: ReadonlyArray<LedgerHazard>,
): Promise<LedgerSeen> => {
  const kt = kitTown(seed, { persons: 2, disputes: 2 });
  const { ledger } = kitLedger(store, kt);
  const actors = kitActors(kt);
  const template = kt.town.disputes[0]!;
  let strings = 0;
  let verbatim = 0;
  let refused = 0;
  const same = (got: unknown, expected: string, what: string): void => {
    strings++;
    if (Object.is(got, expected)) verbatim++;
    expect(got, `${what}: the ledger returned ${show(got)} for ${show(expected)}`).toBe(expected);
  };
  const registered: Array<{ readonly c: LedgerCase; readonly view: DisputeView; readonly persons: ReadonlyArray<string> }> = [];
  let phone = 0;
  for (const c of cases) {
    const persons = c.names.map((name, i) => ({ id: `${c.id}-p${i}`, name, jurisdiction: template.jurisdiction, contact: { phone: `1380000${String(1000 + phone++)}` } }));
    const dispute = {
      ...template,
      id: c.id,
      summary: c.summary,
      parties: [
        ...persons.map((p, i) => ({ kind: "person" as const, person: p.id, role: i === 0 ? ("claimant" as const) : ("third-party" as const) })),
        ...c.organisations.map((name, i) => ({ kind: "organisation" as const, name, role: i === 0 ? ("respondent" as const) : ("other" as const) })),
        // A dispute has at least one party.
        ...(persons.length + c.organisations.length === 0 ? [{ kind: "organisation" as const, name: "紫溪镇某建筑公司", role: "respondent" as const }] : []),
      ],
    };
    const r = await ledger.registerDispute(actors.social, { dispute, persons });
    const risky = [c.summary, ...c.organisations, ...c.names].some(hasNul);
    if (!r.ok && risky && (r.error as { readonly _tag?: string })._tag === "StoreFailure") {
      // Refused as a whole: neither the dispute nor its persons are kept.
      refused++;
      expect((await ledger.getDispute(actors.coordinator, c.id as DisputeId)).ok, `${c.id}, refused by the store, is not kept`).toBe(false);
      for (const p of persons) expect((await ledger.getPerson(actors.social, p.id as PersonId, { purpose: "核对" })).ok, `${p.id} of refused ${c.id} is not kept`).toBe(false);
      continue;
    }
    let view = expectOk(r, `registerDispute ${c.id}`).dispute;
    for (const measure of c.measures) view = expectOk(await ledger.recordMeasure(actors.coordinator, { dispute: view.id, version: view.version, measure }), `recordMeasure on ${c.id}`);
    registered.push({ c, view, persons: persons.map((p) => p.id) });
  }
  const hazardIds: string[] = [];
  for (const [i, h] of hazards.entries()) {
    const r = await ledger.registerHazard(actors.coordinator, {
      jurisdiction: kt.villages[i % kt.villages.length]!,
      place: h.place,
      hazard: h.hazard,
      measure: h.measure,
      responsibleUnit: "u-pafzb",
      deadline: plusDays(kt.today, 30),
    });
    hazardIds.push(expectOk(r, `registerHazard #${i}`).id);
  }

  const listed = new Map(expectOk(await pageAll((cursor) => ledger.listDisputes(actors.coordinator, { limit: 50, ...(cursor === undefined ? {} : { cursor }) })), "listDisputes").map((d) => [d.id as string, d]));
  expect(listed.size, "listDisputes lists exactly the disputes kept").toBe(registered.length);
  const purposesRead: string[] = [];
  for (const { c, view, persons } of registered) {
    const got = expectOk(await ledger.getDispute(actors.coordinator, c.id as DisputeId), `getDispute ${c.id}`);
    expect(got, `getDispute ${c.id} returns the dispute as the last change returned it`).toStrictEqual(JSON.parse(JSON.stringify(view)));
    expect(listed.get(c.id), `listDisputes holds ${c.id} as getDispute returns it`).toStrictEqual(got);
    same(got.dispute.summary, c.summary, `${c.id}: summary`);
    const organisations = got.dispute.parties.flatMap((p) => (p.kind === "organisation" ? [p.name] : []));
    c.organisations.forEach((name, i) => same(organisations[i], name, `${c.id}: organisation party #${i}`));
    c.measures.forEach((m, i) => same(got.measures[i]?.measure, m, `${c.id}: measure #${i}`));
    // Each person read once, with the case's purposes in turn; purposes beyond
    // the persons read the first person again.
    const reads = Math.max(persons.length, persons.length === 0 ? 0 : c.purposes.length);
    for (let i = 0; i < reads; i++) {
      const pid = persons[i % persons.length]!;
      const purpose = c.purposes[i] ?? "核对身份";
      const person = expectOk(await ledger.getPerson(actors.social, pid as PersonId, { purpose }), `getPerson ${pid}`);
      same(person.person?.name, c.names[i % persons.length]!, `${pid}: name`);
      if (c.purposes[i] !== undefined) purposesRead.push(purpose);
    }
  }
  const hazardsListed = new Map(expectOk(await ledger.listHazards(actors.coordinator), "listHazards").map((h) => [h.id, h]));
  expect(hazardsListed.size, "listHazards lists exactly the hazards registered").toBe(hazards.length);
  hazards.forEach((h, i) => {
    const got = hazardsListed.get(hazardIds[i]!);
    same(got?.place, h.place, `hazard #${i}: place`);
    same(got?.hazard, h.hazard, `hazard #${i}: hazard`);
    same(got?.measure, h.measure, `hazard #${i}: measure`);
  });
  const trail = expectOk(await pageAll((cursor) => ledger.auditTrail(actors.auditor, { chain: kt.township, ...(cursor === undefined ? {} : { cursor }) })), "auditTrail");
  const purposes = trail.flatMap((e) => (e.purpose === undefined ? [] : [e.purpose]));
  for (const p of purposesRead) {
    strings++;
    if (purposes.includes(p)) verbatim++;
    expect(purposes.includes(p), `the audit trail holds the purpose ${show(p)} verbatim`).toBe(true);
  }
  const verified = expectOk(await ledger.verifyAudit(actors.auditor), "verifyAudit");
  expect(verified.ok, `the audit trail verifies after the corpus went through it: ${JSON.stringify(verified.chains.find((c) => !c.ok)?.problem)}`).toBe(true);
  return { strings, verbatim, refused };
};

const share = <T>(xs: ReadonlyArray<T>, d: number, n: number): ReadonlyArray<T> => xs.filter((_, i) => i % n === d);

/**
 * Deals the corpus to the ledger's free-text fields, each string to the next
 * field in turn that takes it (as `asLedgerText` makes it): four disputes
 * carrying many organisation parties, new persons and measures, more disputes
 * for the summaries left, hazards, and purposes of reading the persons.
 * Strings with U+0000 go to a dispute of their own, which the store may refuse
 * as a whole.
 */
export const dealCorpus = (): {
  readonly cases: ReadonlyArray<LedgerCase>;
  readonly hazards: ReadonlyArray<LedgerHazard>;
  /** Corpus strings dealt to a field. */
  readonly dealt: number;
  /** Corpus strings no field takes (longer than any, even a summary). */
  readonly skipped: number;
} => {
  const order: ReadonlyArray<Slot> = ["organisation", "name", "organisation", "measure", "place", "organisation", "hazard", "purpose", "organisation", "hazardMeasure", "organisation", "summary"];
  const slots: { [S in Slot]: string[] } = { summary: [], organisation: [], name: [], measure: [], place: [], hazard: [], hazardMeasure: [], purpose: [] };
  const nul: string[] = [];
  let skipped = 0;
  injectionCorpus.forEach((s, j) => {
    const turn = [...order.slice(j % order.length), ...order.slice(0, j % order.length)];
    for (const slot of turn) {
      const t = asLedgerText(s, slotMax[slot]);
      if (t === undefined) continue;
      (hasNul(s) ? nul : slots[slot]).push(t);
      return;
    }
    skipped++;
  });
  const DISPUTES = 4;
  const cases: LedgerCase[] = Array.from({ length: DISPUTES }, (_, d) => ({
    id: `d-inj-${d}`,
    summary: slots.summary[d] ?? "邻里纠纷",
    organisations: share(slots.organisation, d, DISPUTES),
    names: share(slots.name, d, DISPUTES),
    measures: share(slots.measure, d, DISPUTES),
    purposes: share(slots.purpose, d, DISPUTES),
  }));
  const more = slots.summary.slice(DISPUTES).map((summary, i): LedgerCase => ({ id: `d-inj-s${i}`, summary, organisations: [], names: [], measures: [], purposes: [] }));
  const withNul: ReadonlyArray<LedgerCase> =
    nul.length === 0 ? [] : [{ id: "d-inj-nul", summary: nul[0]!, organisations: nul.slice(1, -1), names: nul.length > 1 ? [nul.at(-1)!] : [], measures: [], purposes: [] }];
  const hazards = Array.from({ length: Math.max(slots.place.length, slots.hazard.length, slots.hazardMeasure.length) }, (_, i): LedgerHazard => ({
    place: slots.place[i] ?? "中心学校大门",
    hazard: slots.hazard[i] ?? "缺少防冲撞设施",
    measure: slots.hazardMeasure[i] ?? "设置隔离护栏",
  }));
  return { cases: [...cases, ...more, ...withNul], hazards, dealt: injectionCorpus.length - skipped, skipped };
};
