import type { CaseStatus, DisputeCount, DisputeCountQuery, DisputeDomain, DivisionCode, ResolutionPriority, RiskLevel, UnitId } from "@tiaojie/core";
import type { Kysely } from "kysely";
import type { Database } from "../schema/tables.js";
import { rowCodecs } from "./row-codecs.js";
import { scopePattern } from "./sql-collection.js";

const groupColumns = ["jurisdiction", "domain", "status", "level", "priority", "grade_confirmed", "lead_unit"] as const;

/**
 * Counts the disputes within a division that the filter keeps, grouped by the
 * report's columns, in one pass of one `GROUP BY` (served by the
 * `tiaojie_dispute_report` index, which covers it).
 */
export const countDisputes = async (db: Kysely<Database>, query: DisputeCountQuery): Promise<ReadonlyArray<DisputeCount>> => {
  const where = query.where;
  const rows = await db
    .selectFrom("tiaojie_dispute")
    .select([...groupColumns, (eb) => eb.fn.countAll().as("n")])
    .where((eb) => eb.and([eb("jurisdiction", "like", scopePattern(query.within)), ...(where === undefined ? [] : rowCodecs.disputes.where(eb as never, where))]))
    .groupBy([...groupColumns])
    .execute();
  return rows.map((r) => ({
    jurisdiction: r.jurisdiction as DivisionCode,
    domain: r.domain as DisputeDomain,
    status: r.status as CaseStatus,
    level: r.level as RiskLevel,
    priority: r.priority as ResolutionPriority,
    gradeConfirmed: Number(r.grade_confirmed) === 1,
    ...(r.lead_unit === null ? {} : { leadUnit: r.lead_unit as UnitId }),
    count: Number(r.n),
  }));
};
