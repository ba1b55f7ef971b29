import { Schema } from "effect";
import { ActorRoles } from "../taxonomy/actor-roles.js";
import { DivisionCode } from "./division-code.js";
import { OfficerId, UnitId } from "./ids.js";
import { Text } from "./primitives.js";

/**
 * Whoever acts on the ledger: the officer's stable id (a staff number) and display
 * name, the unit they act for, their role, and the jurisdiction their authority
 * covers. Every change and every read of sensitive data is attributed to an
 * actor. Identity is the `officerId` alone: the name is for display.
 *
 * @example
 * ```ts
 * import { decode, Actor } from "@tiaojie/core";
 *
 * decode(Actor, { officerId: "zx-0042", name: "张明", unit: "u-pafz", role: "coordinator", scope: "532301104000" });
 * ```
 * @since 0.1.0
 */
export const Actor = Schema.Struct({
  officerId: OfficerId,
  name: Text(50),
  unit: UnitId,
  role: ActorRoles.schema,
  scope: DivisionCode,
}).annotations({ identifier: "Actor", description: "操作人 / actor" });
/** @since 0.1.0 */
export interface Actor extends Schema.Schema.Type<typeof Actor> {}
/** The JSON form of an {@link Actor}. @since 0.1.0 */
export interface ActorJson extends Schema.Schema.Encoded<typeof Actor> {}
