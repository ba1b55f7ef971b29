/**
 * Where the ledger service gets the ids of the records it creates (audit events,
 * tasks, hazards, grade decisions, submissions, and disputes or persons registered
 * without one).
 *
 * An implementation MUST never return the same id twice, and SHOULD return ids
 * that sort (as strings) in the order they were made, such as UUIDv7, so that a
 * store's order by id is the order of creation and no database needs a global
 * sequence. Ids are at most 64 characters of `[0-9A-Za-z_-]`.
 *
 * @example
 * ```ts
 * const ids: IdGenerator = uuidV7Generator();
 * ids.next(); // "0193d0c4-5e2a-7b3c-9f01-2b7c4d5e6f70"
 * ```
 * @since 0.3.0
 */
export interface IdGenerator {
  readonly next: () => string;
}
