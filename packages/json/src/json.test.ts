import { fc, it as prop } from "@fast-check/vitest";
import { exportLedger } from "@tiaojie/core";
import { sampleTown } from "@tiaojie/core/testing";
import { runExporterConformance, townLedger } from "@tiaojie/export-testkit";
import { makeMemoryStore } from "@tiaojie/store-memory";
import { describe, expect, it } from "vitest";
import { importJson, jsonExporter, ndjsonExporter, readJsonWorkbook, readNdjsonWorkbook, workbookJsonSchema } from "./index.js";

runExporterConformance({ name: "json", exporter: jsonExporter(), read: (bytes) => readJsonWorkbook([bytes]) });
runExporterConformance({ name: "ndjson", exporter: ndjsonExporter(), read: (bytes) => readNdjsonWorkbook([bytes]) });

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

describe("the dispute ledger as JSON and NDJSON", () => {
  prop.prop([fc.integer({ min: 1, max: 10_000 }), fc.constantFrom("json" as const, "ndjson" as const)], { numRuns: 4 })(
    "exported by one ledger and imported by another, every dispute comes back, and nothing twice",
    async (seed, format) => {
      const town = sampleTown(seed, { villages: 2, persons: 12, disputes: 6, listings: 0 });
      const source = townLedger(town, makeMemoryStore());
      await source.registerTown();
      const out = await exportLedger(source.ledger, format === "json" ? jsonExporter() : ndjsonExporter(), source.coordinator, { dataset: "disputes", purpose: "数据交换", lang: "en", names: source.names });
      if (!out.ok) throw new Error(out.error.message);
      const file = await bytesOf(out.value.bytes);
      const target = townLedger(town, makeMemoryStore());
      const r = await importJson(target.ledger, target.coordinator, [file], { format, divisions: target.divisions });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value).toMatchObject({ rows: 6, registered: 6, rejected: [] });
      for (const d of town.disputes) {
        const got = await target.ledger.getDispute(target.coordinator, d.id);
        expect(got.ok && got.value.dispute).toEqual(d);
      }
      const again = await importJson(target.ledger, target.coordinator, [file], { format, divisions: target.divisions });
      expect(again.ok && again.value).toMatchObject({ registered: 0, alreadyInLedger: 6 });
    },
  );

  it("names the place of a file that is not a workbook file, in both languages", async () => {
    const read = async (text: string, ndjson = false) => {
      for await (const _ of (ndjson ? readNdjsonWorkbook : readJsonWorkbook)([Buffer.from(text)])) void _;
    };
    await expect(read("{")).rejects.toThrow(/不是有效的 JSON.*is not valid JSON/);
    await expect(read('{"format":"tiaojie-workbook","version":1,"dataset":"disputes","title":{"zh":"a","en":"a"},"lang":"zh","sheets":[{"name":{"zh":"a","en":"a"},"columns":[],"rows":[[{"date":"2025-02-30"}]]}]}')).rejects.toThrow(/sheets\[0\]\.rows\[0\]\[0\]/);
    await expect(read('{"row":[1]}\n', true)).rejects.toThrow(/第 1 行.*line 1: the file head/);
    await expect(read('{"format":"tiaojie-workbook-ndjson","version":1,"dataset":"disputes","title":{"zh":"a","en":"a"},"lang":"zh"}\n{"row":[1]}\n', true)).rejects.toThrow(/line 2: a row before any sheet head/);
  });

  it("publishes the JSON Schema of the file: its required members, its formats, its cells", () => {
    const schema = workbookJsonSchema() as { $ref?: string; $defs?: Record<string, { required?: ReadonlyArray<string>; properties?: Record<string, unknown> }> };
    const root = schema.$defs?.WorkbookFile ?? (schema as unknown as { required?: ReadonlyArray<string> });
    expect(root.required).toEqual(["format", "version", "dataset", "title", "lang", "sheets"]);
    const text = JSON.stringify(schema);
    expect(text).toContain('"tiaojie-workbook"');
    expect(text).toContain('"monthly-summary"');
    expect(text).toContain('"level"');
  });
});
