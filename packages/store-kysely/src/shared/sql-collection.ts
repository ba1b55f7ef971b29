import { type Collection, type FindQuery, type Page, type RowBase, type WriteOutcome, divisionPrefix } from "@tiaojie/core";
import { type Compilable, type Kysely, sql } from "kysely";
import type { Database, TableName } from "../schema/tables.js";
import { type RowCodec, type StoredRow, decodeRow, encodeRow, partyRows, storedColumns } from "./row-codecs.js";
import { type CompiledQueries, normalizedRows, rowParameters } from "./compiled-queries.js";
import type { SqlDialect } from "./sql-dialect.js";
import type { TransactionGuard } from "./transaction-guard.js";

/** `LIKE` pattern of the rows within a division: its prefix (digits only: the guard's `checkWithin` refuses anything else) and `%`. */
export const scopePattern = (within: FindQuery<unknown>["within"]): string => `${divisionPrefix(within)}%`;

const PARTY_COLUMNS = ["dispute_id", "person_id"] as const;

/**
 * One collection of the port over its table, inside one transaction. A dispute's
 * parties are kept in `tiaojie_dispute_party` beside it, written and removed with
 * it, for the `party` filter.
 */
export const sqlCollection = <R extends RowBase, W>(
  db: Kysely<Database>,
  dialect: SqlDialect,
  queries: CompiledQueries,
  codec: RowCodec<R, W>,
  guard: TransactionGuard,
): Collection<R, W> => {
  const t = codec.table;
  const q = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const columns = storedColumns(codec as RowCodec<RowBase, unknown>);
  const isDispute = t === "tiaojie_dispute";
  const run = <O>(shape: string, parameters: ReadonlyArray<unknown>, build: () => Compilable) => queries.run<O>(db as never, `${t} ${shape}`, parameters, build);
  const writeParties = async (row: R): Promise<void> => {
    if (!isDispute) return;
    const parties = partyRows(row as never);
    if (parties.length === 0) return;
    await run(`insert parties ×${parties.length}`, rowParameters(PARTY_COLUMNS, parties), () => q.insertInto("tiaojie_dispute_party").values(parties as never));
  };
  const dropParties = async (id: string): Promise<void> => {
    if (isDispute) await run("delete parties", [id], () => q.deleteFrom("tiaojie_dispute_party").where("dispute_id", "=", id));
  };
  const missingOrStale = async (id: string): Promise<"missing" | "stale"> => {
    const found = await run("version", [id], () => q.selectFrom(t).select("version").where("id", "=", id));
    return found.rows.length === 0 ? "missing" : "stale";
  };
  return {
    get: (id) =>
      guard.run(async () => {
        const found = await run<StoredRow>("get", [id], () => q.selectFrom(t).select(columns as never).where("id", "=", id));
        const stored = found.rows[0];
        return stored === undefined ? undefined : decodeRow(codec as RowCodec<R, unknown>, stored);
      }),
    insert: (row) =>
      guard.write(async (): Promise<Extract<WriteOutcome, "done" | "exists">> => {
        const inserted = await dialect.insertOrSkip(db, queries, t, ["id"], [encodeRow(codec as RowCodec<RowBase, unknown>, row)]);
        if (inserted === 0) return "exists";
        await writeParties(row);
        return "done";
      }),
    update: (row, expectedVersion) =>
      guard.write(async (): Promise<Extract<WriteOutcome, "done" | "stale" | "missing">> => {
        const { id: _id, version: _version, ...values } = encodeRow(codec as RowCodec<RowBase, unknown>, row);
        const names = Object.keys(values);
        const result = await run(`update (${names.join(",")})`, [...rowParameters(names, [values]), row.id, expectedVersion], () =>
          q
            .updateTable(t)
            .set({ ...normalizedRows(names, [values])[0], version: sql`version + 1` } as never)
            .where("id", "=", row.id)
            .where("version", "=", expectedVersion),
        );
        if (Number(result.numAffectedRows ?? 0n) === 0) return missingOrStale(row.id);
        if (isDispute) {
          await dropParties(row.id);
          await writeParties(row);
        }
        return "done";
      }),
    remove: (id, expectedVersion) =>
      guard.write(async (): Promise<Extract<WriteOutcome, "done" | "stale" | "missing">> => {
        const result = await run("remove", [id, expectedVersion], () => q.deleteFrom(t).where("id", "=", id).where("version", "=", expectedVersion));
        if (Number(result.numAffectedRows ?? 0n) === 0) return missingOrStale(id);
        await dropParties(id);
        return "done";
      }),
    find: (query) =>
      guard.run(async (): Promise<Page<R>> => {
        guard.checkLimit(query.limit);
        guard.checkWithin(query.within);
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
