import { MAX_INPUT_DEPTH, parseOptions, tooDeepAt } from "@tiaojie/core/schema-kit";
import type { Schema } from "effect";
import * as AST from "effect/SchemaAST";
import { z } from "zod";
import { NOT_ALLOWED, REQUIRED, bilingualText, expectedMessage } from "./expected-message.js";

/**
 * Thrown by {@link toZod} when a schema contains a node that has no zod
 * counterpart here (a transformation, a declaration such as `Schema.Date`, a
 * record, a tuple with fixed elements, …). It is thrown while
 * deriving, never while parsing, and names where in the schema the node is.
 *
 * @example
 * ```ts
 * import { Schema } from "effect";
 * import { toZod, ZodDerivationError } from "@tiaojie/zod";
 *
 * try {
 *   toZod(Schema.Struct({ at: Schema.Date }));
 * } catch (e) {
 *   if (e instanceof ZodDerivationError) console.error(e.message);
 *   // cannot derive a zod schema from a Transformation node (DateFromString) at (root).at
 * }
 * ```
 * @since 0.1.0
 */
export class ZodDerivationError extends Error {
  override readonly name = "ZodDerivationError";
}

/**
 * Where the walker is: the path for error messages, whether the node is a required
 * field, and the zod schemas of the recursive references (`Schema.suspend`) derived
 * so far in this derivation, by node and by `required`, so that a recursive schema
 * is derived once and refers to itself.
 */
interface Position {
  readonly where: string;
  readonly required: boolean;
  readonly lazies: Map<AST.Suspend, Map<boolean, z.ZodType>>;
}

/** The fields of a zod issue that message functions read. */
interface IssueLike {
  readonly code?: string | undefined;
  readonly input?: unknown;
}

const nameOf = (ast: AST.AST): string => {
  const id = AST.getIdentifierAnnotation(ast);
  return id._tag === "Some" ? id.value : ast._tag;
};

const unsupported = (what: string, at: Position): never => {
  throw new ZodDerivationError(`cannot derive a zod schema from ${what} at ${at.where}`);
};

/**
 * The message function of a zod node derived from `ast`: an absent required field
 * is "required", anything else gets what `ast` expects. Zod gives an absent key to
 * the field's schema as `undefined`, so a required key present with the value
 * `undefined` (which JSON cannot carry) is also reported as absent here, where core
 * says the value has the wrong type.
 */
const messageOf = (ast: AST.AST, at: Position) => {
  const expected = bilingualText(expectedMessage(ast));
  const required = bilingualText(REQUIRED);
  return (issue: IssueLike): string => (at.required && issue.input === undefined ? required : expected);
};

const deriveLiterals = (values: ReadonlyArray<AST.LiteralValue>, ast: AST.AST, at: Position): z.ZodType => {
  const error = messageOf(ast, at);
  if (values.some((v) => typeof v === "bigint")) unsupported("a bigint literal", at);
  const plain = values as ReadonlyArray<string | number | boolean | null>;
  if (plain.length > 0 && plain.every((v): v is string => typeof v === "string")) {
    return z.enum(plain as [string, ...Array<string>], { error });
  }
  return plain.length === 1 ? z.literal(plain[0]!, { error }) : z.literal(plain as Array<string | number | boolean | null>, { error });
};

/**
 * The key that tells the members of a union of structs apart, as zod's
 * `discriminatedUnion` needs it: a required field present in every member whose
 * type is one literal, different in each member.
 */
const findDiscriminator = (members: ReadonlyArray<AST.TypeLiteral>): string | undefined => {
  const first = members[0];
  if (first === undefined) return undefined;
  for (const candidate of first.propertySignatures) {
    const key = candidate.name;
    if (typeof key !== "string") continue;
    const literals: Array<AST.LiteralValue> = [];
    for (const member of members) {
      const ps = member.propertySignatures.find((p) => p.name === key);
      if (ps === undefined || ps.isOptional || !AST.isLiteral(ps.type)) break;
      literals.push(ps.type.literal);
    }
    if (literals.length === members.length && new Set(literals).size === literals.length) return key;
  }
  return undefined;
};

const deriveStructUnion = (
  ast: AST.Union,
  members: ReadonlyArray<AST.TypeLiteral>,
  key: string,
  at: Position,
): z.ZodType => {
  const options = members.map((m, i) => deriveStruct(m, { ...at, where: `${at.where}|${i}`, required: false }));
  // What core reports when the discriminator is present but matches no member:
  // the union of the members' discriminator literals.
  const discriminatorLiterals = AST.Union.make(
    members.map((m) => m.propertySignatures.find((p) => p.name === key)!.type),
  );
  const wrongKey = bilingualText(expectedMessage(discriminatorLiterals));
  const required = bilingualText(REQUIRED);
  const other = messageOf(ast, at);
  const error = (issue: IssueLike): string => {
    if (issue.code === "invalid_union") {
      return Object.prototype.hasOwnProperty.call(issue.input, key) ? wrongKey : required;
    }
    return other(issue);
  };
  return z.discriminatedUnion(key, options as unknown as [z.ZodObject, ...Array<z.ZodObject>], { error });
};

const deriveUnion = (ast: AST.Union, at: Position): z.ZodType => {
  const types: ReadonlyArray<AST.AST> = ast.types;
  if (types.every(AST.isLiteral)) return deriveLiterals(types.map((t) => t.literal), ast, at);
  if (types.every(AST.isTypeLiteral)) {
    const key = findDiscriminator(types);
    if (key !== undefined) return deriveStructUnion(ast, types, key, at);
  }
  return deriveSearchUnion(ast, at);
};

/** The literal-valued required fields of a member, as effect's union parser finds them. */
const literalTags = (ast: AST.AST): ReadonlyArray<readonly [PropertyKey, AST.Literal]> => {
  switch (ast._tag) {
    case "TypeLiteral": {
      const out: Array<readonly [PropertyKey, AST.Literal]> = [];
      for (const ps of ast.propertySignatures) {
        const type = AST.encodedAST(ps.type);
        if (AST.isLiteral(type) && !ps.isOptional) out.push([ps.name, type]);
      }
      return out;
    }
    case "Refinement":
      return literalTags(ast.from);
    case "Suspend":
      return literalTags(ast.f());
    default:
      return [];
  }
};

interface SearchTree {
  readonly keys: Map<PropertyKey, { readonly buckets: Map<string, Array<AST.AST>>; readonly literals: Array<AST.Literal> }>;
  readonly otherwise: ReadonlyArray<AST.AST>;
}

/**
 * Effect's grouping of a union's members: each member with a required literal
 * field goes into the bucket of its first literal not yet taken (or of its last
 * one), the others are tried on every input. Restated from effect's
 * `getSearchTree` (internal there), as the derived union must pick the same
 * candidates to report the same problems.
 */
const searchTree = (members: ReadonlyArray<AST.AST>): SearchTree => {
  const keys: SearchTree["keys"] = new Map();
  const otherwise: Array<AST.AST> = [];
  for (const member of members) {
    const tags = literalTags(member);
    if (tags.length === 0) {
      otherwise.push(member);
      continue;
    }
    for (let j = 0; j < tags.length; j++) {
      const [key, literal] = tags[j]!;
      const hash = String(literal.literal);
      let entry = keys.get(key);
      if (entry === undefined) keys.set(key, (entry = { buckets: new Map(), literals: [] }));
      const bucket = entry.buckets.get(hash);
      if (bucket !== undefined) {
        if (j < tags.length - 1) continue;
        bucket.push(member);
        entry.literals.push(literal);
      } else {
        entry.buckets.set(hash, [member]);
        entry.literals.push(literal);
        break;
      }
    }
  }
  return { keys, otherwise };
};

/**
 * Whether effect reports a member's failure on `input` as a plain type mismatch
 * (which a union leaves out of its report when another member fits better):
 * a struct given a non-object, an array given a non-array, a keyword or literal
 * given another value. Refinements and unions fail "deeper".
 */
const isTypeMismatch = (ast: AST.AST, input: unknown): boolean => {
  switch (ast._tag) {
    case "Suspend":
      return isTypeMismatch(ast.f(), input);
    case "TypeLiteral":
      return typeof input !== "object" || input === null || Array.isArray(input);
    case "TupleType":
      return !Array.isArray(input);
    case "Refinement":
    case "Union":
      return false;
    default:
      return true;
  }
};

/**
 * A discriminating field's value as text, as effect looks it up among the
 * members' literals (`String()`), or undefined when it cannot be turned into
 * text: an object whose `toString` is not a function (the JSON
 * `{"toString": {}}`), one without a prototype, or arrays nested so deep that
 * joining them overflows the stack. No member's literal is such a value.
 */
const keyText = (value: unknown): string | undefined => {
  try {
    return String(value);
  } catch {
    return undefined;
  }
};

/**
 * Any other union (of structs told apart by a field that is sometimes a union of
 * literals, of refined structs, of refined strings and numbers, of a literal and
 * an array, …), decided as effect decides it: members are chosen by their literal
 * fields, then those without one are tried in order; the first that accepts wins.
 * When none does, the report is what `decode` reports: the literal fields that
 * are missing or match no member, and the problems of every tried member that
 * failed other than by a plain type mismatch; or, when there are none, that the
 * value matches none of the union's forms.
 */
const deriveSearchUnion = (ast: AST.Union, at: Position): z.ZodType => {
  const members = new Map(ast.types.map((t, i) => [t, derive(t, { ...at, where: `${at.where}|${i}`, required: false })] as const));
  const tree = searchTree(ast.types);
  const keyed = [...tree.keys].map(([key, { buckets, literals }]) => {
    if (typeof key !== "string") return unsupported(`a union told apart by the non-string key ${String(key)}`, at);
    return { key, buckets, wrong: bilingualText(expectedMessage(AST.Union.make(literals))) };
  });
  const whole = bilingualText(expectedMessage(ast));
  const required = bilingualText(REQUIRED);
  const base = z.custom<unknown>(() => true);
  const node = base.superRefine((input, ctx) => {
    const push = (message: string, path: Array<PropertyKey>): void => {
      ctx.issues.push({ code: "custom", message, input, path });
    };
    if (at.required && input === undefined) return push(required, []);
    const deep: Array<z.core.$ZodIssue> = [];
    const candidates: Array<AST.AST> = [];
    if (keyed.length > 0 && typeof input === "object" && input !== null) {
      for (const { key, buckets, wrong } of keyed) {
        if (Object.prototype.hasOwnProperty.call(input, key)) {
          const text = keyText((input as Record<string, unknown>)[key]);
          const bucket = text === undefined ? undefined : buckets.get(text);
          if (bucket !== undefined) candidates.push(...bucket);
          else deep.push({ code: "custom", message: wrong, path: [key] });
        } else {
          deep.push({ code: "custom", message: required, path: [key] });
        }
      }
    }
    candidates.push(...tree.otherwise);
    for (const candidate of candidates) {
      const result = members.get(candidate)!.safeParse(input);
      if (result.success) return;
      if (!isTypeMismatch(candidate, input)) deep.push(...result.error.issues);
    }
    if (deep.length === 0) return push(whole, []);
    for (const issue of deep) ctx.issues.push(issue as z.core.$ZodRawIssue);
  });
  // For `z.toJSONSchema`, the node is the union of its members (`anyOf`).
  const shape = z.union([...members.values()] as [z.ZodType, ...Array<z.ZodType>]);
  const processJSONSchema: NonNullable<typeof node._zod.processJSONSchema> = (ctx, json, params) => {
    const union = ctx.processors["union"];
    if (union === undefined) throw new ZodDerivationError("zod's JSON Schema export has no union processor");
    union(shape, ctx, json, params);
  };
  base._zod.processJSONSchema = processJSONSchema;
  node._zod.processJSONSchema = processJSONSchema;
  return node;
};

const deriveStruct = (ast: AST.TypeLiteral, at: Position): z.ZodObject => {
  if (ast.indexSignatures.length > 0) unsupported(`a record (index signature) in ${nameOf(ast)}`, at);
  const shape: Record<string, z.ZodType> = {};
  for (const ps of ast.propertySignatures) {
    if (typeof ps.name !== "string") unsupported(`the non-string key ${String(ps.name)}`, at);
    const key = ps.name as string;
    const where = `${at.where}.${key}`;
    if (!ps.isOptional) {
      shape[key] = derive(ps.type, { ...at, where, required: true });
    } else if (AST.isUnion(ps.type) && ps.type.types.some(AST.isUndefinedKeyword)) {
      // `Schema.optional(X)`: the key may be absent or hold `undefined`, as core
      // accepts both; zod's `.optional()` means the same.
      const rest = ps.type.types.filter((t) => !AST.isUndefinedKeyword(t));
      shape[key] = derive(rest.length === 1 ? rest[0]! : AST.Union.make(rest), { ...at, where, required: false }).optional();
    } else {
      // `Schema.optionalWith(X, { exact: true })`: absent, or present with an X.
      shape[key] = derive(ps.type, { ...at, where, required: false }).exactOptional();
    }
  }
  const other = messageOf(ast, at);
  const notAllowed = bilingualText(NOT_ALLOWED);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? notAllowed : other(issue)),
  });
};

const deriveArray = (ast: AST.TupleType, at: Position): z.ZodType => {
  const [rest, ...more] = ast.rest;
  if (ast.elements.length > 0 || rest === undefined || more.length > 0) {
    return unsupported("a tuple with fixed elements (only arrays are supported)", at);
  }
  return z.array(derive(rest.type, { ...at, where: `${at.where}[]`, required: false }), { error: messageOf(ast, at) });
};

/**
 * A chain of refinements over one base becomes the base's zod schema plus one
 * check that runs the effect filters themselves, innermost first, and reports the
 * first that fails, with that refinement's bilingual message. Like core, it runs
 * only when the base accepted the value (no issue so far at this node), and a
 * brand (a filter that always passes) adds nothing.
 */
const deriveRefinement = (ast: AST.Refinement, at: Position): z.ZodType => {
  const chain: Array<AST.Refinement> = [];
  let node: AST.AST = ast;
  while (AST.isRefinement(node)) {
    chain.unshift(node);
    node = node.from;
  }
  const base = derive(node, at);
  const messages = new Map(chain.map((r) => [r, bilingualText(expectedMessage(r))] as const));
  return base.superRefine(
    (value, ctx) => {
      for (const refinement of chain) {
        if (refinement.filter(value, parseOptions, refinement)._tag === "Some") {
          ctx.issues.push({ code: "custom", message: messages.get(refinement)!, input: value, path: [] });
          return;
        }
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  );
};

/**
 * A recursive reference becomes `z.lazy`, made once per node (and per
 * `required`) in a derivation: the target is derived when zod first needs it, and
 * the references met while deriving it resolve to the same lazy schema, so that
 * the derivation ends and parsing recurses as deep as the input does.
 */
const deriveSuspend = (ast: AST.Suspend, at: Position): z.ZodType => {
  let byRequired = at.lazies.get(ast);
  if (byRequired === undefined) at.lazies.set(ast, (byRequired = new Map()));
  let lazy = byRequired.get(at.required);
  if (lazy === undefined) {
    lazy = z.lazy(() => derive(ast.f(), at));
    byRequired.set(at.required, lazy);
  }
  return lazy;
};

const derive = (ast: AST.AST, at: Position): z.ZodType => {
  switch (ast._tag) {
    case "StringKeyword":
      return z.string({ error: messageOf(ast, at) });
    case "NumberKeyword":
      return z.number({ error: messageOf(ast, at) });
    case "BooleanKeyword":
      return z.boolean({ error: messageOf(ast, at) });
    case "UndefinedKeyword":
      return z.undefined({ error: messageOf(ast, at) });
    case "Literal":
      return deriveLiterals([ast.literal], ast, at);
    case "Union":
      return deriveUnion(ast, at);
    case "TypeLiteral":
      return deriveStruct(ast, at);
    case "TupleType":
      return deriveArray(ast, at);
    case "Refinement":
      return deriveRefinement(ast, at);
    case "Suspend":
      return deriveSuspend(ast, at);
    default:
      return unsupported(`a ${ast._tag} node (${nameOf(ast)})`, at);
  }
};

/**
 * Derives a zod 4 schema from an effect schema's encoded side, so that zod accepts
 * exactly the inputs `decode` from `@tiaojie/core` accepts and reports problems at
 * the same paths, with the same "中文 / English" messages. The rules are not
 * restated: every refinement's check calls the effect filter itself.
 *
 * Supported nodes: string, number, boolean and undefined keywords; literals and
 * unions of literals (`z.enum` / `z.literal`); structs (`z.strictObject`, since core
 * rejects unknown fields); `Schema.optional` fields (`.optional()`: absent or
 * `undefined`, as in core) and exact optional fields (`.exactOptional()`); arrays;
 * unions of structs told apart by a literal field (`z.discriminatedUnion`); any
 * other union (members told apart by a field that is sometimes a union of
 * literals, refined members, a literal or an array, …) as a node that decides as
 * effect does: members are chosen by their literal fields, the others tried in
 * order, and a failure reports what `decode` reports (for `z.toJSONSchema` it is
 * the `anyOf` of its members); refinements and brands; recursive references
 * (`Schema.suspend`) as `z.lazy`, derived once per reference so that a
 * recursive schema such as a grading condition refers to itself. Anything else
 * throws a {@link ZodDerivationError} at once.
 *
 * Known differences from core, none of which can occur in parsed JSON except the
 * last: `z.number()` rejects `NaN` and `±Infinity`, which `Schema.Number` accepts;
 * a required key present with the value `undefined` is reported as absent; effect's
 * built-in array-length filters (`Schema.minItems`, …) also run when some items
 * are invalid, the derived check only when all are valid; and an array where a
 * union of structs told apart by a literal field is expected is reported by zod
 * at the union's path ("matches none of the allowed forms") and by core at the
 * discriminator's path ("is required"). Unknown fields are one zod
 * `unrecognized_keys` issue listing them, where core reports one issue per field.
 * Schemas are derived for their encoded (JSON) side: the output type is the
 * schema's `Encoded` type, brands are not carried over to zod.
 *
 * @param schema - An effect schema without transformations.
 * @returns A zod schema whose output is the input, unchanged, when valid.
 * @throws {ZodDerivationError} When the schema has a node zod cannot express here.
 * @example
 * ```ts
 * import { Schema } from "effect";
 * import { bilingualMessage } from "@tiaojie/core";
 * import { toZod } from "@tiaojie/zod";
 *
 * const Household = Schema.Struct({
 *   head: Schema.String,
 *   size: Schema.Number.pipe(Schema.filter((n) => n >= 1, bilingualMessage("至少 1 人", "at least 1 person"))),
 * });
 * const HouseholdSchema = toZod(Household);
 * HouseholdSchema.safeParse({ head: "李", size: 0 }).error?.issues[0]?.message;
 * // "至少 1 人 / at least 1 person"
 * ```
 * @since 0.1.0
 */
export const toZod = <A, I>(schema: Schema.Schema<A, I, never>): z.ZodType<I, I> =>
  withinDepth(derive(schema.ast, { where: "(root)", required: false, lazies: new Map() })) as unknown as z.ZodType<I, I>;

/**
 * Refuses, as core's `decode` does and before the derived schema runs, an input
 * nested deeper than `MAX_INPUT_DEPTH`: zod's recursive parsing would overflow the
 * call stack on a JSON text nested thousands deep.
 */
const withinDepth = (derived: z.ZodType): z.ZodType =>
  z
    .unknown()
    .superRefine((input, ctx) => {
      const path = tooDeepAt(input);
      if (path !== undefined) {
        ctx.addIssue({ code: "custom", path: [...path], message: `嵌套超过 ${MAX_INPUT_DEPTH} 层，不予读取 / nested more than ${MAX_INPUT_DEPTH} levels deep, not read` });
      }
    })
    .pipe(derived);
