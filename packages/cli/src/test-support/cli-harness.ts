import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dispute, Person } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { type CliIo, runCli } from "../index.js";

/** What one run of the command printed, and its exit code. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tiaojie` in a directory, with an environment and optional extras of the io. */
export const run = async (cwd: string, argv: ReadonlyArray<string>, env: CliIo["env"] = {}, extra: Partial<CliIo> = {}): Promise<Ran> => {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd, ...extra });
  return { code, stdout, stderr };
};

/** The seed of the sample town every CLI test's ledger is made from. */
export const SEED = 2024;
/** The day the tests act on. */
export const TODAY = "2025-02-10";

/** A small part of the sample town: its first disputes reported by TODAY, and only the persons who are their parties. */
export const smallTown = (disputes = 12): { readonly persons: ReadonlyArray<Person>; readonly disputes: ReadonlyArray<Dispute> } => {
  const town = sampleTown(SEED);
  const chosen = town.disputes.filter((d) => d.reportedOn <= TODAY).slice(0, disputes);
  const parties = new Set(chosen.flatMap((d) => d.parties.flatMap((p) => (p.kind === "person" ? [p.person as string] : []))));
  return { persons: town.persons.filter((p) => parties.has(p.id)), disputes: chosen };
};

/** A new ledger in a temporary directory (`init --sample`), and a way to remove it. */
export const newLedgerDir = async (initArgs: ReadonlyArray<string> = []): Promise<{ readonly dir: string; readonly cleanup: () => Promise<void>; readonly init: Ran }> => {
  const dir = await mkdtemp(join(tmpdir(), "tiaojie-cli-"));
  const init = await run(dir, ["--lang", "en", "init", "--sample", String(SEED), ...initArgs]);
  return { dir, init, cleanup: () => rm(dir, { recursive: true, force: true }) };
};

/** Writes the small town's persons and disputes as JSON files in the directory. */
export const writeTownFiles = async (dir: string, town = smallTown()): Promise<void> => {
  await writeFile(join(dir, "persons.json"), JSON.stringify(town.persons));
  await writeFile(join(dir, "disputes.json"), JSON.stringify(town.disputes));
};

/** Options every command in the tests takes: English, JSON out, the fixed day. */
export const J = ["--lang", "en", "--json", "--today", TODAY] as const;
