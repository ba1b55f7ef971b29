import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../model/actor.js";
import type { ListingId, OfficerId, PersonId, TaskId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import { compareTasks, helpFirst, type SupportTask, taskRank, tasksDue } from "./due-tasks.js";
import type { Listing } from "./listing.js";
import { dateArb, listingArb } from "./support-arbitraries.js";
import { MeasureKinds } from "./support-measures.js";
import { supportMeasures, zixiSupportMeasures } from "../presets/zixi/support-measures.js";

const D = (s: string) => s as LocalDate;
const actor: Actor = { officerId: "zx-0001" as OfficerId, name: "王芳", unit: "u-1" as UnitId, role: "unit-officer", scope: "532301104000" as Actor["scope"] };

const base = {
  person: "p-1" as PersonId,
  jurisdiction: "532301104201" as Listing["jurisdiction"],
  lawfulBasis: "依据",
  evidence: { text: "记录", assessedBy: "王芳", assessedOn: D("2025-01-06") },
  responsibleUnit: "u-1" as UnitId,
  responsiblePerson: "王芳",
  basisEndsOn: D("2026-01-06"),
  history: [{ kind: "opened", on: D("2025-01-06"), actor, nextReviewOn: D("2025-04-06") }],
} as const;

/** The listing with its first review date moved. */
const reviewDue = (l: Listing, nextReviewOn: string): Listing => ({ ...l, history: [{ ...base.history[0], nextReviewOn: D(nextReviewOn) }] });

const mental = (grade: 0 | 1 | 2 | 3 | 4 | 5): Listing => ({
  ...base,
  id: `l-mh-${grade}` as ListingId,
  category: 1,
  details: { kind: "mental-health", confirmedBy: "health-centre", confirmedOn: D("2025-01-06"), dangerousnessGrade: grade },
});

const hardship: Listing = {
  ...base,
  id: "l-hs" as ListingId,
  category: 5,
  details: { kind: "hardship", indicators: ["poverty", "self-harm-risk"], assessedBy: "王芳", assessedOn: D("2025-01-06") },
};

const measuresOf = (tasks: ReadonlyArray<SupportTask>) => tasks.map((t) => `${t.measure}@${t.dueOn}`);

describe("category 1 follow-up", () => {
  it("is due within two weeks for grades 3–5, on the fourteenth day", () => {
    expect(measuresOf(tasksDue([mental(4)], D("2025-01-19")))).toEqual([]);
    expect(measuresOf(tasksDue([mental(4)], D("2025-01-20")))).toEqual(["mental-health-follow-up@2025-01-20"]);
  });

  it("is due within three months for a stable grade 0, and stays due until done", () => {
    expect(tasksDue([mental(0)], D("2025-04-05"))).toEqual([]);
    const [t] = tasksDue([mental(0)], D("2025-04-06"));
    expect(t).toMatchObject({ dueOn: "2025-04-06", overdue: false });
    const later = tasksDue([reviewDue(mental(0), "2025-07-01")], D("2025-04-20"));
    expect(later[0]).toMatchObject({ dueOn: "2025-04-06", overdue: true });
  });

  it("counts the next interval from the last visit", () => {
    const l = reviewDue(mental(3), "2025-06-01");
    const done = [{ listing: l.id, measure: "mental-health-follow-up", on: D("2025-01-18") }];
    expect(measuresOf(tasksDue([l], D("2025-02-01"), { completions: done }))).toEqual(["mental-health-follow-up@2025-02-01"]);
    expect(tasksDue([l], D("2025-01-31"), { completions: done })).toEqual([]);
  });

  it("gives at least four visits a year by default and takes configured intervals", () => {
    const grade0 = zixiSupportMeasures.measures.find((m) => m.code === "mental-health-follow-up")!;
    expect(grade0.cadence).toMatchObject({ intervals: { 0: { months: 3 }, 3: { days: 14 } } });
    const two = supportMeasures({ followUpIntervals: { 0: { months: 2 } } });
    expect(measuresOf(tasksDue([mental(0)], D("2025-03-06"), { measures: two }))).toEqual(["mental-health-follow-up@2025-03-06"]);
  });
});

describe("tasks and listings", () => {
  it("puts category-5 assistance first and lists self-harm support on the day of listing", () => {
    const tasks = tasksDue([mental(5), hardship], D("2025-02-10"));
    expect(tasks.slice(0, 4).every((t) => t.category === 5 && t.kind === "assistance")).toBe(true);
    expect(measuresOf(tasksDue([hardship], D("2025-01-06")))).toEqual([
      "hardship-assistance-plan@2025-01-06",
      "self-harm-support@2025-01-06",
    ]);
  });

  it("produces nothing for a listing on the day after its review was missed", () => {
    expect(tasksDue([hardship], D("2025-04-06")).length).toBeGreaterThan(0);
    expect(tasksDue([hardship], D("2025-04-07"))).toEqual([]);
  });

  it("produces tasks up to the day before a removal, and none from it", () => {
    const removed: Listing = { ...hardship, history: [...hardship.history, { kind: "removed", on: D("2025-01-07"), actor, reason: { text: "误列" } }] };
    expect(tasksDue([removed], D("2025-01-06")).length).toBeGreaterThan(0);
    expect(tasksDue([removed], D("2025-01-07"))).toEqual([]);
  });

  it("refers for legal handling only where an unlawful act has been found", () => {
    const threat: Listing = {
      ...base,
      id: "l-t" as ListingId,
      category: 4,
      details: { kind: "threat", threats: [{ kind: "violence", documentedBy: "李明", documentedOn: D("2025-01-06"), record: "接警记录" }] },
    };
    const codes = (l: Listing) => tasksDue([l], D("2025-03-01")).map((t) => t.measure);
    expect(codes(threat)).not.toContain("legal-handling-referral");
    const found = { ...threat, details: { ...threat.details, unlawfulAct: { foundBy: "police-station", foundOn: D("2025-01-07"), record: "治安案件" } } } as Listing;
    expect(codes(found)).toContain("legal-handling-referral");
    expect(codes(found)).toContain("explain-law-and-decisions");
  });

  it("asks only for the registration items that are missing", () => {
    const migrant: Listing = {
      ...base,
      id: "l-m" as ListingId,
      category: 6,
      details: { kind: "residence", householdRegisteredElsewhere: true, registration: "registered", housing: "出租房", recordedBy: "网格员周丽", recordedOn: D("2025-01-06") },
    };
    expect(tasksDue([migrant], D("2025-01-21")).map((t) => t.measure)).toEqual(["record-employer"]);
  });

  it("never sets a due date after the basis ends", () => {
    const short = { ...reviewDue(mental(0), "2025-02-01"), basisEndsOn: D("2025-02-01") };
    expect(tasksDue([short], D("2025-02-01"))[0]?.dueOn).toBe("2025-02-01");
  });
});

const taskArb: fc.Arbitrary<SupportTask> = fc.record({
  id: fc.constant("t" as TaskId),
  listing: fc.constantFrom("l-1", "l-2", "l-3").map((s) => s as ListingId),
  person: fc.constant("p-1" as PersonId),
  category: fc.constantFrom(1, 2, 3, 4, 5, 6),
  measure: fc.constantFrom("a", "b"),
  kind: fc.constantFrom(...MeasureKinds.codes),
  title: fc.constant({ zh: "任务", en: "task" }),
  dueOn: dateArb,
  overdue: fc.boolean(),
  unit: fc.constant("u-1" as UnitId),
});

const helpComesFirst = (tasks: ReadonlyArray<SupportTask>) => {
  const firstOther = tasks.findIndex((t) => !(t.category === 5 && t.kind === "assistance"));
  if (firstOther === -1) return true;
  return tasks.slice(firstOther).every((t) => !(t.category === 5 && t.kind === "assistance"));
};

describe("properties", () => {
  test.prop([fc.array(listingArb(), { maxLength: 10 }), dateArb, fc.integer({ min: 0, max: 120 })], { numRuns: 150 })(
    "help first: in any task list from tasksDue, category-5 assistance tasks come first",
    (listings, asOf, horizonDays) => {
      const tasks = tasksDue(listings, asOf, { horizonDays });
      expect(helpComesFirst(tasks)).toBe(true);
    },
  );

  test.prop([fc.array(taskArb, { maxLength: 30 })], { numRuns: 150 })(
    "help first: helpFirst puts category-5 assistance first in any list, and is a stable order",
    (tasks) => {
      const ordered = helpFirst(tasks);
      expect(helpComesFirst(ordered)).toBe(true);
      for (let i = 1; i < ordered.length; i++) expect(compareTasks(ordered[i - 1]!, ordered[i]!)).toBeLessThanOrEqual(0);
      expect(ordered.map(taskRank)).toEqual([...ordered.map(taskRank)].sort());
    },
  );
});
