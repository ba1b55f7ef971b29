import { Context, Data, Effect, Layer } from "effect";
import {
  type Clock,
  type KeyProvider,
  type LedgerEnvironment,
  type LedgerStore,
  type LocalDate,
  fixedClock,
  generateDevelopmentKeys,
  ledgerLayer,
  shanghaiStartOf,
  systemClock,
  zixi2025,
} from "@tiaojie/core";
import { type SampleOfficers, type SampleTown, sampleOfficers } from "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { makeMemoryStore } from "@tiaojie/store-memory";
import { sqliteStore } from "@tiaojie/store-kysely";

/**
 * The town the example works on: its unit register, residents and disputes
 * (a sample town here; the county's own registers in a real system).
 */
export class Town extends Context.Tag("example/Town")<Town, SampleTown>() {
  /** A layer holding this town. */
  static readonly holding = (town: SampleTown): Layer.Layer<Town> => Layer.succeed(Town, town);
}

/**
 * The officers the example acts as, made from the town's unit register by
 * `sampleOfficers` (`@tiaojie/core/testing`); a real system takes them from the
 * county's identity system.
 */
export class Officers extends Context.Tag("example/Officers")<Officers, SampleOfficers>() {
  /** The officers of the town in context. */
  static readonly layer: Layer.Layer<Officers, never, Town> = Layer.effect(Officers, Effect.map(Town, sampleOfficers));
}

/**
 * The ledger's clock (the core's `Clock` port: `now()` and the Asia/Shanghai
 * `today()`). A service of its own, so a test or a demo stops it on a day and a
 * deployment gives the system's.
 */
export class LedgerClock extends Context.Tag("example/LedgerClock")<LedgerClock, Clock>() {
  /** Stopped at 09:00 in Shanghai on a day. */
  static readonly fixedOn = (day: LocalDate): Layer.Layer<LedgerClock> =>
    Layer.sync(LedgerClock, () => fixedClock(shanghaiStartOf(day) + 9 * 3_600_000));
  /** The system's clock. */
  static readonly system: Layer.Layer<LedgerClock> = Layer.succeed(LedgerClock, systemClock);
}

/** The ledger's keys and the public key that verifies its audit checkpoints. */
export class LedgerKeys extends Context.Tag("example/LedgerKeys")<LedgerKeys, { readonly keys: KeyProvider; readonly checkpointPublicKey: string }>() {
  /**
   * Fresh random keys, for demos and tests only: lost when the process ends, so
   * a durable file written with them cannot be read by the next process.
   */
  static readonly development: Layer.Layer<LedgerKeys> = Layer.sync(LedgerKeys, () => generateDevelopmentKeys({ keyName: "example-effect" }));
}

/** The store could not be opened (a file that cannot be created, a schema newer than this library…). */
export class StoreOpenFailed extends Data.TaggedError("StoreOpenFailed")<{ readonly store: string; readonly cause: unknown }> {
  /** The message in both languages. */
  get text(): { readonly zh: string; readonly en: string } {
    const why = this.cause instanceof Error ? this.cause.message : String(this.cause);
    return { zh: `无法打开存储 ${this.store}：${why}`, en: `cannot open the store ${this.store}: ${why}` };
  }
}

/**
 * The ledger's store as a resource: acquired when a layer is built, closed when
 * its scope ends (the program is done, or the runtime is disposed), whether the
 * program succeeded, failed or was interrupted.
 */
export class Store extends Context.Tag("example/Store")<Store, LedgerStore>() {
  /** A SQLite file through `@tiaojie/store-kysely` (created and migrated on open), closed at the end of the scope. */
  static readonly sqlite = (file: string): Layer.Layer<Store, StoreOpenFailed> =>
    Layer.scoped(
      Store,
      Effect.acquireRelease(
        Effect.tryPromise({ try: () => sqliteStore({ file }), catch: (cause) => new StoreOpenFailed({ store: file, cause }) }),
        (store) => Effect.promise(() => store.close()),
      ),
    );
  /** The in-memory reference store, for tests and demos. */
  static readonly memory: Layer.Layer<Store> = Layer.scoped(
    Store,
    Effect.acquireRelease(
      Effect.sync(() => makeMemoryStore()),
      (store) => Effect.promise(() => store.close()),
    ),
  );
}

/**
 * The core's `LedgerEnvironment` made from the services in context: the store,
 * the town's unit register, the clock and the keys, with China's calendar and the
 * Zixi 2025 campaign. `ledgerLayer` takes the store as a value, so the layer is
 * unwrapped from an effect that reads the services first.
 */
export const LedgerLive: Layer.Layer<LedgerEnvironment, never, Store | Town | LedgerClock | LedgerKeys> = Layer.unwrapEffect(
  Effect.gen(function* () {
    const store = yield* Store;
    const town = yield* Town;
    const clock = yield* LedgerClock;
    const { keys } = yield* LedgerKeys;
    return ledgerLayer({
      store,
      units: town.units,
      clock,
      keys,
      calendar: chinaCalendar(),
      config: { campaign: zixi2025, checkpointOrigin: `tiaojie.example/${town.township.code}` },
    });
  }),
);

/** Everything the example's programs need. */
export type AppServices = LedgerEnvironment | Officers | Town | LedgerKeys | LedgerClock;

/**
 * The whole application from a store layer: store → ledger, with the town, its
 * officers, the clock stopped on `today` and development keys beside it.
 * Swapping the store layer (SQLite for memory) changes nothing else.
 *
 * @example
 * ```ts
 * await Effect.runPromise(program.pipe(Effect.provide(appLayer(Store.sqlite("ledger.db"), town, today))));
 * ```
 */
export const appLayer = <E>(store: Layer.Layer<Store, E>, town: SampleTown, today: LocalDate): Layer.Layer<AppServices | Store, E> => {
  const base = Layer.mergeAll(store, Town.holding(town), LedgerClock.fixedOn(today), LedgerKeys.development);
  const withOfficers = Officers.layer.pipe(Layer.provideMerge(base));
  return LedgerLive.pipe(Layer.provideMerge(withOfficers));
};
