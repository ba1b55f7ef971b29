import { fc, it as prop } from "@fast-check/vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { disputeLedgerColumns, exportLedger } from "@tiaojie/core";
import { type SampleTown, sampleTown } from "@tiaojie/core/testing";
import { type TownLedger, townLedger } from "@tiaojie/export-testkit";
import { makeMemoryStore } from "@tiaojie/store-memory";
import { describe, expect, it } from "vitest";
import { csvErrorFile, csvExporter, importCsv, readCsv } from "./index.js";

const ledgerOf = (town: SampleTown): TownLedger => townLedger(town, makeMemoryStore());

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

const exportCsv = async (t: TownLedger, encoding?: "utf-8-bom" | "gb18030"): Promise<Buffer> => {
  const r = await exportLedger(t.ledger, csvExporter(encoding === undefined ? {} : { encoding }), t.coordinator, { dataset: "disputes", purpose: "导出核对", names: t.names });
  if (!r.ok) throw new Error(r.error.message);
  return bytesOf(r.value.bytes);
};

/** Summaries hostile to CSV and spreadsheets, valid for the ledger (1–2,000 characters, no outer spaces). */
const hostileSummary = fc
  .oneof(
    fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r\n", "=", "+", "-", "@", "'", "村", "𠀀", "😀", "；", "a", " "), minLength: 1, maxLength: 60 }),
    fc.constantFrom("=HYPERLINK(\"http://x\",\"点我\")", "-1+2", "@SUM(A1:A9)", "𠀀𠀁 争议", "x".repeat(2_000)),
  )
  .map((s) => s.trim())
  .filter((s) => s !== "");

describe("the dispute ledger as CSV", () => {
  prop.prop([fc.integer({ min: 1, max: 10_000 }), fc.array(hostileSummary, { minLength: 6, maxLength: 6 }), fc.constantFrom("utf-8-bom" as const, "gb18030" as const)], { numRuns: 6 })(
    "round trip over generated towns with hostile text: exported by one ledger, imported by another, every dispute comes back the same",
    async (seed, summaries, encoding) => {
      const base = sampleTown(seed, { villages: 2, persons: 12, disputes: 6, listings: 0 });
      const disputes = base.disputes.map((d, i) => ({ ...d, summary: summaries[i]! }));
      const source = ledgerOf(base);
      await source.registerTown(disputes);
      const file = await exportCsv(source, encoding);
      const target = ledgerOf(base);
      const r = await importCsv(target.ledger, target.coordinator, [file], { divisions: target.divisions });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value).toMatchObject({ rows: 6, registered: 6, rejected: [] });
      for (const d of disputes) {
        const got = await target.ledger.getDispute(target.coordinator, d.id);
        if (!got.ok) throw new Error(got.error.message);
        expect(got.value.dispute).toEqual(d);
      }
      const again = await importCsv(target.ledger, target.coordinator, [file], { divisions: target.divisions });
      expect(again.ok && again.value).toMatchObject({ registered: 0, alreadyInLedger: 6 });
    },
  );

  it("imports good rows, reports each bad one with its row, column and both languages, and writes an error file that imports once corrected", async () => {
    const town = sampleTown(77, { villages: 2, persons: 12, disputes: 8, listings: 0 });
    const source = ledgerOf(town);
    await source.registerTown();
    const records = [];
    for await (const r of readCsv([await exportCsv(source)])) records.push([...r.cells]);
    const col = (key: string) => disputeLedgerColumns.findIndex((c) => c.key === key);
    records[2]![col("reportedOn")] = "2025年13月1日";
    records[5]![col("village")] = "不存在村";
    records[5]![col("jurisdiction")] = "";
    records[5]![col("selfHarmRisk")] = "也许";
    const { writeCsv } = await import("./csv-writer.js");
    const file = await bytesOf(writeCsv(records));

    const target = ledgerOf(town);
    const atomic = await importCsv(target.ledger, target.coordinator, [file], { divisions: target.divisions, atomic: true });
    expect(atomic.ok && atomic.value).toMatchObject({ rows: 8, registered: 0, refusedWhole: true });
    const r = await importCsv(target.ledger, target.coordinator, [file], { divisions: target.divisions });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rows: 8, registered: 6, alreadyInLedger: 0 });
    expect(r.value.rejected.map((x) => x.row)).toEqual([3, 6]);
    expect(r.value.rejected[1]!.problems).toEqual([
      { column: "村(社区)", zh: "“不存在村”不在区划名称表中", en: '"不存在村" is not in the table of division names' },
      { column: "有自伤风险", zh: "“也许”不是“是”或“否”", en: '"也许" is not yes or no' },
    ]);

    const errors = [];
    for await (const rec of readCsv([await bytesOf(csvErrorFile(r.value))])) errors.push([...rec.cells]);
    expect(errors[0]).toEqual([...disputeLedgerColumns.map((c) => c.zh), "错误说明 / Errors"]);
    expect(errors).toHaveLength(3);
    expect(errors[1]!.slice(0, -1)).toEqual(records[2]);
    expect(errors[2]!.at(-1)).toBe("【村(社区)】“不存在村”不在区划名称表中 / \"不存在村\" is not in the table of division names；【有自伤风险】“也许”不是“是”或“否” / \"也许\" is not yes or no");

    errors[1]![col("reportedOn")] = "2025-01-13";
    errors[2]![col("village")] = town.villages[0]!.name;
    errors[2]![col("jurisdiction")] = town.villages[0]!.code;
    errors[2]![col("selfHarmRisk")] = "否";
    const fixed = await importCsv(target.ledger, target.coordinator, [await bytesOf(writeCsv(errors))], { divisions: target.divisions });
    expect(fixed.ok && fixed.value).toMatchObject({ rows: 2, registered: 2, rejected: [] });
    const twice = await importCsv(target.ledger, target.coordinator, [file], { divisions: target.divisions });
    expect(twice.ok && twice.value).toMatchObject({ registered: 0, alreadyInLedger: 6 });
  });

  it("writes the monthly summary's tables in one file, each row led by its table", async () => {
    const town = sampleTown(78, { villages: 2, persons: 12, disputes: 8, listings: 0 });
    const ledger = ledgerOf(town);
    await ledger.registerTown();
    const r = await exportLedger(ledger.ledger, csvExporter(), ledger.coordinator, { dataset: "monthly-summary", purpose: "月度上报", period: town.period });
    if (!r.ok) throw new Error(r.error.message);
    const rows = [];
    for await (const rec of readCsv([await bytesOf(r.value.bytes)])) rows.push(rec.cells);
    expect(rows[0]).toEqual(["表", "项目", "本期新增", "累计排查", "本期化解", "期末在办"]);
    expect(new Set(rows.slice(1).map((x) => x[0]))).toEqual(new Set(["汇总", "按村(社区)", "按纠纷类型", "按风险等级", "按化解优先级", "按责任单位"]));
  });
});

// The independent parser: Python's csv module reads the exported ledger.
const PYTHON = "/usr/bin/python3";
const pythonWorks = existsSync(PYTHON);

describe("an exported ledger read by Python's csv module", () => {
  if (!pythonWorks) {
    if (process.env.CI === "true") it("needs /usr/bin/python3 under CI=true", () => expect.fail("/usr/bin/python3 is missing: the independent CSV check cannot run"));
    else it.todo("not run: /usr/bin/python3 is missing");
    return;
  }
  it("has the ledger's headers, one record per dispute, and every formula-looking summary inert", async () => {
    const town = sampleTown(79, { villages: 2, persons: 12, disputes: 5, listings: 0 });
    const disputes = town.disputes.map((d, i) => (i === 0 ? { ...d, summary: "=1+1 欠薪\n第二行" } : d));
    const ledger = ledgerOf(town);
    await ledger.registerTown(disputes);
    const file = await exportCsv(ledger);
    const script = "import csv, io, json, sys\nrows = list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode('utf-8-sig'), newline='')))\nprint(json.dumps(rows))";
    const rows = JSON.parse(execFileSync(PYTHON, ["-c", script], { input: file }).toString("utf8")) as Array<Array<string>>;
    expect(rows[0]).toEqual(disputeLedgerColumns.map((c) => c.zh));
    expect(rows).toHaveLength(6);
    const summary = disputeLedgerColumns.findIndex((c) => c.key === "summary");
    expect(rows.map((r) => r[summary])).toContain("'=1+1 欠薪\n第二行");
  });
});
