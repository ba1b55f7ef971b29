import { describe, expect, test } from "vitest";
import { firstMissingLine } from "./blocks.js";
import { runBlock } from "./run.js";
import { fixtureBlock as at } from "./test-support/fixture-blocks.js";


describe("runBlock", () => {
  test("returns every line the module printed, through log, info, warn and error, formatted as the console would", async () => {
    const block = at("first.md:5");
    const printed = await runBlock(block.file);
    expect(printed).toEqual(["total 2", "two", "lines", "warned", "erred 3"]);
    expect(firstMissingLine(block.expected, printed)).toBeUndefined();
  });

  test("a block that does not print what it says is caught by the comparison", async () => {
    const printed = await runBlock(at("first.md:29").file);
    expect(printed).toEqual(["again"]);
    expect(firstMissingLine(at("first.md:23").expected, printed)).toBe("answer 42");
  });

  test("rejects with the module's error, and gives the console back", async () => {
    const methods = [console.log, console.info, console.warn, console.error];
    await expect(runBlock(at("second.md:13").file)).rejects.toThrow("boom");
    const after = [console.log, console.info, console.warn, console.error];
    for (const [i, method] of methods.entries()) expect(after[i]).toBe(method);
  });
});
