#!/usr/bin/env node
// Reruns the security audit of the runtime dependencies (`pnpm audit --prod
// --json`) and prints the advisories by severity, marking those reached from a
// published package (packages/* that are not private). A second audit of every
// dependency, dev ones included, is printed for information only.
//
// Exit code: 1 only when a high or critical advisory reaches a published
// package's production dependencies. When the registry does not answer (the
// mirror on the project's machines refuses the advisory endpoint with 405), it
// says so and exits 0: an audit that could not run is reported, not failed.
// docs/security/dependencies.md records the last run.
//
//   node scripts/audit-deps.mjs
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SEVERITIES = ["info", "low", "moderate", "high", "critical"];
const BLOCKING = new Set(["high", "critical"]);

/** The directories (relative to the root) of the packages that are published. */
const publishedDirs = () => {
  const dirs = [];
  for (const name of readdirSync(join(root, "packages"))) {
    const file = join(root, "packages", name, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    if (manifest.private !== true) dirs.push(`packages/${name}`);
  }
  return dirs.sort();
};

/**
 * Runs one audit. Returns the parsed report, or why there is none. pnpm exits
 * non-zero both when it finds advisories and when the registry fails, so the
 * exit code alone tells neither; the output does.
 */
const audit = (extraArgs) => {
  const run = spawnSync("pnpm", ["audit", "--json", ...extraArgs], { cwd: root, encoding: "utf8", maxBuffer: 64 * 2 ** 20, env: process.env });
  if (run.error !== undefined) return { reason: `pnpm could not be started: ${run.error.message}` };
  const said = `${run.stdout}\n${run.stderr}`;
  // With registry errors ignored (a flag or a setting), pnpm still prints an
  // empty report with zero counts: the error text is what shows it did not run.
  if (/ERR_PNPM_AUDIT|responded with \d{3}|audit endpoint/i.test(said)) return { reason: said.trim().replace(/\s+/g, " ") };
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return { reason: `pnpm audit exited with ${run.status} and printed no JSON report: ${said.trim().slice(0, 500) || "(nothing)"}` };
  }
  if (typeof report?.metadata?.vulnerabilities !== "object") return { reason: `pnpm audit printed JSON of an unknown shape: ${run.stdout.slice(0, 300)}` };
  return { report };
};

/** Whether an advisory's finding path starts at one of these package directories (pnpm names an importer `packages__cli` or `packages/cli`). */
const reachesFrom = (path, dirs) => {
  const importer = String(path).split(">")[0];
  const normalised = importer.replace(/__/g, "/");
  if (dirs.includes(normalised)) return "published";
  if (normalised === "." || /^(packages|examples)\/|^site$/.test(normalised)) return "private";
  return "unknown";
};

const counts = (report) => SEVERITIES.map((s) => `${s} ${report.metadata.vulnerabilities[s] ?? 0}`).join(", ");

const dirs = publishedDirs();
const when = new Date().toISOString();
console.log(`pnpm audit --prod, ${when}, published packages: ${dirs.join(", ")}`);

const prod = audit(["--prod"]);
if (prod.report === undefined) {
  console.log(`The audit did not run: the registry did not answer.\n  ${prod.reason}`);
  console.log("No advisory data; exit 0 (see docs/security/dependencies.md). Rerun where the registry serves /-/npm/v1/security/advisories/bulk.");
  process.exit(0);
}

const { report } = prod;
const m = report.metadata;
console.log(`audited ${m.dependencies ?? "?"} production and ${m.optionalDependencies ?? "?"} optional dependencies: ${counts(report)}`);

let blocking = 0;
const advisories = Object.values(report.advisories ?? {}).sort(
  (a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || String(a.module_name).localeCompare(String(b.module_name)),
);
for (const a of advisories) {
  const paths = (a.findings ?? []).flatMap((f) => f.paths ?? []);
  const reach = new Set(paths.map((p) => reachesFrom(p, dirs)));
  // A path that cannot be placed counts as published: better a false alarm than a missed one.
  const published = reach.has("published") || reach.has("unknown") || paths.length === 0;
  const versions = [...new Set((a.findings ?? []).map((f) => f.version))].join(", ");
  console.log(
    `\n[${a.severity}] ${a.module_name}@${versions}: ${a.title}\n  ${a.github_advisory_id ?? a.id ?? ""} ${a.url ?? ""}\n  vulnerable ${a.vulnerable_versions ?? "?"}, patched ${a.patched_versions ?? "?"}; ` +
      `${published ? "reached from a published package" : "reached only from private packages"}\n  ${paths.slice(0, 3).join("\n  ")}${paths.length > 3 ? `\n  … ${paths.length - 3} more paths` : ""}`,
  );
  if (published && BLOCKING.has(a.severity)) blocking++;
}

const all = audit([]);
console.log(all.report === undefined ? `\nAll dependencies (dev included): not audited: ${all.reason}` : `\nAll dependencies (dev included), for information: ${counts(all.report)}`);

if (blocking > 0) {
  console.error(`\nFAIL: ${blocking} high or critical advisory(ies) reach a published package's production dependencies`);
  process.exit(1);
}
console.log(`\nNo high or critical advisory in the published packages' production dependencies.`);
