import { Schema } from "effect";
import { ActorRoles } from "../taxonomy/actor-roles.js";
import { DivisionCode } from "./division-code.js";
import { UnitId } from "./ids.js";
import { Text } from "./primitives.js";

/**
 * Whoever acts on the ledger: the officer (a name or staff number), the unit they
 * act for, their role, and the jurisdiction their authority covers. Every change
 * and every read of sensitive data is attributed to an actor.
 *
 * @example
 * ```ts
 * import { decode, Actor } from "@tiaojie/core";
 *
 * decode(Actor, { officer: "张明", unit: "u-pafz", role: "coordinator", scope: "532301104000" });
 * ```
 * @since 0.1.0
 */
export const Actor = Schema.Struct({
  officer: Text(50),
  unit: UnitId,
  role: ActorRoles.schema,
  scope: DivisionCode,
}).annotations({ identifier: "Actor", description: "操作人 / actor" });
/** @since 0.1.0 */
export interface Actor extends Schema.Schema.Type<typeof Actor> {}
/** The JSON form of an {@link Actor}. @since 0.1.0 */
export interface ActorJson extends Schema.Schema.Encoded<typeof Actor> {}
