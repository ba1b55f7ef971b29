#!/usr/bin/env node
// Runs a root task on a machine that has only Node 20 and npm.
//
// 1. Native addons (better-sqlite3) compile from source here, because their prebuilt
//    download is not reachable. node-gyp would fetch Node's headers, so point it at the
//    machine's own headers when they exist and nobody has chosen already.
// 2. pnpm is not assumed to be installed: the pinned version runs through npx.
// 3. Install (frozen lockfile), then run the pnpm script that does the work.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PNPM = "pnpm@12.4.2";
// `long` and `zones` are the checks .ci/run adds after the test command: the long
// fuzzing, crash and concurrency runs, and the suite again under other time zones.
const TASKS = { demo: "demo:run", test: "test:all", long: "test:long", zones: "test:zones" };

const task = process.argv[2];
if (!(task in TASKS)) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(TASKS).join("|")}>`);
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };
const headers = "/usr/include/node/node.h";
if (!env.npm_config_nodedir && existsSync(headers)) env.npm_config_nodedir = "/usr";

function pnpm(args) {
  const result = spawnSync("npx", ["-y", PNPM, ...args], { cwd: root, env, stdio: "inherit" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

pnpm(["install", "--frozen-lockfile", "--reporter=append-only"]);
pnpm(["run", TASKS[task]]);
