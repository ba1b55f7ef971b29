import { readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { describe, expect, test } from "vitest";
import { fixtureBlock as at, fixtureBlocks as blocks } from "./test-support/fixture-blocks.js";


describe("prepareBlocks", () => {
  test("takes the ```ts and ```typescript blocks of every file, in order, each at the line of its fence", () => {
    expect(blocks.map((b) => b.where)).toEqual(["first.md:5", "first.md:23", "first.md:29", "second.md:3", "second.md:7", "second.md:13", "second.md:18"]);
  });

  test("writes each block to a module of its own, named after its file and line, in the one directory", () => {
    expect(blocks.map((b) => basename(b.file))).toEqual(["first-5.ts", "first-23.ts", "first-29.ts", "second-3.ts", "second-7.ts", "second-13.ts", "second-18.ts"]);
    expect(new Set(blocks.map((b) => dirname(b.file))).size).toBe(1);
    expect(basename(dirname(at("first.md:5").file))).toMatch(/^\.prepared-fixtures-/);
    expect(readFileSync(at("second.md:7").file, "utf8")).toBe('import { nothing } from "./no-such-module.js";\n\nconsole.log(nothing);\n');
  });

  test("reads what each block says it prints", () => {
    expect(at("first.md:5").expected).toEqual(["total 2", "two", "lines", "erred 3"]);
    expect(at("first.md:23").expected).toEqual(["answer 42"]);
    expect(at("first.md:29").expected).toEqual([]);
  });

  test("a block that compiles has no diagnostics, although it lies outside the rootDir and declares what another block declares", () => {
    for (const where of ["first.md:5", "first.md:23", "first.md:29", "second.md:13", "second.md:18"]) expect(at(where).diagnostics, where).toEqual([]);
  });

  test("gives each block the compiler's errors about it, at their lines of the Markdown file", () => {
    expect(at("second.md:3").diagnostics).toEqual(["second.md:4: TS2322 Type 'string' is not assignable to type 'number'."]);
    const missing = at("second.md:7").diagnostics;
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^second\.md:8: TS2307 Cannot find module '\.\/no-such-module\.js'/);
  });
});
