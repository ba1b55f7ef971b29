import type { ValidationError } from "../../validation/validation-error.js";
import { audienceOf } from "../../access/access-decisions.js";
import { type ChainVerification, verifyChain } from "../../audit/verify-chain.js";
import { type Checkpoint, type CheckpointProblem, compareWithCheckpoint, signCheckpoint, verifyCheckpoint } from "../../audit/checkpoint.js";
import type { Actor } from "../../model/actor.js";
import { isWithinDivision } from "../../model/division-code.js";
import type { DivisionCode } from "../../model/division-code.js";
import type { AuditEventRow } from "../../ports/store-rows.js";
import { AccessDenied, SigningKeyMissing } from "../ledger-errors.js";
import { invalid } from "../decode-input.js";
import { useCase, type Work, readOnlyUseCase } from "../unit-of-work.js";
import { pageArgs, nextCursor, type ListPage } from "./dispute-queries.js";

const PAGE = 1000;

/** Whether a chain (named by its division) lies within the actor's scope. */
const inScope = (work: Work, chain: string): boolean => /^\d{12}$/.test(chain) && isWithinDivision(chain as DivisionCode, work.ctx.actor.scope);

/** The chains within the actor's scope. */
const chainsInScope = async (work: Work): Promise<ReadonlyArray<string>> => (await work.tx.audit.chains()).filter((c) => inScope(work, c));

const readChain = async (work: Work, chain: string): Promise<ReadonlyArray<AuditEventRow>> => {
    const events: Array<AuditEventRow> = [];
    for (;;) {
      const page = await work.tx.audit.list(chain, events.at(-1)?.seq ?? 0, PAGE);
      events.push(...page);
      if (page.length < PAGE) return events;
    }
};

const auditReaders = (work: Work<AccessDenied>, action: string): void => {
  const audience = audienceOf(work.ctx, work.env.policy);
  const allowed = audience?.auditTrail === "full" || work.ctx.actor.role === "coordinator";
  if (!allowed) work.fail(new AccessDenied({ action, entity: "ledger", reason: "role" }));
};

/**
 * The result of verifying the audit log: every chain in the actor's scope, its
 * size and head, and the first problem found in each (edited, deleted, inserted,
 * reordered, or, against a checkpoint, rewritten or truncated).
 * @since 0.3.0
 */
export interface AuditVerification {
  readonly ok: boolean;
  readonly chains: ReadonlyArray<ChainVerification>;
  /** The checkpoint's own problem (a bad signature, a malformed text), when one was given. */
  readonly checkpoint?: CheckpointProblem;
  /** Problems found only against the checkpoint. */
  readonly againstCheckpoint: ReadonlyArray<ReturnType<typeof compareWithCheckpoint>[number]>;
}

/**
 * Verifies the audit chains in the actor's scope from the stored events alone
 * (no keys needed: events hash their stored form). With a checkpoint kept outside
 * the database and the public key it was signed with, it also detects a chain
 * rewritten as a whole or cut short. Auditors and the coordinator verify.
 *
 * Without a checkpoint it may read from the store's replica (`transactReadOnly`)
 * and then verifies each chain as far as the replica has it, which may not yet
 * hold the events of a moment ago. With a checkpoint it reads the primary: a
 * replica behind the checkpoint would look like a chain cut short.
 *
 * @example
 * ```ts
 * const r = await ledger.verifyAudit(auditor, { checkpoint, publicKey });
 * if (r.ok && !r.value.ok) console.log(r.value.chains.find((c) => !c.ok)?.problem);
 * ```
 * @since 0.3.0
 */
export const verifyAudit = (actor: Actor, options: { readonly checkpoint?: string; readonly publicKey?: string } = {}) =>
  useCase("verify-audit", actor, async (work: Work<AccessDenied | ValidationError>) => {
      auditReaders(work, "verify-audit");
      if ((options.checkpoint === undefined) !== (options.publicKey === undefined)) {
        return work.fail(invalid(["publicKey"], "核验检查点需要同时提供检查点和公钥", "a checkpoint is verified with its public key: give both"));
      }
      const chains = await chainsInScope(work);
      const verified: Array<ChainVerification & { readonly hashAt: (seq: number) => string | undefined }> = [];
      for (const chain of chains) {
        const list = await readChain(work, chain);
        const bySeq = new Map(list.map((e) => [e.seq, e.hash]));
        verified.push({ ...verifyChain(chain, list), hashAt: (seq) => bySeq.get(seq) });
      }
      let checkpointProblem: CheckpointProblem | undefined;
      let against: AuditVerification["againstCheckpoint"] = [];
      if (options.checkpoint !== undefined && options.publicKey !== undefined) {
        const cp = verifyCheckpoint(options.checkpoint, options.publicKey);
        if (!cp.ok) checkpointProblem = cp.error;
        else {
          const scoped: Checkpoint = { ...cp.value, heads: cp.value.heads.filter((h) => inScope(work, h.chain)) };
          against = compareWithCheckpoint(scoped, verified);
        }
      }
      const ok = verified.every((v) => v.ok) && checkpointProblem === undefined && against.length === 0;
      return { ok, chains: verified.map(({ hashAt: _h, ...v }) => v), againstCheckpoint: against, ...(checkpointProblem === undefined ? {} : { checkpoint: checkpointProblem }) } satisfies AuditVerification;
  }, { readOnly: options.checkpoint === undefined });

/**
 * A signed checkpoint of the audit chains in the actor's scope: their sizes and
 * head hashes, signed with the key provider's Ed25519 key, as text in the C2SP
 * tlog-checkpoint style. Keep it outside the database (print it in the monthly
 * report, send it to the county): `verifyAudit({ checkpoint, publicKey })` then
 * detects a rewrite of a whole chain. It always reads the primary, never a
 * replica: a lagging replica's heads would be signed as the chains' heads now.
 *
 * @example
 * ```ts
 * const cp = await ledger.auditCheckpoint(coordinator);
 * if (cp.ok) console.log(cp.value);
 * ```
 * @since 0.3.0
 */
export const auditCheckpoint = (actor: Actor) =>
  useCase("audit-checkpoint", actor, async (work: Work<AccessDenied | SigningKeyMissing>) => {
      auditReaders(work, "audit-checkpoint");
      const signer = work.env.keys.checkpointSigner;
      if (signer === undefined) return work.fail(new SigningKeyMissing());
      const chains = await chainsInScope(work);
      const heads = [];
      for (const chain of chains) {
        const head = await work.tx.audit.head(chain);
        if (head !== undefined) heads.push({ chain, size: head.seq, hash: head.hash });
      }
      return signCheckpoint({ origin: work.env.checkpointOrigin, heads, signer, at: work.now });
  });

/**
 * The audit events of one chain in the actor's scope, a page at a time, for
 * auditors (the policy's audience with the audit trail) and the coordinator.
 *
 * It may read from the store's replica (`transactReadOnly`), which may not yet
 * show a change committed a moment ago: read-your-writes is not guaranteed there.
 *
 * @example
 * ```ts
 * const r = await ledger.auditTrail(auditor, { chain: township, limit: 100 });
 * ```
 * @since 0.3.0
 */
export const auditTrail = (actor: Actor, query: { readonly chain: string; readonly limit?: number; readonly cursor?: string }) =>
  readOnlyUseCase("audit-trail", actor, async (work: Work<AccessDenied | ValidationError>) => {
      auditReaders(work, "audit-trail");
      if (!inScope(work, query.chain)) {
        return work.fail(new AccessDenied({ action: "audit-trail", entity: "ledger", id: query.chain, reason: "out-of-scope" }));
      }
      const { limit, after } = pageArgs(work, query.limit, query.cursor, PAGE);
      const afterSeq = after === undefined ? 0 : Number(after);
      if (!Number.isInteger(afterSeq) || afterSeq < 0) return work.fail(invalid(["cursor"], "分页标记无效", "the cursor is not one this ledger made"));
      const items = await work.tx.audit.list(query.chain, afterSeq, limit);
      return { items, ...nextCursor(items.length === limit ? String(items.at(-1)!.seq) : undefined) } satisfies ListPage<AuditEventRow>;
  });
