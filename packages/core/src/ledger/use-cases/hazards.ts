import type { AccessDenied, RecordNotFound, VersionConflict } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import { Schema } from "effect";
import type { Actor } from "../../model/actor.js";
import { DivisionCode } from "../../model/division-code.js";
import { UnitId } from "../../model/ids.js";
import { LocalDate } from "../../model/local-date.js";
import { Text, optionalField } from "../../model/primitives.js";
import type { HazardRow } from "../../ports/store-rows.js";
import { requireRole, requireScope } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import { type Work, useCase, readOnlyUseCase } from "../unit-of-work.js";
import { loadForUpdate, writeNext } from "../versioned-write.js";
import { findAll } from "./tasks.js";

/**
 * A safety hazard at a place, as registered: where, what, which unit fixes it,
 * by when. It names places and things, never persons.
 * @since 0.3.0
 */
export const HazardInput = Schema.Struct({
  jurisdiction: DivisionCode,
  place: Text(200),
  hazard: Text(500),
  responsibleUnit: UnitId,
  deadline: LocalDate,
  measure: optionalField(Text(500)),
}).annotations({ identifier: "HazardInput", description: "安全隐患 / safety hazard" });
/** @since 0.3.0 */
export type HazardInput = typeof HazardInput.Encoded;

/**
 * A hazard as the ledger returns it, with whether it is overdue today.
 * @since 0.3.0
 */
export interface HazardView extends HazardRow {
  readonly overdue: boolean;
}

const handlers = ["coordinator", "township-leadership", "unit-officer", "village-committee", "grid-worker"] as const;

/**
 * Registers a safety hazard of a place (a school gate without barriers, a clinic
 * entrance): open until its unit fixes it.
 *
 * @example
 * ```ts
 * await ledger.registerHazard(officer, { jurisdiction: village, place: "紫溪小学校门", hazard: "无隔离护栏", responsibleUnit, deadline: "2025-04-30" });
 * ```
 * @since 0.3.0
 */
export const registerHazard = (actor: Actor, input: HazardInput) =>
  useCase("register-hazard", actor, async (work: Work<AccessDenied | ValidationError>) => {
      requireRole(work, handlers, { action: "register-hazard", entity: "hazard" });
      const h = decodeAt(work, HazardInput, input, ["hazard"]);
      requireScope(work, h.jurisdiction, { action: "register-hazard", entity: "hazard" });
      if (!work.env.unitById.has(h.responsibleUnit)) return work.fail(invalid(["hazard", "responsibleUnit"], `单位 ${h.responsibleUnit} 不在单位名册中`, `unit ${h.responsibleUnit} is not in the unit register`));
      if (h.deadline < work.today) return work.fail(invalid(["hazard", "deadline"], "整改期限不能早于今天", "the deadline cannot be before today"));
      const row: HazardRow = { id: work.env.ids.next(), version: 1, ...h, foundOn: work.today, status: "open" };
      await work.tx.hazards.insert(row);
      work.audit({ action: "register-hazard", entity: "hazard", id: row.id, jurisdiction: row.jurisdiction, fields: Object.keys(h).map((k) => `hazard.${k}`), note: { version: 1 } });
      return { ...row, overdue: false } satisfies HazardView;
  });

/**
 * Records that a hazard was fixed, with what was done.
 *
 * @example
 * ```ts
 * await ledger.fixHazard(officer, { hazard: id, version: 1, measure: "已安装隔离护栏" });
 * ```
 * @since 0.3.0
 */
export const fixHazard = (actor: Actor, input: { readonly hazard: string; readonly version: number; readonly measure: string }) =>
  useCase("fix-hazard", actor, async (work: Work<AccessDenied | ValidationError | RecordNotFound | VersionConflict>) => {
      const id = decodeAt(work, Schema.String, input.hazard, ["hazard"]);
      requireRole(work, handlers, { action: "fix-hazard", entity: "hazard", id });
      const row = await loadForUpdate(work, work.tx.hazards, "hazard", id, input.version);
      requireScope(work, row.jurisdiction, { action: "fix-hazard", entity: "hazard", id: row.id });
      if (row.status === "fixed") return work.fail(invalid(["hazard"], "该隐患已整改", "the hazard is already fixed"));
      const measure = decodeAt(work, Text(500), input.measure, ["measure"]);
      const next = await writeNext(work, work.tx.hazards, "hazard", row, { ...row, status: "fixed", fixedOn: work.today, measure });
      work.audit({ action: "fix-hazard", entity: "hazard", id: row.id, jurisdiction: row.jurisdiction, fields: ["hazard.status", "hazard.fixedOn", "hazard.measure"], note: { version: next.version } });
      return { ...next, overdue: false } satisfies HazardView;
  });

/**
 * The hazards in the actor's scope: all, or only the open ones, or only those
 * overdue (open past their deadline) as of today.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.listHazards(officer, { overdue: true });
 * ```
 * @since 0.3.0
 */
export const listHazards = (actor: Actor, query: { readonly status?: HazardRow["status"]; readonly overdue?: boolean } = {}) =>
  readOnlyUseCase("list-hazards", actor, async (work: Work<AccessDenied>) => {
      requireRole(work, handlers, { action: "list-hazards", entity: "hazard" });
      const where = {
        ...(query.overdue === true ? { status: "open" as const, deadlineBefore: work.today } : query.status === undefined ? {} : { status: query.status }),
      };
      const rows = await findAll<HazardRow, typeof where>(work, (q) => work.tx.hazards.find(q), where);
      return rows.map((r): HazardView => ({ ...r, overdue: r.status === "open" && r.deadline < work.today }));
  });
