import { Schema } from "effect";
import { LocalDate } from "../model/local-date.js";
import { PetitionFacts } from "../model/dispute.js";
import { PersonId } from "../model/ids.js";
import { Text, optionalField } from "../model/primitives.js";
import { defineTaxonomy } from "../taxonomy/define-taxonomy.js";
import { UnitKinds } from "../taxonomy/unit-kinds.js";
import { bilingualMessage } from "../validation/bilingual.js";

/**
 * The indicators of an acute life crisis (“三失一偏”) that a professional may find,
 * in the words of the Zixi plan: 生活失意、心态失衡、行为失常、性格偏执.
 *
 * @example
 * ```ts
 * import { CrisisIndicators } from "@tiaojie/core";
 *
 * CrisisIndicators.label("life-setback", "en"); // "serious setback in life"
 * ```
 * @since 0.1.0
 */
export const CrisisIndicators = defineTaxonomy({ zh: "“三失一偏”情形", en: "life-crisis indicator" }, [
  { code: "life-setback", zh: "生活失意", en: "serious setback in life" },
  { code: "emotional-imbalance", zh: "心态失衡", en: "emotional imbalance" },
  { code: "behaviour-change", zh: "行为失常", en: "marked change of behaviour" },
  { code: "fixed-grievance", zh: "性格偏执", en: "rigid, fixed grievance" },
] as const);
/**
 * A life-crisis indicator code.
 *
 * @example
 * ```ts
 * const i: CrisisIndicator = "life-setback";
 * ```
 * @since 0.1.0
 */
export type CrisisIndicator = (typeof CrisisIndicators.codes)[number];

/**
 * The kinds of hardship that call for help first (category 5).
 *
 * @example
 * ```ts
 * import { HardshipIndicators } from "@tiaojie/core";
 *
 * HardshipIndicators.label("poverty"); // "生活困难"
 * ```
 * @since 0.1.0
 */
export const HardshipIndicators = defineTaxonomy({ zh: "困难情形", en: "hardship indicator" }, [
  { code: "serious-illness", zh: "患有重大疾病", en: "serious illness" },
  { code: "family-breakdown", zh: "婚姻家庭不幸", en: "family breakdown" },
  { code: "poverty", zh: "生活困难", en: "poverty" },
  { code: "self-harm-risk", zh: "有弃世厌世倾向", en: "risk of self-harm" },
] as const);
/**
 * A hardship indicator code.
 *
 * @example
 * ```ts
 * const i: HardshipIndicator = "poverty";
 * ```
 * @since 0.1.0
 */
export type HardshipIndicator = (typeof HardshipIndicators.codes)[number];

/**
 * The kinds of documented threat that may qualify a person for category 4: a
 * threat of violence against people, and nothing else. A petition, a repeated
 * petition, a petition to a higher level, travelling to petition, a complaint,
 * a lawsuit or an appeal is never a threat: it is the exercise of a right. There
 * is deliberately no kind for "disturbing public order": that label is how
 * travelling to petition is often described, and the plan's "help first"
 * covers whatever else lies behind it (categories 3 and 5).
 *
 * @example
 * ```ts
 * import { ThreatKinds } from "@tiaojie/core";
 *
 * ThreatKinds.label("violence", "en"); // "threat of violence against people"
 * ThreatKinds.is("public-order"); // false
 * ```
 * @since 0.1.0
 */
export const ThreatKinds = defineTaxonomy({ zh: "现实危险情形", en: "kind of threat" }, [
  { code: "violence", zh: "扬言对他人实施暴力", en: "threat of violence against people" },
] as const);
/**
 * A threat kind code.
 *
 * @example
 * ```ts
 * const k: ThreatKind = "violence";
 * ```
 * @since 0.1.0
 */
export type ThreatKind = (typeof ThreatKinds.codes)[number];

/**
 * Where a migrant resident's residence registration stands.
 *
 * @example
 * ```ts
 * import { ResidenceRegistrations } from "@tiaojie/core";
 *
 * ResidenceRegistrations.label("registered"); // "已登记"
 * ```
 * @since 0.1.0
 */
export const ResidenceRegistrations = defineTaxonomy({ zh: "居住登记情况", en: "residence registration" }, [
  { code: "registered", zh: "已登记", en: "registered" },
  { code: "applied", zh: "已申报、待办结", en: "applied, not yet completed" },
  { code: "unregistered", zh: "未登记", en: "not registered" },
] as const);
/**
 * A residence registration status.
 *
 * @example
 * ```ts
 * const r: ResidenceRegistration = "applied";
 * ```
 * @since 0.1.0
 */
export type ResidenceRegistration = (typeof ResidenceRegistrations.codes)[number];

/**
 * The dangerousness grade of the national basic public-health service norms for
 * patients with severe mental disorders: 0 (no conduct of concern) to 5.
 *
 * @example
 * ```ts
 * decode(DangerousnessGrade, 3).ok; // true
 * ```
 * @since 0.1.0
 */
export const DangerousnessGrade = Schema.Literal(0, 1, 2, 3, 4, 5).annotations({
  identifier: "DangerousnessGrade",
  description: "危险性评估等级 / dangerousness grade (0–5)",
  ...bilingualMessage("危险性等级应为 0–5 的整数", "the dangerousness grade must be a whole number from 0 to 5"),
});
/**
 * @example
 * ```ts
 * const g: DangerousnessGrade = 0;
 * ```
 * @since 0.1.0
 */
export type DangerousnessGrade = typeof DangerousnessGrade.Type;

const nonEmpty = <S extends Schema.Schema.Any>(item: S, zh: string, en: string) =>
  Schema.Array(item).pipe(
    Schema.filter((xs) => xs.length >= 1 && xs.length <= 50, {
      ...bilingualMessage(zh, en),
      jsonSchema: { minItems: 1, maxItems: 50 },
    }),
  );

/**
 * Category 1 facts: a severe mental disorder confirmed by a unit (the criteria
 * accept only the township health centre), with the current dangerousness grade.
 *
 * @example
 * ```ts
 * decode(MentalHealthFacts, { confirmedBy: "health-centre", confirmedOn: "2025-01-03", dangerousnessGrade: 0 });
 * ```
 * @since 0.1.0
 */
export const MentalHealthFacts = Schema.Struct({
  confirmedBy: UnitKinds.schema,
  confirmedOn: LocalDate,
  dangerousnessGrade: DangerousnessGrade,
}).annotations({ identifier: "MentalHealthFacts", description: "严重精神障碍确认情况 / severe mental disorder, as confirmed" });
/**
 * @example
 * ```ts
 * const f: MentalHealthFacts = facts.mentalHealth!;
 * ```
 * @since 0.1.0
 */
export interface MentalHealthFacts extends Schema.Schema.Type<typeof MentalHealthFacts> {}

const recordedFields = {
  recordedBy: Text(50),
  recordedOn: LocalDate,
};

/**
 * Category 2 facts: a release from prison (the resettlement period runs from the
 * release date) or a community-correction period (first and last day), and who
 * recorded it and when (the evidence of a listing: the library never fills these
 * in itself). A record dated after the day of an evaluation counts for nothing
 * on that day.
 *
 * @example
 * ```ts
 * decode(CorrectionFacts, { kind: "released", releasedOn: "2021-06-30", recordedBy: "司法所赵强", recordedOn: "2021-07-02" });
 * ```
 * @since 0.1.0
 */
export const CorrectionFacts = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("released"), releasedOn: LocalDate, ...recordedFields }),
  Schema.Struct({ kind: Schema.Literal("community-correction"), startsOn: LocalDate, endsOn: LocalDate, ...recordedFields }).pipe(
    Schema.filter((c) => c.startsOn <= c.endsOn, {
      ...bilingualMessage("社区矫正结束日期不能早于开始日期", "a community-correction period cannot end before it starts"),
      jsonSchema: {},
    }),
  ),
).annotations({ identifier: "CorrectionFacts", description: "刑满释放或社区矫正情况 / release or community correction" });
/**
 * @example
 * ```ts
 * const c: CorrectionFacts = { kind: "released", releasedOn, recordedBy: "司法所赵强", recordedOn };
 * ```
 * @since 0.1.0
 */
export type CorrectionFacts = typeof CorrectionFacts.Type;

/**
 * Category 3 facts: an assessment by a named professional and the indicators found.
 *
 * @example
 * ```ts
 * decode(CrisisAssessment, { assessedBy: "陈静", profession: "社工", assessedOn: "2025-02-01", indicators: ["life-setback"] });
 * ```
 * @since 0.1.0
 */
export const CrisisAssessment = Schema.Struct({
  assessedBy: Text(50),
  profession: Text(50),
  assessedOn: LocalDate,
  indicators: Schema.Array(CrisisIndicators.schema),
}).annotations({ identifier: "CrisisAssessment", description: "“三失一偏”评估 / life-crisis assessment" });
/**
 * @example
 * ```ts
 * const a: CrisisAssessment = facts.crisis!;
 * ```
 * @since 0.1.0
 */
export interface CrisisAssessment extends Schema.Schema.Type<typeof CrisisAssessment> {}

/**
 * A documented threat: what was threatened, who documented it, when, and the
 * record (what was said or done, and where it is filed).
 *
 * @example
 * ```ts
 * decode(DocumentedThreat, { kind: "violence", documentedBy: "李明", documentedOn: "2025-03-02", record: "接警记录 0302-01" });
 * ```
 * @since 0.1.0
 */
export const DocumentedThreat = Schema.Struct({
  kind: ThreatKinds.schema,
  documentedBy: Text(50),
  documentedOn: LocalDate,
  record: Text(2000),
}).annotations({ identifier: "DocumentedThreat", description: "有据可查的现实危险 / documented threat" });
/**
 * @example
 * ```ts
 * const t: DocumentedThreat = facts.threats![0]!;
 * ```
 * @since 0.1.0
 */
export interface DocumentedThreat extends Schema.Schema.Type<typeof DocumentedThreat> {}

/**
 * An unlawful act found by the competent authority. It is the only ground for a
 * referral for legal handling.
 *
 * @example
 * ```ts
 * decode(UnlawfulAct, { foundBy: "police-station", foundOn: "2025-03-05", record: "治安案件 2025-11" });
 * ```
 * @since 0.1.0
 */
export const UnlawfulAct = Schema.Struct({
  foundBy: UnitKinds.schema,
  foundOn: LocalDate,
  record: Text(2000),
}).annotations({ identifier: "UnlawfulAct", description: "经认定的违法行为 / unlawful act, as found" });
/**
 * @example
 * ```ts
 * const u: UnlawfulAct = facts.unlawfulAct!;
 * ```
 * @since 0.1.0
 */
export interface UnlawfulAct extends Schema.Schema.Type<typeof UnlawfulAct> {}

/**
 * Category 5 facts: hardship indicators found, by whom and when.
 *
 * @example
 * ```ts
 * decode(HardshipAssessment, { indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" });
 * ```
 * @since 0.1.0
 */
export const HardshipAssessment = Schema.Struct({
  indicators: Schema.Array(HardshipIndicators.schema),
  assessedBy: Text(50),
  assessedOn: LocalDate,
}).annotations({ identifier: "HardshipAssessment", description: "困难情况 / hardship assessment" });
/**
 * @example
 * ```ts
 * const h: HardshipAssessment = facts.hardship!;
 * ```
 * @since 0.1.0
 */
export interface HardshipAssessment extends Schema.Schema.Type<typeof HardshipAssessment> {}

/**
 * Category 6 facts: a resident whose household registration (户籍) is elsewhere,
 * the state of the residence registration, the housing and employer on record,
 * and who recorded these facts and when (the evidence of a listing: the library
 * never fills these in itself). A record dated after the day of an evaluation
 * counts for nothing on that day.
 *
 * @example
 * ```ts
 * decode(ResidenceFacts, {
 *   householdRegisteredElsewhere: true, registration: "applied", housing: "出租房",
 *   recordedBy: "网格员周丽", recordedOn: "2025-01-06",
 * });
 * ```
 * @since 0.1.0
 */
export const ResidenceFacts = Schema.Struct({
  householdRegisteredElsewhere: Schema.Boolean,
  registration: ResidenceRegistrations.schema,
  housing: optionalField(Text(200)),
  employer: optionalField(Text(200)),
  ...recordedFields,
}).annotations({ identifier: "ResidenceFacts", description: "居住情况 / residence facts" });
/**
 * @example
 * ```ts
 * const r: ResidenceFacts = facts.residence!;
 * ```
 * @since 0.1.0
 */
export interface ResidenceFacts extends Schema.Schema.Type<typeof ResidenceFacts> {}

/**
 * What is known about one person that the support criteria read. Every section is
 * optional: a missing section means nothing is recorded, and nothing follows from
 * it. Petition facts may be recorded as neutral metadata; no criterion reads them.
 *
 * @example
 * ```ts
 * import { decode, SupportFacts } from "@tiaojie/core";
 *
 * const r = decode(SupportFacts, {
 *   person: "p-0007",
 *   hardship: { indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2025-01-06" },
 * });
 * ```
 * @since 0.1.0
 */
export const SupportFacts = Schema.Struct({
  person: PersonId,
  mentalHealth: optionalField(MentalHealthFacts),
  correction: optionalField(CorrectionFacts),
  crisis: optionalField(CrisisAssessment),
  threats: optionalField(nonEmpty(DocumentedThreat, "至少记录 1 项、至多 50 项", "record 1 to 50 threats")),
  unlawfulAct: optionalField(UnlawfulAct),
  hardship: optionalField(HardshipAssessment),
  residence: optionalField(ResidenceFacts),
  petition: optionalField(PetitionFacts),
}).annotations({ identifier: "SupportFacts", description: "重点人群认定要素 / facts for the support criteria" });
/**
 * @example
 * ```ts
 * const facts: SupportFacts = { person: personId };
 * ```
 * @since 0.1.0
 */
export interface SupportFacts extends Schema.Schema.Type<typeof SupportFacts> {}
/**
 * The JSON form of {@link SupportFacts}.
 *
 * @example
 * ```ts
 * const json: SupportFactsJson = { person: "p-0007" };
 * ```
 * @since 0.1.0
 */
export interface SupportFactsJson extends Schema.Schema.Encoded<typeof SupportFacts> {}

