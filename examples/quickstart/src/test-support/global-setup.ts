// The quickstart's global setup: the checks that take seconds by nature (the
// compiler, a child process) run here, without a timeout, before the tests; the
// tests then assert on what they found (see readme.test.ts and
// sample-town-without-fast-check.test.ts).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type PreparedBlock, prepareBlocks } from "@tiaojie/doc-samples/prepare";
import type { TestProject } from "vitest/node";
import { type CoreEntries, coreEntries } from "./core-entries.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const repoRoot = join(packageDir, "..", "..");

/** What the probe printed (see no-fast-check/probe.mjs), or why it printed nothing. */
export type ProbeReport = { readonly ok: true; readonly report: unknown } | { readonly ok: false; readonly error: string };

const runProbe = (entries: CoreEntries): Promise<ProbeReport> =>
  new Promise((resolve) => {
    const probe = join(packageDir, "src", "test-support", "no-fast-check", "probe.mjs");
    const child = spawn(
      process.execPath,
      [probe, entries.packageDir, entries.testing.esm, entries.testing.cjs, entries.arbitraries.esm, entries.arbitraries.cjs],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", (error) => resolve({ ok: false, error: String(error) }));
    child.on("close", (code) => {
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        resolve({ ok: true, report: JSON.parse(out) });
      } catch (error) {
        resolve({ ok: false, error: `${String(error)}\n${errors}\n${out}` });
      }
    });
  });

declare module "vitest" {
  export interface ProvidedContext {
    readmeBlocks: ReadonlyArray<PreparedBlock>;
    withoutFastCheck: ProbeReport;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const probe = runProbe(coreEntries());
  // The README's blocks, written into this package so that they import its
  // dependencies, as built, and typechecked with its tsconfig.json.
  const { blocks, remove } = prepareBlocks({
    files: [{ path: join(repoRoot, "README.md"), name: "README.md" }],
    dir: mkdtempSync(join(packageDir, ".readme-blocks-")),
    tsconfig: join(packageDir, "tsconfig.json"),
  });
  project.provide("readmeBlocks", blocks);
  project.provide("withoutFastCheck", await probe);
  return remove;
}
