import { fc, test } from "@fast-check/vitest";
import type { ListingId, Person } from "@tiaojie/core";
import { expect } from "vitest";
import { expectOk, kitActors, kitLedger, kitTown, registerPersons } from "../fixtures/kit-ledger.js";
import { openHardshipListing } from "../fixtures/kit-service-records.js";
import type { SuiteContext } from "../suite-context.js";

// Encryption at rest through the service: a generated town's persons (identity
// and phone numbers where the town gives them), registered along with their
// disputes (with idempotency keys, so that stored replies are scanned too) or
// alone, and hardship listings whose assessor and responsible person are
// markers. The store's raw dump then holds no identity number, no phone number
// (as it is, or spelt with spaces or dashes) and no marker: the service seals
// them, and a store must keep what it is given, never a plaintext it never got.
// Then every person is found back by identity number, through the blind index
// the store kept as given, with the sealed fields opened again.

/** An identity number as it is, with a lowercase check character, and in its 6-8-4 groups. */
const identitySpellings = (n: string): ReadonlyArray<string> => [n, n.toLowerCase(), `${n.slice(0, 6)} ${n.slice(6, 14)} ${n.slice(14)}`];

/** A mobile number as it is, and in its 3-4-4 groups with spaces or dashes. */
const phoneSpellings = (p: string): ReadonlyArray<string> =>
  p.length === 11 ? [p, `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`, `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`] : [p];

export const ledgerEncryptionSuite = (ctx: SuiteContext): void => {
  test.prop([fc.integer({ min: 1, max: 1_000_000 })], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "the raw dump holds no identity number, phone number or sealed listing text; a person is found back by identity number",
    async (seed) => {
      const kt = kitTown(seed, { persons: 12, disputes: 5 });
      const raw = ctx.raw();
      const { ledger } = kitLedger(ctx.store(), kt);
      const actors = kitActors(kt);
      const byId = new Map<string, Person>(kt.town.persons.map((p) => [p.id, p]));
      const registered = new Set<string>();
      for (const [i, dispute] of kt.town.disputes.entries()) {
        const parties = dispute.parties.flatMap((p) => (p.kind === "person" && !registered.has(p.person) ? [p.person as string] : []));
        const persons = [...new Set(parties)].map((id) => byId.get(id)!);
        expectOk(await ledger.registerDispute(actors.social, { dispute, persons, idempotencyKey: `kit-enc-${seed}-${i}` }), `registerDispute ${dispute.id} with its new parties`);
        for (const p of persons) registered.add(p.id);
      }
      await registerPersons(ledger, actors.social, kt.town.persons.filter((p) => !registered.has(p.id)));
      const listings = kt.town.persons.slice(0, 3).map((p, i) => ({
        id: `l-enc-${i}`,
        person: p.id,
        unit: "u-shswb",
        assessedBy: `核查员K${seed}A${i}`,
        responsiblePerson: `责任人K${seed}B${i}`,
      }));
      for (const l of listings) await openHardshipListing(ledger, actors.social, kt.today, l);

      const dump = await raw.dump();
      expect(dump, "the dump holds the persons' names (kept in the clear): it is the store's content").toContain(kt.town.persons[0]!.name);
      const withNumbers = kt.town.persons.filter((p) => p.identityNumber !== undefined);
      const withPhones = kt.town.persons.filter((p) => p.contact?.phone !== undefined);
      for (const p of withNumbers) {
        for (const s of identitySpellings(p.identityNumber!)) expect(dump.includes(s), `the dump holds the identity number of ${p.id} (${s}) in the clear`).toBe(false);
      }
      for (const p of withPhones) {
        for (const s of phoneSpellings(p.contact!.phone!)) expect(dump.includes(s), `the dump holds the phone number of ${p.id} (${s}) in the clear`).toBe(false);
      }
      for (const l of listings) {
        for (const marker of [l.assessedBy, l.responsiblePerson]) expect(dump.includes(marker), `the dump holds sealed text of listing ${l.id} (${marker}) in the clear`).toBe(false);
      }

      for (const p of withNumbers) {
        const found = expectOk(await ledger.findPersonByIdentityNumber(actors.social, p.identityNumber!, { purpose: "核对身份" }), `findPersonByIdentityNumber for ${p.id}`);
        expect(found.map((v) => v.id), `the person with ${p.id}'s identity number`).toEqual([p.id]);
        expect(found[0]!.person?.identityNumber, `${p.id}'s identity number, opened for the social affairs office`).toBe(p.identityNumber);
        expect(found[0]!.person?.contact?.phone, `${p.id}'s phone number, opened for the social affairs office`).toBe(p.contact?.phone);
      }
      const [someone] = withNumbers;
      if (someone !== undefined) {
        const masked = expectOk(await ledger.getPerson(actors.coordinator, someone.id, { purpose: "核对身份" }), "getPerson by the coordinator");
        expect(masked.person?.identityNumber, "the coordinator reads the identity number masked").not.toBe(someone.identityNumber);
      }
      for (const l of listings) {
        const view = expectOk(await ledger.getListing(actors.social, l.id as ListingId, { purpose: "定期复核" }), `getListing ${l.id}`);
        expect(view.record.listing?.responsiblePerson, `listing ${l.id} opened again`).toBe(l.responsiblePerson);
      }
    },
    ctx.timeout,
  );
};
