/**
 * `@tiaojie/store-memory`: the reference `LedgerStore`, in memory. It runs
 * transactions one at a time, keeps every row as JSON text under a sorted index
 * of ids, and passes `@tiaojie/store-testkit`'s conformance suites.
 *
 * @packageDocumentation
 */
export { type MemoryReplicaRawAccess, type MemoryReplicaStore, type MemoryStore, type MemoryStoreOptions, makeMemoryStore } from "./memory-store.js";
export { MemoryStoreMisuse, type MemoryStoreMisuseReason } from "./memory-store-misuse.js";
