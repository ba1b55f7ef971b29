import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { supportCriteria, zixiSupportCriteria } from "../presets/zixi/support-criteria.js";
import { checkSupportCriteria, qualifyingThreatKinds } from "./check-support-criteria.js";

const raw = (): any => JSON.parse(JSON.stringify(zixiSupportCriteria));

describe("checkSupportCriteria", () => {
  it("accepts the Zixi criteria, with any periods, and criteria that let no threat qualify", () => {
    expect(checkSupportCriteria(zixiSupportCriteria)).toEqual([]);
    expect(checkSupportCriteria(supportCriteria({ resettlementPeriod: { months: 36 }, reviewEvery: { months: 1 } }))).toEqual([]);
    const none = raw();
    none.categories[3].parameters.qualifyingThreats = [];
    expect(checkSupportCriteria(none)).toEqual([]);
    expect(qualifyingThreatKinds).toEqual(["violence"]);
  });

  it("refuses a qualifying threat other than violence, known or not, without repeating it", () => {
    const c = raw();
    c.categories[3].parameters.qualifyingThreats.push("public-order", "disturbing-order-by-travelling");
    const problems = checkSupportCriteria(c);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["non-violent-threat", ["categories", 3, "parameters", "qualifyingThreats", 1]],
      ["non-violent-threat", ["categories", 3, "parameters", "qualifyingThreats", 2]],
    ]);
    expect(problems[0]?.en).toContain("violence against people");
    for (const p of problems) expect(`${p.zh}${p.en}`).not.toMatch(/public-order|disturbing-order/);
  });

  it("refuses criteria that are not six categories in order", () => {
    expect(checkSupportCriteria(null)[0]?.code).toBe("malformed");
    expect(checkSupportCriteria({ categories: "x" })[0]?.code).toBe("malformed");
    const swapped = raw();
    [swapped.categories[0], swapped.categories[1]] = [swapped.categories[1], swapped.categories[0]];
    expect(checkSupportCriteria(swapped).map((p) => p.code)).toEqual(["category-order", "category-order"]);
    const short = raw();
    short.categories.pop();
    expect(checkSupportCriteria(short).map((p) => p.code)).toEqual(["category-order"]);
    const noList = raw();
    delete noList.categories[3].parameters.qualifyingThreats;
    expect(checkSupportCriteria(noList).map((p) => p.code)).toEqual(["malformed"]);
  });

  test.prop([fc.array(fc.oneof(fc.constant("violence"), fc.constant("public-order"), fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)), { maxLength: 6 })], { numRuns: 200 })(
    "refuses exactly the listed kinds that are not violence",
    (kinds) => {
      const c = raw();
      c.categories[3].parameters.qualifyingThreats = kinds;
      const expected = kinds.flatMap((k, j) => (k === "violence" ? [] : [j]));
      expect(checkSupportCriteria(c).map((p) => p.path[4])).toEqual(expected);
    },
  );
});
