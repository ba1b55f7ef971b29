import { Option, SchemaAST as AST } from "effect";
import type { ParseIssue } from "effect/ParseResult";
import { type Bilingual, BilingualMessageId } from "./bilingual.js";
import type { IssuePath, ValidationIssue } from "./validation-error.js";

/**
 * The messages of structural problems, which no schema annotation words: a missing
 * field, a missing array item, an unknown field, a value no rule describes, and a
 * check that cannot run synchronously. Other validators derived from the core
 * schemas (such as `@tiaojie/zod`) use the same words.
 *
 * @example
 * ```ts
 * import { structuralMessages } from "@tiaojie/core/schema-kit";
 *
 * structuralMessages.required.zh; // "缺少必填项"
 * ```
 * @since 0.1.0
 */
export const structuralMessages = {
  required: { zh: "缺少必填项", en: "is required" },
  tooFewItems: { zh: "项数不足", en: "has too few items" },
  notAllowed: { zh: "不允许出现此字段", en: "is not an allowed field" },
  invalid: { zh: "取值不符合要求", en: "is not a valid value" },
  notSynchronous: { zh: "无法同步校验", en: "cannot be checked synchronously" },
} as const satisfies Record<string, Bilingual>;

const { required: REQUIRED, tooFewItems: TOO_FEW, notAllowed: NOT_ALLOWED, invalid: INVALID, notSynchronous: ASYNC } =
  structuralMessages;

const ownMessage = (ast: AST.AST): Bilingual | undefined =>
  Option.getOrUndefined(AST.getAnnotation<Bilingual>(ast, BilingualMessageId));

const showLiteral = (literal: AST.LiteralValue): string =>
  typeof literal === "string" ? literal : String(literal);

/**
 * What a schema expects, in both languages: its own bilingual message when it is
 * annotated with one, otherwise a message derived from its shape (a literal, a list
 * of codes, a string, an object…).
 *
 * @example
 * ```ts
 * import { Schema } from "effect";
 * import { expectedMessage } from "@tiaojie/core/schema-kit";
 *
 * expectedMessage(Schema.String.ast); // { zh: "应为文本", en: "must be a string" }
 * ```
 * @since 0.1.0
 */
export const expectedMessage = (ast: AST.AST): Bilingual => {
  const own = ownMessage(ast);
  if (own) return own;
  switch (ast._tag) {
    case "Literal":
      return { zh: `应为 ${showLiteral(ast.literal)}`, en: `must be ${JSON.stringify(ast.literal)}` };
    case "Union": {
      const members = ast.types.filter((t) => !AST.isUndefinedKeyword(t));
      if (members.length === 1) return expectedMessage(members[0]!);
      if (members.every(AST.isLiteral)) {
        const values = members.map((t) => (t as AST.Literal).literal);
        return {
          zh: `应为以下之一：${values.map(showLiteral).join("、")}`,
          en: `must be one of: ${values.map((v) => JSON.stringify(v)).join(", ")}`,
        };
      }
      return { zh: "不符合任何一种允许的形式", en: "matches none of the allowed forms" };
    }
    case "StringKeyword":
      return { zh: "应为文本", en: "must be a string" };
    case "NumberKeyword":
      return { zh: "应为数字", en: "must be a number" };
    case "BooleanKeyword":
      return { zh: "应为 true 或 false", en: "must be true or false" };
    case "TypeLiteral":
      return { zh: "应为对象", en: "must be an object" };
    case "TupleType":
      return { zh: "应为数组", en: "must be an array" };
    case "Refinement":
    case "Transformation":
      return INVALID;
    default:
      return INVALID;
  }
};

const pathOf = (path: ReadonlyArray<PropertyKey> | PropertyKey): ReadonlyArray<string | number> =>
  (Array.isArray(path) ? path : [path]).map((key: PropertyKey) =>
    typeof key === "symbol" ? String(key) : key,
  );

const walk = (issue: ParseIssue, path: IssuePath, out: Array<ValidationIssue>): void => {
  switch (issue._tag) {
    case "Pointer":
      return walk(issue.issue, [...path, ...pathOf(issue.path)], out);
    case "Composite": {
      const issues: ReadonlyArray<ParseIssue> = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseIssue];
      if (AST.isUnion(issue.ast)) {
        // A union fails when every member fails. Members whose shape fits the input
        // fail deeper down: report those. If none fits, say what was expected once.
        const deep = issues.filter((inner) => inner._tag !== "Type");
        if (deep.length === 0) {
          out.push({ path, ...expectedMessage(issue.ast) });
          return;
        }
        for (const inner of deep) walk(inner, path, out);
        return;
      }
      for (const inner of issues) walk(inner, path, out);
      return;
    }
    case "Refinement":
      if (issue.kind === "From") return walk(issue.issue, path, out);
      out.push({ path, ...expectedMessage(issue.ast) });
      return;
    case "Transformation":
      return walk(issue.issue, path, out);
    case "Type":
      out.push({ path, ...expectedMessage(issue.ast) });
      return;
    case "Missing": {
      const last = path[path.length - 1];
      out.push({ path, ...(typeof last === "number" ? TOO_FEW : REQUIRED) });
      return;
    }
    case "Unexpected":
      out.push({ path, ...NOT_ALLOWED });
      return;
    case "Forbidden":
      out.push({ path, ...ASYNC });
      return;
  }
};

/**
 * Flattens an Effect parse issue into the list of problems it contains, each with
 * its full path and a bilingual message. Identical problems are reported once.
 *
 * @example
 * ```ts
 * import { Either, ParseResult, Schema } from "effect";
 * import { collectIssues, parseOptions } from "@tiaojie/core/schema-kit";
 *
 * const out = ParseResult.decodeUnknownEither(Schema.Struct({ n: Schema.Number }), parseOptions)({});
 * if (Either.isLeft(out)) collectIssues(out.left); // [{ path: ["n"], zh: "缺少必填项", en: "is required" }]
 * ```
 * @since 0.1.0
 */
export const collectIssues = (issue: ParseIssue): ReadonlyArray<ValidationIssue> => {
  const out: Array<ValidationIssue> = [];
  walk(issue, [], out);
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = JSON.stringify([i.path, i.zh]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
