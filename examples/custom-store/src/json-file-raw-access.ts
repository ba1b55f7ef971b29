import { readFile } from "node:fs/promises";
import type { AuditEventRow, StoreRawAccess } from "@tiaojie/core";
import { jsonCopy } from "./json-copy.js";
import { JsonFileStoreError } from "./json-file-store-error.js";
import { type LedgerDocument, documentText } from "./ledger-document.js";

// The conformance kit's hooks. They wait their turn behind running transactions
// (so they always see committed state), and `replaceAuditEvents` writes the file
// as a commit does, bypassing the audit log's rules, as someone editing the file
// by hand would.

/** What the hooks need of their store. */
export interface RawAccessHost {
  readonly file: string;
  /** The committed document. */
  readonly committed: () => LedgerDocument;
  /** Writes the document to the file and makes it the committed one. */
  readonly commit: (next: LedgerDocument) => Promise<void>;
  /** Runs a task when no transaction is running. */
  readonly serially: <A>(task: () => Promise<A>) => Promise<A>;
}

const checkEvents = (chain: string, events: ReadonlyArray<AuditEventRow>): void => {
  const seqs = new Set<number>();
  for (const event of events) {
    if (event.chain !== chain) {
      throw new JsonFileStoreError("invalid-audit-events", {
        zh: `审计事件属于链“${event.chain}”，不能写入链“${chain}”`,
        en: `an audit event of chain "${event.chain}" cannot replace events of chain "${chain}"`,
      });
    }
    if (seqs.has(event.seq)) {
      throw new JsonFileStoreError("invalid-audit-events", {
        zh: `链“${chain}”中有两个序号为 ${event.seq} 的审计事件`,
        en: `two audit events of chain "${chain}" have seq ${event.seq}`,
      });
    }
    seqs.add(event.seq);
  }
};

/**
 * The {@link StoreRawAccess} of a JSON-file store. `dump` is the file as it is on
 * disk; `snapshot` is that text parsed, so it is the same for the same state
 * whatever the history (rows in id order, chains by name, events by seq).
 */
export const jsonFileRawAccess = (host: RawAccessHost): StoreRawAccess => ({
  dump: () => host.serially(() => readFile(host.file, "utf8")),
  auditEvents: (chain) => host.serially(async () => (host.committed().chains.get(chain) ?? []).map(jsonCopy)),
  replaceAuditEvents: (chain, events) =>
    host.serially(async () => {
      checkEvents(chain, events);
      const chains = new Map(host.committed().chains);
      if (events.length === 0) chains.delete(chain);
      else chains.set(chain, events.map(jsonCopy).sort((a, b) => a.seq - b.seq));
      await host.commit({ ...host.committed(), chains });
    }),
  snapshot: () => host.serially(async () => JSON.parse(documentText(host.committed())) as unknown),
});
