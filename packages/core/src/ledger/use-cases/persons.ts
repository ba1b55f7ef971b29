import type { Actor } from "../../model/actor.js";
import { Person } from "../../model/person.js";
import type { PersonId } from "../../model/ids.js";
import { PersonId as PersonIdSchema } from "../../model/ids.js";
import { IdentityNumber } from "../../model/identity-number.js";
import { Text } from "../../model/primitives.js";
import { leafPaths, requireScope, requireWrites } from "../access-checks.js";
import { decodeAt } from "../decode-input.js";
import { AccessDenied, RecordExists, type SealedDataUnreadable } from "../ledger-errors.js";
import { readAccess } from "../../access/access-decisions.js";
import type { ValidationError } from "../../validation/validation-error.js";
import type { ReadError } from "./dispute-queries.js";
import { identityIndexOf, newPersonKey, personRowOf } from "../person-vault.js";
import { type Work, useCase, readOnlyUseCase } from "../unit-of-work.js";
import { loadRow } from "../versioned-write.js";
import { personViewOf } from "./person-records.js";

/**
 * Why a person's data is read (PIPL: the purpose of the processing), recorded
 * with the read in the audit log, e.g. `帮扶走访` or `listing review`.
 * @since 0.3.0
 */
export interface ReadPurpose {
  readonly purpose: string;
}

const Purpose = Text(100);

/**
 * Registers a person. The identity number and contact are sealed under a new
 * data key of the person's own; the identity number is also kept as a blind
 * index, findable by exact match only. The policy decides who may record which
 * field: by default only the units whose work needs identity and phone numbers
 * record them.
 *
 * @example
 * ```ts
 * const r = await ledger.registerPerson(socialAffairsOfficer, { id: "p-0001", name: "李四", jurisdiction: village, identityNumber });
 * ```
 * @since 0.3.0
 */
export const registerPerson = (actor: Actor, input: unknown) =>
  useCase("register-person", actor, async (work: Work<AccessDenied | ValidationError | RecordExists | SealedDataUnreadable>) => {
      const person = decodeAt(work, Person, input, ["person"]);
      const target = { action: "register-person", entity: "person" as const, id: person.id };
      requireScope(work, person.jurisdiction, target);
      const fields = leafPaths(person, "person");
      requireWrites(work, fields, { jurisdiction: person.jurisdiction }, target);
      const { key, row: keyRow } = newPersonKey(work, person.id, person.jurisdiction);
      const row = personRowOf(work, person, key);
      if ((await work.tx.persons.insert(row)) === "exists") return work.fail(new RecordExists({ entity: "person", id: person.id }));
      await work.tx.personKeys.insert(keyRow);
      work.audit({ action: "register-person", entity: "person", id: person.id, jurisdiction: person.jurisdiction, fields, note: { version: 1 } });
      return (await personViewOf(work, row)).view;
  });

/**
 * Reads a person, redacted for the actor. Every read that shows more than the
 * public fields is audited with the fields shown and the purpose.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.getPerson(officer, personId, { purpose: "帮扶走访" });
 * ```
 * @since 0.3.0
 */
export const getPerson = (actor: Actor, given: PersonId, read: ReadPurpose) =>
  readOnlyUseCase("get-person", actor, async (work: Work<ReadError | SealedDataUnreadable>) => {
      const id = decodeAt(work, PersonIdSchema, given, ["id"]);
      const purpose = decodeAt(work, Purpose, read.purpose, ["purpose"]);
      const row = await loadRow(work, work.tx.persons, "person", id);
      requireScope(work, row.jurisdiction, { action: "get-person", entity: "person", id });
      const { view, fields } = await personViewOf(work, row);
      if (fields.length > 0) work.audit({ action: "read-person", entity: "person", id, jurisdiction: row.jurisdiction, fields, purpose });
      return view;
  });

/**
 * Finds the persons in the actor's scope with this identity number, by its blind
 * index (exact match; nothing else about identity numbers is searchable), the
 * number trimmed and its check character in either case. Only the audiences that
 * see identity numbers in full may search (by default the health centre, police
 * station, justice office and social affairs office). The search itself is
 * audited, whether it finds anyone or not.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.findPersonByIdentityNumber(officer, "53230119800101001X", { purpose: "核对身份" });
 * ```
 * @since 0.3.0
 */
export const findPersonByIdentityNumber = (actor: Actor, identityNumber: string, read: ReadPurpose) =>
  readOnlyUseCase("find-person", actor, async (work: Work<AccessDenied | ValidationError | SealedDataUnreadable>) => {
      const purpose = decodeAt(work, Purpose, read.purpose, ["purpose"]);
      // Confirming that a number belongs to someone is itself a read of it: only
      // those who may see identity numbers in full may search by one.
      if (readAccess(work.ctx, "person.identityNumber", { jurisdiction: work.ctx.actor.scope }, work.env.policy) !== "full") {
        return work.fail(new AccessDenied({ action: "find-person", entity: "person", reason: "read", field: "person.identityNumber" }));
      }
      // As the blind index does: `…002x`, `…002X` and ` …002X ` are one number.
      const entered = typeof identityNumber === "string" ? identityNumber.trim().toUpperCase() : identityNumber;
      const number = decodeAt(work, IdentityNumber, entered, ["identityNumber"]);
      const page = await work.tx.persons.find({ within: work.ctx.actor.scope, where: { identityIndex: identityIndexOf(work, number), erased: false }, limit: 10 });
      const views = [];
      for (const row of page.rows) views.push(await personViewOf(work, row));
      work.audit({
        action: "find-person",
        entity: "person",
        id: page.rows.map((r) => r.id).join(","),
        jurisdiction: work.ctx.actor.scope,
        fields: ["person.identityNumber", ...new Set(views.flatMap((v) => v.fields))],
        purpose,
        note: { found: page.rows.length },
      });
      return views.map((v) => v.view);
  });
