import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import type { DivisionCode } from "../model/division-code.js";
import { isWithinDivision } from "../model/division-code.js";
import type { ListingId, PersonId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { PersonRow } from "../ports/store-rows.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { RetentionPolicy } from "./retention-policy.js";
import { must, openerOf, openListingFor, registerPersons, serviceFixture } from "./service-fixture.js";

const D0 = "2025-01-01" as LocalDate;
/** The purge happens by this day, before any listing opened on D0 misses its first review. */
const LAST = 85;
const DAY = 86_400_000;

const personPlan = fc.array(
  fc.record({
    category: fc.constantFrom<SupportCategory>(1, 2, 3, 4, 5, 6),
    close: fc.option(fc.record({ how: fc.constantFrom("end", "remove"), day: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: LAST })) }), { nil: undefined, freq: 5 }),
  }),
  { maxLength: 2 },
);
const disputePlan = fc.record({
  parties: fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1, maxLength: 2 }),
  place: fc.nat(),
  status: fc.constantFrom("open", "closed", "declined"),
});
const planArb = fc.record({
  persons: fc.array(personPlan, { minLength: 6, maxLength: 6 }),
  disputes: fc.array(disputePlan, { maxLength: 3 }),
  days: fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 60 })), { minLength: 6, maxLength: 6 }),
  asOf: fc.oneof(fc.integer({ min: 40, max: LAST }), fc.integer({ min: 0, max: LAST })),
  narrow: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
});

const policyOf = (days: ReadonlyArray<number>): RetentionPolicy => {
  const basis = { zh: "测试", en: "test" };
  return { version: "test-1", name: basis, periods: { 1: { days: days[0]!, basis }, 2: { days: days[1]!, basis }, 3: { days: days[2]!, basis }, 4: { days: days[3]!, basis }, 5: { days: days[4]!, basis }, 6: { days: days[5]!, basis } } };
};

describe("purging expired personal data", () => {
  // Each run: 6 persons, up to 12 listings and 3 disputes, one purge (about 60 transactions); 5 runs.
  test.prop([planArb], { numRuns: 5 })(
    "erases exactly the persons whose listings all closed more than their period before the day, who are in no open dispute anywhere",
    async (plan) => {
      const fx = serviceFixture(701, { villages: 3, persons: 6, disputes: 1 }, { today: D0, config: { retention: policyOf(plan.days) } });
      const persons = fx.town.persons;
      await registerPersons(fx);
      const c = fx.actors.coordinator;
      const closings: Array<{ readonly id: string; readonly how: string; readonly day: number; readonly opener: ReturnType<typeof openerOf>["actor"] }> = [];
      for (const [i, listings] of plan.persons.entries()) {
        for (const [k, l] of listings.entries()) {
          const id = `l-${i}-${k}`;
          await openListingFor(fx, persons[i]!.id, l.category, id);
          if (l.close !== undefined) closings.push({ id, how: l.close.how, day: l.close.day, opener: openerOf(fx, l.category).actor });
        }
      }
      const places: ReadonlyArray<DivisionCode> = [fx.town.township.code, ...fx.town.villages.map((v) => v.code)];
      for (const [j, d] of plan.disputes.entries()) {
        const dispute = {
          ...fx.town.disputes[0]!,
          id: `d-r${j}`,
          jurisdiction: places[d.place % places.length]!,
          reportedOn: plusDays(D0, -10),
          parties: d.parties.map((i, n) => ({ kind: "person", person: persons[i]!.id, role: n === 0 ? "claimant" : "respondent" })),
        };
        let v = must(await fx.ledger.registerDispute(c, { dispute })).dispute;
        const steps: ReadonlyArray<readonly [string, object?]> =
          d.status === "closed"
            ? [["accept"], ["assign", { leadUnit: "u-sfs", responsiblePerson: "李娟" }], ["start-mediation", { channel: "people-mediation" }], ["resolve", { outcome: "agreement" }], ["close"]]
            : d.status === "declined"
              ? [["decline", { reason: "已起诉", properChannel: "人民法院" }]]
              : [["accept"]];
        for (const [transition, fields] of steps) v = must(await fx.ledger.transition(c, { dispute: v.id, version: v.version, transition, ...(fields ? { fields } : {}) }), transition);
      }
      fx.clock.advance(LAST * DAY);
      for (const x of closings) {
        const on = plusDays(D0, x.day);
        const input = { listing: x.id as ListingId, version: 1, reason: "目标已实现", on };
        must(x.how === "end" ? await fx.ledger.endListing(x.opener, input) : await fx.ledger.removeListing(x.opener, input), x.how);
      }
      const asOf = plusDays(D0, plan.asOf);
      const actor = plan.narrow === undefined ? c : fx.actors.inVillage(c, fx.town.villages[plan.narrow % fx.town.villages.length]!.code);

      // The model: what the rules say, from the plan alone.
      const expected = persons
        .filter((p, i) => {
          const listings = plan.persons[i]!;
          if (listings.length === 0 || !isWithinDivision(p.jurisdiction, actor.scope)) return false;
          if (listings.some((l) => l.close === undefined || l.close.day > plan.asOf)) return false;
          const until = Math.max(...listings.map((l) => l.close!.day + plan.days[l.category - 1]!));
          if (!(until < plan.asOf)) return false;
          return !plan.disputes.some((d) => d.status === "open" && d.parties.includes(i));
        })
        .map((p) => p.id)
        .sort();

      const period = { from: plusDays(D0, -30), to: plusDays(D0, LAST) };
      const reportBefore = must(await fx.ledger.monthlyReport(c, { period }));
      const before = fx.store.state();
      // A dry run names the same persons and changes nothing but the audit trail.
      const preview = must(await fx.ledger.purgeExpired(actor, { asOf, dryRun: true }));
      expect(preview).toMatchObject({ asOf, dryRun: true });
      expect([...preview.erased].sort()).toEqual(expected);
      expect(fx.store.state().collections).toEqual(before.collections);
      const previews = Object.values(fx.store.state().audit).flat().filter((e) => e.action === "purge-preview");
      expect(previews.at(-1)).toMatchObject({ purpose: "retention", note: { dryRun: true, wouldErase: expected.length } });
      const r = must(await fx.ledger.purgeExpired(actor, { asOf }));
      expect(r.dryRun).toBe(false);
      expect([...r.erased].sort()).toEqual(expected);
      expect(r).toMatchObject({ asOf, policy: "test-1" });
      const after = fx.store.state();

      for (const p of persons) {
        const row = after.collections.persons![p.id] as PersonRow;
        if (expected.includes(p.id)) {
          expect(row).toEqual({ id: p.id, version: 2, jurisdiction: p.jurisdiction, registeredOn: D0, erasedOn: asOf });
          expect(after.collections.personKeys![p.id]).toBeUndefined();
          expect(must(await fx.ledger.getPerson(fx.actors.social, p.id, { purpose: "复核" }))).toEqual({ id: p.id, version: 2, registeredOn: D0, erasedOn: asOf });
        } else {
          expect(row).toEqual(before.collections.persons![p.id]);
          expect(must(await fx.ledger.getPerson(fx.actors.social, p.id, { purpose: "复核" })).person).toEqual(p);
        }
      }
      const erasures = Object.values(after.audit).flat().filter((e) => e.action === "erase-person");
      expect(erasures.map((e) => e.entity.id).sort()).toEqual(expected);
      for (const e of erasures) expect(e).toMatchObject({ purpose: "retention", outcome: "done", note: { policy: "test-1" }, actor: { officerId: actor.officerId } });
      // Listing rows and disputes stay; the reports keep their counts; the audit verifies.
      expect(after.collections.listings).toEqual(before.collections.listings);
      expect(after.collections.disputes).toEqual(before.collections.disputes);
      expect(must(await fx.ledger.monthlyReport(c, { period }))).toEqual(reportBefore);
      expect(must(await fx.ledger.verifyAudit(fx.actors.auditor)).ok).toBe(true);
      // A second purge finds nothing more.
      expect(must(await fx.ledger.purgeExpired(actor, { asOf })).erased).toEqual([]);
    },
  );

  test("a party to an open dispute of the township is kept, even by a coordinator acting for the person's village alone", async () => {
    const fx = serviceFixture(703, {}, { today: D0 });
    const person = fx.town.persons[0]!;
    await registerPersons(fx, [person]);
    const l = await openListingFor(fx, person.id, 5, "l-1");
    must(await fx.ledger.endListing(fx.actors.social, { listing: l.id, version: 1, reason: "目标已实现" }));
    const dispute = { ...fx.town.disputes[0]!, id: "d-town", jurisdiction: fx.town.township.code, reportedOn: D0, parties: [{ kind: "person", person: person.id, role: "claimant" }] };
    must(await fx.ledger.registerDispute(fx.actors.coordinator, { dispute }));
    fx.clock.advance(400 * DAY);
    const inVillage = fx.actors.inVillage(fx.actors.coordinator, person.jurisdiction);
    expect(must(await fx.ledger.purgeExpired(inVillage)).erased).toEqual([]);
    expect(must(await fx.ledger.purgeExpired(fx.actors.coordinator)).erased).toEqual([]);
    expect(must(await fx.ledger.getPerson(fx.actors.social, person.id, { purpose: "复核" })).person).toEqual(person);
  });

  test("only the coordinator purges, and not as of a day to come; a refusal is audited", async () => {
    const fx = serviceFixture(702);
    await registerPersons(fx);
    const l = await openListingFor(fx, fx.town.persons[0]!.id as PersonId, 5, "l-1");
    must(await fx.ledger.endListing(fx.actors.social, { listing: l.id, version: 1, reason: "目标已实现" }));
    fx.clock.advance(400 * DAY);
    for (const actor of [fx.actors.leadership, fx.actors.social, fx.actors.auditor, fx.actors.village(fx.town.villages[0]!.code)]) {
      const before = fx.store.state();
      expect(await fx.ledger.purgeExpired(actor)).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role", action: "purge-expired" } });
      const after = fx.store.state();
      expect(after.collections).toEqual(before.collections);
      expect(Object.values(after.audit).flat().at(-1)).toMatchObject({ outcome: "refused", action: "purge-expired" });
    }
    expect(await fx.ledger.purgeExpired(fx.actors.coordinator, { asOf: plusDays(fx.clock.today(), 1) })).toMatchObject({ ok: false, error: { _tag: "ValidationError" } });
    expect(must(await fx.ledger.purgeExpired(fx.actors.coordinator)).erased).toEqual([fx.town.persons[0]!.id]);
  });
});
