import type { AuditEventRow, RowBase, StoreRawAccess } from "@tiaojie/core";
import type { Kysely } from "kysely";
import { type Database, type TableName, tables } from "../schema/tables.js";
import { type CollectionName, type RowCodec, type StoredRow, collectionNames, decodeRow, rowCodecs } from "./row-codecs.js";
import { auditColumns, auditEventOf } from "./sql-audit-log.js";

const text = (value: unknown): unknown => (value instanceof Uint8Array ? Buffer.from(value).toString("base64") : value);

/**
 * The conformance kit's hooks over the store's tables. They read and write
 * committed state directly, outside the port.
 */
export const sqlRawAccess = (db: Kysely<Database>): StoreRawAccess => {
  const q = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  return {
    dump: async () => {
      const parts: Array<string> = [];
      for (const name of Object.keys(tables) as Array<TableName>) {
        const rows = await q.selectFrom(name).selectAll().execute();
        for (const row of rows) parts.push(`${name} ${JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, text(v)])))}`);
      }
      return parts.join("\n");
    },
    auditEvents: async (chain) => {
      const rows = await db.selectFrom("tiaojie_audit").select("body").where("chain", "=", chain).orderBy("seq").execute();
      return rows.map(auditEventOf);
    },
    replaceAuditEvents: async (chain, events: ReadonlyArray<AuditEventRow>) => {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("tiaojie_audit").where("chain", "=", chain).execute();
        if (events.length > 0) await trx.insertInto("tiaojie_audit").values(events.map(auditColumns)).execute();
      });
    },
    snapshot: async () => {
      const collections: Record<string, ReadonlyArray<RowBase>> = {};
      for (const name of collectionNames) {
        const codec = rowCodecs[name as CollectionName] as RowCodec<RowBase, unknown>;
        const rows = await q.selectFrom(codec.table).selectAll().orderBy("id").execute();
        collections[name] = rows.map((r) => decodeRow(codec, r as StoredRow));
      }
      const audit = await db.selectFrom("tiaojie_audit").select(["chain", "body"]).orderBy("chain").orderBy("seq").execute();
      const chains: Record<string, Array<AuditEventRow>> = {};
      for (const row of audit) (chains[String(row.chain)] ??= []).push(auditEventOf(row));
      return { collections, chains };
    },
  };
};
