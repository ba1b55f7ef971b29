import { Effect, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disputeIdOrThrow, formatPath, formatValidationError, ledgerPrograms } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { readAs, registerTown, transitionFresh } from "./programs.js";
import { Officers, Store, appLayer } from "./services.js";

// One ledger over the memory store for the file, held by a ManagedRuntime (the
// layer built once, the store released by dispose); the small town is registered
// first (12 residents, 8 disputes), and each test changes a dispute of its own.
const town = sampleTown(5, { villages: 2, persons: 12, disputes: 8, listings: 0 });
const runtime = ManagedRuntime.make(appLayer(Store.memory, town, town.period.to));
const run = runtime.runPromise;

const [villageA] = town.villages;
const [own, ownToo, ownThird] = town.disputes.filter((d) => d.jurisdiction === villageA!.code);
const other = town.disputes.find((d) => d.jurisdiction !== villageA!.code)!;

beforeAll(() => run(registerTown));
afterAll(() => runtime.dispose());

describe("the ledger's typed errors, caught by their _tag", () => {
  it("tells a dispute shown, refused (AccessDenied) and missing (RecordNotFound) apart", async () => {
    const seen = await run(
      Effect.gen(function* () {
        const { ofVillage } = yield* Officers;
        const actor = ofVillage(villageA!.code)!;
        return [yield* readAs(actor, own!.id), yield* readAs(actor, other.id), yield* readAs(actor, disputeIdOrThrow("d-999999"))] as const;
      }),
    );
    expect(seen.map((s) => s.kind)).toEqual(["shown", "refused", "missing"]);
    expect(seen[1].kind === "refused" && seen[1].reason).toBe("out-of-scope");
    expect(seen[2].kind === "missing" && seen[2].text.en).toContain("d-999999");
  });

  it("fails a transition sent with a stale version with VersionConflict, which catchTag turns into a value", async () => {
    const caught = await run(
      Effect.gen(function* () {
        const { coordinator } = yield* Officers;
        const read = yield* ledgerPrograms.getDispute(coordinator, ownToo!.id);
        yield* ledgerPrograms.transition(coordinator, { dispute: ownToo!.id, version: read.version, transition: "accept" });
        return yield* ledgerPrograms
          .transition(coordinator, { dispute: ownToo!.id, version: read.version, transition: "assign", fields: { leadUnit: coordinator.unit, responsiblePerson: coordinator.name } })
          .pipe(
            Effect.map(() => "written" as const),
            Effect.catchTag("VersionConflict", (conflict) => Effect.succeed({ tag: conflict._tag, expected: conflict.expected, actual: conflict.actual })),
          );
      }),
    );
    expect(caught).toEqual({ tag: "VersionConflict", expected: 1, actual: 2 });
  });

  it("retries once with the fresh version after a conflict (transitionFresh), and the lifecycle still decides", async () => {
    const outcome = await run(
      Effect.gen(function* () {
        const { coordinator } = yield* Officers;
        const stale = yield* ledgerPrograms.getDispute(coordinator, ownThird!.id);
        // Someone else changes the dispute after it was read.
        yield* ledgerPrograms.recordMeasure(coordinator, { dispute: ownThird!.id, version: stale.version, measure: "电话联系双方当事人" });
        const accepted = yield* transitionFresh(coordinator, stale, "accept");
        // The same stale read again: the retry reads "accepted", from which "accept" is not allowed.
        const again = yield* transitionFresh(coordinator, stale, "accept").pipe(Effect.flip);
        return { status: accepted.case.status, version: accepted.version, again: again._tag };
      }),
    );
    expect(outcome).toEqual({ status: "accepted", version: 3, again: "TransitionNotAllowed" });
  });

  it("fails a bad registration with ValidationError, every problem with its path and both languages", async () => {
    const problems = await run(
      Effect.gen(function* () {
        const { coordinator } = yield* Officers;
        return yield* ledgerPrograms.registerDispute(coordinator, { dispute: { ...own!, id: "d-bad-1", domain: "weather", reportedOn: "2025-02-30" } }).pipe(
          Effect.map(() => undefined),
          Effect.catchTag("ValidationError", (invalid) => Effect.succeed({ paths: invalid.issues.map((i) => formatPath(i.path)), text: formatValidationError(invalid) })),
        );
      }),
    );
    expect(problems?.paths).toEqual(expect.arrayContaining(["dispute.domain", "dispute.reportedOn"]));
    expect(problems?.text).toMatch(/共 \d+ 处问题 \/ \d+ problems/);
  });
});
