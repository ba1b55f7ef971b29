import { type Ledger, type LocalDate, createLedger, fixedClock, shanghaiStartOf, zixi2025 } from "@tiaojie/core";
import type { SampleOfficers, SampleTown } from "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { makeMemoryStore } from "@tiaojie/store-memory";

/**
 * The service's ledger: the in-memory reference store (`@tiaojie/store-memory`;
 * the data lives as long as the process, so development keys are enough), China's
 * calendar, the Zixi 2025 campaign, and a clock stopped on `today` at 09:00 in
 * Shanghai so the sample town's dates make sense. A real service passes a durable
 * store (`sqliteStore`, `postgresStore` of `@tiaojie/store-kysely`), its own keys
 * and `systemClock`.
 *
 * @example
 * ```ts
 * const ledger = serviceLedger(town, town.period.to);
 * ```
 */
export const serviceLedger = (town: SampleTown, today: LocalDate): Ledger =>
  createLedger({
    store: makeMemoryStore(),
    units: town.units,
    calendar: chinaCalendar(),
    clock: fixedClock(shanghaiStartOf(today) + 9 * 3_600_000),
    config: { campaign: zixi2025, checkpointOrigin: `tiaojie.example-http/${town.township.code}` },
  });

/**
 * Registers the sample town, so the service has something to serve: residents by
 * the social affairs office, each dispute by its village's committee (one found
 * outside any village, by the coordinator).
 *
 * @throws Error when the ledger refuses a record (the sample town is valid, so that is a bug)
 * @example
 * ```ts
 * await seedTown(ledger, town, sampleOfficers(town));
 * ```
 */
export const seedTown = async (ledger: Ledger, town: SampleTown, officers: SampleOfficers): Promise<void> => {
  for (const person of town.persons) {
    const r = await ledger.registerPerson(officers.socialAffairs, person);
    if (!r.ok) throw new Error(`${person.id}: ${r.error.message}`);
  }
  for (const dispute of town.disputes) {
    const r = await ledger.registerDispute(officers.ofVillage(dispute.jurisdiction) ?? officers.coordinator, { dispute, idempotencyKey: `sweep-${dispute.id}` });
    if (!r.ok) throw new Error(`${dispute.id}: ${r.error.message}`);
  }
};
