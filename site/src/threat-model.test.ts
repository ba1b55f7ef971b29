import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./paths.js";
import { readThreatModel, threatModelFile, threatsOf } from "./threat-model.js";

// Every mitigation of the threat model points at a test: each cited file exists,
// still declares a test whose title holds the cited words, and every long check
// of the repository is cited by some threat.

const threats = readThreatModel();
const text = readFileSync(threatModelFile, "utf8");

/** The lines of a file that open a test or a group of tests (a title may sit on the line after). */
const DECLARES = /\b(it|test|describe)(\.(prop|each|todo|concurrent)\b[^(]*)?\(|\)\(\s*$|\)\("/;

/** Whether `title` is part of a test title in `source`: on a line that declares a test, or the line after one. */
const declaresTitle = (source: string, title: string): boolean => {
  const lines = source.split("\n");
  return lines.some((line, i) => line.includes(title) && (DECLARES.test(line) || DECLARES.test(lines[i - 1] ?? "")));
};

const walk = (dir: string, found: Array<string> = []): Array<string> => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.name.endsWith(".long.test.ts")) found.push(relative(repoRoot, path));
  }
  return found;
};

describe("the threat model", () => {
  it("numbers its threats T1, T2, … in order, and every threat cites at least one test", () => {
    expect(threats.length).toBeGreaterThanOrEqual(10);
    expect(threats.map((t) => t.id)).toEqual(threats.map((_, i) => `T${i + 1}`));
    for (const t of threats) expect(t.citations.length, `${t.id} ${t.heading} cites no test`).toBeGreaterThan(0);
  });

  it("cites only files that exist and declare a test whose title holds the cited words", () => {
    const problems: Array<string> = [];
    for (const t of threats) {
      for (const c of t.citations) {
        const where = `${t.id}, line ${c.line}: ${c.file}`;
        if (c.title.length < 12) problems.push(`${where}: the cited words "${c.title}" are too few to name one test`);
        const path = join(repoRoot, c.file);
        if (!existsSync(path)) {
          problems.push(`${where}: no such file`);
          continue;
        }
        if (!declaresTitle(readFileSync(path, "utf8"), c.title)) problems.push(`${where}: no test title holds "${c.title}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("cites every long check of the repository", () => {
    const cited = new Set(threats.flatMap((t) => t.citations.map((c) => c.file)));
    const long = walk(join(repoRoot, "packages"));
    expect(long.length, "the repository has long checks").toBeGreaterThan(0);
    expect(long.filter((f) => !cited.has(f))).toEqual([]);
  });

  it("maps the law's articles and the baseline's requirements only to threats it defines", () => {
    const defined = new Set(threats.map((t) => t.id));
    const mapping = text.slice(text.indexOf("## Control mapping"));
    const named = [...mapping.matchAll(/\bT(\d+)(?:–T(\d+))?\b/g)].flatMap((m) =>
      m[2] === undefined ? [`T${m[1]}`] : Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => `T${Number(m[1]) + i}`),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((id) => !defined.has(id))).toEqual([]);
    for (const article of ["art. 28", "art. 29", "art. 30", "art. 31", "art. 32", "art. 47", "art. 51", "art. 55", "art. 56"]) expect(mapping).toContain(`| ${article} |`);
    for (const requirement of ["8.1.4.2", "8.1.4.3", "8.1.4.7", "8.1.4.8"]) expect(mapping).toContain(requirement);
  });
});

describe("threatsOf", () => {
  it("reads threats and their citations from the threats section only", () => {
    const doc = [
      "## Threats",
      "### T1 One",
      '- `a.test.ts` — "first title"',
      "text",
      '- `b.test.ts` — "second title"',
      "### T2 Two",
      '- `c.test.ts` — "third"',
      "## Control mapping",
      '- `d.test.ts` — "not a citation here"',
    ].join("\n");
    expect(threatsOf(doc)).toEqual([
      { id: "T1", heading: "One", citations: [{ file: "a.test.ts", title: "first title", line: 3 }, { file: "b.test.ts", title: "second title", line: 5 }] },
      { id: "T2", heading: "Two", citations: [{ file: "c.test.ts", title: "third", line: 7 }] },
    ]);
  });
});
