import { type LocalDate, ResolutionPriorities, RiskLevels } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { expect, test } from "vitest";
import { printGradingDemo } from "./grading-demo.js";
import { captureOutput } from "./test-support/capture-output.js";

const town = sampleTown(2024);
const asOf = "2025-02-10" as LocalDate;
const out = captureOutput(() => printGradingDemo(town, asOf));
const reported = town.disputes.filter((d) => d.reportedOn <= asOf).length;

/** The count printed after a label, at the start of a line. */
const countOf = (label: string): number => {
  const line = out.split("\n").find((l) => l.trim().startsWith(label));
  return Number(/(\d+) 件/.exec(line ?? "")?.[1]);
};

test("the per-level counts cover exactly the disputes reported by the date", () => {
  const counts = RiskLevels.codes.map((level) => countOf(RiskLevels.label(level)));
  expect(counts.every(Number.isInteger)).toBe(true);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(reported);
});

test("the per-priority counts cover the same disputes", () => {
  const counts = ResolutionPriorities.codes.map((priority) => countOf(ResolutionPriorities.label(priority)));
  expect(counts.every(Number.isInteger)).toBe(true);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(reported);
});

test("two disputes are explained with the rules that fired, the priority, the route and why", () => {
  expect(out.match(/^示例 \d：/gm)).toHaveLength(2);
  expect(out).toMatch(/建议风险等级：/);
  expect(out).toMatch(/化解优先级：.+（风险等级为.+，基础化解优先级为“.+”）/);
  expect(out).toMatch(/触发规则：.+——.+/);
  expect(out).toMatch(/分流：牵头 /);
  expect(out).toMatch(/理由：谁主管谁负责/);
});
