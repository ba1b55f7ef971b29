// The export of the memory benchmark, run by plain Node from a build of its own
// (bench/.build), so that the figure is the export's and Node's, not a loader's:
// prints the bytes, their SHA-256 and the peak resident set sampled at every chunk.
import { createHash } from "node:crypto";
import { csvExporter } from "../dist/index.js";
import { ledgerWorkbookOf } from "./ledger-rows.js";

const rows = Number(process.env.TIAOJIE_BENCH_CSV_ROWS ?? 100_000);
const hash = createHash("sha256");
let bytes = 0;
let peakRss = process.memoryUsage.rss();
for await (const chunk of csvExporter().write(ledgerWorkbookOf(rows))) {
  hash.update(chunk);
  bytes += chunk.byteLength;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}
console.log(JSON.stringify({ bytes, sha: hash.digest("hex"), peakRss }));
