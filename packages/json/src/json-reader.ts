import { type Actor, type Bilingual, type ImportOptions, type ImportRefused, type ImportResult, type Ledger, type Result, type SheetRecord, decode, formatPath, importLedgerRows } from "@tiaojie/core";
import { Readable } from "node:stream";
import { NdjsonLine, WorkbookFile } from "./workbook-file.js";

type Bytes = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * A JSON or NDJSON workbook file that cannot be read: not JSON, or not the
 * shape of a workbook file. The message names the place (the path of the value,
 * and for NDJSON the line) in Chinese and English.
 * @since 0.5.0
 */
export class WorkbookFileInvalid extends Error {
  readonly _tag = "WorkbookFileInvalid";
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
    this.name = "WorkbookFileInvalid";
  }
}

const chunksOf = (source: Bytes): AsyncIterable<Uint8Array> => (Symbol.asyncIterator in source ? source : Readable.from(source));

const parseJson = (text: string, where: Bilingual): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    throw new WorkbookFileInvalid({ zh: `${where.zh}不是有效的 JSON：${detail}`, en: `${where.en} is not valid JSON: ${detail}` });
  }
};

const decodeOrThrow = <A, I>(schema: Parameters<typeof decode<A, I>>[0], value: unknown, where: Bilingual): A => {
  const r = decode(schema, value);
  if (r.ok) return r.value;
  const issue = r.error.issues[0]!;
  throw new WorkbookFileInvalid({ zh: `${where.zh} ${formatPath(issue.path)}：${issue.zh}`, en: `${where.en}, ${formatPath(issue.path)}: ${issue.en}` });
};

/**
 * Reads a JSON workbook file ({@link WorkbookFile}) back into rows, header rows
 * included: each sheet's header (in the language the file was written in) as
 * row 1, then its rows, each named by its sheet. The whole file is parsed at
 * once; for files too large for that, use NDJSON.
 *
 * @example
 * ```ts
 * for await (const r of readJsonWorkbook(createReadStream("台账.json"))) console.log(r.sheet, r.row, r.cells);
 * ```
 * @since 0.5.0
 */
export async function* readJsonWorkbook(source: Bytes): AsyncGenerator<SheetRecord, void, undefined> {
  const parts: Array<Uint8Array> = [];
  for await (const chunk of chunksOf(source)) parts.push(chunk);
  const where = { zh: "文件", en: "the file" };
  const file = decodeOrThrow(WorkbookFile, parseJson(Buffer.concat(parts).toString("utf8"), where), where);
  for (const sheet of file.sheets) {
    const name = sheet.name[file.lang];
    yield { sheet: name, row: 1, cells: sheet.columns.map((c) => c[file.lang]) };
    for (const [i, cells] of sheet.rows.entries()) yield { sheet: name, row: i + 2, cells };
  }
}

/**
 * Reads an NDJSON workbook file line by line, streaming: each sheet's header
 * (in the file's language) as row 1, then its rows. A line that is not JSON or
 * not a workbook line rejects with its line number; empty lines are skipped.
 *
 * @example
 * ```ts
 * for await (const r of readNdjsonWorkbook(createReadStream("台账.ndjson"))) console.log(r.row, r.cells);
 * ```
 * @since 0.5.0
 */
export async function* readNdjsonWorkbook(source: Bytes): AsyncGenerator<SheetRecord, void, undefined> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let lineNo = 0;
  let lang: "zh" | "en" | undefined;
  let sheet: string | undefined;
  let row = 0;
  function* take(line: string): Generator<SheetRecord> {
    lineNo += 1;
    if (line.trim() === "") return;
    const where = { zh: `第 ${lineNo} 行`, en: `line ${lineNo}` };
    const value = decodeOrThrow(NdjsonLine, parseJson(line, where), where);
    if ("format" in value) {
      if (lang !== undefined) throw new WorkbookFileInvalid({ zh: `${where.zh}：文件头重复`, en: `${where.en}: a second file head` });
      lang = value.lang;
      return;
    }
    if (lang === undefined) throw new WorkbookFileInvalid({ zh: `${where.zh}：缺少文件头（第一行应为 format、version、dataset）`, en: `${where.en}: the file head (format, version, dataset) must come first` });
    if ("sheet" in value) {
      sheet = value.sheet.name[lang];
      row = 1;
      yield { sheet, row, cells: value.sheet.columns.map((c) => c[lang!]) };
      return;
    }
    if (sheet === undefined) throw new WorkbookFileInvalid({ zh: `${where.zh}：数据行之前缺少表头`, en: `${where.en}: a row before any sheet head` });
    row += 1;
    yield { sheet, row, cells: value.row };
  }
  for await (const chunk of chunksOf(source)) {
    pending += decoder.decode(chunk, { stream: true });
    let at = pending.indexOf("\n");
    while (at >= 0) {
      yield* take(pending.slice(0, at).replace(/\r$/, ""));
      pending = pending.slice(at + 1);
      at = pending.indexOf("\n");
    }
  }
  pending += decoder.decode();
  if (pending !== "") yield* take(pending);
}

/**
 * Imports a JSON or NDJSON dispute ledger file through the ledger
 * (`importLedgerRows`: header mapping, every bad row reported, `atomic`,
 * nothing registered twice). A file that is not a workbook file rejects with
 * {@link WorkbookFileInvalid} before anything is registered.
 *
 * @example
 * ```ts
 * const r = await importJson(ledger, officer, createReadStream("台账.ndjson"), { format: "ndjson" });
 * ```
 * @since 0.5.0
 */
export const importJson = (
  ledger: Ledger,
  actor: Actor,
  source: Bytes,
  options: ImportOptions & { readonly format: "json" | "ndjson" },
): Promise<Result<ImportResult, ImportRefused>> =>
  importLedgerRows(ledger, actor, options.format === "json" ? readJsonWorkbook(source) : readNdjsonWorkbook(source), options);
