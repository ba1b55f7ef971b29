import type { StandardSchemaV1 } from "@standard-schema/spec";
import { Effect, Either, JSONSchema, ParseResult, type Schema } from "effect";
import type { ParseOptions } from "effect/SchemaAST";
import { collectIssues } from "./collect-issues.js";
import { textableCopy } from "./unreadable-values.js";
import type { Result } from "./result.js";
import { ValidationError } from "./validation-error.js";

/**
 * How every public schema is decoded: report all problems, and reject fields the
 * schema does not know (a misspelt field would otherwise be dropped silently).
 * Packages that run a schema's checks themselves (such as `@tiaojie/zod`) pass
 * the same options.
 *
 * @example
 * ```ts
 * import { ParseResult } from "effect";
 * import { Dispute } from "@tiaojie/core";
 * import { parseOptions } from "@tiaojie/core/schema-kit";
 *
 * const decodeDispute = ParseResult.decodeUnknownEither(Dispute, parseOptions);
 * ```
 * @since 0.1.0
 */
export const parseOptions: ParseOptions = { errors: "all", onExcessProperty: "error" };

/**
 * A schema that needs no services to decode or encode: every schema of the library,
 * and any an integrator composes from them.
 *
 * @since 0.1.0
 */
export type StandaloneSchema<A, I> = Schema.Schema<A, I, never>;
type Decoder = (input: unknown) => Either.Either<unknown, ParseResult.ParseIssue>;

const decoders = new WeakMap<object, Decoder>();
const encoders = new WeakMap<object, Decoder>();

const cached = (cache: WeakMap<object, Decoder>, schema: StandaloneSchema<unknown, unknown>, make: () => Decoder) => {
  let fn = cache.get(schema);
  if (!fn) {
    fn = make();
    cache.set(schema, fn);
  }
  return fn;
};

const toResult = <A>(either: Either.Either<unknown, ParseResult.ParseIssue>): Result<A> =>
  Either.isRight(either)
    ? { ok: true, value: either.right as A }
    : { ok: false, error: new ValidationError({ issues: collectIssues(either.left) }) };

/**
 * Decodes an unknown input (parsed JSON, a form, a spreadsheet row) into a value of
 * the schema's type. Never throws: a bad input gives `{ ok: false, error }` listing
 * every problem with its path, in Chinese and English.
 *
 * @example
 * ```ts
 * import { decode, Person } from "@tiaojie/core";
 *
 * const result = decode(Person, JSON.parse(body));
 * if (result.ok) save(result.value);
 * else reply(400, result.error.issues);
 * ```
 * @since 0.1.0
 */
export const decode = <A, I>(schema: StandaloneSchema<A, I>, input: unknown): Result<A> => {
  const decoder = cached(decoders, schema as StandaloneSchema<unknown, unknown>, () =>
    ParseResult.decodeUnknownEither(schema as StandaloneSchema<unknown, unknown>, parseOptions),
  );
  try {
    return toResult<A>(decoder(input));
  } catch (error) {
    // Effect turns some values into text while decoding and throws on objects that
    // cannot be (see textableCopy): decode a copy in which they can.
    const copy = textableCopy(input);
    if (copy === input) throw error;
    return toResult<A>(decoder(copy));
  }
};

/**
 * Encodes a value of the schema's type to plain JSON-compatible data.
 *
 * @example
 * ```ts
 * import { encode, Dispute } from "@tiaojie/core";
 *
 * const json = encode(Dispute, dispute);
 * if (json.ok) await fs.writeFile("dispute.json", JSON.stringify(json.value));
 * ```
 * @since 0.1.0
 */
export const encode = <A, I>(schema: StandaloneSchema<A, I>, value: A): Result<I> =>
  toResult<I>(
    cached(encoders, schema as StandaloneSchema<unknown, unknown>, () =>
      ParseResult.encodeUnknownEither(schema as StandaloneSchema<unknown, unknown>, parseOptions),
    )(value),
  );

/**
 * The Effect form of {@link decode}: fails with a {@link ValidationError}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect";
 * import { decodeEffect, Dispute } from "@tiaojie/core";
 *
 * const program = decodeEffect(Dispute, input).pipe(
 *   Effect.catchTag("ValidationError", (e) => Effect.logWarning(e.message)),
 * );
 * ```
 * @since 0.1.0
 */
export const decodeEffect = <A, I>(schema: StandaloneSchema<A, I>, input: unknown): Effect.Effect<A, ValidationError> => {
  const result = decode(schema, input);
  return result.ok ? Effect.succeed(result.value) : Effect.fail(result.error);
};

/**
 * Wraps a schema as a Standard Schema (v1), so that form libraries and frameworks
 * that accept Standard Schema can validate with it. Messages are given as
 * "中文 / English".
 *
 * @example
 * ```ts
 * import { standardSchema, Dispute } from "@tiaojie/core";
 *
 * const validator = standardSchema(Dispute);
 * const out = validator["~standard"].validate(input);
 * ```
 * @since 0.1.0
 */
export const standardSchema = <A, I>(schema: StandaloneSchema<A, I>): StandardSchemaV1<I, A> => ({
  "~standard": {
    version: 1,
    vendor: "tiaojie",
    validate: (input: unknown): StandardSchemaV1.Result<A> => {
      const result = decode(schema, input);
      if (result.ok) return { value: result.value };
      return {
        issues: result.error.issues.map((issue) => ({
          message: `${issue.zh} / ${issue.en}`,
          path: issue.path,
        })),
      };
    },
  },
});

/**
 * The JSON Schema (draft-07) of a schema's encoded form, for documentation and for
 * systems that validate before calling the library. Checks that JSON Schema cannot
 * express (check digits, calendar dates) are only in {@link decode}.
 *
 * @example
 * ```ts
 * import { jsonSchema, Person } from "@tiaojie/core";
 *
 * console.log(JSON.stringify(jsonSchema(Person), null, 2));
 * ```
 * @since 0.1.0
 */
export const jsonSchema = <A, I>(schema: StandaloneSchema<A, I>): JSONSchema.JsonSchema7Root =>
  JSONSchema.make(schema);

