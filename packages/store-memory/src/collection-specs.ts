import type {
  Collection,
  DisputeRow,
  DisputeWhere,
  GradeRow,
  GradeWhere,
  HazardRow,
  HazardWhere,
  IdempotencyRow,
  LedgerTransaction,
  ListingRow,
  ListingWhere,
  Match,
  PersonKeyRow,
  PersonKeyWhere,
  PersonRow,
  PersonWhere,
  RowBase,
  SubmissionRow,
  SubmissionWhere,
  TaskRow,
  TaskWhere,
} from "@tiaojie/core";

// What the memory store knows of each collection: the columns its filters read
// (copied out of the row when it is written, so that a query never parses a row it
// does not return) and how a `where` tests them. Everything else of a row is kept
// as opaque JSON text.

/** The names of the collections of a {@link LedgerTransaction}. */
export type CollectionName = Exclude<keyof LedgerTransaction, "audit" | "disputeCounts">;

/** The row type of a collection. */
export type RowOf<N extends CollectionName> = LedgerTransaction[N] extends Collection<infer R, infer _W> ? R : never;

/** The filter type of a collection. */
export type WhereOf<N extends CollectionName> = LedgerTransaction[N] extends Collection<infer _R, infer W> ? W : never;

/** A row's columns: the named fields, present even when the row leaves them out. */
type Columns<R, K extends keyof R> = { readonly [P in K]-?: R[P] | (undefined extends R[P] ? undefined : never) };

/**
 * How the store keeps one collection: the columns it copies out of a row, whether
 * `find` answers at all (idempotency rows have no jurisdiction), and the filter.
 */
export interface CollectionSpec<R extends RowBase, W, C> {
  /** Whether `find` answers (`false`: it returns an empty page). */
  readonly scoped: boolean;
  columns(row: R): C;
  jurisdiction(columns: C): string;
  matches(columns: C, where: W): boolean;
}

const matchOne = <T>(value: T | undefined, match: Match<T> | undefined): boolean => {
  if (match === undefined) return true;
  if (value === undefined) return false;
  return Array.isArray(match) ? (match as ReadonlyArray<T>).includes(value) : value === match;
};

const presence = (value: unknown, wanted: boolean | undefined): boolean =>
  wanted === undefined || (value !== undefined) === wanted;

const before = (value: string | undefined, day: string | undefined): boolean =>
  day === undefined || (value !== undefined && value < day);

const spec = <R extends RowBase, W, C extends { readonly jurisdiction: string }>(
  columns: (row: R) => C,
  matches: (columns: C, where: W) => boolean,
): CollectionSpec<R, W, C> => ({ scoped: true, columns, jurisdiction: (c) => c.jurisdiction, matches });

/** The columns the store copies out of a dispute row: those its filters read, and those `disputeCounts` groups by. */
export type DisputeColumns = Columns<
  DisputeRow,
  "jurisdiction" | "township" | "domain" | "level" | "priority" | "gradeConfirmed" | "status" | "leadUnit" | "reportedMonth" | "reportedOn" | "settledOn" | "parties"
>;

const disputes = spec<DisputeRow, DisputeWhere, DisputeColumns>(
  (r) => ({
    jurisdiction: r.jurisdiction,
    township: r.township,
    domain: r.domain,
    level: r.level,
    priority: r.priority,
    gradeConfirmed: r.gradeConfirmed,
    status: r.status,
    leadUnit: r.leadUnit,
    reportedMonth: r.reportedMonth,
    reportedOn: r.reportedOn,
    settledOn: r.settledOn,
    parties: r.parties,
  }),
  (c, w) =>
    matchOne(c.township, w.township) &&
    matchOne(c.domain, w.domain) &&
    matchOne(c.level, w.level) &&
    matchOne(c.priority, w.priority) &&
    matchOne(c.status, w.status) &&
    matchOne(c.leadUnit, w.leadUnit) &&
    matchOne(c.reportedMonth, w.reportedMonth) &&
    (w.reportedFrom === undefined || c.reportedOn >= w.reportedFrom) &&
    (w.reportedTo === undefined || c.reportedOn <= w.reportedTo) &&
    before(c.settledOn, w.settledBefore) &&
    (w.settledFrom === undefined || c.settledOn >= w.settledFrom) &&
    (w.party === undefined || c.parties.some((p) => matchOne(p, w.party))),
);

const persons = spec<PersonRow, PersonWhere, Columns<PersonRow, "jurisdiction" | "identityIndex" | "erasedOn">>(
  (r) => ({ jurisdiction: r.jurisdiction, identityIndex: r.identityIndex, erasedOn: r.erasedOn }),
  (c, w) => matchOne(c.identityIndex, w.identityIndex) && presence(c.erasedOn, w.erased),
);

const personKeys = spec<PersonKeyRow, PersonKeyWhere, Columns<PersonKeyRow, "jurisdiction" | "kekId">>(
  (r) => ({ jurisdiction: r.jurisdiction, kekId: r.kekId }),
  (c, w) => w.kekIdNot === undefined || c.kekId !== w.kekIdNot,
);

const listings = spec<ListingRow, ListingWhere, Columns<ListingRow, "jurisdiction" | "person" | "responsibleUnit" | "closedOn">>(
  (r) => ({ jurisdiction: r.jurisdiction, person: r.person, responsibleUnit: r.responsibleUnit, closedOn: r.closedOn }),
  (c, w) =>
    matchOne(c.person, w.person) &&
    matchOne(c.responsibleUnit, w.responsibleUnit) &&
    presence(c.closedOn, w.open === undefined ? undefined : !w.open) &&
    before(c.closedOn, w.closedBefore),
);

const tasks = spec<TaskRow, TaskWhere, Columns<TaskRow, "jurisdiction" | "kind" | "dispute" | "listing" | "person" | "unit" | "doneOn">>(
  (r) => ({
    jurisdiction: r.jurisdiction,
    kind: r.kind,
    dispute: r.dispute,
    listing: r.listing,
    person: r.person,
    unit: r.unit,
    doneOn: r.doneOn,
  }),
  (c, w) =>
    matchOne(c.kind, w.kind) &&
    matchOne(c.dispute, w.dispute) &&
    matchOne(c.listing, w.listing) &&
    matchOne(c.person, w.person) &&
    matchOne(c.unit, w.unit) &&
    presence(c.doneOn, w.open === undefined ? undefined : !w.open),
);

const grades = spec<GradeRow, GradeWhere, Columns<GradeRow, "jurisdiction" | "dispute">>(
  (r) => ({ jurisdiction: r.jurisdiction, dispute: r.dispute }),
  (c, w) => matchOne(c.dispute, w.dispute),
);

const submissions = spec<SubmissionRow, SubmissionWhere, Columns<SubmissionRow, "jurisdiction" | "unit" | "deadline">>(
  (r) => ({ jurisdiction: r.jurisdiction, unit: r.unit, deadline: r.deadline }),
  (c, w) => matchOne(c.unit, w.unit) && matchOne(c.deadline, w.deadline),
);

const hazards = spec<HazardRow, HazardWhere, Columns<HazardRow, "jurisdiction" | "status" | "responsibleUnit" | "deadline">>(
  (r) => ({ jurisdiction: r.jurisdiction, status: r.status, responsibleUnit: r.responsibleUnit, deadline: r.deadline }),
  (c, w) => matchOne(c.status, w.status) && matchOne(c.responsibleUnit, w.responsibleUnit) && before(c.deadline, w.deadlineBefore),
);

const idempotency: CollectionSpec<IdempotencyRow, Record<string, never>, undefined> = {
  scoped: false,
  columns: () => undefined,
  jurisdiction: () => "",
  matches: () => false,
};

/**
 * Every collection's spec, in the order the store lists them (in a dump and a
 * snapshot).
 */
export const collectionSpecs = {
  disputes,
  persons,
  personKeys,
  listings,
  tasks,
  grades,
  submissions,
  hazards,
  idempotency,
} as const satisfies { readonly [N in CollectionName]: CollectionSpec<RowOf<N>, WhereOf<N>, unknown> };

/** The collections' names, in order. */
export const collectionNames = Object.keys(collectionSpecs) as unknown as ReadonlyArray<CollectionName>;
