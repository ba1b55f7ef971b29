import { Context, Effect } from "effect";
import type { ActorContext } from "../access/actor-context.js";
import { chainEvent } from "../audit/audit-chain.js";
import type { Actor } from "../model/actor.js";
import { Actor as ActorSchema } from "../model/actor.js";
import { type DivisionCode, divisionLevel, isWithinDivision, parentDivision } from "../model/division-code.js";
import type { LocalDate } from "../model/local-date.js";
import type { AuditLog, Collection, DisputeCountQuery, FindQuery, LedgerStore, LedgerTransaction } from "../ports/ledger-store.js";
import type { AuditEntityKind, AuditEventRow, RowBase } from "../ports/store-rows.js";
import { decode } from "../validation/decode.js";
import type { ValidationError } from "../validation/validation-error.js";
import type { LedgerEnv } from "./ledger-config.js";
import { AccessDenied, StoreFailure } from "./ledger-errors.js";

/**
 * The ledger's services for Effect programs: the resolved store, ports and rules.
 * Provide it with `ledgerLayer(options)`.
 * @since 0.3.0
 */
export class LedgerEnvironment extends Context.Tag("@tiaojie/core/LedgerEnvironment")<LedgerEnvironment, LedgerEnv>() {}

/**
 * The audit chain a record's events go to: its township (for a village or a
 * township), or the division itself above township level.
 *
 * @example
 * ```ts
 * auditChainOf("532301104201" as DivisionCode); // "532301104000"
 * ```
 * @since 0.3.0
 */
export const auditChainOf = (jurisdiction: DivisionCode): string => {
  const level = divisionLevel(jurisdiction);
  if (level === "village") return parentDivision(jurisdiction) ?? jurisdiction;
  return jurisdiction;
};

/** What a use case records in the audit log, before the chain numbers it. */
export interface AuditNote {
  readonly action: string;
  readonly entity: AuditEntityKind;
  readonly id: string;
  readonly jurisdiction: DivisionCode;
  readonly fields: ReadonlyArray<string>;
  readonly purpose?: string;
  readonly note?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * @internal A use case's view of its transaction: the store's transaction, the
 * time, the actor, the audit events it will append, and `fail`, which ends the
 * use case with one of its typed errors (`E`) and rolls everything back. A helper
 * that may fail with `X` takes a `Work<X>`; a use case's `Work<E>` is one only when
 * `E` includes `X`, so every error a use case can return is in its type.
 */
export interface Work<E = never> {
  readonly env: LedgerEnv;
  readonly tx: LedgerTransaction;
  readonly now: number;
  readonly today: LocalDate;
  readonly ctx: ActorContext;
  /**
   * Queue an audit event of this use case: appended at commit, in the same
   * transaction; for a read-only use case over a replica, in a short
   * transaction on the primary once the body has read everything, before the
   * result is released.
   */
  readonly audit: (note: AuditNote) => void;
  /** End the use case with a typed error: nothing it wrote is kept. */
  readonly fail: (error: E) => never;
  /** Per-transaction memo (unwrapped data keys). */
  readonly memo: Map<string, unknown>;
}

/** A typed error on its way out of a use case's body. */
class Failed {
  constructor(readonly error: unknown) {}
}
/** A store call rejected: the use case ends with StoreFailure. */
class StoreRejected {
  constructor(readonly cause: unknown) {}
}
/** Another transaction appended to a chain first: the use case is run again. */
class AuditRace {}

/**
 * A read-only use case tried to write: a bug of the use case, never a state of
 * the data, so the use case rejects (a defect) rather than return a failure.
 */
class ReadOnlyViolation extends Error {
  constructor(action: string, call: string) {
    super(`只读用例“${action}”试图写入（${call}），已拒绝 / the read-only use case "${action}" tried to write (${call}): refused`);
    this.name = "ReadOnlyViolation";
  }
}

const MAX_ATTEMPTS = 8;

const fail = (error: unknown): never => {
  throw new Failed(error);
};

const rejected = (cause: unknown): never => {
  throw new StoreRejected(cause);
};

/**
 * Whether a transaction's writes are refused: `undefined` for a use case that
 * writes, the action's name for a read-only one (whose writes are bugs).
 */
type WriteGuard = string | undefined;

/** A write refused before it reaches the store. */
const refuse = (guard: string, call: string): Promise<never> => Promise.reject(new ReadOnlyViolation(guard, call));

/** A collection whose every call's rejection is marked as the store's; a read-only use case's writes refused. */
class GuardedCollection<R extends RowBase, W> implements Collection<R, W> {
  constructor(
    private readonly inner: Collection<R, W>,
    private readonly name: string,
    private readonly readOnly: WriteGuard,
  ) {}
  readonly get = (id: string) => this.inner.get(id).catch(rejected);
  readonly insert = (row: R) => (this.readOnly === undefined ? this.inner.insert(row).catch(rejected) : refuse(this.readOnly, `${this.name}.insert`));
  readonly update = (row: R, expected: number) =>
    this.readOnly === undefined ? this.inner.update(row, expected).catch(rejected) : refuse(this.readOnly, `${this.name}.update`);
  readonly remove = (id: string, expected: number) =>
    this.readOnly === undefined ? this.inner.remove(id, expected).catch(rejected) : refuse(this.readOnly, `${this.name}.remove`);
  readonly find = (query: FindQuery<W>) => this.inner.find(query).catch(rejected);
}

/** The audit log, its calls' rejections marked as the store's; a read-only use case's appends refused (it queues notes instead). */
class GuardedAuditLog implements AuditLog {
  constructor(
    private readonly inner: AuditLog,
    private readonly readOnly: WriteGuard,
  ) {}
  readonly head = (chain: string) => this.inner.head(chain).catch(rejected);
  readonly append = (event: AuditEventRow) => (this.readOnly === undefined ? this.inner.append(event).catch(rejected) : refuse(this.readOnly, "audit.append"));
  readonly list = (chain: string, afterSeq: number, limit: number) => this.inner.list(chain, afterSeq, limit).catch(rejected);
  readonly chains = () => this.inner.chains().catch(rejected);
}

/** The store's transaction with every call's rejection marked as the store's; each collection wrapped when first used. */
class GuardedTransaction implements LedgerTransaction {
  #memo = new Map<string, unknown>();
  /** Present exactly when the store's transaction has it. */
  declare readonly disputeCounts?: NonNullable<LedgerTransaction["disputeCounts"]>;
  constructor(
    private readonly inner: LedgerTransaction,
    private readonly readOnly: WriteGuard = undefined,
  ) {
    if (inner.disputeCounts !== undefined) {
      const counts = (query: DisputeCountQuery) => inner.disputeCounts!(query).catch(rejected);
      Object.defineProperty(this, "disputeCounts", { value: counts, enumerable: true });
    }
  }
  #wrap<C>(name: keyof LedgerTransaction, make: () => C): C {
    let c = this.#memo.get(name) as C | undefined;
    if (c === undefined) this.#memo.set(name, (c = make()));
    return c;
  }
  #collection<N extends Exclude<keyof LedgerTransaction, "audit">>(name: N): LedgerTransaction[N] {
    return this.#wrap(name, () => new GuardedCollection(this.inner[name] as unknown as Collection<RowBase, unknown>, name, this.readOnly) as unknown as LedgerTransaction[N]);
  }
  get disputes() { return this.#collection("disputes"); }
  get persons() { return this.#collection("persons"); }
  get personKeys() { return this.#collection("personKeys"); }
  get listings() { return this.#collection("listings"); }
  get tasks() { return this.#collection("tasks"); }
  get grades() { return this.#collection("grades"); }
  get submissions() { return this.#collection("submissions"); }
  get hazards() { return this.#collection("hazards"); }
  get idempotency() { return this.#collection("idempotency"); }
  get audit() { return this.#wrap("audit", () => new GuardedAuditLog(this.inner.audit, this.readOnly)); }
}

const actorOf = (ctx: ActorContext): AuditEventRow["actor"] => ({
  officerId: ctx.actor.officerId,
  unit: ctx.actor.unit,
  role: ctx.actor.role,
});

const appendAll = async (env: LedgerEnv, tx: LedgerTransaction, ctx: ActorContext, notes: ReadonlyArray<AuditNote>, now: number, outcome: "done" | "refused"): Promise<void> => {
  const heads = new Map<string, { seq: number; hash: string } | undefined>();
  for (const n of notes) {
    const chain = auditChainOf(n.jurisdiction);
    const head = heads.has(chain) ? heads.get(chain) : await tx.audit.head(chain);
    const event = chainEvent(
      {
        id: env.ids.next(),
        chain,
        at: now,
        actor: actorOf(ctx),
        action: n.action,
        entity: { kind: n.entity, id: n.id },
        fields: [...n.fields],
        outcome,
        ...(n.purpose === undefined ? {} : { purpose: n.purpose }),
        ...(n.note === undefined ? {} : { note: n.note }),
      },
      head,
    );
    if ((await tx.audit.append(event)) === "conflict") throw new AuditRace();
    heads.set(chain, { seq: event.seq, hash: event.hash });
  }
};

/** @internal What a transaction (or a use case) ended with: its value, or its typed error or a store failure. */
export type Outcome<A, E> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E | StoreFailure };

/** What a rejection out of a use case's transaction means (an AuditRace is the caller's to handle). A read-only violation rejects on. */
const failureOf = <E>(env: LedgerEnv, thrown: unknown): { readonly ok: false; readonly error: E | StoreFailure } => {
  if (thrown instanceof ReadOnlyViolation) throw thrown;
  if (thrown instanceof Failed) return { ok: false, error: thrown.error as E };
  if (thrown instanceof StoreRejected) return { ok: false, error: new StoreFailure({ store: env.store.name, cause: thrown.cause }) };
  // A store that rejects its transaction by itself (a failed commit) is a store failure too.
  return { ok: false, error: new StoreFailure({ store: env.store.name, cause: thrown }) };
};

const contention = (env: LedgerEnv): StoreFailure =>
  new StoreFailure({ store: env.store.name, cause: new Error(`audit chain contention: gave up after ${MAX_ATTEMPTS} attempts`) });

/** A use case's view of one transaction, and the audit notes its body queues. */
const openWork = <E>(env: LedgerEnv, ctx: ActorContext, raw: LedgerTransaction, guard: WriteGuard): { readonly work: Work<E>; readonly notes: Array<AuditNote> } => {
  const notes: Array<AuditNote> = [];
  const tx = new GuardedTransaction(raw, guard);
  const work: Work<E> = { env, tx, now: env.clock.now(), today: env.clock.today(), ctx, audit: (note) => void notes.push(note), fail, memo: new Map() };
  return { work, notes };
};

/**
 * Runs a use case's body in one store transaction: its writes and its audit
 * events commit together or not at all. A typed failure or a store failure rolls
 * everything back; an audit append that met another transaction's event runs
 * the whole body again (up to 8 times). A read-only use case's body runs the
 * same way, its writes refused. A defect (a bug) rejects.
 */
const inTransaction = async <A, E>(env: LedgerEnv, ctx: ActorContext, body: (work: Work<E>) => Promise<A>, guard: WriteGuard): Promise<Outcome<A, E>> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await env.store.transact(async (raw) => {
        const { work, notes } = openWork<E>(env, ctx, raw, guard);
        const result = await body(work);
        // The service's own appends pass the guard that refuses a read-only body's writes.
        await appendAll(env, guard === undefined ? work.tx : new GuardedTransaction(raw), ctx, notes, work.now, "done");
        return result;
      });
      return { ok: true, value };
    } catch (thrown) {
      if (thrown instanceof AuditRace) {
        if (attempt < MAX_ATTEMPTS) continue;
        return { ok: false, error: contention(env) };
      }
      return failureOf<E>(env, thrown);
    }
  }
};

/**
 * Appends audit events in transactions of their own on the primary, each
 * attempt reading the chains' heads afresh (up to 8 when another transaction
 * appended first): the events of a read-only use case read on a replica, or a
 * refusal (the refused transaction was rolled back). `undefined` once they are
 * committed.
 */
const appendOnPrimary = async (env: LedgerEnv, ctx: ActorContext, notes: ReadonlyArray<AuditNote>, at: () => number, outcome: "done" | "refused"): Promise<StoreFailure | undefined> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await env.store.transact((tx) => appendAll(env, tx, ctx, notes, at(), outcome));
      return undefined;
    } catch (cause) {
      if (!(cause instanceof AuditRace)) return new StoreFailure({ store: env.store.name, cause });
      if (attempt >= MAX_ATTEMPTS) return contention(env);
    }
  }
};

/**
 * Runs a read-only use case's body in the store's `transactReadOnly` (a
 * replica, whose state may lag), its writes refused, then appends the audit
 * events it queued on the primary; the value is released only once they are
 * committed, and a failed append fails the use case with StoreFailure. An
 * audit conflict re-appends the same events (with fresh heads), never runs the
 * body again: the events say what the body read, which no other transaction's
 * event changes, and carry the time it read it.
 */
const onReplica = async <A, E>(
  env: LedgerEnv,
  ctx: ActorContext,
  action: string,
  body: (work: Work<E>) => Promise<A>,
  store: LedgerStore & Required<Pick<LedgerStore, "transactReadOnly">>,
): Promise<Outcome<A, E>> => {
  let read: { readonly value: A; readonly notes: ReadonlyArray<AuditNote>; readonly now: number };
  try {
    read = await store.transactReadOnly(async (raw) => {
      const { work, notes } = openWork<E>(env, ctx, raw, action);
      const value = await body(work);
      return { value, notes, now: work.now };
    });
  } catch (thrown) {
    return failureOf<E>(env, thrown);
  }
  if (read.notes.length === 0) return { ok: true, value: read.value };
  const failed = await appendOnPrimary(env, ctx, read.notes, () => read.now, "done");
  return failed === undefined ? { ok: true, value: read.value } : { ok: false, error: failed };
};

/** Records a refusal in its own transaction (the refused one was rolled back). */
const recordRefusal = (env: LedgerEnv, ctx: ActorContext, denied: AccessDenied): Promise<StoreFailure | undefined> => {
  const note: AuditNote = {
    action: denied.action,
    entity: denied.entity,
    id: denied.id ?? "",
    jurisdiction: ctx.actor.scope,
    fields: denied.field === undefined ? [] : [denied.field],
    note: { reason: denied.reason },
  };
  return appendOnPrimary(env, ctx, [note], () => env.clock.now(), "refused");
};

/**
 * The actor as the service knows them: a valid actor whose unit is in the unit
 * register and whose scope lies within their unit's division.
 */
const actorContextOf = (env: LedgerEnv, input: Actor, action: string): ActorContext | AccessDenied | ValidationError => {
  const actor = validActor(input);
  if (!("officerId" in actor)) return actor;
  const unit = env.unitById.get(actor.unit);
  if (unit === undefined) return new AccessDenied({ action, entity: "ledger", reason: "unknown-unit" });
  if (!isWithinDivision(actor.scope, unit.jurisdiction)) return new AccessDenied({ action, entity: "ledger", reason: "out-of-scope" });
  return { actor, unitKind: unit.kind };
};

/**
 * Actors already validated, by their five fields: decoding is a pure function of
 * them, and a service is called by the same few hundred officers over and over.
 * Bounded: cleared when it holds 1,024.
 */
const validActors = new Map<string, Actor>();
const ACTOR_FIELDS = ["officerId", "name", "unit", "role", "scope"] as const;

const validActor = (input: Actor): Actor | ValidationError => {
  const plain = typeof input === "object" && input !== null && Object.keys(input).length === ACTOR_FIELDS.length && ACTOR_FIELDS.every((f) => typeof input[f] === "string");
  const key = plain ? ACTOR_FIELDS.map((f) => input[f]).join("\u0000") : undefined;
  const known = key === undefined ? undefined : validActors.get(key);
  if (known !== undefined) return known;
  const decoded = decode(ActorSchema, input);
  if (!decoded.ok) return decoded.error;
  if (key !== undefined) {
    if (validActors.size >= 1024) validActors.clear();
    validActors.set(key, decoded.value);
  }
  return decoded.value;
};

/** One transaction of a checked actor (on a replica for a read-only use case when the store has one), a refusal in it recorded after the rollback. */
const transaction = async <A, E>(
  env: LedgerEnv,
  ctx: ActorContext,
  body: (work: Work<E>) => Promise<A>,
  action?: string,
  options: UseCaseOptions = {},
): Promise<Outcome<A, E>> => {
  const store = env.store;
  const outcome =
    options.readOnly === true && action !== undefined && store.transactReadOnly !== undefined
      ? await onReplica(env, ctx, action, body, store as LedgerStore & Required<Pick<LedgerStore, "transactReadOnly">>)
      : await inTransaction(env, ctx, body, options.readOnly === true ? action : undefined);
  if (!outcome.ok && outcome.error instanceof AccessDenied) {
    const failed = await recordRefusal(env, ctx, outcome.error);
    if (failed) return { ok: false, error: failed };
  }
  return outcome;
};

const run = async <A, E>(
  env: LedgerEnv,
  action: string,
  actor: Actor,
  body: (work: Work<E>) => Promise<A>,
  options: UseCaseOptions,
): Promise<Outcome<A, E | AccessDenied | ValidationError>> => {
  const ctx = actorContextOf(env, actor, action);
  if (ctx instanceof AccessDenied || !("actor" in ctx)) return { ok: false, error: ctx };
  return transaction(env, ctx, body, action, options);
};

/** A use case as an Effect program that `createLedger` can also run directly. */
const asUseCase = <A, E>(direct: (env: LedgerEnv) => Promise<{ readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }>): UseCaseEffect<A, E> =>
  Object.assign(
    Effect.flatMap(LedgerEnvironment, (env) =>
      Effect.flatMap(
        Effect.promise(() => direct(env)),
        (outcome) => (outcome.ok ? Effect.succeed(outcome.value) : Effect.fail(outcome.error)),
      ),
    ),
    { [runDirect]: direct },
  );

/**
 * @internal How a use case runs.
 *
 * `readOnly: true` says the body only reads (and audits): a report, a listing,
 * a read of one record. Over a store with `transactReadOnly` the body then runs
 * there (a replica: it may not yet show what was committed a moment ago) and
 * its audit events are appended on the primary in a short transaction after
 * it, before the result is released; over a store without, it runs in one
 * `transact` as any use case does. Either way a write of its body (anything
 * but `work.audit`) is refused with a defect, so a read-only use case that
 * writes fails its tests over any store.
 */
export interface UseCaseOptions {
  /** @default false */
  readonly readOnly?: boolean;
}

/**
 * @internal The frame of every use case, as an Effect program: check the actor,
 * run the body in one transaction (its errors typed by the `Work<E>` it takes),
 * and audit a refusal. The body itself is plain async code, so a use case costs
 * one fiber, not one per store call.
 */
export const useCase = <A, E>(
  action: string,
  actor: Actor,
  body: (work: Work<E>) => Promise<A>,
  options: UseCaseOptions = {},
): UseCaseEffect<A, E | AccessDenied | ValidationError | StoreFailure> => asUseCase((env) => run(env, action, actor, body, options));

/**
 * @internal What a use case of several transactions works with: the checked
 * actor, `transaction`, which runs one body as {@link useCase} runs its one (all
 * or nothing with its audit events, retried on audit contention, a refusal
 * recorded after the rollback), and `refuse`, which records a refusal decided
 * before any transaction and returns it.
 */
export interface Session {
  readonly env: LedgerEnv;
  readonly ctx: ActorContext;
  readonly transaction: <A, E>(body: (work: Work<E>) => Promise<A>) => Promise<Outcome<A, E>>;
  readonly refuse: (denied: AccessDenied) => Promise<AccessDenied | StoreFailure>;
}

/**
 * @internal The frame of a use case that commits in several transactions (a
 * bulk import): the actor is checked once, then `body` runs as many
 * transactions as it needs through the {@link Session} and says how it ended.
 * Each transaction is atomic; the use case as a whole is not, so its body must
 * leave a state a later call can continue from.
 */
export const sessionUseCase = <A, E>(
  action: string,
  actor: Actor,
  body: (session: Session) => Promise<Outcome<A, E>>,
): UseCaseEffect<A, E | AccessDenied | ValidationError | StoreFailure> =>
  asUseCase(async (env): Promise<Outcome<A, E | AccessDenied | ValidationError>> => {
    const ctx = actorContextOf(env, actor, action);
    if (ctx instanceof AccessDenied || !("actor" in ctx)) return { ok: false, error: ctx };
    return body({
      env,
      ctx,
      transaction: (work) => transaction(env, ctx, work),
      refuse: async (denied) => (await recordRefusal(env, ctx, denied)) ?? denied,
    });
  });

/**
 * @internal A use case whose body only reads: {@link useCase} with `readOnly:
 * true`, so that it may read from the store's replica.
 */
export const readOnlyUseCase = <A, E>(action: string, actor: Actor, body: (work: Work<E>) => Promise<A>): UseCaseEffect<A, E | AccessDenied | ValidationError | StoreFailure> =>
  useCase(action, actor, body, { readOnly: true });

/** @internal How `createLedger` runs a use case without an Effect runtime (the same steps, about 20 µs less a call). */
export const runDirect: unique symbol = Symbol.for("@tiaojie/core/ledger/runDirect");

/** @internal A use case's Effect program, which `createLedger` can also run directly. */
export type UseCaseEffect<A, E> = Effect.Effect<A, E, LedgerEnvironment> & {
  readonly [runDirect]: (env: LedgerEnv) => Promise<{ readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }>;
};
