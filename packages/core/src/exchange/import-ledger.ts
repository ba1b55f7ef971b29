import { Data } from "effect";
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical-json.js";
import type { Ledger } from "../ledger/create-ledger.js";
import type { RegisterDisputesItem } from "../ledger/use-cases/register-disputes.js";
import type { Actor } from "../model/actor.js";
import { Dispute } from "../model/dispute.js";
import { decode } from "../validation/decode.js";
import type { Bilingual } from "../validation/bilingual.js";
import { err, ok, type Result } from "../validation/result.js";
import { formatPath } from "../validation/validation-error.js";
import { type HeaderMapping, mapHeader } from "./header-mapping.js";
import { type DisputeLedgerColumnKey, disputeLedgerColumns } from "./ledger-columns.js";
import { type CellProblem, type ParsedRow, parseLedgerRow } from "./ledger-row.js";
import { type SheetCell, type SheetRecord, cellText } from "./sheet.js";

/**
 * How an import reads a file and registers it.
 * @since 0.5.0
 */
export interface ImportOptions {
  /** Division codes by name (村(社区) → code), for files without a 区划代码 column. @default {} */
  readonly divisions?: Readonly<Record<string, string>>;
  /** More headers and the columns they mean, e.g. `{ "纠纷发生地": "village" }`; they win over the built-in ones. @default {} */
  readonly aliases?: Readonly<Record<string, DisputeLedgerColumnKey>>;
  /** `ignore`: go on when a header matches no column (the columns are listed in the result); `refuse`: import nothing. @default "refuse" */
  readonly unknownColumns?: "refuse" | "ignore";
  /** `true`: register nothing when any row is bad. @default false */
  readonly atomic?: boolean;
  /** Why persons named in the file are looked up (each lookup is audited). @default "台账导入 / ledger import" */
  readonly purpose?: string;
  /** Rows registered per transaction (1 to 5,000); with `atomic`, up to 5,000 rows go in one transaction. @default 500 */
  readonly batchSize?: number;
  /** Called with the rows registered so far and their total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * A bad row: where it is, what is wrong with it (each problem in both languages
 * with the column's header as the file spells it), and its cells as read, for the
 * error file.
 * @since 0.5.0
 */
export interface RejectedRow {
  readonly sheet?: string;
  readonly row: number;
  readonly cells: ReadonlyArray<SheetCell>;
  readonly problems: ReadonlyArray<{ readonly column?: string } & Bilingual>;
}

/**
 * What an import did. Every data row is counted once: `registered`,
 * `alreadyInLedger` (the same dispute was imported before: nothing is registered
 * twice) or `rejected`.
 * @since 0.5.0
 */
export interface ImportResult {
  /** The header row as the file has it (the error file repeats it). */
  readonly header: ReadonlyArray<SheetCell>;
  readonly headerRow: number;
  readonly rows: number;
  readonly registered: number;
  readonly alreadyInLedger: number;
  readonly rejected: ReadonlyArray<RejectedRow>;
  /** With `atomic`, whether rejected rows kept the good ones out. */
  readonly refusedWhole: boolean;
  /** The disputes this import registered or found, in file order. */
  readonly disputes: ReadonlyArray<string>;
  /** Headers matching no column, ignored (with `unknownColumns: "ignore"`). */
  readonly ignoredColumns: ReadonlyArray<string>;
  /**
   * Columns the file has that registration does not take: the grade (the rules
   * grade afresh and an officer confirms), the unit, the responsible person,
   * measures, progress and resolution (they enter through the case's
   * transitions), the priority and remarks.
   */
  readonly notRegistered: ReadonlyArray<string>;
  /** The bulk run's id (`registerDisputes`), to resume after an interruption. */
  readonly run?: string;
}

/**
 * Why an import registered nothing: the header row is missing, a required
 * column is missing, or a header is unknown or repeated; or the ledger refused
 * the registration (with its own error).
 * @since 0.5.0
 */
export class ImportRefused extends Data.TaggedError("ImportRefused")<{
  readonly text: Bilingual;
  /** The ledger's own error, when the ledger refused. */
  readonly reason?: unknown;
}> {
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

const REQUIRED: ReadonlyArray<DisputeLedgerColumnKey> = ["reportedOn", "domain", "parties", "summary"];
const NOT_REGISTERED: ReadonlyArray<DisputeLedgerColumnKey> = ["seq", "level", "leadUnit", "responsiblePerson", "measures", "progress", "resolved", "resolvedOn", "remarks", "priority"];
const HEADER_SEARCH_ROWS = 10;

const isEmptyRow = (cells: ReadonlyArray<SheetCell>): boolean => cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""));

/** The column of a dispute field, for problems the schema finds. */
const columnOfPath = (path: ReadonlyArray<string | number>): DisputeLedgerColumnKey | undefined => {
  const [first, second] = path;
  if (first === "facts" && typeof second === "string") return disputeLedgerColumns.find((c) => c.key === second)?.key;
  if (first === "jurisdiction") return "village";
  if (first === "petition") return second === "highestLevel" ? "petitionLevel" : "petitionCount";
  if (first === "id" || first === "domain" || first === "parties" || first === "summary" || first === "reportedOn") return first;
  return undefined;
};

/** Whether two headers put the same columns in the same places (empty columns at the end aside). */
const samePositions = (a: HeaderMapping, b: HeaderMapping): boolean => {
  const used = (m: HeaderMapping): number => {
    let n = m.positions.length;
    while (n > 0 && m.positions[n - 1] === undefined) n -= 1;
    return n;
  };
  return used(a) === used(b) && a.positions.slice(0, used(a)).every((k, i) => k === b.positions[i]);
};

const headerText = (mapping: HeaderMapping, key: DisputeLedgerColumnKey | undefined): string | undefined =>
  key === undefined ? undefined : (mapping.found.get(key) ?? disputeLedgerColumns.find((c) => c.key === key)?.zh);

/**
 * Imports a dispute ledger sheet through the ledger: the header row (the first
 * of the first ten rows that names at least three columns) is mapped
 * ({@link mapHeader}), every data row is read and validated, every bad row is
 * reported with its row number, its columns and a message in both languages,
 * and the good rows are registered by `registerDisputes` in one run (or, with
 * `atomic`, nothing when any row is bad). A dispute already in the ledger (the
 * same 纠纷编号, or the same row imported before) is counted, not registered
 * again; a person named in the file is registered once (one name in one
 * division is one person). Formats give the rows: `readCsv` of
 * `@tiaojie/csv`, `readJsonWorkbook` and `readNdjsonWorkbook` of `@tiaojie/json`.
 *
 * @example
 * ```ts
 * const r = await importLedgerRows(ledger, officer, csvSheetRecords(createReadStream("2024台账.csv")), { divisions: { 龙潭村: "532301104201" } });
 * if (r.ok) console.log(r.value.registered, r.value.rejected.length);
 * ```
 * @since 0.5.0
 */
export const importLedgerRows = async (
  ledger: Ledger,
  actor: Actor,
  records: Iterable<SheetRecord> | AsyncIterable<SheetRecord>,
  options: ImportOptions = {},
): Promise<Result<ImportResult, ImportRefused>> => {
  const divisionCodes = new Map(Object.entries(options.divisions ?? {}).map(([name, code]) => [name, code]));
  let mapping: HeaderMapping | undefined;
  let header: ReadonlyArray<SheetCell> = [];
  let headerRow = 0;
  let seen = 0;
  const parsed: Array<{ readonly record: SheetRecord; readonly value: ParsedRow }> = [];
  const rejected: Array<RejectedRow> = [];
  const reject = (record: SheetRecord, problems: ReadonlyArray<CellProblem>): void => {
    rejected.push({
      ...(record.sheet === undefined ? {} : { sheet: record.sheet }),
      row: record.row,
      cells: record.cells,
      problems: problems.map((p) => {
        const column = headerText(mapping!, p.column);
        return { ...(column === undefined ? {} : { column }), zh: p.zh, en: p.en };
      }),
    });
  };
  // Each sheet repeats the header (an exporter splits a long ledger over
  // sheets; old workbooks keep a sheet a month): on a sheet after the first, the
  // rows up to its header are skipped like the first sheet's title rows, and a
  // header of other columns, or none, refuses the import.
  let sheet: string | undefined;
  let seekingHeader = 0;
  let sheetRefusal: Bilingual | undefined;
  for await (const record of records) {
    if (isEmptyRow(record.cells)) continue;
    if (mapping === undefined) {
      seen += 1;
      const m = mapHeader(record.cells, options.aliases);
      if (m.found.size >= 3) {
        mapping = m;
        header = record.cells;
        headerRow = record.row;
        sheet = record.sheet;
        continue;
      }
      if (seen >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    if (record.sheet !== sheet) {
      sheet = record.sheet;
      seekingHeader = 1;
    }
    if (seekingHeader > 0) {
      const m = mapHeader(record.cells, options.aliases);
      if (m.found.size >= 3) {
        if (samePositions(m, mapping)) {
          seekingHeader = 0;
          continue;
        }
        sheetRefusal = { zh: `工作表“${record.sheet}”第 ${record.row} 行的表头与第一个工作表的不同`, en: `the header in row ${record.row} of sheet "${record.sheet}" differs from the first sheet's` };
        break;
      }
      seekingHeader += 1;
      if (seekingHeader > HEADER_SEARCH_ROWS) {
        sheetRefusal = { zh: `工作表“${record.sheet}”的前 ${HEADER_SEARCH_ROWS} 行中没有表头`, en: `no header row in the first ${HEADER_SEARCH_ROWS} rows of sheet "${record.sheet}"` };
        break;
      }
      continue;
    }
    // A cell beyond the header, or under an empty header, has no column to go to: the row is refused rather than the cell dropped.
    const beyond = record.cells.findIndex((c, i) => cellText(c).trim() !== "" && (i >= mapping!.positions.length || (mapping!.positions[i] === undefined && cellText(header[i] ?? null).trim() === "")));
    const extra: Array<CellProblem> =
      beyond < 0 ? [] : [{ zh: `第 ${beyond + 1} 列没有表头，其内容无法导入`, en: `column ${beyond + 1} has no header, so its content cannot be imported` }];
    const row = parseLedgerRow(record.cells, mapping.positions, { divisionCodes });
    if (!row.ok || extra.length > 0) {
      reject(record, [...extra, ...(row.ok ? [] : row.problems)]);
      continue;
    }
    const checked = decode(Dispute, row.value.dispute);
    if (!checked.ok) {
      reject(record, checked.error.issues.map((i) => {
        const column = columnOfPath(i.path);
        return { ...(column === undefined ? {} : { column }), zh: `${formatPath(i.path)}：${i.zh}`, en: `${formatPath(i.path)}: ${i.en}` };
      }));
      continue;
    }
    parsed.push({ record, value: row.value });
  }
  if (mapping === undefined) {
    return err(new ImportRefused({ text: { zh: `前 ${HEADER_SEARCH_ROWS} 行中没有表头（至少应有三个可识别的列名，如 序号、排查时间、村(社区)）`, en: `no header row in the first ${HEADER_SEARCH_ROWS} rows (at least three known column names, such as 序号, 排查时间, 村(社区))` } }));
  }
  if (sheetRefusal !== undefined) return err(new ImportRefused({ text: sheetRefusal }));
  const missing = REQUIRED.filter((k) => !mapping!.found.has(k));
  if (!mapping.found.has("village") && !mapping.found.has("jurisdiction")) missing.push("village");
  if (missing.length > 0) {
    const names = missing.map((k) => disputeLedgerColumns.find((c) => c.key === k)!);
    return err(new ImportRefused({ text: { zh: `缺少必需的列：${names.map((c) => c.zh).join("、")}`, en: `required columns missing: ${names.map((c) => c.en).join(", ")}` } }));
  }
  if (mapping.repeated.length > 0) {
    const r = mapping.repeated[0]!;
    return err(new ImportRefused({ text: { zh: `第 ${r.index + 1} 列“${r.header}”与“${mapping.found.get(r.key)}”是同一列`, en: `column ${r.index + 1} "${r.header}" repeats "${mapping.found.get(r.key)}"` } }));
  }
  if (mapping.unknown.length > 0 && options.unknownColumns !== "ignore") {
    const list = mapping.unknown.map((u) => `“${u.header}”`).join("、");
    return err(new ImportRefused({ text: { zh: `无法识别的列：${list}（可用 aliases 指明其含义，或以 unknownColumns: "ignore" 忽略）`, en: `unknown columns: ${list} (give their meaning in aliases, or ignore them with unknownColumns: "ignore")` } }));
  }
  const base = {
    header,
    headerRow,
    rows: parsed.length + rejected.length,
    rejected,
    ignoredColumns: mapping.unknown.map((u) => u.header),
    notRegistered: NOT_REGISTERED.filter((k) => mapping!.found.has(k)).map((k) => mapping!.found.get(k)!),
  };
  if (options.atomic === true && rejected.length > 0) {
    return ok({ ...base, registered: 0, alreadyInLedger: 0, refusedWhole: true, disputes: [] });
  }

  // The same dispute twice in one file is one registration; one already in the ledger is none.
  const purpose = options.purpose ?? "台账导入 / ledger import";
  const items: Array<RegisterDisputesItem> = [];
  const disputes: Array<string> = [];
  const inFile = new Set<string>();
  const personGiven = new Set<string>();
  let alreadyInLedger = 0;
  for (const { value } of parsed) {
    const id = value.dispute.id;
    disputes.push(id);
    if (inFile.has(id)) {
      alreadyInLedger += 1;
      continue;
    }
    inFile.add(id);
    const existing = await ledger.getDispute(actor, id as never);
    if (existing.ok) {
      alreadyInLedger += 1;
      continue;
    }
    if (existing.error._tag !== "RecordNotFound") return err(new ImportRefused({ text: { zh: `台账拒绝读取纠纷 ${id}：${existing.error.message}`, en: `the ledger refused to read dispute ${id}: ${existing.error.message}` }, reason: existing.error }));
    const persons = [];
    for (const p of value.persons) {
      if (personGiven.has(p.id)) continue;
      personGiven.add(p.id);
      const known = await ledger.getPerson(actor, p.id as never, { purpose });
      if (known.ok) continue;
      if (known.error._tag !== "RecordNotFound") return err(new ImportRefused({ text: { zh: `台账拒绝读取人员 ${p.id}：${known.error.message}`, en: `the ledger refused to read person ${p.id}: ${known.error.message}` }, reason: known.error }));
      persons.push(p);
    }
    items.push({ dispute: value.dispute, ...(persons.length === 0 ? {} : { persons }) });
  }
  if (items.length === 0) return ok({ ...base, registered: 0, alreadyInLedger, refusedWhole: false, disputes });
  const run = `import:${createHash("sha256").update(canonicalJson(items)).digest("hex")}`;
  const batchSize = options.batchSize ?? (options.atomic === true ? Math.min(5_000, items.length) : 500);
  const r = await ledger.registerDisputes(actor, { run, items, batchSize, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) });
  if (!r.ok) return err(new ImportRefused({ text: { zh: `台账未接受导入：${r.error.message}`, en: `the ledger refused the import: ${r.error.message}` }, reason: r.error }));
  return ok({ ...base, registered: r.value.registered, alreadyInLedger: alreadyInLedger + r.value.resumedFrom, refusedWhole: false, disputes, run });
};
