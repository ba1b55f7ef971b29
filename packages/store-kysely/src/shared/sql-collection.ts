import { type Collection, type FindQuery, type Page, type RowBase, type WriteOutcome, divisionPrefix } from "@tiaojie/core";
import { type Kysely, sql } from "kysely";
import type { Database, TableName } from "../schema/tables.js";
import { type RowCodec, type StoredRow, decodeRow, encodeRow, partyRows, storedColumns } from "./row-codecs.js";
import type { SqlDialect } from "./sql-dialect.js";
import type { TransactionGuard } from "./transaction-guard.js";

/** `LIKE` pattern of the rows within a division: its prefix (digits only) and `%`. */
export const scopePattern = (within: FindQuery<unknown>["within"]): string => `${divisionPrefix(within)}%`;

/**
 * One collection of the port over its table, inside one transaction. A dispute's
 * parties are kept in `tiaojie_dispute_party` beside it, written and removed with
 * it, for the `party` filter.
 */
export const sqlCollection = <R extends RowBase, W>(
  db: Kysely<Database>,
  dialect: SqlDialect,
  codec: RowCodec<R, W>,
  guard: TransactionGuard,
): Collection<R, W> => {
  const t = codec.table;
  const q = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const columns = storedColumns(codec as RowCodec<RowBase, unknown>);
  const isDispute = t === "tiaojie_dispute";
  const writeParties = async (row: R): Promise<void> => {
    if (!isDispute) return;
    const parties = partyRows(row as never);
    if (parties.length > 0) await q.insertInto("tiaojie_dispute_party").values(parties as never).execute();
  };
  const dropParties = async (id: string): Promise<void> => {
    if (isDispute) await q.deleteFrom("tiaojie_dispute_party").where("dispute_id", "=", id).execute();
  };
  const missingOrStale = async (id: string): Promise<"missing" | "stale"> => {
    const found = await q.selectFrom(t).select("version").where("id", "=", id).executeTakeFirst();
    return found === undefined ? "missing" : "stale";
  };
  return {
    get: (id) =>
      guard.run(async () => {
        const found = await q.selectFrom(t).select(columns as never).where("id", "=", id).executeTakeFirst();
        return found === undefined ? undefined : decodeRow(codec as RowCodec<R, unknown>, found as StoredRow);
      }),
    insert: (row) =>
      guard.write(async (): Promise<Extract<WriteOutcome, "done" | "exists">> => {
        const inserted = await dialect.insertOrSkip(db, t, ["id"], [encodeRow(codec as RowCodec<RowBase, unknown>, row)]);
        if (inserted === 0) return "exists";
        await writeParties(row);
        return "done";
      }),
    update: (row, expectedVersion) =>
      guard.write(async (): Promise<Extract<WriteOutcome, "done" | "stale" | "missing">> => {
        const { id: _id, version: _version, ...values } = encodeRow(codec as RowCodec<RowBase, unknown>, row);
        const result = await q
          .updateTable(t)
          .set({ ...values, version: sql`version + 1` } as never)
          .where("id", "=", row.id)
          .where("version", "=", expectedVersion)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return missingOrStale(row.id);
        if (isDispute) {
          await dropParties(row.id);
          await writeParties(row);
        }
        return "done";
      }),
    remove: (id, expectedVersion) =>
      guard.write(async (): Promise<Extract<WriteOutcome, "done" | "stale" | "missing">> => {
        const result = await q.deleteFrom(t).where("id", "=", id).where("version", "=", expectedVersion).executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return missingOrStale(id);
        await dropParties(id);
        return "done";
      }),
    find: (query) =>
      guard.run(async (): Promise<Page<R>> => {
        guard.checkLimit(query.limit);
        if (!codec.scoped) return { rows: [] };
        const where = query.where;
        const stored = await (db as Kysely<Database>)
          .selectFrom(t as TableName)
          .select(columns as never)
          .where((eb) =>
            eb.and([
              eb(eb.ref("jurisdiction" as never), "like", scopePattern(query.within) as never),
              ...(query.after === undefined ? [] : [eb(eb.ref("id" as never), ">", query.after as never)]),
              ...(where === undefined ? [] : codec.where(eb as never, where)),
            ]),
          )
          .orderBy("id" as never)
          .limit(query.limit)
          .execute();
        const rows = stored.map((s) => decodeRow(codec as RowCodec<R, unknown>, s as StoredRow));
        return rows.length === query.limit ? { rows, next: rows[rows.length - 1]!.id } : { rows };
      }),
  };
};
