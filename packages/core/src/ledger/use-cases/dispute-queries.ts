import type { Actor } from "../../model/actor.js";
import { type DivisionCode, isWithinDivision } from "../../model/division-code.js";
import { DivisionCode as DivisionCodeSchema } from "../../model/division-code.js";
import type { DisputeId } from "../../model/ids.js";
import { DisputeId as DisputeIdSchema, UnitId as UnitIdSchema } from "../../model/ids.js";
import { Schema } from "effect";
import type { DisputeWhere, Match } from "../../ports/ledger-store.js";
import { AccessDenied, type RecordNotFound } from "../ledger-errors.js";
import { disputeReaders, requireRole, requireScope } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import type { ValidationError } from "../../validation/validation-error.js";
import { type Work, readOnlyUseCase } from "../unit-of-work.js";
import { loadRow } from "../versioned-write.js";
import { type DisputeView, disputeView } from "./dispute-view.js";
import { CaseStatuses } from "../../taxonomy/case-statuses.js";
import { DisputeDomains } from "../../taxonomy/dispute-domains.js";
import { ResolutionPriorities } from "../../taxonomy/resolution-priorities.js";
import { RiskLevels } from "../../taxonomy/risk-levels.js";

/** The code lists of the filters that take codes: a code not in its list is bad input, not an empty listing. */
const filterCodes = [
  ["domain", DisputeDomains],
  ["level", RiskLevels],
  ["priority", ResolutionPriorities],
  ["status", CaseStatuses],
] as const;

/** Refuses a filter code that is not in its code list, naming the filter and listing the codes it takes. */
const checkFilterCodes = (work: Work<ValidationError>, query: ListDisputesQuery): void => {
  for (const [field, taxonomy] of filterCodes) {
    const value: unknown = query[field];
    if (value === undefined) continue;
    const values: ReadonlyArray<unknown> = Array.isArray(value) ? value : [value];
    for (const [i, v] of values.entries()) {
      if ((taxonomy.is as (x: unknown) => boolean)(v)) continue;
      const path = Array.isArray(value) ? [field, i] : [field];
      const codes = taxonomy.codes.join(", ");
      work.fail(invalid(path, `不是${taxonomy.name.zh}代码（可用：${codes}）`, `not a ${taxonomy.name.en} code (one of: ${codes})`));
    }
  }
  if (query.month !== undefined) {
    const months: ReadonlyArray<unknown> = Array.isArray(query.month) ? query.month : [query.month];
    for (const [i, m] of months.entries()) {
      if (typeof m !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) work.fail(invalid(Array.isArray(query.month) ? ["month", i] : ["month"], "月份应为 YYYY-MM", "a month is YYYY-MM"));
    }
  }
};

/** The lead-unit filter: a unit id, or a list of them (any of). */
const UnitFilter = Schema.Union(UnitIdSchema, Schema.Array(UnitIdSchema));

/**
 * Reads one dispute.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.getDispute(officer, "d-000001" as DisputeId);
 * ```
 * @since 0.3.0
 */
export const getDispute = (actor: Actor, id: DisputeId) =>
  readOnlyUseCase("get-dispute", actor, async (work: Work<ReadError>) => {
      const target = { action: "get-dispute", entity: "dispute" as const, id: decodeAt(work, DisputeIdSchema, id, ["id"]) };
      requireRole(work, disputeReaders, target);
      const row = await loadRow(work, work.tx.disputes, "dispute", target.id);
      requireScope(work, row.jurisdiction, target);
      return disputeView(row);
  });

/**
 * The filters of a dispute listing; every one is optional, a list means any of.
 * @since 0.3.0
 */
export interface ListDisputesQuery {
  /**
   * A village, township or county within the actor's scope.
   * @default the actor's scope
   */
  readonly within?: DivisionCode;
  readonly domain?: DisputeWhere["domain"];
  readonly level?: DisputeWhere["level"];
  readonly priority?: DisputeWhere["priority"];
  readonly status?: DisputeWhere["status"];
  /** The lead unit. */
  readonly unit?: DisputeWhere["leadUnit"];
  /** The month reported, `YYYY-MM`. */
  readonly month?: Match<string>;
  /**
   * How many per page (1 to the store's page size).
   * @default 50
   */
  readonly limit?: number;
  /** The `cursor` of the previous page. */
  readonly cursor?: string;
}

/**
 * A page of a listing: its items and the cursor of the next page (absent on the
 * last).
 * @since 0.3.0
 */
export interface ListPage<T> {
  readonly items: ReadonlyArray<T>;
  readonly cursor?: string;
}

const encodeCursor = (id: string): string => Buffer.from(id, "utf8").toString("base64url");
const decodeCursor = (cursor: unknown): string | undefined => {
  // A cursor is only ever a string this ledger made: anything else is not one.
  if (typeof cursor !== "string") return undefined;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  return encodeCursor(id) === cursor ? id : undefined;
};

/** @internal Paging arguments checked: the limit within the store's, the cursor readable. */
export const pageArgs = (work: Work<ValidationError>, limit: unknown, cursor: unknown, max: number): { readonly limit: number; readonly after?: string } => {
  const n = limit ?? Math.min(50, max);
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > max) return work.fail(invalid(["limit"], `每页条数应为 1–${max}`, `limit must be 1–${max}`));
  if (cursor === undefined) return { limit: n };
  const after = decodeCursor(cursor);
  return after === undefined ? work.fail(invalid(["cursor"], "分页标记无效", "the cursor is not one this ledger made")) : { limit: n, after };
};

/**
 * Why a read or a listing can fail.
 * @since 0.3.0
 */
export type ReadError = AccessDenied | ValidationError | RecordNotFound;

/** @internal The cursor of a page's next page. */
export const nextCursor = (next: string | undefined): { readonly cursor?: string } => (next === undefined ? {} : { cursor: encodeCursor(next) });

/**
 * Lists disputes in the actor's scope (or part of it) by the filters, in the
 * stable order of their ids, a page at a time. The scope and every filter are
 * part of the store's query: no row outside them is read. A filter code that
 * is not in its code list, or a month not `YYYY-MM`, is refused as a
 * `ValidationError` naming the filter, never answered with an empty page.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const page = await ledger.listDisputes(officer, { level: ["red", "orange"], status: "in-mediation", limit: 20 });
 * if (page.ok) for (const d of page.value.items) console.log(d.id, d.level);
 * ```
 * @since 0.3.0
 */
export const listDisputes = (actor: Actor, query: ListDisputesQuery = {}) =>
  readOnlyUseCase("list-disputes", actor, async (work: Work<ReadError>) => {
      const target = { action: "list-disputes", entity: "dispute" as const };
      requireRole(work, disputeReaders, target);
      const within = query.within === undefined ? work.ctx.actor.scope : decodeAt(work, DivisionCodeSchema, query.within, ["within"]);
      if (!isWithinDivision(within, work.ctx.actor.scope)) return work.fail(new AccessDenied({ ...target, id: within, reason: "out-of-scope" }));
      const { limit, after } = pageArgs(work, query.limit, query.cursor, work.env.capabilities.maxPageSize);
      checkFilterCodes(work, query);
      const unit = query.unit === undefined ? undefined : decodeAt(work, UnitFilter, query.unit, ["unit"]);
      const where: DisputeWhere = {
        ...(query.domain === undefined ? {} : { domain: query.domain }),
        ...(query.level === undefined ? {} : { level: query.level }),
        ...(query.priority === undefined ? {} : { priority: query.priority }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(unit === undefined ? {} : { leadUnit: unit }),
        ...(query.month === undefined ? {} : { reportedMonth: query.month }),
      };
      const page = await work.tx.disputes.find({ within, where, limit, ...(after === undefined ? {} : { after }) });
      return { items: page.rows.map(disputeView), ...nextCursor(page.next) } satisfies ListPage<DisputeView>;
  });
