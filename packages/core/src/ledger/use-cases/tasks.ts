import { createHash } from "node:crypto";
import { canRead } from "../../access/access-decisions.js";
import type { Actor } from "../../model/actor.js";
import type { DisputeId, ListingId, PersonId, TaskId, UnitId } from "../../model/ids.js";
import type { LocalDate } from "../../model/local-date.js";
import { LocalDate as LocalDateSchema } from "../../model/local-date.js";
import { Text } from "../../model/primitives.js";
import type { Listing } from "../../support/listing.js";
import { type SupportTask, type TaskCompletion, helpFirst, tasksDue as tasksDueCore } from "../../support/due-tasks.js";
import type { Bilingual } from "../../validation/bilingual.js";
import type { ListingRow, TaskRow } from "../../ports/store-rows.js";
import { disputeReaders, requireRole, requireScope, requireWrites } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import type { AccessDenied, RecordNotFound, SealedDataUnreadable } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import { sealFor, openFor } from "../person-vault.js";
import { useCase, type Work, readOnlyUseCase } from "../unit-of-work.js";
import { loadRow } from "../versioned-write.js";
import { openListingRow } from "./person-records.js";

/**
 * A support task as the actor may see it. Who may not know why a person is
 * listed sees that a visit or a measure is due, for whom, by whom and when, but
 * not the category, the measure or the referral that would tell why.
 * @since 0.3.0
 */
export type VisibleSupportTask =
  | (SupportTask & { readonly shown: "full" })
  | {
      readonly shown: "without-reason";
      readonly id: TaskId;
      readonly listing: ListingId;
      readonly person: PersonId;
      readonly title: Bilingual;
      readonly dueOn: LocalDate;
      readonly overdue: boolean;
      readonly unit: UnitId;
    };

/**
 * A task created by grading a dispute (such as crisis intervention), still open.
 * @since 0.3.0
 */
export interface GradingTaskView {
  readonly id: TaskId;
  readonly dispute: DisputeId;
  readonly rule: string;
  readonly kind: string;
  readonly precedence: string;
}

/**
 * The actor's tasks: support tasks due under the listings in scope, help first,
 * and the open tasks grading created.
 * @since 0.3.0
 */
export interface TasksDue {
  readonly asOf: LocalDate;
  readonly support: ReadonlyArray<VisibleSupportTask>;
  readonly grading: ReadonlyArray<GradingTaskView>;
}

const FOLLOW_UP: Bilingual = { zh: "关注帮扶（事由不可见）", en: "follow-up (reason not shown)" };

/**
 * The id of a task shown without its reason: the core's task id names the
 * measure (`l-1:mental-health-follow-up:20250601`), which tells why, so this one
 * names only the listing, the due day and the task's place among that listing's
 * tasks due that day.
 */
const hiddenTaskId = (listing: ListingId, dueOn: LocalDate, n: number): TaskId => {
  const id = `${listing}:${dueOn.replaceAll("-", "")}:${n}`;
  return (id.length <= 64 ? id : `${listing.slice(0, 40)}:${createHash("sha256").update(id).digest("hex").slice(0, 16)}`) as TaskId;
};

/** @internal Every row of a collection's query, page by page. */
export const findAll = async <R, W>(
  work: Work,
  find: (q: { within: Actor["scope"]; where: W; limit: number; after?: string }) => Promise<{ rows: ReadonlyArray<R>; next?: string }>,
  where: W,
  within = work.ctx.actor.scope,
): Promise<ReadonlyArray<R>> => {
    const out: Array<R> = [];
    let after: string | undefined;
    for (;;) {
      const page = await find({ within, where, limit: work.env.capabilities.maxPageSize, ...(after === undefined ? {} : { after }) });
      out.push(...page.rows);
      if (page.next === undefined || page.rows.length === 0) return out;
      after = page.next;
    }
};

/** @internal The completions recorded for these listings, opened. */
export const completionsOf = async (work: Work<SealedDataUnreadable>, rows: ReadonlyArray<TaskRow>): Promise<ReadonlyArray<TaskCompletion>> => {
  const out: Array<TaskCompletion> = [];
  for (const t of rows) if (t.kind === "support-completion" && t.sealed !== undefined && t.person !== undefined) out.push(await openFor<TaskCompletion>(work, t.person, t.sealed));
  return out;
};

/**
 * The tasks due as of a day (today by default) under the open listings in the
 * actor's scope, help first, each shown only as far as the policy lets the actor
 * know why (a task shown without its reason has an id of its own, since the
 * core's names the measure); and the open grading tasks of disputes in scope.
 * Showing a task's category is a read of the listing's category, and is audited.
 * Auditors, who read the audit trail and not the records, are refused.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.tasksDue(villageOfficer, { horizonDays: 7 });
 * ```
 * @since 0.3.0
 */
export const tasksDue = (actor: Actor, options: { readonly asOf?: LocalDate; readonly horizonDays?: number } = {}) =>
  readOnlyUseCase("tasks-due", actor, async (work: Work<AccessDenied | ValidationError | SealedDataUnreadable>) => {
      requireRole(work, disputeReaders, { action: "tasks-due", entity: "task" });
      const asOf = options.asOf === undefined ? work.today : decodeAt(work, LocalDateSchema, options.asOf, ["asOf"]);
      const rows = await findAll<ListingRow, { open: boolean }>(work, (q) => work.tx.listings.find(q), { open: true });
      const listings: Array<Listing> = [];
      for (const row of rows) listings.push(await openListingRow(work, row));
      const taskRows = rows.length === 0 ? [] : await findAll<TaskRow, { kind: "support-completion"; listing: ReadonlyArray<ListingId> }>(work, (q) => work.tx.tasks.find(q), { kind: "support-completion", listing: rows.map((r) => r.id) });
      const completions = await completionsOf(work, taskRows);
      const due = helpFirst(
        tasksDueCore(listings, asOf, {
          measures: work.env.supportMeasures,
          completions,
          ...(options.horizonDays === undefined ? {} : { horizonDays: options.horizonDays }),
        }),
      );
      const byId = new Map(listings.map((l) => [l.id, l]));
      const hiddenCount = new Map<string, number>();
      const support = due.map((t): VisibleSupportTask => {
        const l = byId.get(t.listing)!;
        if (canRead(work.ctx, "listing.category", { jurisdiction: l.jurisdiction, category: l.category }, work.env.policy)) return { ...t, shown: "full" };
        const slot = `${t.listing}\u0000${t.dueOn}`;
        const n = hiddenCount.get(slot) ?? 0;
        hiddenCount.set(slot, n + 1);
        return { shown: "without-reason", id: hiddenTaskId(t.listing, t.dueOn, n), listing: t.listing, person: t.person, title: FOLLOW_UP, dueOn: t.dueOn, overdue: t.overdue, unit: t.unit };
      });
      const shownFull = new Set(support.filter((t) => t.shown === "full").map((t) => t.listing));
      for (const id of shownFull) {
        const l = byId.get(id)!;
        work.audit({ action: "read-tasks", entity: "listing", id, jurisdiction: l.jurisdiction, fields: ["listing.category"], purpose: "tasks-due" });
      }
      const open = await findAll<TaskRow, { kind: "grading"; open: boolean }>(work, (q) => work.tx.tasks.find(q), { kind: "grading", open: true });
      const grading = open.flatMap((t) =>
        t.dispute === undefined || t.detail === undefined ? [] : [{ id: t.id, dispute: t.dispute, rule: t.detail.rule, kind: t.detail.kind, precedence: t.detail.precedence }],
      );
      return { asOf, support, grading } satisfies TasksDue;
  });

/**
 * Records that a support measure was carried out for a listing on a day (today
 * by default); the next task of that measure is then counted from it. What was
 * done is sealed under the person's data key.
 *
 * @example
 * ```ts
 * await ledger.completeTask(officer, { listing: id, measure: "assistance-visit" });
 * ```
 * @since 0.3.0
 */
export const completeTask = (actor: Actor, input: { readonly listing: ListingId; readonly measure: string; readonly on?: LocalDate }) =>
  useCase("complete-task", actor, async (work: Work<AccessDenied | ValidationError | RecordNotFound | SealedDataUnreadable>) => {
      const row = await loadRow(work, work.tx.listings, "listing", input.listing);
      const target = { action: "complete-task", entity: "listing" as const, id: row.id };
      requireScope(work, row.jurisdiction, target);
      const listing = await openListingRow(work, row);
      requireWrites(work, ["listing.history", "listing.category"], { jurisdiction: listing.jurisdiction, category: listing.category }, target);
      const measure = decodeAt(work, Text(64), input.measure, ["measure"]);
      if (!work.env.supportMeasures.measures.some((m) => m.code === measure && m.category === listing.category)) {
        return work.fail(invalid(["measure"], `第 ${listing.category} 类没有措施 ${measure}`, `category ${listing.category} has no measure ${measure}`));
      }
      const on = input.on === undefined ? work.today : decodeAt(work, LocalDateSchema, input.on, ["on"]);
      const completion: TaskCompletion = { listing: listing.id, measure, on };
      const id = work.env.ids.next() as TaskId;
      const sealed = await sealFor(work, listing.person, completion);
      await work.tx.tasks.insert({ id, version: 1, kind: "support-completion", jurisdiction: listing.jurisdiction, unit: listing.responsibleUnit, listing: listing.id, person: listing.person, doneOn: on, sealed });
      work.audit({ action: "complete-task", entity: "task", id, jurisdiction: listing.jurisdiction, fields: ["task.measure", "task.on"], note: { listing: listing.id } });
      return { id, listing: listing.id, on };
  });
