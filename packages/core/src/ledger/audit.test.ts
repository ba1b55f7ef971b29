import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { chainEvent } from "../audit/audit-chain.js";
import { plusDays } from "../calendar/local-dates.js";
import { generateDevelopmentKeys } from "../crypto/key-provider.js";
import type { Actor } from "../model/actor.js";
import type { DisputeId, PersonId } from "../model/ids.js";
import type { AuditEventRow } from "../ports/store-rows.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { NaiveState } from "./naive-store-fixture.js";
import { must, openListingFor, registerTown, serviceFixture, type ServiceFixture } from "./service-fixture.js";

const newEvents = (before: NaiveState, after: NaiveState) =>
  Object.entries(after.audit).flatMap(([chain, events]) => events.slice(before.audit[chain]?.length ?? 0));

const MARK = "QZXMARK";
const OPS = ["person", "dispute", "accept", "grade", "measure", "listing", "read", "hazard", "submission", "refused", "invalid"] as const;
type Op = (typeof OPS)[number];

/** Runs one operation; returns the action its event must have and the entity id, or what it must leave. */
const run = async (fx: ServiceFixture, op: Op, n: number, versions: Map<string, number>, step: number) => {
  const a = fx.actors;
  const disputeIds = [...versions.keys()];
  const pick = disputeIds[n % disputeIds.length]! as DisputeId;
  switch (op) {
    case "person": {
      const base = fx.town.persons[n % fx.town.persons.length]!;
      const id = `p-new-${step}`;
      must(await fx.ledger.registerPerson(a.social, { ...base, id }));
      return { actor: a.social, action: "register-person", id } as const;
    }
    case "dispute": {
      const id = `d-new-${step}`;
      must(await fx.ledger.registerDispute(a.coordinator, { dispute: { ...fx.town.disputes[0]!, id, summary: `${MARK}纠纷${n}` } }));
      versions.set(id, 1);
      return { actor: a.coordinator, action: "register-dispute", id } as const;
    }
    case "accept": {
      const r = await fx.ledger.transition(a.coordinator, { dispute: pick, version: versions.get(pick)!, transition: "decline", fields: { reason: `${MARK}不予受理`, properChannel: "人民法院" } });
      if (!r.ok) return { actor: a.coordinator, action: undefined } as const; // already declined
      versions.set(pick, r.value.version);
      return { actor: a.coordinator, action: "transition", id: pick } as const;
    }
    case "grade": {
      const v = must(await fx.ledger.decideGrade(a.coordinator, { dispute: pick, version: versions.get(pick)! }));
      versions.set(pick, v.version);
      return { actor: a.coordinator, action: "decide-grade", id: pick } as const;
    }
    case "measure": {
      const v = must(await fx.ledger.recordMeasure(a.leadership, { dispute: pick, version: versions.get(pick)!, measure: `${MARK}组织调解` }));
      versions.set(pick, v.version);
      return { actor: a.leadership, action: "record-measure", id: pick } as const;
    }
    case "listing": {
      const category = ((n % 6) + 1) as SupportCategory;
      const id = `l-new-${step}`;
      const person = fx.town.persons[n % fx.town.persons.length]!.id;
      await openListingFor(fx, person, category, id, MARK);
      const opener = { 1: a.health, 2: a.justice, 3: a.social, 4: a.coordinator, 5: a.social, 6: a.police }[category];
      return { actor: opener, action: "open-listing", id } as const;
    }
    case "read": {
      const p = fx.town.persons[n % fx.town.persons.length]!;
      must(await fx.ledger.getPerson(a.social, p.id, { purpose: "visit" }));
      return { actor: a.social, action: "read-person", id: p.id } as const;
    }
    case "hazard": {
      const h = must(await fx.ledger.registerHazard(a.coordinator, { jurisdiction: fx.town.township.code, place: "中心学校", hazard: "无护栏", responsibleUnit: "u-zxxx", deadline: plusDays(fx.clock.today(), 30) } as never));
      return { actor: a.coordinator, action: "register-hazard", id: h.id } as const;
    }
    case "submission": {
      const s = must(await fx.ledger.recordSubmission(a.police, { deadline: `monthly-update@2025-0${(n % 5) + 1}-28` }));
      return { actor: a.police, action: "record-submission", id: s.id } as const;
    }
    case "refused": {
      await fx.ledger.registerDispute(a.auditor, { dispute: fx.town.disputes[0] });
      // Refused on the role, before the input is read: the event names no record.
      return { actor: a.auditor, action: "register-dispute", id: "", refused: true } as const;
    }
    case "invalid": {
      await fx.ledger.registerDispute(a.coordinator, { dispute: { ...fx.town.disputes[0]!, id: "" } });
      return { actor: a.coordinator, action: undefined } as const;
    }
  }
};

const who = (actor: Actor) => ({ officerId: actor.officerId, unit: actor.unit, role: actor.role });

describe("every change is audited in its own transaction", () => {
  // Each run: a small town and up to 12 operations (about 40 transactions), 8 runs.
  test.prop([fc.array(fc.tuple(fc.constantFrom(...OPS), fc.nat({ max: 99 }), fc.integer({ min: 0, max: 3_600_000 })), { minLength: 4, maxLength: 12 })], { numRuns: 8 })(
    "each operation appends its events, attributed and timed, chained after the last; nothing for what failed",
    async (ops) => {
      const fx = serviceFixture(501, { villages: 2, persons: 8, disputes: 3 });
      const views = await registerTown(fx);
      const versions = new Map<string, number>(views.map((v) => [v.id, v.version]));
      for (const [step, [op, n, ms]] of ops.entries()) {
        fx.clock.advance(ms);
        const before = fx.store.state();
        const expected = await run(fx, op, n, versions, step);
        const after = fx.store.state();
        const events = newEvents(before, after);
        if (expected.action === undefined) {
          expect(after).toEqual(before);
          continue;
        }
        const main = events.filter((e) => e.action === expected.action && e.entity.id === expected.id);
        expect(main, `${op}: its event`).toHaveLength(1);
        expect(main[0]!.outcome).toBe("refused" in expected ? "refused" : "done");
        if ("refused" in expected) expect(after.collections).toEqual(before.collections);
        for (const e of events) {
          expect(e.at).toBe(fx.clock.now());
          expect(e.actor).toEqual(who(expected.actor));
          expect(e.chain).toBe(fx.town.township.code);
        }
        const chain = after.audit[fx.town.township.code]!;
        expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
      }
      const text = JSON.stringify(fx.store.state().audit);
      expect(text).not.toContain(MARK);
      for (const p of fx.town.persons) {
        expect(text).not.toContain(`"${p.name}"`);
        if (p.identityNumber !== undefined) expect(text).not.toContain(p.identityNumber);
        if (p.contact?.phone !== undefined) expect(text).not.toContain(p.contact.phone);
      }
      for (const d of fx.town.disputes) expect(text).not.toContain(d.summary);
      expect(must(await fx.ledger.verifyAudit(fx.actors.auditor)).ok).toBe(true);
    },
  );

  test("the fields an opening names are the same whatever the category", async () => {
    const fx = serviceFixture(502);
    await registerTown(fx);
    const fields = [];
    for (const c of [1, 2, 3, 4, 5, 6] as const) {
      await openListingFor(fx, fx.town.persons[c]!.id, c, `l-c${c}`);
      const e = fx.store.state().audit[fx.town.township.code]!.filter((x) => x.action === "open-listing").at(-1)!;
      fields.push([...e.fields].sort());
    }
    for (const f of fields) expect(f).toEqual(fields[0]);
    expect(fields[0]).toContain("listing.details");
  });

  test("an untouched ledger verifies, with no chains; only auditors and the coordinator verify", async () => {
    const fx = serviceFixture(503);
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor))).toEqual({ ok: true, chains: [], againstCheckpoint: [] });
    for (const actor of [fx.actors.social, fx.actors.leadership, fx.actors.village(fx.town.villages[0]!.code)]) {
      expect(await fx.ledger.verifyAudit(actor)).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role" } });
      expect(await fx.ledger.auditTrail(actor, { chain: fx.town.township.code })).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role" } });
    }
    expect(must(await fx.ledger.verifyAudit(fx.actors.coordinator)).ok).toBe(true);
  });
});

/** A ledger with some history: the town registered, listings opened, persons read. */
const withHistory = async (seed: number) => {
  const fx = serviceFixture(seed, { villages: 2, persons: 6, disputes: 4 });
  await registerTown(fx);
  await openListingFor(fx, fx.town.persons[0]!.id, 5, "l-h1");
  for (const p of fx.town.persons.slice(0, 3)) must(await fx.ledger.getPerson(fx.actors.social, p.id, { purpose: "visit" }));
  return fx;
};

const tamper = (fx: ServiceFixture, change: (events: Array<AuditEventRow>) => void) => {
  const s = fx.store.state();
  change(s.audit[fx.town.township.code]!);
  fx.store.replaceState(s);
};

describe("tampering with the stored audit log is detected", () => {
  const kinds = ["edited", "deleted", "inserted", "reordered"] as const;
  // Each run: a fresh ledger with ~25 events, one tampering, one verification.
  test.prop([fc.constantFrom(...kinds), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.constantFrom("action", "note", "fields", "actor", "at")], { numRuns: 16 })(
    "an edited, deleted, inserted or reordered event is named as such, in its chain",
    async (kind, where, field) => {
      const fx = await withHistory(504);
      const size = fx.store.state().audit[fx.town.township.code]!.length;
      // Deleting the last event is a truncation, which only a checkpoint shows (below).
      const at = Math.floor(where * (size - 2)) + 1; // 1 … size-2: an event with one after it
      tamper(fx, (events) => {
        const e = events[at]!;
        switch (kind) {
          case "edited":
            events[at] = {
              ...e,
              ...(field === "action" ? { action: "nothing-happened" } : field === "note" ? { note: { forged: true } } : field === "fields" ? { fields: [] } : field === "actor" ? { actor: { ...e.actor, officerId: "someone-else" } } : { at: e.at + 1 }),
            } as AuditEventRow;
            break;
          case "deleted":
            events.splice(at, 1);
            break;
          case "inserted": {
            const forged = chainEvent({ id: "forged", chain: e.chain, at: e.at, actor: e.actor, action: "read-person", entity: { kind: "person", id: "p-0001" }, fields: [], outcome: "done" }, events[at - 1]);
            events.splice(at, 0, forged);
            break;
          }
          case "reordered":
            events.splice(at, 2, events[at + 1]!, e);
            break;
        }
      });
      const v = must(await fx.ledger.verifyAudit(fx.actors.auditor));
      expect(v.ok).toBe(false);
      const chain = v.chains.find((c) => c.chain === fx.town.township.code)!;
      expect(chain.ok).toBe(false);
      expect(chain.problem?.kind).toBe(kind);
    },
  );

  test("a chain rewritten as a whole after an edit verifies by itself; its checkpoint shows it", async () => {
    const fx = await withHistory(505);
    const cp = must(await fx.ledger.auditCheckpoint(fx.actors.coordinator));
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor, { checkpoint: cp, publicKey: fx.checkpointPublicKey }))).toMatchObject({ ok: true, againstCheckpoint: [] });
    // Events after the checkpoint are fine.
    must(await fx.ledger.getPerson(fx.actors.social, fx.town.persons[4]!.id as PersonId, { purpose: "visit" }));
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor, { checkpoint: cp, publicKey: fx.checkpointPublicKey })).ok).toBe(true);

    const original = fx.store.state();
    tamper(fx, (events) => {
      const i = events.findIndex((e) => e.action === "read-person");
      events[i] = { ...events[i]!, purpose: "nothing to see" };
      for (let k = i; k < events.length; k++) {
        const { seq: _s, prev: _p, hash: _h, ...draft } = events[k]!;
        events[k] = chainEvent(draft, k === 0 ? undefined : events[k - 1]);
      }
    });
    const alone = must(await fx.ledger.verifyAudit(fx.actors.auditor));
    expect(alone.ok).toBe(true);
    const against = must(await fx.ledger.verifyAudit(fx.actors.auditor, { checkpoint: cp, publicKey: fx.checkpointPublicKey }));
    expect(against.ok).toBe(false);
    expect(against.againstCheckpoint).toEqual([expect.objectContaining({ kind: "rewritten", chain: fx.town.township.code })]);

    // Cut short: the chain alone cannot tell; the checkpoint can.
    fx.store.replaceState(original);
    const headAtCheckpoint = original.audit[fx.town.township.code]!.length - 1;
    tamper(fx, (events) => events.splice(headAtCheckpoint - 2));
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor)).ok).toBe(true);
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor, { checkpoint: cp, publicKey: fx.checkpointPublicKey })).againstCheckpoint).toEqual([
      expect.objectContaining({ kind: "truncated", chain: fx.town.township.code }),
    ]);

    // A checkpoint checked with another key, or half the arguments, is refused.
    const other = generateDevelopmentKeys().checkpointPublicKey;
    expect(must(await fx.ledger.verifyAudit(fx.actors.auditor, { checkpoint: cp, publicKey: other }))).toMatchObject({ ok: false, checkpoint: { code: "unknown-key" } });
    expect(await fx.ledger.verifyAudit(fx.actors.auditor, { checkpoint: cp })).toMatchObject({ ok: false, error: { _tag: "ValidationError" } });
  });

  test("the audit trail pages through a chain in order, for auditors", async () => {
    const fx = await withHistory(506);
    const chain = fx.store.state().audit[fx.town.township.code]!;
    const seen: Array<AuditEventRow> = [];
    let page = must(await fx.ledger.auditTrail(fx.actors.auditor, { chain: fx.town.township.code, limit: 7 }));
    for (;;) {
      seen.push(...page.items);
      if (page.cursor === undefined) break;
      page = must(await fx.ledger.auditTrail(fx.actors.auditor, { chain: fx.town.township.code, limit: 7, cursor: page.cursor }));
    }
    expect(seen).toEqual(chain);
    const village = fx.town.villages[0]!.code;
    expect(await fx.ledger.auditTrail({ ...fx.actors.auditor, scope: village }, { chain: fx.town.township.code })).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope" } });
  });
});


