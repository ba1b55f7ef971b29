import { Schema } from "effect";
import { bilingualMessage } from "../validation/bilingual.js";

/**
 * A text of 1 to `max` characters that is not blank and has no leading or trailing
 * spaces.
 *
 * @example
 * ```ts
 * const Summary = Text(2000);
 * ```
 * @since 0.1.0
 */
export const Text = (max: number) =>
  Schema.String.pipe(
    Schema.filter((s) => s.length >= 1 && s.length <= max && s.trim() === s && s.trim() !== "", {
      ...bilingualMessage(`应为 1–${max} 个字符，不能为空白，首尾不能有空格`, `must be 1–${max} characters, not blank, without leading or trailing spaces`),
      jsonSchema: { minLength: 1, maxLength: max },
    }),
  );

/**
 * A whole number from `min` to `max` inclusive.
 *
 * @example
 * ```ts
 * const Count = IntBetween(0, 100);
 * ```
 * @since 0.1.0
 */
export const IntBetween = (min: number, max: number) =>
  Schema.Number.pipe(
    Schema.filter((n) => Number.isInteger(n) && n >= min && n <= max, {
      ...bilingualMessage(`应为 ${min} 到 ${max} 之间的整数`, `must be a whole number from ${min} to ${max}`),
      jsonSchema: { type: "integer", minimum: min, maximum: max },
    }),
  );

const MAX_YUAN = 1e12;

/**
 * An amount of money in yuan: not negative, at most two decimals (fen), below one
 * trillion.
 *
 * @since 0.1.0
 */
export const Yuan = Schema.Number.pipe(
  Schema.filter((n) => Number.isFinite(n) && n >= 0 && n < MAX_YUAN && Math.round(n * 100) / 100 === n, {
    ...bilingualMessage("金额应为不小于 0 的元数，最多两位小数", "an amount must be yuan, not negative, with at most two decimals"),
    jsonSchema: { minimum: 0, exclusiveMaximum: MAX_YUAN, multipleOf: 0.01 },
  }),
  Schema.annotations({ identifier: "Yuan", description: "金额（元）/ amount in yuan" }),
);

/**
 * A telephone number in mainland China: a mobile number (11 digits starting 13–19)
 * or a landline with its area code (`0871-12345678`, the hyphen optional).
 *
 * @since 0.1.0
 */
export const PhoneNumber = Schema.String.pipe(
  Schema.filter((s) => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(s), {
    ...bilingualMessage("应为 11 位手机号或带区号的固定电话", "must be an 11-digit mobile number or a landline with its area code"),
    jsonSchema: { pattern: "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$" },
  }),
  Schema.brand("PhoneNumber"),
  Schema.annotations({ identifier: "PhoneNumber", description: "联系电话 / phone number" }),
);
/** @since 0.1.0 */
export type PhoneNumber = typeof PhoneNumber.Type;

/**
 * An optional field: it may be absent, and when present it must be valid. A present
 * `undefined` is refused, as the types say (`exactOptionalPropertyTypes`), so what
 * decodes is exactly what the type promises and what JSON can carry.
 *
 * @example
 * ```ts
 * import { Schema } from "effect";
 * import { optionalField, PhoneNumber } from "@tiaojie/core";
 *
 * const Contact = Schema.Struct({ phone: optionalField(PhoneNumber) });
 * ```
 * @since 0.1.0
 */
export const optionalField = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true });
