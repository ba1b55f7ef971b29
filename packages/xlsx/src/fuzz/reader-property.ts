import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { baseEntries, makeLedgerBases } from "./bases.js";
import { type Oddity, cellOddity, describeError, readOutcome, recordsProblem, rowNumberShown, settle, shown, unheard, watchUnheard } from "./read-outcome.js";
import { buildXlsx, sourceOf, xlsxCase } from "./xlsx-cases.js";

// The reader's claim over one share of the hostile workbooks (a worker runs
// one, in a few lanes at once so that one lane's file work overlaps another's
// parsing): readXlsx ends with records or its typed refusal XlsxUnreadable (in
// both languages), nothing else; every record is on a sheet, numbered as a
// spreadsheet numbers rows, and holds only ledger cells (no formula, rich text
// or error object: the package's rule gives a formula's cached result, or its
// text); and an undamaged small workbook gives exactly the cells written.

export interface ReaderFigures {
  readonly inputs: number;
  readonly accepted: number;
  readonly refused: number;
  readonly records: number;
  /** Records numbered 0, below or NaN, as the file's own row numbers (or their absence) make them. */
  readonly oddRowNumbers: number;
  /** Cells of the ledger's types that no sheet holds (NaN, "[object Object]", a day past 9999), by kind. */
  readonly oddCells: Readonly<Record<Oddity, number>>;
  readonly exact: number;
  readonly formulas: number;
  readonly throws: number;
  readonly maxBytes: number;
  readonly failure?: string;
}

export interface ReaderShare {
  readonly seed: number;
  readonly runs: number;
  readonly lanes: number;
}

/** The seed of a lane of a worker's share. */
export const laneSeed = (seed: number, lane: number): number => seed + 1_000 * lane;

export const fuzzReader = async (share: ReaderShare): Promise<ReaderFigures> => {
  watchUnheard();
  const bases = await baseEntries(await makeLedgerBases([1301, 1302]));
  const f = { inputs: 0, accepted: 0, refused: 0, records: 0, oddRowNumbers: 0, oddCells: { "not-finite": 0, "object-text": 0, "day-out-of-range": 0 } as Record<Oddity, number>, exact: 0, formulas: 0, throws: 0, maxBytes: 0 };
  const property = fc.asyncProperty(xlsxCase(bases.length, { base: 0.04, junk: 0.06, entryEdits: 0.3, zipEdits: 0.3, cuts: 0.3, hugeWeight: 1 }), async (c) => {
    f.inputs += 1;
    const built = buildXlsx(c, bases);
    f.maxBytes = Math.max(f.maxBytes, built.bytes.length);
    const heard = unheard.count;
    const read = await readOutcome(sourceOf(built.bytes, c.cuts), { sheets: c.sheets });
    await settle();
    if (unheard.count !== heard) {
      f.throws += 1;
      throw new Error(`reading it left an error no one heard, which ends a process: ${describeError(unheard.last)}\n${shown(c, built.bytes)}`);
    }
    if (read.kind === "threw") {
      f.throws += 1;
      throw new Error(`readXlsx threw ${describeError(read.error)}\n${shown(c, built.bytes)}`);
    }
    if (read.kind === "unreadable") {
      f.refused += 1;
      const { zh, en } = read.error.text;
      if (zh === "" || en === "" || !/ \/ the XLSX file /.test(read.error.message)) throw new Error(`a refusal not in both languages: ${read.error.message}\n${shown(c, built.bytes)}`);
    } else {
      f.accepted += 1;
      f.records += read.records.length;
      f.oddRowNumbers += read.records.filter((r) => !rowNumberShown(r)).length;
      for (const r of read.records) {
        for (const cell of r.cells) {
          const odd = cellOddity(cell);
          if (odd !== undefined) f.oddCells[odd] += 1;
        }
      }
      const wrong = recordsProblem(read.records);
      if (wrong !== undefined) throw new Error(`${wrong}\n${shown(c, built.bytes)}`);
    }
    if (built.expected !== undefined) {
      f.exact += 1;
      if (c.source.kind === "built") for (const s of c.source.sheets) for (const r of s.rows) f.formulas += r.cells.filter((x) => x.cell.t === "formula").length;
      const got = read.kind === "records" ? { records: read.records } : { unreadable: true };
      if (!isDeepStrictEqual(got, built.expected)) throw new Error(`an undamaged workbook does not read as written: ${JSON.stringify(got).slice(0, 800)} / ${JSON.stringify(built.expected).slice(0, 800)}\n${shown(c, built.bytes)}`);
    }
  });
  const lanes = Array.from({ length: share.lanes }, (_, lane) =>
    fc.assert(property, { numRuns: Math.ceil(share.runs / share.lanes), seed: laneSeed(share.seed, lane), includeErrorInReport: true }).then(
      () => undefined,
      (e: unknown) => `lane ${lane} (seed ${laneSeed(share.seed, lane)}): ${e instanceof Error ? e.message : String(e)}`,
    ),
  );
  const failures = (await Promise.all(lanes)).filter((x): x is string => x !== undefined);
  return failures.length === 0 ? f : { ...f, failure: failures.join("\n\n") };
};
