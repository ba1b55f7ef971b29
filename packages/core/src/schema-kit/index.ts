/**
 * `@tiaojie/core/schema-kit`: what packages that derive other validators from the
 * core schemas need (`@tiaojie/zod` is one): the parse options every public schema
 * is decoded with, the annotation key of bilingual messages, and the helpers that
 * word a problem from a schema's AST. It is not the user's API, and it follows the
 * internals of `effect/Schema`: an integrator who writes a schema of their own needs
 * only `bilingualMessage` and `decode` from `@tiaojie/core`.
 *
 * @packageDocumentation
 */
export { BilingualMessageId } from "../validation/bilingual.js";
export { collectIssues, expectedMessage, structuralMessages } from "../validation/collect-issues.js";
export { parseOptions } from "../validation/decode.js";
export { MAX_INPUT_DEPTH, tooDeepAt } from "../validation/input-depth.js";
