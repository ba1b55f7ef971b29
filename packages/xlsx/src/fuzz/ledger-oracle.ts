import { isDeepStrictEqual } from "node:util";
import { type ImportOptions, type ImportRefused, type ImportResult, type Result, type SheetCell, type SheetRecord, importLedgerRows } from "@tiaojie/core";
import type { SampleTown } from "@tiaojie/core/testing";
import { type TownLedger, townLedger } from "@tiaojie/export-testkit";
import { type MemoryStore, makeMemoryStore } from "@tiaojie/store-memory";

// What an import must have written, told from outside the importer (the same
// oracle as @tiaojie/csv's fuzzer; one package's tests cannot import another's):
// a ledger over a fresh memory store, its raw snapshot before and after, and for every
// data row the rows a good import of that row alone (its header above it)
// writes into another fresh store. An import wrote nothing partial when the
// store holds exactly the union of those rows for the rows it accepted, the
// first row of a dispute or person winning, as the importer's own
// de-duplication does.

/** A ledger of the town over its own fresh memory store. */
export interface FreshLedger extends TownLedger {
  readonly store: MemoryStore;
}

export const freshLedger = (town: SampleTown): FreshLedger => {
  const store = makeMemoryStore();
  return { store, ...townLedger(town, store) };
};

type Row = { readonly id: string } & Readonly<Record<string, unknown>>;

/** A store's committed state: each collection's rows in id order, each audit chain's events. */
export interface Snapshot {
  readonly collections: Readonly<Record<string, ReadonlyArray<Row>>>;
  readonly audit: Readonly<Record<string, ReadonlyArray<unknown>>>;
}

// Two imports of the same rows differ only in what is random by design: the
// UUIDs of case events, and each person's key wrapped afresh.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const normalise = (v: unknown): unknown => {
  if (typeof v === "string") return UUID.test(v) ? "<uuid>" : v;
  if (Array.isArray(v)) return v.map(normalise);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "wrapped" ? "<wrapped>" : normalise(x)]));
  return v;
};

export const snapshotOf = async (store: MemoryStore): Promise<Snapshot> => normalise(await store.raw.snapshot()) as Snapshot;

const isEmptyRow = (cells: ReadonlyArray<SheetCell>): boolean => cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));

/** The bulk run's record: one per registration run, keyed by the run's own id. */
const RUNS = "idempotency";

/** The rows each collection gained, by id (a row that changed counts as gained). */
const gained = (before: Snapshot, after: Snapshot): Map<string, Map<string, Row>> => {
  const out = new Map<string, Map<string, Row>>();
  for (const [name, rows] of Object.entries(after.collections)) {
    const old = new Map((before.collections[name] ?? []).map((r) => [r.id, r]));
    const added = new Map<string, Row>();
    for (const r of rows) if (!isDeepStrictEqual(old.get(r.id), r)) added.set(r.id, r);
    out.set(name, added);
  }
  return out;
};

type Solo = { readonly accepted: false } | { readonly accepted: true; readonly dispute: string; readonly rows: ReadonlyMap<string, ReadonlyArray<Row>> };

/**
 * Good imports of one row alone, each into a fresh ledger of the town,
 * remembered by header, row and options (the fuzzer's files share most rows).
 */
export class SoloImports {
  private readonly memo = new Map<string, Solo>();
  imports = 0;
  constructor(private readonly town: SampleTown) {}

  async of(header: SheetRecord, record: SheetRecord, options: ImportOptions): Promise<Solo> {
    const key = JSON.stringify([header.cells, record.cells, options.divisions, options.aliases, options.unknownColumns]);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    this.imports += 1;
    const t = freshLedger(this.town);
    const before = await snapshotOf(t.store);
    // Both on the header's sheet: a row of a later sheet (the exporter's part (2)) would otherwise wait for that sheet's own header.
    const solo: ReadonlyArray<SheetRecord> = [
      { ...header, row: 1 },
      { ...record, ...(header.sheet === undefined ? {} : { sheet: header.sheet }), row: 2 },
    ];
    const { atomic: _atomic, batchSize: _batch, onProgress: _progress, ...rest } = options;
    const r = await importLedgerRows(t.ledger, t.coordinator, solo, rest);
    let out: Solo = { accepted: false };
    if (r.ok && r.value.rejected.length === 0 && r.value.disputes.length === 1) {
      const rows = new Map<string, ReadonlyArray<Row>>();
      for (const [name, added] of gained(before, await snapshotOf(t.store))) if (name !== RUNS) rows.set(name, [...added.values()]);
      out = { accepted: true, dispute: r.value.disputes[0]!, rows };
    }
    if (this.memo.size > 20_000) this.memo.clear();
    this.memo.set(key, out);
    return out;
  }
}

export type ImportOutcome = { readonly kind: "result"; readonly result: Result<ImportResult, ImportRefused> } | { readonly kind: "read-error"; readonly error: unknown };

const sameRow = (a: SheetRecord, b: { readonly sheet?: string; readonly row: number }): boolean => a.row === b.row && a.sheet === b.sheet;

/**
 * What is wrong with what an import wrote (nothing, when the list is empty):
 * `records` are the file's records as its reader gives them, read again.
 */
export const writeProblems = async (args: {
  readonly before: Snapshot;
  readonly after: Snapshot;
  readonly outcome: ImportOutcome;
  readonly records: ReadonlyArray<SheetRecord>;
  readonly options: ImportOptions;
  readonly solo: SoloImports;
}): Promise<Array<string>> => {
  const { before, after, outcome, records, options, solo } = args;
  const problems: Array<string> = [];
  const result = outcome.kind === "result" && outcome.result.ok ? outcome.result.value : undefined;
  // Refused, unreadable, or refused whole: nothing at all may have changed, not even the audit.
  if (result === undefined || result.refusedWhole) {
    if (!isDeepStrictEqual(before, after)) problems.push(`the import wrote although it ${result === undefined ? "was refused" : "was refused whole"}: ${JSON.stringify([...gained(before, after)].filter(([, m]) => m.size > 0).map(([n, m]) => [n, m.size]))}`);
    return problems;
  }
  if (result.run === undefined && !isDeepStrictEqual(before, after)) problems.push("the import registered nothing, yet the store changed");
  const headerAt = records.findIndex((r) => r.row === result.headerRow && isDeepStrictEqual(r.cells, result.header));
  if (headerAt < 0) return [`the header row ${result.headerRow} is not among the records read again`];
  const header = records[headerAt]!;
  const expected = new Map<string, Map<string, Row>>();
  const disputes: Array<string> = [];
  const firstOf = new Set<string>();
  for (const record of records.slice(headerAt + 1)) {
    if (isEmptyRow(record.cells) || result.rejected.some((x) => sameRow(record, x))) continue;
    const s = await solo.of(header, record, options);
    if (!s.accepted) continue;
    disputes.push(s.dispute);
    if (firstOf.has(s.dispute)) continue;
    firstOf.add(s.dispute);
    for (const [name, rows] of s.rows) {
      const m = expected.get(name) ?? new Map<string, Row>();
      expected.set(name, m);
      for (const r of rows) if (!m.has(r.id)) m.set(r.id, r);
    }
  }
  if (!isDeepStrictEqual(disputes, result.disputes)) problems.push(`the rows a good import accepts one by one give disputes ${JSON.stringify(disputes)}, the import reported ${JSON.stringify(result.disputes)}`);
  if (result.registered !== firstOf.size) problems.push(`registered ${result.registered}, but ${firstOf.size} distinct disputes were accepted into a fresh ledger`);
  for (const [name, added] of gained(before, after)) {
    if (name === RUNS) {
      const runs = [...added.keys()];
      const want = result.run === undefined ? 0 : 1;
      if (runs.length !== want || (want === 1 && !runs[0]!.endsWith(result.run!))) problems.push(`run records ${JSON.stringify(runs)} for run ${result.run}`);
      continue;
    }
    const want = expected.get(name) ?? new Map<string, Row>();
    for (const [id, row] of added) {
      const w = want.get(id);
      if (w === undefined) problems.push(`${name} ${id} was written, but no accepted row makes it`);
      else if (!isDeepStrictEqual(w, row)) problems.push(`${name} ${id} differs from what a good import of its row alone makes: ${JSON.stringify(row).slice(0, 400)} / ${JSON.stringify(w).slice(0, 400)}`);
    }
    for (const id of want.keys()) if (!added.has(id)) problems.push(`${name} ${id} is missing: an accepted row makes it`);
  }
  for (const name of expected.keys()) if (!(name in after.collections)) problems.push(`collection ${name} is missing`);
  // A rejected row: where it is, and what is wrong with it in both languages.
  for (const r of result.rejected) {
    if (!Number.isInteger(r.row) || r.row <= 0) problems.push(`a rejected row has no row number: ${JSON.stringify(r.row)}`);
    if (r.problems.length === 0) problems.push(`rejected row ${r.row} has no problem named`);
    for (const p of r.problems) {
      if (typeof p.zh !== "string" || p.zh === "" || typeof p.en !== "string" || p.en === "") problems.push(`rejected row ${r.row} has a problem not in both languages: ${JSON.stringify(p)}`);
      if (p.column !== undefined && (typeof p.column !== "string" || p.column === "")) problems.push(`rejected row ${r.row} names no column: ${JSON.stringify(p)}`);
    }
  }
  return problems;
};
