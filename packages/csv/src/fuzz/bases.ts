import { exportLedger } from "@tiaojie/core";
import { type SampleTown, sampleTown } from "@tiaojie/core/testing";
import { csvExporter, readCsv } from "../index.js";
import { freshLedger } from "./ledger-oracle.js";

// The good files the fuzzer starts from: small towns' dispute ledgers,
// registered in a ledger and exported by this package's exporter, with Chinese
// and with English headers, read back as tables of text.

export interface Base {
  readonly town: SampleTown;
  readonly divisions: Readonly<Record<string, string>>;
  readonly table: ReadonlyArray<ReadonlyArray<string>>;
}

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

export const makeBases = async (seeds: ReadonlyArray<number>): Promise<Array<Base>> => {
  const out: Array<Base> = [];
  for (const seed of seeds) {
    const town = sampleTown(seed, { villages: 3, persons: 16, disputes: 8, listings: 0 });
    const t = freshLedger(town);
    await t.registerTown();
    for (const lang of ["zh", "en"] as const) {
      const r = await exportLedger(t.ledger, csvExporter(), t.coordinator, { dataset: "disputes", purpose: "模糊测试 / fuzzing", names: t.names, lang });
      if (!r.ok) throw new Error(r.error.message);
      const table: Array<ReadonlyArray<string>> = [];
      for await (const rec of readCsv([await bytesOf(r.value.bytes)])) table.push(rec.cells);
      out.push({ town, divisions: t.divisions, table });
    }
  }
  return out;
};
