import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import type { DivisionCode } from "../model/division-code.js";
import type { LocalDate } from "../model/local-date.js";
import type { MonthlyReport, ReportCounts } from "../reports/monthly-report.js";
import type { Cell, SummaryForLevel } from "../reports/small-cells.js";
import { isListingActive } from "../support/listing-status.js";
import { SupportCategories } from "../taxonomy/support-categories.js";
import { sampleOfficers } from "../testing/sample-officers.js";
import { sampleTown } from "../testing/sample-town.js";
import { must, plantListings, serviceFixture } from "./service-fixture.js";

// Issue 13, "Small counts": the monthly summary a township sends up to the county
// never lets its reader single out a listed person. Over generated towns (their
// disputes registered through the ledger, their listings with the histories the
// generator gave them) and thresholds set through the ledger's
// `smallCellThreshold`, the summary `monthlyReport(actor, { for: "county" })`
// returns is read back against the truth: the township's own exact report for the
// dispute counts, and for the support counts the listings active on the period's
// last day, counted here from the generated listings.

const COLUMNS = ["new", "cumulative", "resolvedInPeriod", "openAtEnd"] as const satisfies ReadonlyArray<keyof ReportCounts>;
const DIMENSIONS = ["byVillage", "byDomain", "byLevel", "byPriority", "byLeadUnit"] as const;

/** One line of the summary: counts that add up to a total, each beside its true value. */
interface Line {
  readonly name: string;
  readonly values: ReadonlyArray<number>;
  readonly cells: ReadonlyArray<Cell>;
  readonly total: number;
  readonly shownTotal: Cell;
  /** Whether its counts are of listed persons (the support registry). */
  readonly listed: boolean;
}

const isWithheld = (c: Cell): boolean => typeof c !== "number";

const figures = {
  towns: 0,
  thresholds: new Set<number>(),
  cells: 0,
  listedCells: 0,
  withheld: 0,
  withheldZeros: 0,
  lines: 0,
  shownSmall: 0,
  singleWithheld: 0,
  recovered: 0,
  recoveredListed: 0,
  untried: 0,
  example: "",
};

/**
 * The rule as the policy documents publish it (render-records.ts), written
 * afresh: which cells of a line with total `total` are withheld. A total from 1
 * to threshold − 1 withholds the whole line, zeros too. Otherwise, where the
 * line has counts from 1 to threshold − 1, they are withheld with its zeros, and
 * where those are fewer than two, add up to less than the threshold or are all
 * threshold − 1, the smallest other count with every count equal to it.
 */
const ruleWithholds = (values: ReadonlyArray<number>, total: number, threshold: number): ReadonlyArray<boolean> => {
  const small = (n: number) => n >= 1 && n < threshold;
  if (small(total)) return values.map(() => true);
  if (!values.some(small)) return values.map(() => false);
  const group = values.filter((v) => v < threshold);
  const more = group.length < 2 || group.reduce((a, b) => a + b, 0) < threshold || group.every((v) => v === threshold - 1);
  const others = values.filter((v) => v >= threshold);
  const least = more && others.length > 0 ? Math.min(...others) : Number.NaN;
  return values.map((v) => v < threshold || v === least);
};

const binomial = (n: number, k: number): number => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};

/** How many ways the reader tries at most for one line (a bounded search). */
const WAYS = 50_000;

/**
 * What a reader who knows the published rule works out of a line: every way of
 * filling its withheld cells with counts of 0 or more that add up to the total
 * (for a withheld total, to each total from 1 to threshold − 1) and that the rule
 * would have withheld just so; a withheld cell that has the same count in every
 * such way is given away. Returns those cells, or undefined when there are more
 * than WAYS ways to try.
 */
const givenAway = (cells: ReadonlyArray<Cell>, shownTotal: Cell, threshold: number): ReadonlyArray<number> | undefined => {
  const hidden = cells.flatMap((c, i) => (isWithheld(c) ? [i] : []));
  if (hidden.length === 0) return [];
  const k = hidden.length;
  const shown = cells.reduce((n: number, c) => n + (typeof c === "number" ? c : 0), 0);
  const totals = typeof shownTotal === "number" ? [shownTotal] : Array.from({ length: threshold - 1 }, (_, i) => i + 1);
  const pattern = cells.map(isWithheld);
  const values = cells.map((c) => (typeof c === "number" ? c : 0));
  const takes = hidden.map(() => new Set<number>());
  const tryWay = (total: number): void => {
    const again = ruleWithholds(values, total, threshold);
    if (again.some((h, i) => h !== pattern[i])) return;
    hidden.forEach((i, j) => takes[j]!.add(values[i]!));
  };
  const ways = totals.reduce((n, t) => n + (t >= shown ? binomial(t - shown + k - 1, k - 1) : 0), 0);
  if (ways > WAYS) return undefined;
  const fill = (j: number, left: number, total: number): void => {
    if (j === k - 1) {
      values[hidden[j]!] = left;
      tryWay(total);
      return;
    }
    for (let v = 0; v <= left; v++) {
      values[hidden[j]!] = v;
      fill(j + 1, left - v, total);
    }
  };
  for (const t of totals) if (t >= shown) fill(0, t - shown, t);
  return hidden.filter((_, j) => takes[j]!.size === 1);
};

/** The lines of a summary, beside the exact report and the true support counts. */
const linesOf = (own: MonthlyReport, s: SummaryForLevel, support: { readonly active: number; readonly byCategory: ReadonlyArray<number>; readonly byVillage: ReadonlyArray<number> }): ReadonlyArray<Line> => {
  const out: Array<Line> = [];
  for (const dim of DIMENSIONS) {
    // The summary keeps the report's rows, in its order.
    expect(s[dim].map((r) => r.key), dim).toEqual(own[dim].map((r) => r.key));
    for (const c of COLUMNS) {
      out.push({ name: `${dim}.${c}`, values: own[dim].map((r) => r.counts[c]), cells: s[dim].map((r) => r.counts[c]), total: own.totals[c], shownTotal: s.totals[c], listed: false });
    }
  }
  out.push({ name: "support.byCategory", values: support.byCategory, cells: s.support.byCategory.map((r) => r.active), total: support.active, shownTotal: s.support.active, listed: true });
  out.push({ name: "support.byVillage", values: support.byVillage, cells: s.support.byVillage.map((r) => r.active), total: support.active, shownTotal: s.support.active, listed: true });
  return out;
};

const townArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  villages: fc.integer({ min: 2, max: 6 }),
  persons: fc.integer({ min: 12, max: 36 }),
  disputes: fc.integer({ min: 3, max: 14 }),
  listings: fc.integer({ min: 6, max: 36 }),
  threshold: fc.integer({ min: 3, max: 10 }),
  /** The whole period (7 months), or one of its months. */
  month: fc.integer({ min: -1, max: 6 }),
  /** The township's report, or one of its villages' (by its committee). */
  village: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
});

describe("issue 13, small counts: the summary for the county singles no listed person out", () => {
  afterAll(() => {
    console.log(
      `county summary small cells: ${figures.towns} generated towns, thresholds ${[...figures.thresholds].sort((a, b) => a - b).join(",")}, ` +
        `${figures.cells} cells checked (${figures.listedCells} of listed persons), ${figures.withheld} withheld (${figures.withheldZeros} of them zeros), ${figures.shownSmall} shown in 1..threshold−1, ` +
        `${figures.singleWithheld} lines with a lone withheld cell under a shown total; over the ${figures.lines} lines with cells withheld, a reader who knows the published rule recovers ${figures.recovered} withheld cells exactly ` +
        `(${figures.recoveredListed} of listed persons; ${figures.untried} lines too large to try)${figures.example === "" ? "" : `, e.g. ${figures.example}`}`,
    );
  });

  test.prop([townArb], { numRuns: 12 })(
    "monthlyReport(…, { for: \"county\" }) at a configured threshold shows no count from 1 to threshold − 1, withholds just what the published rule says and shows every other count exactly, and leaves no withheld count that a reader who knows the rule can work out",
    async ({ seed, villages, persons, disputes, listings, threshold, month, village }) => {
      const town = sampleTown(seed, { villages, persons, disputes, listings });
      const fx = serviceFixture(seed, {}, { town, config: { smallCellThreshold: threshold } });
      const officers = sampleOfficers(town);
      const items = town.disputes.map((d, i) => ({ dispute: d, ...(i === 0 ? { persons: town.persons } : {}) }));
      must(await fx.ledger.registerDisputes(officers.socialAffairs, { run: `small-cells-${seed}`, items }), "register the town");
      await plantListings(fx, town.listings);
      figures.towns += 1;
      figures.thresholds.add(threshold);

      const from = month < 0 ? town.period.from : (`${plusDays(town.period.from, 31 * month).slice(0, 7)}-01` as LocalDate);
      const next = `${plusDays(from, 31).slice(0, 7)}-01` as LocalDate;
      const period = { from, to: month < 0 ? town.period.to : plusDays(next, -1) };
      const place: DivisionCode = village === undefined ? town.township.code : town.villages[village % town.villages.length]!.code;
      const actor = village === undefined ? officers.coordinator : officers.ofVillage(place)!;
      const where = `town ${seed} (${villages} villages, ${listings} listings), ${place}, ${period.from}..${period.to}, threshold ${threshold}`;

      const own = must(await fx.ledger.monthlyReport(actor, { period, jurisdiction: place }), where);
      const up = must(await fx.ledger.monthlyReport(actor, { period, jurisdiction: place, for: "county" }), where);
      if (own.for !== "own" || up.for !== "county") throw new Error("unexpected audiences");
      const s = up.summary;
      expect([s.audience, s.threshold, s.jurisdiction, s.period], where).toEqual(["county", threshold, place, period]);

      // The truth, from the generated records: the disputes reported in the division, the listings active on the period's last day.
      const inPlace = (code: string) => (village === undefined ? code.slice(0, 9) === place.slice(0, 9) : code === place);
      const reported = town.disputes.filter((d) => inPlace(d.jurisdiction));
      expect([own.report.totals.new, own.report.totals.cumulative], where).toEqual([
        reported.filter((d) => d.reportedOn >= period.from && d.reportedOn <= period.to).length,
        reported.filter((d) => d.reportedOn <= period.to).length,
      ]);
      const active = town.listings.filter((l) => inPlace(l.jurisdiction) && isListingActive(l, period.to));
      const activeVillages = [...new Set(active.map((l) => l.jurisdiction as string))].sort();
      expect(s.support.byVillage.map((r) => r.key), where).toEqual(activeVillages);
      const support = {
        active: active.length,
        byCategory: SupportCategories.codes.map((c) => active.filter((l) => l.category === c).length),
        byVillage: activeVillages.map((v) => active.filter((l) => l.jurisdiction === v).length),
      };

      for (const line of linesOf(own.report, s, support)) {
        const at = `${where}: ${line.name}`;
        const small = (n: number) => n >= 1 && n < threshold;
        // The line withholds just what the published rule says, and shows every other count exactly.
        expect(line.cells.map(isWithheld), `${at}: ${JSON.stringify(line.values)} of ${line.total}`).toEqual(ruleWithholds(line.values, line.total, threshold));
        line.values.forEach((v, i) => {
          const cell = line.cells[i]!;
          figures.cells += 1;
          if (line.listed) figures.listedCells += 1;
          if (isWithheld(cell)) {
            figures.withheld += 1;
            if (v === 0) figures.withheldZeros += 1;
            expect(cell, at).toEqual({ suppressed: true });
          } else {
            if (small(cell as number)) figures.shownSmall += 1;
            expect(small(cell as number), `${at}[${i}] = ${String(cell)} shown`).toBe(false);
            expect(cell, `${at}[${i}]`).toBe(v);
          }
        });
        if (isWithheld(line.shownTotal)) {
          expect(small(line.total), `${at}: total ${line.total} withheld`).toBe(true);
          expect(line.cells.every(isWithheld), `${at}: a withheld total withholds its line`).toBe(true);
        } else {
          expect(line.shownTotal, `${at}: total`).toBe(line.total);
          expect(small(line.total), `${at}: total ${line.total} shown`).toBe(false);
          // Under a shown total, the withheld counts add up to the total minus the shown ones:
          // one withheld count alone would be that difference.
          const withheld = line.cells.filter(isWithheld).length;
          const rest = line.total - line.cells.reduce((n: number, c) => n + (typeof c === "number" ? c : 0), 0);
          if (withheld === 1) figures.singleWithheld += 1;
          expect(withheld, `${at}: withheld cells under a shown total`).not.toBe(1);
          expect(rest, at).toBe(line.values.reduce((n, v, i) => n + (isWithheld(line.cells[i]!) ? v : 0), 0));
        }
        // Beyond subtraction: what a reader who knows the published rule works out. Nothing.
        if (!line.cells.some(isWithheld)) continue;
        figures.lines += 1;
        const away = givenAway(line.cells, line.shownTotal, threshold);
        if (away === undefined) figures.untried += 1;
        else if (away.length > 0) {
          figures.recovered += away.length;
          if (line.listed) figures.recoveredListed += away.length;
          if (figures.example === "" || (line.listed && !figures.example.includes("support")))
            figures.example = `${line.name} at threshold ${threshold}: counts ${JSON.stringify(line.values)}, shown ${JSON.stringify(line.cells.map((c) => (isWithheld(c) ? "*" : c)))} of ${String(line.total)}`;
        }
        if (away !== undefined) expect(away, `${at}: counts ${JSON.stringify(line.values)} shown ${JSON.stringify(line.cells.map((c) => (isWithheld(c) ? "*" : c)))}, cells a reader works out`).toEqual([]);
      }
      // The summary counts its own withheld cells: those of every line, and the withheld totals.
      const lineCells = linesOf(own.report, s, support).reduce((n, l) => n + l.cells.filter(isWithheld).length, 0);
      expect(s.suppressedCells, where).toBe(lineCells + COLUMNS.filter((c) => isWithheld(s.totals[c])).length + (isWithheld(s.support.active) ? 1 : 0));
    },
  );
});
