// The export of the memory benchmark, run by plain Node from a build of its own
// (bench/.build), so that the figure is the export's and Node's, not a loader's:
// prints the bytes and the peak resident set, sampled at every chunk and every
// 20 ms (exceljs holds the sheet until it is complete, so the peak comes before
// most of the bytes).
import { xlsxExporter } from "../dist/index.js";
import { ledgerWorkbookOf } from "./ledger-rows.js";

const rows = Number(process.env.TIAOJIE_BENCH_XLSX_ROWS ?? 100_000);
let peakRss = process.memoryUsage.rss();
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
const timer = setInterval(sample, 20);
let bytes = 0;
for await (const chunk of xlsxExporter().write(ledgerWorkbookOf(rows))) {
  bytes += chunk.byteLength;
  sample();
}
clearInterval(timer);
console.log(JSON.stringify({ bytes, peakRss }));
