import { type Effect, Layer } from "effect";
import { err, ok, type Result } from "../validation/result.js";
import { type LedgerOptions, resolveLedgerEnv } from "./ledger-config.js";
import { LedgerEnvironment, type UseCaseEffect, runDirect } from "./unit-of-work.js";
import { registerDispute } from "./use-cases/register-dispute.js";
import { registerDisputes } from "./use-cases/register-disputes.js";
import { decideGrade, recordMeasure, transition } from "./use-cases/dispute-changes.js";
import { getDispute, listDisputes } from "./use-cases/dispute-queries.js";
import { findPersonByIdentityNumber, getPerson, registerPerson } from "./use-cases/persons.js";
import { checkEligibility, endListing, getListing, listListings, openListing, removeListing, reviewListing } from "./use-cases/listings.js";
import { completeTask, tasksDue } from "./use-cases/tasks.js";
import { recordSubmission } from "./use-cases/submissions.js";
import { campaignSummary, monthlyReport } from "./use-cases/reports.js";
import { fixHazard, listHazards, registerHazard } from "./use-cases/hazards.js";
import { purgeExpired } from "./use-cases/retention.js";
import { auditCheckpoint, auditTrail, verifyAudit } from "./use-cases/audit-ops.js";
import { rotateKeys } from "./use-cases/keys.js";
import { recordExport } from "./use-cases/exports.js";

/**
 * Every use case of the ledger as an Effect program: what `createLedger` runs,
 * for Effect users to compose (provide `ledgerLayer(options)`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { ledgerLayer, ledgerPrograms } from "@tiaojie/core";
 *
 * const r = await Effect.runPromise(ledgerPrograms.listDisputes(actor, { level: "red" }).pipe(Effect.provide(ledgerLayer(options))));
 * ```
 * @since 0.3.0
 */
export const ledgerPrograms = {
  registerDispute,
  registerDisputes,
  decideGrade,
  transition,
  recordMeasure,
  getDispute,
  listDisputes,
  registerPerson,
  getPerson,
  findPersonByIdentityNumber,
  checkEligibility,
  openListing,
  getListing,
  listListings,
  reviewListing,
  endListing,
  removeListing,
  tasksDue,
  completeTask,
  recordSubmission,
  monthlyReport,
  campaignSummary,
  registerHazard,
  fixHazard,
  listHazards,
  purgeExpired,
  verifyAudit,
  auditCheckpoint,
  auditTrail,
  rotateKeys,
  recordExport,
} as const;

type Programs = typeof ledgerPrograms;

/** A use case as a plain async function returning the one {@link Result} type. */
type AsyncUseCase<F> = F extends (...args: infer P) => Effect.Effect<infer A, infer E, LedgerEnvironment> ? (...args: P) => Promise<Result<A, E>> : never;

/**
 * The ledger: every use case as an `async` function that takes the acting actor
 * first and resolves with a {@link Result} (`{ ok: true, value }` or `{ ok: false,
 * error }`, the error a typed value with `_tag` and bilingual `text`). It never
 * rejects for bad input, a refusal or a conflict; it rejects only for a defect
 * of the library itself.
 * @since 0.3.0
 */
export type Ledger = { readonly [K in keyof Programs]: AsyncUseCase<Programs[K]> } & {
  /** Closes the store. */
  readonly close: () => Promise<void>;
};

/**
 * The ledger's services as an Effect layer, for Effect programs.
 *
 * @example
 * ```ts
 * const layer = ledgerLayer({ store: makeMemoryStore(), units });
 * ```
 * @since 0.3.0
 */
export const ledgerLayer = (options: LedgerOptions): Layer.Layer<LedgerEnvironment> => Layer.sync(LedgerEnvironment, () => resolveLedgerEnv(options));

/**
 * Makes a ledger over a store: the one place where the data-protection policy,
 * the audit trail, encryption and concurrency are enforced, so no embedding
 * system can skip them. Misconfiguration (an invalid grading table, a durable
 * store without keys) throws here, at start-up, with both languages.
 *
 * @example
 * ```ts
 * import { createLedger } from "@tiaojie/core";
 * import { makeMemoryStore } from "@tiaojie/store-memory";
 * import { chinaCalendar } from "@tiaojie/calendar-cn";
 *
 * const ledger = createLedger({ store: makeMemoryStore(), units: town.units, calendar: chinaCalendar });
 * const r = await ledger.registerDispute(gridWorker, { dispute });
 * if (!r.ok) console.error(r.error.message);
 * ```
 * @since 0.3.0
 */
export const createLedger = (options: LedgerOptions): Ledger => {
  const env = resolveLedgerEnv(options);
  const ledger: Record<string, unknown> = {};
  for (const [name, program] of Object.entries(ledgerPrograms)) {
    const make = program as (...a: ReadonlyArray<unknown>) => UseCaseEffect<unknown, unknown>;
    ledger[name] = (...args: ReadonlyArray<unknown>): Promise<Result<unknown, unknown>> =>
      make(...args)[runDirect](env).then((o) => (o.ok ? ok(o.value) : err(o.error)));
  }
  ledger.close = async () => {
    await env.store.close?.();
  };
  return ledger as Ledger;
};
