import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Data, Effect, Exit } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LedgerStore } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { wholeFlow } from "./flow.js";
import { Store, appLayer } from "./services.js";

const dir = mkdtempSync(join(tmpdir(), "tiaojie-effect-resources-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Boom extends Data.TaggedError("Boom")<{}> {}

describe("the store as a scoped resource", () => {
  it("closes the SQLite store when the program that used it ends", async () => {
    const store = await Effect.runPromise(Effect.provide(Store, Store.sqlite(join(dir, "a.db"))));
    await expect(store.transact(async () => 1)).rejects.toThrow(/closed/);
  });

  it("closes it too when the program fails", async () => {
    let captured: LedgerStore | undefined;
    const exit = await Effect.runPromiseExit(
      Effect.flatMap(Store, (store) => {
        captured = store;
        return new Boom();
      }).pipe(Effect.provide(Store.sqlite(join(dir, "b.db")))),
    );
    expect(Exit.isFailure(exit)).toBe(true);
    await expect(captured!.transact(async () => 1)).rejects.toThrow(/closed/);
  });

  it("fails to open with the typed StoreOpenFailed, caught by its tag", async () => {
    const file = join(dir, "no-such-dir", "c.db");
    const outcome = await Effect.runPromise(
      Effect.as(Store, "opened").pipe(
        Effect.provide(Store.sqlite(file)),
        Effect.catchTag("StoreOpenFailed", (failed) => Effect.succeed(failed.store)),
      ),
    );
    expect(outcome).toBe(file);
  });
});

describe("one program, two stores", () => {
  const town = sampleTown(5, { villages: 2, persons: 12, disputes: 8, listings: 0 });
  let o: Effect.Effect.Success<typeof wholeFlow>;
  beforeAll(async () => {
    o = await Effect.runPromise(wholeFlow.pipe(Effect.provide(appLayer(Store.memory, town, town.period.to))));
  });

  it("runs the same flow over the memory store with the same outcomes", () => {
    expect(o.registration.disputes).toBe(town.disputes.length);
    expect(o.resolution.view.case.status).toBe("resolved");
    expect(o.figures.fromStore).toEqual(o.figures.pure);
    expect(o.figures.fromStore.totals.resolvedInPeriod).toBe(1);
    expect(o.outside.refusal?.reason).toBe("out-of-scope");
    expect(o.audit.verification.ok).toBe(true);
  });
});
