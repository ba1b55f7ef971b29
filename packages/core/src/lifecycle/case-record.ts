import { Schema } from "effect";
import type { Actor } from "../model/actor.js";
import type { DisputeId, EventId } from "../model/ids.js";
import { UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { Text } from "../model/primitives.js";
import type { CaseStatus } from "../taxonomy/case-statuses.js";
import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import { type ResolutionChannel, ResolutionChannels } from "../taxonomy/resolution-channels.js";
import { type UnitKind, UnitKinds } from "../taxonomy/unit-kinds.js";
import { type ReferralTarget, ReferralTargets, type ResolutionOutcome, ResolutionOutcomes } from "./case-outcomes.js";
import type { CaseEventKind, CaseTransitionName } from "./case-transitions.js";

/**
 * The values a transition carries. Which are required is stated by the
 * transition table; each is checked against its schema.
 *
 * `escalatedTo` is a unit kind (a {@link UnitKinds} code, such as
 * `"city-political-legal-committee"`), so that the body a case is escalated to
 * can be checked. `leadUnitKind` is never given by the caller: the lifecycle
 * reads it from the unit register passed with the request
 * ({@link CaseTransitionRequest}`.units`) and records it in the event beside
 * `leadUnit`.
 *
 * @example
 * ```ts
 * import { decode, CaseFields } from "@tiaojie/core";
 *
 * decode(CaseFields, { leadUnit: "u-sfs", responsiblePerson: "李娟" }).ok; // true
 * decode(CaseFields, { escalatedTo: "city-political-legal-committee", reason: "调解不成" }).ok; // true
 * ```
 * @since 0.1.0
 */
export const CaseFields = Schema.Struct({
  reason: Schema.optionalWith(Text(500), { exact: true }),
  properChannel: Schema.optionalWith(Text(200), { exact: true }),
  leadUnit: Schema.optionalWith(UnitId, { exact: true }),
  /** The kind of the lead unit, as the unit register gives it. @since 0.2.0 */
  leadUnitKind: Schema.optionalWith(UnitKinds.schema, { exact: true }),
  responsiblePerson: Schema.optionalWith(Text(50), { exact: true }),
  channel: Schema.optionalWith(ResolutionChannels.schema, { exact: true }),
  outcome: Schema.optionalWith(ResolutionOutcomes.schema, { exact: true }),
  referredTo: Schema.optionalWith(ReferralTargets.schema, { exact: true }),
  /** The kind of the body the case is escalated to (free text in 0.1). @since 0.2.0 */
  escalatedTo: Schema.optionalWith(UnitKinds.schema, { exact: true }),
  note: Schema.optionalWith(Text(1000), { exact: true }),
}).annotations({ identifier: "CaseFields", description: "流转信息 / transition fields" });
/**
 * @example
 * ```ts
 * const f: CaseFields = { channel: "people-mediation" };
 * ```
 * @since 0.1.0
 */
export interface CaseFields extends Schema.Schema.Type<typeof CaseFields> {}

/**
 * One audit event of a case: which transition, from and to which status, on which
 * day, by whom, with what values. Events are appended, never changed.
 *
 * @example
 * ```ts
 * const last: CaseEvent | undefined = record.history.at(-1);
 * ```
 * @since 0.1.0
 */
export interface CaseEvent {
  readonly id: EventId;
  readonly kind: CaseEventKind;
  readonly case: DisputeId;
  /** The transition, or `"register"` for the first event. */
  readonly transition: CaseTransitionName | "register";
  /**
   * The status before the transition; absent on the first event (registration),
   * so that a record is plain JSON a store keeps as it is.
   * @since 0.3.0 optional (before, present with the value `undefined`)
   */
  readonly from?: CaseStatus;
  readonly to: CaseStatus;
  readonly on: LocalDate;
  readonly actor: Actor;
  readonly fields: CaseFields;
}

/**
 * A dispute's case: its current status, the dispute's domain (set at
 * registration: it decides, for one, that a petition matter is never assigned,
 * referred or escalated to public security through its case), the values the
 * lifecycle has set (lead unit and its kind, responsible person, channel,
 * outcome …) and its full history.
 *
 * @example
 * ```ts
 * import { registerCase } from "@tiaojie/core";
 *
 * const r = registerCase({ dispute: "d-0001" as DisputeId, domain: "neighbourhood", on: "2024-11-05" as LocalDate, actor, eventId: "e-1" as EventId });
 * if (r.ok) r.value.record.status; // "registered"
 * ```
 * @since 0.1.0
 */
export interface CaseRecord {
  readonly dispute: DisputeId;
  /** The dispute's domain, as registered. @since 0.2.0 */
  readonly domain: DisputeDomain;
  readonly status: CaseStatus;
  readonly registeredOn: LocalDate;
  readonly leadUnit?: UnitId;
  /** The lead unit's kind, from the unit register when the case was assigned. @since 0.2.0 */
  readonly leadUnitKind?: UnitKind;
  readonly responsiblePerson?: string;
  readonly channel?: ResolutionChannel;
  readonly outcome?: ResolutionOutcome;
  readonly referredTo?: ReferralTarget;
  /** The kind of body the case was escalated to (a string in 0.1). */
  readonly escalatedTo?: UnitKind;
  /** The reason of the last decline, failure, escalation or reopening. */
  readonly reason?: string;
  readonly properChannel?: string;
  readonly history: ReadonlyArray<CaseEvent>;
}

/**
 * The statuses in which a case is still open: not declined, resolved or closed.
 * Referred and escalated cases stay open in the ledger until they are resolved.
 *
 * @example
 * ```ts
 * import { isOpenStatus } from "@tiaojie/core";
 *
 * isOpenStatus("referred"); // true
 * isOpenStatus("resolved"); // false
 * ```
 * @since 0.1.0
 */
export const isOpenStatus = (status: CaseStatus): boolean =>
  status !== "declined" && status !== "resolved" && status !== "closed";

/**
 * The statuses in which a case is no longer open: declined, resolved, closed
 * (those {@link isOpenStatus} says `false` for).
 *
 * @example
 * ```ts
 * const s: ClosedCaseStatus = "resolved";
 * ```
 * @since 0.4.0
 */
export type ClosedCaseStatus = Extract<CaseStatus, "declined" | "resolved" | "closed">;
