import type { Collection, LedgerTransaction } from "@tiaojie/core";

// The collections of a transaction, by name, with their row and filter types
// taken from the port, so that a collection added to the port and not here fails
// to compile.

/** The names of the collections of a {@link LedgerTransaction}. */
export type CollectionName = Exclude<keyof LedgerTransaction, "audit" | "disputeCounts">;

/** The collections `find` answers for: all but idempotency, whose rows have no jurisdiction. */
export type ScopedName = Exclude<CollectionName, "idempotency">;

/** The row type of a collection. */
export type RowOf<N extends CollectionName> = LedgerTransaction[N] extends Collection<infer R, infer _W> ? R : never;

/** The filter type of a collection. */
export type WhereOf<N extends CollectionName> = LedgerTransaction[N] extends Collection<infer _R, infer W> ? W : never;

/** Every collection, in the order the file lists them. */
export const collectionNames = [
  "disputes",
  "persons",
  "personKeys",
  "listings",
  "tasks",
  "grades",
  "submissions",
  "hazards",
  "idempotency",
] as const satisfies ReadonlyArray<CollectionName>;

// Fails to compile when the port gains a collection that the list lacks.
const _everyCollection: Record<CollectionName, true> = Object.fromEntries(collectionNames.map((n) => [n, true])) as {
  [N in (typeof collectionNames)[number]]: true;
};
void _everyCollection;

/** Orders rows by id as JavaScript's `<` compares strings (UTF-16 code units). */
export const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
