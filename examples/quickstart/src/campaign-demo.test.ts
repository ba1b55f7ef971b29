import type { LocalDate } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { expect, test } from "vitest";
import { printCampaignDemo } from "./campaign-demo.js";
import { captureOutput } from "./test-support/capture-output.js";

const town = sampleTown(2024);
const out = captureOutput(() => printCampaignDemo(town, "2025-02-10" as LocalDate));
const lines = out.split("\n");

test("the date falls in phase 2 and the next deadline is the February update", () => {
  expect(out).toMatch(/阶段 phase: 第二阶段/);
  const next = lines.findIndex((l) => l.includes("next deadlines"));
  expect(lines[next + 1]).toMatch(/^\s+2025-02-28 /);
});

test("every reporting unit of the town has one submission status", () => {
  const statuses = lines.filter((l) => /^\s+(按时报送|逾期报送|未报送) /.test(l));
  const committees = town.units.filter((u) => u.kind === "village-committee" || u.kind === "community-committee");
  expect(statuses).toHaveLength(11 + committees.length);
  for (const unit of committees) expect(statuses.some((l) => l.endsWith(unit.name))).toBe(true);
});

test.each(["风险等级 level", "化解优先级 priority"])("the monthly totals add up: the rows under %s sum to the totals", (heading) => {
  const totals = /本期新增 new (\d+) \| 累计 cumulative (\d+) \| 本期化解 resolved (\d+) \| 期末未化解 open (\d+)/.exec(out);
  expect(totals).not.toBeNull();
  const header = lines.findIndex((l) => l.includes(heading));
  expect(header).toBeGreaterThan(0);
  const rows: Array<Array<number>> = [];
  for (const line of lines.slice(header + 1)) {
    const m = /(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line);
    if (!m || line.includes("新增 new")) break;
    rows.push(m.slice(1).map(Number));
  }
  expect(rows.length).toBeGreaterThanOrEqual(2);
  for (let column = 0; column < 4; column++) {
    expect(rows.reduce((sum, row) => sum + row[column]!, 0)).toBe(Number(totals![column + 1]));
  }
});

test("time limits count on China's official calendar, and a year it lacks is refused by name until added", () => {
  expect(out).toMatch(/日历 \/ calendar: 中国法定节假日 \d{4}–\d{4}/);
  const refused = lines.find((l) => l.includes("30 days from 2026-12-10"))!;
  expect(refused).toContain("没有 2027 年的节假日安排");
  expect(refused).toContain("has no holiday schedule for 2027");
  expect(lines.find((l) => l.includes("with a 2027 schedule added"))).toMatch(/2027-01-11$/);
});
