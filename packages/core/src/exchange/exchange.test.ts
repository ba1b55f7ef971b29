import { fc, it as prop } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../model/actor.js";
import { plantListings, registerTown, serviceFixture } from "../ledger/service-fixture.js";
import { type SheetCell, type SheetRecord, type Workbook, cellText } from "./sheet.js";
import type { Exporter } from "./exporter.js";
import { disputeLedgerColumns, supportRegistryColumns } from "./ledger-columns.js";
import { ledgerWorkbook } from "./ledger-workbook.js";
import { exportLedger } from "./export-ledger.js";
import { importLedgerRows } from "./import-ledger.js";
import { ERRORS_HEADER } from "./header-mapping.js";
import { mapHeader } from "./header-mapping.js";
import { parseDate } from "./ledger-row.js";

/** An exporter of the simplest kind, for the tests: one line of tab-joined cell texts per row. */
const linesExporter: Exporter = {
  format: "lines",
  mediaType: "text/plain",
  extension: "txt",
  capabilities: { datasets: ["disputes", "support-registry", "monthly-summary"], multipleSheets: true, dateCells: false, levelFills: false },
  write: async function* (workbook: Workbook) {
    for (const sheet of workbook.sheets) {
      yield Buffer.from(`# ${sheet.name.zh}\n${sheet.columns.map((c) => c.zh).join("\t")}\n`);
      for await (const row of sheet.rows) yield Buffer.from(`${row.map((c) => cellText(c)).join("\t")}\n`);
    }
  },
};

const drain = async (bytes: AsyncIterable<Uint8Array>): Promise<string> => {
  const parts: Array<Uint8Array> = [];
  for await (const b of bytes) parts.push(b);
  return Buffer.concat(parts).toString("utf8");
};

const collect = async (rows: Iterable<ReadonlyArray<SheetCell>> | AsyncIterable<ReadonlyArray<SheetCell>>) => {
  const out: Array<ReadonlyArray<SheetCell>> = [];
  for await (const r of rows) out.push(r);
  return out;
};

/** A workbook's first sheet as the records a reader gives back: header first, rows numbered from 1. */
const asRecords = async (workbook: Workbook): Promise<Array<SheetRecord>> => {
  const sheet = workbook.sheets[0]!;
  const rows = await collect(sheet.rows);
  return [{ row: 1, cells: sheet.columns.map((c) => c.zh) }, ...rows.map((cells, i) => ({ row: i + 2, cells }))];
};

describe("exporting through the ledger", () => {
  const fx = serviceFixture(511, { villages: 3, persons: 30, disputes: 25, listings: 12 });
  const names = { divisions: Object.fromEntries(fx.town.villages.map((v) => [v.code, v.name])), units: fx.town.units };
  beforeAll(async () => {
    await registerTown(fx);
    await plantListings(fx, fx.town.listings);
  });

  it("writes every dispute in the actor's scope, one row each in the ledger's columns, and records the export in the audit trail", async () => {
    const r = await exportLedger(fx.ledger, linesExporter, fx.actors.coordinator, { dataset: "disputes", purpose: "月度上报", names });
    if (!r.ok) throw new Error(r.error.message);
    const text = await drain(r.value.bytes);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(fx.town.disputes.length + 2);
    expect(lines[1]!.split("\t")).toEqual(disputeLedgerColumns.map((c) => c.zh));
    expect(r.value.fileName).toBe("disputes.txt");
    const trail = await fx.ledger.auditTrail(fx.actors.auditor, { chain: fx.town.township.code, limit: 500 });
    if (!trail.ok) throw new Error(trail.error.message);
    const event = trail.value.items.filter((e) => e.action === "export").at(-1);
    expect(event?.note).toMatchObject({ format: "lines", rows: fx.town.disputes.length });
    expect(event?.purpose).toBe("月度上报");
    expect(event?.fields).toContain("person.name");
  });

  it("names villages and units, labels levels, and gives every fact a column", async () => {
    const r = await ledgerWorkbook(fx.ledger, fx.actors.coordinator, { dataset: "disputes", purpose: "核对", names });
    if (!r.ok) throw new Error(r.error.message);
    const rows = await collect(r.value.workbook.sheets[0]!.rows);
    const byId = new Map(fx.town.disputes.map((d) => [d.id as string, d]));
    const key = (k: string) => disputeLedgerColumns.findIndex((c) => c.key === k);
    for (const [i, row] of rows.entries()) {
      const d = byId.get(row[key("id")] as string)!;
      expect(row[key("seq")]).toBe(i + 1);
      expect(row[key("reportedOn")]).toEqual({ date: d.reportedOn });
      expect(row[key("village")]).toBe(names.divisions[d.jurisdiction]);
      expect(row[key("summary")]).toBe(d.summary);
      expect(row[key("peopleInvolved")]).toBe(d.facts.peopleInvolved);
      expect(row[key("threatOfViolence")]).toBe(d.facts.threatOfViolence);
      expect(row[key("level")]).toMatchObject({ level: expect.stringMatching(/^(red|orange|yellow|blue)$/) });
      expect(row).toHaveLength(disputeLedgerColumns.length);
    }
  });

  it("refuses a dataset the exporter does not write, and a scope beyond the actor's, before any byte", async () => {
    const narrow: Exporter = { ...linesExporter, capabilities: { ...linesExporter.capabilities, datasets: ["disputes"] } };
    const r = await exportLedger(fx.ledger, narrow, fx.actors.coordinator, { dataset: "support-registry", purpose: "核对" });
    expect(!r.ok && r.error._tag).toBe("DatasetNotSupported");
    const village = fx.actors.village(fx.town.villages[0]!.code);
    const out = await exportLedger(fx.ledger, linesExporter, village, { dataset: "disputes", purpose: "核对", within: fx.town.township.code });
    expect(!out.ok && out.error._tag).toBe("AccessDenied");
  });

  it("writes the monthly summary's tables, withholding small cells for the level above", async () => {
    const period = { from: fx.town.period.from, to: fx.town.period.to };
    const own = await ledgerWorkbook(fx.ledger, fx.actors.coordinator, { dataset: "monthly-summary", purpose: "月度上报", period, names });
    if (!own.ok) throw new Error(own.error.message);
    expect(own.value.workbook.sheets.map((s) => s.name.zh)).toEqual(["汇总", "按村(社区)", "按纠纷类型", "按风险等级", "按化解优先级", "按责任单位"]);
    const totals = await collect(own.value.workbook.sheets[0]!.rows);
    expect(totals[0]![2]).toBe(fx.town.disputes.filter((d) => d.reportedOn <= period.to).length);
    const up = await ledgerWorkbook(fx.ledger, fx.actors.coordinator, { dataset: "monthly-summary", purpose: "月度上报", period, for: "county" });
    if (!up.ok) throw new Error(up.error.message);
    // In each breakdown (by village, type, level, priority, unit) the level above sees no count from 1 to 4
    // (the ledger's default threshold is 5), and in a column with a withheld cell no zero either: a
    // withheld zero must not be told from a withheld small count.
    const columns: Array<ReadonlyArray<unknown>> = [];
    for (const sheet of up.value.workbook.sheets.slice(1)) {
      const rows = await collect(sheet.rows);
      for (const c of [1, 2, 3, 4]) columns.push(rows.map((row) => row[c]));
    }
    expect(columns.flat()).toContain("*");
    for (const column of columns) {
      for (const c of column) expect(c === "*" || (typeof c === "number" && (c === 0 || c >= 5)), String(c)).toBe(true);
      if (column.includes("*")) expect(column).not.toContain(0);
    }
  });

});

describe("what a village committee exports", () => {
  prop.prop([fc.integer({ min: 1, max: 100_000 }), fc.nat()], { numRuns: 5 })(
    "over generated towns, no export by a village committee shows a sensitive field: no identity or phone number in full, no health or criminal-record category, no listing details",
    async (seed, pick) => {
      const fx = serviceFixture(seed, { villages: 3, persons: 24, disputes: 10, listings: 10 });
      await registerTown(fx);
      await plantListings(fx, fx.town.listings);
      const village = fx.town.villages[pick % fx.town.villages.length]!.code;
      const actor: Actor = fx.actors.village(village);
      for (const dataset of ["disputes", "support-registry"] as const) {
        const r = await ledgerWorkbook(fx.ledger, actor, { dataset, purpose: "走访" });
        if (!r.ok) throw new Error(r.error.message);
        const rows = await collect(r.value.workbook.sheets[0]!.rows);
        const text = rows.flat().map((c) => cellText(c)).join("\n");
        for (const p of fx.town.persons) {
          if (p.identityNumber !== undefined) expect(text).not.toContain(p.identityNumber);
          if (p.contact?.phone !== undefined) expect(text).not.toContain(p.contact.phone);
        }
        if (dataset === "support-registry") {
          const category = supportRegistryColumns.findIndex((c) => c.key === "category");
          const id = supportRegistryColumns.findIndex((c) => c.key === "identityNumber");
          for (const row of rows) {
            expect(["严重精神障碍患者", "刑满释放人员、社区矫正对象"]).not.toContain(row[category]);
            if (row[id] !== null) expect(row[id]).toMatch(/\*{4,}/);
          }
        }
        const shown = r.value.fieldsShown();
        expect(shown.filter((f) => f.startsWith("listing.details") || f === "listing.category" || f === "listing.evidence")).toEqual([]);
      }
    },
  );
});

describe("importing a ledger sheet", () => {
  const source = serviceFixture(512, { villages: 3, persons: 30, disputes: 20, listings: 0 });
  const divisions = Object.fromEntries(source.town.villages.map((v) => [v.name, v.code]));
  const names = { divisions: Object.fromEntries(source.town.villages.map((v) => [v.code, v.name])), units: source.town.units };
  let records: Array<SheetRecord> = [];
  beforeAll(async () => {
    await registerTown(source);
    const r = await ledgerWorkbook(source.ledger, source.actors.coordinator, { dataset: "disputes", purpose: "导出", names });
    if (!r.ok) throw new Error(r.error.message);
    records = await asRecords(r.value.workbook);
  });

  it("registers every row of an exported ledger in another ledger, and nothing twice when the same file comes again", async () => {
    const target = serviceFixture(512, {}, { town: source.town });
    const first = await importLedgerRows(target.ledger, target.actors.coordinator, records, { divisions });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({ rows: 20, registered: 20, alreadyInLedger: 0, rejected: [], refusedWhole: false });
    expect(first.value.notRegistered).toContain("风险等级");
    for (const d of source.town.disputes) {
      const got = await target.ledger.getDispute(target.actors.coordinator, d.id);
      expect(got.ok && got.value.dispute.summary).toBe(d.summary);
      expect(got.ok && got.value.dispute.facts).toEqual(d.facts);
    }
    const again = await importLedgerRows(target.ledger, target.actors.coordinator, records, { divisions });
    expect(again.ok && again.value).toMatchObject({ registered: 0, alreadyInLedger: 20 });
  });

  it("reports every bad row with its row number, column and both languages, registers the good ones, and with `atomic` none", async () => {
    const col = (k: string) => disputeLedgerColumns.findIndex((c) => c.key === k);
    const broken = records.map((r, i) => {
      if (i === 3) return { ...r, cells: r.cells.map((c, j) => (j === col("reportedOn") ? "2025-02-30" : j === col("id") ? "" : c)) };
      if (i === 7) return { ...r, cells: r.cells.map((c, j) => (j === col("domain") ? "吵架" : j === col("peopleInvolved") ? "" : c)) };
      return r;
    });
    const target = serviceFixture(512, {}, { town: source.town });
    const atomic = await importLedgerRows(target.ledger, target.actors.coordinator, broken, { divisions, atomic: true });
    expect(atomic.ok && atomic.value).toMatchObject({ registered: 0, refusedWhole: true });
    const partial = await importLedgerRows(target.ledger, target.actors.coordinator, broken, { divisions });
    if (!partial.ok) throw new Error(partial.error.message);
    expect(partial.value.registered).toBe(18);
    expect(partial.value.rejected.map((r) => r.row)).toEqual([4, 8]);
    expect(partial.value.rejected[0]!.problems).toEqual([{ column: "排查时间", zh: "“2025-02-30”不是日期（如 2025-01-05）", en: '"2025-02-30" is not a date (such as 2025-01-05)' }]);
    expect(partial.value.rejected[1]!.problems.map((p) => p.column)).toEqual(["纠纷类型", "涉及人数"]);
    expect(partial.value.rejected[1]!.cells).toEqual(broken[7]!.cells);
  });

  it("refuses a row with a cell beyond the header rather than drop the cell", async () => {
    const target = serviceFixture(512, {}, { town: source.town });
    const longer = records.map((r, i) => (i === 2 ? { ...r, cells: [...r.cells, "", "多出的内容"] } : r));
    const r = await importLedgerRows(target.ledger, target.actors.coordinator, longer, { divisions });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.registered).toBe(19);
    expect(r.value.rejected).toMatchObject([{ row: 3, problems: [{ zh: `第 ${disputeLedgerColumns.length + 2} 列没有表头，其内容无法导入` }] }]);
  });

  it("refuses a row with a cell under an empty header, and ignores what an error file's own column holds", async () => {
    const target = serviceFixture(512, {}, { town: source.town });
    const widened = records.map((r, i) => ({ ...r, cells: [...r.cells, i === 0 ? "" : i === 4 ? "放错列的内容" : "", i === 0 ? ERRORS_HEADER : "旧的错误说明"] }));
    const r = await importLedgerRows(target.ledger, target.actors.coordinator, widened, { divisions });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.registered).toBe(19);
    expect(r.value.rejected).toMatchObject([{ row: 5, problems: [{ zh: `第 ${disputeLedgerColumns.length + 1} 列没有表头，其内容无法导入` }] }]);
  });

  it("reads a header again on every sheet, and refuses a sheet whose header differs", async () => {
    const target = serviceFixture(512, {}, { town: source.town });
    const onSheets = records.map((r, i) => ({ ...r, sheet: i <= 10 ? "台账" : "台账 (2)" }));
    const split = [...onSheets.slice(0, 11), { sheet: "台账 (2)", row: 1, cells: ["二月（续）"] }, { ...onSheets[0]!, sheet: "台账 (2)", row: 2 }, ...onSheets.slice(11)];
    const r = await importLedgerRows(target.ledger, target.actors.coordinator, split, { divisions });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rows: 20, registered: 20, rejected: [] });
    const other = [...onSheets.slice(0, 11), { ...onSheets[0]!, sheet: "台账 (2)", row: 1, cells: onSheets[0]!.cells.slice(0, 8) }, ...onSheets.slice(11)];
    const refused = await importLedgerRows(target.ledger, target.actors.coordinator, other, { divisions });
    expect(!refused.ok && refused.error.text.zh).toBe("工作表“台账 (2)”第 1 行的表头与第一个工作表的不同");
  });

  it("refuses a file without a header, with a required column missing, or with an unknown column unless told to ignore it", async () => {
    const target = serviceFixture(512, {}, { town: source.town });
    const noHeader = await importLedgerRows(target.ledger, target.actors.coordinator, records.slice(1), { divisions });
    expect(!noHeader.ok && noHeader.error.text.en).toMatch(/no header row/);
    const drop = disputeLedgerColumns.findIndex((c) => c.key === "summary");
    const without = records.map((r) => ({ ...r, cells: r.cells.filter((_, j) => j !== drop) }));
    const missing = await importLedgerRows(target.ledger, target.actors.coordinator, without, { divisions });
    expect(!missing.ok && missing.error.text.zh).toBe("缺少必需的列：简要情况");
    const extra = records.map((r, i) => ({ ...r, cells: [...r.cells, i === 0 ? "联系人" : "x"] }));
    const unknown = await importLedgerRows(target.ledger, target.actors.coordinator, extra, { divisions });
    expect(!unknown.ok && unknown.error.text.zh).toMatch(/无法识别的列：“联系人”/);
    const ignored = await importLedgerRows(target.ledger, target.actors.coordinator, extra, { divisions, unknownColumns: "ignore" });
    expect(ignored.ok && ignored.value).toMatchObject({ registered: 20, ignoredColumns: ["联系人"] });
  });
});

describe("header mapping and cell parsing", () => {
  it("maps old ledgers' usual headers, in either width of bracket, with spaces and required-field marks", () => {
    const m = mapHeader(["序号", "排查日期", " 村（社区）* ", "纠纷类别", "当事人姓名", "基本情况", "风险级别", "Resolved on"]);
    expect(m.positions).toEqual(["seq", "reportedOn", "village", "domain", "parties", "summary", "level", "resolvedOn"]);
    expect(mapHeader(["序号", "x"], { x: "remarks" }).positions).toEqual(["seq", "remarks"]);
  });

  prop.prop([fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })])(
    "reads a day written in any usual way as the same day, and a day that does not exist as none",
    (y, m, d) => {
      const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      const exists = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
      for (const written of [iso, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`]) expect(parseDate(written)).toBe(exists ? iso : undefined);
      if (exists) expect(parseDate(Math.round(Date.UTC(y, m - 1, d) / 86_400_000) + 25_569)).toBe(iso);
    },
  );
});
