import { Schema } from "effect";
import { bilingualMessage } from "../validation/bilingual.js";
import { isValidCalendarDay, type LocalDate } from "./local-date.js";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/**
 * The check character of the first 17 digits of a resident identity number, by the
 * ISO 7064 MOD 11-2 scheme of GB 11643: `0`–`9` or `X`.
 *
 * @example
 * ```ts
 * import { identityCheckCharacter } from "@tiaojie/core";
 *
 * identityCheckCharacter("11010519491231002"); // "X"
 * ```
 * @since 0.1.0
 */
export const identityCheckCharacter = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
};

const hasValidBirthDate = (s: string): boolean => {
  const year = Number(s.slice(6, 10));
  return year >= 1900 && isValidCalendarDay(year, Number(s.slice(10, 12)), Number(s.slice(12, 14)));
};

/**
 * A citizen identity number of GB 11643: 6 digits of the region of first
 * registration, 8 of the birth date, 3 of sequence (odd for men, even for women) and
 * a check character (`X` in upper case). Decoding checks all of it.
 *
 * This is sensitive personal information: show it only through
 * {@link maskIdentityNumber} unless the reader's role needs it.
 *
 * @example
 * ```ts
 * import { decode, IdentityNumber } from "@tiaojie/core";
 *
 * decode(IdentityNumber, "11010519491231002X").ok; // true: the standard's example
 * decode(IdentityNumber, "110105194912310021").ok; // false: wrong check character
 * ```
 * @since 0.1.0
 */
export const IdentityNumber = Schema.String.pipe(
  Schema.filter((s) => /^\d{17}[\dX]$/.test(s), {
    ...bilingualMessage(
      "身份号码应为 18 位：17 位数字加 1 位数字或大写 X",
      "an identity number is 18 characters: 17 digits, then a digit or an upper-case X",
    ),
    jsonSchema: { pattern: "^\\d{17}[\\dX]$" },
  }),
  Schema.filter((s) => /^[1-8]/.test(s), bilingualMessage("地址码应以 1–8 开头", "the region part must start with 1–8")),
  Schema.filter(hasValidBirthDate, bilingualMessage("出生日期码不是有效日期", "the birth date part is not a real date")),
  Schema.filter(
    (s) => identityCheckCharacter(s) === s[17],
    bilingualMessage("校验码不正确", "the check character does not match"),
  ),
  Schema.brand("IdentityNumber"),
  Schema.annotations({ identifier: "IdentityNumber", description: "公民身份号码（GB 11643）/ citizen identity number" }),
);
/** @since 0.1.0 */
export type IdentityNumber = typeof IdentityNumber.Type;

/**
 * What an identity number says of its holder.
 *
 * @since 0.1.0
 */
export interface IdentityNumberFacts {
  /** The 6-digit code of the region of first registration. */
  readonly region: string;
  readonly birthDate: LocalDate;
  readonly sex: "male" | "female";
}

/**
 * Reads the region, birth date and sex from a valid identity number.
 *
 * @example
 * ```ts
 * identityNumberFacts(id);
 * // { region: "110105", birthDate: "1949-12-31", sex: "female" } for 11010519491231002X
 * ```
 * @since 0.1.0
 */
export const identityNumberFacts = (id: IdentityNumber): IdentityNumberFacts => ({
  region: id.slice(0, 6),
  birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` as LocalDate,
  sex: Number(id[16]) % 2 === 1 ? "male" : "female",
});

/**
 * Masks an identity number for display: the 6-digit region prefix and the last 4
 * characters stay, the birth date and sequence become `*`.
 *
 * @example
 * ```ts
 * import { maskIdentityNumber } from "@tiaojie/core";
 *
 * maskIdentityNumber(id); // "532301********123X"
 * ```
 * @since 0.1.0
 */
export const maskIdentityNumber = (id: IdentityNumber): string => `${id.slice(0, 6)}********${id.slice(14)}`;
