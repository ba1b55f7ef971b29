import { describe, expect, test } from "vitest";
import { fixtureBlock as at } from "./test-support/fixture-blocks.js";
import { expectCompiles, expectPrintsWhatItSays, testBlocks } from "./vitest.js";

// The fixture blocks that compile and print what they say: each gets its two tests here.
testBlocks([at("first.md:5"), at("first.md:23"), at("first.md:29")], "the fixture block at");

describe("expectCompiles", () => {
  test("fails with the compiler's errors, at their lines of the Markdown file", () => {
    expect(() => expectCompiles(at("second.md:3"))).toThrow("second.md:4: TS2322");
    expect(() => expectCompiles(at("second.md:7"))).toThrow("second.md:8: TS2307");
  });
});

describe("expectPrintsWhatItSays", () => {
  test("fails when the block does not print a `// →` line, showing what it printed", async () => {
    await expect(expectPrintsWhatItSays(at("second.md:18"))).rejects.toThrow(/^printed: expected 'not printed' to be undefined/);
  });

  test("fails when the block throws", async () => {
    await expect(expectPrintsWhatItSays(at("second.md:13"))).rejects.toThrow("boom");
  });
});
