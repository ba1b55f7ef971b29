import { type Bilingual, BilingualMessageId } from "@tiaojie/core";
import * as AST from "effect/SchemaAST";

/*
 * The messages of structural problems, worded exactly as `collectIssues` in
 * `@tiaojie/core` words them. Core does not export them yet, so they are restated
 * here; the parity property test (`parity.test.ts`) compares every message zod
 * reports with core's, so a change on either side fails the build.
 */

/**
 * The message of a required field that is absent.
 *
 * @example
 * ```ts
 * bilingualText(REQUIRED); // "缺少必填项 / is required"
 * ```
 * @since 0.1.0
 */
export const REQUIRED: Bilingual = { zh: "缺少必填项", en: "is required" };

/**
 * The message of a field the schema does not know.
 *
 * @example
 * ```ts
 * bilingualText(NOT_ALLOWED); // "不允许出现此字段 / is not an allowed field"
 * ```
 * @since 0.1.0
 */
export const NOT_ALLOWED: Bilingual = { zh: "不允许出现此字段", en: "is not an allowed field" };

const INVALID: Bilingual = { zh: "取值不符合要求", en: "is not a valid value" };

const showLiteral = (literal: AST.LiteralValue): string => (typeof literal === "string" ? literal : String(literal));

/**
 * What a schema node expects, in both languages: its `BilingualMessageId`
 * annotation when it has one, otherwise a message derived from its shape.
 *
 * @example
 * ```ts
 * import { Schema } from "effect";
 *
 * expectedMessage(Schema.String.ast); // { zh: "应为文本", en: "must be a string" }
 * ```
 * @since 0.1.0
 */
export const expectedMessage = (ast: AST.AST): Bilingual => {
  const own = ast.annotations[BilingualMessageId] as Bilingual | undefined;
  if (own !== undefined) return own;
  switch (ast._tag) {
    case "Literal":
      return { zh: `应为 ${showLiteral(ast.literal)}`, en: `must be ${JSON.stringify(ast.literal)}` };
    case "Union": {
      const members = ast.types.filter((t) => !AST.isUndefinedKeyword(t));
      if (members.length === 1) return expectedMessage(members[0]!);
      if (members.every(AST.isLiteral)) {
        const values = members.map((t) => t.literal);
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
    default:
      return INVALID;
  }
};

/**
 * A bilingual message as one zod issue message: `"中文 / English"`, the form core's
 * Standard Schema adapter uses.
 *
 * @example
 * ```ts
 * bilingualText({ zh: "应为文本", en: "must be a string" }); // "应为文本 / must be a string"
 * ```
 * @since 0.1.0
 */
export const bilingualText = (message: Bilingual): string => `${message.zh} / ${message.en}`;
