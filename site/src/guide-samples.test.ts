import { pathToFileURL } from "node:url";
import { format } from "node:util";
// Loaded while the file is collected, so that running a sample does not pay for it.
import "@tiaojie/core";
import "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import "@tiaojie/csv";
import "@tiaojie/store-memory";
import "effect";
import { describe, expect, inject, it, vi } from "vitest";
import { firstUnprinted } from "./guide-blocks.js";
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

describe.each(samples)("the sample at $where", (sample) => {
  it("compiles against the built packages", () => {
    expect(sample.diagnostics).toEqual([]);
  });

  it("runs and prints what its `// →` lines say", async () => {
    const printed: string[] = [];
    const record = (...args: unknown[]) => {
      printed.push(...format(...args).split("\n"));
    };
    const spies = (["log", "info", "warn", "error"] as const).map((m) => vi.spyOn(console, m).mockImplementation(record));
    try {
      await import(pathToFileURL(sample.file).href);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(firstUnprinted(sample.promised, printed), printed.join("\n")).toBeUndefined();
  });
});
