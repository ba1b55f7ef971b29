/**
 * `@tiaojie/store-testkit`: the conformance suites every `LedgerStore` adapter of
 * Tiaojie (调解) must pass, registered as vitest suites by one call of
 * `runStoreConformance` in the adapter's own test file.
 *
 * @packageDocumentation
 */
export { type InjectionCorpusEntry, type InjectionFamily, injectionCorpus, injectionCorpusEntries } from "./injection-corpus.js";
export { runStoreConformance } from "./run-store-conformance.js";
export { type StoreConformanceOptions, type StoreUnderTest } from "./store-conformance-options.js";
export { type SuiteName, suiteNames } from "./suite-names.js";
