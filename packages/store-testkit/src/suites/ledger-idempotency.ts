import { fc, test } from "@fast-check/vitest";
import type { Actor, Ledger } from "@tiaojie/core";
import { expect } from "vitest";
import { asJson, expectErr, expectOk, kitActors, kitLedger, kitTown, registerPersons } from "../fixtures/kit-ledger.js";
import { pageAll } from "../fixtures/kit-service-records.js";
import type { SuiteContext } from "../suite-context.js";

// Idempotent registration through the service: a registration sent twice with
// the same idempotency key stores one dispute, and the second call returns the
// first's result with `replayed: true`, writing nothing; a new ledger over the
// same store (a restart) still replays it; the key used again with other input
// is refused. A store that loses the idempotency row, or gives back another
// result than it was given, fails here.

const disputeCount = async (ledger: Ledger, actor: Actor): Promise<number> =>
  expectOk(await pageAll((cursor) => ledger.listDisputes(actor, { limit: 50, ...(cursor === undefined ? {} : { cursor }) })), "listDisputes").length;

export const ledgerIdempotencySuite = (ctx: SuiteContext): void => {
  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), fc.string({ minLength: 1, maxLength: 40 })], { numRuns: ctx.runs })(
    "the same registration with the same key stores one dispute and replays the first result, also after a restart",
    async (seed, pick, key) => {
      const kt = kitTown(seed, { persons: 8, disputes: 3 });
      const store = ctx.store();
      const raw = ctx.raw();
      const kit = kitLedger(store, kt);
      const { ledger } = kit;
      const actors = kitActors(kt);
      const chosen = kt.town.disputes[pick % kt.town.disputes.length]!;
      const parties = new Set(chosen.parties.flatMap((p) => (p.kind === "person" ? [p.person as string] : [])));
      await registerPersons(ledger, actors.social, kt.town.persons.filter((p) => !parties.has(p.id)));
      const input = { dispute: chosen, persons: kt.town.persons.filter((p) => parties.has(p.id)), idempotencyKey: key };

      const first = expectOk(await ledger.registerDispute(actors.social, input), "the first registration");
      expect(first.replayed, "the first registration is no replay").toBe(false);
      expect(await disputeCount(ledger, actors.coordinator), "one dispute is stored").toBe(1);

      const before = await raw.snapshot();
      const second = expectOk(await ledger.registerDispute(actors.social, input), "the same registration again");
      expect(second, "the second call replays the first result (as JSON keeps it)").toStrictEqual(asJson({ ...first, replayed: true }));
      expect(await raw.snapshot(), "a replay writes nothing").toEqual(before);
      expect(await disputeCount(ledger, actors.coordinator), "still one dispute").toBe(1);

      const restarted = kitLedger(store, kt, { clock: kit.clock, keys: { keys: kit.keys, publicKey: kit.publicKey } }).ledger;
      const third = expectOk(await restarted.registerDispute(actors.social, input), "the same registration after a restart");
      expect(third, "after a restart the registration still replays").toStrictEqual(asJson({ ...first, replayed: true }));
      expect(await disputeCount(restarted, actors.coordinator), "still one dispute after the restart").toBe(1);

      const other = { ...input, dispute: { ...chosen, summary: `${chosen.summary}（补充）` } };
      expectErr(await restarted.registerDispute(actors.social, other), "IdempotencyKeyReused", "the key used again with other input");
      expect(await raw.snapshot(), "a refused reuse of the key writes nothing").toEqual(before);
    },
    ctx.timeout,
  );
};
