import { type Exporter, type SheetRecord, cellText, requireDataset } from "@tiaojie/core";
import { runExporterConformance } from "./index.js";

// The kit run against the simplest exporter that can pass it: tab-separated
// lines with escaped tabs, line breaks and backslashes, and its reader.
const escape = (s: string): string => s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
const unescape = (s: string): string => s.replace(/\\(.)/g, (_m, c: string) => (c === "t" ? "\t" : c === "r" ? "\r" : c === "n" ? "\n" : c));

const tsvExporter: Exporter = {
  format: "tsv",
  mediaType: "text/tab-separated-values",
  extension: "tsv",
  capabilities: { datasets: ["disputes"], multipleSheets: false, dateCells: false, levelFills: false },
  write: async function* (workbook, options = {}) {
    requireDataset(tsvExporter, workbook);
    const lang = options.lang ?? "zh";
    const sheet = workbook.sheets[0]!;
    yield Buffer.from(`${sheet.columns.map((c) => escape(c[lang])).join("\t")}\n`);
    let lines: Array<string> = [];
    for await (const row of sheet.rows) {
      lines.push(row.map((c) => escape(cellText(c, lang))).join("\t"));
      if (lines.length === 100) {
        yield Buffer.from(`${lines.join("\n")}\n`);
        lines = [];
      }
    }
    if (lines.length > 0) yield Buffer.from(`${lines.join("\n")}\n`);
  },
};

async function* readTsv(bytes: Uint8Array): AsyncGenerator<SheetRecord> {
  const lines = Buffer.from(bytes).toString("utf8").split("\n").slice(0, -1);
  for (const [i, line] of lines.entries()) yield { row: i + 1, cells: line.split("\t").map(unescape) };
}

runExporterConformance({ name: "tab-separated lines (the kit's own check)", exporter: tsvExporter, read: readTsv });
