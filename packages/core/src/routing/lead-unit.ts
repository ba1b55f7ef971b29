import type { DivisionCode } from "../model/division-code.js";
import type { Unit } from "../model/unit.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import type { Route } from "./route-dispute.js";

const isCommittee = (kind: UnitKind): boolean => kind === "village-committee" || kind === "community-committee";

/**
 * The unit of a register that leads a dispute. A route names the kind of unit in
 * charge (谁主管谁负责); this picks the unit: when the kind is a village or
 * community committee, the committee of the dispute's own village or community
 * (whichever of the two kinds it is); otherwise the first unit of that kind in
 * the register. `undefined` when the register has no such unit, for the host to
 * decide (a register that lacks a unit the routing names, or a dispute recorded
 * above village level whose route names a committee).
 *
 * @param route - The dispute's route, or anything with its `lead`.
 * @param jurisdiction - The division the dispute was recorded in (its village or community).
 * @param units - The unit register, in the order the first unit of a kind is chosen from.
 *
 * @example
 * ```ts
 * import { leadUnitFor } from "@tiaojie/core";
 *
 * const lead = leadUnitFor(view.route, view.dispute.jurisdiction, units);
 * if (lead !== undefined) {
 *   await ledger.transition(coordinator, { dispute: view.id, version: view.version, transition: "assign", fields: { leadUnit: lead.id, responsiblePerson: "赵强" } });
 * }
 * ```
 * @since 0.6.0
 */
export const leadUnitFor = (route: Pick<Route, "lead">, jurisdiction: DivisionCode, units: ReadonlyArray<Unit>): Unit | undefined =>
  isCommittee(route.lead)
    ? units.find((u) => isCommittee(u.kind) && u.jurisdiction === jurisdiction)
    : units.find((u) => u.kind === route.lead);
