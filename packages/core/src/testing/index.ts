/**
 * `@tiaojie/core/testing`: fast-check arbitraries for every public schema and a
 * seeded generator of a realistic synthetic town, for tests, examples and
 * benchmarks (ours and integrators').
 *
 * @packageDocumentation
 */
export { arbitraries, type ArbitraryName, type EncodedOf } from "./arbitraries.js";
export { sampleTown, type SampleTown, type SampleTownOptions, type SampleVillage } from "./sample-town.js";
