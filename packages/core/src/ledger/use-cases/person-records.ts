import { redact } from "../../access/redact.js";
import type { RedactedSupportRecord } from "../../access/support-record.js";
import { fieldRuleOf } from "../../access/access-decisions.js";
import type { Listing } from "../../support/listing.js";
import { listingStatusAsOf } from "../../support/listing-status.js";
import type { LocalDate } from "../../model/local-date.js";
import type { ListingRow, PersonRow } from "../../ports/store-rows.js";
import { leafPaths } from "../access-checks.js";
import { openFor, openPerson, sealFor } from "../person-vault.js";
import type { Work } from "../unit-of-work.js";
import type { SealedDataUnreadable } from "../ledger-errors.js";

/**
 * A person as the actor may see them: the redacted person (fields the policy
 * hides are absent, identity and phone numbers masked for most), the version,
 * and `erasedOn` once the retention period erased them.
 * @since 0.3.0
 */
export interface PersonView {
  readonly id: PersonRow["id"];
  readonly version: number;
  readonly person?: RedactedSupportRecord["person"];
  readonly registeredOn: LocalDate;
  readonly erasedOn?: LocalDate;
}

/**
 * A listing as the actor may see it, with its person, redacted by the policy;
 * and the version to send back with a change.
 * @since 0.3.0
 */
export interface ListingView {
  readonly id: ListingRow["id"];
  readonly version: number;
  readonly record: RedactedSupportRecord;
}

/** The fields a redacted record shows that are not public: what a read is audited for. */
export const revealedFields = (work: Work, record: RedactedSupportRecord): ReadonlyArray<string> =>
  [...leafPaths(record.person ?? {}, "person"), ...leafPaths(record.listing ?? {}, "listing")].filter((path) => {
    const rule = fieldRuleOf(path, work.env.policy);
    return rule !== undefined && rule.class !== "public";
  });

/** @internal The person of a row, redacted for the actor, and the fields shown. */
export const personViewOf = async (work: Work<SealedDataUnreadable>, row: PersonRow): Promise<{ readonly view: PersonView; readonly fields: ReadonlyArray<string> }> => {
    const person = await openPerson(work, row);
    const seen = person === undefined ? undefined : redact({ person }, work.ctx, work.env.policy);
    const view: PersonView = {
      id: row.id,
      version: row.version,
      registeredOn: row.registeredOn,
      ...(seen?.person === undefined ? {} : { person: seen.person }),
      ...(row.erasedOn === undefined ? {} : { erasedOn: row.erasedOn }),
    };
    return { view, fields: seen === undefined ? [] : revealedFields(work, seen) };
};

/** @internal A listing row opened. */
export const openListingRow = (work: Work<SealedDataUnreadable>, row: ListingRow): Promise<Listing> => openFor<Listing>(work, row.person, row.sealed);

/** @internal The day a listing stopped holding, as of a day; undefined while it holds or has not begun. */
export const closedSince = (listing: Listing, asOf: LocalDate): LocalDate | undefined => {
  const s = listingStatusAsOf(listing, asOf);
  return s.kind === "active" || s.kind === "upcoming" ? undefined : s.since;
};

/** @internal The row of a listing: who, where, who leads, when it closed by its history; the rest sealed. */
export const listingRowOf = async (work: Work<SealedDataUnreadable>, listing: Listing, version: number): Promise<ListingRow> => {
      const sealed = await sealFor(work, listing.person, listing);
      const closing = listing.history.find((e) => e.kind === "ended" || e.kind === "removed" || e.kind === "lapsed");
      return {
        id: listing.id,
        version,
        person: listing.person,
        jurisdiction: listing.jurisdiction,
        responsibleUnit: listing.responsibleUnit,
        ...(closing === undefined ? {} : { closedOn: closing.on }),
        sealed,
      };
};
