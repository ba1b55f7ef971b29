import type { Actor } from "../model/actor.js";
import type { ListingId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Person } from "../model/person.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import type { Bilingual } from "../validation/bilingual.js";
import { plusInterval, minDate } from "../calendar/local-dates.js";
import type { Listing, ListingDetails, ListingEvidence } from "./listing.js";
import { criterionOf, type SupportCriteria } from "./support-criteria.js";
import { isQualifyingThreatKind } from "./check-support-criteria.js";
import { zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import {
  CrisisIndicators,
  HardshipIndicators,
  type SupportFacts,
  ThreatKinds,
} from "./support-facts.js";

/**
 * The finding for one category: whether the person qualifies on `asOf`, and why
 * or why not. A qualifying finding also carries what a listing needs: its
 * details, its evidence and the last day of its basis period.
 *
 * @example
 * ```ts
 * for (const e of evaluateEligibility(facts, asOf).qualifying) console.log(e.category, e.reasons[0]?.zh);
 * ```
 * @since 0.1.0
 */
export type Eligibility =
  | {
      readonly category: SupportCategory;
      readonly qualifies: true;
      readonly reasons: ReadonlyArray<Bilingual>;
      readonly details: ListingDetails;
      readonly evidence: ListingEvidence;
      /** The last day of the basis period, for a listing starting on `asOf`. */
      readonly basisEndsOn: LocalDate;
    }
  | {
      readonly category: SupportCategory;
      readonly qualifies: false;
      readonly reasons: ReadonlyArray<Bilingual>;
    };

/**
 * The outcome of {@link evaluateEligibility}: the categories the person qualifies
 * for (in category order) and the findings for the others.
 *
 * @example
 * ```ts
 * const r: EligibilityResult = evaluateEligibility(facts, asOf);
 * ```
 * @since 0.1.0
 */
export interface EligibilityResult {
  readonly person: SupportFacts["person"];
  readonly asOf: LocalDate;
  readonly qualifying: ReadonlyArray<Extract<Eligibility, { qualifies: true }>>;
  readonly notQualifying: ReadonlyArray<Extract<Eligibility, { qualifies: false }>>;
}

type Finding = Eligibility;

const no = (category: SupportCategory, ...reasons: ReadonlyArray<Bilingual>): Finding => ({
  category,
  qualifies: false,
  reasons,
});

const NOTHING: Bilingual = { zh: "未记录相关情况", en: "nothing recorded" };
const LATER: Bilingual = { zh: "相关记录晚于评估日期，评估日尚不可知", en: "the record is dated after the evaluation day" };

const labels = <C extends string>(tax: { label: (c: C, lang?: "zh" | "en") => string }, codes: ReadonlyArray<C>) => ({
  zh: codes.map((c) => tax.label(c, "zh")).join("、"),
  en: codes.map((c) => tax.label(c, "en")).join(", "),
});

const category1 = (facts: SupportFacts, asOf: LocalDate, criteria: SupportCriteria): Finding => {
  const c = criterionOf(criteria, 1);
  const mh = facts.mentalHealth;
  if (!mh) return no(1, NOTHING);
  if (mh.confirmedOn > asOf) return no(1, LATER);
  if (!c.parameters.confirmingUnits.includes(mh.confirmedBy)) {
    return no(1, {
      zh: `确认单位为${UnitKinds.label(mh.confirmedBy, "zh")}，标准要求由${c.parameters.confirmingUnits.map((u) => UnitKinds.label(u, "zh")).join("或")}确认`,
      en: `confirmed by the ${UnitKinds.label(mh.confirmedBy, "en")}; the criteria require the ${c.parameters.confirmingUnits.map((u) => UnitKinds.label(u, "en")).join(" or ")}`,
    });
  }
  return {
    category: 1,
    qualifies: true,
    reasons: [
      {
        zh: `${UnitKinds.label(mh.confirmedBy, "zh")}于 ${mh.confirmedOn} 确认，危险性评估 ${mh.dangerousnessGrade} 级`,
        en: `confirmed by the ${UnitKinds.label(mh.confirmedBy, "en")} on ${mh.confirmedOn}, dangerousness grade ${mh.dangerousnessGrade}`,
      },
    ],
    details: { kind: "mental-health", ...mh },
    evidence: {
      text: `${UnitKinds.label(mh.confirmedBy, "zh")}确认，危险性评估 ${mh.dangerousnessGrade} 级`,
      assessedBy: UnitKinds.label(mh.confirmedBy, "zh"),
      assessedOn: mh.confirmedOn,
    },
    basisEndsOn: plusInterval(asOf, c.listingPeriod),
  };
};

const category2 = (facts: SupportFacts, asOf: LocalDate, criteria: SupportCriteria): Finding => {
  const c = criterionOf(criteria, 2);
  const cf = facts.correction;
  if (!cf) return no(2, NOTHING);
  if (cf.recordedOn > asOf) return no(2, LATER);
  const [from, last, what]: readonly [LocalDate, LocalDate, Bilingual] =
    cf.kind === "released"
      ? [
          cf.releasedOn,
          plusInterval(cf.releasedOn, c.parameters.resettlementPeriod),
          { zh: `${cf.releasedOn} 刑满释放，安置帮教期`, en: `released on ${cf.releasedOn}; the resettlement period` },
        ]
      : [cf.startsOn, cf.endsOn, { zh: "社区矫正期", en: "the community-correction period" }];
  if (asOf < from) return no(2, LATER);
  if (asOf > last) {
    return no(2, { zh: `${what.zh}已于 ${last} 届满`, en: `${what.en} ended on ${last}` });
  }
  return {
    category: 2,
    qualifies: true,
    reasons: [{ zh: `${what.zh}至 ${last}（含当日）`, en: `${what.en} runs to ${last} inclusive` }],
    details: { kind: "correction", correction: cf },
    evidence: { text: `${what.zh}至 ${last}`, assessedBy: cf.recordedBy, assessedOn: cf.recordedOn },
    basisEndsOn: last,
  };
};

/**
 * The checks categories 3 and 5 share: an assessment exists, is not dated after
 * `asOf`, and found enough indicators. Returns the refusal, or the distinct
 * indicators found with their labels.
 */
const assessedIndicators = <I extends string, A extends { readonly assessedOn: LocalDate; readonly indicators: ReadonlyArray<I> }>(
  category: 3 | 5,
  assessment: A | undefined,
  asOf: LocalDate,
  minIndicators: number,
  taxonomy: Parameters<typeof labels<I>>[0],
  noneFound: Bilingual,
): { readonly refused: Finding } | { readonly assessment: A; readonly found: ReadonlyArray<I>; readonly text: Bilingual } => {
  if (!assessment) return { refused: no(category, NOTHING) };
  if (assessment.assessedOn > asOf) return { refused: no(category, LATER) };
  const found = [...new Set(assessment.indicators)];
  if (found.length < minIndicators) return { refused: no(category, noneFound) };
  return { assessment, found, text: labels(taxonomy, found) };
};

const category3 = (facts: SupportFacts, asOf: LocalDate, criteria: SupportCriteria): Finding => {
  const c = criterionOf(criteria, 3);
  const checked = assessedIndicators(3, facts.crisis, asOf, c.parameters.minIndicators, CrisisIndicators, {
    zh: "评估未发现“三失一偏”情形",
    en: "the assessment found no life-crisis indicator",
  });
  if ("refused" in checked) return checked.refused;
  const { assessment: a, found, text: l } = checked;
  return {
    category: 3,
    qualifies: true,
    reasons: [
      {
        zh: `${a.profession}${a.assessedBy}于 ${a.assessedOn} 评估：${l.zh}`,
        en: `assessed on ${a.assessedOn} by ${a.assessedBy} (${a.profession}): ${l.en}`,
      },
    ],
    details: { kind: "crisis", ...a, indicators: found },
    evidence: { text: `评估发现：${l.zh}`, assessedBy: a.assessedBy, assessedOn: a.assessedOn },
    basisEndsOn: plusInterval(asOf, c.listingPeriod),
  };
};

const category4 = (facts: SupportFacts, asOf: LocalDate, criteria: SupportCriteria): Finding => {
  const c = criterionOf(criteria, 4);
  // Petition facts are deliberately not read here: petitioning never qualifies.
  // Only a threat of violence against people qualifies, whatever the criteria
  // list (no back door for a criteria value that was never checked).
  const threats = (facts.threats ?? []).filter(
    (t) => t.documentedOn <= asOf && isQualifyingThreatKind(t.kind) && c.parameters.qualifyingThreats.includes(t.kind),
  );
  if (threats.length === 0) {
    return no(
      4,
      { zh: "没有有据可查的对他人实施暴力的威胁", en: "no documented threat of violence against people" },
      ...c.neverQualifies.slice(0, 1),
    );
  }
  const first = threats[0]!;
  return {
    category: 4,
    qualifies: true,
    reasons: threats.map((t) => ({
      zh: `${t.documentedBy}于 ${t.documentedOn} 记录：${ThreatKinds.label(t.kind, "zh")}`,
      en: `documented by ${t.documentedBy} on ${t.documentedOn}: ${ThreatKinds.label(t.kind, "en")}`,
    })),
    details: {
      kind: "threat",
      threats,
      ...(facts.unlawfulAct && facts.unlawfulAct.foundOn <= asOf ? { unlawfulAct: facts.unlawfulAct } : {}),
    },
    evidence: { text: first.record, assessedBy: first.documentedBy, assessedOn: first.documentedOn },
    basisEndsOn: plusInterval(asOf, c.listingPeriod),
  };
};

const category5 = (facts: SupportFacts, asOf: LocalDate, criteria: SupportCriteria): Finding => {
  const c = criterionOf(criteria, 5);
  const checked = assessedIndicators(5, facts.hardship, asOf, c.parameters.minIndicators, HardshipIndicators, {
    zh: "未发现困难情形",
    en: "no hardship indicator was found",
  });
  if ("refused" in checked) return checked.refused;
  const { assessment: h, found, text: l } = checked;
  return {
    category: 5,
    qualifies: true,
    reasons: [{ zh: `${h.assessedBy}于 ${h.assessedOn} 了解到：${l.zh}`, en: `found by ${h.assessedBy} on ${h.assessedOn}: ${l.en}` }],
    details: { kind: "hardship", ...h, indicators: found },
    evidence: { text: `困难情形：${l.zh}`, assessedBy: h.assessedBy, assessedOn: h.assessedOn },
    basisEndsOn: plusInterval(asOf, c.listingPeriod),
  };
};

const category6 = (facts: SupportFacts, asOf: LocalDate, criteria: SupportCriteria): Finding => {
  const c = criterionOf(criteria, 6);
  const r = facts.residence;
  if (!r) return no(6, NOTHING);
  if (r.recordedOn > asOf) return no(6, LATER);
  if (!r.householdRegisteredElsewhere) return no(6, c.neverQualifies[0] ?? NOTHING);
  return {
    category: 6,
    qualifies: true,
    reasons: [
      {
        zh: `${r.recordedBy}于 ${r.recordedOn} 记录：户籍在外地、在本辖区居住`,
        en: `recorded by ${r.recordedBy} on ${r.recordedOn}: lives here with a household registration elsewhere`,
      },
    ],
    details: { kind: "residence", ...r },
    evidence: { text: "户籍在外地、在本辖区居住", assessedBy: r.recordedBy, assessedOn: r.recordedOn },
    basisEndsOn: plusInterval(asOf, c.listingPeriod),
  };
};

const evaluators = [category1, category2, category3, category4, category5, category6] as const;

/**
 * Evaluates the support criteria for one person on `asOf`: which categories the
 * person qualifies for, with the reasons, and why the others do not apply.
 * Records dated after `asOf` are not yet known and count for nothing. Petition
 * facts are never read.
 *
 * Evidence is never invented: a finding's evidence names who confirmed,
 * assessed, documented or recorded the facts and when, exactly as the facts
 * say; the library fills in no unit and no date of its own. Category 4 holds
 * only on a documented threat of violence against people, whatever the
 * criteria list (check criteria with {@link checkSupportCriteria}).
 *
 * @example
 * ```ts
 * import { evaluateEligibility } from "@tiaojie/core";
 *
 * const r = evaluateEligibility(
 *   { person: "p-1", correction: { kind: "released", releasedOn: "2021-06-30", recordedBy: "司法所赵强", recordedOn: "2021-07-02" } } as SupportFacts,
 *   "2025-01-15" as LocalDate,
 * );
 * r.qualifying.map((e) => e.category); // [2]: resettlement runs to 2026-06-30
 * ```
 * @since 0.1.0
 */
export const evaluateEligibility = (
  facts: SupportFacts,
  asOf: LocalDate,
  criteria: SupportCriteria = zixiSupportCriteria,
): EligibilityResult => {
  const findings = evaluators.map((evaluate) => evaluate(facts, asOf, criteria));
  return {
    person: facts.person,
    asOf,
    qualifying: findings.filter((f): f is Extract<Eligibility, { qualifies: true }> => f.qualifies),
    notQualifying: findings.filter((f): f is Extract<Eligibility, { qualifies: false }> => !f.qualifies),
  };
};

/**
 * What {@link draftListing} needs beyond the finding: the listing's id, the
 * responsible unit and named person, and the officer who opens the listing
 * (recorded as the actor of its opening event).
 *
 * @example
 * ```ts
 * const input: DraftListingInput = { id: listingId, responsibleUnit: unitId, responsiblePerson: "赵强", actor };
 * ```
 * @since 0.1.0
 */
export interface DraftListingInput {
  readonly id: ListingId;
  readonly responsibleUnit: UnitId;
  readonly responsiblePerson: string;
  /** The acting officer, who opens the listing. @since 0.2.0 */
  readonly actor: Actor;
}

/**
 * Drafts a listing from a qualifying finding, opened on `startedOn` by the acting
 * officer: the lawful basis (in Chinese) from the criteria, a history of one
 * opening event whose first review falls the category's review interval after the
 * start (never after the basis ends). `startedOn` should be on or before the
 * finding's `basisEndsOn` (usually the day of the evaluation); decode the result
 * with {@link Listing} when it comes from elsewhere.
 *
 * @example
 * ```ts
 * import { draftListing, evaluateEligibility } from "@tiaojie/core";
 *
 * const r = evaluateEligibility(facts, asOf);
 * const listings = r.qualifying.map((e, i) =>
 *   draftListing(person, e, asOf, { id: `l-${person.id}-${i}`, responsibleUnit: "u-sfs", responsiblePerson: "赵强", actor }),
 * );
 * ```
 * @since 0.1.0
 */
export const draftListing = (
  person: Person,
  finding: Extract<Eligibility, { qualifies: true }>,
  startedOn: LocalDate,
  input: DraftListingInput,
  criteria: SupportCriteria = zixiSupportCriteria,
): Listing => {
  const c = criterionOf(criteria, finding.category);
  return {
    id: input.id,
    person: person.id,
    jurisdiction: person.jurisdiction,
    category: finding.category,
    lawfulBasis: c.lawfulBasis.zh,
    evidence: finding.evidence,
    responsibleUnit: input.responsibleUnit,
    responsiblePerson: input.responsiblePerson,
    basisEndsOn: finding.basisEndsOn,
    details: finding.details,
    history: [
      {
        kind: "opened",
        on: startedOn,
        actor: input.actor,
        nextReviewOn: minDate(plusInterval(startedOn, c.reviewEvery), finding.basisEndsOn),
      },
    ],
  };
};
