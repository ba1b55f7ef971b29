import { createHash } from "node:crypto";
import type { AuditEventRow } from "../ports/store-rows.js";
import { canonicalJson } from "./canonical-json.js";

/**
 * The `prev` of a chain's first event: 64 zeros (the hex of 32 zero bytes).
 *
 * @example
 * ```ts
 * import { GENESIS_HASH } from "@tiaojie/core";
 *
 * GENESIS_HASH.length; // 64
 * ```
 * @since 0.3.0
 */
export const GENESIS_HASH = "0".repeat(64);

/**
 * An audit event before it takes its place in a chain: everything but `seq`,
 * `prev` and `hash`, which {@link chainEvent} fills in.
 *
 * @example
 * ```ts
 * import type { AuditEventDraft } from "@tiaojie/core";
 *
 * const draft: AuditEventDraft = {
 *   id: "ev-1", chain: "532301102000", at: 1739150400000,
 *   actor: { officerId: "o-1", unit: "sifasuo", role: "mediator" },
 *   action: "dispute.register", entity: { kind: "dispute", id: "d-1" },
 *   fields: ["dispute"], outcome: "done",
 * } as AuditEventDraft;
 * ```
 * @since 0.3.0
 */
export type AuditEventDraft = Omit<AuditEventRow, "seq" | "prev" | "hash">;

const HEX_HASH = /^[0-9a-f]{64}$/;

/** Whether a text is a hash as the chain writes it: 64 lowercase hex digits. */
export const isHexHash = (text: unknown): text is string => typeof text === "string" && HEX_HASH.test(text);

/**
 * The hash of an audit event: hex SHA-256 of the 32 bytes of `prev` (hex), then
 * `seq` as an 8-byte big-endian unsigned integer, then the UTF-8 bytes of the
 * canonical JSON ({@link canonicalJson}) of the event without its `hash` (a `hash`
 * property of the argument is ignored, so a stored row can be passed as it is).
 * This is `h_i = SHA-256(h_{i-1} ‖ seq ‖ canonical bytes of the stored event)`;
 * `prev` and `seq` are inside the canonical bytes as well.
 *
 * @throws TypeError when `prev` is not 64 lowercase hex digits, `seq` not a
 * non-negative safe integer, or the event holds something JSON cannot.
 * @example
 * ```ts
 * import { auditEventHash } from "@tiaojie/core";
 *
 * const { hash, ...rest } = row;
 * auditEventHash(rest) === hash; // true for an untouched row
 * ```
 * @since 0.3.0
 */
export const auditEventHash = (event: Omit<AuditEventRow, "hash">): string => {
  if (!("hash" in event)) return hashOfContent(event);
  const { hash: _ignored, ...content } = event as Omit<AuditEventRow, "hash"> & { readonly hash?: unknown };
  return hashOfContent(content);
};

/** {@link auditEventHash} of an event that has no `hash` property. */
const hashOfContent = (content: Omit<AuditEventRow, "hash">): string => {
  const { prev, seq } = content;
  if (!isHexHash(prev)) throw new TypeError("auditEventHash: prev must be 64 lowercase hex digits");
  if (!Number.isSafeInteger(seq) || seq < 0) throw new TypeError("auditEventHash: seq must be a non-negative safe integer");
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  return createHash("sha256")
    .update(Buffer.from(prev, "hex"))
    .update(seqBytes)
    .update(canonicalJson(content), "utf8")
    .digest("hex");
};

/**
 * Places a draft event at the end of its chain: `seq` one more than the head's (1
 * for an empty chain), `prev` the head's hash ({@link GENESIS_HASH} for an empty
 * chain), and its `hash` ({@link auditEventHash}).
 *
 * @param head - the chain's last event as the store reports it (`AuditLog.head`),
 * or `undefined` when the chain is empty
 * @throws TypeError when the head's hash is not 64 lowercase hex digits or the
 * draft holds something JSON cannot.
 * @example
 * ```ts
 * import { chainEvent } from "@tiaojie/core";
 *
 * const first = chainEvent(draft, undefined); // seq 1, prev GENESIS_HASH
 * const second = chainEvent(nextDraft, first); // seq 2, prev first.hash
 * ```
 * @since 0.3.0
 */
export const chainEvent = (
  draft: AuditEventDraft,
  head: { readonly seq: number; readonly hash: string } | undefined,
): AuditEventRow => {
  const placed: Omit<AuditEventRow, "hash"> & { hash?: string } = {
    ...draft,
    seq: head === undefined ? 1 : head.seq + 1,
    prev: head === undefined ? GENESIS_HASH : head.hash,
  };
  // A draft that carries a `hash` of its own has it replaced.
  if ("hash" in placed) delete placed.hash;
  placed.hash = hashOfContent(placed);
  return placed as AuditEventRow;
};
