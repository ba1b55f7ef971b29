import { fc, test } from "@fast-check/vitest";
import { type ListingId, type PersonId, plusDays, zixiRetention } from "@tiaojie/core";
import { expect } from "vitest";
import { expectOk, kitActors, kitLedger, kitTown, registerPersons } from "../fixtures/kit-ledger.js";
import { openHardshipListing } from "../fixtures/kit-service-records.js";
import type { SuiteContext } from "../suite-context.js";

// Data that ends, through the service: three persons with hardship listings.
// One listing ended long ago, more than the retention period (Zixi: 365 days)
// before the day of the purge; one ended exactly the retention period before it
// (not yet past); one is open. `purgeExpired` erases exactly the first person:
// `getPerson` shows `erasedOn` and no name, the raw dump no longer holds their
// name (nor anything else of theirs in the clear), the others are as they were,
// and the audit trail still verifies. A store that keeps old versions of a row
// where its dump can see them, or loses the erasure, fails here.

const DAY = 86_400_000;
const PURPOSE = { purpose: "保存期限核查" };

export const ledgerRetentionSuite = (ctx: SuiteContext): void => {
  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 50 })], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "purgeExpired erases exactly the person whose listing closed more than the retention period ago, and the dump no longer holds their name",
    async (seed, lasted, past) => {
      const kt = kitTown(seed, { persons: 3, disputes: 0 });
      const raw = ctx.raw();
      const { ledger, clock } = kitLedger(ctx.store(), kt);
      const actors = kitActors(kt);
      const [a, b, c] = kt.town.persons;
      const gone = { ...a!, name: "欧阳待删" };
      const boundary = { ...b!, name: "司马届满" };
      const kept = { ...c!, name: "诸葛在册" };
      await registerPersons(ledger, actors.social, [gone, boundary, kept]);
      const listing = (person: { readonly id: string }, id: string) =>
        openHardshipListing(ledger, actors.social, clock.today(), { id, person: person.id, unit: "u-shswb", assessedBy: "社会事务办核查员", responsiblePerson: "社会事务办干部" });
      const goneListing = await listing(gone, "l-gone");
      const boundaryListing = await listing(boundary, "l-boundary");

      // The first listing ends after `lasted` days; the second `past` days later;
      // the purge runs exactly the retention period after the second ended.
      clock.advance(lasted * DAY);
      expectOk(await ledger.endListing(actors.social, { listing: goneListing.id, version: goneListing.version, reason: "困难已解决，帮扶目标已实现" }), "endListing of the first");
      clock.advance(past * DAY);
      const boundaryEnd = clock.today();
      expectOk(await ledger.endListing(actors.social, { listing: boundaryListing.id, version: boundaryListing.version, reason: "困难已解决" }), "endListing of the second");
      clock.advance(zixiRetention.periods[5].days * DAY);
      expect(clock.today(), "the purge runs the retention period after the second listing ended").toBe(plusDays(boundaryEnd, zixiRetention.periods[5].days));
      await listing(kept, "l-kept");

      const before = await raw.dump();
      for (const p of [gone, boundary, kept]) expect(before, `before the purge, the dump holds ${p.id}'s name`).toContain(p.name);

      const purged = expectOk(await ledger.purgeExpired(actors.coordinator), "purgeExpired");
      expect(purged.erased, "exactly the person whose listing closed more than the retention period ago is erased").toEqual([gone.id]);

      const erased = expectOk(await ledger.getPerson(actors.coordinator, gone.id as PersonId, PURPOSE), "getPerson of the erased person");
      expect(erased.erasedOn, "the erased person shows the day of erasure").toBe(clock.today());
      expect(erased.person, "the erased person shows nothing of theirs").toBeUndefined();
      for (const p of [boundary, kept]) {
        const view = expectOk(await ledger.getPerson(actors.coordinator, p.id as PersonId, PURPOSE), `getPerson of ${p.id}`);
        expect(view.erasedOn, `${p.id} is not erased`).toBeUndefined();
        expect(view.person?.name, `${p.id}'s name`).toBe(p.name);
      }
      if (gone.identityNumber !== undefined) {
        const found = expectOk(await ledger.findPersonByIdentityNumber(actors.social, gone.identityNumber, PURPOSE), "findPersonByIdentityNumber of the erased person");
        expect(found, "the erased person is no longer found by identity number").toEqual([]);
      }
      const listed = expectOk(await ledger.getListing(actors.social, "l-kept" as ListingId, PURPOSE), "getListing of the open listing");
      expect(listed.record.listing?.person, "the open listing is as it was").toBe(kept.id);

      const after = await raw.dump();
      expect(after.includes(gone.name), "after the purge the dump no longer holds the erased person's name").toBe(false);
      for (const p of [boundary, kept]) expect(after, `after the purge the dump still holds ${p.id}'s name`).toContain(p.name);

      const verified = expectOk(await ledger.verifyAudit(actors.auditor), "verifyAudit after the purge");
      expect(verified.ok, `the audit trail still verifies: ${JSON.stringify(verified.chains.find((x) => !x.ok)?.problem)}`).toBe(true);
      expect(expectOk(await ledger.purgeExpired(actors.coordinator), "purgeExpired again").erased, "a second purge erases no one").toEqual([]);
    },
    ctx.timeout,
  );
};
