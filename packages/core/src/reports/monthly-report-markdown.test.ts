import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { weekendCalendar } from "../calendar/calendar.js";
import { deadlineByKey, reportingPeriodOf } from "../campaign/campaign-calendar.js";
import { completeLedger } from "../campaign/ledger-fixture.js";
import type { DisputeId, UnitId } from "../model/ids.js";
import type { DivisionCode } from "../model/division-code.js";
import type { LocalDate } from "../model/local-date.js";
import type { Unit } from "../model/unit.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { defaultTimeLimits } from "../presets/zixi/time-limits.js";
import { sampleTown } from "../testing/sample-town.js";
import { type MonthlyReport, monthlyReport } from "./monthly-report.js";
import { markdownText, monthlyReportMarkdown } from "./monthly-report-markdown.js";

const d = (s: string) => s as LocalDate;
const zero = { new: 0, cumulative: 0, resolvedInPeriod: 0, openAtEnd: 0 };

/** A report typed by hand: two villages, one overdue limit, one missing submission. */
const handmade: MonthlyReport = {
  jurisdiction: "532301104000" as DivisionCode,
  period: { from: d("2024-12-29"), to: d("2025-01-28") },
  totals: { new: 7, cumulative: 31, resolvedInPeriod: 5, openAtEnd: 12 },
  resolutionRate: 0.6129,
  groups: [],
  byVillage: [
    { key: "532301104201" as DivisionCode, counts: { new: 4, cumulative: 20, resolvedInPeriod: 3, openAtEnd: 8 } },
    { key: "532301104202" as DivisionCode, counts: { new: 3, cumulative: 11, resolvedInPeriod: 2, openAtEnd: 4 } },
  ],
  byDomain: [{ key: "neighbourhood", counts: { new: 7, cumulative: 31, resolvedInPeriod: 5, openAtEnd: 12 } }],
  byLevel: [
    { key: "red", counts: { ...zero, cumulative: 1, openAtEnd: 1 } },
    { key: "ungraded", counts: { new: 7, cumulative: 30, resolvedInPeriod: 5, openAtEnd: 11 } },
  ],
  byPriority: [{ key: "urgent", counts: { new: 7, cumulative: 31, resolvedInPeriod: 5, openAtEnd: 12 } }],
  byLeadUnit: [
    { key: "u-sfs" as UnitId, counts: { new: 2, cumulative: 10, resolvedInPeriod: 1, openAtEnd: 3 } },
    { key: "unassigned", counts: { new: 5, cumulative: 21, resolvedInPeriod: 4, openAtEnd: 9 } },
  ],
  progress: { previousReportOn: d("2024-12-28"), openAtPrevious: 9, resolved: 4, stillOpen: 5, declined: 0, byStatus: { resolved: 4, "in-mediation": 5 } },
  overdueSubmissions: [{ deadline: "monthly-update@2025-01-28", unit: "u-wsy" as UnitId, status: "missing" }],
  overdueTimeLimits: [
    {
      clock: { case: "d-000042" as DisputeId, rule: "judicial-confirmation", startedOn: d("2024-12-01") },
      rule: defaultTimeLimits.find((r) => r.id === "judicial-confirmation")!,
      dueOn: d("2024-12-31"),
      daysLeft: -28,
      state: "overdue",
    },
  ],
  atRiskTimeLimits: [],
};

/** The cells of a table line, split at unescaped pipes, escapes kept, each trimmed. */
const cellsOf = (line: string): ReadonlyArray<string> => {
  const cells: Array<string> = [];
  let current = "";
  for (let i = 1; i < line.length - 1; i++) {
    const c = line[i]!;
    if (c === "\\") {
      current += c + (line[i + 1] ?? "");
      i++;
    } else if (c === "|") {
      cells.push(current.trim());
      current = "";
    } else current += c;
  }
  cells.push(current.trim());
  return cells;
};

/** Markdown's backslash escapes undone. */
const unescape = (cell: string): string => cell.replace(/\\([!-/:-@[-`{-~])/g, "$1");

/** Every table of a page (its lines), with the title of the section it is under. */
const tablesOf = (md: string): ReadonlyArray<{ readonly section: string; readonly lines: ReadonlyArray<string> }> => {
  const tables: Array<{ section: string; lines: Array<string> }> = [];
  let section = "";
  let current: Array<string> | undefined;
  for (const line of md.split("\n")) {
    if (line.startsWith("#")) section = line.replace(/^#+ /, "");
    if (line.startsWith("|")) {
      if (current === undefined) tables.push({ section, lines: (current = []) });
      current.push(line);
    } else current = undefined;
  }
  return tables;
};

/** The rows (cells) of the first table under a section. */
const rowsUnder = (md: string, section: string): ReadonlyArray<ReadonlyArray<string>> => {
  const found = tablesOf(md).find((t) => t.section === section);
  if (found === undefined) throw new Error(`no table under ${section}`);
  return found.lines.slice(2).map(cellsOf);
};

describe("markdownText", () => {
  test("escapes what would end a cell or become markup, and puts the text on one line", () => {
    expect(markdownText("龙潭村|上组\r\n二组")).toBe("龙潭村\\|上组 二组");
    expect(markdownText("a\\|b")).toBe("a\\\\\\|b");
    expect(markdownText("*粗* _斜_ `码` [链](x) <b> ~删~ &amp; $x$")).toBe("\\*粗\\* \\_斜\\_ \\`码\\` \\[链\\](x) \\<b\\> \\~删\\~ \\&amp; \\$x\\$");
    expect(markdownText("2025-01-28 第一组")).toBe("2025-01-28 第一组");
  });
});

describe("monthlyReportMarkdown", () => {
  const units: ReadonlyArray<Unit> = [{ id: "u-sfs" as UnitId, kind: "justice-office", name: "司法所", jurisdiction: "532301104000" as DivisionCode }];
  const names = { divisions: { "532301104000": "紫溪镇", "532301104201": "龙潭村" }, units };
  const source = zixi2025.source!;
  const zh = monthlyReportMarkdown(handmade, "zh", { names, source });
  const en = monthlyReportMarkdown(handmade, "en", { names, source });

  test("titles the page with the jurisdiction, the period and the plan it answers", () => {
    expect(zh.split("\n").slice(0, 5)).toEqual([
      "# 矛盾纠纷排查化解月度台账报表",
      "",
      "- 辖区: 紫溪镇 (532301104000)",
      "- 报告期: 2024-12-29 – 2025-01-28",
      `- 依据: ${source.zh}`,
    ]);
    expect(en).toContain("- Period: 2024-12-29 – 2025-01-28");
  });

  test("has one table for each of totals, villages, levels, priorities, types, units, progress and time limits", () => {
    expect(tablesOf(zh).map((t) => t.section)).toEqual([
      "合计",
      "按村(社区)",
      "按风险等级",
      "按化解优先级",
      "按纠纷类型",
      "按责任单位",
      "上期未化解纠纷的进展",
      "上期未化解纠纷的进展",
      "办理时限",
      "台账报送",
    ]);
    expect(tablesOf(en).map((t) => t.section)[0]).toBe("Totals");
  });

  test("gives the totals in their row, and each village, level, priority and unit with its counts", () => {
    expect(rowsUnder(zh, "合计")).toEqual([["合计", "7", "31", "5", "12"]]);
    expect(zh).toContain("化解率 61.3%");
    expect(rowsUnder(zh, "按村(社区)")).toEqual([
      ["龙潭村 (532301104201)", "4", "20", "3", "8"],
      ["532301104202", "3", "11", "2", "4"],
    ]);
    expect(rowsUnder(zh, "按风险等级").map((r) => r[0])).toEqual(["重大（红色）", "未定级"]);
    expect(rowsUnder(en, "By risk level").map((r) => r[0])).toEqual(["major (red)", "ungraded"]);
    expect(rowsUnder(zh, "按化解优先级")).toEqual([["紧急", "7", "31", "5", "12"]]);
    expect(rowsUnder(zh, "按责任单位").map((r) => r[0])).toEqual(["司法所", "未交办"]);
  });

  test("cites each time limit's legal source, and names each missing submission's deadline", () => {
    const [limit] = rowsUnder(zh, "办理时限");
    expect(limit).toEqual(["d-000042", "申请司法确认期限", "2024-12-01", "2024-12-31", "-28", "超期", "中华人民共和国人民调解法 第三十三条"]);
    expect(zh).toContain("超期 1 项，临期 0 项");
    expect(rowsUnder(zh, "台账报送")).toEqual([["monthly-update@2025-01-28", "u-wsy", "逾期未报送"]]);
    expect(rowsUnder(en, "Ledger submissions")).toEqual([["monthly-update@2025-01-28", "u-wsy", "missing"]]);
  });

  test("says there is nothing rather than print an empty table", () => {
    const quiet = monthlyReportMarkdown({ ...handmade, byVillage: [], overdueTimeLimits: [], overdueSubmissions: [], progress: { ...handmade.progress, byStatus: {} } }, "en");
    expect(tablesOf(quiet).map((t) => t.section)).not.toContain("By village (community)");
    expect(quiet).toContain("## By village (community)\n\n(none)");
    expect(quiet).toContain("No submission due in the period is missing or late.");
    expect(quiet).not.toContain("- Source:");
  });
});

// Reports of generated towns, their villages given hostile names.
const towns = new Map<number, ReturnType<typeof build>>();
const build = (seed: number) => {
  const town = sampleTown(seed, { villages: 4, persons: 30, disputes: 30, listings: 0 });
  return { town, data: completeLedger(town, zixi2025, d("2025-06-30")) };
};
const townOf = (seed: number) => towns.get(seed) ?? (towns.set(seed, build(seed)), towns.get(seed)!);
const MONTHS = ["monthly-update@2024-12-28", "monthly-update@2025-01-28", "monthly-update@2025-03-28"] as const;
const hostile = fc.string({ unit: fc.oneof(fc.constantFrom("|", "\\", "\n", "\r", "`", "*", "_", "<", "&", "$", "[", "]", "村", " "), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 12 });

describe("monthlyReportMarkdown over generated towns", () => {
  // Bounded work: 30 pages of reports over four small towns, built once each.
  test.prop([fc.integer({ min: 1, max: 4 }), fc.constantFrom(...MONTHS), fc.array(hostile, { minLength: 4, maxLength: 4 }), fc.constantFrom("zh" as const, "en" as const)], { numRuns: 30 })(
    "totals in their row, one row per village with its name as given, and every table well-formed",
    (seed, month, villageNames, lang) => {
      const { town, data } = townOf(seed);
      const period = reportingPeriodOf(zixi2025, deadlineByKey(zixi2025, month)!);
      const r = monthlyReport(data, { jurisdiction: town.township.code, period, campaign: zixi2025, timeLimits: { calendar: weekendCalendar } });
      if (!r.ok) throw new Error(r.error.message);
      const report = r.value;
      const divisions = Object.fromEntries(town.villages.map((v, i) => [v.code, villageNames[i]!]));
      const md = monthlyReportMarkdown(report, lang, { names: { divisions, units: town.units } });

      const [totals, villages] = [lang === "zh" ? "合计" : "Totals", lang === "zh" ? "按村(社区)" : "By village (community)"];
      const t = report.totals;
      expect(rowsUnder(md, totals)).toEqual([[lang === "zh" ? "合计" : "Total", String(t.new), String(t.cumulative), String(t.resolvedInPeriod), String(t.openAtEnd)]]);
      const rows = report.byVillage.length === 0 ? [] : rowsUnder(md, villages);
      expect(rows.length).toBe(report.byVillage.length);
      rows.forEach((row, i) => {
        const { key, counts } = report.byVillage[i]!;
        const name = divisions[key]!.replace(/\r\n|[\r\n]/g, " ");
        expect(unescape(row[0]!)).toBe(`${name} (${key})`.trim());
        expect(row.slice(1)).toEqual([counts.new, counts.cumulative, counts.resolvedInPeriod, counts.openAtEnd].map(String));
      });

      for (const table of tablesOf(md)) {
        const width = cellsOf(table.lines[0]!).length;
        expect(cellsOf(table.lines[1]!).every((c) => c === "---")).toBe(true);
        for (const line of table.lines) {
          expect(line.endsWith(" |")).toBe(true);
          expect(cellsOf(line).length).toBe(width);
        }
      }
      expect(md.endsWith("\n") && !md.endsWith("\n\n")).toBe(true);
    },
  );
});
