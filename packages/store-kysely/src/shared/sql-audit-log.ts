import type { AuditEventRow, AuditLog } from "@tiaojie/core";
import type { Kysely } from "kysely";
import type { Database } from "../schema/tables.js";
import type { SqlDialect } from "./sql-dialect.js";
import type { TransactionGuard } from "./transaction-guard.js";

/** An event's columns in `tiaojie_audit`. */
export const auditColumns = (event: AuditEventRow): Database["tiaojie_audit"] => ({
  chain: event.chain,
  seq: event.seq,
  hash: event.hash,
  body: JSON.stringify(event),
});

/** The event kept in a `tiaojie_audit` row. */
export const auditEventOf = (stored: { readonly body: unknown }): AuditEventRow => JSON.parse(String(stored.body)) as AuditEventRow;

/**
 * The audit log over `tiaojie_audit`, inside one transaction. An append reads
 * the chain's head and inserts the next position unless it is taken: the
 * primary key (chain, seq) decides between two writers, and the loser gets
 * `conflict`, never an error that would end its transaction.
 */
export const sqlAuditLog = (db: Kysely<Database>, dialect: SqlDialect, guard: TransactionGuard): AuditLog => {
  const head = async (chain: string, lock = false) => {
    const query = db.selectFrom("tiaojie_audit").select(["seq", "hash"]).where("chain", "=", chain).orderBy("seq", "desc").limit(1);
    const top = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return top === undefined ? undefined : { seq: Number(top.seq), hash: String(top.hash) };
  };
  return {
    head: (chain) => guard.run(() => head(chain)),
    append: (event) =>
      guard.write(async () => {
        const last = await head(event.chain, dialect.lockChainHead === true);
        if (event.seq !== (last?.seq ?? 0) + 1) return "conflict";
        const inserted = await dialect.insertOrSkip(db, "tiaojie_audit", ["chain", "seq"], [auditColumns(event)]);
        return inserted === 0 ? "conflict" : "done";
      }),
    list: (chain, afterSeq, limit) =>
      guard.run(async () => {
        const rows = await db
          .selectFrom("tiaojie_audit")
          .select("body")
          .where("chain", "=", chain)
          .where("seq", ">", afterSeq)
          .orderBy("seq")
          .limit(limit)
          .execute();
        return rows.map(auditEventOf);
      }),
    chains: () =>
      guard.run(async () => {
        const rows = await db.selectFrom("tiaojie_audit").select("chain").distinct().orderBy("chain").execute();
        return rows.map((r) => String(r.chain));
      }),
  };
};
