import { describe, expect, test } from "vitest";
import type { ListingId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { Listing } from "../support/listing.js";
import { sampleTown } from "../testing/sample-town.js";
import { shanghaiStartOf } from "../calendar/local-dates.js";
import { buildCase, completeLedger } from "./ledger-fixture.js";
import type { LedgerData, ScheduledMeasure } from "./ledger-data.js";
import { evaluatePhaseRules } from "./phase-rules.js";
import { reportingUnits } from "./submissions.js";
import { zixi2025 } from "../presets/zixi/campaign.js";

const d = (s: string) => s as LocalDate;
const town = sampleTown(77, { villages: 6, persons: 120, disputes: 80 });
const ledger = completeLedger(town, zixi2025, d("2025-06-30"));
const inPhase1 = town.disputes.filter((x) => x.reportedOn <= "2025-01-31");
const afterPhase1 = town.disputes.find((x) => x.reportedOn > "2025-01-31")!;

const officer = { officerId: "shswb-01", name: "王芳", unit: "u-shswb", role: "unit-officer", scope: town.township.code };
const opened = { kind: "opened", on: "2024-12-01", actor: officer, nextReviewOn: "2025-03-01" };
const reviewed = { kind: "reviewed", on: "2025-02-20", actor: officer, nextReviewOn: "2025-05-20" };
const listing = (id: string, basisEndsOn: string, history: ReadonlyArray<object> = [opened, reviewed]): Listing =>
  ({
    id, person: town.persons[0]!.id, jurisdiction: town.villages[0]!.code, category: 5,
    lawfulBasis: "《社会救助暂行办法》",
    evidence: { text: "家庭收入低于当地低保标准", assessedBy: "王芳", assessedOn: "2024-12-01" },
    responsibleUnit: "u-shswb", responsiblePerson: "王芳", basisEndsOn,
    details: { kind: "hardship", indicators: ["poverty"], assessedBy: "王芳", assessedOn: "2024-12-01" },
    history,
  }) as unknown as Listing;
/** Not active at the end of phase 2: removed in April, or lapsed since its review was missed in March. */
const removed = listing("l-4", "2025-12-01", [opened, reviewed, { kind: "removed", on: "2025-04-01", actor: officer, reason: { text: "已迁出本镇" } }]);
const lapsed = listing("l-5", "2025-12-01", [opened]);

const failures = (data: LedgerData, phase: string) =>
  Object.fromEntries(evaluatePhaseRules(zixi2025, phase, data)!.failing.map((f) => [f.check.id, f.records]));

describe("phase rules of the Zixi preset", () => {
  test("a complete ledger passes every phase", () => {
    const withSummary = ledger;
    for (const phase of ["sweep", "resolution", "summary"]) expect(failures(withSummary, phase)).toEqual({});
    expect(evaluatePhaseRules(zixi2025, "nope", ledger)).toBeUndefined();
  });

  test("phase 1: each seeded failure is found, and nothing else", () => {
    const missingUnit = reportingUnits(zixi2025, town.units)[3]!;
    const ungraded = inPhase1[5]!;
    const unassigned = inPhase1[7]!;
    const declined = inPhase1[9]!;
    const data: LedgerData = {
      ...ledger,
      submissions: ledger.submissions.filter((s) => !(s.unit === missingUnit.id && s.deadline === "monthly-update@2024-12-28")),
      // A dispute reported after the phase has no grade yet: not this phase's concern.
      grades: ledger.grades.filter((g) => g.dispute !== ungraded.id && g.dispute !== afterPhase1.id),
      cases: ledger.cases.map((c) =>
        c.dispute === unassigned.id
          ? buildCase(town, unassigned, [["accept", 0]])
          : c.dispute === declined.id
            ? buildCase(town, declined, [["decline", 1, { reason: "属劳动争议", properChannel: "向劳动人事争议仲裁委员会申请仲裁" }]])
            : c,
      ),
    };
    expect(failures(data, "sweep")).toEqual({
      "sweep-submitted": [{ kind: "submission", unit: missingUnit.id, deadline: "monthly-update@2024-12-28" }],
      "sweep-graded": [{ kind: "dispute", id: ungraded.id }],
      "sweep-assigned": [{ kind: "dispute", id: unassigned.id }],
    });
  });

  test("phase 1: a late submission counts as submitted; one after the phase's end does not", () => {
    const unit = reportingUnits(zixi2025, town.units)[0]!;
    const moved = (at: number) => ({
      ...ledger,
      submissions: ledger.submissions.map((s) => (s.unit === unit.id && s.deadline === "monthly-update@2025-01-28" ? { ...s, submittedAt: at } : s)),
    });
    expect(failures(moved(shanghaiStartOf(d("2025-01-30"))), "sweep")).toEqual({});
    expect(failures(moved(shanghaiStartOf(d("2025-02-01"))), "sweep")).toEqual({
      "sweep-submitted": [{ kind: "submission", unit: unit.id, deadline: "monthly-update@2025-01-28" }],
    });
  });

  test("phase 2: open disputes without a responsible person or a measure, listings without measures", () => {
    const open = town.disputes.filter((x, i) => x.reportedOn <= "2025-04-30" && i % 3 !== 0);
    const notAssigned = open[2]!;
    const noMeasure = open[4]!;
    const resolvedNoMeasure = town.disputes[0]!; // resolved and closed: no longer open
    const scheduled: ReadonlyArray<ScheduledMeasure> = [
      { listing: "l-1" as ListingId, measure: "assistance-visit", dueOn: d("2025-03-01"), scheduledOn: d("2024-12-02") },
    ];
    const data: LedgerData = {
      ...ledger,
      cases: ledger.cases.map((c) => (c.dispute === notAssigned.id ? buildCase(town, notAssigned, [["accept", 0]]) : c)),
      resolutionMeasures: ledger.resolutionMeasures.filter((m) => m.dispute !== noMeasure.id && m.dispute !== resolvedNoMeasure.id),
      listings: [listing("l-1", "2025-12-01"), listing("l-2", "2025-12-01"), listing("l-3", "2025-03-01"), removed, lapsed],
      scheduledMeasures: scheduled,
    };
    expect(failures(data, "resolution")).toEqual({
      "resolution-responsible": [{ kind: "dispute", id: notAssigned.id }],
      "resolution-measure": [{ kind: "dispute", id: noMeasure.id }],
      "resolution-listings": [{ kind: "listing", id: "l-2" }],
    });
  });

  test("phase 3: the summary report must exist by 31 May", () => {
    const data: LedgerData = { ...ledger, submissions: ledger.submissions.filter((s) => !s.deadline.startsWith("summary-report@")) };
    expect(failures(data, "summary")).toEqual({
      "summary-report": [{ kind: "submission", unit: "u-pafzb", deadline: "summary-report@2025-05-31" }],
    });
  });
});
