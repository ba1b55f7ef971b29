/**
 * A text given in both of the library's languages.
 *
 * @since 0.1.0
 */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * The languages every label and message is written in.
 *
 * @since 0.1.0
 */
export type Lang = "zh" | "en";

/**
 * Annotation key under which a schema carries its bilingual failure message.
 * Any schema (usually a refinement) annotated with it reports that message
 * instead of a generic one when it rejects a value. Schemas get it through
 * `bilingualMessage`; packages that read a schema's messages (such as
 * `@tiaojie/zod`) look it up by this key.
 *
 * @example
 * ```ts
 * import { Option, SchemaAST } from "effect";
 * import { LocalDate } from "@tiaojie/core";
 * import { BilingualMessageId } from "@tiaojie/core/schema-kit";
 *
 * Option.getOrUndefined(SchemaAST.getAnnotation(LocalDate.ast, BilingualMessageId));
 * // { zh: "应为 YYYY-MM-DD 格式的有效日期（1900–2199 年）", en: "must be a real date written YYYY-MM-DD (years 1900–2199)" }
 * ```
 * @since 0.1.0
 */
export const BilingualMessageId: unique symbol = Symbol.for("@tiaojie/core/BilingualMessage");

/**
 * Builds the annotations that give a schema a bilingual failure message.
 *
 * @example
 * ```ts
 * import { Schema } from "effect";
 * import { bilingualMessage } from "@tiaojie/core";
 *
 * const Positive = Schema.Number.pipe(
 *   Schema.filter((n) => n > 0, bilingualMessage("应为正数", "must be positive")),
 * );
 * ```
 * @since 0.1.0
 */
export const bilingualMessage = (zh: string, en: string): { readonly [BilingualMessageId]: Bilingual } => ({
  [BilingualMessageId]: { zh, en },
});
