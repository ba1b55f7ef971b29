import type { Lang } from "../validation/bilingual.js";
import { ERRORS_HEADER } from "./header-mapping.js";
import type { ImportResult, RejectedRow } from "./import-ledger.js";
import { type SheetCell, type SheetColumn, type Workbook, cellText } from "./sheet.js";

const problemText = (p: RejectedRow["problems"][number]): string => `${p.column === undefined ? "" : `【${p.column}】`}${p.zh} / ${p.en}`;

/**
 * The error file of an import as a workbook, for any format's exporter to
 * write: the file's header row (an earlier error file's {@link ERRORS_HEADER}
 * column left out) with an {@link ERRORS_HEADER} column added, then each
 * rejected row as it was read, every cell kept (a cell beyond the header gets a
 * column without a header, so it is refused again until it is moved or
 * removed), with what is wrong with it in both languages. Corrected, the file
 * imports as it is.
 *
 * @example
 * ```ts
 * import { importErrorWorkbook } from "@tiaojie/core";
 *
 * const book = importErrorWorkbook(result);
 * book.sheets[0]!.columns.at(-1)!.zh; // "错误说明 / Errors"
 * ```
 * @since 0.5.0
 */
export const importErrorWorkbook = (result: Pick<ImportResult, "header" | "rejected">, lang: Lang = "zh"): Workbook => {
  const width = Math.max(result.header.length, ...result.rejected.map((r) => r.cells.length));
  const kept = Array.from({ length: width }, (_, i) => i).filter((i) => cellText(result.header[i] ?? null) !== ERRORS_HEADER);
  const columns: Array<SheetColumn> = kept.map((i) => {
    const text = cellText(result.header[i] ?? null, lang);
    return { key: `c${i + 1}`, zh: text, en: text, kind: "text", width: Math.min(40, Math.max(8, text.length * 2)) };
  });
  columns.push({ key: "errors", zh: ERRORS_HEADER, en: ERRORS_HEADER, kind: "text", width: 60 });
  const rows = result.rejected.map((r): ReadonlyArray<SheetCell> => [...kept.map((i) => r.cells[i] ?? null), r.problems.map(problemText).join("；")]);
  const name = { zh: "导入错误", en: "Import errors" };
  return { dataset: "disputes", title: name, sheets: [{ name, columns, rows }] };
};
