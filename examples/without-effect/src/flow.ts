import {
  type AccessDenied,
  type Actor,
  type AuditEventRow,
  type AuditVerification,
  type DisputeId,
  type DisputeView,
  type GradeExplanation,
  type Lang,
  type Ledger,
  type LedgerData,
  type LedgerGrade,
  type ListDisputesQuery,
  type ListingView,
  type LocalDate,
  type MonthlyReport,
  type PersonId,
  type TasksDue,
  type DateRange,
  defaultTimeLimits,
  explainGrade,
  gradeDispute,
  listingIdOrThrow,
  localDateOrThrow,
  monthlyReport,
  plusDays,
  plusMonths,
  leadUnitFor,
  zixi2025,
} from "@tiaojie/core";
import type { SampleOfficers, SampleTown } from "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { must } from "./results.js";

/** What {@link registerTown} did. */
export interface Registration {
  readonly persons: number;
  readonly disputes: number;
  /** Whether sending the first dispute's form again only replayed the first registration. */
  readonly retryReplayed: boolean;
}

/**
 * Registers the town's residents (by the social affairs office, which may record
 * identity and phone numbers) and its disputes (each by the committee of the
 * village where it was found, as in the plan's sweep), each form with an
 * idempotency key, then sends the first form again as a client would after a
 * timeout: the ledger answers with the first registration and writes nothing.
 *
 * @example
 * ```ts
 * const { persons, disputes } = await registerTown(ledger, town, officers);
 * ```
 */
export const registerTown = async (ledger: Ledger, town: SampleTown, officers: SampleOfficers): Promise<Registration> => {
  let persons = 0;
  for (const person of town.persons) {
    must(await ledger.registerPerson(officers.socialAffairs, person), `register ${person.id}`);
    persons++;
  }
  let disputes = 0;
  for (const dispute of town.disputes) {
    // Found in the sweep by the village's committee; one found outside any village, by the coordinator.
    const finder = officers.ofVillage(dispute.jurisdiction) ?? officers.coordinator;
    must(await ledger.registerDispute(finder, { dispute, idempotencyKey: `sweep-${dispute.id}` }), `register ${dispute.id}`);
    disputes++;
  }
  const first = town.disputes[0];
  let retryReplayed = false;
  if (first !== undefined) {
    const again = must(
      await ledger.registerDispute(officers.ofVillage(first.jurisdiction) ?? officers.coordinator, { dispute: first, idempotencyKey: `sweep-${first.id}` }),
      "retry the first form",
    );
    retryReplayed = again.replayed;
  }
  return { persons, disputes, retryReplayed };
};

/**
 * Every dispute a listing query finds, page after page (the ledger returns pages
 * of at most the store's page size, with a cursor to the next).
 *
 * @example
 * ```ts
 * const all = await listAll(ledger, coordinator);
 * ```
 */
export const listAll = async (ledger: Ledger, actor: Actor, query: Omit<ListDisputesQuery, "cursor"> = {}): Promise<ReadonlyArray<DisputeView>> => {
  const out: Array<DisputeView> = [];
  let cursor: string | undefined;
  do {
    const page = must(await ledger.listDisputes(actor, { limit: 100, ...query, ...(cursor === undefined ? {} : { cursor }) }), "list disputes");
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
};

/** A dispute's grade with the reasons in words. */
export interface ExplainedGrade {
  readonly view: DisputeView;
  readonly explanation: GradeExplanation;
}

/**
 * Reads a dispute and explains its recommended grade: the ledger keeps the ids
 * of the rules that fired and the day it graded, so the example grades the
 * stored dispute again as of that day with the same (default) table, checks
 * that the same rules fire, and puts the result into words with `explainGrade`.
 *
 * @example
 * ```ts
 * const { explanation } = await explainedGrade(ledger, coordinator, id, "zh");
 * for (const rule of explanation.fired) console.log(rule.description, rule.reason);
 * ```
 */
export const explainedGrade = async (ledger: Ledger, actor: Actor, id: DisputeId, lang: Lang): Promise<ExplainedGrade> => {
  const view = must(await ledger.getDispute(actor, id), `read ${id}`);
  const result = gradeDispute(view.dispute, { asOf: view.grading.on });
  const same = result.level === view.grading.level && result.fired.map((r) => r.id).join() === view.grading.firedRules.join();
  if (!same) throw new Error(`${id}: 重新分级与台账记录不一致 / grading again does not give the stored grade`);
  const explanation = explainGrade(result, lang);
  if (!explanation.ok) throw new Error(`${id}: ${explanation.error.message}`);
  return { view, explanation: explanation.value };
};

/**
 * The coordinator confirms the recommended grade of every dispute in scope
 * (`decideGrade` without a level is a confirmation; a different level would need
 * a reason, and a lower one a second officer). Returns the disputes as they are
 * after it.
 *
 * @example
 * ```ts
 * const confirmed = await confirmGrades(ledger, officers.coordinator);
 * ```
 */
export const confirmGrades = async (ledger: Ledger, coordinator: Actor): Promise<ReadonlyArray<DisputeView>> => {
  const out: Array<DisputeView> = [];
  for (const view of await listAll(ledger, coordinator)) {
    out.push(must(await ledger.decideGrade(coordinator, { dispute: view.id, version: view.version }), `confirm ${view.id}`));
  }
  return out;
};

/** What {@link resolveOne} did. */
export interface Resolution {
  /** The status after each step, starting with the status before the first. */
  readonly statuses: ReadonlyArray<string>;
  /** Who led the mediation: the unit the route named. */
  readonly leadUnit: string;
  readonly view: DisputeView;
}

/**
 * Takes one dispute through its case: the coordinator accepts it and assigns it
 * to the unit its route names (with a named responsible person), an officer of
 * that unit starts people's mediation, and records the agreement that resolves
 * it. Each step sends the version it read; the ledger refuses a stale one.
 *
 * @example
 * ```ts
 * const { view } = await resolveOne(ledger, town, officers, disputeId);
 * view.case.status; // "resolved"
 * ```
 */
export const resolveOne = async (ledger: Ledger, town: SampleTown, officers: SampleOfficers, id: DisputeId): Promise<Resolution> => {
  let view = must(await ledger.getDispute(officers.coordinator, id), `read ${id}`);
  const statuses: Array<string> = [view.case.status];
  const lead = leadUnitFor(view.route, view.dispute.jurisdiction, town.units);
  if (lead === undefined) throw new RangeError(`名册中没有牵头单位 ${view.route.lead} / no lead unit of kind ${view.route.lead} in the register`);
  const handler = officers.of(lead);
  const step = async (actor: Actor, transition: string, fields: Record<string, string> = {}): Promise<void> => {
    view = must(await ledger.transition(actor, { dispute: id, version: view.version, transition, fields }), `${transition} ${id}`);
    statuses.push(view.case.status);
  };
  await step(officers.coordinator, "accept");
  await step(officers.coordinator, "assign", { leadUnit: lead.id, responsiblePerson: handler.name });
  await step(handler, "start-mediation", { channel: "people-mediation" });
  await step(handler, "resolve", { outcome: "agreement", note: "双方达成调解协议并当场履行" });
  return { statuses, leadUnit: lead.id, view };
};

/** What {@link openSupport} did. */
export interface Support {
  readonly listing: ListingView;
  /** The tasks due in the next week, as the social affairs office sees them. */
  readonly tasks: TasksDue;
  /** The same, as the person's village committee sees them (need to know: without the reason). */
  readonly committeeTasks: TasksDue;
}

/**
 * Opens a support listing for a resident in hardship (category 5: help first,
 * led by the social affairs office) from an assessment of their facts, then asks
 * for the tasks due in the next seven days: the office sees what to do and why;
 * the village committee sees that a visit is due, not why.
 *
 * @example
 * ```ts
 * const { tasks } = await openSupport(ledger, town, officers, person.id, today);
 * ```
 */
export const openSupport = async (ledger: Ledger, town: SampleTown, officers: SampleOfficers, person: PersonId, today: LocalDate): Promise<Support> => {
  const resident = town.persons.find((p) => p.id === person);
  if (resident === undefined) throw new RangeError(`${person} 不是本镇居民 / ${person} is not a resident of the town`);
  const listing = must(
    await ledger.openListing(officers.socialAffairs, {
      facts: { person, hardship: { indicators: ["poverty"], assessedBy: officers.socialAffairs.name, assessedOn: today } },
      category: 5,
      id: listingIdOrThrow(`l-${person}`),
      responsibleUnit: officers.socialAffairs.unit,
      responsiblePerson: officers.socialAffairs.name,
    }),
    `open a listing for ${person}`,
  );
  const tasks = must(await ledger.tasksDue(officers.socialAffairs, { horizonDays: 7 }), "tasks due");
  const committee = officers.ofVillage(resident.jurisdiction);
  if (committee === undefined) throw new RangeError(`${resident.jurisdiction} 没有村（居）委会 / ${resident.jurisdiction} has no committee`);
  const committeeTasks = must(await ledger.tasksDue(committee, { horizonDays: 7 }), "the committee's tasks due");
  return { listing, tasks, committeeTasks };
};

/**
 * The calendar month `YYYY-MM` as a report period, first to last day.
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

/** The monthly report twice: from the store, and from the core's pure function. */
export interface MonthlyFigures {
  readonly fromStore: MonthlyReport;
  readonly pure: MonthlyReport;
}

/**
 * The town's monthly report as the ledger computes it from the store (the
 * township's own, exact report), and the core's pure `monthlyReport` over the
 * same records read back through the ledger: the disputes, their cases and
 * their confirmed grades. The two are the same report.
 *
 * @example
 * ```ts
 * const { fromStore } = await monthlyFigures(ledger, town, officers, "2025-05");
 * fromStore.totals.new;
 * ```
 */
export const monthlyFigures = async (ledger: Ledger, town: SampleTown, officers: SampleOfficers, month: string): Promise<MonthlyFigures> => {
  const period = monthPeriod(month);
  const report = must(await ledger.monthlyReport(officers.coordinator, { period }), "monthly report");
  if (report.for !== "own") throw new Error("expected the township's own report");
  const views = await listAll(ledger, officers.coordinator);
  // The grade in force of a confirmed dispute, dated by its grading: in this
  // flow each dispute has one confirmation, made the day it was graded again.
  const grades: Array<LedgerGrade> = views
    .filter((v) => v.gradeConfirmed)
    .map((v) => ({
      dispute: v.id,
      level: v.level,
      priority: v.priority,
      ...(v.grading.prioritySetBy === undefined ? {} : { prioritySetBy: v.grading.prioritySetBy }),
      on: v.grading.on,
    }));
  const data: LedgerData = { units: town.units, disputes: views.map((v) => v.dispute), cases: views.map((v) => v.case), grades };
  const pure = monthlyReport(data, {
    jurisdiction: town.township.code,
    period,
    campaign: zixi2025,
    timeLimits: { calendar: chinaCalendar(), rules: defaultTimeLimits },
  });
  if (!pure.ok) throw new Error(pure.error.message);
  return { fromStore: report.report, pure: pure.value };
};

/** What {@link checkAudit} found. */
export interface AuditCheck {
  /** The signed checkpoint, to keep outside the database. */
  readonly checkpoint: string;
  readonly verification: AuditVerification;
}

/**
 * The coordinator signs a checkpoint of the audit chains' heads; the auditor
 * verifies every chain (each event's hash and link) and the chains against the
 * checkpoint with its public key.
 *
 * @example
 * ```ts
 * const { verification } = await checkAudit(ledger, officers, keys.checkpointPublicKey);
 * verification.ok; // true
 * ```
 */
export const checkAudit = async (ledger: Ledger, officers: SampleOfficers, publicKey: string): Promise<AuditCheck> => {
  const checkpoint = must(await ledger.auditCheckpoint(officers.coordinator), "audit checkpoint");
  const verification = must(await ledger.verifyAudit(officers.auditor, { checkpoint, publicKey }), "verify the audit trail");
  return { checkpoint, verification };
};

/** What {@link tryOutsideScope} saw. */
export interface OutsideScope {
  /** The ledger's refusal: `undefined` would mean it let the write through. */
  readonly refusal: AccessDenied | undefined;
  /** The refusal as the audit trail recorded it. */
  readonly audited: AuditEventRow | undefined;
  readonly versionBefore: number;
  readonly versionAfter: number;
}

/**
 * A village committee member tries to record a measure on a dispute of another
 * village. The ledger refuses (the record is outside the actor's scope), writes
 * nothing, and records the refusal in the audit trail, which the auditor reads.
 * The result is checked with `result.ok`, as every ledger call is.
 *
 * @example
 * ```ts
 * const { refusal } = await tryOutsideScope(ledger, town, officers);
 * refusal?.text.zh; // 拒绝“record-measure”：记录不在操作人的辖区范围内
 * ```
 */
export const tryOutsideScope = async (ledger: Ledger, town: SampleTown, officers: SampleOfficers): Promise<OutsideScope> => {
  const [own, other] = town.villages;
  const target = town.disputes.find((d) => d.jurisdiction === other?.code);
  const outsider = own === undefined ? undefined : officers.ofVillage(own.code);
  if (outsider === undefined || target === undefined) throw new RangeError("本镇需有两个有纠纷的村（居）委会 / the town needs two villages with committees and disputes");
  const before = must(await ledger.getDispute(officers.coordinator, target.id), `read ${target.id}`);
  const result = await ledger.recordMeasure(outsider, { dispute: target.id, version: before.version, measure: "上门做双方工作" });
  const refusal = !result.ok && result.error._tag === "AccessDenied" ? result.error : undefined;
  const after = must(await ledger.getDispute(officers.coordinator, target.id), `read ${target.id}`);
  const audited = (await auditEvents(ledger, officers.auditor, town.township.code)).find(
    (e) => e.outcome === "refused" && e.actor.officerId === outsider.officerId && e.entity.id === target.id,
  );
  return { refusal, audited, versionBefore: before.version, versionAfter: after.version };
};

/**
 * Every event of one audit chain, page after page, as the auditor reads them.
 *
 * @example
 * ```ts
 * const events = await auditEvents(ledger, officers.auditor, town.township.code);
 * ```
 */
export const auditEvents = async (ledger: Ledger, auditor: Actor, chain: string): Promise<ReadonlyArray<AuditEventRow>> => {
  const out: Array<AuditEventRow> = [];
  let cursor: string | undefined;
  do {
    const page = must(await ledger.auditTrail(auditor, { chain, limit: 100, ...(cursor === undefined ? {} : { cursor }) }), "audit trail");
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
};
