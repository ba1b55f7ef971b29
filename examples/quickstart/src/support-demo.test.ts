import type { LocalDate } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { expect, test } from "vitest";
import { captureOutput } from "./test-support/capture-output.js";
import { printSupportDemo } from "./support-demo.js";

const out = captureOutput(() => printSupportDemo(sampleTown(2024), "2025-02-10" as LocalDate));
const section = (title: string): Array<string> => {
  const lines = out.split("\n");
  const from = lines.findIndex((l) => l.includes(title));
  const to = lines.findIndex((l, i) => i > from && l.trim() === "");
  return lines.slice(from + 1, to === -1 ? undefined : to);
};

test("tasks are listed help first: every category-5 task before any other", () => {
  const categories = section("Tasks due on").map((l) => Number(/第(\d)类/.exec(l)?.[1]));
  expect(categories.length).toBeGreaterThan(0);
  const firstOther = categories.findIndex((c) => c !== 5);
  expect(categories.slice(firstOther).includes(5)).toBe(false);
  expect(categories[0]).toBe(5);
});

test("a person who has only petitioned qualifies for nothing", () => {
  expect(out).toMatch(/不符合任何类别 \/ qualifies for none（信访/);
});

test("the village committee sees masked numbers and not why the person is followed up", () => {
  const views = section("as each unit sees it").join("\n");
  const village = views.slice(views.indexOf("village committee"));
  expect(village).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
  expect(village).not.toMatch(/\d{17}[\dX]/);
  expect(village).not.toContain("dangerousnessGrade");
  expect(village).not.toContain("lawfulBasis");
  const police = views.slice(views.indexOf("police station"), views.indexOf("village committee"));
  expect(police).toContain("dangerousnessGrade");
  expect(police).not.toContain("lawfulBasis");
});

test("category 4 takes only violence against people: adding public order is refused", () => {
  expect(section("Criteria check").join("\n")).toContain("拒绝 / refused: 第 4 类只能依据有据可查的对他人实施暴力的威胁认定");
});

test("evidence names who recorded the facts, never a unit the library filled in", () => {
  expect(out).toContain("网格员周丽于 2025-01-29 记录：户籍在外地、在本辖区居住");
});

test("a listing's history: a review beyond the interval is refused, a lapse stays, a later removal keeps the earlier status", () => {
  const history = section("A listing's dated history").join("\n");
  expect(history).toMatch(/拒绝 \/ refused — 下次复核日期超出本类别的复核周期，最晚为 \d{4}-\d{2}-\d{2}/);
  expect(history).toMatch(/（未复核）：已失效/);
  expect(history).toMatch(/之后再问 2025-02-10 的状态：有效/);
  expect(history).toMatch(/起有效 → \d{4}-\d{2}-\d{2} 起已失效（错过复核） → \d{4}-\d{2}-\d{2} 起已撤销（已迁出本镇）/);
  expect(history).toMatch(/opened（[^）]+），[^，]+ reviewed（[^）]+），[^，]+ lapsed（[^）]+），[^，]+ removed/);
});

test("the village committee sees the listing's days, not who acted on it", () => {
  const views = section("as each unit sees it").join("\n");
  const village = views.slice(views.indexOf("village committee"));
  expect(village).toContain('"history":[{"kind":"opened"');
  expect(village).not.toContain("actor");
  expect(views.slice(0, views.indexOf("police station"))).toContain("actor");
});
