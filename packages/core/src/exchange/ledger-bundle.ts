import { createHash } from "node:crypto";
import { Data } from "effect";
import { canonicalJson } from "../audit/canonical-json.js";
import { type Checkpoint, compareWithCheckpoint, parseCheckpoint, verifyCheckpoint } from "../audit/checkpoint.js";
import { type AuditProblem, verifyChain } from "../audit/verify-chain.js";
import type { Ledger } from "../ledger/create-ledger.js";
import type { DisputeView } from "../ledger/use-cases/dispute-view.js";
import type { RegisterDisputesItem } from "../ledger/use-cases/register-disputes.js";
import type { Actor } from "../model/actor.js";
import type { DivisionCode } from "../model/division-code.js";
import type { AuditEventRow } from "../ports/store-rows.js";
import type { Bilingual } from "../validation/bilingual.js";
import { err, ok, type Result } from "../validation/result.js";

// A ledger bundle is how one level hands its ledger to the next: the records,
// the audit chains they were made in, and a signed checkpoint of those chains,
// in one JSON file. Making it writes an audit event that holds the SHA-256 of the
// records, so the signature over the chains covers the records too: the receiver
// checks the signature, every chain, the chains against the checkpoint, and the
// records against that event, before it imports anything.

/**
 * A person as a bundle carries them: the id, the name and the division, nothing
 * else (identity numbers, contacts and support listings never travel in a
 * bundle).
 * @since 0.5.0
 */
export interface BundlePerson {
  readonly id: string;
  readonly name: string;
  readonly jurisdiction: string;
}

/**
 * A ledger bundle (`format: "tiaojie-ledger-bundle"`).
 * @since 0.5.0
 */
export interface LedgerBundle {
  readonly format: "tiaojie-ledger-bundle";
  readonly version: 1;
  /** The division whose records these are. */
  readonly within: DivisionCode;
  readonly records: { readonly persons: ReadonlyArray<BundlePerson>; readonly disputes: ReadonlyArray<DisputeView> };
  /** SHA-256 of the canonical JSON of `records`, as the bundle's audit event holds it. */
  readonly digest: string;
  /** The chains of the checkpoint, each from its first event to the checkpoint's head. */
  readonly audit: ReadonlyArray<{ readonly chain: string; readonly events: ReadonlyArray<AuditEventRow> }>;
  /** The signed checkpoint (a C2SP signed note) made after the bundle's audit event. */
  readonly checkpoint: string;
}

/**
 * Why a bundle is refused, whole: its shape, its signature, a chain (with the
 * first bad event: its kind, seq and id), or records that are not the ones its
 * audit event names.
 * @since 0.5.0
 */
export class BundleRefused extends Data.TaggedError("BundleRefused")<{
  readonly text: Bilingual;
  /** The first bad event, when a chain is what failed. */
  readonly problem?: AuditProblem & { readonly chain: string };
}> {
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

/**
 * Why a bundle cannot be made: the ledger refused a read, the audit event or the
 * checkpoint (the actor must be one who reads the audit trail and signs
 * checkpoints: the coordinator), or a party's name is not visible to the actor.
 * @since 0.5.0
 */
export class BundleNotMade extends Data.TaggedError("BundleNotMade")<{ readonly text: Bilingual; readonly reason?: unknown }> {
  override get message(): string {
    return `${this.text.zh} / ${this.text.en}`;
  }
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The digest a bundle's audit event holds: SHA-256 of the canonical JSON of the records. @since 0.5.0 */
export const bundleDigest = (records: LedgerBundle["records"]): string => sha256(canonicalJson(records));

const refused = (zh: string, en: string, problem?: AuditProblem & { readonly chain: string }) => err(new BundleRefused({ text: { zh, en }, ...(problem === undefined ? {} : { problem }) }));
const notMade = (zh: string, en: string, reason?: unknown) => err(new BundleNotMade({ text: { zh, en }, ...(reason === undefined ? {} : { reason }) }));

/**
 * Makes a ledger bundle of the disputes in a division (the actor's scope by
 * default): reads them and their parties through the ledger (audited, with the
 * purpose), records the bundle in the audit trail with the digest of its
 * records, signs a checkpoint of the chains, and reads those chains up to it.
 *
 * @example
 * ```ts
 * const b = await createLedgerBundle(ledger, coordinator, { purpose: "报送县级" });
 * if (b.ok) writeFileSync("紫溪镇-2025-01.bundle.json", JSON.stringify(b.value));
 * ```
 * @since 0.5.0
 */
export const createLedgerBundle = async (
  ledger: Ledger,
  actor: Actor,
  options: { readonly purpose: string; readonly within?: DivisionCode },
): Promise<Result<LedgerBundle, BundleNotMade>> => {
  const within = options.within ?? actor.scope;
  const disputes: Array<DisputeView> = [];
  for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
    const page = await ledger.listDisputes(actor, { within, limit: 500, ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) return notMade(`读取纠纷失败：${page.error.message}`, `reading the disputes failed: ${page.error.message}`, page.error);
    disputes.push(...page.value.items);
    cursor = page.value.cursor;
  }
  const persons = new Map<string, BundlePerson>();
  for (const d of disputes) {
    for (const p of d.dispute.parties) {
      if (p.kind !== "person" || persons.has(p.person)) continue;
      const r = await ledger.getPerson(actor, p.person, { purpose: options.purpose });
      if (!r.ok) return notMade(`读取当事人 ${p.person} 失败：${r.error.message}`, `reading party ${p.person} failed: ${r.error.message}`, r.error);
      const seen = r.value.person;
      if (seen?.name === undefined || seen.jurisdiction === undefined) return notMade(`操作人看不到当事人 ${p.person} 的姓名`, `the actor does not see the name of party ${p.person}`);
      persons.set(p.person, { id: p.person, name: seen.name, jurisdiction: seen.jurisdiction });
    }
  }
  const records = { persons: [...persons.values()], disputes };
  const digest = bundleDigest(records);
  const recorded = await ledger.recordExport(actor, { dataset: "disputes", format: "bundle", rows: disputes.length, purpose: options.purpose, within, fields: ["person.name"], digest });
  if (!recorded.ok) return notMade(`记录报送失败：${recorded.error.message}`, `recording the bundle failed: ${recorded.error.message}`, recorded.error);
  const checkpoint = await ledger.auditCheckpoint(actor);
  if (!checkpoint.ok) return notMade(`签署检查点失败：${checkpoint.error.message}`, `signing the checkpoint failed: ${checkpoint.error.message}`, checkpoint.error);
  const parsed = parseCheckpoint(checkpoint.value);
  if (!parsed.ok) return notMade(`检查点无法解析：${parsed.error.zh}`, `the checkpoint does not parse: ${parsed.error.en}`, parsed.error);
  const heads = parsed.value.heads;
  const audit: Array<{ chain: string; events: Array<AuditEventRow> }> = [];
  for (const head of heads) {
    const events: Array<AuditEventRow> = [];
    for (let cursor: string | undefined, first = true; (first || cursor !== undefined) && events.length < head.size; first = false) {
      const page = await ledger.auditTrail(actor, { chain: head.chain, limit: 500, ...(cursor === undefined ? {} : { cursor }) });
      if (!page.ok) return notMade(`读取审计链失败：${page.error.message}`, `reading the audit chain failed: ${page.error.message}`, page.error);
      events.push(...page.value.items);
      cursor = page.value.cursor;
    }
    audit.push({ chain: head.chain, events: events.slice(0, head.size) });
  }
  return ok({ format: "tiaojie-ledger-bundle", version: 1, within, records, digest, audit, checkpoint: checkpoint.value });
};

/**
 * A bundle that passed every check: the bundle, its checkpoint, and the audit
 * event that names its records.
 * @since 0.5.0
 */
export interface VerifiedBundle {
  readonly bundle: LedgerBundle;
  readonly checkpoint: Checkpoint;
  readonly event: AuditEventRow;
}

/**
 * The digest of records as given, or why they have none: a parsed file can hold
 * what JSON cannot (NaN, a Date, undefined in an array, a cycle) or a getter that
 * throws, and the verifier refuses such records instead of throwing. The reason
 * is cut short, since the path to a value nested thousands deep is that long.
 */
const digestOf = (records: unknown): Result<string, string> => {
  try {
    return ok(bundleDigest(records as LedgerBundle["records"]));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    // Cut at 300 code units, never inside a surrogate pair.
    return err(why.length > 300 ? `${why.slice(0, 300).replace(/[\ud800-\udbff]$/, "")}…` : why);
  }
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Verifies a bundle before anything is imported: its shape, the checkpoint's
 * signature with the sender's public key, every chain from its first event
 * (an edited, deleted, inserted or reordered event is named by its kind, seq and
 * id), every chain against the checkpoint (a recomputed or shortened chain), and
 * the records against the digest the bundle's audit event holds. A bundle that
 * fails any check is refused whole; records that cannot be digested (not plain
 * JSON: NaN, a Date, undefined in an array) are refused too, never thrown.
 *
 * @example
 * ```ts
 * const v = verifyLedgerBundle(JSON.parse(text), { publicKey: townshipPublicKey });
 * if (!v.ok) console.error(v.error.message); // e.g. 审计链“532301104000”第 7 条事件被改动过 …
 * ```
 * @since 0.5.0
 */
export const verifyLedgerBundle = (value: unknown, options: { readonly publicKey: string }): Result<VerifiedBundle, BundleRefused> => {
  if (!isObject(value) || value.format !== "tiaojie-ledger-bundle" || value.version !== 1) return refused("不是台账报送包（format 应为 tiaojie-ledger-bundle，version 为 1）", "not a ledger bundle (format tiaojie-ledger-bundle, version 1)");
  const records = value.records;
  if (!isObject(records) || !Array.isArray(records.persons) || !Array.isArray(records.disputes)) return refused("报送包缺少 records.persons 或 records.disputes", "the bundle lacks records.persons or records.disputes");
  if (!Array.isArray(value.audit) || typeof value.checkpoint !== "string" || typeof value.digest !== "string" || typeof value.within !== "string") {
    return refused("报送包缺少 audit、checkpoint、digest 或 within", "the bundle lacks audit, checkpoint, digest or within");
  }
  const bundle = value as unknown as LedgerBundle;
  const cp = verifyCheckpoint(bundle.checkpoint, options.publicKey);
  if (!cp.ok) return refused(`检查点未通过核验：${cp.error.zh}`, `the checkpoint does not verify: ${cp.error.en}`);
  const segments = new Map<string, ReadonlyArray<AuditEventRow>>();
  for (const [i, segment] of bundle.audit.entries()) {
    if (!isObject(segment) || typeof segment.chain !== "string" || !Array.isArray(segment.events)) return refused(`audit[${i}] 应有 chain 和 events`, `audit[${i}] must have a chain and events`);
    segments.set(segment.chain, segment.events);
  }
  const verified = [];
  for (const head of cp.value.heads) {
    const events = segments.get(head.chain) ?? [];
    const v = verifyChain(head.chain, events);
    if (!v.ok && v.problem !== undefined) {
      const named = v.problem.eventId === undefined ? "" : `（事件 ${v.problem.eventId}）`;
      const namedEn = v.problem.eventId === undefined ? "" : ` (event ${v.problem.eventId})`;
      return refused(`${v.problem.zh}${named}`, `${v.problem.en}${namedEn}`, { ...v.problem, chain: head.chain });
    }
    if (events.length > head.size) return refused(`审计链“${head.chain}”有检查点之外的事件`, `audit chain "${head.chain}" has events beyond the checkpoint`);
    const bySeq = new Map(events.map((e) => [e.seq, e.hash]));
    verified.push({ ...v, hashAt: (seq: number) => bySeq.get(seq) });
  }
  const against = compareWithCheckpoint(cp.value, verified);
  if (against.length > 0) return refused(against[0]!.zh, against[0]!.en, against[0]);
  let event: AuditEventRow | undefined;
  for (const events of segments.values()) {
    for (const e of events) if (e.action === "export" && e.note?.format === "bundle" && e.note.digest === bundle.digest) event = e;
  }
  if (event === undefined) return refused("审计链中没有记录本报送包的事件", "no audit event records this bundle");
  const digest = digestOf(bundle.records);
  if (!digest.ok) return refused(`报送包的记录不是纯 JSON，无法计算摘要：${digest.error}`, `the bundle's records are not plain JSON and cannot be digested: ${digest.error}`);
  if (digest.value !== bundle.digest) {
    return refused(`报送包的记录与审计事件 ${event.id} 记录的摘要不符：记录被改动过`, `the bundle's records do not match the digest its audit event ${event.id} holds: the records were altered`);
  }
  return ok({ bundle, checkpoint: cp.value, event });
};

/**
 * What receiving a bundle did: how many disputes it registered, how many were
 * already in the ledger (an earlier bundle, or an overlapping one), and the
 * sender's event that names the bundle.
 * @since 0.5.0
 */
export interface ReceivedBundle {
  readonly registered: number;
  readonly alreadyInLedger: number;
  readonly event: AuditEventRow;
  readonly checkpoint: Checkpoint;
}

/**
 * Receives a ledger bundle: verifies it whole ({@link verifyLedgerBundle}),
 * then registers its disputes and their parties through the receiving ledger
 * (`registerDisputes`, as one bulk run named by the bundle's digest). A dispute
 * already in the ledger is counted, not registered again, so the same bundle
 * twice, or an overlapping later one, adds nothing twice. The receiving ledger
 * grades each dispute by its own rules; the sender's case history stays in the
 * bundle, which the receiver keeps as the evidence of what it received.
 *
 * @example
 * ```ts
 * const r = await receiveLedgerBundle(countyLedger, countyCoordinator, JSON.parse(text), { publicKey: townshipPublicKey });
 * if (r.ok) console.log(`${r.value.registered} new, ${r.value.alreadyInLedger} already received`);
 * ```
 * @since 0.5.0
 */
export const receiveLedgerBundle = async (
  ledger: Ledger,
  actor: Actor,
  value: unknown,
  options: { readonly publicKey: string; readonly purpose?: string },
): Promise<Result<ReceivedBundle, BundleRefused | BundleNotMade>> => {
  const verified = verifyLedgerBundle(value, options);
  if (!verified.ok) return verified;
  const { bundle, event, checkpoint } = verified.value;
  const personById = new Map(bundle.records.persons.map((p) => [p.id, p]));
  const given = new Set<string>();
  const items: Array<RegisterDisputesItem> = [];
  let alreadyInLedger = 0;
  for (const view of bundle.records.disputes) {
    const existing = await ledger.getDispute(actor, view.id);
    if (existing.ok) {
      alreadyInLedger += 1;
      continue;
    }
    if (existing.error._tag !== "RecordNotFound") return notMade(`读取纠纷 ${view.id} 失败：${existing.error.message}`, `reading dispute ${view.id} failed: ${existing.error.message}`, existing.error);
    const persons = [];
    for (const p of view.dispute.parties) {
      if (p.kind !== "person" || given.has(p.person)) continue;
      given.add(p.person);
      const known = await ledger.getPerson(actor, p.person, { purpose: options.purpose ?? "接收报送包 / receiving a bundle" });
      if (known.ok) continue;
      const person = personById.get(p.person);
      if (person === undefined) return refused(`报送包缺少当事人 ${p.person}`, `the bundle lacks party ${p.person}`);
      persons.push(person);
    }
    items.push({ dispute: view.dispute, ...(persons.length === 0 ? {} : { persons }) });
  }
  if (items.length === 0) return ok({ registered: 0, alreadyInLedger, event, checkpoint });
  // One run per bundle and set of new disputes: a bundle received again after an interruption resumes its run.
  const run = `bundle:${bundle.digest}:${sha256(canonicalJson(items.map((i) => (i.dispute as { id: string }).id))).slice(0, 32)}`;
  const r = await ledger.registerDisputes(actor, { run, items });
  if (!r.ok) return notMade(`登记失败：${r.error.message}`, `registration failed: ${r.error.message}`, r.error);
  return ok({ registered: r.value.registered, alreadyInLedger: alreadyInLedger + r.value.resumedFrom, event, checkpoint });
};
