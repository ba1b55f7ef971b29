import { runExporterConformance } from "@tiaojie/export-testkit";
import { csvExporter, csvSheetRecords } from "./index.js";

runExporterConformance({ name: "csv (UTF-8 with BOM)", exporter: csvExporter(), read: (bytes) => csvSheetRecords([bytes]) });
runExporterConformance({ name: "csv (GB18030)", exporter: csvExporter({ encoding: "gb18030" }), read: (bytes) => csvSheetRecords([bytes], { encoding: "gb18030" }) });
