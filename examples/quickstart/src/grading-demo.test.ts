import { type LocalDate, RiskLevels } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { expect, test } from "vitest";
import { printGradingDemo } from "./grading-demo.js";
import { captureOutput } from "./test-support/capture-output.js";

const town = sampleTown(2024);
const asOf = "2025-02-10" as LocalDate;
const out = captureOutput(() => printGradingDemo(town, asOf));

test("the per-level counts cover exactly the disputes reported by the date", () => {
  const counts = RiskLevels.codes.map((level) => {
    const line = out.split("\n").find((l) => l.trim().startsWith(RiskLevels.label(level)));
    return Number(/(\d+) 件/.exec(line ?? "")?.[1]);
  });
  expect(counts.every(Number.isInteger)).toBe(true);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(town.disputes.filter((d) => d.reportedOn <= asOf).length);
});

test("two disputes are explained with the rules that fired, the route and why", () => {
  expect(out.match(/^示例 \d：/gm)).toHaveLength(2);
  expect(out).toMatch(/触发规则：/);
  expect(out).toMatch(/分流：牵头 /);
  expect(out).toMatch(/理由：谁主管谁负责/);
});
