import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { CaseStatus } from "../taxonomy/case-statuses.js";
import type { Bilingual } from "../validation/bilingual.js";

/**
 * The names of the transitions of a case.
 *
 * @example
 * ```ts
 * const t: CaseTransitionName = "start-mediation";
 * ```
 * @since 0.1.0
 */
export type CaseTransitionName =
  | "accept"
  | "decline"
  | "assign"
  | "start-mediation"
  | "resolve"
  | "fail-mediation"
  | "remediate"
  | "refer"
  | "escalate"
  | "close"
  | "follow-up"
  | "reopen";

/**
 * The fields a transition may require. Each is a non-blank text except `channel`
 * (a {@link ResolutionChannels} code), `outcome` (a {@link ResolutionOutcomes}
 * code), `referredTo` (a {@link ReferralTargets} code), `escalatedTo` (a
 * {@link UnitKinds} code, since 0.2.0) and `leadUnit` (a unit id, whose kind the
 * lifecycle reads from the request's unit register).
 *
 * @example
 * ```ts
 * const f: CaseFieldName = "responsiblePerson";
 * ```
 * @since 0.1.0
 */
export type CaseFieldName =
  | "reason"
  | "properChannel"
  | "leadUnit"
  | "responsiblePerson"
  | "channel"
  | "outcome"
  | "referredTo"
  | "escalatedTo"
  | "note";

/**
 * The audit events the lifecycle produces, one per transition (and one for
 * registration).
 *
 * @example
 * ```ts
 * const k: CaseEventKind = "case.mediation-started";
 * ```
 * @since 0.1.0
 */
export type CaseEventKind =
  | "case.registered"
  | "case.accepted"
  | "case.declined"
  | "case.assigned"
  | "case.mediation-started"
  | "case.resolved"
  | "case.mediation-failed"
  | "case.re-mediation-started"
  | "case.referred"
  | "case.escalated"
  | "case.closed"
  | "case.followed-up"
  | "case.reopened";

/**
 * One row of the transition table: from which statuses, to which status, who may
 * make it, what it needs, and the audit event it produces.
 *
 * @example
 * ```ts
 * import { caseTransitions } from "@tiaojie/core";
 *
 * const assign: CaseTransition | undefined = caseTransitions.find((t) => t.name === "assign");
 * assign?.requires; // ["leadUnit", "responsiblePerson"]
 * ```
 * @since 0.1.0
 */
export interface CaseTransition {
  readonly name: CaseTransitionName;
  readonly label: Bilingual;
  readonly from: ReadonlyArray<CaseStatus>;
  readonly to: CaseStatus;
  readonly roles: ReadonlyArray<ActorRole>;
  readonly requires: ReadonlyArray<CaseFieldName>;
  readonly event: CaseEventKind;
}

const LEAD: ReadonlyArray<ActorRole> = ["coordinator", "township-leadership"];
const HANDLERS: ReadonlyArray<ActorRole> = ["coordinator", "township-leadership", "unit-officer", "village-committee"];

/**
 * The roles that may register a case: anyone who finds a dispute, except auditors
 * (who only read).
 *
 * @example
 * ```ts
 * import { registrationRoles } from "@tiaojie/core";
 *
 * registrationRoles.includes("grid-worker"); // true
 * ```
 * @since 0.1.0
 */
export const registrationRoles: ReadonlyArray<ActorRole> = [...HANDLERS, "grid-worker"];

/**
 * The case lifecycle as data (registration is the start, see {@link registerCase}):
 *
 * registered → accepted, or declined with a reason and the proper channel →
 * assigned to a lead unit and a named responsible person → in mediation through a
 * channel → resolved (agreement, withdrawal, judgement, other), or mediation failed
 * (a named person takes charge, 包保) → re-mediation, referral (court, arbitration,
 * administrative decision) or escalation (to a higher body, by its unit kind) →
 * resolved → closed → follow-up visits; a closed or declined case can be
 * reopened with a reason.
 *
 * The same table drives {@link transitionCase} and the diagram
 * {@link caseLifecycleMermaid}.
 *
 * @example
 * ```ts
 * import { caseTransitions } from "@tiaojie/core";
 *
 * caseTransitions.filter((t) => t.from.includes("mediation-failed")).map((t) => t.name);
 * // ["remediate", "refer", "escalate"]
 * ```
 * @since 0.1.0
 */
export const caseTransitions: ReadonlyArray<CaseTransition> = [
  { name: "accept", label: { zh: "受理", en: "accept" }, from: ["registered"], to: "accepted", roles: [...LEAD, "unit-officer"], requires: [], event: "case.accepted" },
  { name: "decline", label: { zh: "不予受理", en: "decline" }, from: ["registered"], to: "declined", roles: LEAD, requires: ["reason", "properChannel"], event: "case.declined" },
  { name: "assign", label: { zh: "交办", en: "assign" }, from: ["accepted"], to: "assigned", roles: LEAD, requires: ["leadUnit", "responsiblePerson"], event: "case.assigned" },
  { name: "start-mediation", label: { zh: "开始调解", en: "start mediation" }, from: ["assigned"], to: "in-mediation", roles: HANDLERS, requires: ["channel"], event: "case.mediation-started" },
  { name: "resolve", label: { zh: "化解", en: "resolve" }, from: ["in-mediation", "referred", "escalated"], to: "resolved", roles: HANDLERS, requires: ["outcome"], event: "case.resolved" },
  { name: "fail-mediation", label: { zh: "调解不成", en: "mediation failed" }, from: ["in-mediation"], to: "mediation-failed", roles: HANDLERS, requires: ["reason", "responsiblePerson"], event: "case.mediation-failed" },
  { name: "remediate", label: { zh: "再次调解", en: "re-mediate" }, from: ["mediation-failed"], to: "in-mediation", roles: HANDLERS, requires: ["channel"], event: "case.re-mediation-started" },
  { name: "refer", label: { zh: "移送", en: "refer" }, from: ["mediation-failed"], to: "referred", roles: [...LEAD, "unit-officer"], requires: ["referredTo"], event: "case.referred" },
  { name: "escalate", label: { zh: "上报", en: "escalate" }, from: ["mediation-failed"], to: "escalated", roles: LEAD, requires: ["escalatedTo", "reason"], event: "case.escalated" },
  { name: "close", label: { zh: "结案", en: "close" }, from: ["resolved"], to: "closed", roles: LEAD, requires: [], event: "case.closed" },
  { name: "follow-up", label: { zh: "回访", en: "follow-up visit" }, from: ["closed"], to: "closed", roles: [...HANDLERS, "grid-worker"], requires: ["note"], event: "case.followed-up" },
  { name: "reopen", label: { zh: "重新办理", en: "reopen" }, from: ["closed", "declined"], to: "accepted", roles: LEAD, requires: ["reason"], event: "case.reopened" },
];

/**
 * The transitions that can be made from a status, in table order.
 *
 * @example
 * ```ts
 * import { transitionsFrom } from "@tiaojie/core";
 *
 * transitionsFrom("registered").map((t) => t.name); // ["accept", "decline"]
 * ```
 * @since 0.1.0
 */
export const transitionsFrom = (
  status: CaseStatus,
  table: ReadonlyArray<CaseTransition> = caseTransitions,
): ReadonlyArray<CaseTransition> => table.filter((t) => t.from.includes(status));
