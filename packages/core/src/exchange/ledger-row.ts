import { createHash } from "node:crypto";
import { fromEpochDay } from "../calendar/local-dates.js";
import { isValidCalendarDay } from "../model/local-date.js";
import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import { PartyRoles } from "../taxonomy/party-roles.js";
import { PetitionLevels } from "../taxonomy/petition-levels.js";
import type { Bilingual } from "../validation/bilingual.js";
import { type DisputeLedgerColumnKey, disputeLedgerColumns, factColumns } from "./ledger-columns.js";
import { type SheetCell, cellText } from "./sheet.js";

// One row of an imported dispute ledger, read into a registration: each cell
// parsed by its column's kind, every problem named with its column, nothing
// guessed. Facts that grading reads must be given: an unknown threat is not the
// same as no threat.

/** A problem with one cell (or with the row, when `column` is absent). @since 0.5.0 */
export interface CellProblem extends Bilingual {
  readonly column?: DisputeLedgerColumnKey;
}

/** What a row gives the ledger: the dispute (as JSON) and the persons it names. */
export interface ParsedRow {
  readonly dispute: {
    readonly id: string;
    readonly jurisdiction: string;
    readonly domain: string;
    readonly parties: ReadonlyArray<{ readonly kind: "person"; readonly person: string; readonly role: string } | { readonly kind: "organisation"; readonly name: string; readonly role: string }>;
    readonly summary: string;
    readonly reportedOn: string;
    readonly facts: Readonly<Record<string, number | boolean>>;
    readonly petition?: { readonly count: number; readonly highestLevel?: string };
  };
  readonly persons: ReadonlyArray<{ readonly id: string; readonly name: string; readonly jurisdiction: string }>;
}

/**
 * How rows become registrations: the division code of each village name (for
 * files without a 区划代码 column), and the township code for ids made from a
 * row's content.
 * @since 0.5.0
 */
export interface RowContext {
  /** Division codes by name, e.g. `{ "龙潭村": "532301104201" }`. */
  readonly divisionCodes: ReadonlyMap<string, string>;
}

const header = (key: DisputeLedgerColumnKey): Bilingual => {
  const c = disputeLedgerColumns.find((col) => col.key === key)!;
  return { zh: c.zh, en: c.en };
};

const problem = (column: DisputeLedgerColumnKey, zh: string, en: string): CellProblem => ({ column, zh, en });

const YES = new Set(["是", "yes", "y", "true", "1", "√", "✓", "有"]);
const NO = new Set(["否", "no", "n", "false", "0", "×", "✗", "无"]);

/**
 * A yes/no cell: 是/否, yes/no, true/false, 1/0, √/×, 有/无.
 * @since 0.5.0
 */
export const parseBoolean = (cell: SheetCell): boolean | undefined => {
  if (typeof cell === "boolean") return cell;
  const t = cellText(cell).trim().toLowerCase();
  return YES.has(t) ? true : NO.has(t) ? false : undefined;
};

/** Excel's day 0 is 1899-12-30 (with its 1900 leap-year quirk for days before 61, not in any ledger). */
const EXCEL_EPOCH_DAY = -25_569;

/**
 * A date cell: a date as a reader gives it, an Excel day number (1990 to 2100),
 * or text such as `2025-01-05`, `2025/1/5`, `2025.1.5` or `2025年1月5日`. A day that
 * does not exist (`2025-02-30`) is not a date.
 * @since 0.5.0
 */
export const parseDate = (cell: SheetCell): string | undefined => {
  if (cell !== null && typeof cell === "object" && "date" in cell) return cell.date;
  if (typeof cell === "number") {
    if (!Number.isInteger(cell)) return undefined;
    const day = fromEpochDay(cell + EXCEL_EPOCH_DAY);
    return day >= "1990-01-01" && day <= "2100-12-31" ? day : undefined;
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cellText(cell).trim());
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCalendarDay(year, month, day) ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : undefined;
};

/** A number cell: a number, or text of one (thousands separators allowed). */
const parseNumber = (cell: SheetCell): number | undefined => {
  if (typeof cell === "number") return cell;
  const t = cellText(cell).trim().replace(/[,，]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
};

/** A taxonomy's codes by code, Chinese label and lower-cased English label. */
const codesByLabel = (entries: ReadonlyArray<{ readonly code: string; readonly zh: string; readonly en: string }>): ReadonlyMap<string, string> =>
  new Map(entries.flatMap((e) => [[e.code, e.code], [e.zh, e.code], [e.en.toLowerCase(), e.code]] as const));

const DOMAIN_BY_LABEL = codesByLabel(DisputeDomains.entries);

const PETITION_LEVEL_BY_LABEL = codesByLabel(PetitionLevels.entries);

/**
 * The cell 当事人编号及身份: `role=personId` for a person, `role=` for an
 * organisation, separated by ；or ;. `undefined` when the cell is malformed.
 * @since 0.5.0
 */
export const parsePartyRefs = (text: string): ReadonlyArray<{ readonly role: string; readonly person?: string }> | undefined => {
  const out: Array<{ role: string; person?: string }> = [];
  for (const entry of text.split(/[；;]/).map((s) => s.trim())) {
    const m = /^([a-z-]+)=(\S*)$/.exec(entry);
    if (m === null || !PartyRoles.is(m[1])) return undefined;
    out.push(m[2] === "" ? { role: m[1]! } : { role: m[1]!, person: m[2]! });
  }
  return out;
};

/**
 * Party names in one cell, split at 、，,；; / and line breaks. A name ending like
 * an organisation's (公司, 合作社, 厂, 集团, 项目部, 委员会, 中心, 医院, 学校, 银行, 站,
 * 所, 局) is an organisation.
 * @since 0.5.0
 */
export const splitParties = (text: string): ReadonlyArray<{ readonly name: string; readonly organisation: boolean }> =>
  text
    .split(/[、，,；;/\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((name) => ({ name, organisation: /(公司|合作社|厂|集团|项目部|委员会|中心|医院|学校|银行|站|所|局)$/.test(name) }));

const hash = (parts: ReadonlyArray<string>): string => createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 24);

/**
 * The id a row's dispute gets when the file has no 纠纷编号: made from the row's
 * division, day, parties and summary, so the same row imported again (from this
 * file or another) is the same dispute.
 * @since 0.5.0
 */
export const rowDisputeId = (jurisdiction: string, reportedOn: string, parties: string, summary: string): string => `d-${hash([jurisdiction, reportedOn, parties, summary])}`;

/** The id of a person named in an imported row: from their division and name, so one name in one village is one person across imports. @since 0.5.0 */
export const rowPersonId = (jurisdiction: string, name: string): string => `p-${hash([jurisdiction, name])}`;

/**
 * Reads one data row by its header mapping into a registration, or lists every
 * problem with the row (each with its column). Cells are trimmed; nothing else is
 * changed (text too long for a field is a problem, never cut).
 * @since 0.5.0
 */
export const parseLedgerRow = (
  cells: ReadonlyArray<SheetCell>,
  positions: ReadonlyArray<DisputeLedgerColumnKey | undefined>,
  context: RowContext,
): { readonly ok: true; readonly value: ParsedRow } | { readonly ok: false; readonly problems: ReadonlyArray<CellProblem> } => {
  const at = new Map<DisputeLedgerColumnKey, SheetCell>();
  positions.forEach((key, i) => {
    if (key !== undefined) at.set(key, cells[i] ?? null);
  });
  const problems: Array<CellProblem> = [];
  const text = (key: DisputeLedgerColumnKey): string => cellText(at.get(key) ?? null).trim();
  const required = (key: DisputeLedgerColumnKey): string | undefined => {
    const t = text(key);
    if (t === "") {
      const h = header(key);
      problems.push(problem(key, `“${h.zh}”不能为空`, `"${h.en}" must not be empty`));
      return undefined;
    }
    return t;
  };

  const reportedOnText = required("reportedOn");
  const reportedOn = reportedOnText === undefined ? undefined : parseDate(at.get("reportedOn") ?? null);
  if (reportedOnText !== undefined && reportedOn === undefined) problems.push(problem("reportedOn", `“${reportedOnText}”不是日期（如 2025-01-05）`, `"${reportedOnText}" is not a date (such as 2025-01-05)`));

  let jurisdiction = text("jurisdiction");
  const village = text("village");
  const named = village === "" ? undefined : context.divisionCodes.get(village);
  if (jurisdiction !== "" && named !== undefined && named !== jurisdiction) {
    problems.push(problem("village", `“${village}”的区划代码是 ${named}，与“区划代码” ${jurisdiction} 不符`, `the division code of "${village}" is ${named}, not the "Division code" ${jurisdiction}`));
  }
  if (jurisdiction === "") {
    if (village === "") problems.push(problem("village", "“村(社区)”不能为空", '"Village (community)" must not be empty'));
    else {
      const code = context.divisionCodes.get(village);
      if (code === undefined) problems.push(problem("village", `“${village}”不在区划名称表中`, `"${village}" is not in the table of division names`));
      else jurisdiction = code;
    }
  }

  const domainText = required("domain");
  const domain = domainText === undefined ? undefined : DOMAIN_BY_LABEL.get(domainText) ?? DOMAIN_BY_LABEL.get(domainText.toLowerCase());
  if (domainText !== undefined && domain === undefined) {
    problems.push(problem("domain", `“${domainText}”不是纠纷类型；可用：${DisputeDomains.entries.map((e) => e.zh).join("、")}`, `"${domainText}" is not a type of dispute; one of: ${DisputeDomains.entries.map((e) => e.en).join(", ")}`));
  }

  const partiesText = required("parties") ?? "";
  const partyNames = splitParties(partiesText);
  const summary = required("summary") ?? "";

  const facts: Record<string, number | boolean> = {};
  for (const c of factColumns) {
    const cell = at.get(c.key) ?? null;
    const t = cellText(cell).trim();
    if (t === "") {
      problems.push(problem(c.key, `缺少研判要素“${c.zh}”`, `the fact "${c.en}" is missing`));
      continue;
    }
    const value = c.kind === "boolean" ? parseBoolean(cell) : parseNumber(cell);
    if (value === undefined) problems.push(problem(c.key, `“${t}”不是${c.kind === "boolean" ? "“是”或“否”" : "数字"}`, `"${t}" is not ${c.kind === "boolean" ? "yes or no" : "a number"}`));
    else facts[c.key] = value;
  }

  const refsText = text("partyRefs");
  const refs = refsText === "" ? undefined : parsePartyRefs(refsText);
  if (refsText !== "" && refs === undefined) {
    problems.push(problem("partyRefs", `“${refsText}”应为“身份=人员编号”，以“；”分隔，身份为 ${PartyRoles.codes.join("、")}`, `"${refsText}" must be "role=person id" entries separated by "；", the role one of ${PartyRoles.codes.join(", ")}`));
  } else if (refs !== undefined && refs.length !== partyNames.length) {
    problems.push(problem("partyRefs", `当事人有 ${partyNames.length} 个，编号及身份有 ${refs.length} 个`, `${partyNames.length} parties but ${refs.length} ids and roles`));
  }
  const countText = text("petitionCount");
  const petitionCount = countText === "" ? undefined : parseNumber(at.get("petitionCount") ?? null);
  if (countText !== "" && (petitionCount === undefined || !Number.isInteger(petitionCount) || petitionCount < 0)) problems.push(problem("petitionCount", `“${countText}”不是信访次数`, `"${countText}" is not a number of petitions`));
  const levelText = text("petitionLevel");
  const petitionLevel = levelText === "" ? undefined : PETITION_LEVEL_BY_LABEL.get(levelText) ?? PETITION_LEVEL_BY_LABEL.get(levelText.toLowerCase());
  if (levelText !== "" && petitionLevel === undefined) problems.push(problem("petitionLevel", `“${levelText}”不是信访层级；可用：${PetitionLevels.entries.map((e) => e.zh).join("、")}`, `"${levelText}" is not a petition level; one of: ${PetitionLevels.entries.map((e) => e.en).join(", ")}`));

  const idText = text("id");
  if (problems.length > 0 || reportedOn === undefined || domain === undefined) return { ok: false, problems };
  const personOf = (i: number, name: string): string => refs?.[i]?.person ?? rowPersonId(jurisdiction, name);
  const isOrganisation = (i: number, organisation: boolean): boolean => (refs === undefined ? organisation : refs[i]!.person === undefined);
  const persons = partyNames.flatMap((p, i) => (isOrganisation(i, p.organisation) ? [] : [{ id: personOf(i, p.name), name: p.name, jurisdiction }]));
  const parties = partyNames.map((p, i) => {
    const role = refs?.[i]?.role ?? (i === 0 ? "claimant" : "respondent");
    return isOrganisation(i, p.organisation) ? { kind: "organisation" as const, name: p.name, role } : { kind: "person" as const, person: personOf(i, p.name), role };
  });
  const petition =
    petitionCount === undefined && petitionLevel === undefined ? {} : { petition: { count: petitionCount ?? 0, ...(petitionLevel === undefined ? {} : { highestLevel: petitionLevel }) } };
  return {
    ok: true,
    value: {
      dispute: {
        id: idText === "" ? rowDisputeId(jurisdiction, reportedOn, partiesText, summary) : idText,
        jurisdiction,
        domain,
        parties,
        summary,
        reportedOn,
        facts,
        ...petition,
      },
      persons: [...new Map(persons.map((p) => [p.id, p])).values()],
    },
  };
};
