import type { ValidationError } from "./validation-error.js";

/**
 * The outcome of every operation of the library that can refuse: decoding, the
 * value constructors, compiling a grading table, confirming a grade, a case
 * transition, a calendar that does not cover a date … For callers who do not use
 * Effect, one shape everywhere: `{ ok: true, value }` or `{ ok: false, error }`,
 * where the error is a tagged value (never a thrown exception).
 *
 * @typeParam A - the value on success
 * @typeParam E - the error on refusal
 * @default E = ValidationError
 * @example
 * ```ts
 * import { localDate, type Result, type ValidationError, type LocalDate } from "@tiaojie/core";
 *
 * const r: Result<LocalDate, ValidationError> = localDate("2025-02-10");
 * if (r.ok) console.log(r.value);
 * else console.error(r.error.message);
 * ```
 * @since 0.1.0
 */
export type Result<A, E = ValidationError> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly error: E };

/**
 * A successful {@link Result}.
 *
 * @example
 * ```ts
 * import { ok } from "@tiaojie/core";
 *
 * ok(3); // { ok: true, value: 3 }
 * ```
 * @since 0.2.0
 */
export const ok = <A>(value: A): { readonly ok: true; readonly value: A } => ({ ok: true, value });

/**
 * A refused {@link Result}.
 *
 * @example
 * ```ts
 * import { err } from "@tiaojie/core";
 *
 * err(new Error("no")); // { ok: false, error: Error("no") }
 * ```
 * @since 0.2.0
 */
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
