import {
  type Actor,
  type Dispute,
  type ExportNames,
  type Ledger,
  type LedgerStore,
  type OfficerId,
  createLedger,
  fixedClock,
  generateDevelopmentKeys,
  shanghaiStartOf,
  weekendCalendar,
} from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";

/**
 * A ledger for a sample town, for an adapter's own tests of import and export:
 * the ledger over the given store (development keys, the weekend calendar, the
 * clock at 10:00 on the town's last day), the town's coordinator and social
 * affairs officer, the names an export shows and the division codes an import
 * reads.
 * @since 0.5.0
 */
export interface TownLedger {
  readonly ledger: Ledger;
  readonly coordinator: Actor;
  readonly social: Actor;
  /** Division and unit names for `exportLedger`. */
  readonly names: ExportNames;
  /** Division codes by village name, for `importLedgerRows`. */
  readonly divisions: Readonly<Record<string, string>>;
  /** Registers the town's persons and its disputes (or the ones given) through the ledger. */
  readonly registerTown: (disputes?: ReadonlyArray<Dispute>) => Promise<void>;
}

/**
 * Makes a {@link TownLedger}.
 *
 * @example
 * ```ts
 * import { sampleTown } from "@tiaojie/core/testing";
 * import { makeMemoryStore } from "@tiaojie/store-memory";
 * import { townLedger } from "@tiaojie/export-testkit";
 *
 * const t = townLedger(sampleTown(5, { disputes: 6 }), makeMemoryStore());
 * await t.registerTown();
 * ```
 * @since 0.5.0
 */
export const townLedger = (town: SampleTown, store: LedgerStore): TownLedger => {
  const unitOf = (kind: string) => town.units.find((u) => u.kind === kind)!.id;
  const coordinator: Actor = { officerId: "kit-coord" as OfficerId, name: "协调员", unit: unitOf("peace-rule-of-law-office"), role: "coordinator", scope: town.township.code };
  const social: Actor = { officerId: "kit-social" as OfficerId, name: "民政员", unit: unitOf("social-affairs-office"), role: "unit-officer", scope: town.township.code };
  const ledger = createLedger({
    store,
    units: town.units,
    calendar: weekendCalendar,
    keys: generateDevelopmentKeys().keys,
    clock: fixedClock(shanghaiStartOf(town.period.to) + 10 * 3_600_000),
  });
  const fail = (what: string, r: { readonly ok: boolean; readonly error?: { readonly message: string } }) => {
    if (!r.ok) throw new Error(`${what}: ${r.error?.message}`);
  };
  return {
    ledger,
    coordinator,
    social,
    names: { divisions: Object.fromEntries(town.villages.map((v) => [v.code, v.name])), units: town.units },
    divisions: Object.fromEntries(town.villages.map((v) => [v.name, v.code])),
    registerTown: async (disputes = town.disputes) => {
      for (const p of town.persons) fail(`register person ${p.id}`, await ledger.registerPerson(social, p));
      fail("register disputes", await ledger.registerDisputes(coordinator, { run: `town-${town.seed}`, items: disputes.map((dispute) => ({ dispute })) }));
    },
  };
};
