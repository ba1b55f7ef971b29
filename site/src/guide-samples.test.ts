// Loaded while the file is collected, so that running a sample does not pay for it.
import "@tiaojie/core";
import "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import "@tiaojie/csv";
import "@tiaojie/store-memory";
import { testBlocks } from "@tiaojie/doc-samples/vitest";
import "effect";
import { expect, inject, it } from "vitest";
import { guides } from "./guides.js";

// The first calendar made builds the holiday tables: pay for that here, not in a sample.
chinaCalendar();

// The samples of the checked guides, written out and typechecked by test/global-setup.ts.
const samples = inject("guideSamples");

it("every checked guide has samples", () => {
  for (const g of guides.filter((x) => x.samples === "checked")) {
    expect(samples.some((s) => s.where.startsWith(`docs/guides/${g.file}:`)), g.file).toBe(true);
  }
});

// Each sample compiles against the built packages, runs and prints what its `// →` lines say.
testBlocks(samples, "the sample at");
