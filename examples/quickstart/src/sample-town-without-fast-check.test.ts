import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, inject, test } from "vitest";
import { coreEntries } from "./test-support/core-entries.js";

// `sampleTown` works where fast-check is not installed: `@tiaojie/core/testing` is
// built without it, and loads and runs when fast-check cannot be resolved (the
// fast-check arbitraries are in `@tiaojie/core/arbitraries`).

const entries = coreEntries();

/** The relative modules a built file imports, re-exports or requires. */
const relativeImports = (code: string): ReadonlyArray<string> =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);

/** A built file and every built file it imports, by relative path. */
const builtGraph = (entry: string): ReadonlyMap<string, string> => {
  const files = new Map<string, string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    const code = readFileSync(file, "utf8");
    files.set(file, code);
    for (const specifier of relativeImports(code)) visit(join(dirname(file), specifier));
  };
  visit(entry);
  return files;
};

const mentioningFastCheck = (files: ReadonlyMap<string, string>): ReadonlyArray<string> =>
  [...files].filter(([, code]) => code.includes("fast-check")).map(([file]) => file);

describe("the built @tiaojie/core/testing", () => {
  test("contains no fast-check import, in either module format", () => {
    const esm = builtGraph(entries.testing.esm);
    expect(esm.size).toBeGreaterThan(1); // the entry and the chunks it shares with the root
    expect(mentioningFastCheck(esm)).toEqual([]);
    expect(mentioningFastCheck(builtGraph(entries.testing.cjs))).toEqual([]);
  });

  test("the scan would see one: the built arbitraries import fast-check", () => {
    expect(mentioningFastCheck(builtGraph(entries.arbitraries.esm))).not.toEqual([]);
    expect(mentioningFastCheck(builtGraph(entries.arbitraries.cjs))).not.toEqual([]);
  });

  test("loads and makes a town where fast-check cannot be resolved", () => {
    // Run by the global setup: a child process that refuses fast-check to the core's
    // files (test-support/no-fast-check), then loads both forms of the entry.
    const probe = inject("withoutFastCheck");
    expect(probe).toMatchObject({ ok: true });
    if (!probe.ok) return;
    expect(probe.report).toEqual({
      esm: { loaded: true, disputes: 6 },
      cjs: { loaded: true, disputes: 6 },
      sameTown: true,
      // The control: the arbitraries, which need fast-check, do fail there.
      control: {
        esm: expect.stringMatching(/^Cannot find package 'fast-check'/),
        cjs: expect.stringMatching(/^Cannot find module 'fast-check'/),
      },
    });
  });
});
