import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import type { CheckpointSigner } from "../ports/key-provider.js";
import { type Result, err, ok } from "../validation/result.js";
import { isHexHash } from "./audit-chain.js";
import { canonicalJson } from "./canonical-json.js";
import { type AuditProblem, type ChainVerification, auditProblem } from "./verify-chain.js";

// A checkpoint is a C2SP signed note (https://c2sp.org/signed-note) whose body
// follows the tlog-checkpoint layout (https://c2sp.org/tlog-checkpoint), with the
// ledger's audit chains in place of one Merkle tree:
//
//   <origin>
//   <total size: the sum of the chains' sizes>
//   <base64 root hash: SHA-256 of the canonical JSON of the heads, sorted by chain>
//   chain <name> <size> <base64 head hash>      one line per chain, sorted by name
//   time <ISO instant>                          optional
//
//   — <key name> <base64(4-byte key id ‖ 64-byte Ed25519 signature)>
//
// The signature covers the body up to and including its last newline. The key id
// is the first 4 bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ raw public key).

/**
 * The head of one audit chain as a checkpoint records it: the chain's name, its
 * number of events and its last event's hash (hex; `GENESIS_HASH` for an
 * empty chain).
 * @example
 * ```ts
 * const head: ChainHead = { chain: "532301102000", size: 42, hash: v.head!.hash };
 * ```
 * @since 0.3.0
 */
export interface ChainHead {
  readonly chain: string;
  readonly size: number;
  readonly hash: string;
}

/**
 * A checkpoint as read back: the note's origin, the total size, the root hash
 * (hex), the chain heads (sorted by chain), when it was signed (epoch ms, when
 * the note says) and the name of the key that signed it.
 * @example
 * ```ts
 * const r = verifyCheckpoint(text, publicKeyPem);
 * if (r.ok) for (const h of r.value.heads) console.log(h.chain, h.size);
 * ```
 * @since 0.3.0
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: string;
  readonly heads: ReadonlyArray<ChainHead>;
  readonly at?: number;
  readonly keyName: string;
}

/**
 * Why a checkpoint text was refused:
 * - `malformed`: it is not a checkpoint note of this layout;
 * - `unknown-key`: it is not signed by the given key (another key, or another
 *   key name), or the given key cannot be read;
 * - `bad-signature`: the signature by that key does not verify (the text was changed);
 * - `root-mismatch`: the root hash or the total size does not agree with the heads.
 * @example
 * ```ts
 * const r = verifyCheckpoint(text, publicKeyPem);
 * if (!r.ok && r.error.code === "bad-signature") console.error(r.error.zh);
 * ```
 * @since 0.3.0
 */
export interface CheckpointProblem {
  readonly code: "malformed" | "bad-signature" | "unknown-key" | "root-mismatch";
  readonly zh: string;
  readonly en: string;
}

const problem = (code: CheckpointProblem["code"], zh: string, en: string): { readonly ok: false; readonly error: CheckpointProblem } =>
  err({ code, zh, en });
const malformed = (zh: string, en: string) => problem("malformed", `检查点格式不正确：${zh}`, `malformed checkpoint: ${en}`);

const SIGNATURE_PREFIX = "\u2014 "; // em dash, space
const ED25519 = 0x01;
// Control characters, and lone surrogates (which UTF-8 cannot carry).
const UNSAFE = /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SPACE = /[\s\u0085\u180e\u200b]/u;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

const isLine = (s: string): boolean => s.length > 0 && !UNSAFE.test(s);
const isToken = (s: string): boolean => isLine(s) && !SPACE.test(s);
const isKeyName = (s: string): boolean => isToken(s) && !s.includes("+");

/** Strict base64: decodes, and encodes back to exactly the same text. */
const fromBase64 = (text: string, bytes?: number): Buffer | undefined => {
  const buf = Buffer.from(text, "base64");
  if (buf.toString("base64") !== text) return undefined;
  if (bytes !== undefined && buf.length !== bytes) return undefined;
  return buf;
};

const parseDecimal = (text: string): number | undefined => {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
};

const byChain = (a: ChainHead, b: ChainHead): number => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0);

/** SHA-256 (hex) of the canonical JSON of the heads, sorted by chain. */
const rootOf = (sortedHeads: ReadonlyArray<ChainHead>): string =>
  createHash("sha256")
    .update(canonicalJson(sortedHeads.map((h) => ({ chain: h.chain, size: h.size, hash: h.hash }))), "utf8")
    .digest("hex");

const rawPublicKey = (key: KeyObject): Buffer => {
  const jwk = key.export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url");
};

const keyId = (keyName: string, publicKey: Buffer): Buffer =>
  createHash("sha256")
    .update(Buffer.from(keyName, "utf8"))
    .update(Buffer.from([0x0a, ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);

/**
 * Signs a checkpoint of the audit chains' heads: a C2SP signed note whose body is
 * in the tlog-checkpoint layout (origin, total size, base64 root hash), with one
 * extension line `chain <name> <size> <base64 hash>` per chain (sorted by name)
 * and, when `at` is given, `time <ISO instant>`, then a blank line and the
 * signature line `— <keyName> <base64(key id ‖ Ed25519 signature)>`.
 *
 * The root hash is SHA-256 of the canonical JSON ({@link canonicalJson}) of the
 * heads sorted by chain, each as `{ chain, hash, size }`, with `hash` in hex. It
 * binds every head, so a verifier can tell whether a list of heads is the one
 * signed.
 *
 * @param input.at - the signing instant, epoch milliseconds
 * @default input.at absent: no `time` line
 * @throws TypeError for input no checkpoint can carry: an origin that is empty
 * or holds control characters, a chain name that is empty or holds spaces, two
 * heads of one chain, a size that is not a non-negative safe integer, a hash that
 * is not 64 lowercase hex digits, a key name with spaces or `+`, a private key
 * that is not Ed25519 PKCS#8 PEM.
 * @example
 * ```ts
 * import { signCheckpoint } from "@tiaojie/core";
 *
 * const text = signCheckpoint({
 *   origin: "tiaojie.example/zixi/audit",
 *   heads: [{ chain: "532301102000", size: 2, hash: head.hash }],
 *   signer: { keyName: "zixi-2025", privateKey: pkcs8Pem },
 *   at: Date.parse("2025-02-10T08:00:00Z"),
 * });
 * ```
 * @since 0.3.0
 */
export const signCheckpoint = (input: {
  readonly origin: string;
  readonly heads: ReadonlyArray<ChainHead>;
  readonly signer: CheckpointSigner;
  readonly at?: number;
}): string => {
  const { origin, signer, at } = input;
  if (!isLine(origin)) throw new TypeError("signCheckpoint: the origin must be one non-empty line without control characters");
  if (!isKeyName(signer.keyName)) throw new TypeError("signCheckpoint: the key name must be non-empty, without spaces or '+'");
  const heads = [...input.heads].sort(byChain);
  let total = 0;
  heads.forEach((h, i) => {
    if (!isToken(h.chain)) throw new TypeError(`signCheckpoint: chain name ${JSON.stringify(h.chain)} must be non-empty, without spaces`);
    if (i > 0 && heads[i - 1]!.chain === h.chain) throw new TypeError(`signCheckpoint: chain ${h.chain} is given twice`);
    if (!Number.isSafeInteger(h.size) || h.size < 0) throw new TypeError(`signCheckpoint: the size of chain ${h.chain} must be a non-negative safe integer`);
    if (!isHexHash(h.hash)) throw new TypeError(`signCheckpoint: the hash of chain ${h.chain} must be 64 lowercase hex digits`);
    total += h.size;
  });
  if (!Number.isSafeInteger(total)) throw new TypeError("signCheckpoint: the total size is not a safe integer");
  let time: string | undefined;
  if (at !== undefined) {
    if (!Number.isSafeInteger(at) || Number.isNaN(new Date(at).getTime())) throw new TypeError("signCheckpoint: at must be an instant in epoch milliseconds");
    time = new Date(at).toISOString();
  }

  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(signer.privateKey);
  } catch {
    throw new TypeError("signCheckpoint: the private key is not PKCS#8 PEM");
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new TypeError("signCheckpoint: the private key is not an Ed25519 key");

  const lines = [
    origin,
    String(total),
    Buffer.from(rootOf(heads), "hex").toString("base64"),
    ...heads.map((h) => `chain ${h.chain} ${h.size} ${Buffer.from(h.hash, "hex").toString("base64")}`),
    ...(time !== undefined ? [`time ${time}`] : []),
  ];
  const body = lines.map((l) => `${l}\n`).join("");
  const signature = sign(null, Buffer.from(body, "utf8"), privateKey);
  const id = keyId(signer.keyName, rawPublicKey(createPublicKey(privateKey)));
  return `${body}\n${SIGNATURE_PREFIX}${signer.keyName} ${Buffer.concat([id, signature]).toString("base64")}\n`;
};

interface SplitNote {
  readonly body: string;
  readonly keyName: string;
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

/** Splits a note into its body and its one signature line. */
const splitNote = (text: string): Result<SplitNote, CheckpointProblem> => {
  const cut = text.lastIndexOf("\n\n");
  if (cut < 0) return malformed("缺少正文与签名之间的空行", "no blank line between the body and the signature");
  const body = text.slice(0, cut + 1);
  const signatureLine = text.slice(cut + 2);
  if (!signatureLine.endsWith("\n") || signatureLine.indexOf("\n") !== signatureLine.length - 1)
    return malformed("应恰有一行签名，并以换行结尾", "there must be exactly one signature line, ending in a newline");
  if (!signatureLine.startsWith(SIGNATURE_PREFIX)) return malformed("签名行应以“— ”开头", 'the signature line must start with "— "');
  const parts = signatureLine.slice(SIGNATURE_PREFIX.length, -1).split(" ");
  if (parts.length !== 2 || !isKeyName(parts[0]!)) return malformed("签名行应为“— 密钥名 签名”", 'the signature line must read "— <key name> <signature>"');
  const bytes = fromBase64(parts[1]!, 4 + 64);
  if (!bytes) return malformed("签名应为 68 字节的 base64", "the signature must be 68 bytes of base64");
  return ok({ body, keyName: parts[0]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) });
};

/** Reads the checkpoint body (its lines, the root hash and total size checked against the heads). */
const parseBody = (body: string, keyName: string): Result<Checkpoint, CheckpointProblem> => {
  const lines = body.slice(0, -1).split("\n");
  if (lines.some((l) => !isLine(l))) return malformed("正文各行不得为空，也不得含控制字符", "body lines must be non-empty, without control characters");
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined)
    return malformed("正文至少应有来源、总数和根哈希三行", "the body needs at least the origin, size and root hash lines");
  const size = parseDecimal(sizeText);
  if (size === undefined) return malformed("第二行应为十进制的事件总数", "line 2 must be the total size in decimal");
  const root = fromBase64(rootText, 32);
  if (!root) return malformed("第三行应为 32 字节根哈希的 base64", "line 3 must be the base64 of a 32-byte root hash");

  const heads: Array<ChainHead> = [];
  let at: number | undefined;
  for (const [i, line] of extensions.entries()) {
    const parts = line.split(" ");
    if (parts[0] === "time" && parts.length === 2 && i === extensions.length - 1) {
      const ms = Date.parse(parts[1]!);
      if (Number.isNaN(ms) || new Date(ms).toISOString() !== parts[1]) return malformed("time 行应为 ISO 时刻", "the time line must hold an ISO instant");
      at = ms;
      continue;
    }
    if (parts[0] !== "chain" || parts.length !== 4) return malformed(`无法识别的一行：${line}`, `unrecognised line: ${line}`);
    const [, chain, chainSize, hashText] = parts as [string, string, string, string];
    const n = parseDecimal(chainSize);
    const hash = fromBase64(hashText, 32);
    if (!isToken(chain) || n === undefined || !hash) return malformed(`chain 行有误：${line}`, `bad chain line: ${line}`);
    const head: ChainHead = { chain, size: n, hash: hash.toString("hex") };
    const previous = heads[heads.length - 1];
    if (previous !== undefined && byChain(previous, head) >= 0) return malformed("chain 行应按链名升序且不重复", "chain lines must be sorted by name, without repeats");
    heads.push(head);
  }

  const rootHash = root.toString("hex");
  if (rootOf(heads) !== rootHash) return problem("root-mismatch", "检查点的根哈希与所列各链的链头不符", "the checkpoint's root hash does not match its chain heads");
  if (heads.reduce((sum, h) => sum + h.size, 0) !== size)
    return problem("root-mismatch", "检查点的事件总数与各链之和不符", "the checkpoint's total size is not the sum of its chains' sizes");
  return ok({ origin, size, rootHash, heads, ...(at !== undefined ? { at } : {}), keyName });
};

/**
 * Reads a checkpoint WITHOUT checking its signature: for showing what a note says.
 * Trust only what {@link verifyCheckpoint} returns. It checks the layout, that the
 * root hash and total size agree with the heads, and that the note has exactly
 * one signature line (this library signs with one key; cosignatures are not read).
 *
 * @example
 * ```ts
 * import { parseCheckpoint } from "@tiaojie/core";
 *
 * const r = parseCheckpoint(text);
 * if (r.ok) console.log(r.value.origin, r.value.keyName);
 * ```
 * @since 0.3.0
 */
export const parseCheckpoint = (text: string): Result<Checkpoint, CheckpointProblem> => {
  const note = splitNote(text);
  return note.ok ? parseBody(note.value.body, note.value.keyName) : note;
};

/**
 * Verifies a checkpoint against the signer's public key (Ed25519, SPKI PEM) and
 * reads it. In order: the note's layout (`malformed`); the signature line's key id
 * must be the one of its key name with this key (`unknown-key`: another key, or a
 * changed key name); the Ed25519 signature over the body (`bad-signature`); the
 * body's layout and its root hash and total size against its heads
 * (`malformed`, `root-mismatch`).
 *
 * @example
 * ```ts
 * import { verifyCheckpoint } from "@tiaojie/core";
 *
 * const r = verifyCheckpoint(text, publicKeyPem);
 * if (!r.ok) console.error(r.error.code, r.error.en);
 * ```
 * @since 0.3.0
 */
export const verifyCheckpoint = (text: string, publicKey: string): Result<Checkpoint, CheckpointProblem> => {
  const note = splitNote(text);
  if (!note.ok) return note;
  let key: KeyObject;
  try {
    key = createPublicKey(publicKey);
  } catch {
    return problem("unknown-key", "无法读取所给的公钥（应为 SPKI PEM）", "the public key cannot be read (SPKI PEM expected)");
  }
  if (key.asymmetricKeyType !== "ed25519") return problem("unknown-key", "所给的公钥不是 Ed25519 公钥", "the public key is not an Ed25519 key");
  const { body, keyName, keyId: id, signature } = note.value;
  if (!keyId(keyName, rawPublicKey(key)).equals(id))
    return problem("unknown-key", `检查点不是由所给公钥（密钥名“${keyName}”）签名的`, `the checkpoint is not signed by the given key under the name "${keyName}"`);
  if (!verify(null, Buffer.from(body, "utf8"), key, signature))
    return problem("bad-signature", "检查点签名无效：内容被改动过", "the checkpoint's signature does not verify: its text was changed");
  return parseBody(body, keyName);
};

/**
 * Compares the chains as they are now with a verified checkpoint. For each chain
 * head the checkpoint records (of size `n > 0`), the chain must still hold an
 * event at seq `n` whose hash is the recorded one. Otherwise:
 * - **truncated**, at (the chain's current head seq, or 0) + 1, when the chain
 *   now ends before seq `n` (or is gone);
 * - **deleted**, at `n`, when the chain goes on past `n` but has no event `n`;
 * - **rewritten**, at `n`, when its event `n` has another hash: the chain was
 *   recomputed at or before `n` (it may well verify on its own).
 *
 * Since each hash covers all the events before it, an unchanged hash at seq `n`
 * vouches for the whole prefix `1 … n`. Chains the checkpoint does not name (newer
 * ones) are not compared. A chain's own problem ({@link verifyChain}) is reported
 * separately and comes first; both may show for one tampering (a renumbered
 * deletion also changes the event at seq `n`).
 *
 * @param chains - the chains' verifications as now, each with a way to look up
 * the stored hash of the event with a given seq (`undefined` when there is none)
 * @returns the problems, one at most per chain of the checkpoint, in the
 * checkpoint's chain order; empty when every head still holds
 * @example
 * ```ts
 * import { compareWithCheckpoint, verifyChain } from "@tiaojie/core";
 *
 * const v = verifyChain(chain, events);
 * const bySeq = new Map(events.map((e) => [e.seq, e.hash]));
 * compareWithCheckpoint(checkpoint, [{ ...v, hashAt: (seq) => bySeq.get(seq) }]);
 * // [] when the chain still holds the checkpoint's head
 * ```
 * @since 0.3.0
 */
export const compareWithCheckpoint = (
  checkpoint: Checkpoint,
  chains: ReadonlyArray<ChainVerification & { readonly hashAt: (seq: number) => string | undefined }>,
): ReadonlyArray<AuditProblem & { readonly chain: string }> => {
  const byName = new Map(chains.map((c) => [c.chain, c]));
  const problems: Array<AuditProblem & { readonly chain: string }> = [];
  for (const head of checkpoint.heads) {
    if (head.size === 0) continue;
    const now = byName.get(head.chain);
    const hash = now?.hashAt(head.size);
    if (hash === head.hash) continue;
    const headSeq = now?.head?.seq ?? 0;
    const found =
      hash === undefined
        ? headSeq < head.size
          ? auditProblem("truncated", head.chain, headSeq + 1)
          : auditProblem("deleted", head.chain, head.size)
        : auditProblem("rewritten", head.chain, head.size);
    problems.push({ ...found, chain: head.chain });
  }
  return problems;
};
