/**
 * `pnpm bench` for the CSV adapter: a 100,000-row dispute ledger exported by
 * csvExporter, streamed, against a plain string builder that writes the same
 * bytes (the same cells as text, formula guard and quoting), in one process,
 * alternating; and the exporter's peak memory, in a child process of its own
 * (plain Node, its resident set sampled at every chunk). It measures the built package (the
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

// The peak memory: the same export in a child of its own, run by plain Node from
// a build (bench/memory-child.ts; no loader in the figure), its resident set
// sampled at every chunk (the kernel's maximum of a child starts from its
// parent's size at the fork, so it would count this process).
const CHILD = fileURLToPath(new URL("./.build/memory-child.js", import.meta.url));
const child = (rows: number): { readonly sha: string; readonly peakRss: number } => {
  const { NODE_OPTIONS: _loader, ...env } = process.env;
  const out = execFileSync(process.execPath, [CHILD], { env: { ...env, TIAOJIE_BENCH_CSV_ROWS: String(rows) }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1)!) as { readonly sha: string; readonly peakRss: number };
};
const empty = child(0);
const full = child(ROWS);
if (full.sha !== mine.sha) throw new Error("the memory child wrote other bytes than the exporter measured here");
const emptyMb = empty.peakRss / 2 ** 20;
const peakMb = full.peakRss / 2 ** 20;
console.log(`peak resident set of the exporting child: ${peakMb.toFixed(0)} MB (${emptyMb.toFixed(0)} MB with no rows: Node and the packages loaded)`);

printTable(
  ["CSV export, 100,000 rows (median of 5)", "ms", "rows/s", "ratio", "target"],
  [
    [csv!.name, csv!.medianMs.toFixed(0), csv!.perSecond.toFixed(0), `${ratio.toFixed(2)}×`, `≤${TARGET_RATIO}×`],
    [builder!.name, builder!.medianMs.toFixed(0), builder!.perSecond.toFixed(0), "", ""],
    ["csvExporter peak memory (plain Node child, sampled)", `${peakMb.toFixed(0)} MB`, "", `${(peakMb / TARGET_MB).toFixed(2)}×`, `≤${TARGET_MB} MB`],
  ],
);

finishBench([
  comparisonAtMost("csv: 100,000-row ledger export, streamed, vs a string builder", csv!.medianMs, "ms", ratio, TARGET_RATIO),
  information("csv: string builder baseline, 100,000 rows", builder!.medianMs, "ms"),
  comparisonAtMost("csv: peak memory of the streamed export (a plain Node child), MB over the 150 MB target", peakMb, "MB", peakMb / TARGET_MB, 1),
  information("csv: peak memory of the same child exporting no rows", emptyMb, "MB"),
]);
