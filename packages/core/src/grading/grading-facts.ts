import type { DisputeFacts } from "../model/dispute.js";
import type { Bilingual } from "../validation/bilingual.js";

/**
 * How a fact is compared: a yes/no fact is tested with `{ op: "is" }`, a number
 * with a comparison against a parameter or a constant.
 *
 * @example
 * ```ts
 * import { gradingFact } from "@tiaojie/core";
 *
 * gradingFact("selfHarmRisk")?.kind; // "boolean"
 * ```
 * @since 0.1.0
 */
export type GradingFactKind = "boolean" | "number";

/**
 * One fact a grading condition may read: its name, labels, kind, the range of its
 * values, and the unit its values are written in.
 *
 * @example
 * ```ts
 * import { gradingFacts } from "@tiaojie/core";
 *
 * for (const f of gradingFacts) console.log(f.name, f.zh, f.unit?.zh ?? "");
 * ```
 * @since 0.1.0
 */
export interface GradingFactDefinition extends Bilingual {
  readonly name: GradingFactName;
  readonly kind: GradingFactKind;
  /** Smallest and largest value (numbers only); used to build witnesses. */
  readonly min: number;
  readonly max: number;
  /** The smallest step between two values (1 for counts, 0.01 for yuan). */
  readonly step: number;
  /** The unit values are written in, if any. */
  readonly unit?: Bilingual;
  /** `stored` facts come from `DisputeFacts`; `derived` ones are computed when grading. */
  readonly source: "stored" | "derived";
}

/**
 * The name of a fact a grading condition may read. The list is closed: it holds
 * the dispute's own facts and the derived `daysUnresolved`, and nothing about
 * petitions, lawsuits, complaints or appeals.
 *
 * @example
 * ```ts
 * import type { GradingFactName } from "@tiaojie/core";
 *
 * const fact: GradingFactName = "failedMediations";
 * ```
 * @since 0.1.0
 */
export type GradingFactName = keyof DisputeFacts | "daysUnresolved";

/**
 * The vocabulary of grading: every fact a condition may read, in documentation
 * order. `daysUnresolved` is not stored: it is the number of whole days from the
 * dispute's `reportedOn` to the `asOf` date given when grading (or to its
 * resolution, when earlier). It raises the resolution priority through
 * escalators; a rule, which sets the harm risk level, may not read it.
 *
 * Protected activity (petitions, lawsuits, complaints, appeals) is deliberately
 * absent: exercising a right is never a risk factor, and tables that try to read
 * such a fact are rejected by {@link checkGradingTable}.
 *
 * @example
 * ```ts
 * import { gradingFacts } from "@tiaojie/core";
 *
 * gradingFacts.map((f) => f.zh); // ["涉及人数", "涉及金额", ...]
 * ```
 * @since 0.1.0
 */
export const gradingFacts: ReadonlyArray<GradingFactDefinition> = [
  { name: "peopleInvolved", zh: "涉及人数", en: "people involved", kind: "number", min: 1, max: 1_000_000, step: 1, unit: { zh: "人", en: "people" }, source: "stored" },
  { name: "amountAtStake", zh: "涉及金额", en: "amount at stake", kind: "number", min: 0, max: 999_999_999_999.99, step: 0.01, unit: { zh: "元", en: "yuan" }, source: "stored" },
  { name: "threatOfViolence", zh: "有暴力威胁", en: "threat of violence", kind: "boolean", min: 0, max: 1, step: 1, source: "stored" },
  { name: "selfHarmRisk", zh: "有自伤自残风险", en: "risk of self-harm", kind: "boolean", min: 0, max: 1, step: 1, source: "stored" },
  { name: "violentHistory", zh: "当事人有暴力史", en: "a party has a history of violence", kind: "boolean", min: 0, max: 1, step: 1, source: "stored" },
  { name: "emotionalIntensity", zh: "情绪激烈程度", en: "emotional intensity", kind: "number", min: 0, max: 3, step: 1, unit: { zh: "级", en: "of 3" }, source: "stored" },
  { name: "failedMediations", zh: "调解未成功次数", en: "failed mediations", kind: "number", min: 0, max: 100, step: 1, unit: { zh: "次", en: "times" }, source: "stored" },
  { name: "vulnerableParty", zh: "涉及弱势当事人", en: "a vulnerable party", kind: "boolean", min: 0, max: 1, step: 1, source: "stored" },
  { name: "unpaidMajorProjectLandCompensation", zh: "已完工重大项目征地补偿未兑付", en: "unpaid land compensation of a completed major project", kind: "boolean", min: 0, max: 1, step: 1, source: "stored" },
  { name: "daysUnresolved", zh: "未化解天数", en: "days unresolved", kind: "number", min: 0, max: 110_000, step: 1, unit: { zh: "天", en: "days" }, source: "derived" },
];

const byName = new Map<string, GradingFactDefinition>(gradingFacts.map((f) => [f.name, f]));

/**
 * The definition of a grading fact, or `undefined` for a name outside the vocabulary.
 *
 * @example
 * ```ts
 * import { gradingFact } from "@tiaojie/core";
 *
 * gradingFact("peopleInvolved")?.zh; // "涉及人数"
 * gradingFact("petitionCount"); // undefined
 * ```
 * @since 0.1.0
 */
export const gradingFact = (name: string): GradingFactDefinition | undefined => byName.get(name);

/**
 * Words that mark a fact name as protected activity: petitioning, suing,
 * complaining, appealing (in English or Chinese, any case). A grading condition
 * naming such a fact is rejected, whatever else the table says.
 *
 * @example
 * ```ts
 * import { protectedActivityTerms } from "@tiaojie/core";
 *
 * protectedActivityTerms.includes("petition"); // true
 * ```
 * @since 0.1.0
 */
export const protectedActivityTerms: ReadonlyArray<string> = [
  "petition", "xinfang", "visit", "lawsuit", "litigat", "sue", "suing", "court", "complain",
  "appeal", "report", "grievance", "信访", "上访", "访", "诉", "投诉", "申诉", "控告", "举报", "复议",
];

/**
 * Whether a fact name reads protected activity (petitions, lawsuits, complaints,
 * appeals). Names in the grading vocabulary never do.
 *
 * @example
 * ```ts
 * import { isProtectedActivityFact } from "@tiaojie/core";
 *
 * isProtectedActivityFact("petitionCount"); // true
 * isProtectedActivityFact("petition.highestLevel"); // true
 * isProtectedActivityFact("peopleInvolved"); // false
 * ```
 * @since 0.1.0
 */
export const isProtectedActivityFact = (name: string): boolean => {
  if (byName.has(name)) return false;
  const lower = name.toLowerCase();
  return protectedActivityTerms.some((term) => lower.includes(term));
};
