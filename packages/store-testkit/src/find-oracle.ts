import { type DivisionCode, type Match, isWithinDivision } from "@tiaojie/core";
import { type RowOf, type ScopedName, type WhereOf, jurisdictionOf } from "./fixtures/kit-collections.js";

// What `find` must return, written from the port's JSDoc alone (ledger-store.ts),
// over plain arrays: the rows within the scope (isWithinDivision) that every
// present field of `where` keeps, in ascending id by JavaScript's `<`, after
// `after`, at most `limit`. Each collection's table names a test for every field
// of its `where` type, so a field added to the port and not here fails to compile.

/** Whether a row's value is kept by a `Match`: equal to the value, or to one of the array's (none for `[]`). */
export const matches = <T>(value: T | undefined, match: Match<T>): boolean =>
  value !== undefined && (typeof match === "object" && match !== null ? (match as ReadonlyArray<T>).some((m) => m === value) : value === match);

type FieldTests<R, W> = { readonly [K in keyof W]-?: (row: R, value: NonNullable<W[K]>) => boolean };

const isSet = (value: unknown): boolean => value !== undefined;

/** For each scoped collection and each field of its filter, which rows the field keeps. */
export const fieldTests: { readonly [N in ScopedName]: FieldTests<RowOf<N>, WhereOf<N>> } = {
  disputes: {
    township: (r, v) => matches(r.township, v),
    domain: (r, v) => matches(r.domain, v),
    level: (r, v) => matches(r.level, v),
    priority: (r, v) => matches(r.priority, v),
    status: (r, v) => matches(r.status, v),
    leadUnit: (r, v) => matches(r.leadUnit, v),
    reportedMonth: (r, v) => matches(r.reportedMonth, v),
    reportedFrom: (r, day) => r.reportedOn >= day,
    reportedTo: (r, day) => r.reportedOn <= day,
    settledBefore: (r, day) => r.settledOn < day,
    settledFrom: (r, day) => r.settledOn >= day,
    party: (r, v) => r.parties.some((p) => matches(p, v)),
  },
  persons: {
    identityIndex: (r, v) => r.identityIndex === v,
    erased: (r, erased) => isSet(r.erasedOn) === erased,
  },
  personKeys: {
    kekIdNot: (r, kek) => r.kekId !== kek,
  },
  listings: {
    person: (r, v) => matches(r.person, v),
    responsibleUnit: (r, v) => matches(r.responsibleUnit, v),
    open: (r, open) => isSet(r.closedOn) !== open,
    closedBefore: (r, day) => r.closedOn !== undefined && r.closedOn < day,
  },
  tasks: {
    kind: (r, v) => matches(r.kind, v),
    dispute: (r, v) => matches(r.dispute, v),
    listing: (r, v) => matches(r.listing, v),
    person: (r, v) => matches(r.person, v),
    unit: (r, v) => matches(r.unit, v),
    open: (r, open) => isSet(r.doneOn) !== open,
  },
  grades: {
    dispute: (r, v) => matches(r.dispute, v),
  },
  submissions: {
    unit: (r, v) => matches(r.unit, v),
    deadline: (r, v) => matches(r.deadline, v),
  },
  hazards: {
    status: (r, v) => matches(r.status, v),
    responsibleUnit: (r, v) => matches(r.responsibleUnit, v),
    deadlineBefore: (r, day) => r.deadline < day,
  },
};

/** Whether the row is kept by every field present in `where`. */
export const keptBy = <N extends ScopedName>(name: N, row: RowOf<N>, where: WhereOf<N> | undefined): boolean => {
  if (where === undefined) return true;
  const tests = fieldTests[name] as unknown as Record<string, (row: RowOf<N>, value: unknown) => boolean>;
  return Object.entries(where as Record<string, unknown>).every(([field, value]) => {
    if (value === undefined) return true;
    const test = tests[field];
    if (test === undefined) throw new Error(`store-testkit: no oracle for the filter field ${name}.${field}`);
    return test(row, value);
  });
};

/** Orders by id as JavaScript's `<` does (UTF-16 code units). */
export const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every row `find` may return for the query, from the first after `after`, with no limit. */
export const oracleMatches = <N extends ScopedName>(
  name: N,
  rows: ReadonlyArray<RowOf<N>>,
  query: { readonly within: DivisionCode; readonly where?: WhereOf<N>; readonly after?: string },
): ReadonlyArray<RowOf<N>> =>
  rows
    .filter((r) => {
      const jurisdiction = jurisdictionOf(r);
      return jurisdiction !== undefined && isWithinDivision(jurisdiction, query.within);
    })
    .filter((r) => keptBy(name, r, query.where))
    .filter((r) => query.after === undefined || r.id > query.after)
    .sort(byId);
