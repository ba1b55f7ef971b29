import { fc } from "@fast-check/vitest";
import type { AuditEntityKind, AuditEventRow } from "../ports/store-rows.js";
import { ActorRoles } from "../taxonomy/actor-roles.js";
import { type AuditEventDraft, chainEvent } from "./audit-chain.js";

// Arbitraries for the audit tests: drafts of audit events and valid chains of them.

const entityKinds: ReadonlyArray<AuditEntityKind> = ["dispute", "person", "listing", "task", "grade", "submission", "hazard", "report", "ledger"];

export const recordId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,11}$/);

const noteValue = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());

/** A draft audit event of the given chain, optional parts sometimes present. */
export const auditDraft = (chain: string): fc.Arbitrary<AuditEventDraft> =>
  fc
    .record(
      {
        id: recordId,
        chain: fc.constant(chain),
        at: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        actor: fc.record({ officerId: recordId, unit: recordId, role: fc.constantFrom(...ActorRoles.codes) }),
        action: fc.constantFrom("dispute.register", "case.transition", "person.read", "listing.add", "report.export"),
        entity: fc.record({ kind: fc.constantFrom(...entityKinds), id: recordId }),
        fields: fc.array(fc.constantFrom("name", "sealed", "status", "level", "identityIndex"), { maxLength: 4 }),
        purpose: fc.constantFrom("casework", "follow-up", "monthly report"),
        outcome: fc.constantFrom("done" as const, "refused" as const),
        note: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), noteValue, { maxKeys: 3 }),
      },
      { requiredKeys: ["id", "chain", "at", "actor", "action", "entity", "fields", "outcome"] },
    )
    .map((d) => d as unknown as AuditEventDraft);

/** Drafts chained one after another with chainEvent. */
export const chainOf = (drafts: ReadonlyArray<AuditEventDraft>): ReadonlyArray<AuditEventRow> => {
  const out: Array<AuditEventRow> = [];
  for (const d of drafts) out.push(chainEvent(d, out[out.length - 1]));
  return out;
};

/** A valid chain of `minLength … maxLength` events. */
export const auditChain = (chain: string, minLength: number, maxLength: number): fc.Arbitrary<ReadonlyArray<AuditEventRow>> =>
  fc.array(auditDraft(chain), { minLength, maxLength }).map(chainOf);

/** A chain name: a 12-digit township code or `ledger`. */
export const chainName = fc.oneof(fc.stringMatching(/^53[0-9]{10}$/), fc.constant("ledger"));
