import { defineTaxonomy } from "../taxonomy/define-taxonomy.js";

/**
 * How sensitive a field is, under the Personal Information Protection Law
 * (个人信息保护法): `public` within the ledger (ids, dates, the lead unit),
 * `personal`, and three classes of sensitive personal information: health,
 * criminal records, and identifiers (identity and phone numbers).
 *
 * @example
 * ```ts
 * import { SensitivityClasses } from "@tiaojie/core";
 *
 * SensitivityClasses.label("sensitive-health", "en"); // "sensitive: health"
 * ```
 * @since 0.1.0
 */
export const SensitivityClasses = defineTaxonomy({ zh: "敏感级别", en: "sensitivity class" }, [
  { code: "public", zh: "台账内公开", en: "public within the ledger" },
  { code: "personal", zh: "个人信息", en: "personal" },
  { code: "sensitive-health", zh: "敏感个人信息：医疗健康", en: "sensitive: health" },
  { code: "sensitive-criminal", zh: "敏感个人信息：违法犯罪记录", en: "sensitive: criminal record" },
  { code: "sensitive-identity", zh: "敏感个人信息：身份号码和电话", en: "sensitive: identity and phone numbers" },
] as const);
/**
 * A sensitivity class code.
 *
 * @example
 * ```ts
 * const c: SensitivityClass = "sensitive-health";
 * ```
 * @since 0.1.0
 */
export type SensitivityClass = (typeof SensitivityClasses.codes)[number];

/**
 * How much of a field an actor may read: all of it, a masked form, or nothing.
 *
 * @example
 * ```ts
 * import { ReadAccessLevels } from "@tiaojie/core";
 *
 * ReadAccessLevels.label("masked"); // "脱敏可见"
 * ```
 * @since 0.1.0
 */
export const ReadAccessLevels = defineTaxonomy({ zh: "可见程度", en: "read access" }, [
  { code: "full", zh: "完整可见", en: "full" },
  { code: "masked", zh: "脱敏可见", en: "masked" },
  { code: "none", zh: "不可见", en: "none" },
] as const);
/**
 * A read access level.
 *
 * @example
 * ```ts
 * const a: ReadAccess = readAccess(ctx, "person.name", { jurisdiction });
 * ```
 * @since 0.1.0
 */
export type ReadAccess = (typeof ReadAccessLevels.codes)[number];
