import type { DisputeWhere, DivisionCode } from "@tiaojie/core";
import type { Kysely } from "kysely";
import type { Database } from "../schema/tables.js";
import { rowCodecs } from "./row-codecs.js";
import { scopePattern } from "./sql-collection.js";

/**
 * One group of disputes as the database counts them: the seven columns the
 * monthly report reads, and how many disputes share them.
 */
export interface DisputeCountRow {
  readonly jurisdiction: DivisionCode;
  readonly domain: string;
  readonly status: string;
  readonly level: string;
  readonly priority: string;
  readonly gradeConfirmed: boolean;
  readonly leadUnit?: string;
  readonly count: number;
}

const groupColumns = ["jurisdiction", "domain", "status", "level", "priority", "grade_confirmed", "lead_unit"] as const;

/**
 * Counts the disputes within a division that the filter keeps, grouped by the
 * report's columns, in one pass of one `GROUP BY` (served by the
 * `tiaojie_dispute_report` index, which covers it).
 */
export const countDisputes = async (
  db: Kysely<Database>,
  query: { readonly within: DivisionCode; readonly where?: DisputeWhere },
): Promise<ReadonlyArray<DisputeCountRow>> => {
  const where = query.where;
  const rows = await db
    .selectFrom("tiaojie_dispute")
    .select([...groupColumns, (eb) => eb.fn.countAll().as("n")])
    .where((eb) => eb.and([eb("jurisdiction", "like", scopePattern(query.within)), ...(where === undefined ? [] : rowCodecs.disputes.where(eb as never, where))]))
    .groupBy([...groupColumns])
    .execute();
  return rows.map((r) => ({
    jurisdiction: r.jurisdiction as DivisionCode,
    domain: r.domain,
    status: r.status,
    level: r.level,
    priority: r.priority,
    gradeConfirmed: Number(r.grade_confirmed) === 1,
    ...(r.lead_unit === null ? {} : { leadUnit: r.lead_unit }),
    count: Number(r.n),
  }));
};
