import { Data } from "effect";
import type { Bilingual, Lang } from "../validation/bilingual.js";
import type { ExportDataset, Workbook } from "./sheet.js";

/**
 * What an exporter can do, so that a caller (or the CLI) knows before it asks:
 * the datasets it writes, whether it keeps several sheets in one file, real date
 * cells and coloured level cells, and the most rows it puts in one sheet (an
 * exporter splits a longer sheet over several, and says so in its docs).
 * @since 0.5.0
 */
export interface ExporterCapabilities {
  readonly datasets: ReadonlyArray<ExportDataset>;
  /** Several sheets in one file (XLSX); otherwise one sheet a file (CSV). */
  readonly multipleSheets: boolean;
  /** Dates as date cells rather than text. */
  readonly dateCells: boolean;
  /** Risk-level cells filled with the level's colour. */
  readonly levelFills: boolean;
  /** The most rows of one sheet in one part of the file; absent when unbounded. */
  readonly maxRowsPerSheet?: number;
}

/**
 * How an exporter writes.
 * @since 0.5.0
 */
export interface ExportWriteOptions {
  /** The language of headers, sheet names and yes/no cells. @default "zh" */
  readonly lang?: Lang;
}

/**
 * The exporter port: writes a {@link Workbook} as the bytes of one file, as a
 * stream (it holds no more of the rows than its format needs). It only writes:
 * what the workbook holds was read through the ledger, redacted for the exporting
 * actor and audited ({@link exportLedger}), so an exporter never sees what the
 * actor may not. It must make any cell that begins like a formula inert (a
 * spreadsheet must show it as text) and must refuse a dataset it does not list in
 * its capabilities. `@tiaojie/export-testkit` checks an exporter against this
 * contract.
 *
 * @example
 * ```ts
 * import { exportLedger } from "@tiaojie/core";
 * import { csvExporter } from "@tiaojie/csv";
 *
 * const r = await exportLedger(ledger, csvExporter(), officer, { dataset: "disputes", purpose: "月度上报" });
 * if (r.ok) await pipeline(Readable.from(r.value.bytes), createWriteStream("台账.csv"));
 * ```
 * @since 0.5.0
 */
export interface Exporter {
  /** A short name of the format: `csv`, `json`, `ndjson`. */
  readonly format: string;
  /** The file's media type. */
  readonly mediaType: string;
  /** The file name's extension, without the dot. */
  readonly extension: string;
  readonly capabilities: ExporterCapabilities;
  /** The file's bytes, chunk by chunk. */
  readonly write: (workbook: Workbook, options?: ExportWriteOptions) => AsyncIterable<Uint8Array>;
}

/**
 * An exporter asked for a dataset it does not write.
 *
 * @example
 * ```ts
 * if (!r.ok && r.error._tag === "DatasetNotSupported") console.log(r.error.text.zh);
 * ```
 * @since 0.5.0
 */
export class DatasetNotSupported extends Data.TaggedError("DatasetNotSupported")<{
  readonly format: string;
  readonly dataset: ExportDataset;
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `${this.format} 格式不能导出数据集“${this.dataset}”`, en: `the ${this.format} exporter does not write the ${this.dataset} dataset` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/** Throws {@link DatasetNotSupported} unless the exporter lists the workbook's dataset. @since 0.5.0 */
export const requireDataset = (exporter: Pick<Exporter, "format" | "capabilities">, workbook: Workbook): void => {
  if (!exporter.capabilities.datasets.includes(workbook.dataset)) throw new DatasetNotSupported({ format: exporter.format, dataset: workbook.dataset });
};
