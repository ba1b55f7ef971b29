import { Context, Effect, Exit } from "effect";
import type { ActorContext } from "../access/actor-context.js";
import { chainEvent } from "../audit/audit-chain.js";
import type { Actor } from "../model/actor.js";
import { Actor as ActorSchema } from "../model/actor.js";
import { type DivisionCode, divisionLevel, isWithinDivision, parentDivision } from "../model/division-code.js";
import type { LocalDate } from "../model/local-date.js";
import type { LedgerTransaction } from "../ports/ledger-store.js";
import type { AuditEntityKind, AuditEventRow } from "../ports/store-rows.js";
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

/** @internal A transaction's view for use cases: the store's transaction, the time, and the audit it will append. */
export interface Work {
  readonly env: LedgerEnv;
  readonly tx: LedgerTransaction;
  readonly now: number;
  readonly today: LocalDate;
  readonly ctx: ActorContext;
  /** Queue an audit event of this transaction (appended at commit, in the same transaction). */
  readonly audit: (note: AuditNote) => void;
  /** Run a store call, turning a rejection into StoreFailure. */
  readonly call: <A>(f: () => Promise<A>) => Effect.Effect<A, StoreFailure>;
}

class Rollback {
  constructor(readonly exit: Exit.Exit<unknown, unknown>) {}
}
class AuditRace {}

const MAX_ATTEMPTS = 8;

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

const storeFailure = (env: LedgerEnv, cause: unknown): StoreFailure => new StoreFailure({ store: env.store.name, cause });

/**
 * Runs a use case's body in one store transaction: its writes and its audit
 * events commit together or not at all. A failure of the body rolls everything
 * back; an audit append that met another transaction's event retries the whole
 * body (up to 8 times).
 */
const inTransaction = <A, E>(env: LedgerEnv, ctx: ActorContext, body: (work: Work) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreFailure> =>
  Effect.suspend(() => {
    const attempt = (n: number): Effect.Effect<A, E | StoreFailure> =>
      Effect.flatMap(
        Effect.promise(() =>
          env.store
            .transact(async (tx) => {
              const notes: Array<AuditNote> = [];
              const now = env.clock.now();
              const work: Work = {
                env,
                tx,
                now,
                today: env.clock.today(),
                ctx,
                audit: (note) => void notes.push(note),
                call: (f) => Effect.tryPromise({ try: f, catch: (cause) => storeFailure(env, cause) }),
              };
              const exit = await Effect.runPromiseExit(body(work));
              if (Exit.isFailure(exit)) throw new Rollback(exit);
              await appendAll(env, tx, ctx, notes, now, "done");
              return exit;
            })
            .then(
              (exit): { readonly kind: "exit"; readonly exit: Exit.Exit<A, E> } => ({ kind: "exit", exit }),
              (reason: unknown) =>
                reason instanceof Rollback
                  ? ({ kind: "exit", exit: reason.exit as Exit.Exit<A, E> } as const)
                  : reason instanceof AuditRace
                    ? ({ kind: "race" } as const)
                    : ({ kind: "failed", cause: reason } as const),
            ),
        ),
        (outcome): Effect.Effect<A, E | StoreFailure> => {
          if (outcome.kind === "exit") return outcome.exit;
          if (outcome.kind === "race" && n + 1 < MAX_ATTEMPTS) return attempt(n + 1);
          return Effect.fail(storeFailure(env, outcome.kind === "race" ? new Error("audit chain contention: gave up after 8 attempts") : outcome.cause));
        },
      );
    return attempt(0);
  });

/** Records a refusal in its own transaction (the refused one was rolled back). */
const recordRefusal = (env: LedgerEnv, ctx: ActorContext, denied: AccessDenied, jurisdiction: DivisionCode): Effect.Effect<void, StoreFailure> =>
  Effect.flatMap(
    Effect.promise(() =>
      env.store
        .transact(async (tx) => {
          const note: AuditNote = {
            action: denied.action,
            entity: denied.entity,
            id: denied.id ?? "",
            jurisdiction,
            fields: denied.field === undefined ? [] : [denied.field],
            note: { reason: denied.reason },
          };
          await appendAll(env, tx, ctx, [note], env.clock.now(), "refused");
        })
        .then(
          () => undefined,
          (cause: unknown) => cause,
        ),
    ),
    (cause) => (cause === undefined ? Effect.void : Effect.fail(storeFailure(env, cause))),
  );

/**
 * The actor as the service knows them: a valid actor whose unit is in the unit
 * register and whose scope lies within their unit's division.
 */
const actorContextOf = (env: LedgerEnv, input: Actor, action: string): Effect.Effect<ActorContext, AccessDenied | ValidationError> => {
  const decoded = decode(ActorSchema, input);
  if (!decoded.ok) return Effect.fail(decoded.error);
  const actor = decoded.value;
  const unit = env.unitById.get(actor.unit);
  if (unit === undefined) return Effect.fail(new AccessDenied({ action, entity: "ledger", reason: "unknown-unit" }));
  if (!isWithinDivision(actor.scope, unit.jurisdiction)) return Effect.fail(new AccessDenied({ action, entity: "ledger", reason: "out-of-scope" }));
  return Effect.succeed({ actor, unitKind: unit.kind });
};

/**
 * @internal The frame of every use case: check the actor, run the body in one
 * transaction, and audit a refusal. `jurisdictionOf` names where a refusal is
 * recorded (the record's division when known, else the actor's scope).
 */
export const useCase = <A, E>(
  action: string,
  actor: Actor,
  body: (work: Work) => Effect.Effect<A, E>,
): Effect.Effect<A, E | AccessDenied | ValidationError | StoreFailure, LedgerEnvironment> =>
  Effect.flatMap(LedgerEnvironment, (env) =>
    Effect.flatMap(actorContextOf(env, actor, action), (ctx) =>
      inTransaction(env, ctx, body).pipe(
        Effect.tapError((e) =>
          e instanceof AccessDenied ? recordRefusal(env, ctx, e, refusalPlace(e, ctx)) : Effect.void,
        ),
      ),
    ),
  );

/** Refusals are recorded in the chain of the actor's own scope. */
const refusalPlace = (_e: AccessDenied, ctx: ActorContext): DivisionCode => ctx.actor.scope;
