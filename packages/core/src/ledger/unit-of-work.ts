import { Context, Effect } from "effect";
import type { ActorContext } from "../access/actor-context.js";
import { chainEvent } from "../audit/audit-chain.js";
import type { Actor } from "../model/actor.js";
import { Actor as ActorSchema } from "../model/actor.js";
import { type DivisionCode, divisionLevel, isWithinDivision, parentDivision } from "../model/division-code.js";
import type { LocalDate } from "../model/local-date.js";
import type { AuditLog, Collection, DisputeCountQuery, FindQuery, LedgerTransaction } from "../ports/ledger-store.js";
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
  /** Queue an audit event of this transaction (appended at commit, in the same transaction). */
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

const MAX_ATTEMPTS = 8;

const fail = (error: unknown): never => {
  throw new Failed(error);
};

const rejected = (cause: unknown): never => {
  throw new StoreRejected(cause);
};

/** A collection whose every call's rejection is marked as the store's. */
class GuardedCollection<R extends RowBase, W> implements Collection<R, W> {
  constructor(private readonly inner: Collection<R, W>) {}
  readonly get = (id: string) => this.inner.get(id).catch(rejected);
  readonly insert = (row: R) => this.inner.insert(row).catch(rejected);
  readonly update = (row: R, expected: number) => this.inner.update(row, expected).catch(rejected);
  readonly remove = (id: string, expected: number) => this.inner.remove(id, expected).catch(rejected);
  readonly find = (query: FindQuery<W>) => this.inner.find(query).catch(rejected);
}

/** The audit log, its calls' rejections marked as the store's. */
class GuardedAuditLog implements AuditLog {
  constructor(private readonly inner: AuditLog) {}
  readonly head = (chain: string) => this.inner.head(chain).catch(rejected);
  readonly append = (event: AuditEventRow) => this.inner.append(event).catch(rejected);
  readonly list = (chain: string, afterSeq: number, limit: number) => this.inner.list(chain, afterSeq, limit).catch(rejected);
  readonly chains = () => this.inner.chains().catch(rejected);
}

/** The store's transaction with every call's rejection marked as the store's; each collection wrapped when first used. */
class GuardedTransaction implements LedgerTransaction {
  #memo = new Map<string, unknown>();
  /** Present exactly when the store's transaction has it. */
  declare readonly disputeCounts?: NonNullable<LedgerTransaction["disputeCounts"]>;
  constructor(private readonly inner: LedgerTransaction) {
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
  get disputes() { return this.#wrap("disputes", () => new GuardedCollection(this.inner.disputes)); }
  get persons() { return this.#wrap("persons", () => new GuardedCollection(this.inner.persons)); }
  get personKeys() { return this.#wrap("personKeys", () => new GuardedCollection(this.inner.personKeys)); }
  get listings() { return this.#wrap("listings", () => new GuardedCollection(this.inner.listings)); }
  get tasks() { return this.#wrap("tasks", () => new GuardedCollection(this.inner.tasks)); }
  get grades() { return this.#wrap("grades", () => new GuardedCollection(this.inner.grades)); }
  get submissions() { return this.#wrap("submissions", () => new GuardedCollection(this.inner.submissions)); }
  get hazards() { return this.#wrap("hazards", () => new GuardedCollection(this.inner.hazards)); }
  get idempotency() { return this.#wrap("idempotency", () => new GuardedCollection(this.inner.idempotency)); }
  get audit() { return this.#wrap("audit", () => new GuardedAuditLog(this.inner.audit)); }
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

type Outcome<A, E> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E | StoreFailure };

/**
 * Runs a use case's body in one store transaction: its writes and its audit
 * events commit together or not at all. A typed failure or a store failure rolls
 * everything back; an audit append that met another transaction's event runs
 * the whole body again (up to 8 times). A defect (a bug) rejects.
 */
const inTransaction = async <A, E>(env: LedgerEnv, ctx: ActorContext, body: (work: Work<E>) => Promise<A>): Promise<Outcome<A, E>> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await env.store.transact(async (raw) => {
        const tx = new GuardedTransaction(raw);
        const notes: Array<AuditNote> = [];
        const now = env.clock.now();
        const work: Work<E> = { env, tx, now, today: env.clock.today(), ctx, audit: (note) => void notes.push(note), fail, memo: new Map() };
        const result = await body(work);
        await appendAll(env, tx, ctx, notes, now, "done");
        return result;
      });
      return { ok: true, value };
    } catch (thrown) {
      if (thrown instanceof Failed) return { ok: false, error: thrown.error as E };
      if (thrown instanceof AuditRace) {
        if (attempt < MAX_ATTEMPTS) continue;
        return { ok: false, error: new StoreFailure({ store: env.store.name, cause: new Error("audit chain contention: gave up after 8 attempts") }) };
      }
      if (thrown instanceof StoreRejected) return { ok: false, error: new StoreFailure({ store: env.store.name, cause: thrown.cause }) };
      // A store that rejects its transaction by itself (a failed commit) is a store failure too.
      return { ok: false, error: new StoreFailure({ store: env.store.name, cause: thrown }) };
    }
  }
};

/** Records a refusal in its own transaction (the refused one was rolled back). */
const recordRefusal = async (env: LedgerEnv, ctx: ActorContext, denied: AccessDenied): Promise<StoreFailure | undefined> => {
  const note: AuditNote = {
    action: denied.action,
    entity: denied.entity,
    id: denied.id ?? "",
    jurisdiction: ctx.actor.scope,
    fields: denied.field === undefined ? [] : [denied.field],
    note: { reason: denied.reason },
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await env.store.transact((tx) => appendAll(env, tx, ctx, [note], env.clock.now(), "refused"));
      return undefined;
    } catch (cause) {
      if (cause instanceof AuditRace && attempt < MAX_ATTEMPTS) continue;
      return new StoreFailure({ store: env.store.name, cause });
    }
  }
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

const run = async <A, E>(env: LedgerEnv, action: string, actor: Actor, body: (work: Work<E>) => Promise<A>): Promise<Outcome<A, E | AccessDenied | ValidationError>> => {
  const ctx = actorContextOf(env, actor, action);
  if (ctx instanceof AccessDenied || !("actor" in ctx)) return { ok: false, error: ctx };
  const outcome = await inTransaction(env, ctx, body);
  if (!outcome.ok && outcome.error instanceof AccessDenied) {
    const failed = await recordRefusal(env, ctx, outcome.error);
    if (failed) return { ok: false, error: failed };
  }
  return outcome;
};

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
): UseCaseEffect<A, E | AccessDenied | ValidationError | StoreFailure> =>
  Object.assign(
    Effect.flatMap(LedgerEnvironment, (env) =>
      Effect.flatMap(
        Effect.promise(() => run(env, action, actor, body)),
        (outcome) => (outcome.ok ? Effect.succeed(outcome.value) : Effect.fail(outcome.error)),
      ),
    ),
    { [runDirect]: (env: LedgerEnv) => run(env, action, actor, body) },
  );

/** @internal How `createLedger` runs a use case without an Effect runtime (the same steps, about 20 µs less a call). */
export const runDirect: unique symbol = Symbol.for("@tiaojie/core/ledger/runDirect");

/** @internal A use case's Effect program, which `createLedger` can also run directly. */
export type UseCaseEffect<A, E> = Effect.Effect<A, E, LedgerEnvironment> & {
  readonly [runDirect]: (env: LedgerEnv) => Promise<{ readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }>;
};
