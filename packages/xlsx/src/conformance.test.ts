import { runExporterConformance } from "@tiaojie/export-testkit";
import { readXlsx, xlsxExporter } from "./index.js";

// A sheet is split every 1,000 rows here, so that the streaming check's 5,000 rows flow part by part.
runExporterConformance({ name: "xlsx", exporter: xlsxExporter({ maxRowsPerSheet: 1_000 }), read: (bytes) => readXlsx(bytes, { sheets: "all" }), streamingRows: 5_000, numRuns: 10 });
