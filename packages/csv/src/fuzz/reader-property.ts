import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { detectEncoding } from "../index.js";
import { makeBases } from "./bases.js";
import { buildCase, chunksOf, csvCase } from "./csv-cases.js";
import { type ReadOutcome, describeError, readOutcome, recordsProblem, shown } from "./read-outcome.js";

// The reader's claim over one share of the hostile files (a worker runs one):
// readCsv ends with records or csv-parse's CsvError, nothing else; the records
// are numbered, each begins on a later line, every cell is text; the same bytes
// read whole and in chunks give the same answer; and a file no byte edit
// touched gives back exactly the cells written, the writer's formula guard
// taken away once (a hand-written file's single leading apostrophe too).

export interface ReaderFigures {
  readonly inputs: number;
  readonly accepted: number;
  readonly refused: number;
  readonly records: number;
  readonly exact: number;
  readonly chunkedTwice: number;
  readonly throws: number;
  readonly maxBytes: number;
  /** fast-check's report of the first failing case, shrunk; absent when every case held. */
  readonly failure?: string;
}

export const fuzzReader = async (share: { readonly seed: number; readonly runs: number }): Promise<ReaderFigures> => {
  const bases = await makeBases([1301, 1302, 1303]);
  const detect = (bytes: Uint8Array) => detectEncoding(bytes, true);
  const f = { inputs: 0, accepted: 0, refused: 0, records: 0, exact: 0, chunkedTwice: 0, throws: 0, maxBytes: 0 };
  const property = fc.asyncProperty(csvCase(bases.length, { damage: 0.5, hugeWeight: 0.006, recode: 0.12, cellWeight: 12, maxEdits: 6, cutShare: 0.35 }), async (c) => {
    f.inputs += 1;
    const built = await buildCase(bases[c.base]!.table, c, detect);
    f.maxBytes = Math.max(f.maxBytes, built.bytes.length);
    const chunks = chunksOf(built.bytes, c.cuts);
    const read = await readOutcome(chunks, c.encoding);
    if (read.kind === "threw") {
      f.throws += 1;
      throw new Error(`readCsv threw ${describeError(read.error)}\n${shown(c, built)}`);
    }
    if (read.kind === "refused") {
      f.refused += 1;
      if (typeof read.error.code !== "string" || !/line/i.test(read.error.message)) throw new Error(`a CsvError without its code or line: ${describeError(read.error)}\n${shown(c, built)}`);
    } else {
      f.accepted += 1;
      f.records += read.records.length;
      const wrong = recordsProblem(read.records);
      if (wrong !== undefined) throw new Error(`${wrong}\n${shown(c, built)}`);
    }
    // The same bytes in one chunk. (Past 64 KiB the encoding is detected from a head of other chunks, which may tell another.)
    if (chunks.length > 1 && (c.encoding !== "detect" || built.bytes.length <= 65_536)) {
      f.chunkedTwice += 1;
      const whole = await readOutcome([built.bytes], c.encoding);
      const answer = (o: ReadOutcome): unknown => (o.kind === "refused" ? o.error.code : o.kind === "threw" ? describeError(o.error) : o.records);
      if (!isDeepStrictEqual(answer(whole), answer(read))) throw new Error(`read whole and in chunks, the same bytes give different answers: ${JSON.stringify(answer(whole)).slice(0, 300)} / ${JSON.stringify(answer(read)).slice(0, 300)}\n${shown(c, built)}`);
    }
    if (built.expected !== undefined) {
      f.exact += 1;
      const got = read.kind === "records" ? read.records.map((r) => r.cells) : read.error.message;
      if (!isDeepStrictEqual(got, built.expected)) throw new Error(`an undamaged file does not give back its cells: ${JSON.stringify(got).slice(0, 600)} / ${JSON.stringify(built.expected).slice(0, 600)}\n${shown(c, built)}`);
    }
  });
  try {
    await fc.assert(property, { numRuns: share.runs, seed: share.seed });
    return f;
  } catch (e) {
    return { ...f, failure: e instanceof Error ? e.message : String(e) };
  }
};
