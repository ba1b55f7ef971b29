import { Effect } from "effect";
import type { Actor } from "../../model/actor.js";
import { Person } from "../../model/person.js";
import type { PersonId } from "../../model/ids.js";
import { IdentityNumber } from "../../model/identity-number.js";
import { Text } from "../../model/primitives.js";
import { leafPaths, requireScope, requireWrites } from "../access-checks.js";
import { decodeAt } from "../decode-input.js";
import { RecordExists } from "../ledger-errors.js";
import { identityIndexOf, newPersonKey, personRowOf } from "../person-vault.js";
import { useCase } from "../unit-of-work.js";
import { loadForUpdate } from "../versioned-write.js";
import { type PersonView, personViewOf } from "./person-records.js";

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
  useCase("register-person", actor, (work) =>
    Effect.gen(function* () {
      const person = yield* decodeAt(Person, input, ["person"]);
      const target = { action: "register-person", entity: "person" as const, id: person.id };
      yield* requireScope(work, person.jurisdiction, target);
      const fields = leafPaths(person, "person");
      yield* requireWrites(work, fields, { jurisdiction: person.jurisdiction }, target);
      const { key, row: keyRow } = newPersonKey(work, person.id, person.jurisdiction);
      const row = personRowOf(work, person, key);
      if ((yield* work.call(() => work.tx.persons.insert(row))) === "exists") return yield* Effect.fail(new RecordExists({ entity: "person", id: person.id }));
      yield* work.call(() => work.tx.personKeys.insert(keyRow));
      work.audit({ action: "register-person", entity: "person", id: person.id, jurisdiction: person.jurisdiction, fields, note: { version: 1 } });
      return (yield* personViewOf(work, row)).view;
    }),
  );

/**
 * Reads a person, redacted for the actor. Every read that shows more than the
 * public fields is audited with the fields shown and the purpose.
 *
 * @example
 * ```ts
 * const r = await ledger.getPerson(officer, personId, { purpose: "帮扶走访" });
 * ```
 * @since 0.3.0
 */
export const getPerson = (actor: Actor, id: PersonId, read: ReadPurpose) =>
  useCase("get-person", actor, (work) =>
    Effect.gen(function* () {
      const purpose = yield* decodeAt(Purpose, read.purpose, ["purpose"]);
      const row = yield* loadForUpdate(work, work.tx.persons, "person", id, undefined);
      yield* requireScope(work, row.jurisdiction, { action: "get-person", entity: "person", id });
      const { view, fields } = yield* personViewOf(work, row);
      if (fields.length > 0) work.audit({ action: "read-person", entity: "person", id, jurisdiction: row.jurisdiction, fields, purpose });
      return view;
    }),
  );

/**
 * Finds the persons in the actor's scope with this identity number, by its blind
 * index (exact match; nothing else about identity numbers is searchable), the
 * number trimmed and its check character in either case. The search itself is
 * audited, whether it finds anyone or not.
 *
 * @example
 * ```ts
 * const r = await ledger.findPersonByIdentityNumber(officer, "53230119800101001X", { purpose: "核对身份" });
 * ```
 * @since 0.3.0
 */
export const findPersonByIdentityNumber = (actor: Actor, identityNumber: string, read: ReadPurpose) =>
  useCase("find-person", actor, (work) =>
    Effect.gen(function* () {
      const purpose = yield* decodeAt(Purpose, read.purpose, ["purpose"]);
      // As the blind index does: `…002x`, `…002X` and ` …002X ` are one number.
      const entered = typeof identityNumber === "string" ? identityNumber.trim().toUpperCase() : identityNumber;
      const number = yield* decodeAt(IdentityNumber, entered, ["identityNumber"]);
      const page = yield* work.call(() =>
        work.tx.persons.find({ within: work.ctx.actor.scope, where: { identityIndex: identityIndexOf(work, number), erased: false }, limit: 10 }),
      );
      const views = yield* Effect.forEach(page.rows, (row) => personViewOf(work, row));
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
    }),
  );
