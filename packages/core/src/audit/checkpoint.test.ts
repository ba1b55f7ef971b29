import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CheckpointSigner } from "../ports/key-provider.js";
import type { AuditEventRow } from "../ports/store-rows.js";
import { auditChain, auditDraft, chainOf } from "./audit-arbitraries.js";
import { GENESIS_HASH } from "./audit-chain.js";
import { canonicalJson } from "./canonical-json.js";
import { type ChainHead, type Checkpoint, compareWithCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint } from "./checkpoint.js";
import { verifyChain } from "./verify-chain.js";

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicKey: publicKey.export({ format: "pem", type: "spki" }).toString(),
    raw: Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url"),
  };
};
const key = keyPair();
const otherKey = keyPair();
const signer: CheckpointSigner = { keyName: "zixi-2025", privateKey: key.privateKey };
const ORIGIN = "tiaojie.example/zixi/audit";

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const chainName = fc.oneof(fc.stringMatching(/^53[0-9]{10}$/), fc.constant("ledger"), fc.stringMatching(/^[a-z\u4e00-\u9fa5._-]{1,8}$/));
const heads = fc.uniqueArray(fc.record({ chain: chainName, size: fc.nat({ max: 1_000_000 }), hash: hex64 }), {
  selector: (h) => h.chain,
  maxLength: 6,
});
const instant = fc.option(fc.integer({ min: 0, max: Date.parse("2100-01-01T00:00:00Z") }), { nil: undefined });

const sorted = (hs: ReadonlyArray<ChainHead>): ReadonlyArray<ChainHead> => [...hs].sort((a, b) => (a.chain < b.chain ? -1 : 1)).map((h) => ({ chain: h.chain, size: h.size, hash: h.hash }));
const checkpointOf = (hs: ReadonlyArray<ChainHead>, at?: number): string =>
  signCheckpoint({ origin: ORIGIN, heads: hs, signer, ...(at !== undefined ? { at } : {}) });

/** Signs any body text as signed-note does, to build notes signCheckpoint would refuse to write. */
const signBody = (body: string, keyName = signer.keyName): string => {
  const id = createHash("sha256").update(keyName).update(Buffer.from([0x0a, 0x01])).update(key.raw).digest().subarray(0, 4);
  const signature = sign(null, Buffer.from(body), key.privateKey);
  return `${body}\n\u2014 ${keyName} ${Buffer.concat([id, signature]).toString("base64")}\n`;
};

describe("signCheckpoint and verifyCheckpoint", () => {
  test.prop([heads, instant])("round trip: what is signed verifies and reads back", (hs, at) => {
    const text = checkpointOf(hs, at);
    const expected: Checkpoint = {
      origin: ORIGIN,
      size: hs.reduce((n, h) => n + h.size, 0),
      rootHash: createHash("sha256").update(canonicalJson(sorted(hs))).digest("hex"),
      heads: sorted(hs),
      ...(at !== undefined ? { at } : {}),
      keyName: signer.keyName,
    };
    expect(verifyCheckpoint(text, key.publicKey)).toStrictEqual({ ok: true, value: expected });
    expect(parseCheckpoint(text)).toStrictEqual({ ok: true, value: expected });
  });

  test("writes the C2SP checkpoint layout", () => {
    const h = "ab".repeat(32);
    const text = checkpointOf([{ chain: "ledger", size: 3, hash: h }, { chain: "532301102000", size: 2, hash: GENESIS_HASH }], Date.parse("2025-02-10T08:00:00Z"));
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual([ORIGIN, "5", expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/)]);
    expect(lines.slice(3, 7)).toEqual([
      `chain 532301102000 2 ${Buffer.alloc(32).toString("base64")}`,
      `chain ledger 3 ${Buffer.from(h, "hex").toString("base64")}`,
      "time 2025-02-10T08:00:00.000Z",
      "",
    ]);
    expect(lines[7]).toMatch(/^\u2014 zixi-2025 [A-Za-z0-9+/]{91}=$/);
    expect(lines[8]).toBe("");
    // The signature line's first 4 bytes are the key id of signed-note.
    const id = createHash("sha256").update("zixi-2025\n\x01").update(key.raw).digest().subarray(0, 4);
    expect(Buffer.from(lines[7]!.split(" ")[2]!, "base64").subarray(0, 4)).toEqual(id);
  });

  // Every kind of change to one line of the note: a character replaced, added or
  // removed, the line dropped, doubled or swapped with the next.
  const lineChange = fc.record({
    line: fc.nat(),
    op: fc.constantFrom("replace", "add", "remove", "drop", "double", "swap"),
    at: fc.nat(),
    char: fc.constantFrom("0", "a", "A", "+", "/", "=", " ", "\n", "—", "二"),
  });
  test.prop([heads, instant, lineChange])("any change of any line, the signature line included, is refused", (hs, at, change) => {
    const text = checkpointOf(hs, at);
    const lines = text.split("\n");
    const i = change.line % lines.length;
    const line = lines[i]!;
    const c = line.length === 0 ? 0 : change.at % line.length;
    const next = [...lines];
    switch (change.op) {
      case "replace":
        next[i] = line.slice(0, c) + change.char + line.slice(c + 1);
        break;
      case "add":
        next[i] = line.slice(0, c) + change.char + line.slice(c);
        break;
      case "remove":
        next[i] = line.slice(0, c) + line.slice(c + 1);
        break;
      case "drop":
        next.splice(i, 1);
        break;
      case "double":
        next.splice(i, 0, line);
        break;
      case "swap":
        next.splice(i, 2, lines[i + 1] ?? "", line);
        break;
    }
    const changed = next.join("\n");
    fc.pre(changed !== text);
    const r = verifyCheckpoint(changed, key.publicKey);
    expect(r.ok).toBe(false);
  });

  test.prop([heads, fc.nat(), fc.nat(7)])("any flipped bit of the key id or signature is refused", (hs, byte, bit) => {
    const text = checkpointOf(hs);
    const cut = text.lastIndexOf(" ") + 1;
    const bytes = Buffer.from(text.slice(cut, -1), "base64");
    bytes[byte % bytes.length]! ^= 1 << bit;
    const r = verifyCheckpoint(`${text.slice(0, cut)}${bytes.toString("base64")}\n`, key.publicKey);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(byte % bytes.length < 4 ? "unknown-key" : "bad-signature");
  });

  test.prop([heads])("another public key, or another key name, is an unknown key", (hs) => {
    const text = checkpointOf(hs);
    expect(verifyCheckpoint(text, otherKey.publicKey)).toMatchObject({ ok: false, error: { code: "unknown-key" } });
    const renamed = text.replace("\u2014 zixi-2025 ", "\u2014 zixi-2026 ");
    expect(verifyCheckpoint(renamed, key.publicKey)).toMatchObject({ ok: false, error: { code: "unknown-key" } });
    // A checkpoint signed by someone else's key under the same name.
    const forged = signCheckpoint({ origin: ORIGIN, heads: hs, signer: { keyName: signer.keyName, privateKey: otherKey.privateKey } });
    expect(verifyCheckpoint(forged, key.publicKey)).toMatchObject({ ok: false, error: { code: "unknown-key" } });
  });

  test("a key that is not an Ed25519 SPKI key is refused as unknown", () => {
    const text = checkpointOf([]);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(verifyCheckpoint(text, rsa)).toMatchObject({ ok: false, error: { code: "unknown-key" } });
    expect(verifyCheckpoint(text, "not a key")).toMatchObject({ ok: false, error: { code: "unknown-key" } });
  });

  test("a correctly signed body whose root hash or total size disagrees with its heads is a root mismatch", () => {
    const hash = Buffer.alloc(32, 7).toString("base64");
    const line = `chain ledger 4 ${hash}`;
    const root = createHash("sha256").update(canonicalJson([{ chain: "ledger", size: 4, hash: Buffer.alloc(32, 7).toString("hex") }])).digest("base64");
    const wrongRoot = signBody(`${ORIGIN}\n4\n${Buffer.alloc(32).toString("base64")}\n${line}\n`);
    const wrongSize = signBody(`${ORIGIN}\n5\n${root}\n${line}\n`);
    const right = signBody(`${ORIGIN}\n4\n${root}\n${line}\n`);
    expect(verifyCheckpoint(right, key.publicKey).ok).toBe(true);
    for (const text of [wrongRoot, wrongSize]) {
      expect(verifyCheckpoint(text, key.publicKey)).toMatchObject({ ok: false, error: { code: "root-mismatch" } });
      expect(parseCheckpoint(text)).toMatchObject({ ok: false, error: { code: "root-mismatch" } });
    }
  });

  test("refuses malformed notes, even when signed", () => {
    const root = createHash("sha256").update("[]").digest("base64");
    const bodies = [
      `${ORIGIN}\n0\n`, // no root hash
      `${ORIGIN}\n00\n${root}\n`, // leading zero
      `${ORIGIN}\n0\n${root}\nsomething else\n`, // unknown extension line
      `${ORIGIN}\n0\n${root}\ntime 2025-02-10T08:00:00Z\n`, // not the ISO form toISOString writes
      `${ORIGIN}\n0\n${root.replace("=", "")}\n`, // non-canonical base64
    ];
    for (const body of bodies) expect(verifyCheckpoint(signBody(body), key.publicKey)).toMatchObject({ ok: false, error: { code: "malformed" } });
    const good = checkpointOf([]);
    const twoSignatures = `${good}${good.slice(good.lastIndexOf("\u2014"))}`;
    for (const text of ["", "no blank line\n", good.slice(0, -1), twoSignatures, good.replace("\u2014", "-")])
      expect(parseCheckpoint(text)).toMatchObject({ ok: false, error: { code: "malformed" } });
  });

  test("refuses to sign what a checkpoint cannot carry", () => {
    const h = { chain: "ledger", size: 1, hash: GENESIS_HASH };
    const bad: ReadonlyArray<Parameters<typeof signCheckpoint>[0]> = [
      { origin: "", heads: [h], signer },
      { origin: "two\nlines", heads: [h], signer },
      { origin: ORIGIN, heads: [h, h], signer },
      { origin: ORIGIN, heads: [{ ...h, chain: "a b" }], signer },
      { origin: ORIGIN, heads: [{ ...h, size: -1 }], signer },
      { origin: ORIGIN, heads: [{ ...h, size: 1.5 }], signer },
      { origin: ORIGIN, heads: [{ ...h, hash: "AB".repeat(32) }], signer },
      { origin: ORIGIN, heads: [h], signer: { ...signer, keyName: "a+b" } },
      { origin: ORIGIN, heads: [h], signer: { ...signer, keyName: "a b" } },
      { origin: ORIGIN, heads: [h], signer: { ...signer, privateKey: "not a key" } },
      { origin: ORIGIN, heads: [h], signer, at: Number.NaN },
    ];
    for (const input of bad) expect(() => signCheckpoint(input)).toThrow(TypeError);
  });
});

describe("compareWithCheckpoint", () => {
  const CHAIN = "532301102000";
  const withLookup = (chain: string, events: ReadonlyArray<AuditEventRow>) => {
    const bySeq = new Map(events.map((e) => [e.seq, e.hash]));
    return { ...verifyChain(chain, events), hashAt: (seq: number) => bySeq.get(seq) };
  };
  const checkpointAt = (chain: string, events: ReadonlyArray<AuditEventRow>): Checkpoint => {
    const text = checkpointOf([{ chain, size: events.length, hash: events[events.length - 1]?.hash ?? GENESIS_HASH }]);
    const r = verifyCheckpoint(text, key.publicKey);
    if (!r.ok) throw new Error(r.error.en);
    return r.value;
  };

  test.prop([auditChain(CHAIN, 1, 10), fc.array(auditDraft(CHAIN), { maxLength: 3 })])("a chain that only grew since the checkpoint holds", (events, later) => {
    const checkpoint = checkpointAt(CHAIN, events);
    const grown = chainOf([...events, ...later]);
    expect(compareWithCheckpoint(checkpoint, [withLookup(CHAIN, grown)])).toEqual([]);
  });

  test.prop([
    auditChain(CHAIN, 1, 10).chain((events) => fc.tuple(fc.constant(events), fc.nat(events.length - 1))),
    fc.constantFrom("note", "at", "actor"),
    fc.array(auditDraft(CHAIN), { maxLength: 2 }),
  ])("a chain recomputed consistently verifies on its own but is caught as rewritten", ([events, i], field, later) => {
    const checkpoint = checkpointAt(CHAIN, events);
    // The attacker edits event i and recomputes every hash from it on, maybe appending more.
    const drafts = events.map(({ seq: _s, prev: _p, hash: _h, ...d }) => d);
    const target = drafts[i]!;
    drafts[i] =
      field === "note"
        ? { ...target, note: { ...target.note, forged: true } }
        : field === "at"
          ? { ...target, at: target.at + 1 }
          : { ...target, actor: { ...target.actor, officerId: `${target.actor.officerId}x` as typeof target.actor.officerId } };
    const rewritten = chainOf([...drafts, ...later]);
    expect(verifyChain(CHAIN, rewritten).ok).toBe(true);
    const problems = compareWithCheckpoint(checkpoint, [withLookup(CHAIN, rewritten)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ chain: CHAIN, kind: "rewritten", seq: events.length });
  });

  test.prop([auditChain(CHAIN, 2, 10).chain((events) => fc.tuple(fc.constant(events), fc.nat(events.length - 1)))])(
    "rewriting only events after the checkpoint's size is beyond its reach",
    ([events, i]) => {
      const checkpoint = checkpointAt(CHAIN, events.slice(0, i + 1));
      const drafts = events.map(({ seq: _s, prev: _p, hash: _h, ...d }) => d);
      const rewritten = chainOf([...drafts.slice(0, i + 1), ...drafts.slice(i + 1).map((d) => ({ ...d, action: "forged" }))]);
      expect(compareWithCheckpoint(checkpoint, [withLookup(CHAIN, rewritten)])).toEqual([]);
    },
  );

  test.prop([auditChain(CHAIN, 1, 10).chain((events) => fc.tuple(fc.constant(events), fc.nat(events.length - 1)))])(
    "a truncated chain verifies on its own but is caught as truncated where its events end",
    ([events, kept]) => {
      const checkpoint = checkpointAt(CHAIN, events);
      const truncated = events.slice(0, kept);
      expect(verifyChain(CHAIN, truncated).ok).toBe(true);
      expect(compareWithCheckpoint(checkpoint, [withLookup(CHAIN, truncated)])).toEqual([
        expect.objectContaining({ chain: CHAIN, kind: "truncated", seq: kept + 1 }),
      ]);
    },
  );

  test.prop([auditChain(CHAIN, 1, 6), auditChain("ledger", 1, 6)])("a chain gone entirely is truncated from seq 1; each chain is compared on its own", (a, b) => {
    const text = checkpointOf([
      { chain: CHAIN, size: a.length, hash: a[a.length - 1]!.hash },
      { chain: "ledger", size: b.length, hash: b[b.length - 1]!.hash },
    ]);
    const r = verifyCheckpoint(text, key.publicKey);
    if (!r.ok) throw new Error(r.error.en);
    expect(compareWithCheckpoint(r.value, [withLookup("ledger", b)])).toEqual([expect.objectContaining({ chain: CHAIN, kind: "truncated", seq: 1 })]);
    expect(compareWithCheckpoint(r.value, [withLookup("ledger", b), withLookup(CHAIN, a)])).toEqual([]);
  });

  test.prop([auditChain(CHAIN, 2, 10)])("a chain that goes on past the checkpoint's size but lost that event shows it deleted", (events) => {
    const checkpoint = checkpointAt(CHAIN, events.slice(0, -1));
    const holed = events.filter((_, j) => j !== events.length - 2);
    expect(compareWithCheckpoint(checkpoint, [withLookup(CHAIN, holed)])).toEqual([
      expect.objectContaining({ chain: CHAIN, kind: "deleted", seq: events.length - 1 }),
    ]);
    expect(verifyChain(CHAIN, holed).problem?.kind).toBe("deleted");
  });
});
