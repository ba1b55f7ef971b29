// A deliberately simple LedgerStore for the core's own tests of the ledger
// service: whole-state copies per transaction, linear scans. It is not the
// reference adapter (that is @tiaojie/store-memory, which core cannot depend on);
// it is a second, independent reading of the port's contract.
import { isWithinDivision } from "../model/division-code.js";
import type { Collection, DisputeCount, DisputeCountQuery, FindQuery, LedgerStore, LedgerTransaction } from "../ports/ledger-store.js";
import type { AuditEventRow, RowBase } from "../ports/store-rows.js";

type State = { collections: Record<string, Record<string, RowBase & { jurisdiction?: string }>>; audit: Record<string, Array<AuditEventRow>> };

const NAMES = ["disputes", "persons", "personKeys", "listings", "tasks", "grades", "submissions", "hazards", "idempotency"] as const;

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const matches = (row: Record<string, unknown>, where: Record<string, unknown>): boolean =>
  Object.entries(where).every(([field, want]) => {
    if (want === undefined) return true;
    switch (field) {
      case "open":
        return (row.closedOn === undefined && row.doneOn === undefined) === want;
      case "erased":
        return (row.erasedOn !== undefined) === want;
      case "kekIdNot":
        return row.kekId !== want;
      case "closedBefore":
        return typeof row.closedOn === "string" && row.closedOn < (want as string);
      case "deadlineBefore":
        return typeof row.deadline === "string" && row.deadline < (want as string);
      case "reportedFrom":
        return (row.reportedOn as string) >= (want as string);
      case "reportedTo":
        return (row.reportedOn as string) <= (want as string);
      case "settledBefore":
        return typeof row.settledOn === "string" && row.settledOn < (want as string);
      case "settledFrom":
        return typeof row.settledOn === "string" && row.settledOn >= (want as string);
      case "party": {
        const wanted = Array.isArray(want) ? want : [want];
        return (row.parties as ReadonlyArray<string>).some((p) => wanted.includes(p));
      }
      default: {
        const wanted = Array.isArray(want) ? want : [want];
        return wanted.includes(row[field]);
      }
    }
  });

/** @internal The committed state of a naive store: every collection's rows by id, and each audit chain's events in order. */
export type NaiveState = State;

/** The error of a write inside the naive store's read-only transaction. */
export class NaiveReplicaWrite extends Error {
  constructor(call: string) {
    super(`naive store: the replica is read-only (${call})`);
    this.name = "NaiveReplicaWrite";
  }
}

/** A transaction whose writes reject: the naive replica's. */
const readOnlyTx = (tx: LedgerTransaction): LedgerTransaction => {
  const refuse = (call: string) => async (): Promise<never> => {
    throw new NaiveReplicaWrite(call);
  };
  const collections = Object.fromEntries(
    NAMES.map((n) => {
      const c = tx[n] as unknown as Collection<never, never>;
      return [n, { get: c.get, find: c.find, insert: refuse(`${n}.insert`), update: refuse(`${n}.update`), remove: refuse(`${n}.remove`) }];
    }),
  );
  // Whatever else the transaction has (a read added to the port later) passes through.
  return { ...tx, ...(collections as unknown as Omit<LedgerTransaction, "audit">), audit: { ...tx.audit, append: refuse("audit.append") } };
};

/** @internal What `naiveStore` makes. */
export type NaiveStore = LedgerStore & {
  readonly state: () => State;
  readonly replaceState: (next: State) => void;
  /** With `replica`: the replica takes a copy of what is committed now. */
  readonly syncReplica: () => void;
  /** With `replica`: a copy of the replica's state. */
  readonly replicaState: () => State;
};

/** The columns `disputeCounts` groups by, in order. */
const COUNTED = ["jurisdiction", "domain", "status", "level", "priority", "gradeConfirmed", "leadUnit"] as const;

/**
 * @internal A naive store; `state()` is a copy of its committed state, for
 * assertions; `replaceState(s)` puts a copy of `s` in its place, as someone with
 * write access to the database could (tampering, restoring a backup). With
 * `replica`, it also has `transactReadOnly`, over a copy of the committed state
 * taken at the last `syncReplica()` (empty until the first), whose writes reject.
 * With `counts: true` its transactions have `disputeCounts`, grouping the rows
 * `find` keeps.
 */
export const naiveStore = (options: { readonly failAt?: () => boolean; readonly replica?: boolean; readonly counts?: boolean } = {}): NaiveStore => {
  let committed: State = { collections: Object.fromEntries(NAMES.map((n) => [n, {}])), audit: {} };
  let replica: State = copy(committed);
  const replicaOnly = (what: string): void => {
    if (options.replica !== true) throw new Error(`naive store: ${what} needs a store made with replica: true`);
  };
  let queue: Promise<unknown> = Promise.resolve();
  const maybeFail = () => {
    if (options.failAt?.()) throw new Error("naive store: injected failure");
  };
  const txOf = (draft: State): LedgerTransaction => {
    const kept = (name: string, q: { readonly within: string; readonly where?: Record<string, unknown> }) =>
      Object.values(draft.collections[name]!)
        .filter((r) => r.jurisdiction !== undefined && isWithinDivision(r.jurisdiction as never, q.within as never))
        .filter((r) => matches(r as never, q.where ?? {}));
    const disputeCounts = async (q: DisputeCountQuery): Promise<ReadonlyArray<DisputeCount>> => {
      maybeFail();
      const groups = new Map<string, { row: Record<string, unknown>; count: number }>();
      for (const r of kept("disputes", q as never) as unknown as ReadonlyArray<Record<string, unknown>>) {
        const key = JSON.stringify(COUNTED.map((c) => r[c] ?? null));
        const group = groups.get(key) ?? { row: r, count: 0 };
        group.count++;
        groups.set(key, group);
      }
      return [...groups.values()].map(({ row, count }) => copy({ ...Object.fromEntries(COUNTED.map((c) => [c, row[c]])), count }) as unknown as DisputeCount);
    };
    const collection = (name: string): Collection<never, never> => {
      const rows = () => draft.collections[name]!;
      // Own keys only, and rows set as own properties: an id such as
      // "hasOwnProperty", "constructor" or "__proto__" is an id like any other.
      const own = (id: string) => (Object.hasOwn(rows(), id) ? rows()[id] : undefined);
      const put = (row: RowBase) => void Object.defineProperty(rows(), row.id, { value: copy(row), enumerable: true, writable: true, configurable: true });
      return {
        get: async (id: string) => (maybeFail(), own(id) === undefined ? undefined : copy(own(id)) as never),
        insert: async (row: RowBase) => {
          maybeFail();
          if (own(row.id) !== undefined) return "exists";
          put(row);
          return "done";
        },
        update: async (row: RowBase, expected: number) => {
          maybeFail();
          const now = own(row.id);
          if (now === undefined) return "missing";
          if (now.version !== expected) return "stale";
          put(row);
          return "done";
        },
        remove: async (id: string, expected: number) => {
          maybeFail();
          const now = own(id);
          if (now === undefined) return "missing";
          if (now.version !== expected) return "stale";
          delete rows()[id];
          return "done";
        },
        find: async (q: FindQuery<Record<string, unknown>>) => {
          maybeFail();
          const all = kept(name, q)
            .filter((r) => q.after === undefined || r.id > q.after)
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
          const page = all.slice(0, q.limit);
          return { rows: copy(page) as never, ...(all.length > q.limit ? { next: page.at(-1)!.id } : {}) };
        },
      } as unknown as Collection<never, never>;
    };
    return {
      ...(Object.fromEntries(NAMES.map((n) => [n, collection(n)])) as unknown as Omit<LedgerTransaction, "audit">),
      audit: {
        head: async (chain) => {
          maybeFail();
          const last = draft.audit[chain]?.at(-1);
          return last === undefined ? undefined : { seq: last.seq, hash: last.hash };
        },
        append: async (event) => {
          maybeFail();
          const list = (draft.audit[event.chain] ??= []);
          if (event.seq !== (list.at(-1)?.seq ?? 0) + 1) return "conflict";
          list.push(copy(event));
          return "done";
        },
        list: async (chain, afterSeq, limit) => (maybeFail(), copy((draft.audit[chain] ?? []).filter((e) => e.seq > afterSeq).slice(0, limit))),
        chains: async () => (maybeFail(), Object.keys(draft.audit).filter((c) => draft.audit[c]!.length > 0).sort()),
      },
      ...(options.counts === true ? { disputeCounts } : {}),
    } as LedgerTransaction;
  };
  return {
    name: "naive",
    transact: <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => {
      const run = queue.then(async () => {
        const draft = copy(committed);
        const value = await work(txOf(draft));
        committed = draft;
        return value;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    ...(options.replica === true
      ? {
          transactReadOnly: async <A>(work: (tx: LedgerTransaction) => Promise<A>): Promise<A> => {
            // Reads of a snapshot: what the replica had when the transaction began.
            const snapshot = copy(replica);
            return work(readOnlyTx(txOf(snapshot)));
          },
        }
      : {}),
    state: () => copy(committed),
    replaceState: (next) => {
      committed = copy(next);
    },
    syncReplica: () => {
      replicaOnly("syncReplica");
      replica = copy(committed);
    },
    replicaState: () => {
      replicaOnly("replicaState");
      return copy(replica);
    },
  };
};
