import { type DisputeId, type DisputeView, type LocalDate, CaseStatuses, DisputeDomains, ResolutionPriorities, UnitKinds, defaultGradingTable, explainGrade } from "@tiaojie/core";
import { CliError, ExitCode } from "../cli-io.js";
import { readJsonInput, wholeFlag } from "../input.js";
import { type LedgerContext, orRefuse } from "../open-ledger.js";
import { clip, levelLabel, printJson, say, table } from "../output.js";

/** The facts flags of `tiaojie add dispute`. */
export interface AddDisputeFlags {
  readonly id?: string;
  readonly jurisdiction?: string;
  readonly domain?: string;
  readonly summary?: string;
  readonly reportedOn?: string;
  readonly claimant?: ReadonlyArray<string>;
  readonly respondent?: ReadonlyArray<string>;
  readonly people?: string;
  readonly amount?: string;
  readonly intensity?: string;
  readonly failedMediations?: string;
  readonly threatOfViolence?: boolean;
  readonly selfHarmRisk?: boolean;
  readonly violentHistory?: boolean;
  readonly vulnerableParty?: boolean;
  readonly unpaidLandCompensation?: boolean;
  readonly idempotencyKey?: string;
}

const disputeFromFlags = (f: AddDisputeFlags, today: LocalDate): unknown => ({
  id: f.id,
  jurisdiction: f.jurisdiction,
  domain: f.domain,
  parties: [
    ...(f.claimant ?? []).map((person) => ({ kind: "person", person, role: "claimant" })),
    ...(f.respondent ?? []).map((person) => ({ kind: "person", person, role: "respondent" })),
  ],
  summary: f.summary,
  reportedOn: f.reportedOn ?? today,
  facts: {
    peopleInvolved: wholeFlag("--people", f.people) ?? (f.claimant?.length ?? 0) + (f.respondent?.length ?? 0),
    amountAtStake: wholeFlag("--amount", f.amount) ?? 0,
    threatOfViolence: f.threatOfViolence === true,
    selfHarmRisk: f.selfHarmRisk === true,
    violentHistory: f.violentHistory === true,
    emotionalIntensity: wholeFlag("--intensity", f.intensity) ?? 0,
    failedMediations: wholeFlag("--failed-mediations", f.failedMediations) ?? 0,
    vulnerableParty: f.vulnerableParty === true,
    unpaidMajorProjectLandCompensation: f.unpaidLandCompensation === true,
  },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `tiaojie add dispute|person`: registers from a JSON file (or `-`), one record or
 * an array, or a dispute from flags. Identity numbers and health data come only
 * from a file, never from flags, which shells keep in their history.
 */
export const addCommand = async (ctx: LedgerContext, what: string, file: string | undefined, flags: AddDisputeFlags): Promise<number> => {
  if (what !== "dispute" && what !== "person") throw new CliError({ zh: `add 的对象应是 dispute 或 person，而不是“${what}”`, en: `add takes dispute or person, not "${what}"` }, ExitCode.usage);
  let items: ReadonlyArray<unknown>;
  if (file !== undefined) {
    const json = await readJsonInput(ctx.io, file);
    items = Array.isArray(json) ? json : [json];
  } else if (what === "dispute") {
    items = [disputeFromFlags(flags, ctx.clock.today())];
  } else {
    throw new CliError({ zh: "登记人员请给出 JSON 文件（或 - 表示标准输入）", en: "a person is registered from a JSON file (or - for standard input)" }, ExitCode.usage);
  }
  const added: Array<{ id: string; level?: string; priority?: string; replayed?: boolean }> = [];
  for (const [i, item] of items.entries()) {
    try {
      if (what === "person") {
        const r = orRefuse(await ctx.ledger.registerPerson(ctx.actor, item));
        added.push({ id: r.id });
      } else {
        const input = isObject(item) && "dispute" in item ? item : { dispute: item, ...(flags.idempotencyKey === undefined ? {} : { idempotencyKey: flags.idempotencyKey }) };
        const r = orRefuse(await ctx.ledger.registerDispute(ctx.actor, input as unknown as Parameters<typeof ctx.ledger.registerDispute>[1]));
        added.push({ id: r.dispute.id, level: r.dispute.level, priority: r.dispute.priority, replayed: r.replayed });
      }
    } catch (e) {
      if (e instanceof CliError && items.length > 1) {
        throw new CliError({ zh: `第 ${i + 1} 条（之前的 ${i} 条已登记）：${e.text.zh}`, en: `record ${i + 1} (the ${i} before it are registered): ${e.text.en}` }, e.exitCode);
      }
      throw e;
    }
  }
  if (ctx.json) printJson(ctx.io, added);
  else for (const a of added) say(ctx.io, ctx.lang, `已登记 ${a.id}${a.level ? `：${levelLabel(ctx.io, a.level, "zh")}` : ""}${a.replayed ? "（重复提交，返回首次结果）" : ""}`, `registered ${a.id}${a.level ? `: ${levelLabel(ctx.io, a.level, "en")}` : ""}${a.replayed ? " (a retry: the first result)" : ""}`);
  return ExitCode.ok;
};

/** `tiaojie grade <id>`: the grade in force, the recommendation as of today, the rules that fired, the priority and what raised it, the route and why. */
export const gradeCommand = async (ctx: LedgerContext, id: string): Promise<number> => {
  const view = orRefuse(await ctx.ledger.getDispute(ctx.actor, id as DisputeId));
  const today = ctx.clock.today();
  const recommendation = defaultGradingTable().grade(view.dispute, today);
  const why = explainGrade(recommendation, ctx.lang);
  if (!why.ok) throw new CliError({ zh: why.error.message, en: why.error.message }, ExitCode.refused);
  const e = why.value;
  if (ctx.json) {
    printJson(ctx.io, { id: view.id, version: view.version, level: view.level, priority: view.priority, confirmed: view.gradeConfirmed, asOf: today, recommendation: e, route: view.route });
    return ExitCode.ok;
  }
  const L = ctx.lang;
  const io = ctx.io;
  say(io, L, `纠纷 ${view.id}（版本 ${view.version}）：${clip(view.dispute.summary, 60)}`, `dispute ${view.id} (version ${view.version}): ${clip(view.dispute.summary, 60)}`);
  say(io, L, `现行等级：${levelLabel(io, view.level, L)}（${view.gradeConfirmed ? "已由人员确认" : "待确认"}）；优先级：${ResolutionPriorities.label(view.priority, L)}`, `grade in force: ${levelLabel(io, view.level, L)} (${view.gradeConfirmed ? "confirmed by an officer" : "awaiting confirmation"}); priority: ${ResolutionPriorities.label(view.priority, L)}`);
  say(io, L, `按 ${today} 规则研判建议（评级表 ${e.tableVersion}）：${e.level}，${e.priority}（起点：${e.basePriority}）`, `the rules' recommendation as of ${today} (table ${e.tableVersion}): ${e.level}, ${e.priority} (starting from ${e.basePriority})`);
  for (const r of e.fired) io.stdout(`  · [${r.id}] ${r.reason}\n`);
  for (const x of e.escalations) io.stdout(`  ↑ [${x.id}] ${x.reason}（${x.from} → ${x.to}）\n`);
  for (const t of e.tasks) io.stdout(`  ☐ [${t.id}] ${t.description}\n`);
  const route = view.route;
  const lead = UnitKinds.label(route.lead, L);
  const with_ = route.cooperating.map((k) => UnitKinds.label(k, L)).join(L === "zh" ? "、" : ", ");
  say(io, L, `交办：${lead}牵头${with_ ? `，${with_}配合` : ""}`, `routed to: ${lead} leads${with_ ? `, with ${with_}` : ""}`);
  for (const r of route.reasons) io.stdout(`  → [${r.rule}] ${r[L]}${r.basis ? (L === "zh" ? `（${r.basis.zh}）` : ` (${r.basis.en})`) : ""}\n`);
  return ExitCode.ok;
};

/** The filters of `tiaojie list`. */
export interface ListFlags {
  readonly level?: ReadonlyArray<string>;
  readonly priority?: ReadonlyArray<string>;
  readonly status?: ReadonlyArray<string>;
  readonly domain?: ReadonlyArray<string>;
  readonly within?: string;
  readonly month?: string;
  readonly unit?: string;
  readonly limit?: string;
  readonly cursor?: string;
}

const oneOrMany = (v: ReadonlyArray<string> | undefined): string | ReadonlyArray<string> | undefined => (v === undefined || v.length === 0 ? undefined : v.length === 1 ? v[0] : v);

/** `tiaojie list`: the disputes in the actor's scope, filtered, as a table or JSON, a page at a time. */
export const listCommand = async (ctx: LedgerContext, f: ListFlags): Promise<number> => {
  const query: Record<string, unknown> = {};
  for (const [k, v] of [["level", f.level], ["priority", f.priority], ["status", f.status], ["domain", f.domain]] as const) {
    const m = oneOrMany(v);
    if (m !== undefined) query[k] = m;
  }
  if (f.within !== undefined) query.within = f.within;
  if (f.month !== undefined) query.month = f.month;
  if (f.unit !== undefined) query.unit = f.unit;
  if (f.cursor !== undefined) query.cursor = f.cursor;
  query.limit = wholeFlag("--limit", f.limit) ?? 50;
  const page = orRefuse(await ctx.ledger.listDisputes(ctx.actor, query as Parameters<typeof ctx.ledger.listDisputes>[1]));
  if (ctx.json) {
    printJson(ctx.io, { items: page.items.map(summaryOf), ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
    return ExitCode.ok;
  }
  const L = ctx.lang;
  const head = L === "zh" ? ["编号", "区划", "领域", "等级", "优先级", "状态", "登记日期", "简要情况"] : ["id", "division", "domain", "level", "priority", "status", "reported", "summary"];
  ctx.io.stdout(
    table(
      head,
      page.items.map((d) => [
        d.id,
        d.dispute.jurisdiction,
        DisputeDomains.label(d.dispute.domain, L),
        `${levelLabel(ctx.io, d.level, L)}${d.gradeConfirmed ? "" : "*"}`,
        ResolutionPriorities.label(d.priority, L),
        CaseStatuses.label(d.case.status, L),
        d.dispute.reportedOn,
        clip(d.dispute.summary, 24),
      ]),
    ),
  );
  say(ctx.io, L, `共 ${page.items.length} 条；* 表示等级待确认`, `${page.items.length} shown; * marks a grade awaiting confirmation`);
  if (page.cursor !== undefined) say(ctx.io, L, `下一页：--cursor ${page.cursor}`, `next page: --cursor ${page.cursor}`);
  return ExitCode.ok;
};

const summaryOf = (d: DisputeView) => ({
  id: d.id,
  version: d.version,
  jurisdiction: d.dispute.jurisdiction,
  domain: d.dispute.domain,
  level: d.level,
  priority: d.priority,
  gradeConfirmed: d.gradeConfirmed,
  status: d.case.status,
  reportedOn: d.dispute.reportedOn,
  summary: d.dispute.summary,
});

/** The fields flags of `tiaojie transition`. */
export interface TransitionFlags {
  readonly ifVersion?: string;
  readonly on?: string;
  readonly fields?: string;
  readonly leadUnit?: string;
  readonly channel?: string;
  readonly outcome?: string;
  readonly referredTo?: string;
  readonly escalatedTo?: string;
  readonly reason?: string;
  readonly note?: string;
  readonly responsiblePerson?: string;
}

/**
 * `tiaojie transition <id> <name>`: one lifecycle step. Without `--if-version` it
 * applies to the version it reads first; with it, a change made since is refused
 * as a conflict, never overwritten.
 */
export const transitionCommand = async (ctx: LedgerContext, id: string, name: string, f: TransitionFlags): Promise<number> => {
  let fields: Record<string, unknown> = {};
  if (f.fields !== undefined) {
    try {
      fields = JSON.parse(f.fields) as Record<string, unknown>;
    } catch {
      throw new CliError({ zh: "--fields 应是 JSON 对象", en: "--fields must be a JSON object" }, ExitCode.usage);
    }
  }
  for (const [k, v] of Object.entries({ leadUnit: f.leadUnit, channel: f.channel, outcome: f.outcome, referredTo: f.referredTo, escalatedTo: f.escalatedTo, reason: f.reason, note: f.note, responsiblePerson: f.responsiblePerson })) {
    if (v !== undefined) fields[k] = v;
  }
  const version = wholeFlag("--if-version", f.ifVersion) ?? orRefuse(await ctx.ledger.getDispute(ctx.actor, id as DisputeId)).version;
  const input = { dispute: id as DisputeId, version, transition: name, ...(Object.keys(fields).length === 0 ? {} : { fields }), ...(f.on === undefined ? {} : { on: f.on as LocalDate }) };
  const view = orRefuse(await ctx.ledger.transition(ctx.actor, input as Parameters<typeof ctx.ledger.transition>[1]));
  if (ctx.json) printJson(ctx.io, { id: view.id, version: view.version, status: view.case.status });
  else say(ctx.io, ctx.lang, `${view.id}：${CaseStatuses.label(view.case.status, "zh")}（版本 ${view.version}）`, `${view.id}: ${CaseStatuses.label(view.case.status, "en")} (version ${view.version})`);
  return ExitCode.ok;
};
