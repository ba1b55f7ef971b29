import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { Actor, decode, type Unit, type UnitId } from "../index.js";
import { sampleOfficers } from "./sample-officers.js";
import { sampleTown } from "./sample-town.js";

/** Small towns of any seed: 1 to 40 villages, one resident, no disputes (the officers read only the register). */
const townArb = fc
  .record({ seed: fc.integer(), villages: fc.integer({ min: 1, max: 40 }) })
  .map(({ seed, villages }) => sampleTown(seed, { villages, persons: 1, disputes: 0, listings: 0 }));

const isCommittee = (unit: Unit) => unit.kind === "village-committee" || unit.kind === "community-committee";

/** The role each kind of unit acts in, as the brief of the officers states it. */
const expectedRole = (unit: Unit) =>
  unit.kind === "peace-rule-of-law-office"
    ? "coordinator"
    : unit.kind === "township-leadership"
      ? "township-leadership"
      : isCommittee(unit)
        ? "village-committee"
        : "unit-officer";

describe("sampleOfficers", () => {
  test.prop([townArb], { numRuns: 15 })(
    "one officer per unit of the register, in its kind's role and with its jurisdiction as scope, and an auditor; ids unique and valid",
    (town) => {
      const officers = sampleOfficers(town);
      const units = new Map(town.units.map((u) => [u.id as string, u]));
      expect(officers.all).toHaveLength(town.units.length + 1);
      for (const officer of officers.all) {
        const unit = units.get(officer.unit);
        expect(unit).toBeDefined();
        expect(officer.scope).toBe(unit!.jurisdiction);
        expect(officer.role).toBe(officer === officers.auditor ? "auditor" : expectedRole(unit!));
        const decoded = decode(Actor, officer);
        expect(decoded.ok ? decoded.value : decoded.error.message).toEqual(officer);
      }
      for (const unit of town.units) {
        expect(officers.of(unit).unit).toBe(unit.id);
        expect(officers.of(unit.id)).toBe(officers.of(unit));
      }
      expect(new Set(officers.all.map((a) => a.officerId)).size).toBe(officers.all.length);
      expect(officers.all.filter((a) => a.role === "auditor")).toEqual([officers.auditor]);
    },
  );

  test.prop([townArb], { numRuns: 25 })("the named officers and the lookups agree with the register", (town) => {
    const officers = sampleOfficers(town);
    const unitOf = (actor: Actor) => town.units.find((u) => u.id === actor.unit)!;
    expect(unitOf(officers.coordinator).kind).toBe("peace-rule-of-law-office");
    expect(officers.coordinator.role).toBe("coordinator");
    expect(unitOf(officers.socialAffairs).kind).toBe("social-affairs-office");
    expect(unitOf(officers.auditor).kind).toBe("township-leadership");
    expect(officers.auditor.scope).toBe(town.township.code);
    for (const unit of town.units) expect(unitOf(officers.ofKind(unit.kind)).kind).toBe(unit.kind);
    for (const v of town.villages) {
      const member = officers.ofVillage(v.code);
      expect(member).toMatchObject({ role: "village-committee", scope: v.code });
      expect(unitOf(member!).kind).toBe(v.kind === "village" ? "village-committee" : "community-committee");
    }
    expect(officers.ofVillage(town.township.code)).toBeUndefined();
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 40 })], { numRuns: 20 })("is deterministic for the same town", (seed, villages) => {
    const options = { villages, persons: 1, disputes: 0, listings: 0 };
    /** What the officers are, as data: every officer and each lookup's answer. */
    const table = (town: ReturnType<typeof sampleTown>) => {
      const o = sampleOfficers(town);
      return {
        all: o.all,
        named: [o.coordinator, o.socialAffairs, o.auditor],
        byUnit: town.units.map((u) => [o.of(u), o.ofKind(u.kind)]),
        byVillage: town.villages.map((v) => o.ofVillage(v.code)),
      };
    };
    expect(table(sampleTown(seed, options))).toStrictEqual(table(sampleTown(seed, options)));
  });

  it("refuses a unit that is not in the register, and a kind the register lacks", () => {
    const officers = sampleOfficers(sampleTown(3, { villages: 2, persons: 1, disputes: 0, listings: 0 }));
    expect(() => officers.of("u-nowhere" as UnitId)).toThrow(/unit u-nowhere is not in the register/);
    expect(() => officers.ofKind("higher-department")).toThrow(/the unit register has no higher-department/);
  });

  it("refuses a register without a peace and rule-of-law office", () => {
    const town = sampleTown(3, { villages: 2, persons: 1, disputes: 0, listings: 0 });
    expect(() => sampleOfficers({ ...town, units: town.units.filter((u) => u.kind !== "peace-rule-of-law-office") })).toThrow(RangeError);
  });

  it("names the officers: the township units' the same in every town, committee members by their village", () => {
    const a = sampleOfficers(sampleTown(1, { villages: 3, persons: 1, disputes: 0, listings: 0 }));
    const b = sampleOfficers(sampleTown(2, { villages: 3, persons: 1, disputes: 0, listings: 0 }));
    expect([a.coordinator.name, a.socialAffairs.name, a.auditor.name]).toEqual(["张明", "李娟", "赵审"]);
    expect(b.coordinator.name).toBe(a.coordinator.name);
    expect(a.coordinator.officerId).toBe("pafzb-01");
    expect(a.auditor.officerId).toBe("dwzf-audit");
    for (const officer of a.all) expect(officer.name).toMatch(/^\p{Script=Han}{2,3}$/u);
  });
});
