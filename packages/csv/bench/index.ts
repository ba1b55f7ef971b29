/**
 * `pnpm bench` for the CSV adapter: a 100,000-row dispute ledger exported by
 * csvExporter, streamed, against a plain string builder that writes the same
 * bytes (the same cells as text, formula guard and quoting), in one process,
 * alternating; and the exporter's peak memory, in a child process of its own
 * (the largest resident set it reached). It measures the built package (the
 * script builds it first). TIAOJIE_BENCH_CSV_ROWS changes the size.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { comparisonAtMost, finishBench, information, measureAlternating, printTable } from "@tiaojie/bench-support";
import { cellText } from "@tiaojie/core";
import { csvExporter } from "../dist/index.js";
import { ledgerRows, ledgerWorkbookOf } from "./ledger-rows.js";

const ROWS = Number(process.env.TIAOJIE_BENCH_CSV_ROWS ?? 100_000);
const TARGET_RATIO = 1.5;
const TARGET_MB = 150;

/** The baseline: one string built cell by cell, the way a hand-written exporter would, then encoded once. */
const stringBuilder = (count: number): Buffer => {
  let text = "";
  const cell = (s: string): string => {
    const guarded = /^[=+\-@\t\r']/.test(s) ? `'${s}` : s;
    return guarded === "" || /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
  };
  const [sheet] = ledgerWorkbookOf(0).sheets;
  text += `${sheet!.columns.map((c) => cell(c.zh)).join(",")}\r\n`;
  for (const row of ledgerRows(count)) text += `${row.map((c) => cell(cellText(c))).join(",")}\r\n`;
  return Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(text, "utf8")]);
};

/** The exporter, streamed: every chunk hashed as it comes and let go. */
const exported = async (count: number): Promise<{ readonly bytes: number; readonly sha: string }> => {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of csvExporter().write(ledgerWorkbookOf(count))) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { bytes, sha: hash.digest("hex") };
};

if (process.argv[2] === "--memory") {
  const out = await exported(ROWS);
  console.log(JSON.stringify({ ...out, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}

const base = stringBuilder(ROWS);
const mine = await exported(ROWS);
const same = createHash("sha256").update(base).digest("hex") === mine.sha;
console.log(`CSV export of ${ROWS.toLocaleString("en")} rows: ${(mine.bytes / 1e6).toFixed(1)} MB, the same bytes as the baseline: ${same}`);
if (!same) throw new Error("the exporter and the string builder do not write the same bytes: the comparison would not be fair");

const [csv, builder] = await measureAlternating(
  [
    { name: "csvExporter, streamed", items: ROWS, run: () => exported(ROWS).then((r) => r.bytes) },
    { name: "string builder", items: ROWS, run: () => stringBuilder(ROWS).byteLength },
  ],
  { runs: 5 },
);
const ratio = csv!.medianMs / builder!.medianMs;

// The child runs under tsx, whose loader alone takes over 100 MB: the export's own
// peak is what a child exporting the rows reaches beyond one exporting none, on
// top of what a bare Node process takes.
const maxRssMb = (rows: number): number => {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--memory"], { env: { ...process.env, TIAOJIE_BENCH_CSV_ROWS: String(rows) }, encoding: "utf8" });
  return (JSON.parse(out.trim().split("\n").at(-1)!) as { readonly maxRssKb: number }).maxRssKb / 1024;
};
const bareNodeMb = Number(execFileSync(process.execPath, ["-e", "console.log(process.resourceUsage().maxRSS)"], { encoding: "utf8" })) / 1024;
const emptyMb = maxRssMb(0);
const fullMb = maxRssMb(ROWS);
const peakMb = bareNodeMb + Math.max(0, fullMb - emptyMb);
console.log(`peak memory: bare node ${bareNodeMb.toFixed(0)} MB; child under tsx, no rows ${emptyMb.toFixed(0)} MB, ${ROWS.toLocaleString("en")} rows ${fullMb.toFixed(0)} MB`);

printTable(
  ["CSV export, 100,000 rows (median of 5)", "ms", "rows/s", "ratio", "target"],
  [
    [csv!.name, csv!.medianMs.toFixed(0), csv!.perSecond.toFixed(0), `${ratio.toFixed(2)}×`, `≤${TARGET_RATIO}×`],
    [builder!.name, builder!.medianMs.toFixed(0), builder!.perSecond.toFixed(0), "", ""],
    ["csvExporter peak memory (bare node + what the rows add)", `${peakMb.toFixed(0)} MB`, "", `${(peakMb / TARGET_MB).toFixed(2)}×`, `≤${TARGET_MB} MB`],
  ],
);

finishBench([
  comparisonAtMost("csv: 100,000-row ledger export, streamed, vs a string builder", csv!.medianMs, "ms", ratio, TARGET_RATIO),
  information("csv: string builder baseline, 100,000 rows", builder!.medianMs, "ms"),
  comparisonAtMost("csv: peak memory of the streamed export (bare node + what the rows add), MB over the 150 MB target", peakMb, "MB", peakMb / TARGET_MB, 1),
  information("csv: peak memory of the exporting child under tsx, loader included", fullMb, "MB"),
]);
