import { type Actor, type ActorRole, type Unit, type UnitKind, officerIdOrThrow } from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";

/** The officers' names in the demo, by their unit's kind (a village's committee: its director). */
const NAMES: Partial<Record<UnitKind, string>> = {
  "peace-rule-of-law-office": "张明",
  "social-affairs-office": "李娟",
  "justice-office": "赵强",
  "police-station": "李警官",
  "health-centre": "杨医生",
  "township-leadership": "刘书记",
  "village-committee": "村主任",
  "community-committee": "社区主任",
};

/** The role an officer of a unit acts in: the coordinator for the peace and rule-of-law office, the committee for a village's. */
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
 * The officers the demo acts as: one for each unit of the town (a committee's
 * scope is its village, every other unit's the township), the coordinator of the
 * peace and rule-of-law office, and an auditor of the township leadership.
 */
export interface TownOfficers {
  /** The officer of a unit. */
  readonly of: (unit: Unit) => Actor;
  /** The officer of the first unit of a kind. */
  readonly ofKind: (kind: UnitKind) => Actor;
  /** The officer of a village's committee. */
  readonly ofVillage: (village: string) => Actor | undefined;
  readonly coordinator: Actor;
  readonly auditor: Actor;
}

/** The officers of a sample town. */
export const townOfficers = (town: SampleTown): TownOfficers => {
  const cache = new Map<string, Actor>();
  const of = (unit: Unit): Actor => {
    const known = cache.get(unit.id);
    if (known !== undefined) return known;
    const committee = unit.kind === "village-committee" || unit.kind === "community-committee";
    const actor: Actor = {
      officerId: officerIdOrThrow(`zx-${unit.id}`),
      name: NAMES[unit.kind] ?? "值班人员",
      unit: unit.id,
      role: roleOf(unit.kind),
      scope: committee ? unit.jurisdiction : town.township.code,
    };
    cache.set(unit.id, actor);
    return actor;
  };
  const unitOfKind = (kind: UnitKind): Unit => {
    const unit = town.units.find((u) => u.kind === kind);
    if (unit === undefined) throw new Error(`the town has no ${kind}`);
    return unit;
  };
  const leadership = unitOfKind("township-leadership");
  return {
    of,
    ofKind: (kind) => of(unitOfKind(kind)),
    ofVillage: (village) => {
      const unit = town.units.find((u) => (u.kind === "village-committee" || u.kind === "community-committee") && u.jurisdiction === village);
      return unit === undefined ? undefined : of(unit);
    },
    coordinator: of(unitOfKind("peace-rule-of-law-office")),
    auditor: { officerId: officerIdOrThrow("zx-audit-1"), name: "赵审", unit: leadership.id, role: "auditor", scope: town.township.code },
  };
};
