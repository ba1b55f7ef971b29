/**
 * CSV for Tiaojie ledgers: UTF-8 with a byte-order mark (the default) or
 * GB18030, formula injection made inert, streaming in both directions. Quoting
 * and parsing are csv-stringify's and csv-parse's; GB18030 is iconv-lite's.
 *
 * @packageDocumentation
 */
export { type CsvEncoding, UTF8_BOM, detectEncoding } from "./encoding.js";
export { FORMULA_GUARD, neutraliseFormula, restoreFormula } from "./formula.js";
export { type CsvWriteOptions, writeCsv } from "./csv-writer.js";
export { type CsvReadOptions, type CsvRecord, readCsv } from "./csv-reader.js";
export { type CsvExporterOptions, type CsvImportOptions, csvErrorFile, csvExporter, csvSheetRecords, importCsv } from "./ledger-csv.js";
