import type { AccessDenied, RecordNotFound, SealedDataUnreadable, VersionConflict } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import { plusDays } from "../../calendar/local-dates.js";
import { isOpenStatus } from "../../lifecycle/case-record.js";
import type { Actor } from "../../model/actor.js";
import type { DivisionCode } from "../../model/division-code.js";
import type { LocalDate } from "../../model/local-date.js";
import { LocalDate as LocalDateSchema } from "../../model/local-date.js";
import type { PersonId } from "../../model/ids.js";
import type { DisputeRow, ListingRow, PersonRow } from "../../ports/store-rows.js";
import { requireRole } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import { useCase, type Work } from "../unit-of-work.js";
import { writeNext } from "../versioned-write.js";
import { closedSince, openListingRow } from "./person-records.js";
import { findAll } from "./tasks.js";

/**
 * What `purgeExpired` did: the persons erased, and the retention policy applied.
 * @since 0.3.0
 */
export interface PurgeResult {
  readonly asOf: LocalDate;
  readonly policy: string;
  /** Whether this was a dry run: then `erased` lists who would be erased, and nothing changed. @since 0.6.0 */
  readonly dryRun: boolean;
  readonly erased: ReadonlyArray<PersonId>;
}

/** The day a person's data may be erased after, or undefined while any listing holds or a listing cannot be read. */
const erasableAfter = async (work: Work<SealedDataUnreadable>, rows: ReadonlyArray<ListingRow>, asOf: LocalDate): Promise<LocalDate | undefined> => {
    let last: LocalDate | undefined;
    for (const row of rows) {
      const listing = await openListingRow(work, row);
      const closed = closedSince(listing, asOf);
      if (closed === undefined) return undefined;
      const until = plusDays(closed, work.env.retention.periods[listing.category].days);
      if (last === undefined || until > last) last = until;
    }
    return last;
};

/**
 * Erases the personal data of every person in the actor's scope whose listings
 * all closed more than their retention period ago (as of `asOf`, today by
 * default) and who is a party to no open dispute of their province, whether
 * within the actor's scope or not (PIPL art. 47). Erasure is
 * crypto-shredding: the person's data key is destroyed, so every copy of their
 * sealed fields (the identity number, contact, listings and task records) that
 * is restored beside the store's keys is unreadable. A full backup of the store
 * holds the wrapped data key too: it stays readable with the key-encryption key
 * until that key is rotated out (`rotateKeys`) and dropped from the
 * provider, so rotate after purging for backups to be shredded as well. Their
 * name and blind index are removed from the person row, which keeps its id and
 * `erasedOn`. Listing rows stay, so reports
 * keep their counts; the audit chain still verifies. Each erasure is audited.
 * Only the peace and rule-of-law office (coordinator) purges. With `dryRun`,
 * it finds the same persons and changes nothing: the listings it read to decide
 * are audited as one `purge-preview` event.
 *
 * @example
 * ```ts
 * const r = await ledger.purgeExpired(coordinator);
 * if (r.ok) console.log(r.value.erased.length);
 * ```
 * @since 0.3.0
 */
export const purgeExpired = (actor: Actor, options: { readonly asOf?: LocalDate; readonly dryRun?: boolean } = {}) =>
  useCase("purge-expired", actor, async (work: Work<AccessDenied | ValidationError | RecordNotFound | VersionConflict | SealedDataUnreadable>) => {
      requireRole(work, ["coordinator"], { action: "purge-expired", entity: "person" });
      const asOf = options.asOf === undefined ? work.today : decodeAt(work, LocalDateSchema, options.asOf, ["asOf"]);
      if (asOf > work.today) return work.fail(invalid(["asOf"], "不能按未来日期删除", "cannot purge as of a day after today"));
      const listings = await findAll<ListingRow, object>(work, (q) => work.tx.listings.find(q), {});
      const byPerson = new Map<string, Array<ListingRow>>();
      for (const l of listings) byPerson.set(l.person, [...(byPerson.get(l.person) ?? []), l]);
      const erased: Array<PersonId> = [];
      for (const [personId, rows] of byPerson) {
        const person = await work.tx.persons.get(personId);
        if (person === undefined || person.erasedOn !== undefined) continue;
        const after = await erasableAfter(work, rows, asOf);
        if (after === undefined || !(after < asOf)) continue;
        // Any open dispute counts, also one outside the actor's scope (a township-level
        // dispute for a coordinator acting for one village, a neighbouring township's):
        // the guard reads the disputes of the person's whole province, and shows none.
        const province = `${person.jurisdiction.slice(0, 2)}0000000000` as DivisionCode;
        const disputes = await findAll<DisputeRow, { party: PersonId }>(work, (q) => work.tx.disputes.find(q), { party: personId as PersonId }, province);
        if (disputes.some((d) => isOpenStatus(d.status))) continue;
        if (options.dryRun !== true) await erase(work, person, asOf, after);
        erased.push(person.id);
      }
      const dryRun = options.dryRun === true;
      if (dryRun) {
        work.audit({
          action: "purge-preview",
          entity: "person",
          id: `purge:${asOf}`,
          jurisdiction: work.ctx.actor.scope,
          fields: ["listing"],
          purpose: "retention",
          note: { policy: work.env.retention.version, dryRun, wouldErase: erased.length },
        });
      }
      return { asOf, policy: work.env.retention.version, dryRun, erased } satisfies PurgeResult;
  });

const erase = async (work: Work<RecordNotFound | VersionConflict>, person: PersonRow, asOf: LocalDate, expiredOn: LocalDate): Promise<void> => {
    const key = await work.tx.personKeys.get(person.id);
    if (key !== undefined) await work.tx.personKeys.remove(key.id, key.version);
    const { name: _n, sealed: _s, identityIndex: _i, ...kept } = person;
    await writeNext(work, work.tx.persons, "person", person, { ...kept, erasedOn: asOf });
    work.audit({
      action: "erase-person",
      entity: "person",
      id: person.id,
      jurisdiction: person.jurisdiction,
      fields: ["person.name", "person.identityNumber", "person.contact", "listing", "task"],
      purpose: "retention",
      note: { policy: work.env.retention.version, expiredOn, version: person.version + 1 },
    });
};
