import { Effect, Either } from "effect";
import { expect, test } from "vitest";
import { ledgerLayer, ledgerPrograms } from "./create-ledger.js";
import { actorsOf, must, registerPersons, serviceFixture } from "./service-fixture.js";

// The same use cases as Effect programs: what an Effect user composes. They run
// the same steps as the async facade and fail with the same typed errors.

test("an Effect program registers and reads back what the facade does, over the same store", async () => {
  const fx = serviceFixture(11);
  await registerPersons(fx);
  const layer = ledgerLayer(fx.options);
  const dispute = fx.town.disputes[0]!;
  const registered = await Effect.runPromise(ledgerPrograms.registerDispute(fx.actors.coordinator, { dispute }).pipe(Effect.provide(layer)));
  expect(registered.replayed).toBe(false);
  const viaFacade = must(await fx.ledger.getDispute(fx.actors.coordinator, dispute.id));
  expect(viaFacade).toEqual(registered.dispute);
  const viaEffect = await Effect.runPromise(ledgerPrograms.getDispute(fx.actors.coordinator, dispute.id).pipe(Effect.provide(layer)));
  expect(viaEffect).toEqual(viaFacade);
});

test("a refusal is a typed failure of the program, and audited as with the facade", async () => {
  const fx = serviceFixture(12);
  const layer = ledgerLayer(fx.options);
  const outcome = await Effect.runPromise(Effect.either(ledgerPrograms.getDispute(actorsOf(fx.town).auditor, fx.town.disputes[0]!.id).pipe(Effect.provide(layer))));
  expect(Either.isLeft(outcome) && outcome.left._tag).toBe("AccessDenied");
  const refused = fx.store.state().audit[fx.town.township.code]?.filter((e) => e.outcome === "refused") ?? [];
  expect(refused.map((e) => e.action)).toEqual(["get-dispute"]);
});

test("errors are caught by tag with Effect.catchTag", async () => {
  const fx = serviceFixture(13);
  const program = ledgerPrograms.getDispute(fx.actors.coordinator, "d-999999" as never).pipe(
    Effect.map(() => "found"),
    Effect.catchTag("RecordNotFound", (e) => Effect.succeed(`missing ${e.id}`)),
    Effect.provide(ledgerLayer(fx.options)),
  );
  expect(await Effect.runPromise(program)).toBe("missing d-999999");
});
