import { fc, test } from "@fast-check/vitest";
import { type Actor, type DisputeId, type DisputeView, type Ledger, type Result, type TransitionInput, type UnitId, auditChainOf, plusDays } from "@tiaojie/core";
import { expect } from "vitest";
import { type KitTown, expectErr, expectOk, kitActors, kitLedger, kitTown, registerDisputes, registerPersons } from "../fixtures/kit-ledger.js";
import { openHardshipListing, registerKitHazard } from "../fixtures/kit-service-records.js";
import type { SuiteContext } from "../suite-context.js";

// Optimistic versions through the service: a change that names a version other
// than the stored one returns VersionConflict (expected, actual) and changes
// nothing (the raw snapshot is equal); a change with the stored version is done
// and bumps it by one. Of two changes sent at once from the same version,
// exactly one wins: the other meets VersionConflict, and only the winner's change
// and audit event are kept. A store whose update ignores the expected version, or
// whose transactions interleave without isolation, fails here.

/** The case path the suite walks, one transition at a time; then follow-up visits, which keep the case closed. */
const casePath: ReadonlyArray<Pick<TransitionInput, "transition" | "fields">> = [
  { transition: "accept" },
  { transition: "assign", fields: { leadUnit: "u-sfs" as UnitId, responsiblePerson: "司法所调解员" } },
  { transition: "start-mediation", fields: { channel: "people-mediation" } },
  { transition: "resolve", fields: { outcome: "agreement" } },
  { transition: "close" },
];
const followUp: Pick<TransitionInput, "transition" | "fields"> = { transition: "follow-up", fields: { note: "回访：协议履行中" } };

type Change = "decide-grade" | "record-measure" | "transition";

const change = (ledger: Ledger, actor: Actor, kind: Change, dispute: DisputeId, version: number, step: number): Promise<Result<DisputeView, unknown>> => {
  if (kind === "decide-grade") return ledger.decideGrade(actor, { dispute, version });
  if (kind === "record-measure") return ledger.recordMeasure(actor, { dispute, version, measure: `第 ${step} 次化解措施：组织双方协商` });
  const next = casePath[step] ?? followUp;
  return ledger.transition(actor, { dispute, version, ...next });
};

const setUp = async (ledger: Ledger, kt: KitTown) => {
  const actors = kitActors(kt);
  await registerPersons(ledger, actors.social, kt.town.persons);
  const [first] = await registerDisputes(ledger, actors.coordinator, kt.town.disputes.slice(0, 2));
  return { actors, dispute: first! };
};

export const ledgerVersionsSuite = (ctx: SuiteContext): void => {
  const op = fc.record({ kind: fc.constantFrom<Change>("decide-grade", "record-measure", "transition", "transition"), offset: fc.constantFrom(0, 0, 0, -1, -2, 1, 3) });

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.array(op, { minLength: 1, maxLength: 8 })], { numRuns: ctx.runs })(
    "a change with a stale version returns VersionConflict and changes nothing; with the stored version it is done and bumps the version",
    async (seed, ops) => {
      const kt = kitTown(seed, { persons: 6, disputes: 2 });
      const raw = ctx.raw();
      const { ledger } = kitLedger(ctx.store(), kt);
      const { actors, dispute } = await setUp(ledger, kt);
      let version = dispute.version;
      let step = 0;
      for (const [i, o] of ops.entries()) {
        const given = version + o.offset;
        const what = `change #${i} (${o.kind}) of ${dispute.id} at version ${version}, sent with version ${given}`;
        const before = await raw.snapshot();
        const r = await change(ledger, actors.coordinator, o.kind, dispute.id, given, step);
        if (o.offset === 0) {
          const view = expectOk(r, what);
          expect(view.version, `${what}: the version after`).toBe(version + 1);
          expect(await raw.snapshot(), `${what}: a change that was done changes the state`).not.toEqual(before);
          version = view.version;
          if (o.kind === "transition") step += 1;
        } else {
          const conflict = expectErr(r, "VersionConflict", what) as { readonly expected: number; readonly actual?: number };
          expect({ expected: conflict.expected, actual: conflict.actual }, `${what}: the conflict names both versions`).toEqual({ expected: given, actual: version });
          expect(await raw.snapshot(), `${what}: a conflict changes nothing`).toEqual(before);
        }
      }
      const stored = expectOk(await ledger.getDispute(actors.coordinator, dispute.id), "getDispute");
      expect(stored.version, "the stored version is the last one done").toBe(version);
    },
    ctx.timeout,
  );

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(-1, 1, 2)], { numRuns: Math.max(3, Math.floor(ctx.runs / 5)) })(
    "a hazard fixed or a listing reviewed with a stale version returns VersionConflict and changes nothing",
    async (seed, offset) => {
      const kt = kitTown(seed, { persons: 3, disputes: 0 });
      const raw = ctx.raw();
      const { ledger } = kitLedger(ctx.store(), kt);
      const actors = kitActors(kt);
      await registerPersons(ledger, actors.social, kt.town.persons);
      const hazard = await registerKitHazard(ledger, actors.coordinator, kt.today, kt.villages[0]!, "u-pafzb", 1);
      const listing = await openHardshipListing(ledger, actors.social, kt.today, { id: "l-1", person: kt.town.persons[0]!.id, unit: "u-shswb", assessedBy: "核查员", responsiblePerson: "干部" });
      const before = await raw.snapshot();
      expectErr(await ledger.fixHazard(actors.coordinator, { hazard: hazard.id, version: hazard.version + offset, measure: "已安装隔离护栏" }), "VersionConflict", "fixHazard with a stale version");
      expectErr(
        await ledger.reviewListing(actors.social, { listing: listing.id, version: listing.version + offset, nextReviewOn: plusDays(kt.today, 30) }),
        "VersionConflict",
        "reviewListing with a stale version",
      );
      expectErr(await ledger.endListing(actors.social, { listing: listing.id, version: listing.version + offset, reason: "困难已解决" }), "VersionConflict", "endListing with a stale version");
      expect(await raw.snapshot(), "conflicts change nothing").toEqual(before);
      const fixed = expectOk(await ledger.fixHazard(actors.coordinator, { hazard: hazard.id, version: hazard.version, measure: "已安装隔离护栏" }), "fixHazard with the stored version");
      expect(fixed.version).toBe(hazard.version + 1);
      const ended = expectOk(await ledger.endListing(actors.social, { listing: listing.id, version: listing.version, reason: "困难已解决" }), "endListing with the stored version");
      expect(ended.version).toBe(listing.version + 1);
    },
    ctx.timeout,
  );

  const pairs: ReadonlyArray<readonly [Change | "decline", Change | "decline"]> = [
    ["transition", "transition"],
    ["transition", "decline"],
    ["decide-grade", "transition"],
    ["record-measure", "decide-grade"],
    ["record-measure", "record-measure"],
  ];

  test.prop([fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(...pairs)], { numRuns: ctx.runs })(
    "of two changes sent at once from the same version, exactly one wins; the other meets VersionConflict and leaves no trace",
    async (seed, [first, second]) => {
      const kt = kitTown(seed, { persons: 6, disputes: 2 });
      const raw = ctx.raw();
      const { ledger } = kitLedger(ctx.store(), kt);
      const { actors, dispute } = await setUp(ledger, kt);
      const send = (kind: Change | "decline") =>
        kind === "decline"
          ? ledger.transition(actors.coordinator, { dispute: dispute.id, version: dispute.version, transition: "decline", fields: { reason: "不属于受理范围", properChannel: "向人民法院起诉" } })
          : change(ledger, actors.coordinator, kind, dispute.id, dispute.version, 0);
      const chain = auditChainOf(dispute.dispute.jurisdiction);
      const eventsBefore = (await raw.auditEvents(chain)).length;
      const results = await Promise.all([send(first), send(second)]);
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
      expect(winners, `exactly one of ${first} and ${second} from version ${dispute.version} wins: ${results.map((r) => (r.ok ? "ok" : (r.error as { _tag?: string })._tag)).join(", ")}`).toHaveLength(1);
      const winner = winners[0]!;
      const loser = results[1 - winner]!;
      const conflict = expectErr(loser, "VersionConflict", "the other change") as { readonly expected: number; readonly actual?: number };
      expect(conflict.expected).toBe(dispute.version);
      const won = results[winner]!;
      if (!won.ok) throw new Error("unreachable");
      const stored = expectOk(await ledger.getDispute(actors.coordinator, dispute.id), "getDispute");
      expect(stored, "the stored dispute is the winner's").toStrictEqual(won.value);
      expect(stored.version).toBe(dispute.version + 1);
      const events = (await raw.auditEvents(chain)).slice(eventsBefore);
      expect(
        events.filter((e) => e.entity.id === dispute.id).map((e) => e.action),
        "only the winner's change is audited",
      ).toEqual([[first, second][winner] === "decline" ? "transition" : [first, second][winner]]);
    },
    ctx.timeout,
  );
};
