/**
 * JSON and NDJSON for Tiaojie (调解) ledgers: exporters of every dataset for
 * `exportLedger`, readers for import, and the JSON Schema of both files.
 *
 * @packageDocumentation
 */
export { NdjsonLine, SheetJson, WorkbookFile, ndjsonLineJsonSchema, workbookJsonSchema } from "./workbook-file.js";
export { jsonExporter, ndjsonExporter } from "./json-exporter.js";
export { WorkbookFileInvalid, importJson, readJsonWorkbook, readNdjsonWorkbook } from "./json-reader.js";
