import type { Bilingual } from "../validation/bilingual.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";

/**
 * How long the personal data of a listed person is kept after the purpose of the
 * listing is met (PIPL art. 47: 处理目的已实现… 个人信息处理者应当主动删除个人信息).
 * One period per support category: the days after the person's last listing
 * closed (ended, removed or lapsed) before `purgeExpired` erases the person,
 * provided they are in no open dispute. A person with a listing that still holds
 * is never erased; the longest period of the person's categories applies.
 *
 * @example
 * ```ts
 * const retention: RetentionPolicy = { version: "county-2026.1", periods: { 1: { days: 730, basis }, ... } };
 * ```
 * @since 0.3.0
 */
export interface RetentionPolicy {
  readonly version: string;
  readonly name: Bilingual;
  readonly periods: { readonly [C in SupportCategory]: RetentionPeriod };
}

/**
 * One retention period and why it is that long.
 * @since 0.3.0
 */
export interface RetentionPeriod {
  /** Whole days after the last listing closed (0–36,500). */
  readonly days: number;
  readonly basis: Bilingual;
}
