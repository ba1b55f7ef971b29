import type { Bilingual } from "@tiaojie/core";

/**
 * Why a JSON-file store refused or failed:
 *
 * - `open-failed`: the file could not be read, or (when missing) created.
 * - `invalid-file`: the file is not a ledger file of this store (not JSON, another
 *   format, a row without an id, two events with the same seq).
 * - `write-failed`: a commit could not be written; the transaction's writes were
 *   discarded and the file and the store are as they were.
 * - `store-closed`: `transact` or a raw hook was called after `close`.
 * - `transaction-finished`: a method of a transaction was called after its
 *   `transact` settled.
 * - `invalid-limit`: a `find` asked for fewer than 1 or more than `maxPageSize`
 *   rows.
 * - `invalid-audit-events`: `raw.replaceAuditEvents` was given an event of another
 *   chain, or two with the same `seq`.
 *
 * @example
 * ```ts
 * const reason: JsonFileStoreErrorReason = error.reason; // e.g. "write-failed"
 * ```
 * @since 0.3.0
 */
export type JsonFileStoreErrorReason =
  | "open-failed"
  | "invalid-file"
  | "write-failed"
  | "store-closed"
  | "transaction-finished"
  | "invalid-limit"
  | "invalid-audit-events";

/**
 * The error a JSON-file store rejects with. The port's outcomes (`exists`,
 * `stale`, `missing`, `conflict`) are answers, never this error; it means the file
 * failed or the store was used against its contract. `text` says what happened in
 * Chinese and English, `cause` holds the file system's error when there is one.
 *
 * @example
 * ```ts
 * import { JsonFileStoreError, makeJsonFileStore } from "@tiaojie/example-custom-store";
 *
 * try {
 *   await makeJsonFileStore({ file: "notes.txt" });
 * } catch (e) {
 *   if (e instanceof JsonFileStoreError) e.reason; // "invalid-file"
 * }
 * ```
 * @since 0.3.0
 */
export class JsonFileStoreError extends Error {
  /** Always `JsonFileStoreError`, to tell it from other errors without `instanceof`. */
  readonly _tag = "JsonFileStoreError" as const;
  /** What went wrong. */
  readonly reason: JsonFileStoreErrorReason;
  /** The message in both languages. */
  readonly text: Bilingual;

  constructor(reason: JsonFileStoreErrorReason, text: Bilingual, cause?: unknown) {
    super(`${text.zh} / ${text.en}`, cause === undefined ? undefined : { cause });
    this.name = "JsonFileStoreError";
    this.reason = reason;
    this.text = text;
  }
}
