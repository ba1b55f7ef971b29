/**
 * `pnpm bench` for the XLSX adapter, in one process, alternating:
 * - a 100,000-row dispute ledger exported by xlsxExporter against a raw exceljs
 *   streaming write of the same cells and styles (target ≤1.3×), and the
 *   exporter's peak memory in a plain Node child of its own (target ≤300 MB);
 * - the same file imported through the ledger (importXlsx into a fresh ledger
 *   over the memory store) against a raw exceljs streaming read of it: rows per
 *   second and the ratio, for information; and readXlsx alone beside them.
 * It measures the built package (the script builds it first).
 * TIAOJIE_BENCH_XLSX_ROWS changes the size.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { comparisonAtMost, finishBench, information, measureAlternating, printTable } from "@tiaojie/bench-support";
import { townLedger } from "@tiaojie/export-testkit";
import { makeMemoryStore } from "@tiaojie/store-memory";
import { importXlsx, readXlsx, xlsxExporter } from "../dist/index.js";
import { benchTown, ledgerWorkbookOf } from "./ledger-rows.js";
import { rawExceljsRead, rawExceljsWrite } from "./raw-exceljs.js";

const ROWS = Number(process.env.TIAOJIE_BENCH_XLSX_ROWS ?? 100_000);
const EXPORT_RATIO = 1.3;
const EXPORT_MB = 300;

const exported = async (count: number): Promise<number> => {
  let bytes = 0;
  for await (const chunk of xlsxExporter().write(ledgerWorkbookOf(count))) bytes += chunk.byteLength;
  return bytes;
};

// The export.
const mine = await exported(ROWS);
const raw = await rawExceljsWrite(ROWS);
console.log(`XLSX export of ${ROWS.toLocaleString("en")} rows: ${(mine / 1e6).toFixed(1)} MB; the raw exceljs write: ${(raw / 1e6).toFixed(1)} MB`);
// The same cells and styles make the same parts; only the timestamps in docProps may differ.
if (Math.abs(mine - raw) > 0.01 * raw) throw new Error("the exporter and the raw exceljs write do not write files of the same size: the comparison would not be fair");
const [exporter, rawWrite] = await measureAlternating(
  [
    { name: "xlsxExporter, streamed", items: ROWS, run: () => exported(ROWS) },
    { name: "raw exceljs streaming write", items: ROWS, run: () => rawExceljsWrite(ROWS) },
  ],
  { runs: 5, warmUp: false },
);
const exportRatio = exporter!.medianMs / rawWrite!.medianMs;

// Its peak memory, in a child (see bench/memory-child.ts).
const CHILD = fileURLToPath(new URL("./.build/memory-child.js", import.meta.url));
const child = (rows: number): { readonly bytes: number; readonly peakRss: number } => {
  const { NODE_OPTIONS: _loader, ...env } = process.env;
  const out = execFileSync(process.execPath, [CHILD], { env: { ...env, TIAOJIE_BENCH_XLSX_ROWS: String(rows) }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1)!) as { readonly bytes: number; readonly peakRss: number };
};
const empty = child(0);
const full = child(ROWS);
const emptyMb = empty.peakRss / 2 ** 20;
const peakMb = full.peakRss / 2 ** 20;

// The import, from one file on disk.
const dir = mkdtempSync(join(tmpdir(), "tiaojie-xlsx-bench-"));
const file = join(dir, "ledger.xlsx");
const chunks: Array<Uint8Array> = [];
for await (const c of xlsxExporter().write(ledgerWorkbookOf(ROWS))) chunks.push(c);
writeFileSync(file, Buffer.concat(chunks));
chunks.length = 0;
const { createReadStream } = await import("node:fs");
const imported = async (): Promise<number> => {
  const t = townLedger(benchTown, makeMemoryStore());
  const r = await importXlsx(t.ledger, t.coordinator, createReadStream(file), { divisions: t.divisions, batchSize: 2_000 });
  if (!r.ok) throw new Error(r.error.message);
  if (r.value.registered !== ROWS) throw new Error(`the import registered ${r.value.registered} of ${ROWS} rows`);
  return r.value.registered;
};
const readOnly = async (): Promise<number> => {
  let n = 0;
  for await (const _ of readXlsx(createReadStream(file))) n += 1;
  return n - 1;
};
const rawRows = await rawExceljsRead(file);
if (rawRows !== ROWS + 1) throw new Error(`the raw exceljs read saw ${rawRows} rows, not ${ROWS + 1}`);
const [importing, reading, rawRead] = await measureAlternating(
  [
    { name: "importXlsx through the ledger (memory store)", items: ROWS, run: imported },
    { name: "readXlsx alone", items: ROWS, run: readOnly },
    { name: "raw exceljs streaming read", items: ROWS, run: () => rawExceljsRead(file) },
  ],
  { runs: 3 },
);
rmSync(dir, { recursive: true, force: true });
const importRatio = importing!.medianMs / rawRead!.medianMs;
const readRatio = reading!.medianMs / rawRead!.medianMs;

printTable(
  [`XLSX, ${ROWS.toLocaleString("en")} rows (medians)`, "ms", "rows/s", "ratio", "target"],
  [
    [exporter!.name, exporter!.medianMs.toFixed(0), exporter!.perSecond.toFixed(0), `${exportRatio.toFixed(2)}×`, `≤${EXPORT_RATIO}×`],
    [rawWrite!.name, rawWrite!.medianMs.toFixed(0), rawWrite!.perSecond.toFixed(0), "", ""],
    ["xlsxExporter peak memory (plain Node child, sampled)", `${peakMb.toFixed(0)} MB`, "", `${(peakMb / EXPORT_MB).toFixed(2)}×`, `≤${EXPORT_MB} MB`],
    ["the same child exporting no rows", `${emptyMb.toFixed(0)} MB`, "", "", ""],
    [importing!.name, importing!.medianMs.toFixed(0), importing!.perSecond.toFixed(0), `${importRatio.toFixed(2)}×`, "information"],
    [reading!.name, reading!.medianMs.toFixed(0), reading!.perSecond.toFixed(0), `${readRatio.toFixed(2)}×`, "information"],
    [rawRead!.name, rawRead!.medianMs.toFixed(0), rawRead!.perSecond.toFixed(0), "", ""],
  ],
);

finishBench([
  comparisonAtMost("xlsx: 100,000-row ledger export, streamed, vs a raw exceljs streaming write of the same cells and styles", exporter!.medianMs, "ms", exportRatio, EXPORT_RATIO),
  information("xlsx: raw exceljs streaming write, 100,000 rows", rawWrite!.medianMs, "ms"),
  comparisonAtMost("xlsx: peak memory of the streamed export (a plain Node child), MB over the 300 MB target", peakMb, "MB", peakMb / EXPORT_MB, 1),
  information("xlsx: peak memory of the same child exporting no rows", emptyMb, "MB"),
  information("xlsx: 100,000-row import through the ledger, rows/s (ratio: time over a raw exceljs streaming read)", importing!.perSecond, "rows/s", importRatio),
  information("xlsx: readXlsx alone, rows/s (ratio: time over a raw exceljs streaming read)", reading!.perSecond, "rows/s", readRatio),
  information("xlsx: raw exceljs streaming read, 100,000 rows", rawRead!.medianMs, "ms"),
]);
