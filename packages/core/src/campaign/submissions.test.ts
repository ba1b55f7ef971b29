import { describe, expect, test } from "vitest";
import type { LocalDate } from "../model/local-date.js";
import { sampleTown } from "../testing/sample-town.js";
import { shanghaiStartOf } from "../calendar/local-dates.js";
import { deadlineByKey } from "./campaign-calendar.js";
import type { Submission } from "./ledger-data.js";
import { reportingUnits, submissionStatuses, unitsOwing } from "./submissions.js";
import { zixi2025 } from "../presets/zixi/campaign.js";

const d = (s: string) => s as LocalDate;
const town = sampleTown(2025, { villages: 9, persons: 60, disputes: 40 });
const first = deadlineByKey(zixi2025, "first-round@2024-11-28")!;
const units = reportingUnits(zixi2025, town.units);
const HOUR = 3_600_000;

describe("submissions of a sample town", () => {
  test("every village and community committee and each unit the plan names reports", () => {
    expect(units.length).toBe(11 + town.villages.length);
    expect(units.some((u) => u.kind === "governance-centre" || u.kind === "township-leadership" || u.kind === "city-political-legal-committee")).toBe(false);
    const summary = deadlineByKey(zixi2025, "summary-report@2025-05-31")!;
    expect(unitsOwing(zixi2025, summary, town.units).map((u) => u.kind)).toEqual(["peace-rule-of-law-office"]);
  });

  test("each unit is on time, late or missing, judged in Beijing time", () => {
    // Unit i: 0 → 23:59 on the due day, 1 → 00:01 the day after, 2 → nothing, 3 → a week early, 4 → 2 Dec.
    const submissions: Array<Submission> = [];
    units.forEach((u, i) => {
      const start = shanghaiStartOf(first.due);
      const at = [start + 24 * HOUR - 60_000, start + 24 * HOUR + 60_000, undefined, start - 7 * 24 * HOUR, shanghaiStartOf(d("2024-12-02")) + 9 * HOUR][i % 5];
      if (at !== undefined) submissions.push({ unit: u.id, deadline: first.key, submittedAt: at });
    });
    // A submission for another deadline does not count.
    submissions.push({ unit: units[2]!.id, deadline: "monthly-update@2024-12-28", submittedAt: shanghaiStartOf(d("2024-11-20")) });

    const onDueDay = submissionStatuses(zixi2025, first, town.units, submissions, d("2024-11-28"));
    const later = submissionStatuses(zixi2025, first, town.units, submissions, d("2024-12-05"));
    expect(later.length).toBe(units.length);
    units.forEach((u, i) => {
      const now = later[i]!;
      const then = onDueDay[i]!;
      expect(now.unit.id).toBe(u.id);
      switch (i % 5) {
        case 0:
          expect(now).toMatchObject({ status: "on-time", submittedOn: "2024-11-28" });
          expect(then.status).toBe("on-time");
          break;
        case 1:
          expect(now).toMatchObject({ status: "late", submittedOn: "2024-11-29" });
          expect(then).toMatchObject({ status: "missing", overdue: false });
          break;
        case 2:
          expect(now).toMatchObject({ status: "missing", overdue: true });
          break;
        case 3:
          expect(now).toMatchObject({ status: "on-time", submittedOn: "2024-11-21" });
          break;
        case 4:
          expect(now).toMatchObject({ status: "late", submittedOn: "2024-12-02" });
          expect(then).toMatchObject({ status: "missing", overdue: false });
          break;
      }
    });
  });
});
