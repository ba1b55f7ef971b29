import { type Collection, type DivisionCode, type FindQuery, type Page, type RowBase, divisionPrefix } from "@tiaojie/core";
import type { CollectionSpec } from "./collection-specs.js";
import { MemoryStoreMisuse } from "./memory-store-misuse.js";
import { SortedKeys } from "./sorted-keys.js";

// One collection: its committed rows, the writes of one transaction over them, and
// the transaction's view of both. A row is kept as its JSON text (what the caller
// gave can change afterwards without changing the store, and every read parses a
// fresh copy) beside the columns its filters read.

/** A row as the store keeps it. */
export interface StoredRow<C> {
  readonly text: string;
  readonly version: number;
  readonly columns: C;
}

/** The committed rows of a collection, and their ids in order. */
export interface CommittedTable<C> {
  readonly rows: Map<string, StoredRow<C>>;
  readonly ids: SortedKeys;
}

/** The writes of one transaction to a collection: a row, or `null` for a removal. */
export interface TableWrites<C> {
  readonly rows: Map<string, StoredRow<C> | null>;
  /** The ids of `rows`, in order; made on the first write. */
  ids: SortedKeys | undefined;
}

/** An empty table. */
export const emptyTable = <C>(): CommittedTable<C> => ({ rows: new Map(), ids: new SortedKeys() });

/** No writes yet. */
export const noWrites = <C>(): TableWrites<C> => ({ rows: new Map(), ids: undefined });

/** Makes a transaction's writes part of the committed table. */
export const applyWrites = <C>(table: CommittedTable<C>, writes: TableWrites<C>): void => {
  for (const [id, row] of writes.rows) {
    if (row === null) {
      if (table.rows.delete(id)) table.ids.delete(id);
    } else {
      if (!table.rows.has(id)) table.ids.add(id);
      table.rows.set(id, row);
    }
  }
};

/** The committed rows' texts, in id order. */
export function* committedTexts<C>(table: CommittedTable<C>): Generator<string, void, undefined> {
  for (const id of table.ids.keysAfter()) yield table.rows.get(id)!.text;
}

/** The ids of the two ordered sequences merged, each once, in order. */
function* mergeIds(a: Iterator<string, void>, b: Iterator<string, void>): Generator<string, void, undefined> {
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done) {
      yield x.value as string;
      x = a.next();
    } else if (x.done) {
      yield y.value;
      y = b.next();
    } else if (x.value < y.value) {
      yield x.value;
      x = a.next();
    } else if (y.value < x.value) {
      yield y.value;
      y = b.next();
    } else {
      yield x.value;
      x = a.next();
      y = b.next();
    }
  }
}

/**
 * A collection as one transaction sees it: the committed rows under its own
 * writes.
 */
export class MemoryCollection<R extends RowBase, W, C> implements Collection<R, W> {
  readonly #spec: CollectionSpec<R, W, C>;
  readonly #table: CommittedTable<C>;
  readonly #writes: TableWrites<C>;
  readonly #assertOpen: () => void;
  readonly #maxPageSize: number;

  constructor(spec: CollectionSpec<R, W, C>, table: CommittedTable<C>, writes: TableWrites<C>, assertOpen: () => void, maxPageSize: number) {
    this.#spec = spec;
    this.#table = table;
    this.#writes = writes;
    this.#assertOpen = assertOpen;
    this.#maxPageSize = maxPageSize;
  }

  readonly get = async (id: string): Promise<R | undefined> => {
    this.#assertOpen();
    const row = this.#current(id);
    return row === undefined ? undefined : (JSON.parse(row.text) as R);
  };

  readonly insert = async (row: R): Promise<"done" | "exists"> => {
    this.#assertOpen();
    if (this.#current(row.id) !== undefined) return "exists";
    this.#write(row.id, this.#encode(row));
    return "done";
  };

  readonly update = async (row: R, expectedVersion: number): Promise<"done" | "stale" | "missing"> => {
    this.#assertOpen();
    const current = this.#current(row.id);
    if (current === undefined) return "missing";
    if (current.version !== expectedVersion) return "stale";
    this.#write(row.id, this.#encode(row));
    return "done";
  };

  readonly remove = async (id: string, expectedVersion: number): Promise<"done" | "stale" | "missing"> => {
    this.#assertOpen();
    const current = this.#current(id);
    if (current === undefined) return "missing";
    if (current.version !== expectedVersion) return "stale";
    this.#write(id, null);
    return "done";
  };

  /**
   * The columns of every row `find` would return for the scope and filter, over
   * all pages, in id order (the store's `disputeCounts` groups them).
   */
  keptColumns(query: { readonly within: DivisionCode; readonly where?: W }): ReadonlyArray<C> {
    this.#assertOpen();
    const spec = this.#spec;
    if (!spec.scoped) return [];
    const prefix = divisionPrefix(query.within);
    const out: C[] = [];
    for (const id of this.#idsAfter(undefined)) {
      const row = this.#current(id);
      if (row === undefined || !spec.jurisdiction(row.columns).startsWith(prefix)) continue;
      if (query.where !== undefined && !spec.matches(row.columns, query.where)) continue;
      out.push(row.columns);
    }
    return out;
  }

  readonly find = async (query: FindQuery<W>): Promise<Page<R>> => {
    this.#assertOpen();
    const { limit } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > this.#maxPageSize) {
      throw new MemoryStoreMisuse("invalid-limit", {
        zh: `每页行数应为 1 到 ${this.#maxPageSize} 之间的整数，实际为 ${String(limit)}`,
        en: `a page's limit must be a whole number from 1 to ${this.#maxPageSize}, not ${String(limit)}`,
      });
    }
    const spec = this.#spec;
    if (!spec.scoped) return { rows: [] };
    const prefix = divisionPrefix(query.within);
    const where = query.where;
    const rows: R[] = [];
    for (const id of this.#idsAfter(query.after)) {
      const row = this.#current(id);
      if (row === undefined || !spec.jurisdiction(row.columns).startsWith(prefix)) continue;
      if (where !== undefined && !spec.matches(row.columns, where)) continue;
      rows.push(JSON.parse(row.text) as R);
      if (rows.length === limit) return { rows, next: id };
    }
    return { rows };
  };

  #encode(row: R): StoredRow<C> {
    return { text: JSON.stringify(row), version: row.version, columns: this.#spec.columns(row) };
  }

  /** The row as this transaction sees it. */
  #current(id: string): StoredRow<C> | undefined {
    const written = this.#writes.rows.get(id);
    if (written !== undefined) return written ?? undefined;
    return this.#table.rows.get(id);
  }

  #write(id: string, row: StoredRow<C> | null): void {
    const writes = this.#writes;
    if (!writes.rows.has(id)) (writes.ids ??= new SortedKeys()).add(id);
    writes.rows.set(id, row);
  }

  /** The ids this transaction may see above `after`, in order: committed or written. */
  #idsAfter(after: string | undefined): Iterable<string> {
    const committed = this.#table.ids.keysAfter(after);
    const written = this.#writes.ids;
    return written === undefined ? committed : mergeIds(committed, written.keysAfter(after));
  }
}
