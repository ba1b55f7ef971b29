import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../model/actor.js";
import type { LocalDate } from "../model/local-date.js";
import { zixiLowerGradeApprovers } from "../presets/zixi/grade-approvers.js";
import { type ActorRole, ActorRoles } from "../taxonomy/actor-roles.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { decode } from "../validation/decode.js";
import { confirmGrade } from "./confirm-grade.js";
import { GradeDecision } from "./grade-decision.js";
import { defaultGradingTable } from "./grade-dispute.js";
import { daysArb, factsArb } from "./grading-arbitraries.js";

const officer = (officerId: string, name: string, role: ActorRole = "coordinator"): Actor =>
  ({ officerId, name, unit: "u-pafz", role, scope: "532301104000" }) as Actor;
const today = "2025-03-01" as LocalDate;
const orange = defaultGradingTable().evaluate(
  { peopleInvolved: 8, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false, emotionalIntensity: 0, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false },
  0,
);
const lower = (first: Actor, second: Actor, options?: Parameters<typeof confirmGrade>[1]) =>
  confirmGrade({ recommendation: orange, officer: first, decidedOn: today, level: "yellow", reason: "已达成书面和解", secondOfficer: second }, options);

describe("the second officer of a lowered grade", () => {
  it("is told apart by officer id: two officers named 王芳 can co-sign", () => {
    const r = lower(officer("zx-0007", "王芳"), officer("zx-0031", "王芳", "township-leadership"));
    expect(r.ok && r.value.override?.secondOfficer?.officerId).toBe("zx-0031");
  });

  it("is not the same officer under another spelling of the name", () => {
    const r = lower(officer("zx-0007", "王芳"), officer("zx-0007", "王 芳"));
    expect(!r.ok && r.error._tag).toBe("SecondOfficerNotDifferent");
    const latin = lower(officer("zx-0007", "Wang Fang"), officer("zx-0007", "王芳", "township-leadership"));
    expect(!latin.ok && latin.error._tag).toBe("SecondOfficerNotDifferent");
  });

  it("must hold a role allowed to approve: a grid worker is refused, leadership and the peace and rule-of-law office are not", () => {
    expect(zixiLowerGradeApprovers).toEqual(["township-leadership", "coordinator"]);
    const grid = lower(officer("zx-0007", "王芳"), officer("zx-0102", "李华", "grid-worker"));
    expect(!grid.ok && grid.error._tag).toBe("SecondOfficerRoleNotAllowed");
    expect(!grid.ok && grid.error.message).toBe("调低风险等级须由镇领导或平安法治办工作人员复核确认 / lowering the level must be confirmed by township leadership or peace and rule-of-law office staff");
    expect(lower(officer("zx-0007", "王芳"), officer("zx-0102", "李华", "unit-officer")).ok).toBe(false);
    expect(lower(officer("zx-0007", "王芳", "grid-worker"), officer("zx-0102", "李华", "township-leadership")).ok).toBe(true);
  });

  it("takes the roles as an option", () => {
    const unitOfficer = officer("zx-0102", "李华", "unit-officer");
    expect(lower(officer("zx-0007", "王芳"), unitOfficer, { lowerGradeApprovers: ["unit-officer"] }).ok).toBe(true);
    const leadershipOnly = lower(officer("zx-0007", "王芳"), officer("zx-0102", "李华"), { lowerGradeApprovers: ["township-leadership"] });
    expect(!leadershipOnly.ok && leadershipOnly.error._tag === "SecondOfficerRoleNotAllowed" && leadershipOnly.error.allowed).toEqual(["township-leadership"]);
  });

  it("is not asked for a role when the level is raised", () => {
    const r = confirmGrade({ recommendation: orange, officer: officer("zx-0007", "王芳"), decidedOn: today, level: "red", reason: "有聚集苗头", secondOfficer: officer("zx-0102", "李华", "grid-worker") });
    expect(r.ok).toBe(true);
  });

  it("the stored decision's schema checks the ids, not the role", () => {
    const r = lower(officer("zx-0007", "王芳"), officer("zx-0102", "李华", "unit-officer"), { lowerGradeApprovers: ["unit-officer"] });
    if (!r.ok) throw r.error;
    expect(decode(GradeDecision, JSON.parse(JSON.stringify(r.value))).ok).toBe(true);
    const sameId = { ...r.value, override: { ...r.value.override!, secondOfficer: { ...r.value.confirmedBy, name: "王 芳" } } };
    expect(decode(GradeDecision, JSON.parse(JSON.stringify(sameId))).ok).toBe(false);
  });
});

const APPROVERS: ReadonlyArray<ActorRole> = ["township-leadership", "coordinator"];
const RANK: Readonly<Record<RiskLevel, number>> = { blue: 0, yellow: 1, orange: 2, red: 3 };
/** The rules of a decision, as the issue states them, written apart from confirmGrade. */
const expected = (recommended: RiskLevel, level: RiskLevel, reason: string | undefined, first: Actor, second: Actor | undefined): string => {
  if (second && second.officerId === first.officerId) return "SecondOfficerNotDifferent";
  if (level === recommended) return "ok";
  if ((reason ?? "").trim() === "") return "OverrideReasonRequired";
  if (RANK[level] < RANK[recommended]) {
    if (!second) return "SecondConfirmationRequired";
    if (!APPROVERS.includes(second.role)) return "SecondOfficerRoleNotAllowed";
  }
  return "ok";
};

const officerArb = fc
  .record({ id: fc.constantFrom("zx-0001", "zx-0002", "zx-0003"), name: fc.constantFrom("王芳", "王 芳", "李华"), role: fc.constantFrom<ActorRole>(...ActorRoles.codes) })
  .map(({ id, name, role }) => officer(id, name, role));

test.prop(
  [factsArb, daysArb, fc.constantFrom<RiskLevel>(...RiskLevels.codes), officerArb, fc.option(officerArb, { nil: undefined }), fc.option(fc.constantFrom("理由", " "), { nil: undefined })],
  { numRuns: 300 },
)("accepts exactly the decisions the rules allow: ids, not names, and an approving role to lower", (facts, days, level, first, second, reason) => {
  const recommendation = defaultGradingTable().evaluate(facts, days);
  const r = confirmGrade({
    recommendation, officer: first, decidedOn: today, level,
    ...(reason === undefined ? {} : { reason }),
    ...(second === undefined ? {} : { secondOfficer: second }),
  });
  expect(r.ok ? "ok" : r.error._tag).toBe(expected(recommendation.level, level, reason, first, second));
});
