#!/usr/bin/env node
// Runs every package's test suite again under several host time zones (the
// `test` task of each workspace package, through turbo, with TZ set), and prints
// one line per zone: its UTC offsets in January and July as this Node sees them
// (so a zone that did not take effect shows), the time taken and the outcome.
// Exits non-zero when any zone fails. Run after a build (`pnpm test:long` or
// `npm test` builds first); .ci/run runs it after `npm test`.
//
//   node scripts/test-zones.mjs [zone ...]
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// UTC+14, east of Beijing by six hours, with no daylight saving; and west of UTC
// with daylight saving, so that a day boundary or a DST jump that leaks into a
// date shows in one of them. The machine's own zone (UTC on CI) is the third
// run, `npm test`; the core's own suite also runs under Asia/Shanghai.
const DEFAULT_ZONES = ["Pacific/Kiritimati", "America/Los_Angeles"];
const zones = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_ZONES;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const offsetsIn = (zone) => {
  const probe = spawnSync(process.execPath, ["-e", "const o=(m)=>-new Date(2025,m,1).getTimezoneOffset()/60;console.log(`${o(0)}/${o(6)}`)"], {
    env: { ...process.env, TZ: zone },
    encoding: "utf8",
  });
  return probe.stdout.trim();
};

const results = [];
for (const zone of zones) {
  const offsets = offsetsIn(zone);
  console.log(`\n=== TZ=${zone} (UTC offset January/July: ${offsets} h) ===`);
  const started = Date.now();
  const run = spawnSync("turbo", ["run", "test", "--concurrency=2", "--output-logs=errors-only"], {
    cwd: root,
    env: { ...process.env, TZ: zone, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
    stdio: "inherit",
  });
  results.push({ zone, offsets, seconds: Math.round((Date.now() - started) / 1000), ok: run.status === 0 });
}

console.log("\ntime zone              offsets (h)  seconds  result");
for (const r of results) console.log(`${r.zone.padEnd(22)} ${r.offsets.padStart(11)}  ${String(r.seconds).padStart(7)}  ${r.ok ? "passed" : "FAILED"}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
