import { Data } from "effect";
import type { DateRange } from "../campaign/campaign-calendar.js";
import type { Ledger } from "../ledger/create-ledger.js";
import type { ReportAudience } from "../ledger/use-cases/reports.js";
import type { DisputeView } from "../ledger/use-cases/dispute-view.js";
import type { ListingView } from "../ledger/use-cases/person-records.js";
import { caseResolvedOn } from "../grading/days-unresolved.js";
import type { Actor } from "../model/actor.js";
import type { DivisionCode } from "../model/division-code.js";
import type { Unit } from "../model/unit.js";
import type { LocalDate } from "../model/local-date.js";
import type { CellCounts } from "../reports/small-cells.js";
import { CaseStatuses } from "../taxonomy/case-statuses.js";
import { DisputeDomains } from "../taxonomy/dispute-domains.js";
import { PetitionLevels } from "../taxonomy/petition-levels.js";
import { ResolutionPriorities } from "../taxonomy/resolution-priorities.js";
import { type RiskLevel, RiskLevels } from "../taxonomy/risk-levels.js";
import { SupportCategories } from "../taxonomy/support-categories.js";
import type { Bilingual, Lang } from "../validation/bilingual.js";
import { err, ok, type Result } from "../validation/result.js";
import { disputeLedgerColumns, supportRegistryColumns } from "./ledger-columns.js";
import type { ExportDataset, Sheet, SheetCell, SheetColumn, Workbook } from "./sheet.js";

/**
 * Names for what the ledger keeps as codes: divisions (村(社区) by its code) and
 * units (by their register). A code without a name is shown as the code.
 * @since 0.5.0
 */
export interface ExportNames {
  /** Division names by code, e.g. `{ "532301104201": "龙潭村" }`. @default {} */
  readonly divisions?: Readonly<Record<string, string>>;
  /** The unit register, for unit names. @default [] */
  readonly units?: ReadonlyArray<Unit>;
}

/**
 * What to export.
 * @since 0.5.0
 */
export interface ExportRequest {
  readonly dataset: ExportDataset;
  /** Why the data leaves the ledger: every read made for the export, and the export itself, is audited with it. */
  readonly purpose: string;
  /** A division within the actor's scope. @default the actor's scope */
  readonly within?: DivisionCode;
  /** The dispute ledger: only disputes reported in this month, `YYYY-MM`. @default every month */
  readonly month?: string;
  /** The monthly summary's period (required for it). */
  readonly period?: DateRange;
  /** The monthly summary's audience: `own`, or the level above, which sees small cells withheld. @default "own" */
  readonly for?: ReportAudience;
  /** The support registry: `true` only listings that hold, `false` only closed ones. @default both */
  readonly open?: boolean;
  readonly names?: ExportNames;
  /** The language of labels in cells (levels, domains, statuses). @default "zh" */
  readonly lang?: Lang;
  /** How many records each read of the ledger fetches. @default 500 */
  readonly pageSize?: number;
}

/** The workbook an export writes, and what its reads showed, for the audit. */
export interface LedgerWorkbook {
  readonly workbook: Workbook;
  /** How many data rows the sheets have yielded so far (complete once they are consumed). */
  readonly rowsWritten: () => number;
  /** The non-public fields the rows have shown so far. */
  readonly fieldsShown: () => ReadonlyArray<string>;
}

/**
 * A failure of the ledger that ended an export midway (a later page refused, or
 * the export's audit event not written): the file is incomplete and must be
 * discarded.
 * @since 0.5.0
 */
export class ExportInterrupted extends Data.TaggedError("ExportInterrupted")<{
  /** What the ledger returned: its tag and message. */
  readonly reason: { readonly _tag: string; readonly message: string };
}> {
  /** The message in both languages. */
  get text(): Bilingual {
    return { zh: `导出中断，文件不完整，请丢弃：${this.reason.message}`, en: `the export was interrupted and its file is incomplete, discard it: ${this.reason.message}` };
  }
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

type LedgerError<K extends keyof Ledger> = Ledger[K] extends (...a: never) => Promise<Result<unknown, infer E>> ? E : never;

/**
 * Why a ledger workbook cannot be made: a refusal or bad input of the first read
 * (the same errors as the ledger's listings and reports), or a monthly summary
 * asked without its period.
 * @since 0.5.0
 */
export type LedgerWorkbookError = LedgerError<"listDisputes"> | LedgerError<"listListings"> | LedgerError<"monthlyReport">;

const WITHHELD: Bilingual = { zh: "〔不可见〕", en: "[withheld]" };
const SEPARATOR: Bilingual = { zh: "、", en: "; " };

const levelCell = (level: RiskLevel, lang: Lang, confirmed = true): SheetCell => ({
  level,
  label: confirmed ? RiskLevels.label(level, lang) : `${RiskLevels.label(level, lang)}${lang === "zh" ? "（待确认）" : " (to confirm)"}`,
});

const nameOf = (names: ExportNames | undefined, code: string): string => names?.divisions?.[code] ?? code;

/** Pages of a ledger listing, the first fetched before the workbook exists so that a refusal is an error, not a broken file. */
const pagesOf = async <T, E>(
  fetch: (cursor: string | undefined) => Promise<Result<{ readonly items: ReadonlyArray<T>; readonly cursor?: string }, E>>,
): Promise<Result<AsyncIterable<ReadonlyArray<T>>, E>> => {
  const first = await fetch(undefined);
  if (!first.ok) return first;
  async function* rest(): AsyncGenerator<ReadonlyArray<T>> {
    let page = first.ok ? first.value : undefined;
    while (page !== undefined) {
      yield page.items;
      if (page.cursor === undefined) return;
      const next = await fetch(page.cursor);
      if (!next.ok) throw new ExportInterrupted({ reason: next.error as { _tag: string; message: string } });
      page = next.value;
    }
  }
  return ok(rest());
};

const disputeSheet = async (ledger: Ledger, actor: Actor, request: ExportRequest, seen: Seen): Promise<Result<Sheet, LedgerWorkbookError>> => {
  const lang = request.lang ?? "zh";
  const pages = await pagesOf((cursor) =>
    ledger.listDisputes(actor, {
      ...(request.within === undefined ? {} : { within: request.within }),
      ...(request.month === undefined ? {} : { month: request.month }),
      limit: request.pageSize ?? 500,
      ...(cursor === undefined ? {} : { cursor }),
    }),
  );
  if (!pages.ok) return pages;
  const persons = new Map<string, string>();
  const personName = async (id: string): Promise<string> => {
    const known = persons.get(id);
    if (known !== undefined) return known;
    const r = await ledger.getPerson(actor, id as never, { purpose: request.purpose });
    const name = r.ok && r.value.person?.name !== undefined ? r.value.person.name : WITHHELD[lang];
    if (r.ok && r.value.person?.name !== undefined) seen.fields.add("person.name");
    persons.set(id, name);
    return name;
  };
  const units = new Map((request.names?.units ?? []).map((u) => [u.id as string, u.name]));
  async function* rows(): AsyncGenerator<ReadonlyArray<SheetCell>> {
    for await (const items of pages.ok ? pages.value : []) {
      for (const d of items) {
        seen.rows += 1;
        yield await disputeCells(d, seen.rows, { lang, names: request.names, units, personName });
      }
    }
  }
  return ok({ name: { zh: "矛盾纠纷排查化解台账", en: "Dispute ledger" }, columns: disputeLedgerColumns, rows: rows() });
};

interface DisputeContext {
  readonly lang: Lang;
  readonly names: ExportNames | undefined;
  readonly units: ReadonlyMap<string, string>;
  readonly personName: (id: string) => Promise<string>;
}

const disputeCells = async (d: DisputeView, seq: number, c: DisputeContext): Promise<ReadonlyArray<SheetCell>> => {
  const parties: Array<string> = [];
  for (const p of d.dispute.parties) parties.push(p.kind === "organisation" ? p.name : await c.personName(p.person));
  const record = d.case;
  const asOf = record.history.at(-1)?.on ?? d.dispute.reportedOn;
  const resolvedOn = caseResolvedOn(record, asOf);
  const lastNote = [...record.history].reverse().find((e) => e.fields.note !== undefined)?.fields.note;
  const remarks = [record.reason, lastNote].filter((s): s is string => s !== undefined && s !== "").join(c.lang === "zh" ? "；" : "; ");
  const f = d.dispute.facts;
  const cells: Record<(typeof disputeLedgerColumns)[number]["key"], SheetCell> = {
    seq,
    reportedOn: { date: d.dispute.reportedOn },
    village: nameOf(c.names, d.dispute.jurisdiction),
    domain: DisputeDomains.label(d.dispute.domain, c.lang),
    parties: parties.join(SEPARATOR[c.lang]),
    summary: d.dispute.summary,
    level: levelCell(d.level, c.lang, d.gradeConfirmed),
    leadUnit: record.leadUnit === undefined ? null : (c.units.get(record.leadUnit) ?? record.leadUnit),
    responsiblePerson: record.responsiblePerson ?? null,
    measures: d.measures.length === 0 ? null : d.measures.map((m) => m.measure).join(c.lang === "zh" ? "；" : "; "),
    progress: CaseStatuses.label(record.status, c.lang),
    resolved: resolvedOn !== undefined,
    resolvedOn: resolvedOn === undefined ? null : { date: resolvedOn },
    remarks: remarks === "" ? null : remarks,
    id: d.id,
    jurisdiction: d.dispute.jurisdiction,
    priority: ResolutionPriorities.label(d.priority, c.lang),
    partyRefs: d.dispute.parties.map((p) => `${p.role}=${p.kind === "person" ? p.person : ""}`).join("；"),
    petitionCount: d.dispute.petition?.count ?? null,
    petitionLevel: d.dispute.petition?.highestLevel === undefined ? null : PetitionLevels.label(d.dispute.petition.highestLevel, c.lang),
    peopleInvolved: f.peopleInvolved,
    amountAtStake: f.amountAtStake,
    threatOfViolence: f.threatOfViolence,
    selfHarmRisk: f.selfHarmRisk,
    violentHistory: f.violentHistory,
    emotionalIntensity: f.emotionalIntensity,
    failedMediations: f.failedMediations,
    vulnerableParty: f.vulnerableParty,
    unpaidMajorProjectLandCompensation: f.unpaidMajorProjectLandCompensation,
  };
  return disputeLedgerColumns.map((col) => cells[col.key]);
};

const supportSheet = async (ledger: Ledger, actor: Actor, request: ExportRequest, seen: Seen): Promise<Result<Sheet, LedgerWorkbookError>> => {
  const lang = request.lang ?? "zh";
  const pages = await pagesOf((cursor) =>
    ledger.listListings(actor, {
      purpose: request.purpose,
      ...(request.within === undefined ? {} : { within: request.within }),
      ...(request.open === undefined ? {} : { open: request.open }),
      limit: request.pageSize ?? 500,
      ...(cursor === undefined ? {} : { cursor }),
    }),
  );
  if (!pages.ok) return pages;
  const units = new Map((request.names?.units ?? []).map((u) => [u.id as string, u.name]));
  async function* rows(): AsyncGenerator<ReadonlyArray<SheetCell>> {
    for await (const items of pages.ok ? pages.value : []) {
      for (const view of items) {
        seen.rows += 1;
        yield supportCells(view, seen, { lang, names: request.names, units });
      }
    }
  }
  return ok({ name: { zh: "重点人员台账", en: "Support registry" }, columns: supportRegistryColumns, rows: rows() });
};

const STATUS: Readonly<Record<string, Bilingual>> = {
  opened: { zh: "列管中", en: "listed" },
  reviewed: { zh: "列管中", en: "listed" },
  lapsed: { zh: "已失效", en: "lapsed" },
  ended: { zh: "已终止", en: "ended" },
  removed: { zh: "已撤销", en: "removed" },
};

const supportCells = (view: ListingView, seen: Seen, c: Omit<DisputeContext, "personName">): ReadonlyArray<SheetCell> => {
  const { person, listing } = view.record;
  const history = listing?.history ?? [];
  const last = history.at(-1);
  const closed = last?.kind === "ended" || last?.kind === "removed" || last?.kind === "lapsed";
  let nextReviewOn: string | undefined;
  for (const e of history) if (e !== undefined && "nextReviewOn" in e && typeof e.nextReviewOn === "string") nextReviewOn = e.nextReviewOn;
  const listedOn = history[0]?.on;
  const shown: Array<[string, unknown]> = [
    ["person.name", person?.name],
    ["person.identityNumber", person?.identityNumber],
    ["person.contact.phone", person?.contact?.phone],
    ["listing.category", listing?.category],
    ["listing.basisEndsOn", listing?.basisEndsOn],
  ];
  for (const [path, value] of shown) if (value !== undefined) seen.fields.add(path);
  const cells: Record<(typeof supportRegistryColumns)[number]["key"], SheetCell> = {
    seq: seen.rows,
    listing: view.id,
    village: listing?.jurisdiction === undefined ? null : nameOf(c.names, listing.jurisdiction),
    name: person?.name ?? null,
    identityNumber: person?.identityNumber ?? null,
    phone: person?.contact?.phone ?? null,
    category: listing?.category === undefined ? null : SupportCategories.label(listing.category, c.lang),
    responsibleUnit: listing?.responsibleUnit === undefined ? null : (c.units.get(listing.responsibleUnit) ?? listing.responsibleUnit),
    responsiblePerson: listing?.responsiblePerson ?? null,
    listedOn: listedOn === undefined ? null : { date: listedOn },
    nextReviewOn: nextReviewOn === undefined || closed ? null : { date: nextReviewOn as LocalDate },
    basisEndsOn: listing?.basisEndsOn === undefined ? null : { date: listing.basisEndsOn },
    status: last?.kind === undefined ? null : (STATUS[last.kind]?.[c.lang] ?? last.kind),
  };
  return supportRegistryColumns.map((col) => cells[col.key]);
};

const COUNT_COLUMNS = (first: Bilingual, kind: "text" | "level" = "text"): ReadonlyArray<SheetColumn> => [
  { key: "key", ...first, kind, width: 18 },
  { key: "new", zh: "本期新增", en: "New", kind: "integer", width: 10 },
  { key: "cumulative", zh: "累计排查", en: "Cumulative", kind: "integer", width: 10 },
  { key: "resolvedInPeriod", zh: "本期化解", en: "Resolved in period", kind: "integer", width: 10 },
  { key: "openAtEnd", zh: "期末在办", en: "Open at end", kind: "integer", width: 10 },
];

/** A withheld count (fewer than the threshold, in a summary for another level) is shown as `*`. */
const countCell = (cell: CellCounts[keyof CellCounts] | number): SheetCell => (typeof cell === "number" ? cell : "*");
const countCells = (key: SheetCell, counts: CellCounts): ReadonlyArray<SheetCell> => [key, countCell(counts.new), countCell(counts.cumulative), countCell(counts.resolvedInPeriod), countCell(counts.openAtEnd)];

const summarySheets = async (ledger: Ledger, actor: Actor, request: ExportRequest, seen: Seen): Promise<Result<ReadonlyArray<Sheet>, LedgerWorkbookError>> => {
  const lang = request.lang ?? "zh";
  const r = await ledger.monthlyReport(actor, {
    period: request.period as DateRange,
    ...(request.within === undefined ? {} : { jurisdiction: request.within }),
    ...(request.for === undefined ? {} : { for: request.for }),
  });
  if (!r.ok) return r;
  const s = r.value.for === "own" ? r.value.report : r.value.summary;
  const ungraded: Bilingual = { zh: "未定级", en: "ungraded" };
  const unitName = new Map((request.names?.units ?? []).map((u) => [u.id as string, u.name]));
  const sheet = (name: Bilingual, first: Bilingual, rows: ReadonlyArray<ReadonlyArray<SheetCell>>, kind: "text" | "level" = "text"): Sheet => {
    seen.rows += rows.length;
    return { name, columns: COUNT_COLUMNS(first, kind), rows };
  };
  const threshold = r.value.for === "own" ? undefined : r.value.summary.threshold;
  const note: Bilingual = threshold === undefined ? { zh: "本辖区", en: "own jurisdiction" } : { zh: `“*”为已隐去的数：小于 ${threshold} 的数，以及为保护它们一并隐去的零和其他数`, en: `"*" is a withheld count: one under ${threshold}, or a zero or other count withheld to protect them` };
  const sheets: Array<Sheet> = [
    sheet({ zh: "汇总", en: "Totals" }, { zh: "项目", en: "Item" }, [countCells(`${request.period?.from ?? ""}–${request.period?.to ?? ""} ${note[lang]}`, s.totals)]),
    sheet({ zh: "按村(社区)", en: "By village" }, { zh: "村(社区)", en: "Village (community)" }, s.byVillage.map((row) => countCells(nameOf(request.names, row.key), row.counts))),
    sheet({ zh: "按纠纷类型", en: "By type" }, { zh: "纠纷类型", en: "Type of dispute" }, s.byDomain.map((row) => countCells(DisputeDomains.label(row.key, lang), row.counts))),
    sheet(
      { zh: "按风险等级", en: "By level" },
      { zh: "风险等级", en: "Risk level" },
      s.byLevel.map((row) => countCells(row.key === "ungraded" ? ungraded[lang] : levelCell(row.key, lang), row.counts)),
      "level",
    ),
    sheet({ zh: "按化解优先级", en: "By priority" }, { zh: "化解优先级", en: "Priority" }, s.byPriority.map((row) => countCells(row.key === "ungraded" ? ungraded[lang] : ResolutionPriorities.label(row.key, lang), row.counts))),
    sheet({ zh: "按责任单位", en: "By unit" }, { zh: "责任单位", en: "Unit in charge" }, s.byLeadUnit.map((row) => countCells(row.key === "unassigned" ? (lang === "zh" ? "未交办" : "unassigned") : (unitName.get(row.key) ?? row.key), row.counts))),
  ];
  return ok(sheets);
};

interface Seen {
  rows: number;
  readonly fields: Set<string>;
}

/**
 * Makes the workbook of an export from the ledger's own reads, so the ledger's
 * access policy, redaction and audit apply to every row: the dispute ledger
 * through `listDisputes` (party names through `getPerson`, each read audited with
 * the purpose), the support registry through `listListings` (redacted for the
 * actor, identity and phone numbers masked unless the actor sees them in full),
 * the monthly summary through `monthlyReport` (small cells withheld for another
 * level). The first read happens now, so that a refusal is an error; the rest as
 * the sheets are consumed. {@link exportLedger} writes it with an exporter and
 * records the export in the audit trail.
 *
 * @example
 * ```ts
 * const r = await ledgerWorkbook(ledger, officer, { dataset: "disputes", purpose: "月度上报", names: { units: town.units } });
 * if (r.ok) for await (const row of r.value.workbook.sheets[0]!.rows) console.log(row);
 * ```
 * @since 0.5.0
 */
export const ledgerWorkbook = async (ledger: Ledger, actor: Actor, request: ExportRequest): Promise<Result<LedgerWorkbook, LedgerWorkbookError>> => {
  const seen: Seen = { rows: 0, fields: new Set() };
  const done = (sheets: ReadonlyArray<Sheet>, title: Bilingual): LedgerWorkbook => ({
    workbook: { dataset: request.dataset, title, sheets },
    rowsWritten: () => seen.rows,
    fieldsShown: () => [...seen.fields].sort(),
  });
  switch (request.dataset) {
    case "disputes": {
      const sheet = await disputeSheet(ledger, actor, request, seen);
      return sheet.ok ? ok(done([sheet.value], sheet.value.name)) : err(sheet.error);
    }
    case "support-registry": {
      const sheet = await supportSheet(ledger, actor, request, seen);
      return sheet.ok ? ok(done([sheet.value], sheet.value.name)) : err(sheet.error);
    }
    case "monthly-summary": {
      const sheets = await summarySheets(ledger, actor, request, seen);
      return sheets.ok ? ok(done(sheets.value, { zh: "矛盾纠纷排查化解月度汇总", en: "Monthly summary" })) : err(sheets.error);
    }
  }
};
