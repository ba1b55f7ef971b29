import type { Period } from "../calendar/day-counting.js";
import type { Bilingual } from "../validation/bilingual.js";

/**
 * The law or policy a time limit comes from. `article` is given only where the
 * library is sure of the number; policy staff should cite the text they apply.
 *
 * @example
 * ```ts
 * const s: LegalSource = { title: { zh: "中华人民共和国人民调解法", en: "People's Mediation Law" }, article: "第三十三条" };
 * ```
 * @since 0.1.0
 */
export interface LegalSource {
  readonly title: Bilingual;
  readonly article?: string;
  /** What the rule says, in the library's own words. */
  readonly summary?: Bilingual;
}

/**
 * Who a time limit binds: the handling body (its duty to the person) or the
 * party (a window in which the party may act: a reminder serves them).
 *
 * @example
 * ```ts
 * const who: TimeLimitHolder = "office";
 * ```
 * @since 0.1.0
 */
export type TimeLimitHolder = "office" | "party";

/**
 * A time limit as data: its id, what it is, its length, when it starts, who it
 * binds, whether and how it can be extended, and its legal source.
 *
 * @example
 * ```ts
 * const settle: TimeLimitRule | undefined = defaultTimeLimits.find((r) => r.id === "petition-settle");
 * settle?.extension?.maxDays; // 30
 * ```
 * @since 0.1.0
 */
export interface TimeLimitRule {
  readonly id: string;
  readonly title: Bilingual;
  readonly period: Period;
  readonly startsOn: Bilingual;
  readonly holder: TimeLimitHolder;
  /** At most one extension, of at most `maxDays` calendar days, approved and with a reason. */
  readonly extension?: { readonly maxDays: number };
  readonly source: LegalSource;
}
