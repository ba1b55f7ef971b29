/**
 * `@tiaojie/core/testing`: a seeded generator of a realistic synthetic town, for
 * tests, examples and benchmarks (ours and integrators'). It needs nothing beyond
 * the core's own dependencies; the fast-check arbitraries are in
 * `@tiaojie/core/arbitraries`.
 *
 * @packageDocumentation
 */
export { sampleTown, type SampleTown, type SampleTownOptions, type SampleVillage } from "./sample-town.js";
export { sampleOfficers, type SampleOfficers } from "./sample-officers.js";
