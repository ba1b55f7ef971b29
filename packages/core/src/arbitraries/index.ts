/**
 * `@tiaojie/core/arbitraries`: fast-check arbitraries for every public schema, for
 * property tests (ours and integrators'). It needs `fast-check` (an optional peer
 * dependency); `sampleTown` is in `@tiaojie/core/testing`, which does not.
 *
 * @packageDocumentation
 */
export { arbitraries, type ArbitraryName, type EncodedOf } from "../testing/arbitraries.js";
