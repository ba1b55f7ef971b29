import { Data, Effect } from "effect";
import {
  type AccessDenied,
  type Actor,
  type AuditEventRow,
  type Bilingual,
  type DateRange,
  type DisputeId,
  type DisputeView,
  type Lang,
  type LedgerData,
  type LedgerGrade,
  type ListDisputesQuery,
  type PersonId,
  type Result,
  defaultTimeLimits,
  explainGrade,
  gradeDispute,
  leadUnitFor,
  ledgerPrograms,
  listingIdOrThrow,
  localDateOrThrow,
  monthlyReport,
  plusDays,
  plusMonths,
  zixi2025,
} from "@tiaojie/core";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { LedgerClock, LedgerKeys, Officers, Town } from "./services.js";

/**
 * A pure core function's `Result` as an Effect: its value, or its error on the
 * typed error channel.
 *
 * @example
 * ```ts
 * const explanation = yield* fromResult(explainGrade(result, "zh"));
 * ```
 */
export const fromResult = <A, E>(result: Result<A, E>): Effect.Effect<A, E> => (result.ok ? Effect.succeed(result.value) : Effect.fail(result.error));

/** Grading a stored dispute again did not give the grade the ledger stored (another table, or a changed one). */
export class GradeDrift extends Data.TaggedError("GradeDrift")<{ readonly dispute: DisputeId }> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `纠纷 ${this.dispute} 重新分级与台账记录不一致`, en: `grading ${this.dispute} again does not give the stored grade` };
  }
}

/**
 * Registers the town: residents by the social affairs office, each dispute by
 * the committee of the village where it was found, with an idempotency key; then
 * the first form again, which only replays.
 *
 * @example
 * ```ts
 * const { persons, disputes } = yield* registerTown;
 * ```
 */
export const registerTown = Effect.gen(function* () {
  const town = yield* Town;
  const officers = yield* Officers;
  yield* Effect.forEach(town.persons, (person) => ledgerPrograms.registerPerson(officers.socialAffairs, person), { discard: true });
  yield* Effect.forEach(
    town.disputes,
    // Found in the sweep by the village's committee; one found outside any village, by the coordinator.
    (dispute) => ledgerPrograms.registerDispute(officers.ofVillage(dispute.jurisdiction) ?? officers.coordinator, { dispute, idempotencyKey: `sweep-${dispute.id}` }),
    { discard: true },
  );
  const first = town.disputes[0];
  const retry = first === undefined ? undefined : yield* ledgerPrograms.registerDispute(officers.ofVillage(first.jurisdiction) ?? officers.coordinator, { dispute: first, idempotencyKey: `sweep-${first.id}` });
  return { persons: town.persons.length, disputes: town.disputes.length, retryReplayed: retry?.replayed ?? false };
});

/**
 * Every dispute a query finds, following the cursor page after page.
 *
 * @example
 * ```ts
 * const mine = yield* listAll(villageOfficer);
 * ```
 */
export const listAll = (actor: Actor, query: Omit<ListDisputesQuery, "cursor"> = {}) =>
  Effect.gen(function* () {
    const out: Array<DisputeView> = [];
    let cursor: string | undefined;
    do {
      const page = yield* ledgerPrograms.listDisputes(actor, { limit: 100, ...query, ...(cursor === undefined ? {} : { cursor }) });
      out.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return out as ReadonlyArray<DisputeView>;
  });

/**
 * A stored dispute and its recommended grade in words: graded again as of the
 * day the ledger graded it (failing with `GradeDrift` if that does not give the
 * stored rules), then explained by `explainGrade` (failing with its
 * `GradeTableMismatch`).
 *
 * @example
 * ```ts
 * const { explanation } = yield* explainedGrade(id, "zh");
 * ```
 */
export const explainedGrade = (id: DisputeId, lang: Lang) =>
  Effect.gen(function* () {
    const officers = yield* Officers;
    const view = yield* ledgerPrograms.getDispute(officers.coordinator, id);
    const result = gradeDispute(view.dispute, { asOf: view.grading.on });
    if (result.level !== view.grading.level || result.fired.map((r) => r.id).join() !== view.grading.firedRules.join()) {
      return yield* new GradeDrift({ dispute: id });
    }
    const explanation = yield* fromResult(explainGrade(result, lang));
    return { view, explanation };
  });

/**
 * The coordinator confirms the recommended grade of every dispute in scope.
 *
 * @example
 * ```ts
 * const confirmed = yield* confirmGrades;
 * ```
 */
export const confirmGrades = Effect.gen(function* () {
  const { coordinator } = yield* Officers;
  const all = yield* listAll(coordinator);
  return yield* Effect.forEach(all, (view) => ledgerPrograms.decideGrade(coordinator, { dispute: view.id, version: view.version }));
});

/**
 * A transition sent with the version the caller read; when someone else changed
 * the dispute meanwhile (`VersionConflict`), it reads the dispute again and sends
 * the transition once more with the new version. The lifecycle checks it again
 * then: a transition the new status no longer allows fails with its own typed
 * error rather than being forced through.
 *
 * @example
 * ```ts
 * const next = yield* transitionFresh(officer, view, "accept");
 * ```
 */
export const transitionFresh = (actor: Actor, view: Pick<DisputeView, "id" | "version">, transition: string, fields: Record<string, string> = {}) =>
  ledgerPrograms.transition(actor, { dispute: view.id, version: view.version, transition, fields }).pipe(
    Effect.catchTag("VersionConflict", () =>
      Effect.flatMap(ledgerPrograms.getDispute(actor, view.id), (fresh) => ledgerPrograms.transition(actor, { dispute: view.id, version: fresh.version, transition, fields })),
    ),
  );

/**
 * Takes a dispute through its case: accepted and assigned by the coordinator to
 * the unit its route names, then mediated and resolved by an officer of that unit.
 *
 * @example
 * ```ts
 * const { view } = yield* resolveOne(id);
 * ```
 */
export const resolveOne = (id: DisputeId) =>
  Effect.gen(function* () {
    const town = yield* Town;
    const officers = yield* Officers;
    let view = yield* ledgerPrograms.getDispute(officers.coordinator, id);
    const statuses: Array<string> = [view.case.status];
    const lead = leadUnitFor(view.route, view.dispute.jurisdiction, town.units);
    if (lead === undefined) return yield* Effect.dieMessage(`名册中没有牵头单位 ${view.route.lead} / no lead unit of kind ${view.route.lead} in the register`);
    const handler = officers.of(lead);
    const steps: ReadonlyArray<readonly [Actor, string, Record<string, string>]> = [
      [officers.coordinator, "accept", {}],
      [officers.coordinator, "assign", { leadUnit: lead.id, responsiblePerson: handler.name }],
      [handler, "start-mediation", { channel: "people-mediation" }],
      [handler, "resolve", { outcome: "agreement", note: "双方达成调解协议并当场履行" }],
    ];
    for (const [actor, transition, fields] of steps) {
      view = yield* transitionFresh(actor, view, transition, fields);
      statuses.push(view.case.status);
    }
    return { statuses: statuses as ReadonlyArray<string>, leadUnit: lead.id, view };
  });

/**
 * Opens a support listing for a resident in hardship (category 5, help first)
 * and returns the tasks due within a week as the social affairs office and as
 * the resident's village committee see them.
 *
 * @example
 * ```ts
 * const { tasks } = yield* openSupport(person);
 * ```
 */
export const openSupport = (person: PersonId) =>
  Effect.gen(function* () {
    const town = yield* Town;
    const officers = yield* Officers;
    const today = (yield* LedgerClock).today();
    const resident = town.persons.find((p) => p.id === person);
    if (resident === undefined) return yield* Effect.dieMessage(`${person} is not a resident of the town`);
    const listing = yield* ledgerPrograms.openListing(officers.socialAffairs, {
      facts: { person, hardship: { indicators: ["poverty"], assessedBy: officers.socialAffairs.name, assessedOn: today } },
      category: 5,
      id: listingIdOrThrow(`l-${person}`),
      responsibleUnit: officers.socialAffairs.unit,
      responsiblePerson: officers.socialAffairs.name,
    });
    const tasks = yield* ledgerPrograms.tasksDue(officers.socialAffairs, { horizonDays: 7 });
    const committee = officers.ofVillage(resident.jurisdiction);
    if (committee === undefined) return yield* Effect.dieMessage(`${resident.jurisdiction} 没有村（居）委会 / ${resident.jurisdiction} has no committee`);
    const committeeTasks = yield* ledgerPrograms.tasksDue(committee, { horizonDays: 7 });
    return { listing, tasks, committeeTasks };
  });

/**
 * The calendar month `YYYY-MM` as a report period.
 *
 * @example
 * ```ts
 * monthPeriod("2025-02"); // { from: "2025-02-01", to: "2025-02-28" }
 * ```
 */
export const monthPeriod = (month: string): DateRange => {
  const from = localDateOrThrow(`${month}-01`);
  return { from, to: plusDays(plusMonths(from, 1), -1) };
};

/**
 * The township's own monthly report from the store, and the core's pure
 * `monthlyReport` over the same records read back through the ledger.
 *
 * @example
 * ```ts
 * const { fromStore, pure } = yield* monthlyFigures("2025-05");
 * ```
 */
export const monthlyFigures = (month: string) =>
  Effect.gen(function* () {
    const town = yield* Town;
    const { coordinator } = yield* Officers;
    const period = monthPeriod(month);
    const report = yield* ledgerPrograms.monthlyReport(coordinator, { period });
    if (report.for !== "own") return yield* Effect.dieMessage("expected the township's own report");
    const views = yield* listAll(coordinator);
    // In this flow each dispute has one confirmation, made the day it was graded again.
    const grades: Array<LedgerGrade> = views
      .filter((v) => v.gradeConfirmed)
      .map((v) => ({ dispute: v.id, level: v.level, priority: v.priority, ...(v.grading.prioritySetBy === undefined ? {} : { prioritySetBy: v.grading.prioritySetBy }), on: v.grading.on }));
    const data: LedgerData = { units: town.units, disputes: views.map((v) => v.dispute), cases: views.map((v) => v.case), grades };
    const pure = yield* fromResult(
      monthlyReport(data, { jurisdiction: town.township.code, period, campaign: zixi2025, timeLimits: { calendar: chinaCalendar(), rules: defaultTimeLimits } }),
    );
    return { fromStore: report.report, pure };
  });

/**
 * Every event of one audit chain, as the auditor reads them.
 *
 * @example
 * ```ts
 * const events = yield* auditEvents(town.township.code);
 * ```
 */
export const auditEvents = (chain: string) =>
  Effect.gen(function* () {
    const { auditor } = yield* Officers;
    const out: Array<AuditEventRow> = [];
    let cursor: string | undefined;
    do {
      const page = yield* ledgerPrograms.auditTrail(auditor, { chain, limit: 100, ...(cursor === undefined ? {} : { cursor }) });
      out.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return out as ReadonlyArray<AuditEventRow>;
  });

/**
 * The coordinator signs a checkpoint; the auditor verifies the chains against it.
 *
 * @example
 * ```ts
 * const { verification } = yield* checkAudit;
 * ```
 */
export const checkAudit = Effect.gen(function* () {
  const { coordinator, auditor } = yield* Officers;
  const { checkpointPublicKey } = yield* LedgerKeys;
  const checkpoint = yield* ledgerPrograms.auditCheckpoint(coordinator);
  const verification = yield* ledgerPrograms.verifyAudit(auditor, { checkpoint, publicKey: checkpointPublicKey });
  return { checkpoint, verification };
});

/**
 * A dispute as one actor may see it: shown, refused (outside their scope or
 * role), or missing. The two refusals are typed errors of the ledger, caught by
 * their `_tag`; anything else (a store failure, a bad id) stays on the error
 * channel.
 *
 * @example
 * ```ts
 * const seen = yield* readAs(villageOfficer, id);
 * if (seen.kind === "refused") console.log(seen.text.zh);
 * ```
 */
export const readAs = (actor: Actor, id: DisputeId) =>
  ledgerPrograms.getDispute(actor, id).pipe(
    Effect.map((view) => ({ kind: "shown", view }) as const),
    Effect.catchTags({
      AccessDenied: (denied) => Effect.succeed({ kind: "refused", reason: denied.reason, text: denied.text } as const),
      RecordNotFound: (missing) => Effect.succeed({ kind: "missing", text: missing.text } as const),
    }),
  );

/**
 * A village committee member tries to record a measure on another village's
 * dispute: the ledger's `AccessDenied` is caught by its tag and returned as a
 * value, with the versions before and after and the refusal as audited.
 *
 * @example
 * ```ts
 * const { refusal } = yield* tryOutsideScope;
 * ```
 */
export const tryOutsideScope = Effect.gen(function* () {
  const town = yield* Town;
  const officers = yield* Officers;
  const [own, other] = town.villages;
  const target = town.disputes.find((d) => d.jurisdiction === other?.code);
  const outsider = own === undefined ? undefined : officers.ofVillage(own.code);
  if (outsider === undefined || target === undefined) return yield* Effect.dieMessage("本镇需有两个有纠纷的村（居）委会 / the town needs two villages with committees and disputes");
  const before = yield* ledgerPrograms.getDispute(officers.coordinator, target.id);
  const refusal: AccessDenied | undefined = yield* ledgerPrograms.recordMeasure(outsider, { dispute: target.id, version: before.version, measure: "上门做双方工作" }).pipe(
    Effect.as(undefined),
    Effect.catchTag("AccessDenied", (denied) => Effect.succeed(denied)),
  );
  const after = yield* ledgerPrograms.getDispute(officers.coordinator, target.id);
  const events = yield* auditEvents(town.township.code);
  const audited = events.find((e) => e.outcome === "refused" && e.actor.officerId === outsider.officerId && e.entity.id === target.id);
  return { refusal, audited, versionBefore: before.version, versionAfter: after.version };
});
