import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { DivisionCode } from "../model/division-code.js";
import type { Unit } from "../model/unit.js";
import { type UnitKind, UnitKinds } from "../taxonomy/unit-kinds.js";
import { sampleTown } from "../testing/sample-town.js";
import { leadUnitFor } from "./lead-unit.js";

const isCommittee = (kind: UnitKind) => kind === "village-committee" || kind === "community-committee";

/** A small town's register: the township units, one committee per village (some communities) and the city committee. */
const town = sampleTown(11, { villages: 9, persons: 1, disputes: 0, listings: 0 });
const community = town.villages.find((v) => v.kind === "community")!;
const village = town.villages.find((v) => v.kind === "village")!;

describe("leadUnitFor", () => {
  it("gives a committee-led dispute to the committee of its own village or community, whichever kind the route names", () => {
    for (const lead of ["village-committee", "community-committee"] as const) {
      expect(leadUnitFor({ lead }, village.code, town.units)).toMatchObject({ kind: "village-committee", jurisdiction: village.code });
      expect(leadUnitFor({ lead }, community.code, town.units)).toMatchObject({ kind: "community-committee", jurisdiction: community.code });
    }
  });

  it("gives any other dispute to the unit of the route's kind, wherever the dispute is", () => {
    const justice = town.units.find((u) => u.kind === "justice-office")!;
    expect(leadUnitFor({ lead: "justice-office" }, village.code, town.units)).toBe(justice);
    expect(leadUnitFor({ lead: "justice-office" }, community.code, town.units)).toBe(justice);
  });

  it("is undefined when the register has no such unit", () => {
    expect(leadUnitFor({ lead: "higher-department" }, village.code, town.units)).toBeUndefined();
    expect(leadUnitFor({ lead: "village-committee" }, town.township.code, town.units)).toBeUndefined();
    expect(leadUnitFor({ lead: "justice-office" }, village.code, [])).toBeUndefined();
  });

  it("takes the first unit of the kind when the register has several", () => {
    const second: Unit = { ...town.units.find((u) => u.kind === "health-centre")!, id: "u-wsy2" as Unit["id"] };
    const first = town.units.find((u) => u.kind === "health-centre")!;
    expect(leadUnitFor({ lead: "health-centre" }, village.code, [...town.units, second])).toBe(first);
    expect(leadUnitFor({ lead: "health-centre" }, village.code, [second, ...town.units])).toBe(second);
  });

  test.prop(
    [
      fc.shuffledSubarray([...town.units]),
      fc.constantFrom<UnitKind>(...UnitKinds.codes),
      fc.constantFrom<DivisionCode>(town.township.code, ...town.villages.map((v) => v.code)),
    ],
    { numRuns: 200 },
  )("in any register, the unit it picks is in the register, leads that kind of matter there, and no earlier one would", (units, lead, jurisdiction) => {
    const picked = leadUnitFor({ lead }, jurisdiction, units);
    const fits = (u: Unit) => (isCommittee(lead) ? isCommittee(u.kind) && u.jurisdiction === jurisdiction : u.kind === lead);
    if (picked === undefined) {
      expect(units.filter(fits)).toEqual([]);
    } else {
      expect(units).toContain(picked);
      expect(fits(picked)).toBe(true);
      expect(units.slice(0, units.indexOf(picked)).filter(fits)).toEqual([]);
    }
  });
});
