import type { CountyCode } from "../model/county-code.js";
import type { Dispute, DisputeJson } from "../model/dispute.js";
import type { DivisionCode } from "../model/division-code.js";
import { identityCheckCharacter } from "../model/identity-number.js";
import { isValidCalendarDay, type LocalDate } from "../model/local-date.js";
import type { Person, PersonJson } from "../model/person.js";
import type { Unit, UnitJson } from "../model/unit.js";
import type { Interval } from "../calendar/local-dates.js";
import { zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import type { Listing, ListingJson } from "../support/listing.js";
import { criterionOf } from "../support/support-criteria.js";
import { CrisisIndicators, HardshipIndicators, type ResidenceRegistration } from "../support/support-facts.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import type { PartyRole } from "../taxonomy/party-roles.js";
import type { PetitionLevel } from "../taxonomy/petition-levels.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import { eraOf, FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from "./chinese-names.js";
import {
  COUNTIES,
  MAJOR_PROJECTS,
  TOWN_FIRST,
  TOWN_SECOND,
  TRADE_FIRST,
  TRADE_SECOND,
  VILLAGE_CORE,
  VILLAGE_PREFIX,
  VILLAGE_TAIL,
} from "./place-names.js";
import { SeededRandom, weighted } from "./seeded-random.js";
import { expandTemplates, SUMMARY_TEMPLATES, UNPAID_COMPENSATION_TEMPLATES } from "./summaries.js";

/**
 * A village-level division of a sample town: a villagers' committee (村, code part
 * 200–399) or a residents' committee (社区, 001–199).
 *
 * @example
 * ```ts
 * import { sampleTown } from "@tiaojie/core/testing";
 *
 * const [first] = sampleTown(7).villages;
 * first?.kind; // "community" or "village"
 * ```
 * @since 0.1.0
 */
export interface SampleVillage {
  readonly code: DivisionCode;
  /** The full name, ending in 村 or 社区, e.g. 龙潭村. */
  readonly name: string;
  readonly kind: "village" | "community";
}

/**
 * A synthetic township made by {@link sampleTown}: its divisions, units, residents
 * and a ledger of disputes. Every record decodes with the core's schemas.
 *
 * @example
 * ```ts
 * import { sampleTown } from "@tiaojie/core/testing";
 *
 * const town = sampleTown(2025);
 * town.township.name; // an invented town name ending in 镇
 * town.disputes.length; // 200
 * ```
 * @since 0.1.0
 */
export interface SampleTown {
  /** The seed the town was made from. */
  readonly seed: number;
  /** The county-level division the town lies in (one of Chuxiong prefecture's). */
  readonly county: CountyCode;
  /** The county's name, e.g. 楚雄市. */
  readonly countyName: string;
  /** The town: a township-level code whose township part is 100–199 (a 镇). */
  readonly township: { readonly code: DivisionCode; readonly name: string };
  /** The villages and communities, in code order (communities first). */
  readonly villages: ReadonlyArray<SampleVillage>;
  /**
   * The township units the Zixi plan names, the township leadership and the
   * governance centre, one committee per village or community, and the city (or
   * county) political-legal committee at the county's code.
   */
  readonly units: ReadonlyArray<Unit>;
  /** The residents, each living in one of the villages. */
  readonly persons: ReadonlyArray<Person>;
  /** The ledger, in the order of reporting (ids follow the dates). */
  readonly disputes: ReadonlyArray<Dispute>;
  /**
   * Support listings of residents, each with a dated history as recorded by the
   * last day of the period: reviews on or a little before their due days, some
   * missed reviews (a lapse), some removals and early ends, and ends by the basis
   * rule, each event with its actor (an officer of the lead unit; lapses and ends
   * by rule are recorded by the peace and rule-of-law office's settlement).
   * @since 0.2.0
   */
  readonly listings: ReadonlyArray<Listing>;
  /** The first and last day disputes may be reported on (both inclusive). */
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
}

/**
 * The size and period of a sample town.
 *
 * @example
 * ```ts
 * import { sampleTown } from "@tiaojie/core/testing";
 *
 * sampleTown(1, { villages: 4, persons: 50, disputes: 20, from: "2025-01-01" as LocalDate, months: 3 });
 * ```
 * @since 0.1.0
 */
export interface SampleTownOptions {
  /**
   * How many villages and communities (1–399); about one in eight is a community.
   * @default 12
   */
  readonly villages?: number;
  /**
   * How many residents (0–1,000,000; at least 1 when there are disputes).
   * @default 400
   */
  readonly persons?: number;
  /**
   * How many disputes (0–100,000,000).
   * @default 200
   */
  readonly disputes?: number;
  /**
   * How many support listings (0–1,000,000; at least 1 person when there are any).
   * @default one for every 16 residents, rounded up (25 for 400)
   * @since 0.2.0
   */
  readonly listings?: number;
  /**
   * The first day of the period in which disputes are reported.
   * @default "2024-11-01"
   */
  readonly from?: LocalDate;
  /**
   * How many months the period lasts (1–1200): disputes are spread over them, more
   * in the first month (the full sweep) and fewer on weekends.
   * @default 7
   */
  readonly months?: number;
}

// ---------------------------------------------------------------------------
// Distributions. Weights are whole numbers, roughly per cent or per mille.
// ---------------------------------------------------------------------------

/** Domains: neighbours and family most common, petition matters and land requisition rare. */
const DOMAINS = weighted<DisputeDomain>([
  ["neighbourhood", 28],
  ["marriage-family", 24],
  ["forest-land", 12],
  ["unpaid-debts-wages", 9],
  ["economic-financial", 8],
  ["other", 7],
  ["in-legal-proceedings", 4],
  ["medical", 3],
  ["land-requisition", 3],
  ["petition", 2],
]);

/** How heated: mostly calm or mildly upset. */
const INTENSITY = weighted<0 | 1 | 2 | 3>([
  [0, 45],
  [1, 38],
  [2, 13],
  [3, 4],
]);

/** Failed mediations: most disputes have none yet. */
const FAILED_MEDIATIONS = weighted([
  [0, 78],
  [1, 14],
  [2, 5],
  [3, 2],
  [4, 1],
]);
/** Disputes already in court or in the petition system have more behind them. */
const FAILED_MEDIATIONS_LONG = weighted([
  [0, 50],
  [1, 28],
  [2, 12],
  [3, 6],
  [4, 3],
  [5, 1],
]);

const PETITION_COUNTS = weighted([
  [1, 50],
  [2, 24],
  [3, 12],
  [4, 6],
  [5, 4],
  [6, 2],
  [8, 1],
  [12, 1],
]);

const PETITION_LEVELS = weighted<PetitionLevel>([
  ["township", 45],
  ["county", 33],
  ["prefecture", 14],
  ["province", 6],
  ["national", 2],
]);

/** Birth decades of residents (an ageing rural population), 1940–2006. */
const BIRTH_DECADES = weighted<readonly [number, number]>([
  [[1940, 1949], 8],
  [[1950, 1959], 14],
  [[1960, 1969], 20],
  [[1970, 1979], 20],
  [[1980, 1989], 17],
  [[1990, 1999], 13],
  [[2000, 2006], 8],
]);

const SURNAME_TABLE = weighted(SURNAMES);

/** Mobile number prefixes of the three carriers (first three digits). */
const MOBILE_PREFIXES: ReadonlyArray<string> = [
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153",
  "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "186", "187",
  "188", "189", "191", "198", "199",
];

/** Per-domain facts: the chance of each flag and the range of the amount at stake. */
interface DomainProfile {
  readonly threat: number;
  readonly selfHarm: number;
  readonly violentHistory: number;
  readonly vulnerable: number;
  /** Chance that no money is in dispute. */
  readonly noMoney: number;
  readonly minAmount: number;
  readonly maxAmount: number;
  /** Chance that petition facts are recorded. */
  readonly petition: number;
}

const PROFILES: Readonly<Record<DisputeDomain, DomainProfile>> = {
  neighbourhood: { threat: 0.035, selfHarm: 0.005, violentHistory: 0.02, vulnerable: 0.1, noMoney: 0.7, minAmount: 200, maxAmount: 30_000, petition: 0.02 },
  "marriage-family": { threat: 0.04, selfHarm: 0.02, violentHistory: 0.03, vulnerable: 0.2, noMoney: 0.55, minAmount: 2_000, maxAmount: 400_000, petition: 0.02 },
  "economic-financial": { threat: 0.02, selfHarm: 0.008, violentHistory: 0.01, vulnerable: 0.06, noMoney: 0.02, minAmount: 3_000, maxAmount: 3_000_000, petition: 0.03 },
  "unpaid-debts-wages": { threat: 0.03, selfHarm: 0.01, violentHistory: 0.01, vulnerable: 0.08, noMoney: 0, minAmount: 2_000, maxAmount: 800_000, petition: 0.05 },
  "land-requisition": { threat: 0.05, selfHarm: 0.01, violentHistory: 0.01, vulnerable: 0.1, noMoney: 0.1, minAmount: 20_000, maxAmount: 5_000_000, petition: 0.3 },
  medical: { threat: 0.02, selfHarm: 0.01, violentHistory: 0.005, vulnerable: 0.3, noMoney: 0.2, minAmount: 1_000, maxAmount: 300_000, petition: 0.05 },
  "forest-land": { threat: 0.04, selfHarm: 0.005, violentHistory: 0.02, vulnerable: 0.05, noMoney: 0.45, minAmount: 1_000, maxAmount: 200_000, petition: 0.04 },
  "in-legal-proceedings": { threat: 0.02, selfHarm: 0.01, violentHistory: 0.02, vulnerable: 0.08, noMoney: 0.15, minAmount: 5_000, maxAmount: 1_000_000, petition: 0.2 },
  petition: { threat: 0.01, selfHarm: 0.015, violentHistory: 0.005, vulnerable: 0.15, noMoney: 0.7, minAmount: 1_000, maxAmount: 200_000, petition: 1 },
  other: { threat: 0.015, selfHarm: 0.003, violentHistory: 0.01, vulnerable: 0.08, noMoney: 0.6, minAmount: 300, maxAmount: 50_000, petition: 0.01 },
};

/** Share of land-requisition disputes about unpaid compensation of a completed major project. */
const UNPAID_COMPENSATION_SHARE = 0.3;
/** Share of residents with an identity number on record. */
const IDENTITY_SHARE = 0.8;
/**
 * Share of those whose number is a foreigner's permanent-residence number (2023
 * version): spouses from the neighbouring countries, settled in the town.
 */
const FOREIGN_RESIDENT_SHARE = 0.01;
/** Their nationalities, as ISO 3166-1 numeric codes: Myanmar, Laos, Vietnam. */
const NEIGHBOUR_NATIONALITIES = ["104", "418", "704"] as const;

// ---------------------------------------------------------------------------
// Summaries are expanded once and shared by every town: a dispute holds a
// reference to one of these strings.
// ---------------------------------------------------------------------------

let summaryPools: Readonly<Record<DisputeDomain, ReadonlyArray<string>>> | undefined;
let unpaidPool: ReadonlyArray<string> | undefined;
const summariesFor = (domain: DisputeDomain): ReadonlyArray<string> => {
  summaryPools ??= Object.fromEntries(
    Object.entries(SUMMARY_TEMPLATES).map(([d, templates]) => [d, expandTemplates(templates)]),
  ) as Record<DisputeDomain, ReadonlyArray<string>>;
  return summaryPools[domain];
};
const unpaidSummaries = (): ReadonlyArray<string> => (unpaidPool ??= expandTemplates(UNPAID_COMPENSATION_TEMPLATES));

// ---------------------------------------------------------------------------
// Dates, as day numbers since 1970-01-01 (UTC arithmetic; no host time zone).
// ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const dayString = (day: number): string => {
  const date = new Date(day * DAY_MS);
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
};
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const addMonths = (y: number, m: number, d: number, months: number): number => {
  const index = m - 1 + months;
  const y2 = y + Math.floor(index / 12);
  const m2 = (index % 12) + 1;
  return dayNumber(y2, m2, Math.min(d, daysInMonth(y2, m2)));
};

const parseDate = (s: string): readonly [number, number, number] | undefined => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2199 && isValidCalendarDay(y, mo, d) ? [y, mo, d] : undefined;
};

// ---------------------------------------------------------------------------
// Options.
// ---------------------------------------------------------------------------

const wholeNumber = (name: string, value: number, min: number, max: number): number => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`sampleTown: ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
};

/** The records are built from trusted parts; the tests decode every one of them. */
const trusted = <T>(value: unknown): T => value as T;

const CHINESE_DIGITS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

/** Short romanised ids of the township units, in the order the plan names them. */
const TOWNSHIP_UNITS: ReadonlyArray<readonly [UnitKind, string, string]> = [
  ["police-station", "pcs", "派出所"],
  ["justice-office", "sfs", "司法所"],
  ["peace-rule-of-law-office", "pafzb", "平安法治办"],
  ["economic-development-office", "jjfzb", "经济发展办"],
  ["social-affairs-office", "shswb", "社会事务办"],
  ["party-service-centre", "dqfwzx", "党群服务中心"],
  ["agriculture-rural-centre", "nyncfwzx", "农业农村发展服务中心"],
  ["natural-resources-office", "zrzys", "自然资源所"],
  ["market-regulation-office", "scjgs", "市场监管所"],
  ["central-school", "zxxx", "中心学校"],
  ["health-centre", "wsy", "卫生院"],
  ["governance-centre", "zzzx", "综治中心"],
];

// ---------------------------------------------------------------------------
// Support listings.
// ---------------------------------------------------------------------------

/** Categories: hardship and migrant residents most common, high-risk petitioners rare. */
const CATEGORIES = weighted<SupportCategory>([
  [1, 10],
  [2, 12],
  [3, 14],
  [4, 4],
  [5, 32],
  [6, 28],
]);
const GRADES = weighted<0 | 1 | 2 | 3 | 4 | 5>([
  [0, 40],
  [1, 25],
  [2, 15],
  [3, 10],
  [4, 6],
  [5, 4],
]);
const REGISTRATIONS = weighted<ResidenceRegistration>([
  ["registered", 55],
  ["applied", 20],
  ["unregistered", 25],
]);
/** Chance that a due review is done (on its day or up to three weeks before); otherwise it is missed. */
const REVIEW_DONE = 0.85;
const REMOVAL = 0.08;
const EARLY_END = 0.05;
const REMOVAL_REASONS = ["已迁出本镇", "经复核不符合认定条件，予以撤销", "重复登记，予以撤销"] as const;
const EARLY_END_REASONS: Readonly<Record<SupportCategory, string>> = {
  1: "经卫生院评估，转入常规随访管理",
  2: "社区矫正依法解除",
  3: "经评估危机已解除",
  4: "经评估现实危险已消除",
  5: "困难已解决，帮扶目标已实现",
  6: "居住登记已办结，信息齐全",
};
/** The township unit (short id, kind) that leads each category, before the village committee. */
const LEAD_UNIT: Readonly<Record<SupportCategory, readonly [string, UnitKind]>> = {
  1: ["wsy", "health-centre"],
  2: ["sfs", "justice-office"],
  3: ["shswb", "social-affairs-office"],
  4: ["pafzb", "peace-rule-of-law-office"],
  5: ["shswb", "social-affairs-office"],
  6: ["pcs", "police-station"],
};
const FIRST_DAY_NO = Date.UTC(1900, 0, 1) / 86_400_000;
const LAST_DAY_NO = Date.UTC(2199, 11, 31) / 86_400_000;

interface ListingContext {
  readonly persons: ReadonlyArray<PersonJson>;
  readonly villages: ReadonlyArray<SampleVillage>;
  readonly townCode: string;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly maleGiven: ReadonlyArray<ReadonlyArray<string>>;
  readonly femaleGiven: ReadonlyArray<ReadonlyArray<string>>;
}

type ActorJson = ListingJson["history"][number]["actor"];
type EventJson = ListingJson["history"][number];

/**
 * Listings with their histories, as recorded by the last day of the period: the
 * opening by an officer of the lead unit, reviews, a lapse where a review is
 * missed, a removal or an early end by a person with a reason, and the end the
 * day after the basis period, recorded by settlement.
 */
const makeListings = (r: SeededRandom, count: number, ctx: ListingContext): Array<ListingJson> => {
  const officers = new Map<string, ActorJson>();
  const officer = (unitShort: string, role: ActorJson["role"], scope: string): ActorJson => {
    let found = officers.get(unitShort);
    if (!found) {
      const year = r.int(1965, 1998);
      const given = (r.chance(0.5) ? ctx.maleGiven : ctx.femaleGiven)[eraOf(year)]!;
      const name = SURNAME_TABLE.draw(r) + r.pick(given) + (r.chance(0.7) ? r.pick(given) : "");
      found = { officerId: `${unitShort}-${String(officers.size + 1).padStart(3, "0")}`, name, unit: `u-${unitShort}`, role, scope };
      officers.set(unitShort, found);
    }
    return found;
  };
  const settler = (): ActorJson => officer("pafzb", "coordinator", ctx.townCode);
  const plus = (day: number, i: Interval): number => {
    if ("days" in i) return day + i.days;
    const d = new Date(day * DAY_MS);
    return addMonths(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), i.months);
  };
  const width = Math.max(4, String(count).length);
  const out: Array<ListingJson> = new Array(count);
  for (let i = 0; i < count; i++) {
    const person = ctx.persons[r.below(ctx.persons.length)]!;
    const category = CATEGORIES.draw(r);
    const criterion = criterionOf(zixiSupportCriteria, category);
    const every = criterion.reviewEvery;
    const start = r.int(Math.min(ctx.lastDay, Math.max(FIRST_DAY_NO, ctx.firstDay - 300)), ctx.lastDay);
    /** A day up to `max` days before the start, never before 1900. */
    const before = (max: number): number => start - r.int(0, Math.min(max, start - FIRST_DAY_NO));
    const village = ctx.villages.find((v) => v.code === person.jurisdiction)!;
    const committee = `${village.kind === "community" ? "c" : "v"}${village.code.slice(9)}`;
    const [leadShort, leadKind] = LEAD_UNIT[category];
    const byCommittee = (category === 3 || category === 6) && r.chance(0.4);
    const lead = byCommittee
      ? officer(committee, "village-committee", village.code)
      : officer(leadShort, leadKind === "peace-rule-of-law-office" ? "coordinator" : "unit-officer", ctx.townCode);
    const assessedOn = dayString(before(10));

    let basisEnd = plus(start, criterion.listingPeriod);
    let details: ListingJson["details"];
    let evidence: ListingJson["evidence"];
    switch (category) {
      case 1: {
        const grade = GRADES.draw(r);
        details = { kind: "mental-health", confirmedBy: "health-centre", confirmedOn: assessedOn, dangerousnessGrade: grade };
        evidence = { text: `卫生院确认，危险性评估 ${grade} 级`, assessedBy: "卫生院", assessedOn };
        break;
      }
      case 2: {
        if (r.chance(0.6)) {
          const released = before(1400);
          basisEnd = plus(released, criterionOf(zixiSupportCriteria, 2).parameters.resettlementPeriod);
          const recordedBy = `司法所${lead.name}`;
          details = { kind: "correction", correction: { kind: "released", releasedOn: dayString(released), recordedBy, recordedOn: assessedOn } };
          evidence = { text: `${dayString(released)} 刑满释放，安置帮教期至 ${dayString(basisEnd)}`, assessedBy: recordedBy, assessedOn };
        } else {
          const from = before(200);
          basisEnd = Math.max(start, from + r.int(180, 1500));
          const recordedBy = `司法所${lead.name}`;
          details = { kind: "correction", correction: { kind: "community-correction", startsOn: dayString(from), endsOn: dayString(basisEnd), recordedBy, recordedOn: assessedOn } };
          evidence = { text: `社区矫正期至 ${dayString(basisEnd)}`, assessedBy: recordedBy, assessedOn };
        }
        break;
      }
      case 3: {
        const indicators = [...new Set([r.pick(CrisisIndicators.codes), r.pick(CrisisIndicators.codes)])];
        details = { kind: "crisis", assessedBy: lead.name, profession: r.pick(["社工", "心理咨询师", "医生"]), assessedOn, indicators };
        evidence = { text: `评估发现：${indicators.map((c) => CrisisIndicators.label(c)).join("、")}`, assessedBy: lead.name, assessedOn };
        break;
      }
      case 4: {
        const record = r.pick(["扬言报复，接警记录存档", "扬言伤害对方当事人，出警记录存档"]);
        details = { kind: "threat", threats: [{ kind: "violence", documentedBy: "派出所民警", documentedOn: assessedOn, record }] };
        evidence = { text: record, assessedBy: "派出所民警", assessedOn };
        break;
      }
      case 5: {
        const indicators = [...new Set([r.pick(HardshipIndicators.codes), r.pick(HardshipIndicators.codes)])];
        details = { kind: "hardship", indicators, assessedBy: lead.name, assessedOn };
        evidence = { text: `困难情形：${indicators.map((c) => HardshipIndicators.label(c)).join("、")}`, assessedBy: lead.name, assessedOn };
        break;
      }
      case 6: {
        const registration = REGISTRATIONS.draw(r);
        details = {
          kind: "residence",
          householdRegisteredElsewhere: true,
          registration,
          ...(r.chance(0.7) ? { housing: r.pick(["出租房", "单位宿舍", "自建房"]) } : {}),
          ...(r.chance(0.5) ? { employer: r.pick(["个体经营", "紫溪茶厂", "建筑工地务工"]) } : {}),
          recordedBy: lead.name,
          recordedOn: assessedOn,
        };
        evidence = { text: "户籍在外地、在本辖区居住", assessedBy: lead.name, assessedOn };
        break;
      }
    }
    basisEnd = Math.min(basisEnd, LAST_DAY_NO);

    // The history, as recorded by the last day of the period.
    const end = ctx.lastDay;
    let next = Math.min(plus(start, every), basisEnd);
    const history: Array<EventJson> = [{ kind: "opened", on: dayString(start), actor: lead, nextReviewOn: dayString(next) }];
    let last = start;
    let lapsed = false;
    const lapse = (): void => {
      if (lapsed || next >= basisEnd) return;
      history.push({ kind: "lapsed", on: dayString(next + 1), actor: settler(), reason: { rule: "missed-review" } });
      last = next + 1;
      lapsed = true;
    };
    const closing = r.chance(REMOVAL) ? "removed" : r.chance(EARLY_END) ? "ended" : undefined;
    const closeOn = closing === undefined ? undefined : r.int(start, Math.min(basisEnd, end));
    while (next < basisEnd && next < end && (closeOn === undefined || next < closeOn)) {
      if (!r.chance(REVIEW_DONE)) {
        if (next + 1 <= end) lapse();
        break;
      }
      const on = r.int(Math.max(last, next - 20), next);
      const following = Math.min(plus(on, every), basisEnd);
      if (plus(on, every) > LAST_DAY_NO) break;
      history.push({ kind: "reviewed", on: dayString(on), actor: lead, nextReviewOn: dayString(following) });
      last = on;
      next = following;
    }
    if (closing !== undefined && closeOn !== undefined && closeOn >= last) {
      // A missed review is recorded before the closing that follows it.
      if (next + 1 <= closeOn) lapse();
      const text = closing === "removed" ? r.pick(REMOVAL_REASONS) : EARLY_END_REASONS[category];
      history.push(
        closing === "removed"
          ? { kind: "removed", on: dayString(closeOn), actor: lead, reason: { text } }
          : { kind: "ended", on: dayString(closeOn), actor: lead, reason: { text } },
      );
    } else if (basisEnd + 1 <= end && basisEnd < LAST_DAY_NO) {
      lapse();
      history.push({ kind: "ended", on: dayString(basisEnd + 1), actor: settler(), reason: { rule: "basis-ended" } });
    }

    out[i] = {
      id: `l-${String(i + 1).padStart(width, "0")}`,
      person: person.id,
      jurisdiction: person.jurisdiction,
      category,
      lawfulBasis: criterion.lawfulBasis.zh,
      evidence,
      responsibleUnit: lead.unit,
      responsiblePerson: lead.name,
      basisEndsOn: dayString(basisEnd),
      details,
      history,
    };
  }
  return out;
};

/**
 * Makes a realistic synthetic township from a seed: a town (镇) in a county of
 * Chuxiong prefecture, Yunnan, with villages and communities, the units the Zixi
 * plan names, residents with Chinese names, identity numbers (about 80%: GB 11643
 * citizen numbers, and about 1 in 100 of them a foreigner's permanent-residence
 * number of a spouse from Myanmar, Laos or Vietnam) and mobile numbers, and a ledger of disputes spread over a period. The same seed
 * and options always give a deep-equal town; different seeds give different towns.
 *
 * Distributions, roughly: domains neighbours 28%, marriage and family 24%, forest
 * and land 12%, unpaid debts and wages 9%, economic 8%, other 7%, in legal
 * proceedings 4%, medical 3%, land requisition 3%, petition matters 2%. Most
 * disputes are calm (emotional intensity 0–1 in 83%), threats of violence about 3%
 * and self-harm risk about 1%, a mediation already failed in about 20%, a few
 * amounts above one million yuan, unpaid major-project land compensation only in
 * land requisition (30% of those). Petition facts appear on about 5% of disputes,
 * as neutral metadata drawn independently of every risk fact.
 *
 * Generation is linear and light: a million disputes over 20,000 residents take a
 * couple of seconds. Summaries, dates, codes and party records are shared strings
 * and objects, so treat the result as read-only.
 *
 * @param seed - any safe integer.
 * @throws RangeError when the seed or an option is out of range.
 * @example
 * ```ts
 * import { decode, Dispute, encode } from "@tiaojie/core";
 * import { sampleTown } from "@tiaojie/core/testing";
 *
 * const town = sampleTown(42, { villages: 8, persons: 120, disputes: 60 });
 * const json = encode(Dispute, town.disputes[0]!);
 * json.ok && decode(Dispute, json.value).ok; // true
 * ```
 * @since 0.1.0
 */
export const sampleTown = (seed: number, options: SampleTownOptions = {}): SampleTown => {
  const root = SeededRandom.fromSeed(seed);
  const villageCount = wholeNumber("villages", options.villages ?? 12, 1, 399);
  const personCount = wholeNumber("persons", options.persons ?? 400, 0, 1_000_000);
  const disputeCount = wholeNumber("disputes", options.disputes ?? 200, 0, 100_000_000);
  const months = wholeNumber("months", options.months ?? 7, 1, 1200);
  const listingCount = wholeNumber("listings", options.listings ?? Math.ceil(personCount / 16), 0, 1_000_000);
  if (disputeCount > 0 && personCount === 0) throw new RangeError("sampleTown: disputes need at least one person");
  if (listingCount > 0 && personCount === 0) throw new RangeError("sampleTown: listings need at least one person");
  const fromText = options.from ?? "2024-11-01";
  const fromParts = parseDate(fromText);
  if (!fromParts) throw new RangeError(`sampleTown: from must be a date written YYYY-MM-DD, got ${fromText}`);
  const firstDay = dayNumber(...fromParts);
  const endDay = addMonths(...fromParts, months); // exclusive
  const lastDay = endDay - 1;
  if (dayString(lastDay) > "2199-12-31") throw new RangeError("sampleTown: the period must end by 2199-12-31");

  // Independent streams: asking for more disputes does not change the town or its people.
  const townRandom = root.stream();
  const personRandom = root.stream();
  const disputeRandom = root.stream();
  const listingRandom = root.stream();
  // Drawn last, so that the town, its people and its disputes stay as they were before it.
  const foreignRandom = root.stream();

  // --- The town and its villages ---------------------------------------------
  const county = townRandom.pick(COUNTIES);
  let townBase: string;
  do townBase = townRandom.pick([...TOWN_FIRST]) + townRandom.pick([...TOWN_SECOND]);
  while (townBase[0] === townBase[1]);
  const townName = `${townBase}镇`;
  const townCode = `${county.code}${townRandom.int(100, 199)}000`;

  const communityCount = Math.min(199, Math.max(Math.floor((villageCount + 4) / 8), villageCount - 200));
  const usedBases = new Set<string>([townBase]);
  const villageBase = (first: boolean): string => {
    // The seat community usually carries the town's name.
    if (first) return townBase;
    for (;;) {
      const prefix = townRandom.chance(0.3) ? townRandom.pick([...VILLAGE_PREFIX]) : "";
      const base = prefix + townRandom.pick([...VILLAGE_CORE]) + townRandom.pick([...VILLAGE_TAIL]);
      if (!usedBases.has(base)) {
        usedBases.add(base);
        return base;
      }
    }
  };
  const villageBases: Array<string> = [];
  const villages: Array<SampleVillage> = [];
  const villageWeights: Array<readonly [number, number]> = [];
  for (let i = 0; i < villageCount; i++) {
    const community = i < communityCount;
    const base = villageBase(community && i === 0);
    const part = community ? i + 1 : 200 + i - communityCount;
    villageBases.push(base);
    villages.push({
      code: trusted<DivisionCode>(`${townCode.slice(0, 9)}${String(part).padStart(3, "0")}`),
      name: community ? `${base}社区` : `${base}村`,
      kind: community ? "community" : "village",
    });
    villageWeights.push([i, community ? townRandom.int(8, 16) : townRandom.int(3, 10)]);
  }
  const villageTable = weighted(villageWeights);

  // --- Units --------------------------------------------------------------------
  const countyWideCode = `${county.code}000000`;
  const unitJson: Array<UnitJson> = [
    { id: "u-dwzf", kind: "township-leadership", name: `中共${townName}委员会、${townName}人民政府`, jurisdiction: townCode },
    ...TOWNSHIP_UNITS.map(([kind, id, label]): UnitJson => ({
      id: `u-${id}`,
      kind,
      name: kind === "police-station" ? `${county.name}公安局${townBase}${label}` : `${townName}${label}`,
      jurisdiction: townCode,
    })),
    ...villages.map((v, i): UnitJson => ({
      id: `u-${v.kind === "community" ? "c" : "v"}${v.code.slice(9)}`,
      kind: v.kind === "community" ? "community-committee" : "village-committee",
      name: v.kind === "community" ? `${villageBases[i]}社区居民委员会` : `${villageBases[i]}村民委员会`,
      jurisdiction: v.code,
    })),
    { id: "u-zfw", kind: "city-political-legal-committee", name: `中共${county.name}委员会政法委员会`, jurisdiction: countyWideCode },
  ];

  // --- Organisations that appear as parties --------------------------------------
  const trade = (): string => townRandom.pick([...TRADE_FIRST]) + townRandom.pick([...TRADE_SECOND]);
  const anyVillageBase = (): string => townRandom.pick(villageBases);
  const wageOrgs = [
    `${county.name}${trade()}建筑工程有限公司`,
    `${townBase}${trade()}劳务有限公司`,
    `${anyVillageBase()}果蔬种植专业合作社`,
    `${townBase}${trade()}建材厂`,
    `${county.name}${trade()}建筑工程有限公司`,
  ];
  const economicOrgs = [
    `${townBase}${trade()}农资经销部`,
    `${county.name}${trade()}小额贷款有限公司`,
    `${anyVillageBase()}${trade()}养殖专业合作社`,
    `${townBase}${trade()}农机销售店`,
  ];
  const projectOrgs = MAJOR_PROJECTS.map((project) => `${county.name}${project}`);
  const medicalOrgs = [`${townName}卫生院`, `${townBase}${trade()}诊所`, `${townBase}${trade()}大药房`];
  const groupOrgs = villages.map((v) =>
    [0, 1, 2].map(() => `${v.name}第${townRandom.pick(CHINESE_DIGITS)}${v.kind === "community" ? "居民" : "村民"}小组`),
  );
  const clinicOrgs = villages.map((v) => (v.kind === "village" ? `${v.name}卫生室` : `${v.name}卫生服务站`));

  // --- Residents ----------------------------------------------------------------
  const personWidth = Math.max(4, String(personCount).length);
  const personJson: Array<PersonJson> = new Array(personCount);
  const personVillage = new Uint16Array(personCount);
  const villageMembers: Array<Array<number>> = villages.map(() => []);
  const usedIdentity = new Set<string>();
  const usedPhones = new Set<string>();
  const maleGiven = MALE_GIVEN.map((chars) => [...chars]);
  const femaleGiven = FEMALE_GIVEN.map((chars) => [...chars]);
  for (let i = 0; i < personCount; i++) {
    const r = personRandom;
    const v = villageTable.draw(r);
    const male = r.chance(0.5);
    const [lowYear, highYear] = BIRTH_DECADES.draw(r);
    const year = r.int(lowYear, highYear);
    const month = r.int(1, 12);
    const day = r.int(1, daysInMonth(year, month));
    const given = (male ? maleGiven : femaleGiven)[eraOf(year)]!;
    const name = SURNAME_TABLE.draw(r) + r.pick(given) + (r.chance(0.85) ? r.pick(given) : "");
    let identityNumber: string | undefined;
    if (r.chance(IDENTITY_SHARE)) {
      const born = `${county.code}${year}${pad2(month)}${pad2(day)}`;
      let first17: string;
      // Sequence 001–999, odd for men and even for women; unique within the town.
      do first17 = born + String(2 * r.int(0, 498) + (male ? 1 : 2)).padStart(3, "0");
      while (usedIdentity.has(first17));
      usedIdentity.add(first17);
      if (foreignRandom.chance(FOREIGN_RESIDENT_SHARE)) {
        // 9, the province, the nationality, then the same birth date and sequence.
        first17 = `9${county.code.slice(0, 2)}${foreignRandom.pick(NEIGHBOUR_NATIONALITIES)}${first17.slice(6)}`;
        usedIdentity.add(first17);
      }
      const check = identityCheckCharacter(first17);
      if (check.ok) identityNumber = first17 + check.value;
    }
    let phone: string | undefined;
    if (r.chance(year < 1955 ? 0.35 : 0.8)) {
      do phone = r.pick(MOBILE_PREFIXES) + String(r.int(0, 99_999_999)).padStart(8, "0");
      while (usedPhones.has(phone));
      usedPhones.add(phone);
    }
    const jurisdiction = villages[v]!.code;
    personJson[i] = {
      id: `p-${String(i + 1).padStart(personWidth, "0")}`,
      name,
      ...(identityNumber === undefined ? {} : { identityNumber }),
      jurisdiction,
      ...(phone === undefined ? {} : { contact: { phone } }),
    };
    personVillage[i] = v;
    villageMembers[v]!.push(i);
  }

  // --- Disputes -------------------------------------------------------------------
  // Day weights: weekdays 5, weekends 2; the first month (the full sweep) doubled.
  const dayCount = endDay - firstDay;
  const sweepEnd = addMonths(...fromParts, 1);
  const dayStrings: Array<string> = new Array(dayCount);
  const cumulative = new Float64Array(dayCount);
  let totalWeight = 0;
  for (let k = 0; k < dayCount; k++) {
    const day = firstDay + k;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    totalWeight += (weekday === 0 || weekday === 6 ? 2 : 5) * (day < sweepEnd ? 2 : 1);
    cumulative[k] = totalWeight;
    dayStrings[k] = dayString(day);
  }

  type PartyJson = DisputeJson["parties"][number];
  const personParties: Array<PartyJson | undefined> = new Array(personCount * 4);
  const ROLE_INDEX: Readonly<Record<PartyRole, number>> = { claimant: 0, respondent: 1, "third-party": 2, other: 3 };
  const personParty = (person: number, role: PartyRole): PartyJson => {
    const key = person * 4 + ROLE_INDEX[role];
    return (personParties[key] ??= { kind: "person", person: personJson[person]!.id, role });
  };
  const orgParties = new Map<string, PartyJson>();
  const orgParty = (name: string): PartyJson => {
    let party = orgParties.get(name);
    if (!party) {
      party = { kind: "organisation", name, role: "respondent" };
      orgParties.set(name, party);
    }
    return party;
  };

  const r = disputeRandom;
  // Scratch state of the dispute being made; its parties are copied to an exact-size array.
  const scratch: Array<PartyJson> = [];
  const used: Array<number> = [];
  let village = 0;
  let organisation = false;
  /** Adds another resident, from the same village with probability `local`, not yet a party. */
  const addPerson = (role: PartyRole, local: number): void => {
    const members = villageMembers[village]!;
    for (let attempt = 0; attempt < 6; attempt++) {
      const candidate = members.length > 1 && r.chance(local) ? r.pick(members) : r.below(personCount);
      if (!used.includes(candidate)) {
        used.push(candidate);
        scratch.push(personParty(candidate, role));
        return;
      }
    }
  };
  const addOrganisation = (name: string): void => {
    scratch.push(orgParty(name));
    organisation = true;
  };

  const disputeWidth = Math.max(6, String(disputeCount).length);
  const disputes: Array<DisputeJson> = new Array(disputeCount);
  let dayIndex = 0;
  for (let i = 0; i < disputeCount; i++) {
    // Stratified dates: the i-th dispute falls in the i-th slice of the period's weight.
    const target = ((i + r.unit()) / disputeCount) * totalWeight;
    while (dayIndex < dayCount - 1 && cumulative[dayIndex]! <= target) dayIndex++;

    const domain = DOMAINS.draw(r);
    const profile = PROFILES[domain];
    const claimant = r.below(personCount);
    village = personVillage[claimant]!;
    organisation = false;
    used.length = 0;
    used.push(claimant);
    scratch.length = 0;
    scratch.push(personParty(claimant, "claimant"));
    let crowd = 0; // people involved beyond the named persons
    const unpaidCompensation = domain === "land-requisition" && r.chance(UNPAID_COMPENSATION_SHARE);

    switch (domain) {
      case "neighbourhood":
        addPerson("respondent", 0.92);
        if (r.chance(0.1)) addPerson("third-party", 0.95);
        break;
      case "marriage-family":
        addPerson("respondent", 0.95);
        if (r.chance(0.12)) addPerson("other", 0.95);
        break;
      case "economic-financial":
        if (r.chance(0.25)) addOrganisation(r.pick(economicOrgs));
        else addPerson("respondent", 0.6);
        break;
      case "unpaid-debts-wages":
        if (r.chance(0.5)) {
          addOrganisation(r.pick(wageOrgs));
          for (let k = r.int(0, 4); k > 0; k--) addPerson("claimant", 0.7);
          crowd = r.int(0, 25);
        } else addPerson("respondent", 0.6);
        break;
      case "land-requisition":
        if (unpaidCompensation || r.chance(0.6)) addOrganisation(r.pick(projectOrgs));
        else addOrganisation(r.pick(groupOrgs[village]!));
        for (let k = r.int(0, 3); k > 0; k--) addPerson("claimant", 0.95);
        crowd = r.int(0, unpaidCompensation ? 80 : 20);
        break;
      case "medical":
        if (r.chance(0.8)) addOrganisation(r.chance(0.4) ? clinicOrgs[village]! : r.pick(medicalOrgs));
        else addPerson("respondent", 0.5);
        break;
      case "forest-land":
        if (r.chance(0.25)) {
          addOrganisation(r.pick(groupOrgs[village]!));
          crowd = r.int(0, 15);
        } else addPerson("respondent", 0.85);
        break;
      case "in-legal-proceedings":
        addPerson("respondent", 0.5);
        break;
      case "petition":
        if (r.chance(0.15)) addPerson("other", 0.9);
        break;
      case "other":
        if (r.chance(0.9)) addPerson("respondent", 0.6);
        break;
    }
    const parties = scratch.slice();
    const named = parties.length - (organisation ? 1 : 0);
    const peopleInvolved = named + crowd + (crowd === 0 && r.chance(0.25) ? r.int(1, 4) : 0);

    let amountAtStake = 0;
    if (!r.chance(profile.noMoney)) {
      const raw = r.logUniform(profile.minAmount, profile.maxAmount);
      const step = raw < 1_000 ? 10 : raw < 100_000 ? 100 : 1_000;
      amountAtStake = Math.max(step, Math.round(raw / step) * step);
    }
    const threatOfViolence = r.chance(profile.threat);
    const selfHarmRisk = r.chance(profile.selfHarm);
    const drawnIntensity = INTENSITY.draw(r);
    const emotionalIntensity = (threatOfViolence || selfHarmRisk) && drawnIntensity < 2 ? 2 : drawnIntensity;
    const failedMediations = (
      domain === "in-legal-proceedings" || domain === "petition" ? FAILED_MEDIATIONS_LONG : FAILED_MEDIATIONS
    ).draw(r);

    const dispute: DisputeJson = {
      id: `d-${String(i + 1).padStart(disputeWidth, "0")}`,
      jurisdiction: villages[village]!.code,
      domain,
      parties,
      summary: r.pick(unpaidCompensation ? unpaidSummaries() : summariesFor(domain)),
      reportedOn: dayStrings[dayIndex]!,
      facts: {
        peopleInvolved,
        amountAtStake,
        threatOfViolence,
        selfHarmRisk,
        violentHistory: r.chance(profile.violentHistory),
        emotionalIntensity,
        failedMediations,
        vulnerableParty: r.chance(profile.vulnerable),
        unpaidMajorProjectLandCompensation: unpaidCompensation,
      },
    };
    // Petition facts are neutral metadata, drawn independently of every risk fact.
    disputes[i] = r.chance(profile.petition)
      ? {
          ...dispute,
          petition: r.chance(0.9)
            ? { count: PETITION_COUNTS.draw(r), highestLevel: PETITION_LEVELS.draw(r) }
            : { count: PETITION_COUNTS.draw(r) },
        }
      : dispute;
  }

  const listings = makeListings(listingRandom, listingCount, {
    persons: personJson,
    villages,
    townCode,
    firstDay,
    lastDay,
    maleGiven,
    femaleGiven,
  });

  return {
    seed,
    county: trusted<CountyCode>(county.code),
    countyName: county.name,
    township: { code: trusted<DivisionCode>(townCode), name: townName },
    villages,
    units: trusted<ReadonlyArray<Unit>>(unitJson),
    persons: trusted<ReadonlyArray<Person>>(personJson),
    disputes: trusted<ReadonlyArray<Dispute>>(disputes),
    listings: trusted<ReadonlyArray<Listing>>(listings),
    period: { from: trusted<LocalDate>(dayString(firstDay)), to: trusted<LocalDate>(dayString(lastDay)) },
  };
};
