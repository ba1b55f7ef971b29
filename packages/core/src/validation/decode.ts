import type { StandardSchemaV1 } from "@standard-schema/spec";
import { Effect, Either, JSONSchema, ParseResult, type Schema } from "effect";
import type { ParseOptions } from "effect/SchemaAST";
import { collectIssues } from "./collect-issues.js";
import { MAX_INPUT_DEPTH, tooDeepAt } from "./input-depth.js";
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
const quickDecoders = new WeakMap<object, Decoder>();
const encoders = new WeakMap<object, Decoder>();

const cached = (cache: WeakMap<object, Decoder>, schema: StandaloneSchema<unknown, unknown>, make: () => Decoder) => {
  let fn = cache.get(schema);
  if (!fn) {
    fn = make();
    cache.set(schema, fn);
  }
  return fn;
};

/**
 * What the quick attempt decodes with: stop at the first problem and drop
 * unknown fields. Effect's check for unknown fields costs more than the rest of
 * a decode; {@link keepsEveryKey} finds them for less.
 */
const quickOptions: ParseOptions = { errors: "first", onExcessProperty: "ignore" };

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Whether every field of every object in `input` is in `output` at the same
 * place: then decoding dropped no field, so no field is unknown to the schema
 * and the strict decode accepts the input with the same value. Any other shape
 * (a field dropped, an array of another length, a value that is not a plain
 * object or array on either side) answers `false`, and the strict decode
 * decides.
 */
const keepsEveryKey = (input: unknown, output: unknown): boolean => {
  if (typeof input !== "object" || input === null) return true;
  if (typeof output !== "object" || output === null) return false;
  if (Array.isArray(input)) {
    if (!Array.isArray(output) || output.length !== input.length) return false;
    for (let i = 0; i < input.length; i++) if (!keepsEveryKey(input[i], output[i])) return false;
    return true;
  }
  if (Array.isArray(output) || !isPlainObject(input) || !isPlainObject(output)) return false;
  // Symbol keys are fields too for Effect's check: let the strict decode judge them.
  if (Object.getOwnPropertySymbols(input).length > 0) return false;
  const record = input as Readonly<Record<string, unknown>>;
  const kept = output as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(kept, key) || !keepsEveryKey(record[key], kept[key])) return false;
  }
  return true;
};

const toResult = <A>(either: Either.Either<unknown, ParseResult.ParseIssue>): Result<A> =>
  Either.isRight(either)
    ? { ok: true, value: either.right as A }
    : { ok: false, error: new ValidationError({ issues: collectIssues(either.left) }) };

/**
 * Decodes as {@link parseOptions} say, quickly when it can: a quick attempt
 * that ignores unknown fields and stops at the first problem, whose value is
 * the answer when it succeeded and dropped no field of the input; otherwise
 * (an invalid input, or one with a field the schema does not know) the strict
 * decode, which lists every problem.
 */
const decodeWith = (schema: StandaloneSchema<unknown, unknown>, input: unknown): Either.Either<unknown, ParseResult.ParseIssue> => {
  const quick = cached(quickDecoders, schema, () => ParseResult.decodeUnknownEither(schema, quickOptions))(input);
  if (Either.isRight(quick) && keepsEveryKey(input, quick.right)) return quick;
  return cached(decoders, schema, () => ParseResult.decodeUnknownEither(schema, parseOptions))(input);
};

/**
 * Decodes an unknown input (parsed JSON, a form, a spreadsheet row) into a value of
 * the schema's type. Never throws: a bad input gives `{ ok: false, error }` listing
 * every problem with its path, in Chinese and English. An input whose objects and
 * arrays nest more than {@link MAX_INPUT_DEPTH} deep is refused, at the path where
 * it goes too deep, before any schema runs.
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
  const s = schema as StandaloneSchema<unknown, unknown>;
  const deep = tooDeepAt(input);
  if (deep !== undefined) {
    const zh = `嵌套超过 ${MAX_INPUT_DEPTH} 层，不予读取`;
    const en = `nested more than ${MAX_INPUT_DEPTH} levels deep, not read`;
    return { ok: false, error: new ValidationError({ issues: [{ path: deep, zh, en }] }) };
  }
  try {
    return toResult<A>(decodeWith(s, input));
  } catch (error) {
    // Effect turns some values into text while decoding and throws on objects that
    // cannot be (see textableCopy): decode a copy in which they can.
    const copy = textableCopy(input);
    if (copy === input) throw error;
    return toResult<A>(decodeWith(s, copy));
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

