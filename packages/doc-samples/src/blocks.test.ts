import { fc, it as prop } from "@fast-check/vitest";
import { describe, expect, test } from "vitest";
import { type CodeBlock, RUNNABLE_LANGS, codeBlocks, expectedOutput, firstMissingLine, runnableBlocks } from "./blocks.js";

describe("codeBlocks", () => {
  test("finds every fenced block with its language and the line of its fence", () => {
    const markdown = [
      "# Title", // 1
      "```sh", // 2
      "npm test", // 3
      "```", // 4
      "text", // 5
      "```ts", // 6
      'import { ok } from "@tiaojie/core";', // 7
      "", // 8
      "ok(1);", // 9
      "```", // 10
      "~~~~TypeScript title", // 11
      "```", // 12: inside a ~~~~ fence, not a closing one
      "~~~~", // 13
      "````ts", // 14
      "```", // 15: shorter than the opening fence
    ].join("\n");
    expect(codeBlocks(markdown)).toEqual([
      { lang: "sh", line: 2, code: "npm test\n" },
      { lang: "ts", line: 6, code: 'import { ok } from "@tiaojie/core";\n\nok(1);\n' },
      { lang: "typescript", line: 11, code: "```\n" },
      { lang: "ts", line: 14, code: "```\n" },
    ]);
  });

  test("a text without fences has no blocks", () => {
    expect(codeBlocks("just `code` and text\n")).toEqual([]);
  });

  test("the language ends at VitePress's line highlighting; a fence is indented three spaces at most", () => {
    const markdown = ["```ts{2}", "a", "```", "   ```TS {1,3}", "b", "   ```", "    ```ts", "c"].join("\r\n");
    expect(codeBlocks(markdown)).toEqual([
      { lang: "ts", line: 1, code: "a\n" },
      { lang: "ts", line: 4, code: "b\n" },
      // line 7, indented four spaces, opens nothing
    ]);
  });

  test("only ```ts and ```typescript blocks run", () => {
    expect([...RUNNABLE_LANGS].sort()).toEqual(["ts", "typescript"]);
    const markdown = ["```ts", "1", "```", "```js", "2", "```", "```", "3", "```", "~~~TypeScript", "4", "~~~"].join("\n");
    expect(runnableBlocks(markdown)).toEqual([
      { lang: "ts", line: 1, code: "1\n" },
      { lang: "typescript", line: 10, code: "4\n" },
    ]);
  });
});

// Generated Markdown: prose and fenced blocks, with the blocks it is made of.
const opensFence = (line: string): boolean => /^ {0,3}(```|~~~)/.test(line);
const closesFence = (line: string, char: string, length: number): boolean =>
  new RegExp(`^ {0,3}${char === "`" ? "`" : "~"}{${length},} *$`).test(line);
const lineOf = (alphabet: ReadonlyArray<string>) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }).map((cs) => cs.join(""));
const prose = fc.array(lineOf(["a", " ", "`", "~", "#", "共"]).filter((l) => !opensFence(l)), { maxLength: 3 });
const fenced = fc
  .record({
    char: fc.constantFrom("`", "~"),
    length: fc.integer({ min: 3, max: 5 }),
    indent: fc.integer({ min: 0, max: 3 }),
    closeIndent: fc.integer({ min: 0, max: 3 }),
    longerClose: fc.integer({ min: 0, max: 2 }),
    lang: fc.constantFrom("ts", "TS", "typescript", "TypeScript", "sh", "js", ""),
    info: fc.constantFrom("", " title", "{1,3}", " {2}"),
    body: fc.array(lineOf(["a", " ", "`", "~", "/", "→", "{"]), { maxLength: 5 }),
  })
  .map((b) => ({ ...b, info: b.lang === "" ? "" : b.info, body: b.body.filter((l) => !closesFence(l, b.char, b.length)) }));
const markdownOf = fc.array(fc.tuple(prose, fenced), { maxLength: 5 }).map((parts) => {
  const lines: Array<string> = [];
  const blocks: Array<CodeBlock> = [];
  for (const [text, b] of parts) {
    lines.push(...text);
    const fence = b.char.repeat(b.length);
    blocks.push({ lang: b.lang.toLowerCase(), line: lines.length + 1, code: `${b.body.join("\n")}\n` });
    lines.push(`${" ".repeat(b.indent)}${fence}${b.lang}${b.info}`, ...b.body, `${" ".repeat(b.closeIndent)}${fence}${b.char.repeat(b.longerClose)}`);
  }
  return { lines, blocks };
});

describe("codeBlocks on generated Markdown", () => {
  prop.prop([markdownOf, fc.constantFrom("\n", "\r\n"), fc.boolean()])(
    "finds exactly the blocks it was made of: language, line of the fence, and the body line for line",
    ({ lines, blocks }, newline, endsWithNewline) => {
      const markdown = lines.join(newline) + (endsWithNewline ? newline : "");
      expect(codeBlocks(markdown)).toEqual(blocks);
    },
  );

  prop.prop([markdownOf])("the runnable blocks are the ts and typescript ones, their bodies intact", ({ lines, blocks }) => {
    expect(runnableBlocks(lines.join("\n"))).toEqual(blocks.filter((b) => b.lang === "ts" || b.lang === "typescript"));
  });
});

describe("expected output", () => {
  test("is the `// →` lines, with their leading spaces", () => {
    const code = ['f(); // → not a line of its own', "// → 共 2 处问题", "  // →   1. reportedOn", "// →", "//→ x"].join("\n");
    expect(expectedOutput(code)).toEqual(["共 2 处问题", "  1. reportedOn", ""]);
  });

  const says = (line: string): boolean => {
    const rest = line.trimStart();
    return rest === "// →" || rest.startsWith("// → ");
  };
  const codeLine = lineOf(["a", " ", "/", "→", ";"]).filter((l) => !says(l));
  const comment = fc.record({ indent: fc.integer({ min: 0, max: 3 }), text: lineOf(["共", "处", " ", "a", "1", ".", "/", "→"]) });
  prop.prop([fc.array(fc.oneof(codeLine, comment), { maxLength: 8 })])(
    "of code with `// → text` comments among other lines, is those texts in order",
    (lines) => {
      const code = lines.map((l) => (typeof l === "string" ? l : `${" ".repeat(l.indent)}// → ${l.text}`)).join("\n");
      expect(expectedOutput(code)).toEqual(lines.flatMap((l) => (typeof l === "string" ? [] : [l.text])));
    },
  );

  test("must be printed as whole lines, in order", () => {
    expect(firstMissingLine(["a", "c"], ["a", "b", "c"])).toBeUndefined();
    expect(firstMissingLine(["c", "a"], ["a", "b", "c"])).toBe("a");
    expect(firstMissingLine(["b"], ["abc"])).toBe("b");
    expect(firstMissingLine(["a", "a"], ["a"])).toBe("a");
  });

  const output = fc.array(lineOf(["a", "b", " "]), { maxLength: 8 });
  prop.prop([output.chain((out) => fc.tuple(fc.constant(out), fc.subarray(out)))])(
    "is all printed when it is a subsequence of the output",
    ([out, expected]) => {
      expect(firstMissingLine(expected, out)).toBeUndefined();
    },
  );

  prop.prop([output.chain((out) => fc.tuple(fc.constant(out), fc.subarray(out), fc.nat()))])(
    "a line the output lacks is the first missing one, when all before it are printed",
    ([out, printed, at]) => {
      const absent = `${out.join("")}c`; // longer than every output line, so none of them
      const expected = [...printed];
      expected.splice(at % (expected.length + 1), 0, absent, ...printed);
      expect(firstMissingLine(expected, out)).toBe(absent);
    },
  );
});
