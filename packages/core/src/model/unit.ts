import { Schema } from "effect";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { DivisionCode } from "./division-code.js";
import { UnitId } from "./ids.js";
import { Text } from "./primitives.js";

/**
 * A unit that finds, leads or coordinates work on disputes: a township office, a
 * village committee, a higher body. Its kind decides what it is responsible for.
 *
 * @example
 * ```ts
 * import { decode, Unit } from "@tiaojie/core";
 *
 * decode(Unit, { id: "u-sfs", kind: "justice-office", name: "紫溪镇司法所", jurisdiction: "532301104000" });
 * ```
 * @since 0.1.0
 */
export const Unit = Schema.Struct({
  id: UnitId,
  kind: UnitKinds.schema,
  name: Text(100),
  jurisdiction: DivisionCode,
}).annotations({ identifier: "Unit", description: "单位 / unit" });
/** @since 0.1.0 */
export interface Unit extends Schema.Schema.Type<typeof Unit> {}
/** The JSON form of a {@link Unit}. @since 0.1.0 */
export interface UnitJson extends Schema.Schema.Encoded<typeof Unit> {}
