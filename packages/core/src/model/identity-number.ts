import { Schema } from "effect";
import { bilingualMessage } from "../validation/bilingual.js";
import { decode } from "../validation/decode.js";
import { err, ok, type Result } from "../validation/result.js";
import { ValidationError } from "../validation/validation-error.js";
import { isValidCalendarDay, type LocalDate } from "./local-date.js";

/** The weights of ISO 7064 MOD 11-2 for 17 characters: 2^(17−i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";
const SEVENTEEN_DIGITS = /^\d{17}$/;

/**
 * The provincial codes of the mainland (GB/T 2260): where a foreigner's
 * permanent-residence card can be issued.
 */
const PROVINCES: ReadonlySet<string> = new Set([
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
  "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
]);

/** The check character of 17 digits already known to be digits. */
const checkOf = (digits: string): IdentityCheckCharacter => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11] as IdentityCheckCharacter;
};

/**
 * A check character of an identity number: a digit or an upper-case `X` (ten).
 *
 * @example
 * ```ts
 * const c: IdentityCheckCharacter = "X";
 * ```
 * @since 0.2.0
 */
export type IdentityCheckCharacter = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "X";

/**
 * The check character of the first 17 digits of an identity number (a citizen's
 * or a foreigner's permanent-residence number: both use the ISO 7064 MOD 11-2
 * scheme of GB 11643): `0`–`9` or `X`. Total: anything but exactly 17 ASCII
 * digits is refused with a {@link ValidationError}, never answered with
 * `undefined`.
 *
 * @example
 * ```ts
 * import { identityCheckCharacter } from "@tiaojie/core";
 *
 * identityCheckCharacter("11010519491231002"); // { ok: true, value: "X" }
 * identityCheckCharacter("1101051949123100").ok; // false: 16 digits
 * ```
 * @since 0.1.0
 */
export const identityCheckCharacter = (first17: string): Result<IdentityCheckCharacter> =>
  typeof first17 === "string" && SEVENTEEN_DIGITS.test(first17)
    ? ok(checkOf(first17))
    : err(
        new ValidationError({
          issues: [{ path: [], zh: "应为 17 位数字（身份号码的前 17 位）", en: "must be 17 digits (the first 17 characters of an identity number)" }],
        }),
      );

const hasValidBirthDate = (s: string): boolean => {
  const year = Number(s.slice(6, 10));
  return year >= 1900 && isValidCalendarDay(year, Number(s.slice(10, 12)), Number(s.slice(12, 14)));
};

/**
 * An identity number of one of two kinds, both 18 characters with the same
 * birth date, sequence and check character (ISO 7064 MOD 11-2) in the same
 * places:
 *
 * - a citizen identity number (公民身份号码, GB 11643): 6 digits of the region of
 *   first registration (first digit 1–8), 8 of the birth date, 3 of sequence
 *   (odd for men, even for women), the check character;
 * - a foreigner's permanent-residence identity number (外国人永久居留身份证, 2023
 *   version, issued since 1 December 2023): `9` (a foreigner), 2 digits of the
 *   province where it was first issued, 3 of the nationality (the numeric
 *   country code of ISO 3166-1 / GB/T 2659), then birth date, sequence and check
 *   character as above.
 *
 * Decoding checks all of it (`X` in upper case). The 15-character cards of 2017
 * and before (three letters and twelve digits) are not accepted.
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
 * decode(IdentityNumber, "953104198807150029").ok; // true: a foreigner's number issued in Yunnan (53), Myanmar (104)
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
  Schema.filter(
    (s) => /^[1-9]/.test(s),
    bilingualMessage(
      "首位应为 1–8（公民身份号码的地址码）或 9（外国人永久居留身份证号码）",
      "the first digit must be 1–8 (a citizen's region code) or 9 (a foreigner's permanent-residence number)",
    ),
  ),
  Schema.filter(
    (s) => s[0] !== "9" || PROVINCES.has(s.slice(1, 3)),
    bilingualMessage(
      "外国人永久居留身份证号码的第 2–3 位应为签发地的省级代码",
      "digits 2–3 of a foreigner's permanent-residence number must be the code of the province that issued it",
    ),
  ),
  Schema.filter(hasValidBirthDate, bilingualMessage("出生日期码不是有效日期", "the birth date part is not a real date")),
  Schema.filter(
    (s) => checkOf(s.slice(0, 17)) === s[17],
    bilingualMessage("校验码不正确", "the check character does not match"),
  ),
  Schema.brand("IdentityNumber"),
  Schema.annotations({
    identifier: "IdentityNumber",
    description: "公民身份号码（GB 11643）或外国人永久居留身份证号码 / citizen identity number or foreigner's permanent-residence number",
  }),
);
/** @since 0.1.0 */
export type IdentityNumber = typeof IdentityNumber.Type;

/**
 * The kind of an identity number: a citizen's (first digit 1–8) or a foreigner's
 * permanent-residence number (first digit 9).
 *
 * @example
 * ```ts
 * const kind: IdentityNumberKind = "foreign-permanent-resident";
 * ```
 * @since 0.2.0
 */
export type IdentityNumberKind = "citizen" | "foreign-permanent-resident";

/**
 * What a citizen identity number says of its holder.
 *
 * @example
 * ```ts
 * const f: CitizenIdentityFacts = { kind: "citizen", region: "110105", birthDate: "1949-12-31" as LocalDate, sex: "female" };
 * ```
 * @since 0.2.0
 */
export interface CitizenIdentityFacts {
  readonly kind: "citizen";
  /** Digits 1–6: the GB/T 2260 code of the county-level region of first registration. */
  readonly region: string;
  /** Digits 7–14. */
  readonly birthDate: LocalDate;
  /** The parity of digit 17: odd for men, even for women. */
  readonly sex: "male" | "female";
}

/**
 * What a foreigner's permanent-residence identity number (2023 version) says of
 * its holder.
 *
 * @example
 * ```ts
 * const f: ForeignPermanentResidentFacts = { kind: "foreign-permanent-resident", province: "53", nationality: "104", birthDate: "1988-07-15" as LocalDate, sex: "female" };
 * ```
 * @since 0.2.0
 */
export interface ForeignPermanentResidentFacts {
  readonly kind: "foreign-permanent-resident";
  /** Digits 2–3: the GB/T 2260 code of the province where the card was first issued. */
  readonly province: string;
  /** Digits 4–6: the nationality, as the numeric country code of ISO 3166-1 (GB/T 2659), e.g. "104" Myanmar. */
  readonly nationality: string;
  /** Digits 7–14. */
  readonly birthDate: LocalDate;
  /** The parity of digit 17: odd for men, even for women. */
  readonly sex: "male" | "female";
}

/**
 * What an identity number says of its holder: its kind and what each of its
 * parts means.
 *
 * @example
 * ```ts
 * const r = identityNumberFacts(id);
 * if (r.ok) r.value.kind === "citizen" ? r.value.region : r.value.nationality;
 * ```
 * @since 0.1.0
 */
export type IdentityNumberFacts = CitizenIdentityFacts | ForeignPermanentResidentFacts;

/**
 * Reads an identity number's kind and parts: for a citizen the region, birth
 * date and sex; for a foreigner's permanent-residence number the province,
 * nationality, birth date and sex. Total: a string that is not a valid number
 * of either kind is refused with the {@link ValidationError} of decoding it.
 *
 * @example
 * ```ts
 * import { identityNumberFacts } from "@tiaojie/core";
 *
 * identityNumberFacts("11010519491231002X");
 * // { ok: true, value: { kind: "citizen", region: "110105", birthDate: "1949-12-31", sex: "female" } }
 * identityNumberFacts("953104198807150029");
 * // { ok: true, value: { kind: "foreign-permanent-resident", province: "53", nationality: "104", birthDate: "1988-07-15", sex: "female" } }
 * ```
 * @since 0.1.0
 */
export const identityNumberFacts = (id: string): Result<IdentityNumberFacts> => {
  const decoded = decode(IdentityNumber, id);
  if (!decoded.ok) return decoded;
  const s = decoded.value;
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}` as LocalDate;
  const sex = (s.charCodeAt(16) - 48) % 2 === 1 ? "male" : "female";
  return ok(
    s[0] === "9"
      ? { kind: "foreign-permanent-resident", province: s.slice(1, 3), nationality: s.slice(3, 6), birthDate, sex }
      : { kind: "citizen", region: s.slice(0, 6), birthDate, sex },
  );
};

/**
 * The masked form of anything stored as an identity number, by its shape alone:
 * 18 characters starting with `9` keep the first 3 and the last 4, other 18
 * characters the first 6 and the last 4, anything else becomes all `*`. Masking
 * a masked form changes nothing. For redaction, where a stored value is shown
 * whatever it holds.
 *
 * @internal
 */
export const maskIdentityShape = (s: string): string => {
  if (s.length !== 18) return "*".repeat(s.length);
  const keep = s[0] === "9" ? 3 : 6;
  return `${s.slice(0, keep)}${"*".repeat(14 - keep)}${s.slice(14)}`;
};

/**
 * Masks an identity number for display. A citizen number keeps its 6-digit region
 * and its last 4 characters; a foreigner's permanent-residence number keeps the
 * `9` and its province and its last 4 characters, so the nationality is hidden
 * too. The birth date always becomes `*`. Total: anything but a valid number is
 * refused with a {@link ValidationError}.
 *
 * @example
 * ```ts
 * import { maskIdentityNumber } from "@tiaojie/core";
 *
 * maskIdentityNumber("11010519491231002X"); // { ok: true, value: "110105********002X" }
 * maskIdentityNumber("953104198807150029"); // { ok: true, value: "953***********0029" }
 * ```
 * @since 0.1.0
 */
export const maskIdentityNumber = (id: string): Result<string> => {
  const decoded = decode(IdentityNumber, id);
  return decoded.ok ? ok(maskIdentityShape(decoded.value)) : decoded;
};
