import { Effect } from "effect";
import { checkAudit, confirmGrades, explainedGrade, listAll, monthlyFigures, openSupport, registerTown, resolveOne, tryOutsideScope } from "./programs.js";
import { Officers, Town } from "./services.js";

/**
 * The whole flow as one program: register the town, explain a grade, confirm
 * every grade, take the first dispute to resolved, open a support listing, try
 * a write outside scope, report May 2025 and verify the audit trail. It needs the
 * services of `appLayer`; which store is behind them it neither knows nor cares.
 *
 * @example
 * ```ts
 * const outcome = await Effect.runPromise(wholeFlow.pipe(Effect.provide(appLayer(Store.memory, town, today))));
 * ```
 */
export const wholeFlow = Effect.gen(function* () {
  const town = yield* Town;
  const officers = yield* Officers;
  const first = town.disputes[0];
  const resident = town.persons.find((p) => !town.listings.some((l) => l.person === p.id));
  if (first === undefined || resident === undefined) return yield* Effect.dieMessage("the town needs a dispute and a resident without a listing");

  const registration = yield* registerTown;
  const byVillage = yield* Effect.forEach(town.villages, (v) =>
    Effect.map(listAll(officers.ofVillage(v.code)!), (views) => ({ village: v.code, ids: views.map((d) => d.id) })),
  );
  const explained = yield* explainedGrade(first.id, "zh");
  const confirmed = yield* confirmGrades;
  const resolution = yield* resolveOne(first.id);
  const support = yield* openSupport(resident.id);
  const outside = yield* tryOutsideScope;
  const figures = yield* monthlyFigures("2025-05");
  const audit = yield* checkAudit;
  return { registration, byVillage, explained, confirmed, resolution, support, outside, figures, audit };
});
