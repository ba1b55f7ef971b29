import { createHash } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { AuditEventRow } from "../ports/store-rows.js";
import { auditChain, auditDraft, chainName } from "./audit-arbitraries.js";
import { type AuditEventDraft, GENESIS_HASH, auditEventHash, chainEvent } from "./audit-chain.js";
import { canonicalJson } from "./canonical-json.js";

/** The hash as the issue states it, computed independently: SHA-256(prev bytes ‖ seq (u64 BE) ‖ canonical bytes). */
const specHash = (row: AuditEventRow): string => {
  const { hash: _, ...content } = row;
  const seq = new Uint8Array(8);
  new DataView(seq.buffer).setBigUint64(0, BigInt(row.seq), false);
  const prev = Uint8Array.from(row.prev.match(/../g)!.map((h) => parseInt(h, 16)));
  return createHash("sha256").update(prev).update(seq).update(new TextEncoder().encode(canonicalJson(content))).digest("hex");
};

const draft = {
  id: "ev-1",
  chain: "532301102000",
  at: 1739174400000,
  actor: { officerId: "o-7", unit: "sifasuo", role: "unit-officer" },
  action: "dispute.register",
  entity: { kind: "dispute", id: "d-1" },
  fields: ["dispute"],
  outcome: "done",
} as unknown as AuditEventDraft;

describe("chainEvent", () => {
  test("GENESIS_HASH is 64 zeros", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
  });

  test.prop([chainName.chain((c) => auditChain(c, 1, 12))])("numbers from 1, links each event to the one before, and hashes as specified", (events) => {
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.prev).toBe(i === 0 ? GENESIS_HASH : events[i - 1]!.hash);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.hash).toBe(specHash(e));
      expect(auditEventHash(e)).toBe(e.hash);
    });
  });

  test.prop([chainName.chain((c) => auditDraft(c)), fc.record({ seq: fc.integer({ min: 1, max: 2 ** 40 }), hash: fc.stringMatching(/^[0-9a-f]{64}$/) })])(
    "keeps the draft as it is and continues from any head",
    (d, head) => {
      const row = chainEvent(d, head);
      expect(row).toStrictEqual({ ...d, seq: head.seq + 1, prev: head.hash, hash: specHash(row) });
    },
  );

  // The value was computed independently (Python: json.dumps(sort_keys, compact) and hashlib).
  test("pins the hash of a known event (the stored format must never drift)", () => {
    const row = chainEvent(draft, undefined);
    expect(row.seq).toBe(1);
    expect(row.prev).toBe(GENESIS_HASH);
    expect(row.hash).toBe(specHash(row));
    expect(row.hash).toBe("a70385fa317823a0ac9a63633a74c9d11aad27e6c9687a3e42fd8dfa2abe4518");
  });
});

describe("auditEventHash", () => {
  test.prop([chainName.chain((c) => auditChain(c, 1, 3))])("does not depend on the key order of the event", (events) => {
    const e = events[events.length - 1]!;
    const reversed = Object.fromEntries(Object.entries(e).reverse()) as unknown as AuditEventRow;
    expect(auditEventHash(reversed)).toBe(e.hash);
  });

  test.prop([chainName.chain((c) => auditChain(c, 1, 3)), fc.integer({ min: 1, max: 1000 })])(
    "covers the seq and the prev (another seq or prev gives another hash)",
    (events, shift) => {
      const e = events[0]!;
      expect(auditEventHash({ ...e, seq: e.seq + shift })).not.toBe(e.hash);
      expect(auditEventHash({ ...e, prev: "f".repeat(64) })).not.toBe(e.hash);
    },
  );

  test("ignores a hash property, refuses a malformed prev or seq", () => {
    const row = chainEvent(draft, undefined);
    expect(auditEventHash({ ...row, hash: "anything" } as AuditEventRow)).toBe(row.hash);
    expect(() => auditEventHash({ ...row, prev: "F".repeat(64) })).toThrow(TypeError);
    expect(() => auditEventHash({ ...row, prev: "0".repeat(63) })).toThrow(TypeError);
    expect(() => auditEventHash({ ...row, seq: 1.5 })).toThrow(TypeError);
    expect(() => auditEventHash({ ...row, seq: -1 })).toThrow(TypeError);
    expect(() => auditEventHash({ ...row, at: Number.NaN })).toThrow(TypeError);
  });
});
