// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula
// (and some treat a leading tab or carriage return the same way), so a dispute's
// summary could carry `=HYPERLINK(…)` into a township office's Excel. CSV quoting
// does nothing against it. The writer puts an apostrophe before such a cell, which
// spreadsheets show as text; the reader takes one leading apostrophe away. A cell
// that itself begins with an apostrophe gets one more, so every text comes back
// exactly as it went out.

const STARTS_A_FORMULA: ReadonlySet<string> = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** The mark put before a cell that would start a formula. */
export const FORMULA_GUARD = "'";

/**
 * A cell made inert for spreadsheets: an apostrophe before a text that begins
 * with `=`, `+`, `-`, `@`, a tab or a carriage return (negative numbers as well:
 * a ledger's cells are text), or with an apostrophe; any other text as it is.
 * {@link restoreFormula} undoes it.
 *
 * @example
 * ```ts
 * import { neutraliseFormula } from "@tiaojie/csv";
 *
 * neutraliseFormula("=1+1"); // "'=1+1"
 * neutraliseFormula("张三"); // "张三"
 * ```
 * @since 0.1.0
 */
export const neutraliseFormula = (cell: string): string => {
  const first = cell.charAt(0);
  return STARTS_A_FORMULA.has(first) || first === FORMULA_GUARD ? FORMULA_GUARD + cell : cell;
};

/**
 * A cell as it was before {@link neutraliseFormula}: one leading apostrophe
 * taken away (Excel's own mark for "this is text" reads the same way).
 *
 * @example
 * ```ts
 * import { restoreFormula } from "@tiaojie/csv";
 *
 * restoreFormula("'=1+1"); // "=1+1"
 * ```
 * @since 0.1.0
 */
export const restoreFormula = (cell: string): string => (cell.startsWith(FORMULA_GUARD) ? cell.slice(1) : cell);
