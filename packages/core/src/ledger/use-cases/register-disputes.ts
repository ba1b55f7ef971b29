import { registrationRoles } from "../../lifecycle/case-transitions.js";
import type { Actor } from "../../model/actor.js";
import { Dispute } from "../../model/dispute.js";
import type { DisputeId } from "../../model/ids.js";
import { Person } from "../../model/person.js";
import type { IdempotencyRow } from "../../ports/store-rows.js";
import { type StandaloneSchema, decode } from "../../validation/decode.js";
import { type IssuePath, type ValidationIssue, ValidationError } from "../../validation/validation-error.js";
import { fingerprintAll } from "../decode-input.js";
import { AccessDenied, BulkRunInterrupted, BulkRunReused, type StoreFailure } from "../ledger-errors.js";
import { type Outcome, type Work, sessionUseCase } from "../unit-of-work.js";
import { type DecodedRegistration, type RegistrationError, checkRegistration, writeRegistration } from "./register-dispute.js";

// Bulk registration: a township imports thousands of disputes at once. Every
// item is validated before anything is written; then the items are registered
// batch by batch, each batch in one store transaction together with the run's
// checkpoint (an idempotency row), so a SQL store commits once per batch and a
// run that stops (a crash, a lost connection) resumes after its last committed
// batch when called again with the same run id and items.

/**
 * One item of a bulk registration: what {@link registerDispute} takes, without
 * an idempotency key (the run's id plays that part for the whole list).
 * @since 0.4.0
 */
export interface RegisterDisputesItem {
  /** The dispute, as JSON (`DisputeJson`); validated. */
  readonly dispute: unknown;
  /**
   * Persons (as `PersonJson`) registered along with the dispute: its person
   * parties not yet in the ledger nor given by an earlier item.
   * @default []
   */
  readonly persons?: ReadonlyArray<unknown>;
}

/**
 * A bulk registration.
 * @since 0.4.0
 */
export interface RegisterDisputesInput {
  /**
   * The caller's id of this import run, 1 to 128 characters (the import file's
   * SHA-256, say). Calling again with the same run and the same items resumes
   * after the last committed batch; the same run with other items is refused
   * ({@link BulkRunReused}). Run ids are per unit, like idempotency keys, and
   * appear in the audit log: keep personal data out of them.
   */
  readonly run: string;
  /** The registrations, in the order they are made: an item that gives a new person comes before any dispute that names them. */
  readonly items: ReadonlyArray<RegisterDisputesItem>;
  /**
   * How many items each transaction registers, 1 to 5,000.
   * A run may resume with another batch size.
   * @default 500
   */
  readonly batchSize?: number;
  /**
   * Called with the items committed so far and the total: once before the first
   * batch (with what earlier calls committed), then after each committed batch.
   * For progress bars; what it throws is ignored.
   * @default absent
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * What a bulk registration did. `resumedFrom + registered` is `total` unless
 * another call with the same run ran at the same time.
 * @since 0.4.0
 */
export interface RegisteredDisputes {
  readonly run: string;
  /** How many items the run has. */
  readonly total: number;
  /** How many were committed by earlier calls with this run (0 for a new run, `total` for a finished one). */
  readonly resumedFrom: number;
  /** How many this call committed. */
  readonly registered: number;
  /** How many transactions this call committed. */
  readonly batches: number;
  /** The disputes of the whole run, in the order of `items`. */
  readonly disputes: ReadonlyArray<DisputeId>;
}

/**
 * Why a bulk registration can fail: before anything is written, a refusal
 * ({@link AccessDenied}), an invalid item ({@link ValidationError}), a reused
 * run id ({@link BulkRunReused}) or a store failure ({@link StoreFailure});
 * once batches are being written, {@link BulkRunInterrupted} with how many are
 * committed and the cause.
 * @since 0.4.0
 */
export type RegisterDisputesError = AccessDenied | ValidationError | BulkRunReused | BulkRunInterrupted | StoreFailure;

const ACTION = "register-disputes";
const DEFAULT_BATCH_SIZE = 500;
const MAX_BATCH_SIZE = 5_000;
const MAX_RUN_LENGTH = 128;
const INPUT_FIELDS: ReadonlySet<string> = new Set(["run", "items", "batchSize", "onProgress"]);
const ITEM_FIELDS: ReadonlySet<string> = new Set(["dispute", "persons"]);

/** The checkpoint's `result`: how far the run is. */
interface Progress {
  readonly done: number;
  readonly total: number;
}

/** The input, validated and decoded, with the fingerprint of its items. */
interface Plan {
  readonly run: string;
  readonly batchSize: number;
  readonly items: ReadonlyArray<DecodedRegistration>;
  readonly print: string;
  /** For each person an item gives, the index of that item. */
  readonly givenAt: ReadonlyMap<string, number>;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
}

/** Another call with the same run committed a batch first: this batch is rolled back and read again. */
class CheckpointMoved {}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null && !Array.isArray(v);

type Report = (path: IssuePath, zh: string, en: string) => void;

const notAllowed = (report: Report, path: IssuePath): void => report(path, "不允许出现此字段", "is not an allowed field");

/** One item decoded, its problems reported under `items[i]`. */
const decodeItem = (item: unknown, i: number, report: Report): DecodedRegistration | undefined => {
  const at = ["items", i] as const;
  if (!isRecord(item)) return void report(at, "应为对象", "must be an object");
  for (const k of Object.keys(item)) if (!ITEM_FIELDS.has(k)) notAllowed(report, [...at, k]);
  let valid = true;
  const decodeUnder = <A, I>(schema: StandaloneSchema<A, I>, value: unknown, path: IssuePath): A | undefined => {
    const r = decode(schema, value);
    if (r.ok) return r.value;
    valid = false;
    for (const issue of r.error.issues) report([...path, ...issue.path], issue.zh, issue.en);
    return undefined;
  };
  if (item.dispute === undefined) report([...at, "dispute"], "缺少必填项", "is required");
  const dispute = item.dispute === undefined ? ((valid = false), undefined) : decodeUnder(Dispute, item.dispute, [...at, "dispute"]);
  const given = item.persons ?? [];
  if (!Array.isArray(given)) return void report([...at, "persons"], "应为数组", "must be an array");
  const persons = given.map((p: unknown, k) => decodeUnder(Person, p, [...at, "persons", k]));
  return valid && dispute !== undefined ? { dispute, persons: persons as ReadonlyArray<Person> } : undefined;
};

/**
 * What no single item shows: a dispute given twice, a new person given twice,
 * and a dispute naming a person that only a later item gives (registered one by
 * one, it would find no such person).
 */
const checkAcrossItems = (items: ReadonlyArray<DecodedRegistration | undefined>, report: Report): ReadonlyMap<string, number> => {
  const disputeAt = new Map<string, number>();
  const personAt = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    if (item === undefined) continue;
    const id = item.dispute.id;
    const first = disputeAt.get(id);
    if (first === undefined) disputeAt.set(id, i);
    else report(["items", i, "dispute", "id"], `纠纷 ${id} 已在 items[${first}] 中给出`, `dispute ${id} is given in items[${first}] already`);
    for (const [k, p] of item.persons.entries()) {
      const at = personAt.get(p.id);
      if (at === undefined) personAt.set(p.id, i);
      else if (at === i) report(["items", i, "persons", k, "id"], `人员 ${p.id} 重复`, `person ${p.id} is given twice`);
      else report(["items", i, "persons", k, "id"], `人员 ${p.id} 已在 items[${at}] 中给出`, `person ${p.id} is given in items[${at}] already`);
    }
  }
  for (const [i, item] of items.entries()) {
    if (item === undefined) continue;
    const own = new Set(item.persons.map((p) => p.id));
    for (const [k, party] of item.dispute.parties.entries()) {
      if (party.kind !== "person" || own.has(party.person)) continue;
      const later = personAt.get(party.person);
      if (later !== undefined && later > i) {
        report(
          ["items", i, "dispute", "parties", k, "person"],
          `人员 ${party.person} 在后面的 items[${later}] 中才登记：登记人员的条目应排在引用该人员的纠纷之前`,
          `person ${party.person} is only given in items[${later}], after this dispute: the item that gives a person must come before the disputes that name them`,
        );
      }
    }
  }
  return personAt;
};

/** The whole input checked and decoded, every problem with its path, before any transaction. */
const planOf = (input: unknown): Plan | ValidationError => {
  const issues: Array<ValidationIssue> = [];
  const report: Report = (path, zh, en) => void issues.push({ path, zh, en });
  if (!isRecord(input)) return new ValidationError({ issues: [{ path: [], zh: "应为对象", en: "must be an object" }] });
  for (const k of Object.keys(input)) if (!INPUT_FIELDS.has(k)) notAllowed(report, [k]);
  const { run, items, onProgress } = input;
  const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;
  if (typeof run !== "string" || run.trim() === "" || run.length > MAX_RUN_LENGTH || /\p{Cc}/u.test(run)) {
    report(["run"], `应为 1–${MAX_RUN_LENGTH} 个字符、不含控制字符的导入编号（如导入文件的哈希值）`, `must be a run id of 1 to ${MAX_RUN_LENGTH} characters without control characters (the import file's hash, say)`);
  }
  if (typeof batchSize !== "number" || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    report(["batchSize"], `应为 1 到 ${MAX_BATCH_SIZE} 之间的整数`, `must be a whole number from 1 to ${MAX_BATCH_SIZE}`);
  }
  if (onProgress !== undefined && typeof onProgress !== "function") report(["onProgress"], "应为函数", "must be a function");
  if (!Array.isArray(items)) {
    report(["items"], "应为数组", "must be an array");
    return new ValidationError({ issues });
  }
  const decoded = items.map((item: unknown, i) => decodeItem(item, i, report));
  const givenAt = checkAcrossItems(decoded, report);
  if (issues.length > 0) return new ValidationError({ issues });
  const valid = decoded as ReadonlyArray<DecodedRegistration>;
  return {
    run: run as string,
    batchSize: batchSize as number,
    items: valid,
    print: fingerprintAll(valid.map((r) => ({ dispute: r.dispute, persons: r.persons }))),
    givenAt,
    onProgress: onProgress as Plan["onProgress"],
  };
};

/** The run's checkpoint as this transaction sees it: how many items are done (0 without one); another list's checkpoint fails the work. */
const checkpointOf = async (work: Work<BulkRunReused>, id: string, plan: Plan): Promise<{ readonly done: number; readonly row?: IdempotencyRow }> => {
  const row = await work.tx.idempotency.get(id);
  if (row === undefined) return { done: 0 };
  const kept = (row.result ?? {}) as Partial<Progress>;
  const done = Number.isSafeInteger(kept.done) && kept.done! >= 0 ? kept.done! : 0;
  if (row.fingerprint !== plan.print) return work.fail(new BulkRunReused({ run: plan.run, done, total: kept.total ?? 0 }));
  return { done: Math.min(done, plan.items.length), row };
};

const tellProgress = (plan: Plan, done: number): void => {
  try {
    plan.onProgress?.(done, plan.items.length);
  } catch {
    // A progress bar's failure does not stop an import.
  }
};

/**
 * Registers many disputes (with their new persons) in batches, resuming an
 * interrupted run. Each item gets exactly what {@link registerDispute} gives one
 * dispute: the same validation, grading as of today, routing, case, sealing of
 * persons, grading tasks and audit events.
 *
 * 1. The actor must be one who registers (auditors are refused, as for one).
 * 2. Every item is validated first, and the items against each other (a dispute
 *    or a new person given twice, a dispute naming a person only a later item
 *    gives): any problem fails the whole call with one ValidationError whose
 *    issues carry paths `items[i]…`, and nothing is written.
 * 3. Every remaining item must lie in the actor's scope, with new persons'
 *    fields the policy lets the actor write: otherwise the call is refused (and
 *    the refusal audited) before anything is written.
 * 4. The items are registered in order, `batchSize` per transaction; each
 *    transaction also writes the run's checkpoint (an idempotency row
 *    `register-disputes:<unit>:<run>` holding the fingerprint of the whole list
 *    and the count done) and a `register-disputes` audit event for the batch.
 *    A failing batch leaves nothing of itself and ends the call with
 *    {@link BulkRunInterrupted}; calling again with the same run and items
 *    resumes after the last committed batch, never registering an item twice.
 *    A finished run called again registers nothing.
 *
 * @example
 * ```ts
 * import { createLedger } from "@tiaojie/core";
 *
 * const ledger = createLedger({ store, units });
 * const r = await ledger.registerDisputes(coordinator, {
 *   run: fileSha256,
 *   items: rows.map((row) => ({ dispute: row.dispute, persons: row.persons })),
 *   onProgress: (done, total) => bar.update(done, { total }),
 * });
 * if (!r.ok && r.error._tag === "BulkRunInterrupted") console.error(r.error.message); // run it again to resume
 * if (r.ok) console.log(`${r.value.registered} registered, ${r.value.resumedFrom} before`);
 * ```
 * @since 0.4.0
 */
export const registerDisputes = (actor: Actor, input: RegisterDisputesInput) =>
  sessionUseCase(ACTION, actor, async (session): Promise<Outcome<RegisteredDisputes, RegisterDisputesError>> => {
    if (!registrationRoles.includes(session.ctx.actor.role)) {
      return { ok: false, error: await session.refuse(new AccessDenied({ action: ACTION, entity: "dispute", reason: "role" })) };
    }
    const plan = planOf(input);
    if (plan instanceof ValidationError) return { ok: false, error: plan };
    const { run, items, batchSize } = plan;
    const total = items.length;
    const id = `${ACTION}:${session.ctx.actor.unit}:${run}`;

    const checked = await session.transaction(async (work: Work<AccessDenied | ValidationError | BulkRunReused>) => {
      const { done } = await checkpointOf(work, id, plan);
      for (let i = done; i < total; i++) checkRegistration(work, items[i]!, ["items", i]);
      return done;
    });
    if (!checked.ok) return checked;
    const resumedFrom = checked.value;
    let done = resumedFrom;
    let registered = 0;
    let batches = 0;
    tellProgress(plan, done);

    while (done < total) {
      let current: number | undefined;
      const batch = await session.transaction(async (work: Work<RegistrationError | BulkRunReused | CheckpointMoved>) => {
        current = undefined;
        const seen = await checkpointOf(work, id, plan);
        const from = seen.done;
        const to = Math.min(total, from + batchSize);
        if (from >= total) return { from, to: from };
        for (let i = from; i < to; i++) {
          current = i;
          // Checked with this actor before the first batch; a person an earlier
          // item gave is in the ledger (committed, or written in this batch).
          await writeRegistration(work, items[i]!, ["items", i], { checked: true, personExists: (person) => (plan.givenAt.get(person) ?? total) < i });
        }
        current = undefined;
        const progress: Progress = { done: to, total };
        const row: IdempotencyRow = { id, version: (seen.row?.version ?? 0) + 1, useCase: ACTION, fingerprint: plan.print, result: progress, at: work.now };
        const wrote = seen.row === undefined ? await work.tx.idempotency.insert(row) : await work.tx.idempotency.update(row, seen.row.version);
        if (wrote !== "done") return work.fail(new CheckpointMoved());
        work.audit({ action: ACTION, entity: "ledger", id: run, jurisdiction: work.ctx.actor.scope, fields: [], note: { run, from, to, total } });
        return { from, to };
      });
      if (!batch.ok) {
        // Another call with this run moved the checkpoint: read it again (each move is progress, so this ends).
        if (batch.error instanceof CheckpointMoved) continue;
        if (batch.error instanceof BulkRunReused) return { ok: false, error: batch.error };
        return { ok: false, error: new BulkRunInterrupted({ run, committed: done, total, ...(current === undefined ? {} : { item: current }), cause: batch.error }) };
      }
      const { from, to } = batch.value;
      if (to > from) {
        registered += to - from;
        batches += 1;
      }
      // The checkpoint only grows: `to` is where the run is now, also when another call finished it.
      done = to;
      tellProgress(plan, done);
    }
    return { ok: true, value: { run, total, resumedFrom, registered, batches, disputes: items.map((r) => r.dispute.id) } };
  });
