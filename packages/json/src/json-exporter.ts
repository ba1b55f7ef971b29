import { type Exporter, type Lang, type SheetCell, type Workbook, requireDataset } from "@tiaojie/core";

const CAPABILITIES = { datasets: ["disputes", "support-registry", "monthly-summary"], multipleSheets: true, dateCells: true, levelFills: false } as const;

const text = (value: string): Uint8Array => Buffer.from(value, "utf8");
const ROWS_PER_CHUNK = 500;

/** Each sheet's rows as JSON texts, a chunk of them at a time. */
async function* rowTexts(rows: Workbook["sheets"][number]["rows"], format: (row: ReadonlyArray<SheetCell>) => string): AsyncGenerator<Array<string>> {
  let chunk: Array<string> = [];
  for await (const row of rows) {
    chunk.push(format(row));
    if (chunk.length === ROWS_PER_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * The JSON exporter: one {@link WorkbookFile} a workbook, written as a stream
 * (the rows are never all in memory), cells as the sheet model has them.
 *
 * @example
 * ```ts
 * import { exportLedger } from "@tiaojie/core";
 * import { jsonExporter } from "@tiaojie/json";
 *
 * const r = await exportLedger(ledger, jsonExporter(), officer, { dataset: "monthly-summary", purpose: "月度上报", period });
 * ```
 * @since 0.5.0
 */
export const jsonExporter = (): Exporter => {
  const exporter: Exporter = {
    format: "json",
    mediaType: "application/json",
    extension: "json",
    capabilities: CAPABILITIES,
    write: async function* (workbook, options = {}) {
      requireDataset(exporter, workbook);
      const lang: Lang = options.lang ?? "zh";
      yield text(`{"format":"tiaojie-workbook","version":1,"dataset":${JSON.stringify(workbook.dataset)},"title":${JSON.stringify(workbook.title)},"lang":"${lang}","sheets":[`);
      for (const [s, sheet] of workbook.sheets.entries()) {
        yield text(`${s === 0 ? "" : ","}{"name":${JSON.stringify(sheet.name)},"columns":${JSON.stringify(sheet.columns)},"rows":[`);
        let first = true;
        for await (const chunk of rowTexts(sheet.rows, (row) => JSON.stringify(row))) {
          yield text(`${first ? "" : ","}${chunk.join(",")}`);
          first = false;
        }
        yield text("]}");
      }
      yield text("]}\n");
    },
  };
  return exporter;
};

/**
 * The NDJSON exporter: one JSON value a line ({@link NdjsonLine}): the file's
 * head, then each sheet's head and its rows, so a reader can stream it too.
 *
 * @example
 * ```ts
 * const r = await exportLedger(ledger, ndjsonExporter(), officer, { dataset: "disputes", purpose: "数据交换" });
 * ```
 * @since 0.5.0
 */
export const ndjsonExporter = (): Exporter => {
  const exporter: Exporter = {
    format: "ndjson",
    mediaType: "application/x-ndjson",
    extension: "ndjson",
    capabilities: CAPABILITIES,
    write: async function* (workbook, options = {}) {
      requireDataset(exporter, workbook);
      const lang: Lang = options.lang ?? "zh";
      yield text(`${JSON.stringify({ format: "tiaojie-workbook-ndjson", version: 1, dataset: workbook.dataset, title: workbook.title, lang })}\n`);
      for (const sheet of workbook.sheets) {
        yield text(`${JSON.stringify({ sheet: { name: sheet.name, columns: sheet.columns } })}\n`);
        for await (const chunk of rowTexts(sheet.rows, (row) => JSON.stringify({ row }))) yield text(`${chunk.join("\n")}\n`);
      }
    },
  };
  return exporter;
};
