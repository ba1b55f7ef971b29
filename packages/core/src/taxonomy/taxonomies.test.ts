import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { DivisionLevels } from "../model/division-code.js";
import { taxonomies } from "../schemas.js";
import { decode } from "../validation/decode.js";
import { type Taxonomy, defineTaxonomy } from "./define-taxonomy.js";
import { RiskLevels, riskRank } from "./risk-levels.js";

const all = { ...taxonomies, DivisionLevels } as unknown as Record<string, Taxonomy<string | number>>;
const HAN = /\p{Script=Han}/u;

describe.each(Object.entries(all))("%s", (_name, taxonomy) => {
  test("every value has a Chinese and an English label", () => {
    expect(taxonomy.entries.length).toBeGreaterThan(0);
    for (const entry of taxonomy.entries) {
      expect(entry.zh).toMatch(HAN);
      expect(entry.en.trim()).not.toBe("");
      expect(entry.en).not.toMatch(HAN);
      expect(taxonomy.label(entry.code as never)).toBe(entry.zh);
      expect(taxonomy.label(entry.code as never, "en")).toBe(entry.en);
    }
    expect(taxonomy.name.zh).toMatch(HAN);
  });

  test("codes are distinct and decode; anything else is refused with the list of codes", () => {
    expect(new Set(taxonomy.codes).size).toBe(taxonomy.codes.length);
    for (const code of taxonomy.codes) expect(decode(taxonomy.schema, code)).toEqual({ ok: true, value: code });
  });

  test.prop([fc.jsonValue()])("a value that is not a code is refused", (value) => {
    fc.pre(!taxonomy.codes.includes(value as never));
    const r = decode(taxonomy.schema, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues[0]?.en).toContain(String(taxonomy.codes[0]));
  });
});

test("the plan's domains, units and channels are all there", () => {
  expect(taxonomies.DisputeDomains.codes).toHaveLength(10);
  expect(taxonomies.ResolutionChannels.codes).toHaveLength(7);
  const planUnits = ["派出所", "司法所", "平安法治办", "经济发展办", "社会事务办", "党群服务中心", "农业农村发展服务中心", "自然资源所", "市场监管所", "中心学校", "卫生院"];
  const zh = taxonomies.UnitKinds.entries.map((e) => e.zh);
  for (const unit of planUnits) expect(zh).toContain(unit);
  expect(taxonomies.SupportCategories.codes).toEqual([1, 2, 3, 4, 5, 6]);
});

test("risk ranks order the levels as listed, most severe first", () => {
  const ranks = RiskLevels.codes.map(riskRank);
  expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  expect(new Set(ranks).size).toBe(4);
});

test("a taxonomy that repeats a code is refused when defined", () => {
  expect(() =>
    defineTaxonomy({ zh: "测试", en: "test" }, [
      { code: "a", zh: "甲", en: "a" },
      { code: "a", zh: "乙", en: "b" },
    ]),
  ).toThrow(/repeats a code/);
});
