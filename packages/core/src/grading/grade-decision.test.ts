import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { Actor } from "../model/actor.js";
import type { LocalDate } from "../model/local-date.js";
import { arbitraries } from "../testing/arbitraries.js";
import { RiskLevels } from "../taxonomy/risk-levels.js";
import { decode, encode } from "../validation/decode.js";
import { confirmGrade } from "./confirm-grade.js";
import { GradeDecision } from "./grade-decision.js";
import { defaultGradingTable } from "./grade-dispute.js";
import { daysArb, factsArb } from "./grading-arbitraries.js";

const actorArb = arbitraries.Actor.map((json) => {
  const r = decode(Actor, json);
  if (!r.ok) throw r.error;
  return r.value;
});
const table = defaultGradingTable();
const today = "2025-03-01" as LocalDate;

test.prop([factsArb, daysArb, actorArb, actorArb, fc.constantFrom(...RiskLevels.codes), fc.boolean()])(
  "every decision confirmGrade accepts is a valid GradeDecision, and survives encoding",
  (facts, days, officer, second, level, withSecond) => {
    const decided = confirmGrade({
      recommendation: table.evaluate(facts, days),
      officer,
      decidedOn: today,
      level,
      reason: "现场核实后调整",
      ...(withSecond ? { secondOfficer: second } : {}),
    });
    if (!decided.ok) return;
    const json = encode(GradeDecision, decided.value);
    expect(json.ok).toBe(true);
    if (json.ok) expect(decode(GradeDecision, JSON.parse(JSON.stringify(json.value)))).toEqual({ ok: true, value: decided.value });
  },
);

describe("a stored decision that breaks the rules is refused", () => {
  const zhang = { officerId: "zx-0001", name: "张明", unit: "u-pafz", role: "coordinator", scope: "532301104000" };
  const li = { ...zhang, officerId: "zx-0002", name: "李华" };
  const base = { recommended: "orange", level: "orange", priority: "high", tableVersion: "zixi-2025.2", firedRules: ["crowd-orange"], escalators: [], confirmedBy: zhang, decidedOn: "2025-03-01" };
  const problem = (input: unknown) => {
    const r = decode(GradeDecision, input);
    return r.ok ? undefined : r.error.issues.map((i) => i.zh);
  };

  it("accepts a confirmation and a lowered grade with a second officer", () => {
    expect(problem(base)).toBeUndefined();
    expect(problem({ ...base, level: "yellow", override: { direction: "down", reason: "已和解", secondOfficer: li } })).toBeUndefined();
  });

  it.each([
    ["a changed level without an override", { ...base, level: "red" }, "等级与建议等级不同时必须有调整记录，相同时不得有"],
    ["an override of an unchanged level", { ...base, override: { direction: "up", reason: "x" } }, "等级与建议等级不同时必须有调整记录，相同时不得有"],
    ["a direction that does not match", { ...base, level: "red", override: { direction: "down", reason: "x", secondOfficer: li } }, "调整方向与等级变化不符"],
    ["a lowered level without a second officer", { ...base, level: "blue", override: { direction: "down", reason: "x" } }, "调低等级须有另一名工作人员复核确认"],
    ["the same officer twice", { ...base, level: "blue", override: { direction: "down", reason: "x", secondOfficer: zhang } }, "复核人不能是作出决定的同一人"],
    ["a blank reason", { ...base, level: "red", override: { direction: "up", reason: " " } }, "应为 1–500 个字符，不能为空白，首尾不能有空格"],
  ])("%s", (_what, input, zh) => {
    expect(problem(input)).toEqual([zh]);
  });
});
