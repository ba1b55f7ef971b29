import type { Actor } from "../model/actor.js";
import type { Unit } from "../model/unit.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";

/**
 * An actor together with the kind of the unit it acts for. The policy needs the
 * kind (a health centre and a police station see different things) and an
 * {@link Actor} names only its unit's id: the caller, who holds the unit
 * register, resolves it once per request, e.g. with {@link actorContext}.
 *
 * @example
 * ```ts
 * import type { ActorContext } from "@tiaojie/core";
 *
 * const ctx: ActorContext = { actor, unitKind: "health-centre" };
 * ```
 * @since 0.1.0
 */
export interface ActorContext {
  readonly actor: Actor;
  readonly unitKind: UnitKind;
}

/**
 * Builds the {@link ActorContext} of an actor from the unit register, or
 * `undefined` when the actor's unit is not in it (deny, rather than guess).
 *
 * @example
 * ```ts
 * import { actorContext } from "@tiaojie/core";
 *
 * const ctx = actorContext(actor, town.units);
 * if (!ctx) throw new Error("unknown unit");
 * ```
 * @since 0.1.0
 */
export const actorContext = (actor: Actor, units: ReadonlyArray<Unit>): ActorContext | undefined => {
  const unit = units.find((u) => u.id === actor.unit);
  return unit ? { actor, unitKind: unit.kind } : undefined;
};
