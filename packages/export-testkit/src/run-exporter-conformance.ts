import { fc, it as prop } from "@fast-check/vitest";
import { type ExportDataset, type Exporter, type Lang, type Sheet, type SheetCell, type SheetRecord, type Workbook, cellText, headerOf } from "@tiaojie/core";
import { describe, expect, it } from "vitest";
import { hostileSheet } from "./hostile-sheets.js";

/**
 * An exporter under test, with the reader of its format.
 * @since 0.5.0
 */
export interface ExporterUnderTest {
  /** The name the suites are registered under. */
  readonly name: string;
  readonly exporter: Exporter;
  /**
   * Reads a file the exporter wrote back into rows, header rows included: each
   * sheet's rows in order, named by `sheet` for formats with several sheets.
   */
  readonly read: (bytes: Uint8Array) => AsyncIterable<SheetRecord>;
  /**
   * Rows of the sheet of the streaming check: the exporter must yield its first
   * bytes before it has pulled all of them. An exporter that keeps a sheet in
   * memory until its end passes with a `maxRowsPerSheet` below this.
   * @default 5000
   */
  readonly streamingRows?: number;
  /** Runs of each property. @default 20 */
  readonly numRuns?: number;
}

const ALL_DATASETS: ReadonlyArray<ExportDataset> = ["disputes", "support-registry", "monthly-summary"];

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

const recordsOf = async (read: ExporterUnderTest["read"], bytes: Uint8Array): Promise<Array<SheetRecord>> => {
  const out: Array<SheetRecord> = [];
  for await (const r of read(bytes)) out.push(r);
  return out;
};

/** A row's cells as text, padded to the sheet's width: how the suites compare what went out with what came back. */
const texts = (cells: ReadonlyArray<SheetCell>, width: number, lang: Lang): Array<string> => Array.from({ length: width }, (_, i) => cellText(cells[i] ?? null, lang));

const workbookOf = (dataset: ExportDataset, sheets: ReadonlyArray<Sheet>): Workbook => ({ dataset, title: { zh: "测试", en: "Test" }, sheets });

/**
 * Registers the exporter conformance suites with vitest: capabilities are
 * declared, an unlisted dataset is refused, a workbook of hostile text (quotes,
 * commas, line breaks, formula starts, emoji, 𠀀, long text) comes back through
 * the format's reader cell for cell (as text: dates `YYYY-MM-DD`, yes/no 是/否,
 * levels by label) with headers in either language, text that begins like a
 * formula comes back as that text, an empty sheet gives its header, and bytes
 * flow before the last row is pulled. Call it at the top level of a test file.
 *
 * @example
 * ```ts
 * import { runExporterConformance } from "@tiaojie/export-testkit";
 * import { csvExporter, csvSheetRecords } from "@tiaojie/csv";
 *
 * runExporterConformance({ name: "csv", exporter: csvExporter(), read: (bytes) => csvSheetRecords([bytes]) });
 * ```
 * @since 0.5.0
 */
export const runExporterConformance = (subject: ExporterUnderTest): void => {
  const { exporter, read } = subject;
  const numRuns = subject.numRuns ?? 20;
  const dataset = exporter.capabilities.datasets[0] ?? "disputes";

  describe(`exporter conformance: ${subject.name}`, () => {
    it("declares its format, media type, extension and at least one dataset", () => {
      expect(exporter.format).toMatch(/^[a-z0-9-]+$/);
      expect(exporter.mediaType).toMatch(/^[a-z]+\/[\w.+-]+$/);
      expect(exporter.extension).toMatch(/^[a-z0-9]+$/);
      expect(exporter.capabilities.datasets.length).toBeGreaterThan(0);
      for (const d of exporter.capabilities.datasets) expect(ALL_DATASETS).toContain(d);
    });

    it("refuses every dataset it does not list", async () => {
      for (const d of ALL_DATASETS.filter((x) => !exporter.capabilities.datasets.includes(x))) {
        const sheet: Sheet = { name: { zh: "表", en: "Sheet" }, columns: [{ key: "a", zh: "甲", en: "A", kind: "text", width: 5 }], rows: [["x"]] };
        // Refusing at the call or at the first pull are both fine.
        await expect((async () => bytesOf(exporter.write(workbookOf(d, [sheet]))))()).rejects.toMatchObject({ _tag: "DatasetNotSupported" });
      }
    });

    prop.prop([hostileSheet(), fc.constantFrom<Lang>("zh", "en")], { numRuns })("gives back every header and cell of a sheet of hostile text", async (sheet, lang) => {
      const rows = [...(sheet.rows as Iterable<ReadonlyArray<SheetCell>>)];
      const back = await recordsOf(read, await bytesOf(exporter.write(workbookOf(dataset, [sheet]), { lang })));
      const width = sheet.columns.length;
      expect(back.map((r) => texts(r.cells, width, lang))).toEqual([sheet.columns.map((c) => headerOf(c, lang)), ...rows.map((r) => texts(r, width, lang))]);
    });

    if (exporter.capabilities.multipleSheets) {
      prop.prop([hostileSheet({ name: "甲表" }), hostileSheet({ name: "乙表" })], { numRuns: Math.max(3, Math.floor(numRuns / 4)) })("keeps several sheets apart, each named, in order", async (a, b) => {
        const back = await recordsOf(read, await bytesOf(exporter.write(workbookOf(dataset, [a, b]))));
        const names = [...new Set(back.map((r) => r.sheet))];
        expect(names).toEqual(["甲表", "乙表"]);
        for (const [sheet, name] of [[a, "甲表"], [b, "乙表"]] as const) {
          const rows = [...(sheet.rows as Iterable<ReadonlyArray<SheetCell>>)];
          expect(back.filter((r) => r.sheet === name)).toHaveLength(rows.length + 1);
        }
      });
    }

    it("gives back text that begins like a formula as that text", async () => {
      const starts = ["=1+1", "+86 138", "-5", "@SUM(A1)", "\t=1", "'=1", '=HYPERLINK("http://x","y")'];
      const sheet: Sheet = { name: { zh: "公式", en: "Formulas" }, columns: [{ key: "a", zh: "内容", en: "Text", kind: "text", width: 20 }], rows: starts.map((s) => [s]) };
      const back = await recordsOf(read, await bytesOf(exporter.write(workbookOf(dataset, [sheet]))));
      expect(back.slice(1).map((r) => r.cells[0])).toEqual(starts);
    });

    it("writes the header of a sheet without rows", async () => {
      const sheet: Sheet = { name: { zh: "空表", en: "Empty" }, columns: [{ key: "a", zh: "序号", en: "No.", kind: "integer", width: 6 }, { key: "b", zh: "备注", en: "Remarks", kind: "text", width: 6 }], rows: [] };
      const back = await recordsOf(read, await bytesOf(exporter.write(workbookOf(dataset, [sheet]))));
      expect(back.map((r) => texts(r.cells, 2, "zh"))).toEqual([["序号", "备注"]]);
    });

    it("yields bytes before it has pulled every row", async () => {
      const total = subject.streamingRows ?? 5_000;
      let pulled = 0;
      function* rows(): Generator<ReadonlyArray<SheetCell>> {
        for (let i = 0; i < total; i += 1) {
          pulled += 1;
          yield [i, `第 ${i} 行：溪口村土地纠纷`];
        }
      }
      const sheet: Sheet = { name: { zh: "长表", en: "Long" }, columns: [{ key: "a", zh: "序号", en: "No.", kind: "integer", width: 6 }, { key: "b", zh: "简要情况", en: "Summary", kind: "text", width: 30 }], rows: rows() };
      // A byte-order mark or a file header may come first: what counts is a second chunk while rows are still to come.
      let early = 0;
      for await (const chunk of exporter.write(workbookOf(dataset, [sheet]))) if (chunk.byteLength > 0 && pulled < total) early += 1;
      expect(pulled).toBe(total);
      expect(early, "chunks yielded before the last row was pulled").toBeGreaterThanOrEqual(2);
    });
  });
};
