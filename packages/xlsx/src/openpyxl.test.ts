import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { disputeLedgerColumns, exportLedger } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { townLedger } from "@tiaojie/export-testkit";
import { makeMemoryStore } from "@tiaojie/store-memory";
import { describe, expect, it } from "vitest";
import { LEVEL_FILLS, xlsxExporter } from "./index.js";

// The independent reader: Python's openpyxl (Debian's python3-openpyxl, which
// installs for /usr/bin/python3) re-reads every kind of exported workbook.
const PYTHON = "/usr/bin/python3";
const openpyxlWorks = existsSync(PYTHON) && (() => {
  try {
    execFileSync(PYTHON, ["-c", "import openpyxl"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

// What openpyxl sees: every sheet's name, frozen pane, rows, and each cell's value, type, number format and fill.
const SCRIPT = `
import io, json, sys, datetime, openpyxl
from openpyxl.utils.escape import unescape
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime): v = v.strftime("%Y-%m-%d")
    elif isinstance(v, str): v = unescape(v)
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
    return {"v": v, "t": c.data_type, "f": c.number_format, "fill": fill}
print(json.dumps([{"name": ws.title, "frozen": ws.freeze_panes, "rows": [[cell(c) for c in row] for row in ws.iter_rows()]} for ws in book.worksheets]))
`;

interface PyCell {
  readonly v: string | number | boolean | null;
  readonly t: string;
  readonly f: string;
  readonly fill: string | null;
}
interface PySheet {
  readonly name: string;
  readonly frozen: string | null;
  readonly rows: ReadonlyArray<ReadonlyArray<PyCell>>;
}

const openpyxl = (file: Uint8Array): ReadonlyArray<PySheet> => JSON.parse(execFileSync(PYTHON, ["-c", SCRIPT], { input: file, maxBuffer: 64 * 2 ** 20 }).toString("utf8")) as ReadonlyArray<PySheet>;

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

describe("exported workbooks read by openpyxl", () => {
  if (!openpyxlWorks) {
    if (process.env.CI === "true") it("needs openpyxl for /usr/bin/python3 under CI=true", () => expect.fail("openpyxl is missing (apt-get install python3-openpyxl): the independent XLSX check cannot run"));
    else it.todo("not run: openpyxl for /usr/bin/python3 is missing (apt-get install python3-openpyxl)");
    return;
  }
  const town = sampleTown(91, { villages: 3, persons: 16, disputes: 9, listings: 0 });
  const t = townLedger(town, makeMemoryStore());
  const formula = '=HYPERLINK("http://x","点我") 欠薪';
  const disputes = town.disputes.map((d, i) => (i === 0 ? { ...d, summary: formula } : i === 1 ? { ...d, summary: "两行\r\n第二行 &lt; 𠀀" } : d));
  const ready = t.registerTown(disputes);
  const exported = async (request: Parameters<typeof exportLedger>[3], maxRowsPerSheet?: number): Promise<Buffer> => {
    await ready;
    const r = await exportLedger(t.ledger, xlsxExporter(maxRowsPerSheet === undefined ? {} : { maxRowsPerSheet }), t.coordinator, request);
    if (!r.ok) throw new Error(r.error.message);
    return bytesOf(r.value.bytes);
  };

  it("the dispute ledger: sheet names, frozen headers, headers, row count, date cells, level fills, and formula-looking text as text", async () => {
    const sheets = openpyxl(await exported({ dataset: "disputes", purpose: "核对", names: t.names }, 5));
    expect(sheets.map((s) => s.name)).toEqual(["矛盾纠纷排查化解台账", "矛盾纠纷排查化解台账 (2)"]);
    for (const s of sheets) {
      expect(s.frozen).toBe("A2");
      expect(s.rows[0]!.map((c) => c.v)).toEqual(disputeLedgerColumns.map((c) => c.zh));
    }
    const rows = sheets.flatMap((s) => s.rows.slice(1));
    expect(rows).toHaveLength(9);
    const col = (key: string) => disputeLedgerColumns.findIndex((c) => c.key === key);
    const byId = new Map(disputes.map((d) => [d.id as string, d]));
    for (const row of rows) {
      const d = byId.get(row[col("id")]!.v as string)!;
      expect(row[col("reportedOn")]).toMatchObject({ v: d.reportedOn, t: "d", f: "yyyy-mm-dd" });
      const level = row[col("level")]!;
      expect(level.t).toBe("s");
      const code = (Object.keys(LEVEL_FILLS) as Array<keyof typeof LEVEL_FILLS>).find((k) => String(level.v).includes({ red: "红", orange: "橙", yellow: "黄", blue: "蓝" }[k]));
      expect(level.fill).toBe(LEVEL_FILLS[code!]);
      expect(row[col("seq")]!.t).toBe("n");
    }
    const summaries = rows.map((r) => r[col("summary")]!);
    expect(summaries).toContainEqual(expect.objectContaining({ v: formula, t: "s" }));
    expect(summaries.map((c) => c.v)).toContain("两行\r\n第二行 &lt; 𠀀");
  });

  it("the monthly summary: one sheet a table, numbers as numbers", async () => {
    const sheets = openpyxl(await exported({ dataset: "monthly-summary", purpose: "月度上报", period: town.period, names: t.names }));
    expect(sheets.map((s) => s.name)).toEqual(["汇总", "按村(社区)", "按纠纷类型", "按风险等级", "按化解优先级", "按责任单位"]);
    const totals = sheets[0]!.rows;
    expect(totals[0]!.map((c) => c.v)).toEqual(["项目", "本期新增", "累计排查", "本期化解", "期末在办"]);
    expect(totals.slice(1).flat().filter((c) => c.t === "n").length).toBeGreaterThan(0);
  });

  it("the support registry: its header in English when asked", async () => {
    const sheets = openpyxl(await exported({ dataset: "support-registry", purpose: "核对", names: t.names, lang: "en" }));
    expect(sheets.map((s) => s.name)).toEqual(["Support registry"]);
    expect(sheets[0]!.frozen).toBe("A2");
    expect(sheets[0]!.rows[0]!.every((c) => typeof c.v === "string" && /^[\x20-\x7e]+$/.test(c.v))).toBe(true);
  });
});
