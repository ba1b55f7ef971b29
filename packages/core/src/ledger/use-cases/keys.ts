import type { AccessDenied, RecordNotFound, VersionConflict } from "../ledger-errors.js";
import { rewrapDataKey } from "../../crypto/key-rotation.js";
import type { Actor } from "../../model/actor.js";
import type { PersonKeyRow } from "../../ports/store-rows.js";
import { requireRole } from "../access-checks.js";
import { SealedDataUnreadable } from "../ledger-errors.js";
import { type Work, useCase } from "../unit-of-work.js";
import { writeNext } from "../versioned-write.js";
import { findAll } from "./tasks.js";

/**
 * What `rotateKeys` did: how many data keys it re-wrapped, and with which key.
 * @since 0.3.0
 */
export interface RotationResult {
  readonly keyId: string;
  readonly rewrapped: number;
}

/**
 * Re-wraps every person's data key in the actor's scope that is wrapped by
 * another key-encryption key than the provider's current one. The sealed data
 * itself is not touched (envelope encryption): only the small wrapped keys
 * change. Once it has run for every scope, the old key can leave the provider.
 * Only the peace and rule-of-law office (coordinator) rotates; the rotation is
 * audited.
 *
 * @example
 * ```ts
 * const ledger2 = createLedger({ ...options, keys: withRotatedKey(keys, "kek-2026", newKek) });
 * await ledger2.rotateKeys(coordinator);
 * ```
 * @since 0.3.0
 */
export const rotateKeys = (actor: Actor) =>
  useCase("rotate-keys", actor, async (work: Work<AccessDenied | RecordNotFound | VersionConflict | SealedDataUnreadable>) => {
      requireRole(work, ["coordinator"], { action: "rotate-keys", entity: "ledger" });
      const keyId = work.env.keys.currentKeyId;
      const to = work.env.keys.keyEncryptionKey(keyId);
      if (to === undefined) throw new RangeError(`key provider: no key-encryption key ${keyId}`);
      const rows = await findAll<PersonKeyRow, { kekIdNot: string }>(work, (q) => work.tx.personKeys.find(q), { kekIdNot: keyId });
      for (const row of rows) {
        const from = work.env.keys.keyEncryptionKey(row.kekId);
        if (from === undefined) return work.fail(new SealedDataUnreadable({ person: row.id, why: "key-missing" }));
        const wrapped = rewrapDataKey(row.wrapped, from, to, row.id);
        if (wrapped === undefined) return work.fail(new SealedDataUnreadable({ person: row.id, why: "corrupt" }));
        await writeNext(work, work.tx.personKeys, "person", row, { ...row, kekId: keyId, wrapped });
      }
      work.audit({ action: "rotate-keys", entity: "ledger", id: keyId, jurisdiction: work.ctx.actor.scope, fields: ["personKeys"], note: { rewrapped: rows.length } });
      return { keyId, rewrapped: rows.length } satisfies RotationResult;
  });
