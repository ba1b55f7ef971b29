import type { ListingId, PersonId, TaskId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { UnitKind } from "../taxonomy/unit-kinds.js";
import type { Bilingual } from "../validation/bilingual.js";
import { plusDays, plusInterval, minDate, type Interval } from "../calendar/local-dates.js";
import type { Listing } from "./listing.js";
import { isListingActive, listingStartedOn } from "./listing-status.js";
import { type MeasureCondition, type MeasureKind, type SupportMeasure, type SupportMeasures } from "./support-measures.js";
import { zixiSupportMeasures } from "../presets/zixi/support-measures.js";

/**
 * A task that falls due under a listing: which listing, person and measure, what to
 * do, the day it is due, whether it is overdue on the day asked about, and the
 * responsible unit (plus the unit a referral goes to).
 *
 * @example
 * ```ts
 * const [first]: ReadonlyArray<SupportTask> = tasksDue(listings, asOf);
 * ```
 * @since 0.1.0
 */
export interface SupportTask {
  readonly id: TaskId;
  readonly listing: ListingId;
  readonly person: PersonId;
  readonly category: SupportCategory;
  readonly measure: string;
  readonly kind: MeasureKind;
  readonly title: Bilingual;
  readonly dueOn: LocalDate;
  readonly overdue: boolean;
  readonly unit: UnitId;
  readonly referTo?: UnitKind;
}

/**
 * A record that a measure was carried out for a listing on a day.
 *
 * @example
 * ```ts
 * const done: TaskCompletion = { listing: listingId, measure: "counselling", on: asOf };
 * ```
 * @since 0.1.0
 */
export interface TaskCompletion {
  readonly listing: ListingId;
  readonly measure: string;
  readonly on: LocalDate;
}

/**
 * The options of {@link tasksDue}.
 *
 * @example
 * ```ts
 * const options: TasksDueOptions = { completions: done, horizonDays: 7 };
 * ```
 * @since 0.1.0
 */
export interface TasksDueOptions {
  /**
   * The measures to apply.
   * @default zixiSupportMeasures
   */
  readonly measures?: SupportMeasures;
  /**
   * What has been done. Completions dated after `asOf` are not yet known.
   * @default []
   */
  readonly completions?: ReadonlyArray<TaskCompletion>;
  /**
   * Also list tasks due up to this many days after `asOf`.
   * @default 0
   */
  readonly horizonDays?: number;
}

const applies = (when: MeasureCondition, listing: Listing): boolean => {
  const d = listing.details;
  switch (when.kind) {
    case "always":
      return true;
    case "hardship-indicator":
      return d.kind === "hardship" && d.indicators.includes(when.indicator);
    case "residence-gap":
      if (d.kind !== "residence") return false;
      return when.gap === "registration" ? d.registration !== "registered" : d[when.gap] === undefined;
    case "unlawful-act-found":
      return d.kind === "threat" && d.unlawfulAct !== undefined;
  }
};

const intervalFor = (measure: SupportMeasure, listing: Listing): Interval | undefined => {
  const c = measure.cadence;
  if (c.kind === "every") return c.interval;
  if (c.kind === "by-dangerousness-grade") {
    return listing.details.kind === "mental-health" ? c.intervals[listing.details.dangerousnessGrade] : undefined;
  }
  return undefined;
};

/** The next due date of a measure under a listing, or `undefined` when nothing is due. */
const nextDue = (
  measure: SupportMeasure,
  listing: Listing,
  done: ReadonlyArray<LocalDate>,
): LocalDate | undefined => {
  if (measure.cadence.kind === "once") {
    return done.length > 0 ? undefined : plusInterval(listingStartedOn(listing), measure.cadence.within);
  }
  const interval = intervalFor(measure, listing);
  if (!interval) return undefined;
  const last = done.reduce<LocalDate>((a, b) => (a < b ? b : a), listingStartedOn(listing));
  return plusInterval(last, interval);
};

const fnv = (s: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
};

const taskId = (listing: ListingId, measure: string, dueOn: LocalDate): TaskId => {
  const id = `${listing}:${measure}:${dueOn.replaceAll("-", "")}`;
  return (id.length <= 64 ? id : `${listing.slice(0, 40)}:${fnv(id)}`) as TaskId;
};

/**
 * The standing of a task in a list: 0 for the category-5 assistance tasks (help
 * first), 1 for any other assistance, 2 for everything else.
 *
 * @example
 * ```ts
 * import { taskRank } from "@tiaojie/core";
 *
 * taskRank({ category: 5, kind: "assistance" }); // 0
 * ```
 * @since 0.1.0
 */
export const taskRank = (task: Pick<SupportTask, "category" | "kind">): 0 | 1 | 2 =>
  task.kind === "assistance" ? (task.category === 5 ? 0 : 1) : 2;

/**
 * The order of every task list: help first (see {@link taskRank}), then by due
 * date, category, listing and measure.
 *
 * @example
 * ```ts
 * import { compareTasks } from "@tiaojie/core";
 *
 * const ordered = [...tasks].sort(compareTasks);
 * ```
 * @since 0.1.0
 */
export const compareTasks = (a: SupportTask, b: SupportTask): number =>
  taskRank(a) - taskRank(b) ||
  (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) ||
  a.category - b.category ||
  (a.listing < b.listing ? -1 : a.listing > b.listing ? 1 : 0) ||
  (a.measure < b.measure ? -1 : a.measure > b.measure ? 1 : 0);

/**
 * Puts any list of tasks in order, help first (see {@link compareTasks}).
 *
 * @example
 * ```ts
 * import { helpFirst } from "@tiaojie/core";
 *
 * helpFirst([...ledgerTasks, ...supportTasks]);
 * ```
 * @since 0.1.0
 */
export const helpFirst = (tasks: ReadonlyArray<SupportTask>): ReadonlyArray<SupportTask> => [...tasks].sort(compareTasks);

/**
 * The tasks due on `asOf` under the listings that are active that day, help first.
 * A task is due on its due date and stays due until a completion is recorded;
 * the list holds every task due on or before `asOf + horizonDays`, each marked
 * `overdue` when its due date is before `asOf`.
 *
 * A one-off measure is due its interval after the listing's start; a recurring one
 * its interval after the start or the last completion. No task is due after the
 * listing's basis ends: a due date beyond it is brought back to its last day.
 * Lapsed, ended, removed and upcoming listings produce no tasks.
 *
 * @example
 * ```ts
 * import { tasksDue } from "@tiaojie/core";
 *
 * for (const t of tasksDue(listings, "2025-03-01" as LocalDate)) {
 *   console.log(t.dueOn, t.title.zh, t.overdue ? "（已逾期）" : "");
 * }
 * ```
 * @since 0.1.0
 */
export const tasksDue = (
  listings: ReadonlyArray<Listing>,
  asOf: LocalDate,
  options: TasksDueOptions = {},
): ReadonlyArray<SupportTask> => {
  const measures = options.measures ?? zixiSupportMeasures;
  const horizon = plusDays(asOf, Math.max(0, Math.floor(options.horizonDays ?? 0)));
  const doneBy = new Map<string, Array<LocalDate>>();
  for (const c of options.completions ?? []) {
    if (c.on > asOf) continue;
    const key = `${c.listing}\u0000${c.measure}`;
    const list = doneBy.get(key) ?? [];
    list.push(c.on);
    doneBy.set(key, list);
  }
  const tasks: Array<SupportTask> = [];
  for (const listing of listings) {
    if (!isListingActive(listing, asOf)) continue;
    for (const measure of measures.measures) {
      if (measure.category !== listing.category || !applies(measure.when, listing)) continue;
      const startedOn = listingStartedOn(listing);
      const done = (doneBy.get(`${listing.id}\u0000${measure.code}`) ?? []).filter((d) => d >= startedOn);
      const due = nextDue(measure, listing, done);
      if (due === undefined) continue;
      const dueOn = minDate(due, listing.basisEndsOn);
      if (dueOn > horizon) continue;
      tasks.push({
        id: taskId(listing.id, measure.code, dueOn),
        listing: listing.id,
        person: listing.person,
        category: listing.category,
        measure: measure.code,
        kind: measure.kind,
        title: measure.title,
        dueOn,
        overdue: dueOn < asOf,
        unit: listing.responsibleUnit,
        ...(measure.referTo ? { referTo: measure.referTo } : {}),
      });
    }
  }
  return tasks.sort(compareTasks);
};
