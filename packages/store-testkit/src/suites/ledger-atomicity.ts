import { fc, test } from "@fast-check/vitest";
import type { Actor, Ledger, LedgerStore, Result, StoreRawAccess } from "@tiaojie/core";
import { expect } from "vitest";
import { DryRunRollback, type FaultTiming, faultyStore } from "../fixtures/kit-faulty-store.js";
import { type KitLedger, type KitTown, expectErr, expectOk, kitActors, kitLedger, kitTown } from "../fixtures/kit-ledger.js";
import { registerKitHazard } from "../fixtures/kit-service-records.js";
import type { SuiteContext } from "../suite-context.js";

// A use case commits all it writes, its audit events included, or nothing.
// In front of the store under test the kit puts a store that counts a use
// case's calls (every collection and audit method inside its transaction; a dry
// run whose transaction is then rejected), and then, for every k from 1 to that
// count, makes the k-th call throw, once before the call reaches the store and
// once after the store did it. Every attempt must return StoreFailure and leave
// the raw snapshot as it was; the use case run without a fault then succeeds.
// A store that keeps part of a rejected transaction fails here.

const timings: ReadonlyArray<FaultTiming> = ["before", "after"];

/** Runs a use case with a fault at every call in turn, checking each leaves the state as it was. */
const everyFault = async (
  inner: LedgerStore,
  raw: StoreRawAccess,
  kit: KitLedger,
  kt: KitTown,
  what: string,
  run: (ledger: Ledger) => Promise<Result<unknown, unknown>>,
): Promise<ReadonlyArray<string>> => {
  const over = (fault: Parameters<typeof faultyStore>[1]) => {
    const faulty = faultyStore(inner, fault);
    return { faulty, ledger: kitLedger(faulty.store, kt, { clock: kit.clock, keys: { keys: kit.keys, publicKey: kit.publicKey } }).ledger };
  };
  const before = await raw.snapshot();
  const dry = over({ dryRun: true });
  const counted = expectErr(await run(dry.ledger), "StoreFailure", `${what}, a dry run rolled back after its work`) as { readonly cause?: unknown };
  expect(counted.cause, `${what}: the dry run did all its work (its store calls, its audit events) before it was rolled back`).toBeInstanceOf(DryRunRollback);
  const calls = dry.faulty.calls();
  expect(calls, `${what}: the use case writes and audits through the store`).toContain("audit.append");
  expect(await raw.snapshot(), `${what}: the dry run, rolled back, changed nothing`).toEqual(before);
  for (let k = 1; k <= calls.length; k++) {
    for (const timing of timings) {
      const attempt = over({ failAt: k, timing });
      const label = `${what} with store call #${k} of ${calls.length} (${calls[k - 1]}) failing ${timing === "before" ? "before it reaches the store" : "after the store did it"}`;
      expectErr(await run(attempt.ledger), "StoreFailure", label);
      expect(await raw.snapshot(), `${label}: the state is as it was`).toEqual(before);
    }
  }
  return calls;
};

export const ledgerAtomicitySuite = (ctx: SuiteContext): void => {
  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.boolean()], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "registerDispute with new persons, and decideGrade: whichever store call fails, the use case returns StoreFailure and the state is as it was",
    async (seed, withKey) => {
      const kt = kitTown(seed, { persons: 8, disputes: 3 });
      const inner = ctx.store();
      const raw = ctx.raw();
      const kit = kitLedger(inner, kt);
      const actors = kitActors(kt);
      const { ledger } = kit;
      const [p1, p2, p3, p4] = kt.town.persons;
      // A baseline: two persons, a dispute between them, a hazard.
      const base = kt.town.disputes[0]!;
      const baseDispute = { ...base, parties: [{ kind: "person", person: p1!.id, role: "claimant" }, { kind: "person", person: p2!.id, role: "respondent" }] };
      const registered = expectOk(await ledger.registerDispute(actors.social, { dispute: baseDispute, persons: [p1, p2] }), "the baseline registration");
      await registerKitHazard(ledger, actors.coordinator, kt.today, kt.villages[0]!, "u-pafzb", 1);

      // registerDispute with two new persons (identity and phone numbers where the town has them) and one registered party.
      const input = {
        dispute: {
          ...kt.town.disputes[1]!,
          id: "d-kit-atomic",
          parties: [
            { kind: "person", person: p3!.id, role: "claimant" },
            { kind: "person", person: p4!.id, role: "respondent" },
            { kind: "person", person: p1!.id, role: "third-party" },
          ],
        },
        persons: [p3, p4],
        ...(withKey ? { idempotencyKey: `kit-atomic-${seed}` } : {}),
      };
      const register = (l: Ledger) => l.registerDispute(actors.social, input);
      const registerCalls = await everyFault(inner, raw, kit, kt, "registerDispute with new persons", register);
      expect(registerCalls.filter((c) => c.endsWith(".insert")).length, "registerDispute inserts two persons, their keys and the dispute").toBeGreaterThanOrEqual(5);
      const done = expectOk(await register(ledger), "registerDispute without a fault");
      expect(done.persons, "the new persons are registered").toEqual([p3!.id, p4!.id]);

      // decideGrade of the baseline dispute.
      const coordinator: Actor = actors.coordinator;
      const decide = (l: Ledger) => l.decideGrade(coordinator, { dispute: registered.dispute.id, version: registered.dispute.version });
      await everyFault(inner, raw, kit, kt, "decideGrade", decide);
      const decided = expectOk(await decide(ledger), "decideGrade without a fault");
      expect(decided.version).toBe(registered.dispute.version + 1);
      expect(decided.gradeConfirmed).toBe(true);
    },
    ctx.timeout,
  );
};
