import { routeDispute } from "../../routing/route-dispute.js";
import { registerCase } from "../../lifecycle/transition-case.js";
import { Dispute } from "../../model/dispute.js";
import { Person } from "../../model/person.js";
import type { Actor } from "../../model/actor.js";
import type { DisputeId, EventId, PersonId, TaskId } from "../../model/ids.js";
import { registrationRoles } from "../../lifecycle/case-transitions.js";
import type { DisputeRow, IdempotencyRow } from "../../ports/store-rows.js";
import { leafPaths, requireRole, requireScope, requireWrites } from "../access-checks.js";
import { decodeAt, fingerprint, invalid } from "../decode-input.js";
import { type AccessDenied, IdempotencyKeyReused, RecordExists, RecordNotFound, type SealedDataUnreadable } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import type { CaseTransitionError } from "../../lifecycle/case-errors.js";
import { newPersonKey, personRowOf } from "../person-vault.js";
import { type Work, useCase } from "../unit-of-work.js";
import { type DisputeView, disputeView, gradingSummary } from "./dispute-view.js";
import { divisionLevel, parentDivision, type DivisionCode } from "../../model/division-code.js";
import { settledOnOf } from "../dispute-row-columns.js";

/**
 * A dispute to register, with the parties not yet in the ledger.
 * @since 0.3.0
 */
export interface RegisterDisputeInput {
  /** The dispute, as JSON (`DisputeJson`); validated. */
  readonly dispute: unknown;
  /**
   * Persons (as `PersonJson`) registered in the same transaction: the dispute's
   * person parties not yet in the ledger.
   * @default []
   */
  readonly persons?: ReadonlyArray<unknown>;
  /**
   * A key the caller makes once per registration: sending the same registration
   * again with it (after a timeout, say) registers nothing and returns the
   * dispute it registered (as it is now, with its current version) and the persons,
   * with `replayed: true`. Keys are per unit: two units may use the same.
   * @default absent: every call registers
   */
  readonly idempotencyKey?: string;
}

/**
 * What a registration did: the dispute as stored, the persons it registered, and
 * whether this call only replayed an earlier one with the same idempotency key.
 * @since 0.3.0
 */
export interface RegisteredDispute {
  readonly dispute: DisputeView;
  readonly persons: ReadonlyArray<PersonId>;
  readonly replayed: boolean;
}

/**
 * Why a registration can fail.
 * @since 0.3.0
 */
export type RegisterDisputeError = AccessDenied | ValidationError | RecordExists | RecordNotFound | IdempotencyKeyReused | CaseTransitionError | SealedDataUnreadable;

const townshipOf = (code: DivisionCode): DivisionCode => (divisionLevel(code) === "village" ? parentDivision(code)! : code);
const monthOf = (day: string): string => day.slice(0, 7);

/**
 * Registers a dispute: validates it (and any new persons), grades it with the
 * ledger's grading table as of today, routes it, opens its case, records the
 * grading's tasks, and persists all of it with its audit events in one
 * transaction. The grade is a recommendation until an officer confirms it
 * ({@link decideGrade}).
 *
 * Refused when the actor may not register (auditors), when the dispute or a new
 * person lies outside the actor's scope, when the policy does not let the actor
 * write a person's field, when a person party is neither in the ledger nor
 * registered along, or when the dispute's id is taken.
 *
 * For many disputes at once (an import), {@link registerDisputes} does the same
 * for each in batches and resumes an interrupted run.
 *
 * @example
 * ```ts
 *  * import { ledgerPrograms } from "@tiaojie/core";
 *
 * const program = ledgerPrograms.registerDispute(actor, { dispute: json, idempotencyKey: "form-7f3a" });
 * ```
 * @since 0.3.0
 */
export const registerDispute = (actor: Actor, input: RegisterDisputeInput) =>
  useCase("register-dispute", actor, async (work: Work<RegisterDisputeError>) => {
      const target = { action: "register-dispute", entity: "dispute" as const };
      requireRole(work, registrationRoles, target);
      const dispute = decodeAt(work, Dispute, input.dispute, ["dispute"]);
      if (input.persons !== undefined && !Array.isArray(input.persons)) return work.fail(invalid(["persons"], "persons 应是人员数组", "persons must be an array of persons"));
      const persons = (input.persons ?? []).map((p, i) => decodeAt(work, Person, p, ["persons", i]));
      const on = { ...target, id: dispute.id };
      requireScope(work, dispute.jurisdiction, on);

      const key = input.idempotencyKey;
      const idemId = key === undefined ? undefined : `register-dispute:${work.ctx.actor.unit}:${key}`;
      const print = key === undefined ? "" : fingerprint({ dispute, persons });
      if (idemId !== undefined) {
        const seen = await work.tx.idempotency.get(idemId);
        if (seen !== undefined) {
          if (seen.fingerprint !== print) return work.fail(new IdempotencyKeyReused({ key: key! }));
          const first = seen.result as { readonly dispute: DisputeId; readonly persons: ReadonlyArray<PersonId> };
          const now = await work.tx.disputes.get(first.dispute);
          if (now === undefined) return work.fail(new RecordNotFound({ entity: "dispute", id: first.dispute }));
          requireScope(work, now.jurisdiction, on);
          return { dispute: disputeView(now), persons: first.persons, replayed: true };
        }
      }

      const row = await writeRegistration(work, { dispute, persons }, []);
      const registered: RegisteredDispute = { dispute: disputeView(row), persons: persons.map((p) => p.id), replayed: false };
      if (idemId !== undefined) {
        // The ids only: a replay answers with the dispute as it is then.
        const idem: IdempotencyRow = { id: idemId, version: 1, useCase: "register-dispute", fingerprint: print, result: { dispute: row.id, persons: registered.persons }, at: work.now };
        await work.tx.idempotency.insert(idem);
      }
      return registered;
  });

/** @internal A registration's input, decoded: the dispute and the new persons. */
export interface DecodedRegistration {
  readonly dispute: Dispute;
  readonly persons: ReadonlyArray<Person>;
}

/** @internal Why writing one registration can fail. */
export type RegistrationError = AccessDenied | ValidationError | RecordExists | RecordNotFound | CaseTransitionError;

/** @internal A new person of a registration, at `at` (e.g. `["persons", 0]`): not given twice, in the actor's scope, every field one the actor may write. */
const checkNewPerson = (work: Work<AccessDenied | ValidationError>, p: Person, at: ReadonlyArray<string | number>, given: Set<string>): void => {
  if (given.has(p.id)) work.fail(invalid([...at, "id"], `人员 ${p.id} 重复`, `person ${p.id} is given twice`));
  given.add(p.id);
  requireScope(work, p.jurisdiction, { action: "register-person", entity: "person", id: p.id });
  requireWrites(work, leafPaths(p, "person"), { jurisdiction: p.jurisdiction }, { action: "register-person", entity: "person", id: p.id });
};

/**
 * @internal The checks of a registration that need no store: the dispute and
 * each new person lie in the actor's scope, the actor may write every field of
 * each new person, and no person is given twice. Paths are under `at`.
 */
export const checkRegistration = (work: Work<AccessDenied | ValidationError>, { dispute, persons }: DecodedRegistration, at: ReadonlyArray<string | number>): void => {
  requireScope(work, dispute.jurisdiction, { action: "register-dispute", entity: "dispute", id: dispute.id });
  const given = new Set<string>();
  for (const [i, p] of persons.entries()) checkNewPerson(work, p, [...at, "persons", i], given);
};

/**
 * @internal What a caller of {@link writeRegistration} already knows: that the
 * registration passed {@link checkRegistration} with this work's actor, and
 * which persons are in the ledger (for a bulk run, those an earlier item gave:
 * person rows are never removed), so it reads neither again.
 */
export interface KnownBeforeWrite {
  readonly checked: boolean;
  readonly personExists: (person: PersonId) => boolean;
}

const knowNothing: KnownBeforeWrite = { checked: false, personExists: () => false };

/**
 * @internal Registers one decoded dispute and its new persons in the work's
 * transaction (the caller has checked the actor's role and the dispute's scope):
 * the new persons' checks, the parties in the ledger, grading as of today,
 * routing, the case opened, the persons sealed, the grading's tasks, and their
 * audit events. Paths of its validation issues are under `at`. What
 * `registerDispute` does for one dispute and `registerDisputes` for each.
 */
export const writeRegistration = async (
  work: Work<RegistrationError>,
  { dispute, persons }: DecodedRegistration,
  at: ReadonlyArray<string | number>,
  known: KnownBeforeWrite = knowNothing,
): Promise<DisputeRow> => {
      const given = new Set<string>();
      for (const [i, p] of persons.entries()) {
        if (known.checked) given.add(p.id);
        else checkNewPerson(work, p, [...at, "persons", i], given);
        if ((await work.tx.persons.get(p.id)) !== undefined) return work.fail(new RecordExists({ entity: "person", id: p.id }));
      }
      for (const party of dispute.parties) {
        if (party.kind !== "person" || given.has(party.person) || known.personExists(party.person)) continue;
        if ((await work.tx.persons.get(party.person)) === undefined) {
          return work.fail(new RecordNotFound({ entity: "person", id: party.person }));
        }
      }

      const result = work.env.grading.grade(dispute, work.today);
      const route = routeDispute({ domain: dispute.domain, level: result.level, facts: dispute.facts }, work.env.routing);
      const opened = registerCase({ dispute: dispute.id, domain: dispute.domain, on: dispute.reportedOn, actor: work.ctx.actor, eventId: work.env.ids.next() as EventId });
      if (!opened.ok) return work.fail(opened.error);
      const row: DisputeRow = {
        id: dispute.id,
        version: 1,
        jurisdiction: dispute.jurisdiction,
        township: townshipOf(dispute.jurisdiction),
        domain: dispute.domain,
        reportedOn: dispute.reportedOn,
        reportedMonth: monthOf(dispute.reportedOn),
        status: opened.value.record.status,
        level: result.level,
        priority: result.priority,
        gradeConfirmed: false,
        settledOn: settledOnOf({ reportedOn: dispute.reportedOn, case: opened.value.record }),
        parties: dispute.parties.flatMap((p) => (p.kind === "person" ? [p.person] : [])),
        dispute,
        case: opened.value.record,
        grading: gradingSummary(result, work.today),
        route,
        measures: [],
      };

      for (const p of persons) {
        const { key: dataKey, row: keyRow } = newPersonKey(work, p.id, p.jurisdiction);
        await work.tx.personKeys.insert(keyRow);
        await work.tx.persons.insert(personRowOf(work, p, dataKey));
        work.audit({ action: "register-person", entity: "person", id: p.id, jurisdiction: p.jurisdiction, fields: leafPaths(p, "person"), note: { version: 1 } });
      }
      if ((await work.tx.disputes.insert(row)) === "exists") return work.fail(new RecordExists({ entity: "dispute", id: dispute.id }));
      for (const task of result.tasks) {
        const id = work.env.ids.next() as TaskId;
        await work.tx.tasks.insert({ id, version: 1, kind: "grading", jurisdiction: dispute.jurisdiction, dispute: dispute.id, detail: { rule: task.id, kind: task.kind, precedence: task.precedence } });
        work.audit({ action: "create-task", entity: "task", id, jurisdiction: dispute.jurisdiction, fields: ["task"], note: { dispute: dispute.id, rule: task.id } });
      }
      work.audit({
        action: "register-dispute",
        entity: "dispute",
        id: dispute.id,
        jurisdiction: dispute.jurisdiction,
        fields: ["dispute", "case", "grading", "route"],
        note: { version: 1, level: result.level, priority: result.priority, table: result.tableVersion },
      });
      return row;
};
