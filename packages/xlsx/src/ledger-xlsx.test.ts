import { fc, it as prop } from "@fast-check/vitest";
import ExcelJS from "exceljs";
import { type ExportRequest, type SheetCell, type SheetRecord, disputeLedgerColumns, exportLedger, factColumns, townshipLedgerColumns } from "@tiaojie/core";
import { type SampleTown, sampleTown } from "@tiaojie/core/testing";
import { type TownLedger, townLedger } from "@tiaojie/export-testkit";
import { makeMemoryStore } from "@tiaojie/store-memory";
import { describe, expect, it } from "vitest";
import { type XlsxExporterOptions, XlsxCellRefused, importXlsx, readXlsx, xlsxErrorFile, xlsxExporter } from "./index.js";

const ledgerOf = (town: SampleTown): TownLedger => townLedger(town, makeMemoryStore());

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

const recordsOf = async (source: AsyncIterable<SheetRecord>): Promise<Array<SheetRecord>> => {
  const out: Array<SheetRecord> = [];
  for await (const r of source) out.push(r);
  return out;
};

export const exportXlsx = async (t: TownLedger, request: Partial<ExportRequest> = {}, options: XlsxExporterOptions = {}): Promise<Buffer> => {
  const r = await exportLedger(t.ledger, xlsxExporter(options), t.coordinator, { dataset: "disputes", purpose: "导出核对", names: t.names, ...request });
  if (!r.ok) throw new Error(r.error.message);
  return bytesOf(r.value.bytes);
};

/** Summaries hostile to spreadsheets, valid for the ledger (1–2,000 characters, no outer spaces). */
const hostileSummary = fc
  .oneof(
    fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r\n", "=", "+", "-", "@", "'", "<", "&", "村", "𠀀", "😀", "；", "a", " ", "_x0041_", "&lt;"), minLength: 1, maxLength: 60 }),
    fc.constantFrom('=HYPERLINK("http://x","点我")', "-1+2", "@SUM(A1:A9)", "𠀀𠀁 争议", "x".repeat(2_000)),
  )
  .map((s) => s.trim())
  .filter((s) => s !== "");

describe("the dispute ledger as XLSX", () => {
  prop.prop([fc.integer({ min: 1, max: 10_000 }), fc.array(hostileSummary, { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 5 })], { numRuns: 3 })(
    "round trip over generated towns with hostile text, split over sheets or not: exported by one ledger, imported by another, every dispute comes back the same, and a second import adds nothing",
    async (seed, summaries, maxRowsPerSheet) => {
      const base = sampleTown(seed, { villages: 2, persons: 8, disputes: 4, listings: 0 });
      const disputes = base.disputes.map((d, i) => ({ ...d, summary: summaries[i]! }));
      const source = ledgerOf(base);
      await source.registerTown(disputes);
      const file = await exportXlsx(source, {}, { maxRowsPerSheet });
      const target = ledgerOf(base);
      const r = await importXlsx(target.ledger, target.coordinator, file, { divisions: target.divisions });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value).toMatchObject({ rows: 4, registered: 4, rejected: [] });
      for (const d of disputes) {
        const got = await target.ledger.getDispute(target.coordinator, d.id);
        if (!got.ok) throw new Error(got.error.message);
        expect(got.value.dispute).toEqual(d);
      }
      const again = await importXlsx(target.ledger, target.coordinator, file, { divisions: target.divisions });
      expect(again.ok && again.value).toMatchObject({ registered: 0, alreadyInLedger: 4 });
    },
  );

  it("splits a long sheet into parts named (2), (3)…, each with the header, and reads them back as one ledger", async () => {
    const town = sampleTown(81, { villages: 2, persons: 12, disputes: 8, listings: 0 });
    const t = ledgerOf(town);
    await t.registerTown();
    const records = await recordsOf(readXlsx(await exportXlsx(t, {}, { maxRowsPerSheet: 3 })));
    expect([...new Set(records.map((r) => r.sheet))]).toEqual(["矛盾纠纷排查化解台账", "矛盾纠纷排查化解台账 (2)", "矛盾纠纷排查化解台账 (3)"]);
    expect(records.filter((r) => r.row === 1)).toHaveLength(3);
    expect(records.filter((r) => r.row > 1).map((r) => r.cells[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("writes dates as date cells, numbers as numbers and levels by label, and headers in English when asked", async () => {
    const town = sampleTown(82, { villages: 2, persons: 12, disputes: 4, listings: 0 });
    const t = ledgerOf(town);
    await t.registerTown();
    const records = await recordsOf(readXlsx(await exportXlsx(t, { lang: "en" })));
    expect(records[0]!.cells).toEqual(disputeLedgerColumns.map((c) => c.en));
    const col = (key: string) => disputeLedgerColumns.findIndex((c) => c.key === key);
    const byId = new Map(town.disputes.map((d) => [d.id, d]));
    for (const r of records.slice(1)) {
      const d = byId.get(r.cells[col("id")] as never)!;
      expect(r.cells[col("reportedOn")]).toEqual({ date: d.reportedOn });
      expect(typeof r.cells[col("seq")]).toBe("number");
      expect(r.cells[col("level")]).toMatch(/^(major|serious|moderate|minor) \((red|orange|yellow|blue)\)/);
    }
  });

  it("imports good rows, reports each bad one with its row, column and both languages, and writes an XLSX error file that imports once corrected", async () => {
    const town = sampleTown(83, { villages: 2, persons: 12, disputes: 8, listings: 0 });
    const source = ledgerOf(town);
    await source.registerTown();
    const read = await recordsOf(readXlsx(await exportXlsx(source)));
    const rows = read.map((r) => [...r.cells]);
    const col = (key: string) => disputeLedgerColumns.findIndex((c) => c.key === key);
    rows[2]![col("reportedOn")] = "2025年13月1日";
    rows[5]![col("village")] = "不存在村";
    rows[5]![col("jurisdiction")] = "";
    rows[5]![col("selfHarmRisk")] = "也许";
    const file = await writeWithExceljs([{ name: "台账", rows }]);

    const target = ledgerOf(town);
    const atomic = await importXlsx(target.ledger, target.coordinator, file, { divisions: target.divisions, atomic: true });
    expect(atomic.ok && atomic.value).toMatchObject({ rows: 8, registered: 0, refusedWhole: true });
    const r = await importXlsx(target.ledger, target.coordinator, file, { divisions: target.divisions });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rows: 8, registered: 6, alreadyInLedger: 0 });
    expect(r.value.rejected.map((x) => [x.sheet, x.row])).toEqual([["台账", 3], ["台账", 6]]);
    expect(r.value.rejected[1]!.problems).toEqual([
      { column: "村(社区)", zh: "“不存在村”不在区划名称表中", en: '"不存在村" is not in the table of division names' },
      { column: "有自伤风险", zh: "“也许”不是“是”或“否”", en: '"也许" is not yes or no' },
    ]);

    const errors = (await recordsOf(readXlsx(await bytesOf(xlsxErrorFile(r.value))))).map((x) => [...x.cells]);
    expect(errors[0]).toEqual([...disputeLedgerColumns.map((c) => c.zh), "错误说明 / Errors"]);
    expect(errors).toHaveLength(3);
    expect(errors[1]!.slice(0, -1)).toEqual(rows[2]);
    expect(errors[2]!.at(-1)).toBe("【村(社区)】“不存在村”不在区划名称表中 / \"不存在村\" is not in the table of division names；【有自伤风险】“也许”不是“是”或“否” / \"也许\" is not yes or no");

    errors[1]![col("reportedOn")] = { date: "2025-01-13" } as SheetCell;
    errors[2]![col("village")] = town.villages[0]!.name;
    errors[2]![col("jurisdiction")] = town.villages[0]!.code;
    errors[2]![col("selfHarmRisk")] = "否";
    const fixed = await importXlsx(target.ledger, target.coordinator, await writeWithExceljs([{ name: "错误", rows: errors }]), { divisions: target.divisions });
    expect(fixed.ok && fixed.value).toMatchObject({ rows: 2, registered: 2, rejected: [] });
    const twice = await importXlsx(target.ledger, target.coordinator, file, { divisions: target.divisions });
    expect(twice.ok && twice.value).toMatchObject({ registered: 0, alreadyInLedger: 6 });
  });

  it("writes the monthly summary's tables as sheets, and the support registry with its columns", async () => {
    const town = sampleTown(84, { villages: 2, persons: 12, disputes: 8, listings: 0 });
    const t = ledgerOf(town);
    await t.registerTown();
    const summary = await recordsOf(readXlsx(await exportXlsx(t, { dataset: "monthly-summary", period: town.period }), { sheets: "all" }));
    expect([...new Set(summary.map((r) => r.sheet))]).toEqual(["汇总", "按村(社区)", "按纠纷类型", "按风险等级", "按化解优先级", "按责任单位"]);
    expect(summary.find((r) => r.sheet === "汇总")!.cells).toEqual(["项目", "本期新增", "累计排查", "本期化解", "期末在办"]);
    const registry = await recordsOf(readXlsx(await exportXlsx(t, { dataset: "support-registry" })));
    expect(registry[0]!.cells.length).toBeGreaterThan(5);
  });

  it("refuses a cell longer than an XLSX cell holds, naming where it is, in both languages", async () => {
    const sheet = { name: { zh: "长文本", en: "Long" }, columns: [{ key: "a", zh: "备注", en: "Remarks", kind: "text" as const, width: 10 }], rows: [["短"], ["长".repeat(32_768)]] };
    const error = await bytesOf(xlsxExporter().write({ dataset: "disputes", title: sheet.name, sheets: [sheet] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxCellRefused);
    expect((error as XlsxCellRefused).message).toBe("工作表“长文本”第 3 行“备注”列超过 32767 个字符，XLSX 单元格容纳不下 / sheet \"长文本\", row 3, column \"备注\" is longer than the 32767 characters an XLSX cell holds");
  });
});

/** A ledger cell or an exceljs value as exceljs writes it: a date as a date cell, a level by its label. */
const asExcel = (c: SheetCell | ExcelJS.CellValue): ExcelJS.CellValue => {
  if (c === null || typeof c !== "object" || c instanceof Date) return c;
  if ("date" in c && typeof c.date === "string") return new Date(`${c.date}T00:00:00Z`);
  if ("level" in c) return c.label;
  return c as ExcelJS.CellValue;
};

/** A workbook the way Excel and WPS save one (exceljs's whole-file writer: shared strings, styles), for the importer. */
const writeWithExceljs = async (sheets: ReadonlyArray<{ readonly name: string; readonly rows: ReadonlyArray<ReadonlyArray<SheetCell | ExcelJS.CellValue>>; readonly title?: string }>): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name);
    if (s.title !== undefined) {
      ws.addRow([s.title]);
      ws.mergeCells(1, 1, 1, 6);
    }
    for (const row of s.rows) {
      const added = ws.addRow(row.map((c) => asExcel(c)));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = "yyyy/m/d";
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};

describe("old ledgers made in Excel and WPS", () => {
  const town = sampleTown(85, { villages: 2, persons: 12, disputes: 3, listings: 0 });
  const village = town.villages[0]!;
  const header = ["序号", "排查日期", "所在村", "纠纷类别", "当事人", "基本情况", "风险等级", "是否化解", ...factColumns.map((c) => c.zh)];
  const facts = [2, 0, "否", "否", "否", 1, 0, "否", "否"];
  const row = (n: number, date: ExcelJS.CellValue, summary: ExcelJS.CellValue): Array<ExcelJS.CellValue> => [n, date, village.name, "邻里关系", `张${n}、李${n}`, summary, "一般（黄色）", "否", ...facts];

  it("reads a title row above the header, date cells, typed dates, rich text and formulas' results", async () => {
    const file = await writeWithExceljs([
      {
        name: "2024年台账",
        title: "XX镇矛盾纠纷排查化解台账（2024年）",
        rows: [
          header,
          row(1, new Date("2024-03-05T00:00:00Z"), "两户因宅基地界线争执"),
          row(2, "2024.3.6", { richText: [{ text: "务工人员" }, { font: { bold: true }, text: "欠薪" }] }),
          row(3, 45_360, { formula: 'CONCAT("山林","承包")', result: "山林承包" }),
        ],
      },
    ]);
    const records = await recordsOf(readXlsx(file));
    expect(records.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    expect(records[2]!.cells[1]).toEqual({ date: "2024-03-05" });
    expect(records[3]!.cells[5]).toBe("务工人员欠薪");
    expect(records[4]!.cells[5]).toBe("山林承包");

    const t = ledgerOf(town);
    const r = await importXlsx(t.ledger, t.coordinator, file, { divisions: t.divisions });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ headerRow: 2, rows: 3, registered: 3, rejected: [] });
    const reported = [];
    for (const id of r.value.disputes) {
      const d = await t.ledger.getDispute(t.coordinator, id as never);
      if (d.ok) reported.push(d.value.dispute.reportedOn);
    }
    expect(reported).toEqual(["2024-03-05", "2024-03-06", "2024-03-09"]);
  });

  it("reads every sheet of a workbook of a sheet a month, and refuses one whose header differs", async () => {
    const months = [
      { name: "1月", rows: [header, row(1, "2024-01-05", "邻里纠纷一")] },
      { name: "2月", title: "二月台账", rows: [header, row(2, "2024-02-05", "邻里纠纷二")] },
    ];
    const t = ledgerOf(town);
    const firstOnly = await importXlsx(t.ledger, t.coordinator, await writeWithExceljs(months), { divisions: t.divisions });
    expect(firstOnly.ok && firstOnly.value).toMatchObject({ rows: 1 });
    const all = await importXlsx(t.ledger, t.coordinator, await writeWithExceljs(months), { divisions: t.divisions, sheets: "all" });
    expect(all.ok && all.value).toMatchObject({ rows: 2, registered: 1, alreadyInLedger: 1 });
    const other = [...months, { name: "3月", rows: [["序号", "排查日期", "所在村", "纠纷类别", "当事人", "基本情况", ...factColumns.map((c) => c.zh)], [3, "2024-03-01", village.name, "邻里关系", "王三", "三", ...facts]] }];
    const refused = await importXlsx(t.ledger, t.coordinator, await writeWithExceljs(other), { divisions: t.divisions, sheets: "all" });
    expect(!refused.ok && refused.error.message).toBe("工作表“3月”第 1 行的表头与第一个工作表的不同 / the header in row 1 of sheet \"3月\" differs from the first sheet's");
  });

  it("refuses a file that is not a workbook, or is cut short, whole and in both languages, registering nothing", async () => {
    const town2 = sampleTown(86, { villages: 2, persons: 12, disputes: 3, listings: 0 });
    const source = ledgerOf(town2);
    await source.registerTown();
    const good = await exportXlsx(source);
    const t = ledgerOf(town2);
    for (const bad of [Buffer.from("序号,排查时间\n1,2025-01-01\n"), good.subarray(0, Math.floor(good.length / 2)), Buffer.alloc(0)]) {
      const r = await importXlsx(t.ledger, t.coordinator, bad, { divisions: t.divisions });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/^(无法读取 XLSX 文件|XLSX 文件中没有可读的工作表).* \/ the XLSX file /);
    }
    for (const d of town2.disputes) expect((await t.ledger.getDispute(t.coordinator, d.id)).ok).toBe(false);
  });
});

describe("the township's own columns", () => {
  it("are the fourteen of the township ledger, in order, at the head of the dispute ledger", () => {
    expect(townshipLedgerColumns.map((c) => c.zh)).toEqual(["序号", "排查时间", "村(社区)", "纠纷类型", "当事人", "简要情况", "风险等级", "责任单位", "包保责任人", "化解措施", "化解进展", "是否化解", "化解时间", "备注"]);
    expect(disputeLedgerColumns.slice(0, 14)).toEqual(townshipLedgerColumns);
  });
});

describe("a long sheet of Chinese text", () => {
  it("comes back character for character, however the file's chunks cut its characters", async () => {
    const text = (i: number): string => `第${i}行：溪口村村民因宅基地滴水檐界线发生争执𠀀，双方情绪较激动😀，村调委会已介入调解`;
    const sheet = { name: { zh: "台账", en: "Ledger" }, columns: [{ key: "a", zh: "简要情况", en: "Summary", kind: "text" as const, width: 40 }], rows: Array.from({ length: 1_500 }, (_, i) => [text(i)]) };
    const file = await bytesOf(xlsxExporter().write({ dataset: "disputes", title: sheet.name, sheets: [sheet] }));
    for (const size of [1_000, 4_099]) {
      const chunks = Array.from({ length: Math.ceil(file.length / size) }, (_, k) => file.subarray(k * size, (k + 1) * size));
      const back = await recordsOf(readXlsx(chunks));
      expect(back.slice(1).map((r) => r.cells[0])).toEqual(sheet.rows.map((r) => r[0]));
    }
  });
});

describe("a reader that stops early", () => {
  it("stops the export: the rows left are not pulled, and nothing fails later", async () => {
    let pulled = 0;
    function* rows(): Generator<ReadonlyArray<SheetCell>> {
      for (let i = 0; i < 20_000; i += 1) {
        pulled += 1;
        yield [i, `第 ${i} 行`];
      }
    }
    const sheet = { name: { zh: "长表", en: "Long" }, columns: [{ key: "a", zh: "序号", en: "No.", kind: "integer" as const, width: 6 }, { key: "b", zh: "简要情况", en: "Summary", kind: "text" as const, width: 30 }], rows: rows() };
    let chunks = 0;
    for await (const _ of xlsxExporter({ maxRowsPerSheet: 1_000 }).write({ dataset: "disputes", title: sheet.name, sheets: [sheet] })) {
      chunks += 1;
      if (chunks === 2) break;
    }
    const at = pulled;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBe(at);
    expect(pulled).toBeLessThan(20_000);
  });
});

describe("a workbook cut short", () => {
  const sheet = { name: { zh: "台账", en: "Ledger" }, columns: [{ key: "a", zh: "简要情况", en: "Summary", kind: "text" as const, width: 20 }], rows: Array.from({ length: 300 }, (_, i) => [`第 ${i} 行：溪口村土地纠纷`]) };
  const whole = bytesOf(xlsxExporter().write({ dataset: "disputes", title: sheet.name, sheets: [sheet] }));
  prop.prop([fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })], { numRuns: 25 })("at any byte is refused as unreadable, in both languages, and never waits for ever", async (at) => {
    const file = await whole;
    const cut = file.subarray(0, Math.floor(at * file.length));
    const error = await recordsOf(readXlsx(cut)).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ _tag: "XlsxUnreadable" });
    expect((error as Error).message).toMatch(/^无法读取 XLSX 文件.* \/ the XLSX file cannot be read/);
  });
});
