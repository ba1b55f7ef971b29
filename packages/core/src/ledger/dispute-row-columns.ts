import type { CaseRecord } from "../lifecycle/case-record.js";
import type { LocalDate } from "../model/local-date.js";
import type { GradeRow } from "../ports/store-rows.js";

// Two columns of a dispute row that the service derives rather than copies: the
// day the dispute last changed for the reports (`settledOn`), and the officer
// decision whose level and priority the row carries (the grade in force). Both
// must agree with what the core's monthly report reads from the same records,
// or a store that counts rows in its database (`disputeCounts`) would count
// another report than the one made from the rows themselves.

/**
 * @internal The latest of the dispute's reporting day, its case's registration,
 * every event of its case history, the row's earlier `settledOn` (which already
 * holds the decisions made before) and the days of the grade decisions given.
 * Resolution measures are left out: no report that counts rows reads them.
 * Pure. Registration, transitions and grade decisions set a row's `settledOn`
 * with it; recording a measure changes none of what it reads.
 */
export const settledOnOf = (
  row: { readonly reportedOn: LocalDate; readonly case: CaseRecord; readonly settledOn?: LocalDate },
  decidedOn: ReadonlyArray<LocalDate> = [],
): LocalDate => {
  let latest = row.reportedOn;
  const consider = (day: LocalDate | undefined): void => {
    if (day !== undefined && day > latest) latest = day;
  };
  consider(row.case.registeredOn);
  for (const e of row.case.history) consider(e.on);
  consider(row.settledOn);
  for (const day of decidedOn) consider(day);
  return latest;
};

/**
 * @internal The decision the core's reports count as a dispute's grade once all
 * of them are on or before the day reported: the latest by `decidedOn`, and of
 * several on that day the one with the greatest id (`indexLedger` sorts the
 * grades, read in id order, stably by day and takes the last). Undefined for
 * none.
 */
export const gradeInForce = (decisions: ReadonlyArray<GradeRow>): GradeRow | undefined => {
  let inForce: GradeRow | undefined;
  for (const g of decisions) {
    if (inForce === undefined) inForce = g;
    else {
      const a = g.decision.decidedOn;
      const b = inForce.decision.decidedOn;
      if (a > b || (a === b && g.id > inForce.id)) inForce = g;
    }
  }
  return inForce;
};
