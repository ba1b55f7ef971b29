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
 * instead of a generic one when it rejects a value.
 *
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
