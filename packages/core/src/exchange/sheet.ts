import type { Bilingual, Lang } from "../validation/bilingual.js";
import type { LocalDate } from "../model/local-date.js";
import type { RiskLevel } from "../taxonomy/risk-levels.js";

// The format-free model of what import and export move: a workbook of sheets,
// each a header row of columns and a stream of rows of cells. CSV, XLSX and a
// province's own format are adapters that write and read this model; the
// ledger's rules (which columns, what a cell means, what is redacted) live here.

/**
 * What a column holds, which decides how a format writes its cells: `date` as a
 * real date cell where the format has one, `level` with the level's colour,
 * `integer` and `number` as numbers, `boolean` as 是/否 (yes/no).
 * @since 0.5.0
 */
export type SheetCellKind = "text" | "integer" | "number" | "date" | "boolean" | "level";

/**
 * One column of a sheet: its key, its header in both languages, what its cells
 * hold, and its width in characters (a hint for spreadsheets).
 * @since 0.5.0
 */
export interface SheetColumn<K extends string = string> extends Bilingual {
  readonly key: K;
  readonly kind: SheetCellKind;
  readonly width: number;
}

/**
 * One cell: text, a number, a yes/no, a calendar day, a risk level with its
 * label, or empty (`null`).
 * @since 0.5.0
 */
export type SheetCell =
  | string
  | number
  | boolean
  | null
  | { readonly date: LocalDate }
  | { readonly level: RiskLevel; readonly label: string };

/**
 * A sheet: its name in both languages, its columns, and its rows (each as many
 * cells as there are columns), as a stream so that no format needs all of them
 * at once.
 * @since 0.5.0
 */
export interface Sheet {
  readonly name: Bilingual;
  readonly columns: ReadonlyArray<SheetColumn>;
  readonly rows: Iterable<ReadonlyArray<SheetCell>> | AsyncIterable<ReadonlyArray<SheetCell>>;
}

/**
 * What an export holds: the dispute ledger (矛盾纠纷排查化解台账), the
 * support registry (重点人员台账, redacted for the exporting actor) or the monthly
 * summary (月度汇总: totals and the report's tables).
 * @since 0.5.0
 */
export type ExportDataset = "disputes" | "support-registry" | "monthly-summary";

/**
 * A workbook: which dataset, its title, the rule or source each of its parts
 * comes from (`basis`, for the reader), and its sheets in order.
 * @since 0.5.0
 */
export interface Workbook {
  readonly dataset: ExportDataset;
  readonly title: Bilingual;
  readonly sheets: ReadonlyArray<Sheet>;
}

/** The header of a column in a language. @since 0.5.0 */
export const headerOf = (column: SheetColumn, lang: Lang = "zh"): string => column[lang];

/**
 * A cell as plain text, the way CSV writes it and a reader compares it: dates as
 * `YYYY-MM-DD`, yes/no as 是/否 or yes/no, a level as its label, numbers in
 * JavaScript's shortest form, empty as the empty string.
 *
 * @example
 * ```ts
 * import { cellText } from "@tiaojie/core";
 *
 * cellText({ date: "2025-01-05" as LocalDate }); // "2025-01-05"
 * cellText(true); // "是"
 * ```
 * @since 0.5.0
 */
export const cellText = (cell: SheetCell, lang: Lang = "zh"): string => {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return lang === "zh" ? (cell ? "是" : "否") : cell ? "yes" : "no";
  return "date" in cell ? cell.date : cell.label;
};

/**
 * One row as a reader gives it back: the sheet it is on (for formats with
 * sheets), its number in the file (from 1, the header row included, the number a
 * spreadsheet shows), and its cells. Readers give dates as `{ date }` and
 * numbers as numbers where the format has them; CSV gives text.
 * @since 0.5.0
 */
export interface SheetRecord {
  readonly sheet?: string;
  readonly row: number;
  readonly cells: ReadonlyArray<SheetCell>;
}
