import { fc, test } from "@fast-check/vitest";
import { type AuditEventRow, type AuditProblemKind, type Ledger, chainEvent } from "@tiaojie/core";
import { expect } from "vitest";
import { type KitActors, type KitTown, expectOk, kitActors, kitLedger, kitTown, registerDisputes, registerPersons } from "../fixtures/kit-ledger.js";
import type { SuiteContext } from "../suite-context.js";

// The tamper-evident audit trail through the service: after a few use cases
// `verifyAudit` is ok; one event edited, deleted, inserted (a forged event with
// a self-consistent hash) or moved, written straight into the store through
// `raw.replaceAuditEvents` as an attacker with database access would, is
// detected with the right kind and seq, and the chain verifies again once
// restored. A chain rewritten as a whole (every hash recomputed after the edit)
// or cut short passes the chain check but not a checkpoint signed before. A
// store that changes, drops or reorders what it was given fails here too: the
// first `verifyAudit` is not ok.

type Tampering = "edit" | "delete" | "insert" | "reorder";

const renumber = (events: ReadonlyArray<AuditEventRow>): ReadonlyArray<AuditEventRow> => events.map((e, i) => ({ ...e, seq: i + 1 }));

/** An event without its place in the chain, to chain again. */
const draftOf = (e: AuditEventRow) => {
  const { seq: _seq, prev: _prev, hash: _hash, ...draft } = e;
  return draft;
};

/** The events after tampering, and the problem the chain check must report. */
const tamper = (
  events: ReadonlyArray<AuditEventRow>,
  kind: Tampering,
  position: number,
  renumbered: boolean,
): { readonly events: ReadonlyArray<AuditEventRow>; readonly kind: AuditProblemKind; readonly seq: number } => {
  const n = events.length;
  switch (kind) {
    case "edit": {
      const i = position % n;
      const edited = events.map((e, j) => (j === i ? { ...e, action: `${e.action}.undone`, fields: [...e.fields, "person.identityNumber"] } : e));
      return { events: edited, kind: "edited", seq: i + 1 };
    }
    case "delete": {
      const i = position % (n - 1); // not the last: that is a truncation, which only a checkpoint shows
      const rest = events.filter((_, j) => j !== i);
      return { events: renumbered ? renumber(rest) : rest, kind: "deleted", seq: i + 1 };
    }
    case "insert": {
      const i = position % n;
      const forged = chainEvent(
        { ...draftOf(events[i]!), id: "ev-kit-forged", action: "erase-person", entity: { kind: "person", id: "p-kit-forged" }, fields: [] },
        i === 0 ? undefined : events[i - 1],
      );
      return { events: [...events.slice(0, i), forged, ...events.slice(i).map((e) => ({ ...e, seq: e.seq + 1 }))], kind: "inserted", seq: i + 1 };
    }
    case "reorder": {
      const i = position % (n - 1);
      const swapped = [...events];
      swapped[i] = events[i + 1]!;
      swapped[i + 1] = events[i]!;
      return { events: renumber(swapped), kind: "reordered", seq: i + 1 };
    }
  }
};

/** A few use cases: persons, disputes, a grade decision; their events go to the township's chain. */
const someHistory = async (ledger: Ledger, kt: KitTown, actors: KitActors): Promise<void> => {
  await registerPersons(ledger, actors.social, kt.town.persons);
  const [first] = await registerDisputes(ledger, actors.coordinator, kt.town.disputes);
  expectOk(await ledger.decideGrade(actors.coordinator, { dispute: first!.id, version: first!.version }), "decideGrade");
};

const verified = async (ledger: Ledger, actors: KitActors, what: string, checkpoint?: { readonly checkpoint: string; readonly publicKey: string }) =>
  expectOk(await ledger.verifyAudit(actors.auditor, checkpoint ?? {}), `verifyAudit ${what}`);

export const ledgerAuditSuite = (ctx: SuiteContext): void => {
  test.prop(
    [fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom<Tampering>("edit", "delete", "insert", "reorder"), fc.nat(), fc.boolean()],
    { numRuns: ctx.runs },
  )(
    "verifyAudit is ok after use cases; one event edited, deleted, inserted or moved in the store is detected with its kind and seq",
    async (seed, kind, position, renumbered) => {
      const kt = kitTown(seed, { persons: 4, disputes: 3 });
      const raw = ctx.raw();
      const { ledger } = kitLedger(ctx.store(), kt);
      const actors = kitActors(kt);
      await someHistory(ledger, kt, actors);
      const chain = kt.township;
      const events = await raw.auditEvents(chain);
      expect(events.length, "the use cases were audited in the township's chain").toBeGreaterThanOrEqual(5);
      const first = await verified(ledger, actors, "after the use cases");
      expect(first.ok, `the audit trail verifies as stored: ${JSON.stringify(first.chains.find((c) => !c.ok)?.problem)}`).toBe(true);
      expect(first.chains.map((c) => [c.chain, c.size]), "the chains in scope and their sizes").toEqual([[chain, events.length]]);

      const t = tamper(events, kind, position, renumbered);
      await raw.replaceAuditEvents(chain, t.events);
      const after = await verified(ledger, actors, `after a ${kind} at seq ${t.seq}`);
      expect(after.ok, `a ${kind} at seq ${t.seq} is detected`).toBe(false);
      const problem = after.chains.find((c) => c.chain === chain)?.problem;
      expect({ kind: problem?.kind, seq: problem?.seq }, `the problem of a ${kind} at seq ${t.seq}${kind === "delete" ? (renumbered ? ", renumbered" : ", seq left as it was") : ""}`).toEqual({
        kind: t.kind,
        seq: t.seq,
      });

      await raw.replaceAuditEvents(chain, events);
      expect((await verified(ledger, actors, "once the chain is restored")).ok, "the restored chain verifies").toBe(true);
    },
    ctx.timeout,
  );

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.constantFrom("rewrite", "truncate")], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "a chain rewritten as a whole, or cut short, passes the chain check but not a checkpoint signed before",
    async (seed, position, how) => {
      const kt = kitTown(seed, { persons: 4, disputes: 3 });
      const raw = ctx.raw();
      const kit = kitLedger(ctx.store(), kt);
      const { ledger } = kit;
      const actors = kitActors(kt);
      await someHistory(ledger, kt, actors);
      const chain = kt.township;
      const checkpoint = expectOk(await ledger.auditCheckpoint(actors.auditor), "auditCheckpoint");
      const signed = { checkpoint, publicKey: kit.publicKey };
      const size = (await raw.auditEvents(chain)).length;
      // More events after the checkpoint: a chain that grew still holds it.
      expectOk(await ledger.registerPerson(actors.social, { id: "p-kit-late", name: "后来登记者", jurisdiction: kt.villages[0] }), "registerPerson after the checkpoint");
      expect((await verified(ledger, actors, "with the checkpoint, after the chain grew", signed)).ok, "a grown chain holds the checkpoint").toBe(true);

      const events = await raw.auditEvents(chain);
      const i = position % size;
      let tampered: ReadonlyArray<AuditEventRow>;
      if (how === "rewrite") {
        const rewritten: Array<AuditEventRow> = events.slice(0, i);
        for (const e of events.slice(i)) {
          const draft = e.seq === i + 1 ? { ...draftOf(e), action: `${e.action}.undone` } : draftOf(e);
          rewritten.push(chainEvent(draft, rewritten.at(-1)));
        }
        tampered = rewritten;
      } else tampered = events.slice(0, i);
      await raw.replaceAuditEvents(chain, tampered);

      const alone = await verified(ledger, actors, `after the chain was ${how === "rewrite" ? "rewritten" : "truncated"}`);
      expect(alone.ok, `a chain ${how === "rewrite" ? "rewritten from" : "cut short at"} seq ${i + 1}, consistent in itself, passes the chain check`).toBe(true);
      const against = await verified(ledger, actors, "with the checkpoint", signed);
      expect(against.ok, "the checkpoint signed before catches it").toBe(false);
      const expected = how === "rewrite" ? { kind: "rewritten", seq: size } : { kind: "truncated", seq: i + 1 };
      expect(against.againstCheckpoint.map((p) => ({ chain: p.chain, kind: p.kind, seq: p.seq })), "the problem against the checkpoint").toEqual([{ chain, ...expected }]);
    },
    ctx.timeout,
  );
};
