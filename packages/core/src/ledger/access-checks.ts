import { canWrite, isInScope } from "../access/access-decisions.js";
import type { DivisionCode } from "../model/division-code.js";
import type { AuditEntityKind } from "../ports/store-rows.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { AccessDenied } from "./ledger-errors.js";
import type { Work } from "./unit-of-work.js";

/** @internal Where a refusal points: the action and the record. */
export interface Target {
  readonly action: string;
  readonly entity: AuditEntityKind;
  readonly id?: string;
}

/** @internal The record lies within the actor's scope. */
export const requireScope = (work: Work<AccessDenied>, jurisdiction: DivisionCode, target: Target): void => {
  if (!isInScope(work.ctx, jurisdiction)) work.fail(new AccessDenied({ ...target, reason: "out-of-scope" }));
};

/** @internal The actor holds one of these roles. */
export const requireRole = (work: Work<AccessDenied>, roles: ReadonlyArray<ActorRole>, target: Target): void => {
  if (!roles.includes(work.ctx.actor.role)) work.fail(new AccessDenied({ ...target, reason: "role" }));
};

/**
 * The dotted paths of the leaves a value has (arrays add no segment), under a
 * prefix: `{ name, contact: { phone } }` under `person` gives `person.name` and
 * `person.contact.phone`.
 */
export const leafPaths = (value: unknown, prefix: string): ReadonlyArray<string> => {
  const out = new Set<string>();
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) out.add(path);
      for (const x of v) walk(x, path);
    } else if (typeof v === "object" && v !== null) {
      const keys = Object.keys(v);
      if (keys.length === 0) out.add(path);
      for (const k of keys) if ((v as Record<string, unknown>)[k] !== undefined) walk((v as Record<string, unknown>)[k], `${path}.${k}`);
    } else if (v !== undefined) out.add(path);
  };
  walk(value, prefix);
  return [...out];
};

/**
 * @internal The fields an audit event names for the fields a use case touched: a
 * listing's details and a support check's facts as wholes, because the names
 * below them say why a person is listed (`listing.details.dangerousnessGrade`,
 * `listing.details.correction.releasedOn`, `facts.mentalHealth`), and the audit
 * log is read by auditors, who may not know why, and kept in the clear.
 */
export const auditedFields = (paths: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set(paths.map((p) => (p.startsWith("listing.details.") ? "listing.details" : p === "facts" || p.startsWith("facts.") ? "facts" : p))),
];

/** @internal The policy lets the actor write every one of these fields of this subject. */
export const requireWrites = (
  work: Work<AccessDenied>,
  paths: ReadonlyArray<string>,
  subject: { readonly jurisdiction: DivisionCode; readonly category?: SupportCategory },
  target: Target,
): void => {
  for (const path of paths) {
    if (!canWrite(work.ctx, path, subject, work.env.policy)) work.fail(new AccessDenied({ ...target, reason: "field", field: path }));
  }
};

/**
 * The roles that read and change dispute records: everyone who handles disputes.
 * Auditors read the audit log, not the records.
 */
export const disputeReaders: ReadonlyArray<ActorRole> = ["coordinator", "township-leadership", "unit-officer", "village-committee", "grid-worker"];

/** The roles that decide a grade: the handlers, not grid workers or auditors. */
export const gradeDeciders: ReadonlyArray<ActorRole> = ["coordinator", "township-leadership", "unit-officer", "village-committee"];
