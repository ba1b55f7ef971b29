import { type Ledger, type LocalDate, type Unit, createLedger, fixedClock, shanghaiStartOf, systemClock, zixi2025 } from "@tiaojie/core";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { sqliteStore } from "@tiaojie/store-kysely";
import type { LedgerKeys } from "./keys.js";

/** What {@link openLedger} needs. */
export interface OpenLedgerOptions {
  /** The SQLite file (created and migrated when new). */
  readonly file: string;
  /** The unit register: every actor's unit and every lead unit. */
  readonly units: ReadonlyArray<Unit>;
  readonly keys: LedgerKeys;
  /**
   * A day to stop the clock on, at 09:00 in Shanghai, so that a run on the sample
   * town's dates prints the same every time.
   * @default absent: the system clock
   */
  readonly today?: LocalDate;
  /** The township code, named in the audit checkpoints' origin line. */
  readonly township: string;
}

/**
 * Opens the ledger over a SQLite file: `sqliteStore` creates or migrates the
 * schema on open (WAL, foreign keys on), and `createLedger` puts the use cases
 * over it with China's calendar, the Zixi 2025 campaign and the keys. Closing
 * the ledger closes the store.
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ file: "ledger.db", units: town.units, keys, township: town.township.code });
 * try { ... } finally { await ledger.close(); }
 * ```
 */
export const openLedger = async (options: OpenLedgerOptions): Promise<Ledger> => {
  const store = await sqliteStore({ file: options.file });
  return createLedger({
    store,
    units: options.units,
    keys: options.keys.keys,
    calendar: chinaCalendar(),
    clock: options.today === undefined ? systemClock : fixedClock(shanghaiStartOf(options.today) + 9 * 3_600_000),
    config: { campaign: zixi2025, checkpointOrigin: `tiaojie.example/${options.township}` },
  });
};
