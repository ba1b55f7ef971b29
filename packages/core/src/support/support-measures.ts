import { defineTaxonomy } from "../taxonomy/define-taxonomy.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { Interval } from "../calendar/local-dates.js";
import type { DangerousnessGrade, HardshipIndicator } from "./support-facts.js";

/**
 * The kinds of support measure. `assistance` is material or practical help; the
 * category-5 assistance tasks come first in every task list.
 *
 * @example
 * ```ts
 * import { MeasureKinds } from "@tiaojie/core";
 *
 * MeasureKinds.label("assistance"); // "帮扶救助"
 * ```
 * @since 0.1.0
 */
export const MeasureKinds = defineTaxonomy({ zh: "措施类别", en: "measure kind" }, [
  { code: "assistance", zh: "帮扶救助", en: "assistance" },
  { code: "care", zh: "关爱随访", en: "care and follow-up" },
  { code: "explanation", zh: "释法说理", en: "explanation of law and decisions" },
  { code: "registration", zh: "登记核实", en: "registration" },
  { code: "referral", zh: "移交处理", en: "referral" },
] as const);
/**
 * A measure kind code.
 *
 * @example
 * ```ts
 * const k: MeasureKind = "assistance";
 * ```
 * @since 0.1.0
 */
export type MeasureKind = (typeof MeasureKinds.codes)[number];

/**
 * When a measure falls due: once, within an interval of the listing's start; every
 * interval from the start or the last time it was done; or, for category 1, at an
 * interval set by the current dangerousness grade.
 *
 * @example
 * ```ts
 * const c: MeasureCadence = { kind: "every", interval: { months: 1 } };
 * ```
 * @since 0.1.0
 */
export type MeasureCadence =
  | { readonly kind: "once"; readonly within: Interval }
  | { readonly kind: "every"; readonly interval: Interval }
  | { readonly kind: "by-dangerousness-grade"; readonly intervals: { readonly [G in DangerousnessGrade]: Interval } };

/**
 * Which listings a measure applies to: all of its category, only those with a
 * hardship indicator, only those with a gap in the residence registration, or
 * only those where the competent authority has found an unlawful act.
 *
 * @example
 * ```ts
 * const w: MeasureCondition = { kind: "hardship-indicator", indicator: "poverty" };
 * ```
 * @since 0.1.0
 */
export type MeasureCondition =
  | { readonly kind: "always" }
  | { readonly kind: "hardship-indicator"; readonly indicator: HardshipIndicator }
  | { readonly kind: "residence-gap"; readonly gap: "registration" | "housing" | "employer" }
  | { readonly kind: "unlawful-act-found" };

/**
 * One measure: its code (unique within the measures), category, kind, title, when
 * it applies and falls due, the unit a referral goes to, and where its timing
 * comes from (a norm, or this preset's choice).
 *
 * @example
 * ```ts
 * const m: SupportMeasure | undefined = zixiSupportMeasures.measures.find((m) => m.code === "counselling");
 * ```
 * @since 0.1.0
 */
export interface SupportMeasure {
  readonly code: string;
  readonly category: SupportCategory;
  readonly kind: MeasureKind;
  readonly title: Bilingual;
  readonly when: MeasureCondition;
  readonly cadence: MeasureCadence;
  /** For referrals and aid applications: the unit the case goes to. */
  readonly referTo?: UnitKind;
  /** Where the timing comes from. */
  readonly basis: Bilingual;
}

/**
 * The support measures: a versioned list, in the order tasks of equal standing are
 * listed. Drives {@link tasksDue} and renders as documentation.
 *
 * @example
 * ```ts
 * const measures: SupportMeasures = supportMeasures();
 * ```
 * @since 0.1.0
 */
export interface SupportMeasures {
  readonly version: string;
  readonly name: Bilingual;
  readonly measures: ReadonlyArray<SupportMeasure>;
}
