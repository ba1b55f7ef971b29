import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../model/actor.js";
import type { LocalDate } from "../model/local-date.js";
import { type RiskLevel, RiskLevels, riskRank } from "../taxonomy/risk-levels.js";
import { confirmGrade } from "./confirm-grade.js";
import { defaultGradingTable } from "./grade-dispute.js";
import { daysArb, factsArb } from "./grading-arbitraries.js";

const actor = (name: string): Actor => ({ officerId: `id-${name}`, name, unit: "u-pafz", role: "coordinator", scope: "532301104000" }) as Actor;
const zhang = actor("张明");
const li = actor("李华");
const today = "2025-03-01" as LocalDate;
const orange = defaultGradingTable().evaluate(
  { peopleInvolved: 8, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false, emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false },
  0,
);

describe("confirmGrade", () => {
  it("records the officer who confirms the recommendation, and what it rests on", () => {
    const r = confirmGrade({ recommendation: orange, officer: zhang, decidedOn: today });
    expect(r).toEqual({
      ok: true,
      value: { recommended: "orange", level: "orange", priority: "high", tableVersion: "zixi-2025.2", firedRules: ["crowd-orange"], escalators: [], confirmedBy: zhang, decidedOn: today },
    });
  });

  it("needs a reason to override", () => {
    const r = confirmGrade({ recommendation: orange, officer: zhang, decidedOn: today, level: "red" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error._tag).toBe("OverrideReasonRequired");
      expect(r.error.message).toContain("理由");
    }
    expect(confirmGrade({ recommendation: orange, officer: zhang, decidedOn: today, level: "red", reason: "   " }).ok).toBe(false);
  });

  it("raises with a reason alone, and keeps the reason", () => {
    const r = confirmGrade({ recommendation: orange, officer: zhang, decidedOn: today, level: "red", reason: "双方约定械斗" });
    expect(r.ok && r.value.override).toEqual({ direction: "up", reason: "双方约定械斗" });
  });

  it("lowers only with a second, different officer, and keeps both", () => {
    const alone = confirmGrade({ recommendation: orange, officer: zhang, decidedOn: today, level: "yellow", reason: "已达成和解" });
    expect(!alone.ok && alone.error._tag).toBe("SecondConfirmationRequired");
    const same = confirmGrade({ recommendation: orange, officer: zhang, decidedOn: today, level: "yellow", reason: "已达成和解", secondOfficer: { ...zhang, unit: "u-other" } as Actor });
    expect(!same.ok && same.error._tag).toBe("SecondOfficerNotDifferent");
    const both = confirmGrade({ recommendation: orange, officer: zhang, decidedOn: today, level: "yellow", reason: "已达成和解", secondOfficer: li });
    expect(both.ok && both.value).toMatchObject({ confirmedBy: zhang, level: "yellow", recommended: "orange", override: { direction: "down", reason: "已达成和解", secondOfficer: li } });
  });

  const officerArb = fc.constantFrom("张明", "李华", "王芳");
  test.prop([factsArb, daysArb, fc.constantFrom<RiskLevel>(...RiskLevels.codes), officerArb, fc.option(officerArb, { nil: undefined }), fc.option(fc.constantFrom("理由", ""), { nil: undefined })], { numRuns: 150 })(
    "never allows a lower level without a second, different officer, nor any override without a reason",
    (facts, days, level, first, second, reason) => {
      const recommendation = defaultGradingTable().evaluate(facts, days);
      const r = confirmGrade({
        recommendation, officer: actor(first), decidedOn: today, level,
        ...(reason === undefined ? {} : { reason }),
        ...(second === undefined ? {} : { secondOfficer: actor(second) }),
      });
      if (!r.ok) return;
      const d = r.value;
      expect(d.level).toBe(level);
      expect(d.recommended).toBe(recommendation.level);
      if (level !== recommendation.level) {
        expect(d.override?.reason.trim()).not.toBe("");
      }
      if (riskRank(level) < riskRank(recommendation.level)) {
        expect(d.override?.secondOfficer).toBeDefined();
        expect(d.override?.secondOfficer?.officerId).not.toBe(actor(first).officerId);
      }
    },
  );
});
