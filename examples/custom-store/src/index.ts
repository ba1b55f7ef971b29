/**
 * `@tiaojie/example-custom-store`: a `LedgerStore` adapter written from the guide
 * `docs/guides/writing-a-store-adapter.md`, keeping the whole ledger in one JSON
 * file. An example to read and to copy the shape of, not a production store.
 *
 * @packageDocumentation
 */
export { type JsonFileStore, type JsonFileStoreOptions, makeJsonFileStore } from "./json-file-store.js";
export { type JsonFileStoreErrorReason, JsonFileStoreError } from "./json-file-store-error.js";
