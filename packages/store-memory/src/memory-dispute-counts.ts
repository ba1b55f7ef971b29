import type { DisputeCount } from "@tiaojie/core";
import type { DisputeColumns } from "./collection-specs.js";

// `disputeCounts` of the memory store: the disputes a query keeps (their copied
// columns, never their JSON text), grouped by the seven columns the port names.
// A missing lead unit is its own group and its count has no `leadUnit` field.

/** The disputes' columns counted by jurisdiction, domain, status, level, priority, confirmation and lead unit. */
export const disputeCountsOf = (kept: Iterable<DisputeColumns>): ReadonlyArray<DisputeCount> => {
  const groups = new Map<string, { counted: DisputeColumns; count: number }>();
  for (const c of kept) {
    // JSON keeps `undefined` apart from every unit id: in an array it becomes `null`.
    const key = JSON.stringify([c.jurisdiction, c.domain, c.status, c.level, c.priority, c.gradeConfirmed, c.leadUnit]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { counted: c, count: 1 });
    else group.count++;
  }
  return [...groups.values()].map(({ counted: c, count }) => ({
    jurisdiction: c.jurisdiction,
    domain: c.domain,
    status: c.status,
    level: c.level,
    priority: c.priority,
    gradeConfirmed: c.gradeConfirmed,
    ...(c.leadUnit === undefined ? {} : { leadUnit: c.leadUnit }),
    count,
  }));
};
