import type { AuditEventRow, StoreRawAccess } from "@tiaojie/core";
import { type CollectionName, collectionNames } from "./collection-specs.js";
import { type Chains, readEvent, storeEvent } from "./memory-audit-log.js";
import { type CommittedTable, committedTexts } from "./memory-collection.js";
import { MemoryStoreMisuse } from "./memory-store-misuse.js";

/** Everything a memory store has committed. */
export interface MemoryState {
  readonly tables: { readonly [N in CollectionName]: CommittedTable<unknown> };
  readonly chains: Chains;
}

const sortedChains = (chains: Chains): ReadonlyArray<string> => [...chains.keys()].sort();

const checkEvents = (chain: string, events: ReadonlyArray<AuditEventRow>): void => {
  const seqs = new Set<number>();
  for (const event of events) {
    if (event.chain !== chain) {
      throw new MemoryStoreMisuse("invalid-audit-events", {
        zh: `审计事件属于链“${event.chain}”，不能写入链“${chain}”`,
        en: `an audit event of chain "${event.chain}" cannot replace events of chain "${chain}"`,
      });
    }
    if (seqs.has(event.seq)) {
      throw new MemoryStoreMisuse("invalid-audit-events", {
        zh: `链“${chain}”中有两个序号为 ${event.seq} 的审计事件`,
        en: `two audit events of chain "${chain}" have seq ${event.seq}`,
      });
    }
    seqs.add(event.seq);
  }
};

/**
 * The conformance kit's hooks into a memory store's committed state. A dump lists
 * each collection's rows (as the JSON text the store keeps) in id order, then
 * each chain's events in seq order, one per line under a `# name` header.
 */
export const memoryRawAccess = (state: MemoryState): StoreRawAccess => ({
  dump: async () => {
    const lines: string[] = [];
    for (const name of collectionNames) {
      lines.push(`# ${name}`);
      for (const text of committedTexts(state.tables[name])) lines.push(text);
    }
    for (const chain of sortedChains(state.chains)) {
      lines.push(`# audit ${chain}`);
      for (const event of state.chains.get(chain)!) lines.push(event.text);
    }
    return lines.join("\n");
  },
  auditEvents: async (chain) => (state.chains.get(chain) ?? []).map(readEvent),
  replaceAuditEvents: async (chain, events) => {
    checkEvents(chain, events);
    if (events.length === 0) state.chains.delete(chain);
    else state.chains.set(chain, events.map(storeEvent).sort((a, b) => a.seq - b.seq));
  },
  snapshot: async () => ({
    collections: Object.fromEntries(
      collectionNames.map((name) => [name, Array.from(committedTexts(state.tables[name]), (text) => JSON.parse(text) as unknown)]),
    ),
    audit: Object.fromEntries(sortedChains(state.chains).map((chain) => [chain, state.chains.get(chain)!.map(readEvent)])),
  }),
});
