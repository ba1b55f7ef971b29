import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arbitraries } from "../testing/arbitraries.js";
import { decode } from "../validation/decode.js";
import { CountyCode, countyOf } from "./county-code.js";
import {
  DivisionCode,
  DivisionLevels,
  divisionLevel,
  isWithinDivision,
  parentDivision,
  townshipKind,
  villageKind,
} from "./division-code.js";

const code = arbitraries.DivisionCode.map((s) => {
  const r = decode(DivisionCode, s);
  if (!r.ok) throw r.error;
  return r.value;
});

const depth = (level: string): number => DivisionLevels.codes.indexOf(level as never);

describe("parent and level laws", () => {
  test.prop([code])("a parent is one level up and contains its child", (c) => {
    const parent = parentDivision(c);
    if (divisionLevel(c) === "province") {
      expect(parent).toBeUndefined();
      return;
    }
    expect(parent).toBeDefined();
    expect(decode(DivisionCode, parent).ok).toBe(true);
    expect(depth(divisionLevel(parent!))).toBe(depth(divisionLevel(c)) - 1);
    expect(isWithinDivision(c, parent!)).toBe(true);
    expect(isWithinDivision(parent!, c)).toBe(false);
  });

  test.prop([code])("following parents reaches the province in as many steps as the depth", (c) => {
    let steps = 0;
    let at: DivisionCode | undefined = c;
    while (at && divisionLevel(at) !== "province") {
      at = parentDivision(at);
      steps++;
    }
    expect(steps).toBe(depth(divisionLevel(c)));
    expect(at!.slice(0, 2)).toBe(c.slice(0, 2));
  });

  const ancestors = (c: DivisionCode): Array<DivisionCode> => {
    const out: Array<DivisionCode> = [];
    for (let at: DivisionCode | undefined = c; at; at = parentDivision(at)) out.push(at);
    return out;
  };
  const pair = fc.oneof(
    fc.tuple(code, code),
    code.chain((a) => fc.tuple(fc.constant(a), fc.constantFrom(...ancestors(a)))),
  );

  test.prop([pair])("containment holds exactly for the code itself and its ancestors", ([a, b]) => {
    const within = isWithinDivision(a, b);
    let at: DivisionCode | undefined = a;
    let found = false;
    while (at) {
      if (at === b) found = true;
      at = parentDivision(at);
    }
    expect(within).toBe(found);
  });

  test.prop([code])("the county code of a code at county level or below is a valid GB/T 2260 county code", (c) => {
    const county = countyOf(c);
    if (depth(divisionLevel(c)) < 2) expect(county).toBeUndefined();
    else expect(decode(CountyCode, county).ok).toBe(true);
  });
});

describe("worked examples", () => {
  const ok = (s: string) => {
    const r = decode(DivisionCode, s);
    if (!r.ok) throw r.error;
    return r.value;
  };

  test("a village of a town in Chuxiong", () => {
    const village = ok("532301104201");
    expect(divisionLevel(village)).toBe("village");
    expect(villageKind(village)).toBe("village");
    expect(townshipKind(village)).toBe("town");
    expect(parentDivision(village)).toBe("532301104000");
    expect(countyOf(village)).toBe("532301");
  });

  test("a residents' committee and a subdistrict", () => {
    expect(villageKind(ok("532301001001"))).toBe("community");
    expect(townshipKind(ok("532301001001"))).toBe("subdistrict");
    expect(townshipKind(ok("532301200000"))).toBe("township");
    expect(villageKind(ok("532301200000"))).toBeUndefined();
  });

  test.each([
    ["53230110420", "区划代码应为 12 位数字"],
    ["932301104201", "省级代码应以 1–8 开头"],
    ["532301000201", "上级部分为 0 时，下级部分也必须为 0"],
    ["530001104201", "上级部分为 0 时，下级部分也必须为 0"],
    ["532301400000", "乡级代码应在 001–399 之间"],
    ["532301104400", "村级代码应在 001–399 之间"],
  ])("%s is refused: %s", (input, zh) => {
    const r = decode(DivisionCode, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.zh)).toEqual([zh]);
  });

  test.each([["532300"], ["530001"], ["53230"], ["032301"]])("county code %s is refused", (input) => {
    expect(decode(CountyCode, input).ok).toBe(false);
  });
});

test.prop([fc.stringMatching(/^\d{12}$/)])("any 12 digits either decode or give exactly one reason", (s) => {
  const r = decode(DivisionCode, s);
  if (!r.ok) expect(r.error.issues).toHaveLength(1);
});
