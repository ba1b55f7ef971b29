/**
 * The conformance suite of Tiaojie's exporter port: what every exporter (CSV,
 * XLSX, a province's own report format) must do, checked through the exporter
 * and the format's own reader.
 *
 * @packageDocumentation
 */
export { type ExporterUnderTest, runExporterConformance } from "./run-exporter-conformance.js";
export { hostileCell, hostileSheet } from "./hostile-sheets.js";
export { type TownLedger, townLedger } from "./town-ledger.js";
