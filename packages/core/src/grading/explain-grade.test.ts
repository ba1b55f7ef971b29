import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { compileGradingTable } from "./compile-grading-table.js";
import { explainGrade } from "./explain-grade.js";
import { defaultGradingTable } from "./grade-dispute.js";
import { daysArb, factsArb } from "./grading-arbitraries.js";
import type { GradingResult } from "./grading-result.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";

const table = defaultGradingTable();
const HAN = /\p{Script=Han}/u;

describe("explainGrade", () => {
  test.prop([factsArb, daysArb, fc.constantFrom("zh" as const, "en" as const)])(
    "explains every result, fresh or read back from JSON, with one text per rule, escalation and task",
    (facts, days, lang) => {
      const result = table.evaluate(facts, days);
      const a = explainGrade(result, lang);
      expect(a.ok).toBe(true);
      if (!a.ok) return;
      expect(explainGrade(JSON.parse(JSON.stringify(result)), lang, table)).toEqual(a);
      expect(a.value.fired.map((f) => f.id)).toEqual(result.fired.map((f) => f.id));
      expect(a.value.escalations.map((e) => e.id)).toEqual(result.escalations.map((e) => e.id));
      expect(a.value.tasks.map((t) => t.id)).toEqual(result.tasks.map((t) => t.id));
      for (const text of [a.value.level, a.value.priority, a.value.basePriority, ...a.value.fired.flatMap((f) => [f.description, f.reason]), ...a.value.escalations.map((e) => e.reason)]) {
        expect(text.length).toBeGreaterThan(0);
        expect(HAN.test(text)).toBe(lang === "zh");
      }
    },
  );

  it("refuses a result of another table version, with a typed, bilingual error", () => {
    const result = table.evaluate({ ...factsOf(), peopleInvolved: 8 }, 0);
    const other = compileGradingTable({ ...zixiGradingTable, version: "county-2026.1" });
    if (!other.ok) throw other.error;
    const r = explainGrade(result, "zh", other.value);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error._tag).toBe("GradeTableMismatch");
    expect(r.error).toMatchObject({ resultVersion: "zixi-2025.2", tableVersion: "county-2026.1" });
    expect(r.error.message).toMatch(/版本.* \/ .*version/);
    expect(explainGrade({ ...result, tableVersion: "zixi-2025.1" }).ok).toBe(false);
  });

  it("refuses a result that names what the table does not have, whatever its version says", () => {
    const result = table.evaluate({ ...factsOf(), peopleInvolved: 8 }, 400);
    const cases: ReadonlyArray<GradingResult> = [
      { ...result, fired: [{ id: "no-such-rule", level: "orange", reads: [] }] },
      { ...result, fired: [{ ...result.fired[0]!, level: "red" }] },
      { ...result, escalations: [{ id: "no-such-escalator", from: "high", to: "urgent", reads: [] }] },
      { ...result, tasks: [{ id: "no-such-task", kind: "assistance", precedence: "normal" }] },
      { ...result, values: {} },
      { ...result, level: "purple" as never },
    ];
    for (const bad of cases) {
      const r = explainGrade(bad, "en");
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.text.en).toContain("does not match");
    }
  });

  const fields = ["tableVersion", "level", "priority", "fired", "escalations", "tasks", "daysUnresolved", "values"] as const;
  test.prop([fc.anything(), factsArb, daysArb, fc.constantFrom(...fields), fc.anything()], { numRuns: 200 })(
    "never throws, whatever it is given, even a real result with one field replaced",
    (junk, facts, days, field, value) => {
      expect(typeof explainGrade(junk as GradingResult, "zh").ok).toBe("boolean");
      const result = { ...table.evaluate({ ...facts, peopleInvolved: 40 }, days + 200), [field]: value };
      expect(typeof explainGrade(result as GradingResult, "en").ok).toBe("boolean");
      expect(typeof explainGrade({ ...result, fired: [value] } as GradingResult, "en").ok).toBe("boolean");
    },
  );
});

function factsOf() {
  return { peopleInvolved: 2, amountAtStake: 0, threatOfViolence: false, selfHarmRisk: false, violentHistory: false, emotionalIntensity: 0 as const, failedMediations: 0, vulnerableParty: false, unpaidMajorProjectLandCompensation: false };
}
