/**
 * @internal A complete, passing ledger built over a sample town, for tests: every
 * dispute registered, accepted, graded, assigned with a named person and a
 * measure, in mediation the next day; every third resolved and closed; every
 * reporting unit submits every deadline the day before it is due.
 */
import type { Actor } from "../model/actor.js";
import type { EventId, OfficerId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { DisputeDomain } from "../taxonomy/dispute-domains.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";
import { zixiGradingTable } from "../presets/zixi/grading-table.js";
import type { SampleTown } from "../testing/sample-town.js";
import { plusDays, shanghaiStartOf } from "../calendar/local-dates.js";
import type { CaseRecord } from "../lifecycle/case-record.js";
import { registerCase, transitionCase } from "../lifecycle/transition-case.js";
import type { Campaign } from "./campaign.js";
import { deadlinesBetween } from "./campaign-calendar.js";
import type { LedgerData, LedgerGrade, ResolutionMeasure, Submission } from "./ledger-data.js";
import { reportingUnits } from "./submissions.js";

const LEVELS: ReadonlyArray<RiskLevel> = ["blue", "yellow", "blue", "orange", "blue", "yellow", "red"];

/** @internal */
export const fixtureActor = (town: SampleTown): Actor => ({
  officerId: "zx-0001" as OfficerId,
  name: "张明",
  unit: "u-pafzb" as UnitId,
  role: "coordinator",
  scope: town.township.code,
});

/** @internal Steps a case through the given transitions; throws in tests when one is refused. */
export const buildCase = (
  town: SampleTown,
  dispute: { readonly id: string; readonly domain: DisputeDomain; readonly reportedOn: LocalDate },
  steps: ReadonlyArray<readonly [string, number, Record<string, string>?]>,
): CaseRecord => {
  const actor = fixtureActor(town);
  const first = registerCase({ dispute: dispute.id as never, domain: dispute.domain, on: dispute.reportedOn, actor, eventId: `e-${dispute.id}-0` as EventId });
  if (!first.ok) throw first.error;
  let record = first.value.record;
  steps.forEach(([transition, offset, fields], i) => {
    const r = transitionCase(record, {
      transition,
      actor,
      on: plusDays(dispute.reportedOn, offset),
      eventId: `e-${dispute.id}-${i + 1}` as EventId,
      units: town.units,
      ...(fields ? { fields } : {}),
    });
    if (!r.ok) throw r.error;
    record = r.value.record;
  });
  return record;
};

/** @internal */
export const completeLedger = (town: SampleTown, campaign: Campaign, until: LocalDate): LedgerData & {
  readonly cases: ReadonlyArray<CaseRecord>;
  readonly grades: ReadonlyArray<LedgerGrade>;
  readonly resolutionMeasures: ReadonlyArray<ResolutionMeasure>;
  readonly submissions: ReadonlyArray<Submission>;
} => {
  const villageUnit = new Map(town.units.map((u) => [u.jurisdiction as string, u.id]));
  const cases = town.disputes.map((d, i) => {
    const lead = villageUnit.get(d.jurisdiction) ?? ("u-sfs" as UnitId);
    const steps: Array<readonly [string, number, Record<string, string>?]> = [
      ["accept", 0],
      ["assign", 0, { leadUnit: lead, responsiblePerson: "李娟" }],
      ["start-mediation", 1, { channel: "people-mediation" }],
    ];
    if (i % 3 === 0) steps.push(["resolve", 10, { outcome: "agreement" }], ["close", 15]);
    return buildCase(town, d, steps);
  });
  const grades = town.disputes.map((d, i): LedgerGrade => {
    const level = LEVELS[i % LEVELS.length]!;
    return { dispute: d.id, level, priority: zixiGradingTable.basePriority[level], on: d.reportedOn };
  });
  const resolutionMeasures = town.disputes.map((d): ResolutionMeasure => ({ dispute: d.id, measure: "组织双方调解", recordedOn: d.reportedOn }));
  const submissions: Array<Submission> = [];
  const units = reportingUnits(campaign, town.units);
  for (const deadline of deadlinesBetween(campaign, "2024-11-01" as LocalDate, until)) {
    const owing = deadline.owedBy === "reporting-units" ? units : town.units.filter((u) => (deadline.owedBy as ReadonlyArray<string>).includes(u.kind));
    for (const u of owing) submissions.push({ unit: u.id, deadline: deadline.key, submittedAt: shanghaiStartOf(deadline.due) - 14 * 3_600_000 });
  }
  return { units: town.units, disputes: town.disputes, cases, grades, resolutionMeasures, submissions };
};
