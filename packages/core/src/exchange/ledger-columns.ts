import type { SheetCellKind, SheetColumn } from "./sheet.js";

// The columns of the sheets the ledger exports and imports. The dispute ledger's
// first fourteen are the township's own (the Zixi plan's 台账); the ledger's id,
// the division code and the nine facts that grading reads follow them, so that an
// exported file imports again without loss.

const column = <K extends string>(key: K, zh: string, en: string, kind: SheetCellKind, width: number): SheetColumn<K> => ({ key, zh, en, kind, width });

/**
 * The fourteen columns of the township's dispute ledger (矛盾纠纷排查化解台账), in
 * the order township staff use them.
 * @since 0.5.0
 */
export const townshipLedgerColumns = [
  column("seq", "序号", "No.", "integer", 6),
  column("reportedOn", "排查时间", "Found on", "date", 12),
  column("village", "村(社区)", "Village (community)", "text", 14),
  column("domain", "纠纷类型", "Type of dispute", "text", 12),
  column("parties", "当事人", "Parties", "text", 20),
  column("summary", "简要情况", "Summary", "text", 40),
  column("level", "风险等级", "Risk level", "level", 12),
  column("leadUnit", "责任单位", "Unit in charge", "text", 18),
  column("responsiblePerson", "包保责任人", "Responsible person", "text", 12),
  column("measures", "化解措施", "Measures", "text", 30),
  column("progress", "化解进展", "Progress", "text", 14),
  column("resolved", "是否化解", "Resolved", "boolean", 8),
  column("resolvedOn", "化解时间", "Resolved on", "date", 12),
  column("remarks", "备注", "Remarks", "text", 20),
] as const;

/**
 * The facts risk grading reads, one column each, in {@link DisputeFacts}'s order
 * (yes/no columns as 是/否).
 * @since 0.5.0
 */
export const factColumns = [
  column("peopleInvolved", "涉及人数", "People involved", "integer", 8),
  column("amountAtStake", "涉及金额(元)", "Amount at stake (yuan)", "number", 12),
  column("threatOfViolence", "有暴力威胁", "Threat of violence", "boolean", 8),
  column("selfHarmRisk", "有自伤风险", "Risk of self-harm", "boolean", 8),
  column("violentHistory", "有暴力史", "History of violence", "boolean", 8),
  column("emotionalIntensity", "情绪激烈程度(0-3)", "Emotional intensity (0-3)", "integer", 8),
  column("failedMediations", "调解失败次数", "Failed mediations", "integer", 8),
  column("vulnerableParty", "有弱势当事人", "Vulnerable party", "boolean", 8),
  column("unpaidMajorProjectLandCompensation", "重大项目征地补偿未兑付", "Unpaid major-project land compensation", "boolean", 10),
] as const;

/**
 * The dispute ledger's columns as the ledger exports them: the township's
 * fourteen, then the dispute's id (纠纷编号), its division code (区划代码), its
 * priority (化解优先级), each party's id and role in the order of 当事人
 * (当事人编号及身份, e.g. `p-0001=claimant；=respondent` for a person and then an
 * organisation), the petitions made about it (信访次数, 最高信访层级; petitioning is
 * a right and never graded) and the nine facts.
 * @since 0.5.0
 */
export const disputeLedgerColumns = [
  ...townshipLedgerColumns,
  column("id", "纠纷编号", "Dispute id", "text", 16),
  column("jurisdiction", "区划代码", "Division code", "text", 14),
  column("priority", "化解优先级", "Resolution priority", "text", 8),
  column("partyRefs", "当事人编号及身份", "Party ids and roles", "text", 24),
  column("petitionCount", "信访次数", "Petitions", "integer", 8),
  column("petitionLevel", "最高信访层级", "Highest petition level", "text", 10),
  ...factColumns,
] as const;

/** A column key of the dispute ledger. @since 0.5.0 */
export type DisputeLedgerColumnKey = (typeof disputeLedgerColumns)[number]["key"];

/**
 * The support registry's columns (重点人员台账). What a cell shows is what the
 * policy lets the exporting actor see; identity and phone numbers are masked for
 * every audience that does not see them in full, and a field the actor may not
 * see is empty.
 * @since 0.5.0
 */
export const supportRegistryColumns = [
  column("seq", "序号", "No.", "integer", 6),
  column("listing", "列管编号", "Listing id", "text", 16),
  column("village", "村(社区)", "Village (community)", "text", 14),
  column("name", "姓名", "Name", "text", 10),
  column("identityNumber", "身份证号", "Identity number", "text", 20),
  column("phone", "联系电话", "Phone", "text", 14),
  column("category", "类别", "Category", "text", 14),
  column("responsibleUnit", "责任单位", "Unit in charge", "text", 18),
  column("responsiblePerson", "包保责任人", "Responsible person", "text", 12),
  column("listedOn", "列管时间", "Listed on", "date", 12),
  column("nextReviewOn", "下次复核", "Next review", "date", 12),
  column("basisEndsOn", "依据期限", "Basis ends on", "date", 12),
  column("status", "状态", "Status", "text", 10),
] as const;

/** A column key of the support registry. @since 0.5.0 */
export type SupportRegistryColumnKey = (typeof supportRegistryColumns)[number]["key"];
