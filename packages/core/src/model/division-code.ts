import { Schema } from "effect";
import { defineTaxonomy } from "../taxonomy/define-taxonomy.js";
import { bilingualMessage } from "../validation/bilingual.js";

/**
 * The five levels of the statistical division code, from province to village.
 *
 * @since 0.1.0
 */
export const DivisionLevels = defineTaxonomy({ zh: "区划层级", en: "division level" }, [
  { code: "province", zh: "省级", en: "province" },
  { code: "prefecture", zh: "地级", en: "prefecture" },
  { code: "county", zh: "县级", en: "county" },
  { code: "township", zh: "乡级", en: "township" },
  { code: "village", zh: "村级", en: "village" },
] as const);

/** @since 0.1.0 */
export type DivisionLevel = (typeof DivisionLevels.codes)[number];

/** Widths of the five parts of a 12-digit code: 2 + 2 + 2 + 3 + 3. */
const SPANS: ReadonlyArray<readonly [DivisionLevel, number, number]> = [
  ["province", 0, 2],
  ["prefecture", 2, 4],
  ["county", 4, 6],
  ["township", 6, 9],
  ["village", 9, 12],
];

const isZero = (part: string): boolean => /^0+$/.test(part);
const partsOf = (s: string): ReadonlyArray<string> => SPANS.map(([, from, to]) => s.slice(from, to));

const levelIndex = (s: string): number => {
  const parts = partsOf(s);
  let last = 0;
  parts.forEach((part, i) => {
    if (!isZero(part)) last = i;
  });
  return last;
};

const cascades = (s: string): boolean => {
  const parts = partsOf(s);
  const firstZero = parts.findIndex(isZero);
  return firstZero === -1 || parts.slice(firstZero).every(isZero);
};

const inRange = (part: string, low: number, high: number): boolean =>
  isZero(part) || (Number(part) >= low && Number(part) <= high);

/**
 * A 12-digit statistical division code (统计用区划代码): province (2 digits),
 * prefecture (2), county (2), township (3), village (3). The code's level is that
 * of its last non-zero part, and a zero part is followed only by zeros.
 *
 * Validation is structural, never a frozen list of today's places: the province
 * starts with 1–8, a township part is 001–399 (001–099 subdistricts, 100–199
 * towns, 200–399 townships) and a village part is 001–399 (001–199 residents'
 * committees, 200–399 villagers' committees).
 *
 * @example
 * ```ts
 * import { decode, DivisionCode, divisionLevel } from "@tiaojie/core";
 *
 * const r = decode(DivisionCode, "532301104201");
 * if (r.ok) divisionLevel(r.value); // "village"
 * ```
 * @since 0.1.0
 */
export const DivisionCode = Schema.String.pipe(
  Schema.filter((s) => /^\d{12}$/.test(s), {
    ...bilingualMessage("区划代码应为 12 位数字", "a division code must be 12 digits"),
    jsonSchema: { pattern: "^\\d{12}$" },
  }),
  Schema.filter((s) => /^[1-8]/.test(s), bilingualMessage("省级代码应以 1–8 开头", "the province part must start with 1–8")),
  Schema.filter(
    cascades,
    bilingualMessage("上级部分为 0 时，下级部分也必须为 0", "a part that is zero must be followed only by zeros"),
  ),
  Schema.filter(
    (s) => inRange(s.slice(6, 9), 1, 399),
    bilingualMessage("乡级代码应在 001–399 之间", "the township part must be 001–399"),
  ),
  Schema.filter(
    (s) => inRange(s.slice(9, 12), 1, 399),
    bilingualMessage("村级代码应在 001–399 之间", "the village part must be 001–399"),
  ),
  Schema.brand("DivisionCode"),
  Schema.annotations({ identifier: "DivisionCode", description: "统计用区划代码 / statistical division code" }),
);
/** @since 0.1.0 */
export type DivisionCode = typeof DivisionCode.Type;

/**
 * The level of a division code: that of its last non-zero part.
 *
 * @example
 * ```ts
 * divisionLevel(code); // e.g. "township" for "532301104000"
 * ```
 * @since 0.1.0
 */
export const divisionLevel = (code: DivisionCode): DivisionLevel => SPANS[levelIndex(code)]![0];

/**
 * The code of the division one level up, or `undefined` for a province.
 *
 * @example
 * ```ts
 * parentDivision(village); // its township, "532301104000" for "532301104201"
 * ```
 * @since 0.1.0
 */
export const parentDivision = (code: DivisionCode): DivisionCode | undefined => {
  const index = levelIndex(code);
  if (index === 0) return undefined;
  const [, from] = SPANS[index]!;
  return code.slice(0, from).padEnd(12, "0") as DivisionCode;
};

/**
 * Whether `code` is `ancestor` itself or lies inside it.
 *
 * @example
 * ```ts
 * isWithinDivision(village, township); // true when the village is in that township
 * ```
 * @since 0.1.0
 */
export const isWithinDivision = (code: DivisionCode, ancestor: DivisionCode): boolean =>
  code.startsWith(divisionPrefix(ancestor));

/**
 * The significant digits of a division code: the prefix every code within it
 * starts with (2 for a province, 4 a prefecture, 6 a county, 9 a township, 12 a
 * village). A store filters by scope with it: `jurisdiction LIKE prefix || '%'`.
 *
 * @example
 * ```ts
 * divisionPrefix("532301104000" as DivisionCode); // "532301104"
 * ```
 * @since 0.3.0
 */
export const divisionPrefix = (code: DivisionCode): string => code.slice(0, SPANS[levelIndex(code)]![2]);

/**
 * The kind of a village-level code: a residents' committee (社区, 001–199) or a
 * villagers' committee (村, 200–399). `undefined` above village level.
 *
 * @example
 * ```ts
 * villageKind(code); // "village" for "532301104201"
 * ```
 * @since 0.1.0
 */
export const villageKind = (code: DivisionCode): "community" | "village" | undefined => {
  if (divisionLevel(code) !== "village") return undefined;
  return Number(code.slice(9, 12)) < 200 ? "community" : "village";
};

/**
 * The kind of the township a code lies in: subdistrict (街道, 001–099), town (镇,
 * 100–199) or township (乡, 200–399). `undefined` above township level.
 *
 * @example
 * ```ts
 * townshipKind(code); // "town" for "532301104201"
 * ```
 * @since 0.1.0
 */
export const townshipKind = (code: DivisionCode): "subdistrict" | "town" | "township" | undefined => {
  const part = code.slice(6, 9);
  if (isZero(part)) return undefined;
  const n = Number(part);
  return n < 100 ? "subdistrict" : n < 200 ? "town" : "township";
};
