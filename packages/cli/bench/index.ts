/**
 * `pnpm bench` for the command: its cold start, each a fresh `node` process, in
 * alternation with a bare `node -e 0` (the baseline, run the same number of times
 * in the same process):
 * - `tiaojie --help`, which loads no domain code (target ≤ 2×);
 * - `tiaojie list` on a small SQLite ledger (the sample town's units, 40
 *   disputes), which loads the core, the SQL store and the driver, opens the
 *   file and reads a page (target ≤ 8×).
 * It measures the built package (the script builds it first).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { comparisonAtMost, finishBench, measureAlternating, printTable } from "@tiaojie/bench-support";
import { sampleTown } from "@tiaojie/core/testing";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const RUNS = Number(process.env.TIAOJIE_BENCH_CLI_RUNS ?? 15);
const HELP_RATIO = 2;
const LIST_RATIO = 8;

const dir = mkdtempSync(join(tmpdir(), "tiaojie-cli-bench-"));
const node = (args: ReadonlyArray<string>): string => execFileSync(process.execPath, [...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
try {
  node([BIN, "--lang", "en", "init", "--sample", "2024"]);
  const town = sampleTown(2024);
  const disputes = town.disputes.filter((d) => d.reportedOn <= "2025-02-10").slice(0, 40);
  const parties = new Set(disputes.flatMap((d) => d.parties.flatMap((p) => (p.kind === "person" ? [p.person as string] : []))));
  writeFileSync(join(dir, "persons.json"), JSON.stringify(town.persons.filter((p) => parties.has(p.id))));
  writeFileSync(join(dir, "disputes.json"), JSON.stringify(disputes));
  node([BIN, "--lang", "en", "--today", "2025-02-10", "--as", "zx-0002", "add", "person", "persons.json"]);
  node([BIN, "--lang", "en", "--today", "2025-02-10", "add", "dispute", "disputes.json"]);
  const listed = node([BIN, "--lang", "en", "--json", "list", "--limit", "50"]);
  if ((JSON.parse(listed) as { items: unknown[] }).items.length !== disputes.length) throw new Error("the bench ledger does not list its disputes");

  const [bare, help, list] = await measureAlternating(
    [
      { name: "node -e 0", items: 1, run: () => node(["-e", "0"]) },
      { name: "tiaojie --help", items: 1, run: () => node([BIN, "--help"]) },
      { name: "tiaojie list (40 disputes, SQLite)", items: 1, run: () => node([BIN, "--lang", "en", "list", "--limit", "50"]) },
    ],
    { runs: RUNS },
  );
  const helpRatio = help!.medianMs / bare!.medianMs;
  const listRatio = list!.medianMs / bare!.medianMs;
  printTable(
    ["cold start", "median ms", "× node -e 0", "target"],
    [
      [bare!.name, bare!.medianMs.toFixed(1), "1.00", ""],
      [help!.name, help!.medianMs.toFixed(1), helpRatio.toFixed(2), `≤ ${HELP_RATIO}`],
      [list!.name, list!.medianMs.toFixed(1), listRatio.toFixed(2), `≤ ${LIST_RATIO}`],
    ],
  );
  finishBench([
    comparisonAtMost("cli: tiaojie --help cold start vs node -e 0", help!.medianMs, "ms", helpRatio, HELP_RATIO),
    comparisonAtMost("cli: tiaojie list (small SQLite ledger) cold start vs node -e 0", list!.medianMs, "ms", listRatio, LIST_RATIO),
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
