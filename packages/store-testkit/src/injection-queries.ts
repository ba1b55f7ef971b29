import type { AuditEventRow, Collection, DivisionCode, LedgerStore, LedgerTransaction, RowBase, StoreRawAccess } from "@tiaojie/core";
import { baselineRows } from "./fixtures/kit-baseline.js";
import { type CollectionName, type ScopedName, collectionNames, collectionOf } from "./fixtures/kit-collections.js";
import { prefecture } from "./fixtures/kit-divisions.js";
import { byId } from "./find-oracle.js";
import { SALT, f, keyPool, read } from "./injection-rows.js";
import { RawAccessMissing, type SuiteContext } from "./suite-context.js";

// How the injection suite reads a store: every row and event the port shows,
// to tell that nothing but the corpus rows changed; and the queries it sends:
// the filters that take strings, given corpus strings and near misses of
// stored values, and scopes cut short by LIKE wildcards.

export type AnyCollection = Collection<RowBase, Record<string, unknown>>;

export const anyCollection = (tx: LedgerTransaction, name: CollectionName): AnyCollection => collectionOf(tx, name) as unknown as AnyCollection;

/** Every row `find` returns for the query, following `next`. */
export const findEvery = async (c: AnyCollection, within: DivisionCode, where: Record<string, unknown> | undefined, pageSize: number): Promise<ReadonlyArray<RowBase>> => {
  const rows: RowBase[] = [];
  let after: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const got = await c.find({ within, limit: pageSize, ...(where === undefined ? {} : { where }), ...(after === undefined ? {} : { after }) });
    rows.push(...got.rows);
    if (got.next === undefined) return rows;
    after = got.next;
  }
  throw new Error("store-testkit: find did not end after 1000 pages");
};

export const sortedById = <R extends { readonly id: string }>(rows: ReadonlyArray<R>): ReadonlyArray<R> => [...rows].sort(byId);

/** What the port shows of the whole store: every collection's rows and every chain's events. */
export interface Everything {
  readonly rows: { readonly [N in CollectionName]: ReadonlyArray<RowBase> };
  readonly chains: ReadonlyArray<string>;
  readonly events: ReadonlyArray<readonly [string, ReadonlyArray<AuditEventRow>]>;
}

/**
 * Everything, read in one transaction: `find` over the prefecture (every kit
 * row lies in it) for the scoped collections, `get` of the ids given for
 * idempotency (which has no `find`), and every chain's events.
 */
export const readEverything = (store: LedgerStore, pageSize: number, idempotencyIds: ReadonlyArray<string>): Promise<Everything> =>
  store.transact(async (tx) => {
    const rows = {} as Record<CollectionName, ReadonlyArray<RowBase>>;
    for (const name of collectionNames) {
      const c = anyCollection(tx, name);
      if (name === "idempotency") {
        const got: RowBase[] = [];
        for (const id of idempotencyIds) {
          const row = await c.get(id);
          if (row !== undefined) got.push(row);
        }
        rows[name] = sortedById(got);
      } else rows[name] = sortedById(await findEvery(c, prefecture, undefined, pageSize));
    }
    const chains = [...(await tx.audit.chains())].sort();
    const events: Array<readonly [string, ReadonlyArray<AuditEventRow>]> = [];
    for (const chain of chains) events.push([chain, await tx.audit.list(chain, 0, 100_000)]);
    return { rows, chains, events };
  });

/** Everything but the given rows of one collection. */
export const without = (all: Everything, name: CollectionName, ids: ReadonlySet<string>): Everything => ({
  ...all,
  rows: { ...all.rows, [name]: all.rows[name].filter((r) => !ids.has(r.id)) },
});

/** How many rows of `before` are not exactly as they were in `after` (changed, gone or added), over every collection and chain. */
export const rowsChanged = (before: Everything, after: Everything): number => {
  let n = 0;
  for (const name of collectionNames) {
    const was = new Map(before.rows[name].map((r) => [r.id, JSON.stringify(r)]));
    const now = new Map(after.rows[name].map((r) => [r.id, JSON.stringify(r)]));
    for (const [id, text] of was) if (now.get(id) !== text) n++;
    for (const id of now.keys()) if (!was.has(id)) n++;
  }
  if (JSON.stringify(before.events) !== JSON.stringify(after.events)) n += 1;
  return n;
};

/** The raw hooks when the adapter gave them, else `undefined` (the suite then compares through the port alone). */
export const optionalRaw = (ctx: SuiteContext): StoreRawAccess | undefined => {
  try {
    return ctx.raw();
  } catch (error) {
    if (error instanceof RawAccessMissing) return undefined;
    throw error;
  }
};

export const baselineIds = ["base-1", "base-2", "base-3"];

export const copy = <T>(value: T): T => structuredClone(value);

export interface StringFilter {
  readonly where: string;
  /** The row fields the filter compares (a dispute's `party` reads both parties). */
  readonly reads: ReadonlyArray<string>;
  /** Whether the filter takes an array (`Match`); `kekIdNot` takes one string. */
  readonly match: boolean;
}

const eq = (where: string, reads: ReadonlyArray<string> = [where]): StringFilter => ({ where, reads, match: true });

export const stringFilters: { readonly [N in ScopedName]: ReadonlyArray<StringFilter> } = {
  disputes: [eq("township"), eq("domain"), eq("level"), eq("priority"), eq("status"), eq("leadUnit"), eq("reportedMonth"), eq("party", ["parties.0", "parties.1"])],
  persons: [{ where: "identityIndex", reads: ["identityIndex"], match: false }],
  personKeys: [{ where: "kekIdNot", reads: ["kekId"], match: false }],
  listings: [eq("person"), eq("responsibleUnit")],
  tasks: [eq("kind"), eq("dispute"), eq("listing"), eq("person"), eq("unit")],
  grades: [eq("dispute")],
  submissions: [eq("unit"), eq("deadline")],
  hazards: [eq("status"), eq("responsibleUnit")],
};

/**
 * Values almost equal to a stored one: quotes and comments appended, the last
 * character replaced by a LIKE wildcard or a wildcard appended, a trailing
 * backslash, a trailing space. None equals the stored value, so none may
 * match its row.
 */
export const nearMisses = (v: string): ReadonlyArray<string> =>
  v.length === 0 ? [] : [`${v}' OR '1'='1`, `${v}'--`, `${v}%`, `${v.slice(0, -1)}_`, `${v.slice(0, -1)}%`, `${v}\\`, `${v} `, `${v}'; DROP TABLE tiaojie_dispute; --`];

/** About how many single-value queries of corpus strings a collection's filter test makes. */
const SINGLE_QUERIES = 160;

/** How many corpus strings an `IN` list of the filter tests holds. */
const IN_LIST = 16;

/**
 * The queries of filter field `j` of a collection: single corpus strings (the
 * fields of a collection share them out, so that each string is a single value
 * of at least one field), every corpus string within `IN` lists, and the near
 * misses of the first stored value, alone and as one list. `count` marks those
 * `disputeCounts` also answers, when the store offers it.
 */
export const filterQueries = (name: ScopedName, filter: StringFilter, j: number): ReadonlyArray<{ readonly where: Record<string, unknown>; readonly count: boolean }> => {
  const fieldsOfName = stringFilters[name].length;
  const stride = Math.max(1, Math.ceil((fieldsOfName * keyPool.length) / SINGLE_QUERIES));
  const singles = keyPool.filter((_, i) => (i + j) % stride === 0);
  const stored = baselineRows(name, SALT)
    .flatMap((r) => filter.reads.map((p) => read(r, f(p, "key"))))
    .filter((v): v is string => typeof v === "string");
  const misses = [...new Set(stored)].flatMap(nearMisses);
  const first = stored[0] === undefined ? [] : nearMisses(stored[0]);
  const out: Array<{ readonly where: Record<string, unknown>; readonly count: boolean }> = [
    ...singles.map((v) => ({ where: { [filter.where]: v }, count: false })),
    ...first.map((v) => ({ where: { [filter.where]: v }, count: true })),
  ];
  if (filter.match) {
    for (let i = 0; i < keyPool.length; i += IN_LIST) out.push({ where: { [filter.where]: keyPool.slice(i, i + IN_LIST) }, count: i === 0 });
    out.push({ where: { [filter.where]: misses }, count: true });
  } else for (const v of misses.filter((m) => !first.includes(m))) out.push({ where: { [filter.where]: v }, count: false });
  return out;
};

/**
 * Scopes that are division codes cut short by a LIKE wildcard, or wildcards
 * alone: a store that puts `within` into a LIKE pattern unescaped keeps rows
 * outside it (the port's scope is the code's significant digits as a prefix).
 */
export const wildcardScopes: ReadonlyArray<string> = ["%", "_", "5323%", "53230_", "532301%", "5323011012_1", "53230110120_", "532301101201%", "5323\\%", "5323'%", "5323[0-9]%"];
