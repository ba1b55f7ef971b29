import {
  type Actor,
  type ActorRole,
  type DivisionCode,
  type Route,
  type Unit,
  type UnitId,
  type UnitKind,
  officerIdOrThrow,
} from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";

/**
 * The officers the example acts as, one per role it needs, made from the sample
 * town's unit register. In a real system they come from the county's identity
 * system; here they are a fixed table so that every run acts the same.
 */
export interface TownOfficers {
  /** 平安法治办: registers, accepts, assigns, confirms grades, makes checkpoints. */
  readonly coordinator: Actor;
  /** 社会事务办: registers residents (it may record identity and phone numbers) and leads help for people in hardship. */
  readonly socialAffairs: Actor;
  /** An auditor (at the governance centre): reads and verifies the audit trail, nothing else. */
  readonly auditor: Actor;
  /** The committee member of a village or community: acts only inside it. */
  readonly villageCommittee: (village: DivisionCode) => Actor;
  /** An officer of any unit of the register, in the role its kind acts in. */
  readonly ofUnit: (unit: UnitId) => Actor;
}

/** Display names by unit kind; the officers are invented like the town itself. */
const NAMES: Partial<Record<UnitKind, string>> = {
  "township-leadership": "杨书记",
  "peace-rule-of-law-office": "张明",
  "social-affairs-office": "李娟",
  "justice-office": "赵强",
  "police-station": "陈警官",
  "health-centre": "周医生",
  "governance-centre": "孙审",
};

const roleOf = (kind: UnitKind): ActorRole => {
  switch (kind) {
    case "township-leadership":
      return "township-leadership";
    case "peace-rule-of-law-office":
      return "coordinator";
    case "village-committee":
    case "community-committee":
      return "village-committee";
    default:
      return "unit-officer";
  }
};

const actorOf = (unit: Unit, role: ActorRole = roleOf(unit.kind), suffix = "01"): Actor => ({
  officerId: officerIdOrThrow(`${unit.id.replace(/^u-/, "")}-${suffix}`),
  name: NAMES[unit.kind] ?? `${unit.name.slice(-4)}干部`,
  unit: unit.id,
  role,
  scope: unit.jurisdiction,
});

const unitOfKind = (units: ReadonlyArray<Unit>, kind: UnitKind): Unit => {
  const unit = units.find((u) => u.kind === kind);
  if (unit === undefined) throw new RangeError(`单位名册中没有 ${kind} / the unit register has no ${kind}`);
  return unit;
};

/**
 * The officers of a sample town: one per township office, one committee member
 * per village, and an auditor.
 *
 * @example
 * ```ts
 * const officers = officersOf(sampleTown(7));
 * officers.coordinator.role; // "coordinator"
 * ```
 */
export const officersOf = (town: SampleTown): TownOfficers => {
  const byId = new Map(town.units.map((u) => [u.id, u]));
  const ofUnit = (id: UnitId): Actor => {
    const unit = byId.get(id);
    if (unit === undefined) throw new RangeError(`单位 ${id} 不在名册中 / unit ${id} is not in the register`);
    return actorOf(unit);
  };
  return {
    coordinator: actorOf(unitOfKind(town.units, "peace-rule-of-law-office")),
    socialAffairs: actorOf(unitOfKind(town.units, "social-affairs-office")),
    auditor: actorOf(unitOfKind(town.units, "governance-centre"), "auditor", "audit"),
    villageCommittee: (village) => {
      const committee = town.units.find((u) => u.jurisdiction === village && (u.kind === "village-committee" || u.kind === "community-committee"));
      if (committee === undefined) throw new RangeError(`${village} 没有村（居）委会 / ${village} has no committee`);
      return actorOf(committee);
    },
    ofUnit,
  };
};

/**
 * The unit that leads a dispute: the route names a kind of unit (谁主管谁负责),
 * and the host picks the unit of that kind; for a village or community
 * committee, the one of the dispute's own village.
 *
 * @example
 * ```ts
 * const lead = leadUnitOf(view.route, view.dispute.jurisdiction, town.units);
 * ```
 */
export const leadUnitOf = (route: Pick<Route, "lead">, jurisdiction: DivisionCode, units: ReadonlyArray<Unit>): Unit => {
  const committee = route.lead === "village-committee" || route.lead === "community-committee";
  const unit = committee
    ? units.find((u) => (u.kind === "village-committee" || u.kind === "community-committee") && u.jurisdiction === jurisdiction)
    : units.find((u) => u.kind === route.lead);
  if (unit === undefined) throw new RangeError(`名册中没有牵头单位 ${route.lead} / no lead unit of kind ${route.lead} in the register`);
  return unit;
};
