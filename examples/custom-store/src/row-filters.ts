import type { Match } from "@tiaojie/core";
import type { RowOf, ScopedName, WhereOf } from "./collections.js";

// What each `where` field keeps, written from the guide's table: `Match` fields
// keep rows whose field equals the value or one of the array's (none for an empty
// array, and never a row without the field); date bounds compare `YYYY-MM-DD`
// strings; `open`, `erased` test whether a date is present. A field that is
// absent or `undefined` does not filter. Every comparison is exact (`===`, `<`).

/** Whether a row's value is kept by a `Match` (always, when there is no match). */
const kept = <T>(value: T | undefined, match: Match<T> | undefined): boolean => {
  if (match === undefined) return true;
  if (value === undefined) return false;
  return Array.isArray(match) ? (match as ReadonlyArray<T>).includes(value) : value === match;
};

/** Whether a date's presence is the wanted one (always, when nothing is wanted). */
const present = (value: string | undefined, wanted: boolean | undefined): boolean => wanted === undefined || (value !== undefined) === wanted;

/** Whether a date is before the day (exclusive; always, when there is no day). */
const before = (value: string | undefined, day: string | undefined): boolean => day === undefined || (value !== undefined && value < day);

/** Whether a date is on or after the day (always, when there is no day). */
const from = (value: string, day: string | undefined): boolean => day === undefined || value >= day;

/** Whether a date is on or before the day (always, when there is no day). */
const to = (value: string, day: string | undefined): boolean => day === undefined || value <= day;

type Filters = { readonly [N in ScopedName]: (row: RowOf<N>, where: WhereOf<N>) => boolean };

/** For each collection `find` answers, whether a row is kept by a `where`. */
export const rowFilters: Filters = {
  disputes: (r, w) =>
    kept(r.township, w.township) &&
    kept(r.domain, w.domain) &&
    kept(r.level, w.level) &&
    kept(r.priority, w.priority) &&
    kept(r.status, w.status) &&
    kept(r.leadUnit, w.leadUnit) &&
    kept(r.reportedMonth, w.reportedMonth) &&
    from(r.reportedOn, w.reportedFrom) &&
    to(r.reportedOn, w.reportedTo) &&
    before(r.settledOn, w.settledBefore) &&
    from(r.settledOn, w.settledFrom) &&
    (w.party === undefined || r.parties.some((p) => kept(p, w.party))),
  persons: (r, w) => kept(r.identityIndex, w.identityIndex) && present(r.erasedOn, w.erased),
  personKeys: (r, w) => w.kekIdNot === undefined || r.kekId !== w.kekIdNot,
  listings: (r, w) =>
    kept(r.person, w.person) &&
    kept(r.responsibleUnit, w.responsibleUnit) &&
    present(r.closedOn, w.open === undefined ? undefined : !w.open) &&
    before(r.closedOn, w.closedBefore),
  tasks: (r, w) =>
    kept(r.kind, w.kind) &&
    kept(r.dispute, w.dispute) &&
    kept(r.listing, w.listing) &&
    kept(r.person, w.person) &&
    kept(r.unit, w.unit) &&
    present(r.doneOn, w.open === undefined ? undefined : !w.open),
  grades: (r, w) => kept(r.dispute, w.dispute),
  submissions: (r, w) => kept(r.unit, w.unit) && kept(r.deadline, w.deadline),
  hazards: (r, w) => kept(r.status, w.status) && kept(r.responsibleUnit, w.responsibleUnit) && before(r.deadline, w.deadlineBefore),
};
