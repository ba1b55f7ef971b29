import {
  type Actor,
  type DisputeView,
  type Ledger,
  type LocalDate,
  type Result,
  type SupportCategory,
  type UnitKind,
  campaignStart,
  criterionOf,
  deadlinesBetween,
  leadUnitFor,
  listingIdOrThrow,
  plusDays,
  plusInterval,
  reportingUnits,
  shanghaiStartOf,
  zixi2025,
  zixiSupportCriteria,
} from "@tiaojie/core";
import type { SampleOfficers, SampleTown } from "@tiaojie/core/testing";

const MINUTE = 60_000;

/** What the played months did, counted as the ledger confirmed each step. */
export interface PlayCounts {
  persons: number;
  disputes: number;
  gradesConfirmed: number;
  assigned: number;
  mediations: number;
  measures: number;
  mediationsFailed: number;
  resolved: number;
  closed: number;
  listingsOpened: number;
  listingReviews: number;
  listingsEnded: number;
  tasksCompleted: number;
  submissions: number;
}

/** The played months: what they did, and every step the ledger refused (none, when the data are as the demo expects). */
export interface CampaignPlay {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly counts: PlayCounts;
  readonly refusals: ReadonlyArray<string>;
}

/** A clock the play moves forward, step by step (`fixedClock` of `@tiaojie/core`). */
export interface SteppedClock {
  readonly set: (at: number) => void;
}

interface Step {
  readonly day: LocalDate;
  /** The hour of the day the step runs at (Asia/Shanghai). */
  readonly hour: number;
  readonly run: () => Promise<void>;
}

/** The facts that qualify a person for a category on a day, as the officer who assessed them recorded them. */
const qualifyingFacts = (person: string, category: SupportCategory, on: LocalDate, officer: string) => {
  switch (category) {
    case 1:
      return { person, mentalHealth: { confirmedBy: "health-centre", confirmedOn: on, dangerousnessGrade: 2 } };
    case 2:
      return { person, correction: { kind: "released", releasedOn: plusDays(on, -60), recordedBy: officer, recordedOn: on } };
    case 3:
      return { person, crisis: { assessedBy: officer, profession: "社工", assessedOn: on, indicators: ["life-setback", "emotional-imbalance"] } };
    case 4:
      return { person, threats: [{ kind: "violence", documentedBy: "派出所民警", documentedOn: on, record: "扬言对邻居实施暴力报复，接警记录存档" }] };
    case 5:
      return { person, hardship: { indicators: ["poverty", "serious-illness"], assessedBy: officer, assessedOn: on } };
    case 6:
      return { person, residence: { householdRegisteredElsewhere: true, registration: "unregistered", housing: "出租房", recordedBy: officer, recordedOn: on } };
  }
};

/** Who opens a listing of each category: the unit the access policy lets record its details. */
const OPENER: Readonly<Record<SupportCategory, UnitKind>> = {
  1: "health-centre",
  2: "justice-office",
  3: "social-affairs-office",
  4: "peace-rule-of-law-office",
  5: "social-affairs-office",
  6: "police-station",
};

/**
 * Plays the Zixi campaign's months on a ledger, from the campaign's first day to
 * `to`, one step at a time, the clock set to each step's day and hour before it
 * runs (so every record is dated as it would have been):
 *
 * - the residents are registered by the social affairs office on the first day;
 *   the disputes by the peace and rule-of-law office on the day each was
 *   reported, one bulk registration a day (graded and routed as they come in);
 * - the next day, the coordinator confirms each grade (one in 17 is left to
 *   confirm) and accepts and assigns the dispute to the unit its route names (one
 *   in 23 is left unassigned), with a named responsible person;
 * - two days after the report the lead unit starts mediation on the route's
 *   channel and records a measure (one in 19 without); one in 13 mediations
 *   fails first (a named person takes charge, the parties are told of the court
 *   route) and starts again a week later; two in three are resolved and closed;
 * - the town's support listings still open on the first day, or opened later,
 *   are opened by the unit the policy lets record them, with qualifying facts;
 *   reviewed, ended or removed on the days the town's history says; every Monday
 *   each of those units carries out the tasks due under its listings, help first
 *   (one listing in four is behind, so some tasks run overdue);
 * - every reporting unit submits its ledger for each deadline the day before it
 *   is due (one in seven two days late, one in eleven not at all).
 *
 * Steps that only a later day would take are not played. A step the ledger
 * refuses is counted as a refusal, with the ledger's message, and the play goes on.
 */
export const playCampaign = async (ledger: Ledger, clock: SteppedClock, town: SampleTown, officers: SampleOfficers, to: LocalDate): Promise<CampaignPlay> => {
  const from = campaignStart(zixi2025);
  const counts: PlayCounts = {
    persons: 0,
    disputes: 0,
    gradesConfirmed: 0,
    assigned: 0,
    mediations: 0,
    measures: 0,
    mediationsFailed: 0,
    resolved: 0,
    closed: 0,
    listingsOpened: 0,
    listingReviews: 0,
    listingsEnded: 0,
    tasksCompleted: 0,
    submissions: 0,
  };
  const refusals: Array<string> = [];
  const steps: Array<Step> = [];
  const at = (day: LocalDate, hour: number, run: () => Promise<void>): void => {
    if (day >= from && day <= to) steps.push({ day, hour, run });
  };
  /** Runs a use case; a refusal is recorded with what was asked, and gives undefined. */
  const attempt = async <A>(what: string, call: Promise<Result<A, { readonly message: string }>>): Promise<A | undefined> => {
    const r = await call;
    if (r.ok) return r.value;
    refusals.push(`${what}: ${r.error.message}`);
    return undefined;
  };

  const { coordinator } = officers;
  const social = officers.ofKind("social-affairs-office");

  // The residents' register, taken over on the first day.
  at(from, 8, async () => {
    for (const person of town.persons) if ((await attempt(`registerPerson ${person.id}`, ledger.registerPerson(social, person))) !== undefined) counts.persons++;
  });

  // Disputes: one bulk registration a day, then each dispute's own steps.
  const byDay = new Map<LocalDate, Array<SampleTown["disputes"][number]>>();
  for (const d of town.disputes) if (d.reportedOn >= from && d.reportedOn <= to) byDay.set(d.reportedOn, [...(byDay.get(d.reportedOn) ?? []), d]);
  for (const [day, disputes] of byDay) {
    at(day, 9, async () => {
      const r = await attempt(`registerDisputes ${day}`, ledger.registerDisputes(coordinator, { run: `register-${day}`, items: disputes.map((dispute) => ({ dispute })) }));
      if (r !== undefined) counts.disputes += r.registered;
    });
  }
  town.disputes.forEach((d, i) => {
    let view: DisputeView | undefined;
    let lead: Actor | undefined;
    const r = d.reportedOn;
    /** A change of the dispute at the version last seen; the view it returns is the one seen next. */
    const change = async (what: string, call: (v: DisputeView) => Promise<Result<DisputeView, { readonly message: string }>>): Promise<boolean> => {
      if (view === undefined) return false;
      const next = await attempt(`${what} ${d.id}`, call(view));
      if (next !== undefined) view = next;
      return next !== undefined;
    };
    at(plusDays(r, 1), 10, async () => {
      view = await attempt(`getDispute ${d.id}`, ledger.getDispute(coordinator, d.id));
      if (i % 17 !== 5 && (await change("decideGrade", (v) => ledger.decideGrade(coordinator, { dispute: v.id, version: v.version })))) counts.gradesConfirmed++;
      if (!(await change("accept", (v) => ledger.transition(coordinator, { dispute: v.id, version: v.version, transition: "accept" })))) return;
      if (i % 23 === 7 || view === undefined) return;
      const unit = leadUnitFor(view.route, d.jurisdiction, town.units);
      if (unit === undefined) return void refusals.push(`assign ${d.id}: the town has no ${view.route.lead}`);
      lead = officers.of(unit);
      const fields = { leadUnit: unit.id, responsiblePerson: lead.name };
      if (await change("assign", (v) => ledger.transition(coordinator, { dispute: v.id, version: v.version, transition: "assign", fields }))) counts.assigned++;
      else lead = undefined;
    });
    const channel = () => view?.route.linkages[0] ?? "people-mediation";
    at(plusDays(r, 2), 11, async () => {
      if (lead === undefined) return;
      const by = lead;
      if (await change("start-mediation", (v) => ledger.transition(by, { dispute: v.id, version: v.version, transition: "start-mediation", fields: { channel: channel() } }))) counts.mediations++;
      if (i % 19 !== 4 && (await change("recordMeasure", (v) => ledger.recordMeasure(by, { dispute: v.id, version: v.version, measure: "组织双方当事人面对面调解，释法说理" })))) counts.measures++;
    });
    const fails = i % 13 === 4;
    if (fails) {
      at(plusDays(r, 9), 14, async () => {
        if (lead === undefined || view?.case.status !== "in-mediation") return;
        const by = lead;
        const fields = { reason: "双方分歧较大，调解未成；已告知可通过诉讼程序解决", responsiblePerson: by.name };
        if (await change("fail-mediation", (v) => ledger.transition(by, { dispute: v.id, version: v.version, transition: "fail-mediation", fields }))) counts.mediationsFailed++;
      });
      at(plusDays(r, 16), 14, async () => {
        if (lead === undefined || view?.case.status !== "mediation-failed") return;
        const by = lead;
        await change("remediate", (v) => ledger.transition(by, { dispute: v.id, version: v.version, transition: "remediate", fields: { channel: "judicial-mediation" } }));
      });
    }
    if (i % 3 !== 2) {
      const resolvedOn = plusDays(r, (fails ? 23 : 7) + (i % 40));
      at(resolvedOn, 15, async () => {
        if (lead === undefined || view?.case.status !== "in-mediation") return;
        const by = lead;
        const fields = { outcome: i % 10 === 0 ? ("withdrawal" as const) : ("agreement" as const) };
        if (await change("resolve", (v) => ledger.transition(by, { dispute: v.id, version: v.version, transition: "resolve", fields }))) counts.resolved++;
      });
      at(plusDays(resolvedOn, 5), 16, async () => {
        if (view?.case.status !== "resolved") return;
        if (await change("close", (v) => ledger.transition(coordinator, { dispute: v.id, version: v.version, transition: "close" }))) counts.closed++;
      });
    }
  });

  // Support listings: those of the town still open on the first day, or opened later.
  const openers = new Map<string, Actor>();
  const behind = new Set<string>();
  town.listings.forEach((listing, n) => {
    const history = listing.history;
    const closedBefore = history.some((e) => (e.kind === "ended" || e.kind === "removed" || e.kind === "lapsed") && e.on <= from);
    const openedOn = history[0]!.on < from ? from : history[0]!.on;
    if (closedBefore || openedOn > to) return;
    const opener = officers.ofKind(OPENER[listing.category]);
    const id = listingIdOrThrow(listing.id);
    let version: number | undefined;
    at(openedOn, 12, async () => {
      const facts = qualifyingFacts(listing.person, listing.category, openedOn, opener.name);
      const opened = await attempt(`openListing ${id}`, ledger.openListing(opener, { facts, category: listing.category, id, responsibleUnit: opener.unit, responsiblePerson: opener.name }));
      if (opened === undefined) return;
      version = opened.version;
      openers.set(id, opener);
      if (n % 4 === 3) behind.add(id);
      counts.listingsOpened++;
    });
    const reviewEvery = criterionOf(zixiSupportCriteria, listing.category).reviewEvery;
    for (const e of history) {
      if (e.on <= openedOn) continue;
      if (e.kind === "reviewed") {
        at(e.on, 13, async () => {
          if (version === undefined) return;
          const r = await attempt(`reviewListing ${id}`, ledger.reviewListing(opener, { listing: id, version, nextReviewOn: plusInterval(e.on, reviewEvery) }));
          if (r === undefined) return;
          version = r.version;
          counts.listingReviews++;
        });
      } else if (e.kind === "ended" || e.kind === "removed") {
        at(e.on, 13, async () => {
          if (version === undefined) return;
          const input = { listing: id, version, reason: e.kind === "ended" ? "帮扶目标已达成，情况稳定" : "已迁出本镇" };
          const r = await attempt(`${e.kind} ${id}`, e.kind === "ended" ? ledger.endListing(opener, input) : ledger.removeListing(opener, input));
          if (r === undefined) return;
          version = undefined;
          counts.listingsEnded++;
        });
      }
    }
  });
  // Every Monday, each unit carries out the tasks due under its own listings.
  const openerUnits = [...new Set(Object.values(OPENER))].map((kind) => officers.ofKind(kind));
  for (let day = from; day <= to; day = plusDays(day, 1)) {
    if (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) continue;
    const monday = day;
    at(monday, 17, async () => {
      for (const unit of openerUnits) {
        const due = await attempt(`tasksDue ${unit.unit}`, ledger.tasksDue(unit, { asOf: monday }));
        for (const task of due?.support ?? []) {
          if (task.shown !== "full" || openers.get(task.listing)?.unit !== unit.unit || behind.has(task.listing)) continue;
          if ((await attempt(`completeTask ${task.listing}`, ledger.completeTask(unit, { listing: task.listing, measure: task.measure, on: monday }))) !== undefined) counts.tasksCompleted++;
        }
      }
    });
  }

  // Ledger submissions for every deadline the reporting units owe.
  const reporting = reportingUnits(zixi2025, town.units);
  for (const deadline of deadlinesBetween(zixi2025, from, to)) {
    if (deadline.owedBy !== "reporting-units") continue;
    reporting.forEach((unit, k) => {
      if (k % 11 === 5) return;
      const day = k % 7 === 3 ? plusDays(deadline.due, 2) : plusDays(deadline.due, -1);
      at(day, 16, async () => {
        if ((await attempt(`recordSubmission ${unit.id} ${deadline.key}`, ledger.recordSubmission(officers.of(unit), { deadline: deadline.key }))) !== undefined) counts.submissions++;
      });
    });
  }

  // In order of day and hour; steps of the same hour in the order they were planned.
  const ordered = steps.map((s, seq) => ({ ...s, seq })).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.hour - b.hour || a.seq - b.seq));
  let last = 0;
  for (const step of ordered) {
    const instant = shanghaiStartOf(step.day) + step.hour * 60 * MINUTE;
    last = Math.max(last + 1, instant);
    clock.set(last);
    await step.run();
  }
  return { from, to, counts, refusals };
};
