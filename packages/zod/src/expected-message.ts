import type { Bilingual } from "@tiaojie/core";
import { structuralMessages } from "@tiaojie/core/schema-kit";

export { expectedMessage } from "@tiaojie/core/schema-kit";

/** The message of a required field that is absent: core's own wording. */
export const REQUIRED: Bilingual = structuralMessages.required;

/** The message of a field the schema does not know: core's own wording. */
export const NOT_ALLOWED: Bilingual = structuralMessages.notAllowed;

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
