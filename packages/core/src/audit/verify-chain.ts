import type { AuditEventRow } from "../ports/store-rows.js";
import { GENESIS_HASH, auditEventHash, isHexHash } from "./audit-chain.js";

/**
 * What was done to an audit chain:
 * - `edited`: an event's content (any field, its `prev` or its `hash` included) changed;
 * - `deleted`: an event is missing from inside the chain;
 * - `inserted`: an event was slipped in that the chain never had;
 * - `reordered`: events were moved or swapped;
 * - `rewritten`: the chain verifies on its own but differs from a signed checkpoint
 *   (it was recomputed from some event on);
 * - `truncated`: the chain is shorter than a signed checkpoint says.
 *
 * The first four come from {@link verifyChain}, the last two from
 * `compareWithCheckpoint`.
 * @example
 * ```ts
 * import type { AuditProblemKind } from "@tiaojie/core";
 *
 * const kind: AuditProblemKind = "deleted";
 * ```
 * @since 0.3.0
 */
export type AuditProblemKind = "edited" | "deleted" | "inserted" | "reordered" | "rewritten" | "truncated";

/**
 * The first problem found in an audit chain: its kind, the seq where it begins
 * and, when that event is present, its id, with a message in both languages.
 *
 * `seq` is the first seq the tampering affected: the edited event's; the first
 * missing event's (for `deleted`, the seq it had; for `truncated`, one more than
 * the chain's head); the first slipped-in event's; the first place whose event is
 * out of order; for `rewritten`, the checkpoint's size (the chain was recomputed
 * at or before it). `eventId` names the edited, slipped-in or misplaced event;
 * it is absent when the event is gone (`deleted`, `truncated`) and for
 * `rewritten`.
 * @example
 * ```ts
 * const v = verifyChain("532301102000", events);
 * if (!v.ok) console.log(v.problem?.kind, v.problem?.seq, v.problem?.zh);
 * ```
 * @since 0.3.0
 */
export interface AuditProblem {
  readonly kind: AuditProblemKind;
  readonly seq: number;
  readonly eventId?: string;
  readonly zh: string;
  readonly en: string;
}

/**
 * The outcome of verifying one chain: its name, how many events it has, its head
 * (the last event's seq and hash, as stored; absent for an empty chain, or when
 * the last row is not shaped like an event), whether it is intact, and otherwise
 * its first problem.
 * @example
 * ```ts
 * const v: ChainVerification = verifyChain("ledger", events);
 * if (v.ok && v.head) console.log(`${v.size} events, head ${v.head.hash}`);
 * ```
 * @since 0.3.0
 */
export interface ChainVerification {
  readonly chain: string;
  readonly size: number;
  readonly head?: { readonly seq: number; readonly hash: string };
  readonly ok: boolean;
  readonly problem?: AuditProblem;
}

const describe = (kind: AuditProblemKind, chain: string, seq: number): { readonly zh: string; readonly en: string } => {
  switch (kind) {
    case "edited":
      return { zh: `审计链“${chain}”第 ${seq} 条事件被改动过`, en: `audit chain "${chain}": the event at seq ${seq} was altered` };
    case "deleted":
      return { zh: `审计链“${chain}”第 ${seq} 条事件被删除`, en: `audit chain "${chain}": the event at seq ${seq} was deleted` };
    case "inserted":
      return { zh: `审计链“${chain}”第 ${seq} 条是被插入的事件`, en: `audit chain "${chain}": an event was slipped in at seq ${seq}` };
    case "reordered":
      return { zh: `审计链“${chain}”自第 ${seq} 条起事件顺序被调换`, en: `audit chain "${chain}": events were moved, from seq ${seq}` };
    case "rewritten":
      return {
        zh: `审计链“${chain}”第 ${seq} 条与已签名的检查点不符：该链被重新计算过`,
        en: `audit chain "${chain}": the event at seq ${seq} differs from the signed checkpoint; the chain was recomputed`,
      };
    case "truncated":
      return {
        zh: `审计链“${chain}”比已签名的检查点短：自第 ${seq} 条起的事件不见了`,
        en: `audit chain "${chain}" is shorter than the signed checkpoint: the events from seq ${seq} on are gone`,
      };
  }
};

/**
 * Builds an {@link AuditProblem} with its messages.
 *
 * @example
 * ```ts
 * import { auditProblem } from "@tiaojie/core";
 *
 * auditProblem("deleted", "ledger", 7).en; // 'audit chain "ledger": the event at seq 7 was deleted'
 * ```
 * @since 0.3.0
 */
export const auditProblem = (kind: AuditProblemKind, chain: string, seq: number, eventId?: string): AuditProblem =>
  typeof eventId === "string" ? { kind, seq, eventId, ...describe(kind, chain, seq) } : { kind, seq, ...describe(kind, chain, seq) };

/** A row whose chain fields have the shapes the chain writes (what a tamperer may have broken). */
const wellFormed = (e: AuditEventRow | undefined): e is AuditEventRow =>
  typeof e === "object" &&
  e !== null &&
  Number.isSafeInteger(e.seq) &&
  e.seq >= 1 &&
  isHexHash(e.prev) &&
  isHexHash(e.hash);

/** Whether the event's content hashes to its stored hash when it is given this seq. */
const intactWith = (e: AuditEventRow, seq: number): boolean => {
  try {
    return auditEventHash({ ...e, seq }) === e.hash;
  } catch {
    return false; // content JSON cannot hold: it was not written by the chain
  }
};

const idOf = (e: AuditEventRow): string | undefined => (typeof e.id === "string" ? e.id : undefined);

/**
 * Names the first problem at position `p`, the first position that fails a check
 * (positions `0 … p-1` form a valid chain with seqs `1 … p`). See verifyChain's
 * documentation for the rules.
 */
const classify = (chain: string, events: ReadonlyArray<AuditEventRow>, p: number): AuditProblem => {
  const e = events[p];
  const at = p + 1; // the seq this position should hold
  if (!wellFormed(e)) return auditProblem("edited", chain, at, e && typeof e === "object" ? idOf(e) : undefined);
  if (e.chain !== chain) return auditProblem(intactWith(e, e.seq) ? "inserted" : "edited", chain, at, idOf(e));

  // Where each hash is, and which hashes some event links to.
  const positions = new Map<string, Array<number>>();
  const linked = new Set<string>();
  events.forEach((x, i) => {
    if (!wellFormed(x)) return;
    const list = positions.get(x.hash);
    if (list) list.push(i);
    else positions.set(x.hash, [i]);
    linked.add(x.prev);
  });
  const predecessorHash = p === 0 ? GENESIS_HASH : events[p - 1]!.hash;

  // q: the position of the event e links to (-1 for the chain's start), the nearest before p, else the nearest after.
  let q: number | undefined;
  if (e.prev === GENESIS_HASH) q = -1;
  else {
    const found = (positions.get(e.prev) ?? []).filter((i) => i !== p);
    const before = found.filter((i) => i < p);
    q = before.length > 0 ? before[before.length - 1] : found[0];
  }

  // g: the seq e's content verifies with, looked for near its place and near its predecessor's.
  let g: number | undefined = intactWith(e, e.seq) ? e.seq : undefined;
  if (g === undefined) {
    const hints = [e.seq - 1, e.seq + 1, at, at - 1, at + 1, e.seq - 2, e.seq + 2];
    if (q !== undefined && q >= 0) {
      // One more than the seq its predecessor's content verifies with (itself looked for near its place).
      const x = events[q]!;
      const gp = [x.seq, x.seq - 1, x.seq + 1, q + 1, q, q + 2, x.seq - 2, x.seq + 2].find((s) => s >= 1 && intactWith(x, s));
      if (gp !== undefined) hints.unshift(gp + 1);
    } else if (q === -1) hints.unshift(1);
    g = hints.find((s) => s >= 1 && s !== e.seq && Number.isSafeInteger(s) && intactWith(e, s));
  }

  if (g === undefined) {
    // Its content does not hash to its hash. Edited, unless it is an extra event
    // nobody links to, whose follower links past it to its predecessor.
    const next = events[p + 1];
    if (wellFormed(next) && next.prev === predecessorHash && !linked.has(e.hash)) return auditProblem("inserted", chain, at, idOf(e));
    return auditProblem("edited", chain, at, idOf(e));
  }

  if (g === e.seq && e.seq < at) {
    // A second intact event with a seq already taken (slipped in without renumbering).
    // The intruder is the one no event links to; when neither or both are linked to,
    // the chain alone cannot tell, and the later one is named.
    const earlier = events[e.seq - 1]!;
    const intruder = !linked.has(earlier.hash) && linked.has(e.hash) ? earlier : e;
    return auditProblem("inserted", chain, e.seq, idOf(intruder));
  }

  if (q === undefined) {
    // e links to an event that is not there.
    if (g === e.seq && e.seq === at) {
      // e is intact in its place: its predecessor is not the event it was chained
      // after, so the predecessor was replaced (edited with a recomputed hash).
      return p === 0 ? auditProblem("edited", chain, at, idOf(e)) : auditProblem("edited", chain, p, idOf(events[p - 1]!));
    }
    return auditProblem("deleted", chain, at);
  }
  if (q > p) return auditProblem("reordered", chain, at, idOf(e)); // it links to an event placed after it
  if (q < p - 1) return auditProblem("inserted", chain, q + 2, idOf(events[q + 1]!)); // it links past the events q+1 … p-1
  // q === p - 1: linked to its predecessor, intact, yet with a seq not its place's.
  return auditProblem("edited", chain, at, idOf(e));
};

/**
 * Verifies one audit chain: the events a store returned for it, in ascending
 * seq. The chain is intact (`ok: true`) when the event at position `i` has seq
 * `i + 1`, belongs to `chain`, links (`prev`) to the hash of the event before it
 * (the first to {@link GENESIS_HASH}), and its content hashes to its `hash`
 * ({@link auditEventHash}). Otherwise the result names the FIRST problem, read at
 * the first position `p` that fails a check, from the event `e` found there:
 *
 * 1. `e` is not shaped like a chained event (seq, prev or hash), or its content
 *    hashes to its hash under no seq near its place: **edited**, at `p + 1`.
 *    Exception: when no event links to `e` and the next event links to the event
 *    before `e`, `e` is an extra event: **inserted**, at `p + 1`.
 * 2. `e` belongs to another chain: **inserted** if it is intact there, else **edited**.
 * 3. `e` is intact under its own seq but that seq is already taken by an earlier
 *    event: **inserted**, at that seq (the intruder is the one of the two no event
 *    links to).
 * 4. `e` links to an event that is not there: **deleted**, at `p + 1` (a gap in
 *    seq, or a renumbered successor of the missing event). When `e` is intact with
 *    the right seq, its predecessor was replaced instead: **edited**, at `p`.
 * 5. `e` links to an event placed after it: **reordered**, at `p + 1`.
 * 6. `e` links to an event further back than its predecessor: the events between
 *    were **inserted**, at the first of them.
 * 7. `e` is intact and linked to its predecessor, but carries a wrong seq: **edited**.
 *
 * "Intact under a seq" means its content with that seq hashes to its stored hash:
 * an event an attacker renumbered (to hide a deletion, an insertion or a move) is
 * intact under its old seq, which is looked for next to its place and right after
 * the seq its predecessor's content verifies with. An event whose seq alone was
 * changed to a far value with no such hint is reported as edited.
 *
 * Every change to the events is detected except three that no chain can see from
 * the inside: removing events from the end (truncation), appending events at the
 * end, and recomputing every hash from some event on (a rewrite). A signed
 * checkpoint catches the first and the last (`compareWithCheckpoint`).
 *
 * The work is one hash per event, plus a handful for the first bad event.
 * @example
 * ```ts
 * import { chainEvent, verifyChain } from "@tiaojie/core";
 *
 * const a = chainEvent(draftA, undefined);
 * const b = chainEvent(draftB, a);
 * verifyChain(a.chain, [a, b]).ok; // true
 * verifyChain(a.chain, [{ ...a, seq: 1 }, { ...b, seq: 2, note: { forged: true } }]).problem?.kind; // "edited"
 * ```
 * @since 0.3.0
 */
export const verifyChain = (chain: string, events: ReadonlyArray<AuditEventRow>): ChainVerification => {
  let p = 0;
  for (; p < events.length; p++) {
    const e = events[p];
    if (
      !wellFormed(e) ||
      e.chain !== chain ||
      e.seq !== p + 1 ||
      e.prev !== (p === 0 ? GENESIS_HASH : events[p - 1]!.hash) ||
      !intactWith(e, e.seq)
    )
      break;
  }
  const last = events[events.length - 1];
  const base = {
    chain,
    size: events.length,
    ...(wellFormed(last) ? { head: { seq: last.seq, hash: last.hash } } : {}),
  };
  return p === events.length ? { ...base, ok: true } : { ...base, ok: false, problem: classify(chain, events, p) };
};
