import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { AuditEventRow } from "../ports/store-rows.js";
import { auditChain, auditDraft, chainOf } from "./audit-arbitraries.js";
import { chainEvent } from "./audit-chain.js";
import { canonicalJson } from "./canonical-json.js";
import { type AuditProblemKind, verifyChain } from "./verify-chain.js";

const CHAIN = "532301102000";
type Row = AuditEventRow;
type Mutable = { -readonly [K in keyof Row]: Row[K] };

/** A chain of at least `min` events with a position in `[0, length - 1 - tailGap]`. */
const chainAndPosition = (min: number, tailGap: number) =>
  auditChain(CHAIN, min, 14).chain((events) => fc.tuple(fc.constant(events), fc.integer({ min: 0, max: events.length - 1 - tailGap })));

const expectProblem = (events: ReadonlyArray<Row>, kind: AuditProblemKind, seq: number, eventId?: string): void => {
  const v = verifyChain(CHAIN, events);
  expect(v.ok).toBe(false);
  expect(v.problem?.kind).toBe(kind);
  expect(v.problem?.seq).toBe(seq);
  if (eventId !== undefined) expect(v.problem?.eventId).toBe(eventId);
  expect(v.problem?.zh).toContain(String(seq));
  expect(v.problem?.en).toContain(String(seq));
};

const flipHex = (hex: string, at: number): string => {
  const i = at % hex.length;
  return hex.slice(0, i) + (hex[i] === "0" ? "1" : "0") + hex.slice(i + 1);
};

// One edit of one field, as someone with write access to the table would make it, hash left as it was.
const edits = {
  id: (e) => ({ ...e, id: `${e.id}x` }),
  chain: (e) => ({ ...e, chain: `${e.chain}0` }),
  at: (e, n) => ({ ...e, at: e.at + (n % 2 === 0 ? 1 : -60_000 * (n + 1)) }),
  officer: (e) => ({ ...e, actor: { ...e.actor, officerId: `${e.actor.officerId}x` as Row["actor"]["officerId"] } }),
  unit: (e) => ({ ...e, actor: { ...e.actor, unit: `${e.actor.unit}x` as Row["actor"]["unit"] } }),
  role: (e) => ({ ...e, actor: { ...e.actor, role: e.actor.role === "auditor" ? "coordinator" : "auditor" } }),
  action: (e) => ({ ...e, action: `${e.action}.undo` }),
  entity: (e) => ({ ...e, entity: { ...e.entity, id: `${e.entity.id}x` } }),
  fieldsAdded: (e) => ({ ...e, fields: [...e.fields, "identityNumber"] }),
  fieldsRemoved: (e) => ({ ...e, fields: e.fields.length > 0 ? e.fields.slice(1) : ["status"] }),
  purpose: (e) => {
    const { purpose, ...rest } = e;
    return purpose === undefined ? { ...rest, purpose: "curiosity" } : rest;
  },
  outcome: (e) => ({ ...e, outcome: e.outcome === "done" ? "refused" : "done" }),
  note: (e, n) => {
    const { note, ...rest } = e;
    if (note === undefined) return { ...rest, note: { version: n } };
    return n % 3 === 0 ? rest : { ...rest, note: { ...note, forged: `v${n}` } };
  },
  prev: (e, n) => ({ ...e, prev: flipHex(e.prev, n) }),
  hash: (e, n) => ({ ...e, hash: flipHex(e.hash, n) }),
} satisfies Record<string, (e: Row, n: number) => Row>;
type EditName = keyof typeof edits;

const renumber = (events: ReadonlyArray<Row>): ReadonlyArray<Row> => events.map((e, i) => ({ ...e, seq: i + 1 }));

describe("verifyChain", () => {
  test.prop([auditChain(CHAIN, 0, 14)])("an untouched chain verifies, with its size and head", (events) => {
    const v = verifyChain(CHAIN, events);
    expect(v).toStrictEqual({
      chain: CHAIN,
      size: events.length,
      ok: true,
      ...(events.length > 0 ? { head: { seq: events.length, hash: events[events.length - 1]!.hash } } : {}),
    });
  });

  test.prop([chainAndPosition(1, 0), fc.constantFrom(...(Object.keys(edits) as Array<EditName>)), fc.nat(1000)])(
    "an edit of any field of one event is named 'edited' at that event",
    ([events, i], edit, n) => {
      const target = events[i]!;
      const changed = edits[edit](target, n);
      fc.pre(canonicalJson(changed) !== canonicalJson(target));
      const tampered = events.map((e, j) => (j === i ? changed : e));
      expectProblem(tampered, "edited", i + 1, changed.id);
    },
  );

  test.prop([chainAndPosition(2, 1), fc.boolean()])(
    "a deleted event (not the last) is named 'deleted' at its seq, whether the rest was renumbered or not",
    ([events, i], renumbered) => {
      const rest = events.filter((_, j) => j !== i);
      expectProblem(renumbered ? renumber(rest) : rest, "deleted", i + 1);
    },
  );

  test.prop([chainAndPosition(1, 0), auditDraft(CHAIN), fc.constantFrom("renumber", "forged-first", "genuine-first")])(
    "a forged event with a self-consistent hash slipped in before an event is named 'inserted' at its seq",
    ([events, i], draft, mode) => {
      const forged = chainEvent(draft, i === 0 ? undefined : events[i - 1]);
      const before = events.slice(0, i);
      const after = events.slice(i);
      const tampered =
        mode === "renumber"
          ? [...before, forged, ...after.map((e) => ({ ...e, seq: e.seq + 1 }))]
          : mode === "forged-first"
            ? [...before, forged, ...after]
            : [...before, after[0]!, forged, ...after.slice(1)];
      // When two events claim one seq and the genuine one has no follower, the chain
      // alone cannot tell which is the intruder: then only the kind and seq are certain.
      const certain = mode !== "forged-first" || i < events.length - 1;
      expectProblem(tampered, "inserted", i + 1, certain ? forged.id : undefined);
    },
  );

  test.prop([chainAndPosition(2, 1)])("two adjacent events swapped and renumbered are named 'reordered' at the first", ([events, i]) => {
    const swapped = [...events];
    swapped[i] = events[i + 1]!;
    swapped[i + 1] = events[i]!;
    expectProblem(renumber(swapped), "reordered", i + 1, events[i + 1]!.id);
  });

  test.prop([auditChain(CHAIN, 3, 14).chain((events) => fc.tuple(fc.constant(events), fc.nat(events.length - 1), fc.nat(events.length - 1)))])(
    "an event moved elsewhere and the chain renumbered is named 'reordered' where the order departs",
    ([events, from, to]) => {
      fc.pre(from !== to);
      const moved = [...events];
      const [e] = moved.splice(from, 1);
      moved.splice(to, 0, e!);
      expectProblem(renumber(moved), "reordered", Math.min(from, to) + 1);
    },
  );

  test.prop([chainAndPosition(1, 0), fc.integer({ min: 1, max: 20 })])(
    "an event whose only change is its seq is 'edited' in place, 'reordered' once a store's order moves it",
    ([events, i], shift) => {
      const changed = { ...events[i]!, seq: events[i]!.seq + shift };
      const tampered = events.map((e, j) => (j === i ? changed : e));
      expect(verifyChain(CHAIN, tampered).ok).toBe(false);
      const sorted = [...tampered].sort((a, b) => a.seq - b.seq);
      const moves = sorted.some((e, j) => e !== tampered[j]);
      expectProblem(sorted, moves ? "reordered" : "edited", i + 1);
    },
  );

  test.prop([auditChain(CHAIN, 1, 14), auditChain("ledger", 1, 3)])("an event of another chain slipped in is 'inserted'", (events, other) => {
    const tampered = [...events.slice(0, -1), other[0]!, events[events.length - 1]!];
    const v = verifyChain(CHAIN, tampered);
    expect(v.ok).toBe(false);
    expect(v.problem?.kind).toBe("inserted");
    expect(v.problem?.seq).toBe(events.length);
  });

  test("a replaced predecessor (edited and its hash recomputed) is 'edited' at its seq", () => {
    const drafts = fc.sample(auditDraft(CHAIN), { numRuns: 4, seed: 7 });
    const events = chainOf(drafts);
    const replaced = chainEvent({ ...drafts[1]!, action: "dispute.delete" }, events[0]);
    expectProblem([events[0]!, replaced, events[2]!, events[3]!], "edited", 2, replaced.id);
  });

  // Any change of the stored rows that recomputes no hash is detected, unless what
  // remains is the chain itself or one of its prefixes (truncation, which only a
  // checkpoint shows).
  const rawChange = (length: number) =>
    fc.oneof(
      fc.record({
        op: fc.constant("set" as const),
        at: fc.nat(length - 1),
        key: fc.constantFrom("id", "chain", "seq", "at", "actor", "action", "entity", "fields", "purpose", "outcome", "note", "prev", "hash", "extra"),
        value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -2, max: length + 2 }), fc.stringMatching(/^[0-9a-f]{64}$/)),
      }),
      fc.record({ op: fc.constant("remove" as const), at: fc.nat(length - 1) }),
      fc.record({ op: fc.constant("copy" as const), at: fc.nat(length - 1), to: fc.nat(length) }),
      fc.record({ op: fc.constant("move" as const), at: fc.nat(length - 1), to: fc.nat(length - 1) }),
      fc.record({ op: fc.constant("renumber" as const) }),
    );
  type RawChange = typeof rawChange extends (n: number) => fc.Arbitrary<infer C> ? C : never;
  const apply = (events: ReadonlyArray<Row>, change: RawChange): ReadonlyArray<Row> => {
    const out = [...events];
    if (out.length === 0) return out;
    const i = "at" in change ? change.at % out.length : 0;
    switch (change.op) {
      case "set":
        out[i] = { ...out[i]!, [change.key]: change.value } as Mutable;
        break;
      case "remove":
        out.splice(i, 1);
        break;
      case "copy":
        out.splice(change.to % (out.length + 1), 0, out[i]!);
        break;
      case "move": {
        const [e] = out.splice(i, 1);
        out.splice(change.to % (out.length + 1), 0, e!);
        break;
      }
      case "renumber":
        return renumber(out);
    }
    return out;
  };
  test.prop([auditChain(CHAIN, 1, 10).chain((events) => fc.tuple(fc.constant(events), fc.array(rawChange(events.length), { minLength: 1, maxLength: 3 })))])(
    "any change that recomputes no hash is detected, unless only a prefix of the chain remains",
    ([events, changes]) => {
      const tampered = changes.reduce(apply, events);
      const isPrefix = tampered.length <= events.length && canonicalJson(tampered) === canonicalJson(events.slice(0, tampered.length));
      const v = verifyChain(CHAIN, tampered);
      expect(v.ok).toBe(isPrefix);
      if (!v.ok) expect(["edited", "deleted", "inserted", "reordered"]).toContain(v.problem?.kind);
    },
  );

  test.prop([auditChain(CHAIN, 0, 5), fc.array(fc.anything(), { maxLength: 4 }), fc.nat()])("never throws, whatever the rows hold", (events, junk, at) => {
    const rows = [...events];
    rows.splice(at % (rows.length + 1), 0, ...(junk as Array<Row>));
    const v = verifyChain(CHAIN, rows);
    expect(v.ok).toBe(junk.length === 0);
  });
});
