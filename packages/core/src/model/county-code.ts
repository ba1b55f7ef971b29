import { Schema } from "effect";
import { bilingualMessage } from "../validation/bilingual.js";
import { type DivisionCode, divisionLevel } from "./division-code.js";

/**
 * A 6-digit county-level administrative division code of GB/T 2260: province (2
 * digits, starting 1–8), prefecture (2, not 00) and county (2, not 00). Validation is
 * structural, never a frozen list.
 *
 * @example
 * ```ts
 * import { decode, CountyCode } from "@tiaojie/core";
 *
 * decode(CountyCode, "532301").ok; // true (楚雄市)
 * decode(CountyCode, "532300").ok; // false: a prefecture, not a county
 * ```
 * @since 0.1.0
 */
export const CountyCode = Schema.String.pipe(
  Schema.filter((s) => /^\d{6}$/.test(s), {
    ...bilingualMessage("县级区划代码应为 6 位数字", "a county code must be 6 digits"),
    jsonSchema: { pattern: "^\\d{6}$" },
  }),
  Schema.filter((s) => /^[1-8]/.test(s), bilingualMessage("省级代码应以 1–8 开头", "the province part must start with 1–8")),
  Schema.filter(
    (s) => s.slice(2, 4) !== "00" && s.slice(4, 6) !== "00",
    bilingualMessage("地级和县级部分都不能为 00", "neither the prefecture nor the county part may be 00"),
  ),
  Schema.brand("CountyCode"),
  Schema.annotations({ identifier: "CountyCode", description: "县级行政区划代码（GB/T 2260）/ county code" }),
);
/** @since 0.1.0 */
export type CountyCode = typeof CountyCode.Type;

/**
 * The GB/T 2260 county code a division lies in, or `undefined` above county level.
 *
 * @example
 * ```ts
 * countyOf(village); // "532301" for "532301104201"
 * ```
 * @since 0.1.0
 */
export const countyOf = (code: DivisionCode): CountyCode | undefined => {
  const level = divisionLevel(code);
  return level === "province" || level === "prefecture" ? undefined : (code.slice(0, 6) as CountyCode);
};
