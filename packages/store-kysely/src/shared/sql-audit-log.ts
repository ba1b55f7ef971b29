import type { AuditEventRow, AuditLog } from "@tiaojie/core";
import type { Kysely } from "kysely";
import type { Database } from "../schema/tables.js";
import type { CompiledQueries } from "./compiled-queries.js";
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

/** A chain's last seq as one transaction knows it, and whether it knows it from its own append. */
interface KnownHead {
  readonly seq: number;
  readonly own: boolean;
}

/**
 * The audit log over `tiaojie_audit`, inside one transaction. An append inserts
 * the next position unless it is taken: the primary key (chain, seq) decides
 * between two writers, and the loser gets `conflict`, never an error that would
 * end its transaction.
 *
 * Before inserting, an append checks that its seq follows the chain's head. The
 * transaction remembers the head it last read or appended on each chain, so a
 * run of appends reads the head once: after its own append of seq k the head is
 * k (no other transaction can append k + 1 before this one commits, since it
 * would first have to see k); after a read, a newer head committed meanwhile by
 * another transaction makes the insert meet the primary key, which also answers
 * `conflict`. Where the dialect locks the chain's last event (MySQL), an append
 * that follows a read still reads it again, with the lock.
 */
export const sqlAuditLog = (db: Kysely<Database>, dialect: SqlDialect, queries: CompiledQueries, guard: TransactionGuard): AuditLog => {
  const known = new Map<string, KnownHead | null>();
  const readHead = async (chain: string, lock: boolean) => {
    const found = await queries.run<{ seq: unknown; hash: unknown }>(db as never, lock ? "audit head for update" : "audit head", [chain, 1], () => {
      const query = db.selectFrom("tiaojie_audit").select(["seq", "hash"]).where("chain", "=", chain).orderBy("seq", "desc").limit(1);
      return lock ? query.forUpdate() : query;
    });
    const top = found.rows[0];
    const head = top === undefined ? undefined : { seq: Number(top.seq), hash: String(top.hash) };
    known.set(chain, head === undefined ? null : { seq: head.seq, own: false });
    return head;
  };
  const headBeforeAppend = async (chain: string): Promise<{ readonly seq: number } | undefined> => {
    const seen = known.get(chain);
    if (seen !== undefined && (seen?.own === true || dialect.lockChainHead !== true)) return seen ?? undefined;
    return readHead(chain, dialect.lockChainHead === true);
  };
  return {
    head: (chain) => guard.run(() => readHead(chain, false)),
    append: (event) =>
      guard.write(async () => {
        const last = await headBeforeAppend(event.chain);
        if (event.seq !== (last?.seq ?? 0) + 1) return "conflict";
        const inserted = await dialect.insertOrSkip(db, queries, "tiaojie_audit", ["chain", "seq"], [auditColumns(event)]);
        if (inserted === 0) return "conflict";
        known.set(event.chain, { seq: event.seq, own: true });
        return "done";
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
