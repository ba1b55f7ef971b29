import type { Actor } from "../model/actor.js";
import type { DivisionCode } from "../model/division-code.js";
import type { OfficerId, UnitId } from "../model/ids.js";
import type { Unit } from "../model/unit.js";
import type { ActorRole } from "../taxonomy/actor-roles.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from "./chinese-names.js";
import type { SampleTown } from "./sample-town.js";
import { SeededRandom, weighted } from "./seeded-random.js";

/**
 * The officers of a sample town, made by {@link sampleOfficers}: one for each
 * unit of the town's register, in the role the unit's kind acts in and with the
 * unit's jurisdiction as scope, and an auditor. In a real system officers come
 * from the county's identity system; these are invented, like the town.
 *
 * @example
 * ```ts
 * import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
 *
 * const town = sampleTown(7);
 * const officers = sampleOfficers(town);
 * officers.coordinator.role; // "coordinator"
 * officers.ofVillage(town.villages[0]!.code)?.role; // "village-committee"
 * ```
 * @since 0.6.0
 */
export interface SampleOfficers {
  /**
   * The officer of a unit of the register (given as the unit or its id).
   *
   * @throws RangeError when no unit of the register has that id.
   */
  readonly of: (unit: Unit | UnitId) => Actor;
  /**
   * The officer of the first unit of a kind in the register.
   *
   * @throws RangeError when the register has no unit of that kind.
   */
  readonly ofKind: (kind: UnitKind) => Actor;
  /** The member of a village's (or community's) committee, or `undefined` when it has none in the register. */
  readonly ofVillage: (village: DivisionCode) => Actor | undefined;
  /** The officer of the peace and rule-of-law office (平安法治办), in the role `coordinator`. */
  readonly coordinator: Actor;
  /** The officer of the social affairs office (社会事务办), a `unit-officer`. */
  readonly socialAffairs: Actor;
  /** An auditor of the township leadership, with the township as scope: reads and verifies the audit trail. */
  readonly auditor: Actor;
  /** Every officer: one per unit in the register's order, then the auditor. */
  readonly all: ReadonlyArray<Actor>;
}

/** The role an officer of a unit acts in, by the unit's kind. */
const roleOf = (kind: UnitKind): ActorRole => {
  switch (kind) {
    case "peace-rule-of-law-office":
      return "coordinator";
    case "township-leadership":
      return "township-leadership";
    case "village-committee":
    case "community-committee":
      return "village-committee";
    default:
      return "unit-officer";
  }
};

/**
 * Invented names of the township units' officers, one unit of each kind in a
 * sample town, so that the same officer has the same name in every town.
 */
const NAMES: Readonly<Record<Exclude<UnitKind, "village-committee" | "community-committee">, string>> = {
  "township-leadership": "杨国华",
  "police-station": "陈志刚",
  "justice-office": "赵强",
  "peace-rule-of-law-office": "张明",
  "economic-development-office": "周建平",
  "social-affairs-office": "李娟",
  "party-service-centre": "刘芳",
  "agriculture-rural-centre": "普文林",
  "natural-resources-office": "罗海东",
  "market-regulation-office": "何静",
  "central-school": "黄丽华",
  "health-centre": "吴敏",
  "governance-centre": "王强",
  "city-political-legal-committee": "段永明",
  "county-political-legal-committee": "马春生",
  "higher-department": "徐立新",
};
const AUDITOR_NAME = "赵审";

const SURNAME_TABLE = weighted(SURNAMES);

/** FNV-1a over a string's UTF-16 code units: a 32-bit number that only the text decides. */
const hash32 = (text: string): number => {
  let h = 0x811c_9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x0100_0193);
  return h >>> 0;
};

/** A committee member's name, drawn from the unit's id and village alone (born 1965–1984, as most committee members are). */
const committeeName = (unit: Unit): string => {
  const random = SeededRandom.fromSeed(hash32(`${unit.id}|${unit.jurisdiction}`));
  const given = [...(random.chance(0.5) ? MALE_GIVEN : FEMALE_GIVEN)[1]!];
  const first = random.pick(given);
  return SURNAME_TABLE.draw(random) + (random.chance(0.6) ? first + random.pick(given) : first);
};

const isCommittee = (kind: UnitKind): boolean => kind === "village-committee" || kind === "community-committee";

/** The id stem of a unit: its id without the `u-` prefix of the sample town's units. */
const stemOf = (unit: Unit): string => unit.id.replace(/^u-/, "");

const officerOf = (unit: Unit): Actor => ({
  officerId: `${stemOf(unit)}-01` as OfficerId,
  name: isCommittee(unit.kind) ? committeeName(unit) : NAMES[unit.kind as keyof typeof NAMES],
  unit: unit.id,
  role: roleOf(unit.kind),
  scope: unit.jurisdiction,
});

/**
 * The officers of a sample town: one per unit of its register, in the role its
 * kind acts in (the peace and rule-of-law office's as `coordinator`, the township
 * leadership's as `township-leadership`, a village or community committee's as
 * `village-committee`, any other unit's as `unit-officer`), with the unit's
 * jurisdiction as scope (a committee's its village, a township unit's the
 * township); and an auditor of the township leadership. Ids and names are
 * deterministic: the same town always gives the same officers. Officer ids are
 * the unit's id without `u-` and `-01` (`pafzb-01`, `v201-01`), the auditor's
 * the leadership's and `-audit` (`dwzf-audit`).
 *
 * @example
 * ```ts
 * import { createLedger } from "@tiaojie/core";
 * import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
 *
 * const town = sampleTown(2025);
 * const officers = sampleOfficers(town);
 * const ledger = createLedger({ store, units: town.units, keys });
 * await ledger.registerPerson(officers.socialAffairs, town.persons[0]!);
 * await ledger.registerDispute(officers.ofVillage(town.disputes[0]!.jurisdiction)!, { dispute: town.disputes[0]! });
 * ```
 * @throws RangeError when the register lacks a peace and rule-of-law office, a
 * social affairs office or a township leadership (every sample town has them).
 * @since 0.6.0
 */
export const sampleOfficers = (town: SampleTown): SampleOfficers => {
  const byUnit = new Map<string, Actor>();
  const firstOfKind = new Map<UnitKind, Actor>();
  const byVillage = new Map<string, Actor>();
  for (const unit of town.units) {
    const officer = officerOf(unit);
    byUnit.set(unit.id, officer);
    if (!firstOfKind.has(unit.kind)) firstOfKind.set(unit.kind, officer);
    if (isCommittee(unit.kind) && !byVillage.has(unit.jurisdiction)) byVillage.set(unit.jurisdiction, officer);
  }
  const of = (unit: Unit | UnitId): Actor => {
    const id = typeof unit === "string" ? unit : unit.id;
    const officer = byUnit.get(id);
    if (officer === undefined) throw new RangeError(`单位 ${id} 不在名册中 / unit ${id} is not in the register`);
    return officer;
  };
  const ofKind = (kind: UnitKind): Actor => {
    const officer = firstOfKind.get(kind);
    if (officer === undefined) throw new RangeError(`单位名册中没有 ${kind} / the unit register has no ${kind}`);
    return officer;
  };
  const leadership = ofKind("township-leadership");
  const auditor: Actor = {
    officerId: `${leadership.officerId.replace(/-01$/, "")}-audit` as OfficerId,
    name: AUDITOR_NAME,
    unit: leadership.unit,
    role: "auditor",
    scope: leadership.scope,
  };
  return {
    of,
    ofKind,
    ofVillage: (village) => byVillage.get(village),
    coordinator: ofKind("peace-rule-of-law-office"),
    socialAffairs: ofKind("social-affairs-office"),
    auditor,
    all: [...byUnit.values(), auditor],
  };
};
