import { Schema } from "effect";
import { bilingualMessage } from "../validation/bilingual.js";

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const makeId = <const B extends string>(brand: B, zh: string) =>
  Schema.String.pipe(
    Schema.filter((s) => ID_PATTERN.test(s), {
      ...bilingualMessage(
        `${zh}应为 1–64 位字母、数字或 . _ : -，且以字母或数字开头`,
        `${brand} must be 1–64 letters, digits or . _ : -, starting with a letter or digit`,
      ),
      jsonSchema: { pattern: ID_PATTERN.source },
    }),
    Schema.brand(brand),
    Schema.annotations({ identifier: brand, description: `${zh} / ${brand}` }),
  );

/**
 * Identifiers are opaque strings chosen by the integrator's system (database keys,
 * UUIDs, ULIDs): 1–64 characters of letters, digits and `. _ : -`. Each kind of
 * record has its own brand, so that a person's id cannot be passed where a
 * dispute's is expected.
 *
 * @example
 * ```ts
 * import { DisputeId } from "@tiaojie/core";
 * import { Schema } from "effect";
 *
 * const id = Schema.decodeSync(DisputeId)("2024-zx-0001");
 * ```
 * @since 0.1.0
 */
export const DisputeId = makeId("DisputeId", "纠纷编号");
/** @since 0.1.0 */
export type DisputeId = typeof DisputeId.Type;
/** The id of a person. @since 0.1.0 */
export const PersonId = makeId("PersonId", "人员编号");
/** @since 0.1.0 */
export type PersonId = typeof PersonId.Type;
/** The id of a unit. @since 0.1.0 */
export const UnitId = makeId("UnitId", "单位编号");
/** @since 0.1.0 */
export type UnitId = typeof UnitId.Type;
/** The id of a support listing. @since 0.1.0 */
export const ListingId = makeId("ListingId", "列管编号");
/** @since 0.1.0 */
export type ListingId = typeof ListingId.Type;
/** The id of a task. @since 0.1.0 */
export const TaskId = makeId("TaskId", "任务编号");
/** @since 0.1.0 */
export type TaskId = typeof TaskId.Type;
/**
 * The stable id of an officer: a staff number (工号) or the integrator's user id.
 * Two actors are the same person exactly when their officer ids are equal, whatever
 * their display names: two officers named 张伟 are two people, and one officer whose
 * name is spelt two ways is one.
 *
 * @example
 * ```ts
 * import { officerId } from "@tiaojie/core";
 *
 * officerId("zx-0042").ok; // true
 * ```
 * @since 0.2.0
 */
export const OfficerId = makeId("OfficerId", "工号");
/** @since 0.2.0 */
export type OfficerId = typeof OfficerId.Type;
/** The id of an audit event. @since 0.1.0 */
export const EventId = makeId("EventId", "事件编号");
/** @since 0.1.0 */
export type EventId = typeof EventId.Type;
