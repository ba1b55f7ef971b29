import { Data, Schema } from "effect";
import { redact } from "../../access/redact.js";
import type { Actor } from "../../model/actor.js";
import type { ListingId, PersonId, UnitId } from "../../model/ids.js";
import { ListingId as ListingIdSchema, PersonId as PersonIdSchema, UnitId as UnitIdSchema } from "../../model/ids.js";
import { DivisionCode as DivisionCodeSchema } from "../../model/division-code.js";
import { Text } from "../../model/primitives.js";
import type { DivisionCode } from "../../model/division-code.js";
import { isWithinDivision } from "../../model/division-code.js";
import { type EligibilityResult, draftListing, evaluateEligibility } from "../../support/eligibility.js";
import type { Listing, ListingDetails, ListingEvidence } from "../../support/listing.js";
import { endListing as endCore, removeListing as removeCore, reviewListing as reviewCore } from "../../support/listing-status.js";
import { SupportFacts } from "../../support/support-facts.js";
import { type SupportCategory, SupportCategories } from "../../taxonomy/support-categories.js";
import type { LocalDate } from "../../model/local-date.js";
import type { Bilingual } from "../../validation/bilingual.js";
import { auditedFields, leafPaths, requireScope, requireWrites } from "../access-checks.js";
import { decodeAt, invalid } from "../decode-input.js";
import { AccessDenied, printable, RecordExists, type RecordNotFound, type SealedDataUnreadable, type VersionConflict } from "../ledger-errors.js";
import type { ValidationError } from "../../validation/validation-error.js";
import type { Person } from "../../model/person.js";
import type { ListingClosureError, ListingReviewError } from "../../support/listing-errors.js";
import { openPerson } from "../person-vault.js";
import { useCase, type Work, readOnlyUseCase } from "../unit-of-work.js";
import { loadForUpdate, writeNext } from "../versioned-write.js";
import { type ListingView, listingRowOf, openListingRow, revealedFields } from "./person-records.js";
import { nextCursor, pageArgs, type ListPage } from "./dispute-queries.js";
import type { ReadPurpose } from "./persons.js";
import type { ListingRow } from "../../ports/store-rows.js";

/**
 * The facts do not qualify the person for the category asked (or for any): each
 * criterion's reasons say why.
 * @since 0.3.0
 */
export class NotEligible extends Data.TaggedError("NotEligible")<{
  readonly person: PersonId;
  readonly category?: SupportCategory;
  readonly result: EligibilityResult;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    const c = this.category === undefined ? "" : `第 ${printable(this.category)} 类`;
    const ce = this.category === undefined ? "any category" : `category ${printable(this.category)}`;
    const person = printable(this.person);
    return { zh: `人员 ${person} 不符合${c === "" ? "任何类别" : c}的认定标准`, en: `person ${person} does not qualify for ${ce}` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

const Purpose = Text(100);

/**
 * Why a support-registry use case can fail.
 * @since 0.3.0
 */
export type ListingError = AccessDenied | ValidationError | RecordNotFound | RecordExists | VersionConflict | SealedDataUnreadable;

const loadPerson = async (work: Work<ListingError>, id: PersonId, action: string): Promise<Person> => {
  const row = await loadForUpdate(work, work.tx.persons, "person", id, undefined);
  requireScope(work, row.jurisdiction, { action, entity: "person", id });
  const person = await openPerson(work, row);
  if (person === undefined) return work.fail(invalid(["person"], `人员 ${id} 的信息已删除`, `person ${id} was erased`));
  return person;
};

/**
 * Evaluates the support criteria on a person's facts as of today, without
 * storing the facts. The evaluation is audited (the fields it was given, never
 * their values).
 *
 * @example
 * ```ts
 * const r = await ledger.checkEligibility(officer, { person: id, hardship: { ... } });
 * ```
 * @since 0.3.0
 */
export const checkEligibility = (actor: Actor, facts: unknown) =>
  useCase("check-eligibility", actor, async (work: Work<ListingError>) => {
      const f = decodeAt(work, SupportFacts, facts, ["facts"]);
      const person = await loadPerson(work, f.person, "check-eligibility");
      work.audit({ action: "check-eligibility", entity: "person", id: person.id, jurisdiction: person.jurisdiction, fields: auditedFields(leafPaths(f, "facts")), purpose: "eligibility" });
      return evaluateEligibility(f, work.today, work.env.supportCriteria);
  });

/**
 * What opens a listing: the facts that qualify the person, the category (when
 * they qualify for several), the listing's id and who leads.
 * @since 0.3.0
 */
export interface OpenListingInput {
  readonly facts: unknown;
  /** @default the first category the facts qualify for */
  readonly category?: SupportCategory;
  readonly id: ListingId;
  readonly responsibleUnit: UnitId;
  readonly responsiblePerson: string;
}

/**
 * Opens a support listing from facts that qualify the person (help first: the
 * criteria and their lawful basis decide, never a person's petitions). The
 * policy decides who may record a category's details: by default only the health
 * centre records mental-health details and only the justice office criminal
 * records. Everything that says why the person is listed is sealed under the
 * person's data key.
 *
 * @example
 * ```ts
 * const r = await ledger.openListing(socialOfficer, { facts, id: "l-0001", responsibleUnit, responsiblePerson: "王芳" });
 * ```
 * @since 0.3.0
 */
export const openListing = (actor: Actor, input: OpenListingInput) =>
  useCase("open-listing", actor, async (work: Work<ListingError | NotEligible>) => {
      const facts = decodeAt(work, SupportFacts, input.facts, ["facts"]);
      const id = decodeAt(work, ListingIdSchema, input.id, ["id"]);
      const unit = decodeAt(work, UnitIdSchema, input.responsibleUnit, ["responsibleUnit"]);
      const responsiblePerson = decodeAt(work, Text(50), input.responsiblePerson, ["responsiblePerson"]);
      const category = input.category === undefined ? undefined : decodeAt(work, SupportCategories.schema, input.category, ["category"]);
      if (!work.env.unitById.has(unit)) return work.fail(invalid(["responsibleUnit"], `单位 ${unit} 不在单位名册中`, `unit ${unit} is not in the unit register`));
      const person = await loadPerson(work, facts.person, "open-listing");
      const result = evaluateEligibility(facts, work.today, work.env.supportCriteria);
      const finding = result.qualifying.find((q) => category === undefined || q.category === category);
      if (finding === undefined) return work.fail(new NotEligible({ person: person.id, result, ...(category === undefined ? {} : { category }) }));
      const listing = draftListing(person, finding, work.today, { id, responsibleUnit: unit, responsiblePerson, actor: work.ctx.actor }, work.env.supportCriteria);
      const fields = leafPaths(listing, "listing");
      requireWrites(work, fields, { jurisdiction: listing.jurisdiction, category: listing.category }, { action: "open-listing", entity: "listing", id });
      const row = await listingRowOf(work, listing, 1);
      if ((await work.tx.listings.insert(row)) === "exists") return work.fail(new RecordExists({ entity: "listing", id }));
      work.audit({ action: "open-listing", entity: "listing", id, jurisdiction: listing.jurisdiction, fields: auditedFields(fields), note: { version: 1, person: person.id } });
      return viewOf(work, row, listing, person);
  });

const viewOf = (work: Work, row: ListingRow, listing: Listing, person: Parameters<typeof redact>[0]["person"]): ListingView => ({
  id: row.id,
  version: row.version,
  record: redact({ person, listing } as Parameters<typeof redact>[0], work.ctx, work.env.policy) ?? {},
});

/** @internal Opens a listing and its person, and shows them as the actor may see them; audited when more than public fields show. */
const readListing = async (work: Work<SealedDataUnreadable>, row: ListingRow, purpose: string): Promise<ListingView> => {
    const listing = await openListingRow(work, row);
    const personRow = await work.tx.persons.get(row.person);
    const person = personRow === undefined ? undefined : await openPerson(work, personRow);
    const view = viewOf(work, row, listing, person);
    const fields = auditedFields(revealedFields(work, view.record));
    if (fields.length > 0) work.audit({ action: "read-listing", entity: "listing", id: row.id, jurisdiction: row.jurisdiction, fields, purpose });
    return view;
};

/**
 * Reads a listing with its person, redacted for the actor; audited with the
 * fields shown and the purpose.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.getListing(healthOfficer, listingId, { purpose: "定期复核" });
 * ```
 * @since 0.3.0
 */
export const getListing = (actor: Actor, given: ListingId, read: ReadPurpose) =>
  readOnlyUseCase("get-listing", actor, async (work: Work<ListingError>) => {
      const id = decodeAt(work, ListingIdSchema, given, ["id"]);
      const purpose = decodeAt(work, Purpose, read.purpose, ["purpose"]);
      const row = await loadForUpdate(work, work.tx.listings, "listing", id, undefined);
      requireScope(work, row.jurisdiction, { action: "get-listing", entity: "listing", id });
      return await readListing(work, row, purpose);
  });

/**
 * The filters of a listing query.
 * @since 0.3.0
 */
export interface ListListingsQuery extends ReadPurpose {
  /** @default the actor's scope */
  readonly within?: DivisionCode;
  /** `true`: those that hold; `false`: those closed. @default both */
  readonly open?: boolean;
  readonly unit?: UnitId;
  readonly person?: PersonId;
  /** @default 50 */
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * Lists listings in the actor's scope, each redacted for the actor and each read
 * audited. Category and details are sealed, so they cannot be filters.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.listListings(officer, { open: true, purpose: "月度走访" });
 * ```
 * @since 0.3.0
 */
export const listListings = (actor: Actor, query: ListListingsQuery) =>
  readOnlyUseCase("list-listings", actor, async (work: Work<ListingError>) => {
      const purpose = decodeAt(work, Purpose, query.purpose, ["purpose"]);
      const within = query.within === undefined ? work.ctx.actor.scope : decodeAt(work, DivisionCodeSchema, query.within, ["within"]);
      const open = query.open === undefined ? undefined : decodeAt(work, Schema.Boolean, query.open, ["open"]);
      const unit = query.unit === undefined ? undefined : decodeAt(work, UnitIdSchema, query.unit, ["unit"]);
      const person = query.person === undefined ? undefined : decodeAt(work, PersonIdSchema, query.person, ["person"]);
      if (!isWithinDivision(within, work.ctx.actor.scope)) return work.fail(new AccessDenied({ action: "list-listings", entity: "listing", id: within, reason: "out-of-scope" }));
      const { limit, after } = pageArgs(work, query.limit, query.cursor, work.env.capabilities.maxPageSize);
      const page = await work.tx.listings.find({
          within,
          where: {
            ...(open === undefined ? {} : { open }),
            ...(unit === undefined ? {} : { responsibleUnit: unit }),
            ...(person === undefined ? {} : { person }),
          },
          limit,
          ...(after === undefined ? {} : { after }),
        });
      const items: Array<ListingView> = [];
      for (const row of page.rows) items.push(await readListing(work, row, purpose));
      return { items, ...nextCursor(page.next) } satisfies ListPage<ListingView>;
  });

const changeListing = (
  action: "review-listing" | "end-listing" | "remove-listing",
  actor: Actor,
  given: ListingId,
  version: number,
  change: (work: Work<ListingChangeError>, listing: Listing) => Listing,
  paths: ReadonlyArray<string>,
) =>
  useCase(action, actor, async (work: Work<ListingChangeError>) => {
      const id = decodeAt(work, ListingIdSchema, given, ["listing"]);
      const row = await loadForUpdate(work, work.tx.listings, "listing", id, version);
      const target = { action, entity: "listing" as const, id };
      requireScope(work, row.jurisdiction, target);
      const listing = await openListingRow(work, row);
      requireWrites(work, paths, { jurisdiction: listing.jurisdiction, category: listing.category }, target);
      const changed = change(work, listing);
      const sealedRow = await listingRowOf(work, changed, row.version + 1);
      const next = await writeNext(work, work.tx.listings, "listing", row, sealedRow);
      work.audit({ action, entity: "listing", id, jurisdiction: row.jurisdiction, fields: paths, note: { version: next.version } });
      const personRow = await work.tx.persons.get(row.person);
      const person = personRow === undefined ? undefined : await openPerson(work, personRow);
      return viewOf(work, next, changed, person);
  });

// A change adds a history event that names its actor (and, for an end or a
// removal, its reason): fields whose class is the listing's category's, so the
// policy decides them by category, not as the public history.
const CLOSING_FIELDS: ReadonlyArray<string> = ["listing.history", "listing.history.actor", "listing.history.reason"];

/**
 * Why reviewing, ending or removing a listing can fail.
 * @since 0.3.0
 */
export type ListingChangeError = ListingError | ListingReviewError | ListingClosureError;

const fromResult = <A, E>(work: Work<E>, r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }): A =>
  r.ok ? r.value : work.fail(r.error);

/**
 * Reviews a listing today: the next review day, and new evidence or details
 * when they changed (the rules of {@link reviewListing} in the core).
 *
 * @example
 * ```ts
 * await ledger.reviewListing(officer, { listing: id, version: 1, nextReviewOn: "2025-06-01" as LocalDate });
 * ```
 * @since 0.3.0
 */
export const reviewListing = (
  actor: Actor,
  input: { readonly listing: ListingId; readonly version: number; readonly nextReviewOn: LocalDate; readonly evidence?: ListingEvidence; readonly details?: ListingDetails },
) =>
  changeListing(
    "review-listing",
    actor,
    input.listing,
    input.version,
    (work, listing) =>
      fromResult(
          work,
        reviewCore(
          listing,
          {
            reviewedOn: work.today,
            actor: work.ctx.actor,
            nextReviewOn: input.nextReviewOn,
            ...(input.evidence === undefined ? {} : { evidence: input.evidence }),
            ...(input.details === undefined ? {} : { details: input.details }),
          },
          work.env.supportCriteria,
        ),
      ),
    ["listing.history", "listing.history.actor", ...(input.evidence === undefined ? [] : ["listing.evidence"]), ...(input.details === undefined ? [] : ["listing.details"])],
  );

/**
 * Ends a listing from a day (today by default) with the reason: the purpose is
 * met, and its retention period starts.
 *
 * @example
 * ```ts
 * await ledger.endListing(officer, { listing: id, version: 2, reason: "困难已解决" });
 * ```
 * @since 0.3.0
 */
export const endListing = (actor: Actor, input: { readonly listing: ListingId; readonly version: number; readonly reason: string; readonly on?: LocalDate }) =>
  changeListing(
    "end-listing",
    actor,
    input.listing,
    input.version,
    (work, listing) => fromResult(work, endCore(listing, { on: input.on ?? work.today, actor: work.ctx.actor, reason: input.reason })),
    CLOSING_FIELDS,
  );

/**
 * Removes a listing (made in error, or the person moved away) from a day, with
 * the reason.
 *
 * @example
 * ```ts
 * await ledger.removeListing(officer, { listing: id, version: 2, reason: "已迁出本镇" });
 * ```
 * @since 0.3.0
 */
export const removeListing = (actor: Actor, input: { readonly listing: ListingId; readonly version: number; readonly reason: string; readonly on?: LocalDate }) =>
  changeListing(
    "remove-listing",
    actor,
    input.listing,
    input.version,
    (work, listing) => fromResult(work, removeCore(listing, { on: input.on ?? work.today, actor: work.ctx.actor, reason: input.reason })),
    CLOSING_FIELDS,
  );
