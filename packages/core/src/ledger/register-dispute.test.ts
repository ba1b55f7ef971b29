import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import { defaultGradingTable } from "../grading/grade-dispute.js";
import type { DisputeJson } from "../model/dispute.js";
import type { DivisionCode } from "../model/division-code.js";
import type { DisputeId, PersonId } from "../model/ids.js";
import { routeDispute } from "../routing/route-dispute.js";
import { zixiRoutingConfig } from "../presets/zixi/routing-config.js";
import { arbitraries } from "../testing/arbitraries.js";
import type { NaiveState } from "./naive-store-fixture.js";
import { must, registerPersons, serviceFixture, type ServiceFixture } from "./service-fixture.js";

const newEvents = (before: NaiveState, after: NaiveState) =>
  Object.entries(after.audit).flatMap(([chain, events]) => events.slice(before.audit[chain]?.length ?? 0));

/** A fixture whose persons are registered (no disputes yet). */
const withPersons = async (seed: number): Promise<ServiceFixture> => {
  const fx = serviceFixture(seed);
  await registerPersons(fx);
  return fx;
};

/** A dispute of the town with other facts, domain, day and place: its persons are registered. */
const disputeArb = (fx: ServiceFixture) =>
  fc
    .record({
      template: fc.constantFrom(...fx.town.disputes),
      domain: arbitraries.DisputeDomain,
      facts: arbitraries.DisputeFacts,
      petition: fc.option(arbitraries.PetitionFacts, { nil: undefined }),
      daysAgo: fc.integer({ min: 0, max: 900 }),
      place: fc.constantFrom<DivisionCode>(fx.town.township.code, ...fx.town.villages.map((v) => v.code)),
      n: fc.integer({ min: 1, max: 1_000_000 }),
    })
    .map(({ template, domain, facts, petition, daysAgo, place, n }): DisputeJson => {
      const { petition: _p, ...rest } = template;
      return {
        ...rest,
        id: `d-gen-${n}`,
        domain,
        facts,
        ...(petition === undefined ? {} : { petition }),
        reportedOn: plusDays(fx.today, -daysAgo),
        jurisdiction: place,
      };
    });

describe("registering a dispute", () => {
  // Each run registers one dispute in a shared ledger: bounded at 40 runs.
  const sharedFx = serviceFixture(11);
  const shared = registerPersons(sharedFx).then(() => sharedFx);
  test.prop([disputeArb(sharedFx)], { numRuns: 40 })("grades, routes and opens the case as the pure core does, and audits it in the same transaction", async (dispute) => {
    const fx = await shared;
    const before = fx.store.state();
    if (before.collections.disputes![dispute.id] !== undefined) return; // the same id drawn twice
    const r = must(await fx.ledger.registerDispute(fx.actors.coordinator, { dispute }), "register");
    const expected = defaultGradingTable().grade(dispute as never, fx.today);
    expect(r.replayed).toBe(false);
    expect(r.persons).toEqual([]);
    expect(r.dispute.level).toBe(expected.level);
    expect(r.dispute.priority).toBe(expected.priority);
    expect(r.dispute.gradeConfirmed).toBe(false);
    expect(r.dispute.grading).toMatchObject({ level: expected.level, priority: expected.priority, on: fx.today, tableVersion: expected.tableVersion });
    expect(r.dispute.grading.firedRules).toEqual(expected.fired.map((f) => f.id));
    expect(r.dispute.grading.tasks).toEqual(expected.tasks.map((t) => t.id));
    expect(r.dispute.route).toEqual(routeDispute({ domain: dispute.domain, level: expected.level, facts: dispute.facts as never }, zixiRoutingConfig));
    expect(r.dispute.case).toMatchObject({ dispute: dispute.id, status: "registered" });
    expect(r.dispute.version).toBe(1);
    expect(r.dispute.dispute).toEqual(dispute);

    const after = fx.store.state();
    const row = after.collections.disputes![dispute.id] as unknown as Record<string, unknown>;
    expect(row).toMatchObject({ id: dispute.id, version: 1, level: expected.level, priority: expected.priority, status: "registered", reportedMonth: dispute.reportedOn.slice(0, 7) });
    const tasks = Object.values(after.collections.tasks!).filter((t) => (t as unknown as { dispute?: string }).dispute === dispute.id);
    expect(tasks.length).toBe(expected.tasks.length);
    const events = newEvents(before, after);
    expect(events.filter((e) => e.action === "register-dispute")).toEqual([
      expect.objectContaining({ entity: { kind: "dispute", id: dispute.id }, outcome: "done", actor: expect.objectContaining({ officerId: fx.actors.coordinator.officerId }) }),
    ]);
    expect(events.filter((e) => e.action === "create-task").length).toBe(expected.tasks.length);
    expect(events.length).toBe(1 + expected.tasks.length);
    // Nothing else changed: the persons, keys and listings are as they were.
    for (const c of ["persons", "personKeys", "listings", "grades", "idempotency"]) expect(after.collections[c]).toEqual(before.collections[c]);
  });

  const breakings: ReadonlyArray<readonly [string, (d: DisputeJson) => unknown, ReadonlyArray<string | number>]> = [
    ["an empty id", (d) => ({ ...d, id: "" }), ["dispute", "id"]],
    ["a county-level place", (d) => ({ ...d, jurisdiction: `${d.jurisdiction.slice(0, 6)}000000` }), ["dispute", "jurisdiction"]],
    ["an unknown domain", (d) => ({ ...d, domain: "weather" }), ["dispute", "domain"]],
    ["no parties", (d) => ({ ...d, parties: [] }), ["dispute", "parties"]],
    ["a party of no kind", (d) => ({ ...d, parties: [{ kind: "animal", name: "牛", role: "claimant" }] }), ["dispute", "parties", 0]],
    ["a day that does not exist", (d) => ({ ...d, reportedOn: "2025-02-30" }), ["dispute", "reportedOn"]],
    ["no one involved", (d) => ({ ...d, facts: { ...d.facts, peopleInvolved: 0 } }), ["dispute", "facts", "peopleInvolved"]],
    ["an intensity of 7", (d) => ({ ...d, facts: { ...d.facts, emotionalIntensity: 7 } }), ["dispute", "facts", "emotionalIntensity"]],
    ["a field the schema does not know", (d) => ({ ...d, ethnicity: "彝族" }), ["dispute", "ethnicity"]],
    ["no summary", (d) => { const { summary: _s, ...rest } = d; return rest; }, ["dispute", "summary"]],
  ];

  test.each(breakings)("refuses a dispute with %s, naming the path, and writes nothing", async (_what, breakIt, path) => {
    const fx = await shared;
    const before = fx.store.state();
    const r = await fx.ledger.registerDispute(fx.actors.coordinator, { dispute: breakIt({ ...fx.town.disputes[0]!, id: "d-broken" }) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error._tag).toBe("ValidationError");
    const issues = (r.error as unknown as { issues: ReadonlyArray<{ path: ReadonlyArray<string | number> }> }).issues;
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) expect(i.path[0]).toBe("dispute");
    expect(issues.some((i) => path.every((p, k) => i.path[k] === p))).toBe(true);
    expect(fx.store.state()).toEqual(before);
  });

  test("refuses a new person that does not decode, naming persons[i], and writes nothing", async () => {
    const fx = serviceFixture(12);
    const [p0, p1] = fx.town.persons;
    const dispute = { ...fx.town.disputes[0]!, parties: [{ kind: "person", person: p0!.id, role: "claimant" }, { kind: "person", person: p1!.id, role: "respondent" }] };
    const before = fx.store.state();
    const r = await fx.ledger.registerDispute(fx.actors.social, { dispute, persons: [p0, { ...p1, identityNumber: "123" }] });
    expect(r).toMatchObject({ ok: false, error: { _tag: "ValidationError" } });
    const issues = (r as unknown as { error: { issues: ReadonlyArray<{ path: ReadonlyArray<string | number> }> } }).error.issues;
    expect(issues.map((i) => i.path.slice(0, 3))).toEqual([["persons", 1, "identityNumber"]]);
    const twice = await fx.ledger.registerDispute(fx.actors.social, { dispute, persons: [p0, p1, p0] });
    expect(twice).toMatchObject({ ok: false, error: { _tag: "ValidationError", issues: [{ path: ["persons", 2, "id"] }] } });
    expect(fx.store.state()).toEqual(before);
  });

  test("refuses persons that are not an array, and a version that is not a whole number, as bad input naming the field (a stale whole number is a conflict)", async () => {
    const fx = await withPersons(13);
    const dispute = fx.town.disputes[0]!;
    const before = fx.store.state();
    const notList = await fx.ledger.registerDispute(fx.actors.coordinator, { dispute, persons: "p-0001" as never });
    expect(notList).toMatchObject({ ok: false, error: { _tag: "ValidationError", issues: [{ path: ["persons"] }] } });
    expect(fx.store.state()).toEqual(before);
    const made = must(await fx.ledger.registerDispute(fx.actors.coordinator, { dispute })).dispute;
    for (const version of ["1", 1.5, Number.NaN, null] as ReadonlyArray<unknown>) {
      const r = await fx.ledger.transition(fx.actors.coordinator, { dispute: made.id, version: version as number, transition: "accept" });
      expect(r, String(version)).toMatchObject({ ok: false, error: { _tag: "ValidationError", issues: [{ path: ["version"] }] } });
    }
    const stale = await fx.ledger.transition(fx.actors.coordinator, { dispute: made.id, version: 0, transition: "accept" });
    expect(stale).toMatchObject({ ok: false, error: { _tag: "VersionConflict" } });
    expect(must(await fx.ledger.getDispute(fx.actors.coordinator, made.id)).version).toBe(made.version);
  });

  test("registers new persons along with the dispute, in one transaction", async () => {
    const fx = serviceFixture(13);
    const [p0, p1] = fx.town.persons;
    const dispute = { ...fx.town.disputes[0]!, id: "d-with-persons", parties: [{ kind: "person", person: p0!.id, role: "claimant" }, { kind: "person", person: p1!.id, role: "respondent" }] };
    const r = must(await fx.ledger.registerDispute(fx.actors.social, { dispute, persons: [p0, p1] }));
    expect(r.persons).toEqual([p0!.id, p1!.id]);
    const s = fx.store.state();
    expect(Object.keys(s.collections.persons!).sort()).toEqual([p0!.id, p1!.id].sort());
    expect(Object.keys(s.collections.personKeys!).sort()).toEqual([p0!.id, p1!.id].sort());
    const seen = must(await fx.ledger.getPerson(fx.actors.social, p1!.id, { purpose: "核对" }));
    expect(seen.person).toEqual(p1);
    // Registering one of them again along with another dispute is refused as a whole.
    const again = await fx.ledger.registerDispute(fx.actors.social, { dispute: { ...dispute, id: "d-again" }, persons: [p1] });
    expect(again).toMatchObject({ ok: false, error: { _tag: "RecordExists", entity: "person", id: p1!.id } });
    const after = fx.store.state();
    expect(after.collections.disputes!["d-again"]).toBeUndefined();
  });

  test("refuses a person party that is neither registered nor given, and writes nothing", async () => {
    const fx = await shared;
    const before = fx.store.state();
    const dispute = { ...fx.town.disputes[0]!, id: "d-ghost", parties: [{ kind: "person", person: "p-ghost", role: "claimant" }] };
    const r = await fx.ledger.registerDispute(fx.actors.coordinator, { dispute });
    expect(r).toMatchObject({ ok: false, error: { _tag: "RecordNotFound", entity: "person", id: "p-ghost" } });
    expect(fx.store.state()).toEqual(before);
  });

  test("refuses a dispute id that is taken, and writes nothing", async () => {
    const fx = await withPersons(14);
    const d = fx.town.disputes[0]!;
    must(await fx.ledger.registerDispute(fx.actors.coordinator, { dispute: d }));
    const before = fx.store.state();
    const r = await fx.ledger.registerDispute(fx.actors.leadership, { dispute: { ...d, summary: "另一份记录" } });
    expect(r).toMatchObject({ ok: false, error: { _tag: "RecordExists", entity: "dispute", id: d.id } });
    expect(fx.store.state()).toEqual(before);
  });
});

describe("idempotency keys", () => {
  test.prop([fc.constantFrom("coordinator", "leadership", "social", "police"), fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/)], { numRuns: 6 })(
    "a replay registers nothing and returns the first result; other input under the same key is refused",
    async (who, key) => {
      const fx = await withPersons(15);
      const actor = fx.actors[who];
      const [d0, d1] = fx.town.disputes;
      const first = must(await fx.ledger.registerDispute(actor, { dispute: d0, idempotencyKey: key }));
      expect(first.replayed).toBe(false);
      const afterFirst = fx.store.state();
      expect(Object.keys(afterFirst.collections.idempotency!)).toHaveLength(1);

      fx.clock.advance(3_600_000);
      const replay = must(await fx.ledger.registerDispute(actor, { dispute: JSON.parse(JSON.stringify(d0)), idempotencyKey: key }));
      expect(replay).toEqual({ ...first, replayed: true });
      expect(fx.store.state()).toEqual(afterFirst);

      const reused = await fx.ledger.registerDispute(actor, { dispute: d1, idempotencyKey: key });
      expect(reused).toMatchObject({ ok: false, error: { _tag: "IdempotencyKeyReused", key } });
      expect(fx.store.state()).toEqual(afterFirst);

      // Keys are per unit: another unit's identical key registers its own dispute.
      const other = who === "coordinator" ? fx.actors.leadership : fx.actors.coordinator;
      const theirs = must(await fx.ledger.registerDispute(other, { dispute: d1, idempotencyKey: key }));
      expect(theirs.replayed).toBe(false);
      expect(theirs.dispute.id).toBe(d1!.id);
    },
  );
});

describe("refusals", () => {
  test("an auditor may not register; the refusal is in the audit log and nothing else is written", async () => {
    const fx = await withPersons(16);
    const before = fx.store.state();
    const r = await fx.ledger.registerDispute(fx.actors.auditor, { dispute: fx.town.disputes[0] });
    expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role", action: "register-dispute" } });
    const after = fx.store.state();
    expect(after.collections).toEqual(before.collections);
    expect(newEvents(before, after)).toEqual([
      expect.objectContaining({ action: "register-dispute", outcome: "refused", note: { reason: "role" }, actor: expect.objectContaining({ role: "auditor", officerId: fx.actors.auditor.officerId }) }),
    ]);
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor)).ok).toBe(true);
  });

  test.prop([fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })], { numRuns: 5 })(
    "a village's officer may not register a dispute of another village; the refusal is audited",
    async (own, other) => {
      fc.pre(own !== other);
      const fx = await withPersons(17);
      const [mine, theirs] = [fx.town.villages[own]!.code, fx.town.villages[other]!.code];
      const before = fx.store.state();
      const dispute = { ...fx.town.disputes[0]!, jurisdiction: theirs };
      const r = await fx.ledger.registerDispute(fx.actors.village(mine), { dispute });
      expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope", id: dispute.id } });
      const after = fx.store.state();
      expect(after.collections).toEqual(before.collections);
      expect(newEvents(before, after)).toEqual([expect.objectContaining({ action: "register-dispute", outcome: "refused", entity: { kind: "dispute", id: dispute.id }, note: { reason: "out-of-scope" } })]);
      // Inside the village it is registered.
      must(await fx.ledger.registerDispute(fx.actors.village(mine), { dispute: { ...dispute, jurisdiction: mine } }));
    },
  );

  test("a new person's fields the actor may not write are refused, naming the field", async () => {
    const fx = serviceFixture(18);
    const p = fx.town.persons.find((x) => x.identityNumber !== undefined)!;
    const dispute = { ...fx.town.disputes[0]!, id: "d-fields", parties: [{ kind: "person", person: p.id, role: "claimant" }] };
    const before = fx.store.state();
    // The coordinator records names, not identity numbers.
    const r = await fx.ledger.registerDispute(fx.actors.coordinator, { dispute, persons: [{ id: p.id, name: p.name, jurisdiction: p.jurisdiction, identityNumber: p.identityNumber }] });
    expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "field", field: "person.identityNumber" } });
    expect(fx.store.state().collections).toEqual(before.collections);
    const last = fx.store.state().audit[fx.town.township.code]!.at(-1)!;
    expect(last).toMatchObject({ outcome: "refused", fields: ["person.identityNumber"], note: { reason: "field" } });
    // Without it, the coordinator registers the person and the dispute.
    const ok = must(await fx.ledger.registerDispute(fx.actors.coordinator, { dispute, persons: [{ id: p.id, name: p.name, jurisdiction: p.jurisdiction }] }));
    expect(ok.persons).toEqual([p.id as PersonId]);
  });

  test("an actor whose scope lies outside their unit, or whose unit is unknown, is refused before anything", async () => {
    const fx = await withPersons(19);
    const before = fx.store.state();
    const village = fx.town.villages[0]!.code;
    const wider = { ...fx.actors.village(village), scope: fx.town.township.code };
    expect(await fx.ledger.registerDispute(wider, { dispute: fx.town.disputes[0] })).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope" } });
    expect(await fx.ledger.registerDispute({ ...fx.actors.coordinator, unit: "u-nowhere" as never }, { dispute: fx.town.disputes[0] })).toMatchObject({
      ok: false,
      error: { _tag: "AccessDenied", reason: "unknown-unit" },
    });
    expect(await fx.ledger.getDispute(fx.actors.coordinator, "d-none" as DisputeId)).toMatchObject({ ok: false, error: { _tag: "RecordNotFound" } });
    expect(fx.store.state().collections).toEqual(before.collections);
  });
});
