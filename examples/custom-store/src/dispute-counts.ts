import type { DisputeCount, DisputeRow } from "@tiaojie/core";

// `disputeCounts`, the optional method a store offers when it can count: the
// disputes a query keeps, grouped by seven of their columns. In SQL it is
//
//   SELECT jurisdiction, domain, status, level, priority, grade_confirmed, lead_unit, COUNT(*)
//   FROM disputes WHERE <scope and filters, as find> GROUP BY 1, 2, 3, 4, 5, 6, 7
//
// with the count converted to a number and a NULL lead unit left out of its
// group. Here, over the rows the transaction sees.

/** The disputes grouped by jurisdiction, domain, status, level, priority, confirmation and lead unit. */
export const countDisputes = (rows: ReadonlyArray<DisputeRow>): ReadonlyArray<DisputeCount> => {
  const groups = new Map<string, DisputeCount>();
  for (const r of rows) {
    // JSON writes the missing lead unit as null, apart from every unit id.
    const key = JSON.stringify([r.jurisdiction, r.domain, r.status, r.level, r.priority, r.gradeConfirmed, r.leadUnit ?? null]);
    groups.set(key, {
      jurisdiction: r.jurisdiction,
      domain: r.domain,
      status: r.status,
      level: r.level,
      priority: r.priority,
      gradeConfirmed: r.gradeConfirmed,
      ...(r.leadUnit === undefined ? {} : { leadUnit: r.leadUnit }),
      count: (groups.get(key)?.count ?? 0) + 1,
    });
  }
  return [...groups.values()];
};
