import type { AuditEventRow, AuditLog } from "@tiaojie/core";

// The audit log: per chain, its events in ascending seq, each kept as JSON text
// beside the seq and hash that `head` and `append` read. A transaction's appends
// wait in their own per-chain lists until it commits.

/** An audit event as the store keeps it. */
export interface StoredEvent {
  readonly seq: number;
  readonly hash: string;
  readonly text: string;
}

/** Per chain, its events in ascending `seq`; a chain without events has no entry. */
export type Chains = Map<string, StoredEvent[]>;

/** Keeps an event as text. */
export const storeEvent = (event: AuditEventRow): StoredEvent => ({ seq: event.seq, hash: event.hash, text: JSON.stringify(event) });

/** A fresh copy of a kept event. */
export const readEvent = (event: StoredEvent): AuditEventRow => JSON.parse(event.text) as AuditEventRow;

/** Makes a transaction's appends part of the committed chains. */
export const applyAppends = (chains: Chains, appended: Chains): void => {
  for (const [chain, events] of appended) {
    const stored = chains.get(chain);
    if (stored === undefined) chains.set(chain, events);
    else for (const event of events) stored.push(event);
  }
};

/** The index of the first event whose `seq` is above `afterSeq`. */
const firstAfter = (events: ReadonlyArray<StoredEvent>, afterSeq: number): number => {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid]!.seq <= afterSeq) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** The audit log as one transaction sees it: the committed chains and its own appends. */
export class MemoryAuditLog implements AuditLog {
  readonly #chains: Chains;
  readonly #appended: Chains = new Map();
  readonly #assertOpen: () => void;

  constructor(chains: Chains, assertOpen: () => void) {
    this.#chains = chains;
    this.#assertOpen = assertOpen;
  }

  /** This transaction's appends, per chain. */
  get appended(): Chains {
    return this.#appended;
  }

  readonly head = async (chain: string): Promise<{ readonly seq: number; readonly hash: string } | undefined> => {
    this.#assertOpen();
    const last = this.#last(chain);
    return last === undefined ? undefined : { seq: last.seq, hash: last.hash };
  };

  readonly append = async (event: AuditEventRow): Promise<"done" | "conflict"> => {
    this.#assertOpen();
    const last = this.#last(event.chain);
    if (event.seq !== (last?.seq ?? 0) + 1) return "conflict";
    const pending = this.#appended.get(event.chain);
    if (pending === undefined) this.#appended.set(event.chain, [storeEvent(event)]);
    else pending.push(storeEvent(event));
    return "done";
  };

  readonly list = async (chain: string, afterSeq: number, limit: number): Promise<ReadonlyArray<AuditEventRow>> => {
    this.#assertOpen();
    const out: AuditEventRow[] = [];
    for (const events of [this.#chains.get(chain), this.#appended.get(chain)]) {
      if (events === undefined) continue;
      for (let i = firstAfter(events, afterSeq); i < events.length && out.length < limit; i++) out.push(readEvent(events[i]!));
    }
    return out;
  };

  readonly chains = async (): Promise<ReadonlyArray<string>> => {
    this.#assertOpen();
    const names = new Set(this.#chains.keys());
    for (const chain of this.#appended.keys()) names.add(chain);
    return [...names].sort();
  };

  #last(chain: string): StoredEvent | undefined {
    const pending = this.#appended.get(chain);
    if (pending !== undefined) return pending[pending.length - 1];
    const stored = this.#chains.get(chain);
    return stored?.[stored.length - 1];
  }
}
