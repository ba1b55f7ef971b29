import { type AuditEventRow, type AuditLog, type Collection, type DisputeRow, type DivisionCode, type FindQuery, type LedgerTransaction, type Page, type RowBase, divisionPrefix } from "@tiaojie/core";
import { type CollectionName, type ScopedName, byId, collectionNames } from "./collections.js";
import { jsonCopy } from "./json-copy.js";
import { JsonFileStoreError } from "./json-file-store-error.js";
import type { LedgerDocument } from "./ledger-document.js";
import { countDisputes } from "./dispute-counts.js";
import { rowFilters } from "./row-filters.js";

// One transaction: the committed document it started from, and its own writes
// over it (a row, or `null` for a removal, by id; appended events by chain). Its
// reads see both. `result()` is the document with the writes applied, which the
// store makes the committed one once the file is written; until then nobody else
// sees them, and a transaction that rejects simply drops its draft.
//
// Every read is a linear scan of the collection: simple, and fine for an example
// or a small ledger; a real database answers `find` from an index on `id`, and
// `disputeCounts` with one `GROUP BY` over the same `WHERE`.

/** A transaction in progress. */
export interface LedgerDraft {
  /** What `work` is given. */
  readonly tx: LedgerTransaction;
  /** Ends the transaction: its methods refuse every later call. */
  readonly end: () => void;
  /** Whether it wrote anything (a read-only transaction leaves the file alone). */
  readonly wrote: () => boolean;
  /** The committed document with this transaction's writes applied. */
  readonly result: () => LedgerDocument;
}

type RowWrites = Map<string, RowBase | null>;

const finished = (): JsonFileStoreError =>
  new JsonFileStoreError("transaction-finished", {
    zh: "事务已结束，不能再读写",
    en: "the transaction has ended: it can no longer read or write",
  });

/** The jurisdiction a row is scoped by. */
const scopeOf = (row: RowBase): string => (row as { readonly jurisdiction?: string }).jurisdiction ?? "";

/** The rows a transaction sees (the committed ones under its own writes) within a scope that a filter keeps, in id order. */
const keptRows = (
  name: ScopedName,
  committed: ReadonlyMap<string, RowBase>,
  writes: RowWrites,
  query: { readonly within: DivisionCode; readonly where?: unknown; readonly after?: string },
): ReadonlyArray<RowBase> => {
  const keeps = rowFilters[name] as (row: RowBase, where: unknown) => boolean;
  const visible: RowBase[] = [];
  for (const [id, row] of committed) if (!writes.has(id)) visible.push(row);
  for (const row of writes.values()) if (row !== null) visible.push(row);
  const prefix = divisionPrefix(query.within);
  return visible
    .filter((row) => (query.after === undefined || row.id > query.after) && scopeOf(row).startsWith(prefix) && (query.where === undefined || keeps(row, query.where)))
    .sort(byId);
};

const draftCollection = (
  name: CollectionName,
  committed: ReadonlyMap<string, RowBase>,
  writes: RowWrites,
  assertOpen: () => void,
  maxPageSize: number,
): Collection<RowBase, unknown> => {
  const current = (id: string): RowBase | undefined => {
    const written = writes.get(id);
    return written === undefined ? committed.get(id) : (written ?? undefined);
  };
  const conditional = (id: string, expectedVersion: number): "ok" | "stale" | "missing" => {
    const row = current(id);
    return row === undefined ? "missing" : row.version === expectedVersion ? "ok" : "stale";
  };
  return {
    get: async (id) => {
      assertOpen();
      const row = current(id);
      return row === undefined ? undefined : jsonCopy(row);
    },
    insert: async (row) => {
      assertOpen();
      if (current(row.id) !== undefined) return "exists";
      writes.set(row.id, jsonCopy(row));
      return "done";
    },
    update: async (row, expectedVersion) => {
      assertOpen();
      const check = conditional(row.id, expectedVersion);
      if (check !== "ok") return check;
      writes.set(row.id, jsonCopy(row));
      return "done";
    },
    remove: async (id, expectedVersion) => {
      assertOpen();
      const check = conditional(id, expectedVersion);
      if (check !== "ok") return check;
      writes.set(id, null);
      return "done";
    },
    find: async (query: FindQuery<unknown>): Promise<Page<RowBase>> => {
      assertOpen();
      if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > maxPageSize) {
        throw new JsonFileStoreError("invalid-limit", {
          zh: `每页行数应为 1 到 ${maxPageSize} 之间的整数，实际为 ${String(query.limit)}`,
          en: `a page's limit must be a whole number from 1 to ${maxPageSize}, not ${String(query.limit)}`,
        });
      }
      if (name === "idempotency") return { rows: [] }; // idempotency rows have no jurisdiction: find is never called
      const kept = keptRows(name, committed, writes, query);
      const rows = kept.slice(0, query.limit).map(jsonCopy);
      return kept.length > query.limit ? { rows, next: rows[rows.length - 1]!.id } : { rows };
    },
  };
};

const draftAudit = (committed: LedgerDocument["chains"], appended: Map<string, AuditEventRow[]>, assertOpen: () => void): AuditLog => {
  const last = (chain: string): AuditEventRow | undefined => appended.get(chain)?.at(-1) ?? committed.get(chain)?.at(-1);
  return {
    head: async (chain) => {
      assertOpen();
      const event = last(chain);
      return event === undefined ? undefined : { seq: event.seq, hash: event.hash };
    },
    append: async (event) => {
      assertOpen();
      if (event.seq !== (last(event.chain)?.seq ?? 0) + 1) return "conflict";
      const pending = appended.get(event.chain);
      if (pending === undefined) appended.set(event.chain, [jsonCopy(event)]);
      else pending.push(jsonCopy(event));
      return "done";
    },
    list: async (chain, afterSeq, limit) => {
      assertOpen();
      const events = [...(committed.get(chain) ?? []), ...(appended.get(chain) ?? [])];
      return events.filter((event) => event.seq > afterSeq).slice(0, Math.max(0, limit)).map(jsonCopy);
    },
    chains: async () => {
      assertOpen();
      return [...new Set([...committed.keys(), ...appended.keys()])].sort();
    },
  };
};

/** Opens a transaction over the committed document. */
export const openDraft = (committed: LedgerDocument, maxPageSize: number): LedgerDraft => {
  let open = true;
  const assertOpen = (): void => {
    if (!open) throw finished();
  };
  const writes = new Map<CollectionName, RowWrites>(collectionNames.map((name) => [name, new Map()]));
  const appended = new Map<string, AuditEventRow[]>();
  const collection = <N extends CollectionName>(name: N): LedgerTransaction[N] =>
    draftCollection(name, committed.rows[name], writes.get(name)!, assertOpen, maxPageSize) as unknown as LedgerTransaction[N];
  const tx: LedgerTransaction = {
    disputes: collection("disputes"),
    persons: collection("persons"),
    personKeys: collection("personKeys"),
    listings: collection("listings"),
    tasks: collection("tasks"),
    grades: collection("grades"),
    submissions: collection("submissions"),
    hazards: collection("hazards"),
    idempotency: collection("idempotency"),
    audit: draftAudit(committed.chains, appended, assertOpen),
    disputeCounts: async (query) => {
      assertOpen();
      return countDisputes(keptRows("disputes", committed.rows.disputes, writes.get("disputes")!, query) as ReadonlyArray<DisputeRow>);
    },
  };
  return {
    tx,
    end: () => {
      open = false;
    },
    wrote: () => appended.size > 0 || [...writes.values()].some((w) => w.size > 0),
    result: () => {
      const rows = { ...committed.rows };
      for (const [name, written] of writes) {
        if (written.size === 0) continue;
        const next = new Map(committed.rows[name]);
        for (const [id, row] of written) {
          if (row === null) next.delete(id);
          else next.set(id, row);
        }
        rows[name] = next;
      }
      const chains = new Map(committed.chains);
      for (const [chain, events] of appended) chains.set(chain, [...(committed.chains.get(chain) ?? []), ...events]);
      return { rows, chains };
    },
  };
};
