import { describe, expect, test } from "vitest";
import { codeBlocks, expectedOutput, firstMissingLine } from "./readme-blocks.js";

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
});

describe("expected output", () => {
  test("is the `// →` lines, with their leading spaces", () => {
    const code = ['f(); // → not a line of its own', "// → 共 2 处问题", "  // →   1. reportedOn", "// →", "//→ x"].join("\n");
    expect(expectedOutput(code)).toEqual(["共 2 处问题", "  1. reportedOn", ""]);
  });

  test("must be printed as whole lines, in order", () => {
    expect(firstMissingLine(["a", "c"], ["a", "b", "c"])).toBeUndefined();
    expect(firstMissingLine(["c", "a"], ["a", "b", "c"])).toBe("a");
    expect(firstMissingLine(["b"], ["abc"])).toBe("b");
    expect(firstMissingLine(["a", "a"], ["a"])).toBe("a");
  });
});
