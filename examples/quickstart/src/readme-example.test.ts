import { type LocalDate, Dispute, decode, defaultGradingTable, encode, explainGrade, routeDispute } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { expect, test } from "vitest";

// The README's usage example, run as written (with a dispute from a sample town).
test("the README example: decode, grade with reasons, route", () => {
  const json = encode(Dispute, sampleTown(1).disputes[0]!);
  if (!json.ok) throw json.error;
  const body = JSON.stringify(json.value);
  const result = decode(Dispute, JSON.parse(body));
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const dispute = result.value;
  const grade = defaultGradingTable().grade(dispute, "2025-02-10" as LocalDate);
  const why = explainGrade(grade, "zh");
  expect(why.ok).toBe(true);
  if (why.ok) for (const rule of why.value.fired) expect(rule.reason.length).toBeGreaterThan(0);
  const route = routeDispute({ domain: dispute.domain, level: grade.level, facts: dispute.facts });
  expect(route.reasons.length).toBeGreaterThan(0);
});
