/**
 * XLSX for Tiaojie ledgers: the dispute ledger, the support registry and the
 * monthly summary as workbooks that open in Excel and WPS (header frozen, real
 * date cells, levels in their colours, formula-looking text kept as text), and
 * import of old ledgers made in Excel or WPS, streaming both ways. exceljs does
 * the writing and reading, behind {@link XlsxEngine} so that it can be replaced.
 *
 * @packageDocumentation
 */
export { DATE_FORMAT, LEVEL_FILLS, MAX_CELL_CHARACTERS, type XlsxExporterOptions, XlsxCellRefused, xlsxExporter } from "./xlsx-exporter.js";
export { type XlsxReadOptions, type XlsxSource, XlsxUnreadable, readXlsx } from "./xlsx-reader.js";
export { type XlsxImportOptions, importXlsx, xlsxErrorFile } from "./ledger-xlsx.js";
export {
  type XlsxCell,
  type XlsxColumn,
  type XlsxEngine,
  type XlsxReadValue,
  type XlsxRow,
  type XlsxSheetWriter,
  type XlsxValue,
  type XlsxWorkbookWriter,
  exceljsEngine,
} from "./xlsx-engine.js";
export { decodeXstring, encodeXstring } from "./xstring.js";
