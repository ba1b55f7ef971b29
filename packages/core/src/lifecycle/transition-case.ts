import type { Actor } from "../model/actor.js";
import type { DisputeId, EventId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { decode } from "../validation/decode.js";
import type { Result } from "../validation/result.js";
import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import type { Unit } from "../model/unit.js";
import { excludesPublicSecurity, isPublicSecurity, isPublicSecurityChannel } from "../routing/public-security.js";
import {
  EventOutOfOrder,
  InvalidCaseFields,
  MissingCaseFields,
  PublicSecurityExcluded,
  RoleNotAllowed,
  TransitionNotAllowed,
  UnknownLeadUnit,
  type CaseTransitionError,
} from "./case-errors.js";
import { CaseFields, type CaseEvent, type CaseRecord } from "./case-record.js";
import { type CaseFieldName, type CaseTransition, caseTransitions, registrationRoles } from "./case-transitions.js";

/**
 * The outcome of a lifecycle step: the new record and the audit event it
 * produced, or the reason it was refused. Nothing throws.
 *
 * @example
 * ```ts
 * const r: CaseTransitionResult = transitionCase(record, request);
 * if (r.ok) save(r.value.record, r.value.event);
 * ```
 * @since 0.1.0
 */
export type CaseTransitionResult = Result<{ readonly record: CaseRecord; readonly event: CaseEvent }, CaseTransitionError>;

/**
 * A request to move a case: the transition's name, who makes it, on which day,
 * the id of the audit event to write, the fields it needs, and, for a
 * transition that sets a lead unit (`assign`), the unit register the lead
 * unit's kind is read from.
 *
 * @example
 * ```ts
 * const request: CaseTransitionRequest = {
 *   transition: "assign", actor, on: "2024-11-20" as LocalDate, eventId: "e-2" as EventId,
 *   fields: { leadUnit: "u-sfs" as UnitId, responsiblePerson: "李娟" },
 *   units: town.units,
 * };
 * ```
 * @since 0.1.0
 */
export interface CaseTransitionRequest {
  readonly transition: string;
  readonly actor: Actor;
  readonly on: LocalDate;
  readonly eventId: EventId;
  readonly fields?: CaseFields;
  /**
   * The units a case may be assigned to (the ledger's unit register, or at
   * least the unit named by `leadUnit`). The lifecycle reads the lead unit's
   * kind from it, never from the caller, so an id and a kind cannot disagree.
   * Needed by a transition that sets `leadUnit`; others ignore it.
   *
   * @since 0.2.0
   */
  readonly units?: ReadonlyArray<Pick<Unit, "id" | "kind">>;
}

const failed = (error: CaseTransitionError): CaseTransitionResult => ({ ok: false, error });

const blank = (v: unknown): boolean => v === undefined || (typeof v === "string" && v.trim() === "");

/** The record after a transition's effect: the status and the values it sets. */
const applyEffect = (record: CaseRecord, t: CaseTransition, fields: CaseFields, event: CaseEvent): CaseRecord => {
  const next: { -readonly [K in keyof CaseRecord]: CaseRecord[K] } = { ...record, status: t.to, history: [...record.history, event] };
  for (const key of t.requires) {
    if (key === "note") continue;
    const value = fields[key];
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  if (t.requires.includes("leadUnit")) {
    if (fields.leadUnitKind === undefined) delete next.leadUnitKind;
    else next.leadUnitKind = fields.leadUnitKind;
  }
  if (t.name === "reopen") {
    delete next.outcome;
    delete next.channel;
  }
  return next;
};

/**
 * Opens the case of a newly registered dispute: status `registered`, with the
 * `case.registered` event, and the dispute's domain. Auditors cannot register.
 *
 * @example
 * ```ts
 * import { registerCase } from "@tiaojie/core";
 *
 * const r = registerCase({ dispute: dispute.id, domain: dispute.domain, on: "2024-11-05" as LocalDate, actor, eventId: "e-1" as EventId });
 * ```
 * @since 0.1.0
 */
export const registerCase = (input: {
  readonly dispute: DisputeId;
  /** The dispute's domain. @since 0.2.0 */
  readonly domain: DisputeDomain;
  readonly on: LocalDate;
  readonly actor: Actor;
  readonly eventId: EventId;
  readonly note?: string;
}): CaseTransitionResult => {
  if (!registrationRoles.includes(input.actor.role)) {
    return failed(new RoleNotAllowed({ case: input.dispute, transition: "register", role: input.actor.role, allowed: registrationRoles }));
  }
  const fields: CaseFields = input.note === undefined ? {} : { note: input.note };
  const checked = decode(CaseFields, fields);
  if (!checked.ok) return failed(new InvalidCaseFields({ case: input.dispute, transition: "register", error: checked.error }));
  const event: CaseEvent = {
    id: input.eventId,
    kind: "case.registered",
    case: input.dispute,
    transition: "register",
    to: "registered",
    on: input.on,
    actor: input.actor,
    fields,
  };
  return { ok: true, value: { record: { dispute: input.dispute, domain: input.domain, status: "registered", registeredOn: input.on, history: [event] }, event } };
};

/**
 * Makes one transition of the table on a case. Checks, in order: the transition
 * exists and is allowed from the current status; the actor's role may make it;
 * the date is not before the last event; every required field is present and not
 * blank; every field given is valid; a lead unit is found in the request's
 * `units`, which give its kind ({@link UnknownLeadUnit}); and a petition matter
 * or a dispute in legal proceedings is not led by a public-security unit,
 * referred or escalated to public security, nor mediated with police linkage
 * ({@link PublicSecurityExcluded}, whatever the table says: an unlawful act is
 * referred on its own, with {@link referUnlawfulAct}). On success returns the
 * new record (the input is not changed) and the audit event, which records the
 * lead unit's kind beside its id; otherwise a typed error and the case is
 * unchanged.
 *
 * @example
 * ```ts
 * import { transitionCase } from "@tiaojie/core";
 *
 * const r = transitionCase(record, { transition: "start-mediation", actor, on: "2024-11-21" as LocalDate, eventId: "e-3" as EventId, fields: { channel: "people-mediation" } });
 * if (!r.ok) console.log(r.error.text.zh);
 * ```
 * @since 0.1.0
 */
export const transitionCase = (
  record: CaseRecord,
  request: CaseTransitionRequest,
  table: ReadonlyArray<CaseTransition> = caseTransitions,
): CaseTransitionResult => {
  const t = table.find((row) => row.name === request.transition);
  if (!t || !t.from.includes(record.status)) {
    return failed(new TransitionNotAllowed({ case: record.dispute, transition: request.transition, from: record.status }));
  }
  if (!t.roles.includes(request.actor.role)) {
    return failed(new RoleNotAllowed({ case: record.dispute, transition: t.name, role: request.actor.role, allowed: t.roles }));
  }
  const last = record.history.at(-1)?.on ?? record.registeredOn;
  if (request.on < last) return failed(new EventOutOfOrder({ case: record.dispute, on: request.on, last }));
  const given = request.fields ?? {};
  const missing: Array<CaseFieldName> = t.requires.filter((key) => blank(given[key]));
  if (missing.length > 0) return failed(new MissingCaseFields({ case: record.dispute, transition: t.name, fields: missing }));
  const kept: Record<string, unknown> = {};
  for (const key of [...t.requires, "note"] as ReadonlyArray<CaseFieldName>) if (given[key] !== undefined) kept[key] = given[key];
  delete kept["leadUnitKind"];
  const first = decode(CaseFields, kept);
  if (!first.ok) return failed(new InvalidCaseFields({ case: record.dispute, transition: t.name, error: first.error }));
  const lead = first.value.leadUnit;
  const unit = lead === undefined ? undefined : request.units?.find((u) => u.id === lead);
  if (lead !== undefined && unit === undefined) return failed(new UnknownLeadUnit({ case: record.dispute, transition: t.name }));
  // The lead unit's kind comes from the register, never from the caller's fields.
  const checked = unit === undefined ? first : decode(CaseFields, { ...kept, leadUnitKind: unit.kind });
  if (!checked.ok) return failed(new InvalidCaseFields({ case: record.dispute, transition: t.name, error: checked.error }));
  if (excludesPublicSecurity(record.domain)) {
    const f = checked.value;
    const field = f.leadUnitKind !== undefined && isPublicSecurity(f.leadUnitKind) ? "leadUnit"
      : f.referredTo === "public-security" ? "referredTo"
      : f.escalatedTo !== undefined && isPublicSecurity(f.escalatedTo) ? "escalatedTo"
      : f.channel !== undefined && isPublicSecurityChannel(f.channel) ? "channel"
      : undefined;
    if (field) return failed(new PublicSecurityExcluded({ case: record.dispute, transition: t.name, domain: record.domain, field }));
  }
  const event: CaseEvent = {
    id: request.eventId,
    kind: t.event,
    case: record.dispute,
    transition: t.name,
    from: record.status,
    to: t.to,
    on: request.on,
    actor: request.actor,
    fields: checked.value,
  };
  return { ok: true, value: { record: applyEffect(record, t, checked.value, event), event } };
};

/**
 * The case as it stood at the end of a day: its history replayed up to and
 * including that day. Before registration, `undefined`.
 *
 * @example
 * ```ts
 * import { caseAsOf } from "@tiaojie/core";
 *
 * caseAsOf(record, "2024-12-28" as LocalDate)?.status;
 * ```
 * @since 0.1.0
 */
export const caseAsOf = (
  record: CaseRecord,
  date: LocalDate,
  table: ReadonlyArray<CaseTransition> = caseTransitions,
): CaseRecord | undefined => {
  if (record.registeredOn > date) return undefined;
  const last = record.history.at(-1);
  if (last === undefined || last.on <= date) return record;
  const first = record.history[0];
  let state: CaseRecord = {
    dispute: record.dispute,
    domain: record.domain,
    status: "registered",
    registeredOn: record.registeredOn,
    history: first && first.transition === "register" ? [first] : [],
  };
  for (const event of record.history) {
    if (event.transition === "register") continue;
    if (event.on > date) break;
    const t = table.find((row) => row.name === event.transition);
    if (t) state = applyEffect(state, t, event.fields, event);
  }
  return state;
};
