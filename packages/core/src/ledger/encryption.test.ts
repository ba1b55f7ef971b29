import { fc, test } from "@fast-check/vitest";
import { randomBytes } from "node:crypto";
import { describe, expect } from "vitest";
import { openJson, unwrapDataKey } from "../crypto/envelope.js";
import { staticKeyProvider, withRotatedKey } from "../crypto/key-provider.js";
import { identityCheckCharacter } from "../model/identity-number.js";
import type { ListingId, PersonId } from "../model/ids.js";
import type { Person } from "../model/person.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";
import { zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import { zixiSupportMeasures } from "../presets/zixi/support-measures.js";
import type { PersonKeyRow, PersonRow } from "../ports/store-rows.js";
import { criterionOf } from "../support/support-criteria.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { createLedger } from "./create-ledger.js";
import { dataKeyOf, must, openListingFor, registerPersons, registerTown, serviceFixture } from "./service-fixture.js";

const CATEGORIES: ReadonlyArray<SupportCategory> = [1, 2, 3, 4, 5, 6];
const gradingTaskIds = new Set(zixiGradingTable.tasks.map((t) => t.id));
/** The measure codes that name a listing's category (a grading task of the same name is a dispute's, in the open by design). */
const measureCodes = zixiSupportMeasures.measures.map((m) => m.code).filter((c) => !gradingTaskIds.has(c));
const lawfulBases = CATEGORIES.map((c) => criterionOf(zixiSupportCriteria, c).lawfulBasis.zh);

/** A valid citizen identity number ending in X, in the region of a person. */
const numberEndingInX = (region: string, seed: number): string => {
  for (let n = seed; ; n++) {
    const body = `${region}19800101${String(n % 1000).padStart(3, "0")}`;
    const check = identityCheckCharacter(body);
    if (check.ok && check.value === "X") return `${body}X`;
  }
};

describe("what the store holds", () => {
  // Each run registers a small town (8 persons, 4 disputes, 3 listings): bounded at 8 runs.
  test.prop([fc.integer({ min: 1, max: 10_000 }), fc.subarray([...CATEGORIES], { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[A-Z]{6}$/)], { numRuns: 8 })(
    "never the plaintext of an identity number, a phone number, or anything that says why a person is listed",
    async (seed, categories, marker) => {
      const fx = serviceFixture(seed, { villages: 2, persons: 8, disputes: 4 });
      await registerTown(fx);
      for (const [i, c] of categories.entries()) {
        const l = await openListingFor(fx, fx.town.persons[i]!.id, c, `l-${i}`, `${marker}${i}`);
        const measure = zixiSupportMeasures.measures.find((m) => m.category === c)!.code;
        must(await fx.ledger.completeTask(fx.actors[c === 1 ? "health" : c === 2 ? "justice" : c === 4 ? "coordinator" : c === 6 ? "police" : "social"], { listing: l.id, measure }));
      }
      const text = JSON.stringify(fx.store.state());
      for (const p of fx.town.persons) {
        if (p.identityNumber !== undefined) expect(text).not.toContain(p.identityNumber);
        if (p.contact?.phone !== undefined) expect(text).not.toContain(p.contact.phone);
      }
      expect(text).not.toContain(marker);
      for (const basis of lawfulBases) expect(text).not.toContain(basis);
      for (const code of measureCodes) expect(text).not.toContain(code);
      expect(text).not.toContain("dangerousnessGrade");
      for (const kind of ["mental-health", "correction", "crisis", "threat", "hardship", "residence"]) expect(text).not.toContain(`"kind":"${kind}"`);
      // And yet the ledger reads them back, every person whole (a small town need not have one with both numbers).
      const sealed = fx.town.persons.filter((x) => x.identityNumber !== undefined || x.contact?.phone !== undefined);
      expect(sealed.length).toBeGreaterThan(0);
      for (const p of sealed) expect(must(await fx.ledger.getPerson(fx.actors.social, p.id, { purpose: "核对" })).person).toEqual(p);
    },
  );
});

describe("finding a person by identity number", () => {
  test("finds exactly that person, whether the X is upper or lower case or the number has spaces around it", async () => {
    const fx = serviceFixture(402);
    const base = fx.town.persons[0]!;
    const withX: Person = { ...base, id: "p-x" as PersonId, identityNumber: numberEndingInX(base.jurisdiction.slice(0, 6), 7) as never };
    const persons = [...fx.town.persons, withX];
    await registerPersons(fx, persons);
    for (const p of persons) {
      if (p.identityNumber === undefined) continue;
      const found = must(await fx.ledger.findPersonByIdentityNumber(fx.actors.social, p.identityNumber, { purpose: "核对身份" }));
      expect(found.map((v) => v.id)).toEqual([p.id]);
      expect(found[0]!.person).toEqual(p);
    }
    for (const variant of [withX.identityNumber!.toLowerCase(), ` ${withX.identityNumber} `]) {
      const found = must(await fx.ledger.findPersonByIdentityNumber(fx.actors.social, variant, { purpose: "核对身份" }));
      expect(found.map((v) => v.id)).toEqual(["p-x"]);
    }
    const none = must(await fx.ledger.findPersonByIdentityNumber(fx.actors.social, numberEndingInX("110105", 500), { purpose: "核对身份" }));
    expect(none).toEqual([]);
    const events = fx.store.state().audit[fx.town.township.code]!.filter((e) => e.action === "find-person");
    expect(events.at(-1)).toMatchObject({ note: { found: 0 }, purpose: "核对身份", fields: ["person.identityNumber"] });
    // Outside the searcher's scope nobody is found.
    const other = fx.town.villages.find((v) => v.code !== withX.jurisdiction)!.code;
    expect(must(await fx.ledger.findPersonByIdentityNumber(fx.actors.inVillage(fx.actors.social, other), withX.identityNumber!, { purpose: "核对身份" }))).toEqual([]);
    const mine = must(await fx.ledger.findPersonByIdentityNumber(fx.actors.inVillage(fx.actors.social, withX.jurisdiction), withX.identityNumber!, { purpose: "核对身份" }));
    expect(mine.map((v) => v.id)).toEqual([withX.id]);
    // Who sees identity numbers only masked may not confirm one by searching: refused, and the refusal audited.
    for (const actor of [fx.actors.village(withX.jurisdiction), fx.actors.coordinator]) {
      const refused = await fx.ledger.findPersonByIdentityNumber(actor, withX.identityNumber!, { purpose: "核对身份" });
      expect(!refused.ok && refused.error).toMatchObject({ _tag: "AccessDenied", reason: "read", field: "person.identityNumber" });
    }
    const refusals = Object.values(fx.store.state().audit).flat().filter((e) => e.action === "find-person" && e.outcome === "refused");
    expect(refusals).toHaveLength(2);
  });
});

describe("key rotation", () => {
  test("re-wraps every data key with the new key; the data stays readable, and after the old key leaves the provider", async () => {
    const fx = serviceFixture(403);
    await registerTown(fx);
    await openListingFor(fx, fx.town.persons[0]!.id, 1, "l-1");
    await openListingFor(fx, fx.town.persons[1]!.id, 5, "l-5");
    const before = fx.store.state();
    const newKek = randomBytes(32);
    const rotated = withRotatedKey(fx.keys, "kek-2026", newKek);
    const second = createLedger({ ...fx.options, keys: rotated });
    expect(await second.rotateKeys(fx.actors.social)).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role" } });
    // A coordinator of one village re-wraps that village's keys only.
    const village = fx.town.persons[0]!.jurisdiction;
    const inVillage = fx.town.persons.filter((p) => p.jurisdiction === village).length;
    expect(must(await second.rotateKeys(fx.actors.inVillage(fx.actors.coordinator, village)))).toEqual({ keyId: "kek-2026", rewrapped: inVillage });
    expect(must(await second.rotateKeys(fx.actors.coordinator))).toEqual({ keyId: "kek-2026", rewrapped: fx.town.persons.length - inVillage });
    expect(must(await second.rotateKeys(fx.actors.coordinator))).toEqual({ keyId: "kek-2026", rewrapped: 0 });

    const after = fx.store.state();
    for (const [id, row] of Object.entries(after.collections.personKeys!) as Array<[string, PersonKeyRow]>) {
      const old = before.collections.personKeys![id] as PersonKeyRow;
      expect(row.kekId).toBe("kek-2026");
      expect(row.wrapped).not.toBe(old.wrapped);
      // The same data key, wrapped anew.
      expect(unwrapDataKey(row.wrapped, newKek, id)).toEqual(unwrapDataKey(old.wrapped, fx.keys.keyEncryptionKey(old.kekId)!, id));
    }
    // Envelope encryption: the sealed data itself is untouched.
    expect(after.collections.persons).toEqual(before.collections.persons);
    expect(after.collections.listings).toEqual(before.collections.listings);

    const onlyNew = staticKeyProvider({ keyEncryptionKeys: { "kek-2026": newKek }, currentKeyId: "kek-2026", blindIndexKey: fx.keys.blindIndexKey });
    const third = createLedger({ ...fx.options, keys: onlyNew });
    for (const p of fx.town.persons) expect(must(await third.getPerson(fx.actors.social, p.id, { purpose: "核对" })).person).toEqual(p);
    expect(must(await third.getListing(fx.actors.health, "l-1" as ListingId, { purpose: "复核" })).record.listing?.category).toBe(1);
    const numbered = fx.town.persons.find((p) => p.identityNumber !== undefined)!;
    expect(must(await third.findPersonByIdentityNumber(fx.actors.social, numbered.identityNumber!, { purpose: "核对" })).map((v) => v.id)).toEqual([numbered.id]);
    // The first ledger, which has only the old key, can no longer open them.
    expect(await fx.ledger.getPerson(fx.actors.social, numbered.id, { purpose: "核对" })).toMatchObject({ ok: false, error: { _tag: "SealedDataUnreadable", why: "key-missing" } });
    expect(must(await third.verifyAudit(fx.actors.auditor)).ok).toBe(true);
  });
});

describe("erasure is crypto-shredding", () => {
  test("after a purge the person's sealed fields are unreadable, even from a copy of the data taken before; the audit still verifies", async () => {
    const fx = serviceFixture(404);
    const [erased, kept] = fx.town.persons.filter((p) => p.identityNumber !== undefined);
    await registerPersons(fx, [erased!, kept!]);
    const l = await openListingFor(fx, erased!.id, 5, "l-e");
    must(await fx.ledger.endListing(fx.actors.social, { listing: l.id, version: l.version, reason: "困难已解决" }));
    must(await fx.ledger.completeTask(fx.actors.social, { listing: l.id, measure: "hardship-assistance-plan" }));
    const backup = fx.store.state();
    fx.clock.advance(400 * 86_400_000);
    expect(must(await fx.ledger.purgeExpired(fx.actors.coordinator)).erased).toEqual([erased!.id]);
    const now = fx.store.state();
    const row = now.collections.persons![erased!.id] as PersonRow;
    expect(row).not.toHaveProperty("name");
    expect(row).not.toHaveProperty("sealed");
    expect(row).not.toHaveProperty("identityIndex");
    expect(row.erasedOn).toBe(fx.clock.today());
    expect(now.collections.personKeys![erased!.id]).toBeUndefined();
    expect(now.collections.listings![l.id]).toEqual(backup.collections.listings![l.id]);

    // The sealed texts of the backup (person, listing, task) open with no data key the store now holds.
    const oldPerson = backup.collections.persons![erased!.id] as PersonRow;
    const sealedTexts = [oldPerson.sealed!, (backup.collections.listings![l.id] as unknown as { sealed: string }).sealed, ...Object.values(backup.collections.tasks!).map((t) => (t as unknown as { sealed: string }).sealed)];
    expect(sealedTexts.length).toBe(3);
    const keysNow = Object.keys(now.collections.personKeys!).map((id) => dataKeyOf(fx, id)!);
    expect(keysNow.length).toBe(1);
    for (const sealed of sealedTexts) for (const k of keysNow) expect(openJson(sealed, k)).toBeUndefined();

    // Restoring the old data rows (not the keys) gives unreadable records.
    fx.store.replaceState({ ...now, collections: { ...now.collections, persons: backup.collections.persons!, listings: backup.collections.listings! } });
    expect(await fx.ledger.getPerson(fx.actors.social, erased!.id, { purpose: "核对" })).toMatchObject({ ok: false, error: { _tag: "SealedDataUnreadable", why: "erased" } });
    expect(await fx.ledger.getListing(fx.actors.social, l.id, { purpose: "核对" })).toMatchObject({ ok: false, error: { _tag: "SealedDataUnreadable", why: "erased" } });
    expect(must(await fx.ledger.getPerson(fx.actors.social, kept!.id, { purpose: "核对" })).person).toEqual(kept);
    fx.store.replaceState(now);
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor)).ok).toBe(true);
  });

  test("a full backup keeps the wrapped data key: it opens with the key-encryption key until that key is rotated out", async () => {
    const fx = serviceFixture(405);
    const [erased] = fx.town.persons.filter((p) => p.identityNumber !== undefined);
    await registerPersons(fx, [erased!]);
    const l = await openListingFor(fx, erased!.id, 5, "l-e");
    must(await fx.ledger.endListing(fx.actors.social, { listing: l.id, version: l.version, reason: "困难已解决" }));
    const backup = fx.store.state();
    fx.clock.advance(400 * 86_400_000);
    must(await fx.ledger.purgeExpired(fx.actors.coordinator));
    const wrapped = (backup.collections.personKeys![erased!.id] as PersonKeyRow).wrapped;
    const sealed = (backup.collections.persons![erased!.id] as PersonRow).sealed!;
    // With the KEK still in the provider, the backup's own key row opens the backup.
    const key = unwrapDataKey(wrapped, fx.keys.keyEncryptionKey(fx.keys.currentKeyId)!, erased!.id)!;
    expect(openJson(sealed, key)).toMatchObject({ identityNumber: erased!.identityNumber });
    // Rotated and dropped, the old KEK is gone, and with it every backup's data keys.
    const newKek = randomBytes(32);
    must(await createLedger({ ...fx.options, keys: withRotatedKey(fx.keys, "kek-2", newKek) }).rotateKeys(fx.actors.coordinator));
    expect(unwrapDataKey(wrapped, newKek, erased!.id)).toBeUndefined();
  });
});
