import { type Actor, type ImportOptions, type ImportResult, type Ledger, type Result, ERRORS_HEADER, ImportRefused, err, importErrorWorkbook, importLedgerRows } from "@tiaojie/core";
import { type XlsxExporterOptions, xlsxExporter } from "./xlsx-exporter.js";
import { type XlsxReadOptions, type XlsxSource, XlsxUnreadable, readXlsx } from "./xlsx-reader.js";

/**
 * How {@link importXlsx} reads and registers.
 * @since 0.5.0
 */
export interface XlsxImportOptions extends ImportOptions, XlsxReadOptions {}

/**
 * Imports an XLSX dispute ledger through the ledger ({@link importLedgerRows}):
 * a workbook made by Excel, WPS or {@link xlsxExporter}, title rows above the
 * header skipped, each sheet's header checked against the first's, dates from
 * date cells or typed as text. A file that cannot be read is refused whole,
 * with nothing registered.
 *
 * @example
 * ```ts
 * import { createReadStream } from "node:fs";
 * import { importXlsx } from "@tiaojie/xlsx";
 *
 * const r = await importXlsx(ledger, officer, createReadStream("2024台账.xlsx"), { divisions: { 龙潭村: "532301104201" } });
 * if (r.ok) console.log(`${r.value.registered} registered, ${r.value.rejected.length} rejected`);
 * ```
 * @since 0.5.0
 */
export const importXlsx = async (ledger: Ledger, actor: Actor, source: XlsxSource, options: XlsxImportOptions = {}): Promise<Result<ImportResult, ImportRefused>> => {
  const read: XlsxReadOptions = { ...(options.sheets === undefined ? {} : { sheets: options.sheets }), ...(options.engine === undefined ? {} : { engine: options.engine }) };
  try {
    return await importLedgerRows(ledger, actor, readXlsx(source, read), options);
  } catch (e) {
    if (e instanceof XlsxUnreadable) return err(new ImportRefused({ text: e.text, reason: e }));
    throw e;
  }
};

/**
 * The error file of an import ({@link importErrorWorkbook}) as XLSX: the file's
 * header row with an {@link ERRORS_HEADER} column added, then each rejected row
 * as it was read (dates still date cells), with what is wrong with it in both
 * languages. Corrected, it imports as it is.
 *
 * @example
 * ```ts
 * if (r.ok && r.value.rejected.length > 0) await pipeline(Readable.from(xlsxErrorFile(r.value)), createWriteStream("台账-错误.xlsx"));
 * ```
 * @since 0.5.0
 */
export const xlsxErrorFile = (result: Pick<ImportResult, "header" | "rejected">, options: XlsxExporterOptions = {}): AsyncIterable<Uint8Array> =>
  xlsxExporter(options).write(importErrorWorkbook(result));
