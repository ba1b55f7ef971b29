import type { Collection, LedgerTransaction, RowBase } from "@tiaojie/core";
import { type CollectionName, collectionNames } from "./collection-specs.js";
import type { CommittedTable } from "./memory-collection.js";
import type { MemoryState } from "./memory-raw-access.js";
import { MemoryStoreMisuse } from "./memory-store-misuse.js";
import { SortedKeys } from "./sorted-keys.js";

// The replica of a memory store made with `replica: true`: a copy of the
// committed state, taken when the test calls `raw.syncReplica()`, read by
// `transactReadOnly` and never written. Stored rows and events are immutable
// once committed (a commit replaces a map entry, and appends to a chain's list),
// so a copy shares them and copies only the maps, the id indexes and the lists.

const copyTable = <C>(table: CommittedTable<C>): CommittedTable<C> => {
  const ids = new SortedKeys();
  for (const id of table.ids.keysAfter()) ids.add(id);
  return { rows: new Map(table.rows), ids };
};

/** A copy of a store's committed state that later commits leave as it is. */
export const copyState = (state: MemoryState): MemoryState => ({
  tables: Object.fromEntries(collectionNames.map((name) => [name, copyTable(state.tables[name])])) as unknown as MemoryState["tables"],
  chains: new Map([...state.chains].map(([chain, events]) => [chain, [...events]])),
});

/** The error of a write through `transactReadOnly`. */
const refused = (call: string): MemoryStoreMisuse =>
  new MemoryStoreMisuse("read-only", {
    zh: `只读事务（副本）不能写入：${call}`,
    en: `a read-only transaction (the replica) cannot write: ${call}`,
  });

const readOnlyCollection = <R extends RowBase, W>(name: CollectionName, inner: Collection<R, W>): Collection<R, W> => ({
  get: (id) => inner.get(id),
  find: (query) => inner.find(query),
  insert: () => Promise.reject(refused(`${name}.insert`)),
  update: () => Promise.reject(refused(`${name}.update`)),
  remove: () => Promise.reject(refused(`${name}.remove`)),
});

/**
 * A transaction's reads, its every write rejected with {@link MemoryStoreMisuse}
 * (`read-only`) before it changes anything. Whatever else the transaction has
 * (a read added to the port later) passes through as it is.
 */
export const readOnlyView = (tx: LedgerTransaction): LedgerTransaction => {
  const view: Record<string, unknown> = {
    ...tx,
    audit: {
      head: (chain: string) => tx.audit.head(chain),
      list: (chain: string, afterSeq: number, limit: number) => tx.audit.list(chain, afterSeq, limit),
      chains: () => tx.audit.chains(),
      append: () => Promise.reject(refused("audit.append")),
    },
  };
  for (const name of collectionNames) view[name] = readOnlyCollection(name, tx[name] as unknown as Collection<RowBase, unknown>);
  return view as unknown as LedgerTransaction;
};
