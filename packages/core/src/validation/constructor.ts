import { type StandaloneSchema, decode } from "./decode.js";
import type { Result } from "./result.js";
import type { ValidationError } from "./validation-error.js";

/**
 * The checked constructor of a schema's values: it decodes its input with the
 * schema, so the rules and their bilingual messages stay in the schema alone.
 * Internal: every public constructor of `model/constructors.ts` is one of these.
 */
export const constructorOf =
  <A, I>(schema: StandaloneSchema<A, I>) =>
  (input: I): Result<A, ValidationError> =>
    decode(schema, input);

/**
 * The throwing form of a checked constructor, for tests and scripts: the value, or
 * the constructor's {@link ValidationError} thrown. Internal, like
 * {@link constructorOf}.
 */
export const orThrow =
  <A, I>(make: (input: I) => Result<A, ValidationError>) =>
  (input: I): A => {
    const result = make(input);
    if (result.ok) return result.value;
    throw result.error;
  };
