import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

// Which source modules may import which: the domain never depends on the test
// helpers, and `@tiaojie/core/testing` (sampleTown) never needs fast-check.

const src = dirname(fileURLToPath(import.meta.url));
const testing = join(src, "testing") + sep;

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });

/** A module of the domain: not a test, an arbitrary, a fixture, or a test helper of `testing/`. */
const isDomainModule = (file: string): boolean =>
  !file.endsWith(".test.ts") &&
  !file.endsWith("-arbitraries.ts") &&
  !file.endsWith("-fixture.ts") &&
  !file.startsWith(testing) &&
  !file.startsWith(join(src, "arbitraries") + sep);

/** The specifiers a module imports or re-exports, comments and JSDoc examples excepted. */
const importsOf = (file: string): ReadonlyArray<string> =>
  ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName);

/** The source file a relative specifier names (`./x.js` is `./x.ts`), or undefined for a package. */
const resolveSpecifier = (from: string, specifier: string): string | undefined => {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`${relative(src, from)} imports ${specifier}, which does not exist`);
  return found;
};

/** Every module reachable from `entry` and every package it imports, by the static import graph. */
const graphOf = (entry: string): { readonly modules: ReadonlySet<string>; readonly packages: ReadonlySet<string> } => {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const specifier of importsOf(file)) {
      const target = resolveSpecifier(file, specifier);
      if (target) visit(target);
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { modules, packages };
};

const importsFastCheck = (packages: ReadonlySet<string>): ReadonlyArray<string> =>
  [...packages].filter((p) => p === "fast-check" || p.startsWith("fast-check/") || p.startsWith("@fast-check/"));

test("no domain module imports from testing/", () => {
  const domain = sourceFiles(src).filter(isDomainModule);
  expect(domain.length).toBeGreaterThan(50);
  const offending = domain.flatMap((file) =>
    importsOf(file)
      .filter((specifier) => resolveSpecifier(file, specifier)?.startsWith(testing))
      .map((specifier) => `${relative(src, file)} imports ${specifier}`),
  );
  expect(offending).toEqual([]);
});

describe("the entry points", () => {
  test("the root and the schema kit reach neither testing/ nor fast-check", () => {
    for (const entry of ["index.ts", join("schema-kit", "index.ts")]) {
      const { modules, packages } = graphOf(join(src, entry));
      expect([...modules].filter((m) => m.startsWith(testing)).map((m) => relative(src, m))).toEqual([]);
      expect(importsFastCheck(packages)).toEqual([]);
    }
  });

  test("@tiaojie/core/testing (sampleTown) never imports fast-check", () => {
    const { modules, packages } = graphOf(join(src, "testing", "index.ts"));
    expect([...modules].map((m) => relative(src, m))).toContain(join("testing", "sample-town.ts"));
    expect(importsFastCheck(packages)).toEqual([]);
  });

  test("@tiaojie/core/arbitraries is where fast-check comes in", () => {
    expect(importsFastCheck(graphOf(join(src, "arbitraries", "index.ts")).packages)).toEqual(["fast-check"]);
  });
});
