#!/usr/bin/env node
// `pnpm bench`: every package's benchmark, one after the other (turbo, one at a
// time so they do not share the machine, continuing past a failure), then ONE
// table of every entry they recorded in the repository root's
// bench-results.json: package, name, measured value, ratio, target, and whether
// it holds. Exits non-zero when a target does not hold, when turbo failed, or
// when a package with a `bench` script recorded no entries (a bench that
// crashed before writing must not pass unseen).
//
//   node scripts/bench-all.mjs [turbo options, e.g. --filter=@tiaojie/csv]
//
// The results file is deleted first, so an entry from an earlier run never
// shows as if it were measured now.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const resultsFile = join(root, "bench-results.json");
const localTurbo = join(root, "node_modules", ".bin", "turbo");
const turbo = existsSync(localTurbo) ? localTurbo : "turbo";
const turboArgs = ["run", "bench", "--concurrency=1", "--continue", ...process.argv.slice(2)];
const env = { TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1", ...process.env };

// Entries written by a bench-support older than the `package` field: the
// package is derived from the prefix its benchmark gives every name. Most
// prefixes are the package's short name; these two are not.
const PREFIX_ALIASES = new Map([
  ["grading", "@tiaojie/core"],
  ["ledger", "@tiaojie/store-memory"],
]);

/** The packages in which turbo will run a `bench` script, with these options (a dry run). */
const benchPackages = () => {
  const dry = spawnSync(turbo, [...turboArgs, "--dry=json"], { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (dry.status !== 0) throw new Error(`turbo's dry run failed (exit ${dry.status}): ${dry.stderr.trim() || dry.stdout.trim()}`);
  const plan = JSON.parse(dry.stdout);
  const names = plan.tasks.filter((t) => t.task === "bench" && t.command !== "<NONEXISTENT>").map((t) => t.package);
  return [...new Set(names)].sort();
};

const readEntries = () => {
  if (!existsSync(resultsFile)) return { entries: [], problem: `${resultsFile} was not written` };
  try {
    const parsed = JSON.parse(readFileSync(resultsFile, "utf8"));
    if (!Array.isArray(parsed)) return { entries: [], problem: `${resultsFile} does not hold a list` };
    return { entries: parsed, problem: undefined };
  } catch (error) {
    return { entries: [], problem: `${resultsFile} cannot be read: ${error.message}` };
  }
};

/** Which package an entry belongs to, and how that was decided. */
const packageOf = (entry, known) => {
  if (typeof entry.package === "string") return { name: entry.package, derived: false };
  const prefix = /^([a-z0-9-]+)[:\s]/.exec(entry.name)?.[1];
  if (prefix === undefined) return { name: undefined, derived: true };
  const candidate = PREFIX_ALIASES.get(prefix) ?? `@tiaojie/${prefix}`;
  return { name: known.includes(candidate) ? candidate : undefined, derived: true };
};

const figure = (v) => {
  if (typeof v !== "number" || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
};
const times = (r) => (r === null || r === undefined ? "" : `${figure(r)}×`);

const isComparison = (e) => e.holds !== null && e.holds !== undefined;
/** Whether the recorded verdict agrees with the ratio and target it records. */
const consistent = (e) => {
  if (!isComparison(e)) return e.target === null || e.target === undefined;
  if (typeof e.ratio !== "number" || typeof e.target !== "number") return false;
  return e.holds === (e.atMost === true ? e.ratio <= e.target : e.ratio >= e.target);
};

const printTable = (headers, rows, leftColumns) => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
};

const problems = [];
const started = Date.now();
rmSync(resultsFile, { force: true });

let expected;
try {
  expected = benchPackages();
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
}
console.log(`Benchmarks to run, one at a time: ${expected.join(", ") || "(none)"}\n`);

const run = spawnSync(turbo, turboArgs, { cwd: root, env, stdio: "inherit" });
if (run.status !== 0) problems.push(`turbo exited with ${run.status ?? `signal ${run.signal}`}: a benchmark failed or crashed (see its output above)`);

const { entries, problem } = readEntries();
if (problem !== undefined) problems.push(problem);

const sorted = [...entries].sort((a, b) => String(a.name).localeCompare(String(b.name)));
let derivedAny = false;
const counts = { comparisons: 0, hold: 0, fail: 0, information: 0 };
const perPackage = new Map(expected.map((p) => [p, 0]));
const rows = sorted.map((e) => {
  const owner = packageOf(e, expected);
  derivedAny ||= owner.derived && owner.name !== undefined;
  if (owner.name === undefined) problems.push(`no package could be told for "${e.name}" (it names none, and its prefix matches no benchmarked package)`);
  else perPackage.set(owner.name, (perPackage.get(owner.name) ?? 0) + 1);
  if (!consistent(e)) problems.push(`"${e.name}" records holds=${e.holds} against ratio ${e.ratio} and target ${e.target}${e.atMost ? " (at most)" : ""}`);
  let verdict = "—";
  if (isComparison(e)) {
    counts.comparisons++;
    if (e.holds === true) counts.hold++;
    else counts.fail++;
    verdict = e.holds === true ? "yes" : "NO";
  } else {
    counts.information++;
  }
  const target = typeof e.target === "number" ? `${e.atMost === true ? "≤" : "≥"} ${e.target}×` : "";
  return [`${owner.name ?? "?"}${owner.derived && owner.name !== undefined ? " *" : ""}`, String(e.name), `${figure(e.value)} ${e.unit ?? ""}`.trim(), times(e.ratio), target, verdict];
});

console.log(`\n=== Every benchmark (${resultsFile}) ===\n`);
if (rows.length > 0) printTable(["package", "name", "measured", "ratio", "target", "holds"], rows, 2);
else console.log("(no entries)");
if (derivedAny) console.log("\n* the entry names no package; it was taken from the prefix of its name");

for (const [pkg, n] of perPackage) {
  if (n === 0 && expected.includes(pkg)) problems.push(`${pkg} has a bench script but recorded no entries`);
  if (!expected.includes(pkg)) problems.push(`${pkg} recorded ${n} entries but was not among the benchmarks run`);
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\n${counts.comparisons} comparisons, ${counts.hold} hold, ${counts.fail} fail, ${counts.information} information` +
    ` (${sorted.length} entries from ${[...perPackage.values()].filter((n) => n > 0).length} of ${expected.length} packages, ${minutes} min)`,
);
for (const p of problems) console.error(`FAIL: ${p}`);
if (counts.fail > 0) console.error(`FAIL: ${counts.fail} target(s) do not hold`);
process.exit(counts.fail > 0 || problems.length > 0 ? 1 : 0);
