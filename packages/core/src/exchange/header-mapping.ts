import { type DisputeLedgerColumnKey, disputeLedgerColumns } from "./ledger-columns.js";
import { type SheetCell, cellText } from "./sheet.js";

// Which column of an imported sheet is which: its header, matched against the
// ledger's own headers in both languages, the usual variants of old township
// ledgers, and the caller's aliases.

/**
 * The column of an error file that explains each bad row; an import ignores it,
 * so a corrected error file imports as it is.
 * @since 0.5.0
 */
export const ERRORS_HEADER = "错误说明 / Errors";

/**
 * Headers of old ledgers (made in Excel and WPS over the years) and the columns
 * they mean, beside each column's own Chinese and English headers.
 * @since 0.5.0
 */
export const ledgerHeaderVariants: Readonly<Record<string, DisputeLedgerColumnKey>> = {
  "no.": "seq",
  no: "seq",
  排查日期: "reportedOn",
  发现时间: "reportedOn",
  登记时间: "reportedOn",
  登记日期: "reportedOn",
  受理时间: "reportedOn",
  时间: "reportedOn",
  日期: "reportedOn",
  "reported on": "reportedOn",
  村社区: "village",
  村组: "village",
  村委会: "village",
  所在村: "village",
  所在村社区: "village",
  村别: "village",
  社区: "village",
  村: "village",
  village: "village",
  纠纷类别: "domain",
  矛盾纠纷类型: "domain",
  矛盾纠纷类别: "domain",
  纠纷种类: "domain",
  类型: "domain",
  类别: "domain",
  type: "domain",
  domain: "domain",
  当事人姓名: "parties",
  涉及人员: "parties",
  双方当事人: "parties",
  当事人双方: "parties",
  基本情况: "summary",
  主要情况: "summary",
  纠纷简要情况: "summary",
  矛盾纠纷简要情况: "summary",
  纠纷情况: "summary",
  简要案情: "summary",
  事由: "summary",
  风险级别: "level",
  等级: "level",
  级别: "level",
  level: "level",
  牵头单位: "leadUnit",
  化解单位: "leadUnit",
  主办单位: "leadUnit",
  责任部门: "leadUnit",
  unit: "leadUnit",
  包保领导: "responsiblePerson",
  包案领导: "responsiblePerson",
  责任人: "responsiblePerson",
  化解责任人: "responsiblePerson",
  包保人: "responsiblePerson",
  措施: "measures",
  工作措施: "measures",
  化解情况: "progress",
  进展情况: "progress",
  进展: "progress",
  处理情况: "progress",
  是否化解成功: "resolved",
  化解结果: "resolved",
  是否办结: "resolved",
  化解日期: "resolvedOn",
  办结时间: "resolvedOn",
  结案时间: "resolvedOn",
  notes: "remarks",
  id: "id",
  涉及金额: "amountAtStake",
  涉及金额元: "amountAtStake",
  情绪激烈程度: "emotionalIntensity",
};

/**
 * A header as the mapping compares it: without spaces, line breaks, asterisks
 * (required-field marks) and brackets, full-width forms folded to ASCII,
 * lower-cased.
 *
 * @example
 * ```ts
 * normaliseHeader(" 村（社区）* "); // "村社区"
 * ```
 * @since 0.5.0
 */
export const normaliseHeader = (header: string): string =>
  header
    .normalize("NFKC")
    .replace(/[\s*＊()（）[\]【】]/g, "")
    .toLowerCase();

/**
 * The table from normalised header to column: the columns' own headers in both
 * languages, then {@link ledgerHeaderVariants}, then the caller's aliases (which
 * win).
 * @since 0.5.0
 */
export const headerTable = (aliases: Readonly<Record<string, DisputeLedgerColumnKey>> = {}): ReadonlyMap<string, DisputeLedgerColumnKey> => {
  const table = new Map<string, DisputeLedgerColumnKey>();
  for (const c of disputeLedgerColumns) {
    table.set(normaliseHeader(c.zh), c.key);
    table.set(normaliseHeader(c.en), c.key);
  }
  for (const [header, key] of Object.entries(ledgerHeaderVariants)) if (!table.has(normaliseHeader(header))) table.set(normaliseHeader(header), key);
  for (const [header, key] of Object.entries(aliases)) table.set(normaliseHeader(header), key);
  return table;
};

/**
 * What a header row says: the column of each position (`undefined` for one the
 * import ignores), and the headers it could not place or that repeat a column.
 * @since 0.5.0
 */
export interface HeaderMapping {
  readonly positions: ReadonlyArray<DisputeLedgerColumnKey | undefined>;
  /** The header text of each column found, as the file spells it. */
  readonly found: ReadonlyMap<DisputeLedgerColumnKey, string>;
  readonly unknown: ReadonlyArray<{ readonly index: number; readonly header: string }>;
  readonly repeated: ReadonlyArray<{ readonly index: number; readonly header: string; readonly key: DisputeLedgerColumnKey }>;
}

/**
 * Maps a header row to the ledger's columns. Empty headers and the error file's
 * {@link ERRORS_HEADER} are ignored; a header matching no column is `unknown`; a
 * second header for a column already found is `repeated`.
 *
 * @example
 * ```ts
 * const m = mapHeader(["序号", "排查日期", "村（社区）", "纠纷类别"]);
 * m.positions; // ["seq", "reportedOn", "village", "domain"]
 * ```
 * @since 0.5.0
 */
export const mapHeader = (cells: ReadonlyArray<SheetCell>, aliases: Readonly<Record<string, DisputeLedgerColumnKey>> = {}): HeaderMapping => {
  const table = headerTable(aliases);
  const positions: Array<DisputeLedgerColumnKey | undefined> = [];
  const found = new Map<DisputeLedgerColumnKey, string>();
  const unknown: Array<{ index: number; header: string }> = [];
  const repeated: Array<{ index: number; header: string; key: DisputeLedgerColumnKey }> = [];
  cells.forEach((cell, index) => {
    const header = cellText(cell).trim();
    const key = table.get(normaliseHeader(header));
    if (header === "" || header === ERRORS_HEADER) positions.push(undefined);
    else if (key === undefined) {
      unknown.push({ index, header });
      positions.push(undefined);
    } else if (found.has(key)) {
      repeated.push({ index, header, key });
      positions.push(undefined);
    } else {
      found.set(key, header);
      positions.push(key);
    }
  });
  return { positions, found, unknown, repeated };
};
