import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import { randomBytes } from "node:crypto";
import { withRotatedKey } from "../crypto/key-provider.js";
import type { DisputeId, ListingId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { createLedger, type Ledger } from "./create-ledger.js";
import type { LedgerConfig } from "./ledger-config.js";
import { must, openListingFor, qualifyingFacts, registerPersons, registerTown, serviceFixture, type ServiceFixture } from "./service-fixture.js";

const d = (s: string) => s as LocalDate;

describe("optimistic versions", () => {
  test("a change made on a stale version is a VersionConflict and writes nothing", async () => {
    const fx = serviceFixture(301);
    const [view] = await registerTown(fx);
    const id = view!.id;
    const c = fx.actors.coordinator;
    const accepted = must(await fx.ledger.transition(c, { dispute: id, version: 1, transition: "accept" }));
    expect(accepted.version).toBe(2);
    await openListingFor(fx, fx.town.persons[0]!.id, 5, "l-v");
    const hazard = must(await fx.ledger.registerHazard(c, { jurisdiction: fx.town.township.code, place: "中心学校校门", hazard: "无隔离护栏", responsibleUnit: "u-zxxx", deadline: plusDays(fx.today, 30) }));
    must(await fx.ledger.fixHazard(c, { hazard: hazard.id, version: 1, measure: "已安装护栏" }));
    must(await fx.ledger.reviewListing(fx.actors.social, { listing: "l-v" as ListingId, version: 1, nextReviewOn: plusDays(fx.today, 20) }));
    const before = fx.store.state();
    const stale = [
      ["dispute", await fx.ledger.transition(c, { dispute: id, version: 1, transition: "decline", fields: { reason: "不属受理范围", properChannel: "人民法院" } })],
      ["dispute", await fx.ledger.decideGrade(c, { dispute: id, version: 1 })],
      ["dispute", await fx.ledger.recordMeasure(c, { dispute: id, version: 1, measure: "组织调解" })],
      ["listing", await fx.ledger.endListing(fx.actors.social, { listing: "l-v" as ListingId, version: 1, reason: "困难已解决" })],
      ["hazard", await fx.ledger.fixHazard(c, { hazard: hazard.id, version: 1, measure: "再次整改" })],
    ] as const;
    for (const [entity, r] of stale) expect(r).toMatchObject({ ok: false, error: { _tag: "VersionConflict", entity, expected: 1, actual: 2 } });
    expect(fx.store.state()).toEqual(before);
  });

  test.prop([fc.constantFrom("accept", "decline"), fc.constantFrom("accept", "decline"), fc.boolean()], { numRuns: 4 })(
    "of two transitions sent at once on the same version, exactly one wins",
    async (first, second, sameActor) => {
      const fx = serviceFixture(302);
      const [view] = await registerTown(fx);
      const id = view!.id;
      const fields = (t: string) => (t === "decline" ? { fields: { reason: "已通过诉讼解决", properChannel: "人民法院" } } : {});
      const [a, b] = await Promise.all([
        fx.ledger.transition(fx.actors.coordinator, { dispute: id, version: 1, transition: first, ...fields(first) }),
        fx.ledger.transition(sameActor ? fx.actors.coordinator : fx.actors.leadership, { dispute: id, version: 1, transition: second, ...fields(second) }),
      ]);
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
      expect([a, b].filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ _tag: "VersionConflict", expected: 1, actual: 2 }) })]);
      const now = must(await fx.ledger.getDispute(fx.actors.coordinator, id));
      expect(now.version).toBe(2);
      expect(now.case.history).toHaveLength(2);
      const winner = (a.ok ? a : b) as { ok: true; value: { case: unknown } };
      expect(now.case).toEqual(winner.value.case);
    },
  );

  test("the same registration sent twice at once with one idempotency key registers once", async () => {
    const fx = serviceFixture(303);
    await registerPersons(fx);
    const dispute = fx.town.disputes[0]!;
    const [a, b] = await Promise.all([
      fx.ledger.registerDispute(fx.actors.coordinator, { dispute, idempotencyKey: "form-1" }),
      fx.ledger.registerDispute(fx.actors.coordinator, { dispute, idempotencyKey: "form-1" }),
    ]);
    const [ra, rb] = [must(a), must(b)];
    expect([ra.replayed, rb.replayed].sort()).toEqual([false, true]);
    expect(ra.dispute).toEqual(rb.dispute);
    expect(Object.keys(fx.store.state().collections.disputes!)).toEqual([dispute.id]);
  });
});

/**
 * Runs `op` with a store failure injected at its k-th store call, for k = 1, 2, …
 * until it runs without reaching k: each time the result must be a StoreFailure
 * and the committed state exactly what it was. Returns how many calls the op made.
 */
const failEveryCall = async (
  fx: ServiceFixture,
  control: { armedAt: number; calls: number },
  op: () => Promise<{ readonly ok: boolean; readonly error?: unknown }>,
): Promise<number> => {
  for (let k = 1; ; k++) {
    const before = fx.store.state();
    control.armedAt = k;
    control.calls = 0;
    const r = await op();
    const made = control.calls;
    control.armedAt = 0;
    if (made < k) {
      expect(r.ok, `the op should succeed without a failure (it made ${made} calls)`).toBe(true);
      return made;
    }
    expect(r, `a failure at call ${k} of ${made}`).toMatchObject({ ok: false, error: { _tag: "StoreFailure" } });
    expect(fx.store.state(), `state after a failure at call ${k}`).toEqual(before);
  }
};

const failingFixture = (seed: number, config?: LedgerConfig) => {
  const control = { armedAt: 0, calls: 0 };
  const fx = serviceFixture(seed, {}, { failAt: () => control.armedAt > 0 && ++control.calls === control.armedAt, ...(config === undefined ? {} : { config }) });
  return { fx, control };
};

describe("atomicity: a store failure at any call leaves nothing written", () => {
  test("registering a dispute with two new persons and an idempotency key", async () => {
    const { fx, control } = failingFixture(311);
    const [p0, p1] = fx.town.persons;
    const dispute = { ...fx.town.disputes[0]!, parties: [{ kind: "person", person: p0!.id, role: "claimant" }, { kind: "person", person: p1!.id, role: "respondent" }] };
    const calls = await failEveryCall(fx, control, () => fx.ledger.registerDispute(fx.actors.social, { dispute, persons: [p0, p1], idempotencyKey: "k-1" }));
    expect(calls).toBeGreaterThan(8);
    const s = fx.store.state();
    expect(Object.keys(s.collections.persons!)).toHaveLength(2);
    expect(Object.keys(s.collections.disputes!)).toEqual([dispute.id]);
    expect(must(await fx.ledger.verifyAudit(fx.actors.coordinator)).ok).toBe(true);
  });

  test("a listing's life: open, review, complete a task, end; a grade decision, a transition, a measure", async () => {
    const { fx, control } = failingFixture(312);
    await registerTown(fx);
    const person = fx.town.persons[0]!.id;
    const social = fx.actors.social;
    const c = fx.actors.coordinator;
    const dispute = fx.town.disputes[0]!.id as DisputeId;
    await failEveryCall(fx, control, () =>
      fx.ledger.openListing(social, { facts: qualifyingFacts(person, 5, fx.today), category: 5, id: "l-a" as ListingId, responsibleUnit: "u-shswb" as UnitId, responsiblePerson: "王芳" }),
    );
    await failEveryCall(fx, control, () => fx.ledger.reviewListing(social, { listing: "l-a" as ListingId, version: 1, nextReviewOn: plusDays(fx.today, 30) }));
    await failEveryCall(fx, control, () => fx.ledger.completeTask(social, { listing: "l-a" as ListingId, measure: "hardship-assistance-plan" }));
    await failEveryCall(fx, control, () => fx.ledger.endListing(social, { listing: "l-a" as ListingId, version: 2, reason: "困难已解决" }));
    await failEveryCall(fx, control, () => fx.ledger.decideGrade(c, { dispute, version: 1 }));
    await failEveryCall(fx, control, () => fx.ledger.transition(c, { dispute, version: 2, transition: "accept" }));
    await failEveryCall(fx, control, () => fx.ledger.recordMeasure(c, { dispute, version: 3, measure: "组织双方调解" }));
    const s = fx.store.state();
    expect((s.collections.listings!["l-a"] as unknown as { version: number }).version).toBe(3);
    expect((s.collections.disputes![dispute] as unknown as { version: number }).version).toBe(4);
    expect(must(await fx.ledger.verifyAudit(fx.actors.coordinator)).ok).toBe(true);
  });

  test("a key rotation, a purge, a submission and a hazard", async () => {
    const { fx, control } = failingFixture(313, { campaign: zixi2025 });
    await registerPersons(fx, fx.town.persons.slice(0, 3));
    const person = fx.town.persons[0]!.id as PersonId;
    await openListingFor(fx, person, 5, "l-p");
    must(await fx.ledger.endListing(fx.actors.social, { listing: "l-p" as ListingId, version: 1, reason: "困难已解决" }));
    fx.clock.advance(400 * 86_400_000);
    const rotated = withRotatedKey(fx.keys, "kek-2", randomBytes(32));
    const second: Ledger = createLedger({ ...fx.options, keys: rotated });
    await failEveryCall(fx, control, () => second.rotateKeys(fx.actors.coordinator));
    expect(Object.values(fx.store.state().collections.personKeys!).every((k) => (k as unknown as { kekId: string }).kekId === "kek-2")).toBe(true);
    await failEveryCall(fx, control, () => second.purgeExpired(fx.actors.coordinator));
    expect(fx.store.state().collections.personKeys![person]).toBeUndefined();
    await failEveryCall(fx, control, () => second.recordSubmission(fx.actors.coordinator, { deadline: "monthly-update@2025-02-28" }));
    await failEveryCall(fx, control, () =>
      second.registerHazard(fx.actors.coordinator, { jurisdiction: fx.town.township.code, place: "集贸市场", hazard: "消防通道堵塞", responsibleUnit: "u-scjgs", deadline: plusDays(fx.clock.today(), 10) }),
    );
    expect(must(await second.verifyAudit(fx.actors.auditor)).ok).toBe(true);
  });

  test("reads: a report, a task list and a person fail as a whole, never with part of the records", async () => {
    const { fx, control } = failingFixture(314);
    await registerTown(fx);
    for (const [i, c] of ([1, 5, 6] as const).entries()) await openListingFor(fx, fx.town.persons[i]!.id, c, `l-r${i}`);
    const coordinator = fx.actors.coordinator;
    const period = { from: d("2025-01-01"), to: fx.today };
    const whole = must(await fx.ledger.monthlyReport(coordinator, { period, for: "county" }));
    await failEveryCall(fx, control, () => fx.ledger.monthlyReport(coordinator, { period, for: "county" }));
    expect(must(await fx.ledger.monthlyReport(coordinator, { period, for: "county" }))).toEqual(whole);
    await failEveryCall(fx, control, () => fx.ledger.tasksDue(fx.actors.health, { asOf: plusDays(fx.today, 30) }));
    await failEveryCall(fx, control, () => fx.ledger.getListing(fx.actors.health, "l-r0" as ListingId, { purpose: "复核" }));
    await failEveryCall(fx, control, () => fx.ledger.findPersonByIdentityNumber(fx.actors.social, fx.town.persons.find((p) => p.identityNumber)!.identityNumber!, { purpose: "核对" }));
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor)).ok).toBe(true);
  });
});
