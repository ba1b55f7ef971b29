import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import type { Bilingual } from "../validation/bilingual.js";
import type { Interval } from "../calendar/local-dates.js";
import type { ThreatKind } from "./support-facts.js";

/**
 * What every category's criterion states, whatever the category: the conditions
 * that qualify a person, what never qualifies on its own, the lawful basis, the
 * lead units, how often a listing is reviewed and how long a listing may last
 * before its basis must be assessed again.
 *
 * @example
 * ```ts
 * zixiSupportCriteria.categories[0].qualifiesWhen[0]?.zh;
 * ```
 * @since 0.1.0
 */
export interface CriterionCommon {
  /** The conditions, all of which must hold, in both languages. */
  readonly qualifiesWhen: ReadonlyArray<Bilingual>;
  /** Facts that never qualify a person on their own. */
  readonly neverQualifies: ReadonlyArray<Bilingual>;
  /** The statute or duty a listing in this category rests on. */
  readonly lawfulBasis: Bilingual;
  /** The units that lead the work, in the plan's order. */
  readonly leadUnits: ReadonlyArray<UnitKind>;
  /** How long after the start (or a review) the next review is due. */
  readonly reviewEvery: Interval;
  /**
   * How long a listing holds from its start when the category has no period of
   * its own (category 2 has: the resettlement or correction period).
   */
  readonly listingPeriod: Interval;
}

/**
 * The criterion of one support category, with the parameters its evaluation reads.
 *
 * @example
 * ```ts
 * const c: CategoryCriterion = zixiSupportCriteria.categories[3];
 * ```
 * @since 0.1.0
 */
export type CategoryCriterion =
  | (CriterionCommon & { readonly category: 1; readonly parameters: { readonly confirmingUnits: ReadonlyArray<UnitKind> } })
  | (CriterionCommon & { readonly category: 2; readonly parameters: { readonly resettlementPeriod: Interval } })
  | (CriterionCommon & { readonly category: 3; readonly parameters: { readonly minIndicators: number } })
  | (CriterionCommon & { readonly category: 4; readonly parameters: { readonly qualifyingThreats: ReadonlyArray<ThreatKind> } })
  | (CriterionCommon & { readonly category: 5; readonly parameters: { readonly minIndicators: number } })
  | (CriterionCommon & { readonly category: 6; readonly parameters: Record<string, never> });

/**
 * The criterion of category `C`.
 *
 * @example
 * ```ts
 * const c: CriterionOf<2> = criterionOf(zixiSupportCriteria, 2);
 * ```
 * @since 0.1.0
 */
export type CriterionOf<C extends SupportCategory> = Extract<CategoryCriterion, { readonly category: C }>;

/**
 * The support criteria: a versioned value, one criterion per category, that both
 * drives {@link evaluateEligibility} and renders as the policy documentation.
 *
 * @example
 * ```ts
 * const criteria: SupportCriteria = supportCriteria({ resettlementPeriod: { months: 36 } });
 * ```
 * @since 0.1.0
 */
export interface SupportCriteria {
  readonly version: string;
  readonly name: Bilingual;
  readonly categories: readonly [
    CriterionOf<1>,
    CriterionOf<2>,
    CriterionOf<3>,
    CriterionOf<4>,
    CriterionOf<5>,
    CriterionOf<6>,
  ];
}

/**
 * The criterion of one category.
 *
 * @example
 * ```ts
 * import { criterionOf, zixiSupportCriteria } from "@tiaojie/core";
 *
 * criterionOf(zixiSupportCriteria, 2).parameters.resettlementPeriod; // { months: 60 }
 * ```
 * @since 0.1.0
 */
export const criterionOf = <C extends SupportCategory>(criteria: SupportCriteria, category: C): CriterionOf<C> =>
  criteria.categories[category - 1] as CriterionOf<C>;
