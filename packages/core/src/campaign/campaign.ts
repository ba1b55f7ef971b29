import { Schema } from "effect";
import { LocalDate } from "../model/local-date.js";
import { IntBetween, Text, optionalField } from "../model/primitives.js";
import { type UnitKind, UnitKinds } from "../taxonomy/unit-kinds.js";
import { type Bilingual, bilingualMessage } from "../validation/bilingual.js";
import type { Problem } from "../validation/problem.js";
import type { IssuePath } from "../validation/validation-error.js";
import { plusDays } from "../calendar/local-dates.js";

/**
 * What a deadline asks for: a ledger report (the sweep's tables and their monthly
 * cumulative update) or the campaign's summary report.
 *
 * @example
 * ```ts
 * const k: DeadlineKind = "ledger-report";
 * ```
 * @since 0.1.0
 */
export type DeadlineKind = "ledger-report" | "summary-report";

/**
 * Who owes a deadline: every reporting unit of the campaign, or the units of the
 * kinds listed.
 *
 * @example
 * ```ts
 * const owed: DeadlineOwers = ["peace-rule-of-law-office"];
 * ```
 * @since 0.1.0
 */
export type DeadlineOwers = "reporting-units" | ReadonlyArray<UnitKind>;

/**
 * A deadline that falls once. The day is inclusive: a submission made at any time
 * of that day (Beijing time) is on time.
 *
 * @example
 * ```ts
 * const firstRound: OneOffDeadline = {
 *   id: "first-round", kind: "ledger-report", due: "2024-11-28" as LocalDate,
 *   title: { zh: "第一轮全面排查台账", en: "first round of the full sweep" }, owedBy: "reporting-units",
 *   receivedBy: "peace-rule-of-law-office",
 * };
 * ```
 * @since 0.1.0
 */
export interface OneOffDeadline {
  readonly id: string;
  readonly kind: DeadlineKind;
  readonly due: LocalDate;
  readonly title: Bilingual;
  readonly owedBy: DeadlineOwers;
  /** The unit the submission goes to. */
  readonly receivedBy: UnitKind;
}

/**
 * A deadline that falls every month on the same day (the last day of a shorter
 * month when the day is past it), from `firstMonth` to `lastMonth` (both
 * `YYYY-MM`, inclusive; no `lastMonth` means it continues indefinitely).
 *
 * @example
 * ```ts
 * const monthly: MonthlyDeadline = {
 *   id: "monthly-update", kind: "ledger-report", dayOfMonth: 28, firstMonth: "2024-12",
 *   title: { zh: "每月累计和更新情况", en: "monthly cumulative update" }, owedBy: "reporting-units",
 *   receivedBy: "peace-rule-of-law-office",
 * };
 * ```
 * @since 0.1.0
 */
export interface MonthlyDeadline {
  readonly id: string;
  readonly kind: DeadlineKind;
  readonly dayOfMonth: number;
  readonly firstMonth: string;
  readonly lastMonth?: string;
  readonly title: Bilingual;
  readonly owedBy: DeadlineOwers;
  readonly receivedBy: UnitKind;
}

/**
 * One occurrence of a deadline: the deadline's id, its due day and a key
 * `id@due` that names the occurrence in submissions.
 *
 * @example
 * ```ts
 * const d: Deadline | undefined = nextDeadline(zixi2025, "2024-12-01" as LocalDate);
 * d?.key; // "monthly-update@2024-12-28"
 * ```
 * @since 0.1.0
 */
export interface Deadline extends OneOffDeadline {
  /** `id@due`: names this occurrence in submissions. */
  readonly key: string;
}

/**
 * One check a phase declares must hold by its end, as data:
 * - `deadlines-submitted`: every unit owing a deadline of `deadlineKind` due in
 *   the phase has submitted it (late counts as submitted);
 * - `disputes-graded`: every dispute registered by then has a risk grade;
 * - `disputes-assigned`: every dispute registered by then and not declined has
 *   been assigned a lead unit;
 * - `open-disputes-have-responsible-person`: every open dispute has a named
 *   responsible person;
 * - `open-disputes-have-measure`: every open dispute has a resolution measure;
 * - `active-listings-have-measures`: every active support listing has its
 *   measures scheduled.
 *
 * @example
 * ```ts
 * const check: PhaseCheck = { id: "p1-graded", kind: "disputes-graded", title: { zh: "全部研判风险等级", en: "every dispute graded" } };
 * ```
 * @since 0.1.0
 */
export type PhaseCheck = { readonly id: string; readonly title: Bilingual } & (
  | { readonly kind: "deadlines-submitted"; readonly deadlineKind: DeadlineKind }
  | { readonly kind: "disputes-graded" }
  | { readonly kind: "disputes-assigned" }
  | { readonly kind: "open-disputes-have-responsible-person" }
  | { readonly kind: "open-disputes-have-measure" }
  | { readonly kind: "active-listings-have-measures" }
);

/**
 * A phase of a campaign: explicit first and last days (both inclusive), and the
 * checks that must hold by its end.
 *
 * @example
 * ```ts
 * const phase2: CampaignPhase | undefined = zixi2025.phases[1];
 * phase2?.start; // "2025-02-01"
 * ```
 * @since 0.1.0
 */
export interface CampaignPhase {
  readonly id: string;
  readonly name: Bilingual;
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly checks: ReadonlyArray<PhaseCheck>;
  /** Why the dates are what they are, when the source leaves them open. */
  readonly note?: Bilingual;
}

/**
 * A campaign (专项治理): phases that tile it, one-off and monthly deadlines, the
 * kinds of unit that report, and the day routine governance (常态化治理) begins,
 * after which the monthly deadlines continue.
 *
 * @example
 * ```ts
 * import { zixi2025Campaign } from "@tiaojie/core";
 *
 * const campaign: Campaign = zixi2025Campaign({ phase1End: "2025-02-12" as LocalDate });
 * ```
 * @since 0.1.0
 */
export interface Campaign {
  readonly id: string;
  readonly name: Bilingual;
  readonly phases: ReadonlyArray<CampaignPhase>;
  readonly oneOffDeadlines: ReadonlyArray<OneOffDeadline>;
  readonly monthlyDeadlines: ReadonlyArray<MonthlyDeadline>;
  /** The kinds of unit that owe `"reporting-units"` deadlines. */
  readonly reportingUnitKinds: ReadonlyArray<UnitKind>;
  /** The first day of routine governance: the day after the last phase. */
  readonly routineFrom: LocalDate;
  readonly source?: Bilingual;
}

const CampaignId = Text(100);

const BilingualName = Schema.Struct({ zh: Text(500), en: Text(500) });

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const Month = Schema.String.pipe(
  Schema.filter((s) => MONTH_PATTERN.test(s), {
    ...bilingualMessage("应为 YYYY-MM 格式的月份", "must be a month written YYYY-MM"),
    jsonSchema: { pattern: MONTH_PATTERN.source },
  }),
);

const DeadlineKindSchema = Schema.Literal("ledger-report", "summary-report");

const DeadlineOwersSchema = Schema.Union(Schema.Literal("reporting-units"), Schema.Array(UnitKinds.schema));

const OneOffDeadlineSchema = Schema.Struct({
  id: CampaignId,
  kind: DeadlineKindSchema,
  due: LocalDate,
  title: BilingualName,
  owedBy: DeadlineOwersSchema,
  receivedBy: UnitKinds.schema,
}).annotations({ identifier: "OneOffDeadline", description: "一次性报送期限 / one-off deadline" });

const MonthlyDeadlineSchema = Schema.Struct({
  id: CampaignId,
  kind: DeadlineKindSchema,
  dayOfMonth: IntBetween(1, 31),
  firstMonth: Month,
  lastMonth: optionalField(Month),
  title: BilingualName,
  owedBy: DeadlineOwersSchema,
  receivedBy: UnitKinds.schema,
}).pipe(
  Schema.filter((m) => m.lastMonth === undefined || m.lastMonth >= m.firstMonth, {
    ...bilingualMessage("每月期限的截止月份不能早于起始月份", "a monthly deadline's last month cannot be before its first month"),
    jsonSchema: {},
  }),
  Schema.annotations({ identifier: "MonthlyDeadline", description: "每月报送期限 / monthly deadline" }),
);

const checkHead = { id: CampaignId, title: BilingualName };

const PhaseCheckSchema = Schema.Union(
  Schema.Struct({ ...checkHead, kind: Schema.Literal("deadlines-submitted"), deadlineKind: DeadlineKindSchema }),
  Schema.Struct({ ...checkHead, kind: Schema.Literal("disputes-graded") }),
  Schema.Struct({ ...checkHead, kind: Schema.Literal("disputes-assigned") }),
  Schema.Struct({ ...checkHead, kind: Schema.Literal("open-disputes-have-responsible-person") }),
  Schema.Struct({ ...checkHead, kind: Schema.Literal("open-disputes-have-measure") }),
  Schema.Struct({ ...checkHead, kind: Schema.Literal("active-listings-have-measures") }),
).annotations({ identifier: "PhaseCheck", description: "阶段检查项 / phase check" });

const CampaignPhaseSchema = Schema.Struct({
  id: CampaignId,
  name: BilingualName,
  start: LocalDate,
  end: LocalDate,
  checks: Schema.Array(PhaseCheckSchema),
  note: optionalField(Schema.Struct({ zh: Text(2000), en: Text(2000) })),
}).pipe(
  Schema.filter((p) => p.start <= p.end, {
    ...bilingualMessage("阶段的结束日期不能早于开始日期", "a phase cannot end before it starts"),
    jsonSchema: {},
  }),
  Schema.annotations({ identifier: "CampaignPhase", description: "专项治理阶段 / campaign phase" }),
);

const Phases = Schema.Array(CampaignPhaseSchema).pipe(
  Schema.filter((phases) => phases.length >= 1, {
    ...bilingualMessage("专项治理至少应有一个阶段", "a campaign needs at least one phase"),
    jsonSchema: { minItems: 1 },
  }),
  Schema.filter((phases) => phases.every((p, i) => i === 0 || p.start > phases[i - 1]!.end), {
    ...bilingualMessage("各阶段应按时间顺序排列，且不能重叠", "phases must be in order of time and must not overlap"),
    jsonSchema: {},
  }),
);

const CampaignFields = Schema.Struct({
  id: CampaignId,
  name: BilingualName,
  phases: Phases,
  oneOffDeadlines: Schema.Array(OneOffDeadlineSchema),
  monthlyDeadlines: Schema.Array(MonthlyDeadlineSchema),
  reportingUnitKinds: Schema.Array(UnitKinds.schema),
  routineFrom: LocalDate,
  source: optionalField(Schema.Struct({ zh: Text(2000), en: Text(2000) })),
});

/**
 * The JSON form of a {@link Campaign}: dates are `YYYY-MM-DD` strings.
 *
 * @example
 * ```ts
 * import { encode, Campaign, type CampaignJson, zixi2025 } from "@tiaojie/core";
 *
 * const json = encode(Campaign, zixi2025);
 * if (json.ok) { const data: CampaignJson = json.value; }
 * ```
 * @since 0.1.0
 */
export interface CampaignJson extends Schema.Schema.Encoded<typeof CampaignFields> {}

/**
 * The schema of a {@link Campaign}, so that a campaign supplied by a user (a
 * county's own plan, as JSON) decodes with bilingual errors. Besides the shape of
 * every field it checks that there is at least one phase, that each phase ends on
 * or after its start, that the phases are in order of time and do not overlap,
 * that routine governance begins after the last phase, that monthly deadlines
 * have a day 1–31 and months written `YYYY-MM` (the last not before the first).
 *
 * Gaps between phases, routine beginning later than the day after the last
 * phase, and repeated ids decode: {@link checkCampaign} reports them, as it
 * reports every problem of a campaign built in code.
 *
 * @example
 * ```ts
 * import { decode, Campaign, checkCampaign } from "@tiaojie/core";
 *
 * const parsed = decode(Campaign, JSON.parse(text));
 * if (!parsed.ok) console.error(parsed.error.issues); // path, zh, en
 * else if (checkCampaign(parsed.value).length === 0) use(parsed.value);
 * ```
 * @since 0.1.0
 */
export const Campaign: Schema.Schema<Campaign, CampaignJson> = CampaignFields.pipe(
  Schema.filter((c) => c.phases.length === 0 || c.routineFrom > c.phases[c.phases.length - 1]!.end, {
    ...bilingualMessage("常态化治理应在最后一个阶段结束之后开始", "routine governance must begin after the last phase ends"),
    jsonSchema: {},
  }),
  Schema.annotations({ identifier: "Campaign", description: "专项治理 / campaign" }),
);

/**
 * A problem with a campaign's definition.
 *
 * @example
 * ```ts
 * const problems: ReadonlyArray<CampaignProblem> = checkCampaign(campaign);
 * ```
 * @since 0.1.0
 */
export interface CampaignProblem
  extends Problem<"no-phases" | "phase-reversed" | "phase-gap-or-overlap" | "routine-not-after-phases" | "bad-monthly-deadline" | "duplicate-id"> {}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Checks that a campaign is well formed: at least one phase; each phase ends on
 * or after its start; each phase starts the day after the previous one ends (no
 * gap, no overlap); routine begins the day after the last phase; monthly
 * deadlines have a day 1–31 and months written `YYYY-MM`; ids are unique. An
 * empty list means the campaign is sound.
 *
 * @example
 * ```ts
 * import { checkCampaign, zixi2025 } from "@tiaojie/core";
 *
 * checkCampaign(zixi2025); // []
 * ```
 * @since 0.1.0
 */
export const checkCampaign = (campaign: Campaign): ReadonlyArray<CampaignProblem> => {
  const problems: Array<CampaignProblem> = [];
  const add = (code: CampaignProblem["code"], path: IssuePath, zh: string, en: string) => problems.push({ code, path, zh, en });
  if (campaign.phases.length === 0) add("no-phases", ["phases"], "专项治理至少应有一个阶段", "a campaign needs at least one phase");
  campaign.phases.forEach((p, i) => {
    if (p.end < p.start) add("phase-reversed", ["phases", i, "end"], `阶段 ${p.id} 的结束日期早于开始日期`, `phase ${p.id} ends before it starts`);
    const prev = campaign.phases[i - 1];
    if (prev && p.start !== plusDays(prev.end, 1)) {
      add("phase-gap-or-overlap", ["phases", i, "start"], `阶段 ${p.id} 应紧接上一阶段开始`, `phase ${p.id} must start the day after phase ${prev.id} ends`);
    }
  });
  const last = campaign.phases.at(-1);
  if (last && campaign.routineFrom !== plusDays(last.end, 1)) {
    add("routine-not-after-phases", ["routineFrom"], "常态化治理应在最后一个阶段结束次日开始", "routine governance must begin the day after the last phase");
  }
  campaign.monthlyDeadlines.forEach((m, i) => {
    const dayOk = Number.isInteger(m.dayOfMonth) && m.dayOfMonth >= 1 && m.dayOfMonth <= 31;
    const monthsOk = MONTH.test(m.firstMonth) && (m.lastMonth === undefined || (MONTH.test(m.lastMonth) && m.lastMonth >= m.firstMonth));
    if (!dayOk || !monthsOk) add("bad-monthly-deadline", ["monthlyDeadlines", i], `每月期限 ${m.id} 的日期或月份有误`, `monthly deadline ${m.id} has a bad day or month`);
  });
  const ids: Array<readonly [string, IssuePath]> = [
    ...campaign.phases.map((p, i) => [p.id, ["phases", i, "id"]] as const),
    ...campaign.oneOffDeadlines.map((d, i) => [d.id, ["oneOffDeadlines", i, "id"]] as const),
    ...campaign.monthlyDeadlines.map((d, i) => [d.id, ["monthlyDeadlines", i, "id"]] as const),
  ];
  const seen = new Set<string>();
  for (const [id, path] of ids) {
    if (seen.has(id)) add("duplicate-id", path, `编号 ${id} 重复`, `id ${id} is used twice`);
    seen.add(id);
  }
  return problems;
};
