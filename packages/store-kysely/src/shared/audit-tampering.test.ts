import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Actor,
  type AuditEventRow,
  type AuditVerification,
  type Ledger,
  type PersonId,
  chainEvent,
  createLedger,
  fixedClock,
  generateDevelopmentKeys,
  shanghaiStartOf,
  signCheckpoint,
  weekendCalendar,
} from "@tiaojie/core";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import fc from "fast-check";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type SqlStore, sqliteStore } from "../index.js";
import { forEachServerDialect } from "../testing/dialects.js";

// Tampering with the audit log where an attacker with database access would do
// it: raw SQL on `tiaojie_audit` (columns chain, seq, hash, body; the primary key
// (chain, seq) allows no two rows at one seq), on SQLite, PostgreSQL and MariaDB.
// Each case restores the untouched chain first, tampers, and asks the ledger, as
// an auditor, to verify. Events are hashed with the project's own `chainEvent`
// wherever the attacker forges or recomputes.

/** The figures of one database's run, printed at its end. */
interface Tally {
  /** The kinds of fault named (edited, deleted, …). */
  readonly kinds: Set<string>;
  /** The ways of tampering tried (an edit of the note, a deletion with renumbering, …). */
  readonly variants: Set<string>;
  cases: number;
  named: number;
}

type Db = Kysely<Database>;
/** A row of `tiaojie_audit` as stored. */
type Row = { readonly chain: string; readonly seq: number; readonly hash: string; readonly body: string };

/** The body column of an event, as the store writes it (the event's JSON). */
const bodyOf = (event: AuditEventRow): string => JSON.stringify(event);

/** One database's ledger with a history: the untouched rows, a checkpoint of them, who verifies. */
interface Bench {
  readonly store: SqlStore;
  readonly ledger: Ledger;
  readonly auditor: Actor;
  readonly chain: string;
  readonly original: ReadonlyArray<Row>;
  readonly checkpoint: string;
  readonly publicKey: string;
}

/**
 * A ledger with some history on a fresh store: a small town's persons and
 * disputes registered, persons read (about 24 events on one township chain).
 */
const makeBench = async (store: SqlStore): Promise<Bench> => {
  const town = sampleTown(1313, { villages: 2, persons: 8, disputes: 4, listings: 0 });
  const officers = sampleOfficers(town);
  const { keys, checkpointPublicKey } = generateDevelopmentKeys();
  const ledger = createLedger({ store, units: town.units, keys, calendar: weekendCalendar, clock: fixedClock(shanghaiStartOf(town.period.to) + 10 * 3_600_000) });
  const must = <A>(r: { ok: true; value: A } | { ok: false; error: unknown }): A => {
    if (!r.ok) throw new Error(`set-up step failed: ${String((r.error as { message?: string }).message ?? r.error)}`);
    return r.value;
  };
  for (const p of town.persons) must(await ledger.registerPerson(officers.socialAffairs, p));
  for (const d of town.disputes) must(await ledger.registerDispute(officers.coordinator, { dispute: d }));
  for (const p of [...town.persons, ...town.persons.slice(0, 4)]) must(await ledger.getPerson(officers.socialAffairs, p.id as PersonId, { purpose: "走访" }));
  const original = await readRows(store.db);
  const chains = new Set(original.map((r) => r.chain));
  expect([...chains], "one township chain").toEqual([town.township.code]);
  const checkpoint = must(await ledger.auditCheckpoint(officers.coordinator));
  return { store, ledger, auditor: officers.auditor, chain: town.township.code, original, checkpoint, publicKey: checkpointPublicKey };
};

const readRows = async (db: Db): Promise<ReadonlyArray<Row>> => {
  const r = await sql<Row>`select chain, seq, hash, body from tiaojie_audit order by chain, seq`.execute(db);
  return r.rows.map((x) => ({ chain: String(x.chain), seq: Number(x.seq), hash: String(x.hash), body: String(x.body) }));
};

/** Puts the untouched chain back (a case's starting point). */
const restore = async (b: Bench, db: Db = b.store.db): Promise<void> => {
  await sql`delete from tiaojie_audit`.execute(db);
  const values = b.original.map((r) => sql`(${r.chain}, ${r.seq}, ${r.hash}, ${r.body})`);
  await sql`insert into tiaojie_audit (chain, seq, hash, body) values ${sql.join(values)}`.execute(db);
};

/** Where an attacker works: a connection (or a transaction of one) to the database, the chain and its size. */
interface Attack {
  readonly db: Db;
  readonly chain: string;
  readonly size: number;
}

/** The stored event at a seq (by the seq column), as the attacker reads it. */
const rowAt = async (a: Attack, seq: number): Promise<AuditEventRow> => {
  const r = await sql<Row>`select body from tiaojie_audit where chain = ${a.chain} and seq = ${seq}`.execute(a.db);
  return JSON.parse(String(r.rows[0]!.body)) as AuditEventRow;
};

const writeBody = async (a: Attack, seq: number, event: AuditEventRow): Promise<void> => {
  await sql`update tiaojie_audit set body = ${bodyOf(event)}, hash = ${event.hash} where chain = ${a.chain} and seq = ${seq}`.execute(a.db);
};

/** Moves the row at `from` to `to`, in the seq column and its body, as a renumbering attacker does. */
const moveRow = async (a: Attack, from: number, to: number): Promise<void> => {
  const e = await rowAt(a, from);
  await sql`update tiaojie_audit set seq = ${to}, body = ${bodyOf({ ...e, seq: to })} where chain = ${a.chain} and seq = ${from}`.execute(a.db);
};

/** Moves only the seq column of the row at `from` (its body still says its old seq). */
const moveColumn = async (a: Attack, from: number, to: number): Promise<void> => {
  await sql`update tiaojie_audit set seq = ${to} where chain = ${a.chain} and seq = ${from}`.execute(a.db);
};

/** A forged event chained after `before` with the project's hashing, shaped like `template`. */
const forge = (template: AuditEventRow, before: AuditEventRow | undefined): AuditEventRow => {
  const { seq: _s, prev: _p, hash: _h, ...draft } = template;
  return chainEvent({ ...draft, id: "forged-event", action: "read-person", entity: { kind: "person", id: "p-0001" } }, before);
};

/** The event before seq i, or none for the first. */
const previous = async (a: Attack, i: number): Promise<AuditEventRow | undefined> => (i === 1 ? undefined : rowAt(a, i - 1));

const insertRow = async (a: Attack, seq: number, event: AuditEventRow): Promise<void> => {
  await sql`insert into tiaojie_audit (chain, seq, hash, body) values (${a.chain}, ${seq}, ${event.hash}, ${bodyOf(event)})`.execute(a.db);
};

/** What verifyAudit must name for a tampering: the kind, the seq and (where the event is there) its id. */
type Expected = { readonly kind: string; readonly seq: number; readonly eventId?: string };

/** The ways of tampering with event `i` of the chain (1 < i < size), each with what verifyAudit must name. */
const tamperings: Readonly<Record<string, (a: Attack, i: number) => Promise<Expected>>> = {
  /** One field of the event's content changed in place. */
  "edited note": async (a, i) => {
    const e = await rowAt(a, i);
    await writeBody(a, i, { ...e, note: { ...e.note, version: 99 } });
    return { kind: "edited", seq: i, eventId: e.id };
  },
  "edited entity id": async (a, i) => {
    const e = await rowAt(a, i);
    await writeBody(a, i, { ...e, entity: { ...e.entity, id: "p-9999" } });
    return { kind: "edited", seq: i, eventId: e.id };
  },
  /** The row deleted, the rest left where they are: a gap in seq. */
  deleted: async (a, i) => {
    await sql`delete from tiaojie_audit where chain = ${a.chain} and seq = ${i}`.execute(a.db);
    return { kind: "deleted", seq: i };
  },
  /** The row deleted and every later one renumbered down, to hide the gap. */
  "deleted, renumbered": async (a, i) => {
    await sql`delete from tiaojie_audit where chain = ${a.chain} and seq = ${i}`.execute(a.db);
    for (let s = i + 1; s <= a.size; s++) await moveRow(a, s, s - 1);
    return { kind: "deleted", seq: i };
  },
  /**
   * A forged event chained after event i-1, put at seq i; the events from i on
   * renumbered up to make room (the primary key allows no second row at seq i).
   */
  "inserted, renumbered": async (a, i) => {
    for (let s = a.size; s >= i; s--) await moveRow(a, s, s + 1);
    await insertRow(a, i, forge(await rowAt(a, i + 1), await previous(a, i)));
    return { kind: "inserted", seq: i, eventId: "forged-event" };
  },
  /**
   * The same forged event at seq i, while the event it displaces keeps a body
   * that says seq i too: only the seq column of the later rows moves (the
   * closest the schema allows to two events at one seq).
   */
  "inserted, duplicate seq": async (a, i) => {
    for (let s = a.size; s >= i; s--) await moveColumn(a, s, s + 1);
    await insertRow(a, i, forge(await rowAt(a, i + 1), await previous(a, i)));
    return { kind: "inserted", seq: i, eventId: "forged-event" };
  },
  /** Events i and i+1 swap their seqs (column and body), through a free seq. */
  reordered: async (a, i) => {
    const parked = a.size + 100;
    await moveRow(a, i, parked);
    await moveRow(a, i + 1, i);
    await moveRow(a, parked, i + 1);
    return { kind: "reordered", seq: i, eventId: (await rowAt(a, i)).id };
  },
};

const kinds = Object.keys(tamperings);

const verify = async (b: Bench, withCheckpoint = false): Promise<AuditVerification> => {
  const r = await b.ledger.verifyAudit(b.auditor, withCheckpoint ? { checkpoint: b.checkpoint, publicKey: b.publicKey } : {});
  if (!r.ok) throw new Error(`verifyAudit failed: ${String(r.error)}`);
  return r.value;
};

/** Recomputes every hash from event `from` on, after changing that event: a chain that verifies on its own. */
const rewriteFrom = async (a: Attack, from: number): Promise<void> => {
  let before = await previous(a, from);
  for (let s = from; s <= a.size; s++) {
    const { seq: _s, prev: _p, hash: _h, ...draft } = await rowAt(a, s);
    const event = chainEvent(s === from ? { ...draft, purpose: "nothing to see" } : draft, before);
    await writeBody(a, s, event);
    before = event;
  }
};

const casesOn = (name: string, open: () => Promise<SqlStore>, numRuns: number): void => {
  let b: Bench;
  const tally: Tally = { kinds: new Set(), variants: new Set(), cases: 0, named: 0 };
  beforeAll(async () => {
    b = await makeBench(await open());
  }, 60_000);
  afterAll(async () => {
    console.log(`tampering on ${name}: ${tally.kinds.size} kinds (${tally.variants.size} ways), ${tally.cases} cases, first bad event named ${tally.named}/${tally.cases} (chain of ${b?.original.length ?? 0} events)`);
    await b?.store.close();
  });

  /** Restores the untouched chain, then tampers, in one transaction (a case's work stays small). */
  const attack = <A>(tamper: (a: Attack) => Promise<A>): Promise<A> =>
    b.store.db.transaction().execute(async (db) => {
      await restore(b, db);
      return tamper({ db, chain: b.chain, size: b.original.length });
    });

  /** Runs one tampering of event i and checks that the chain's first problem is named at i, with its kind. */
  const check = async (kind: string, i: number): Promise<void> => {
    const expected = await attack((a) => tamperings[kind]!(a, i));
    const v = await verify(b);
    tally.kinds.add(expected.kind);
    tally.variants.add(kind);
    tally.cases++;
    expect(v.ok, `${kind} at ${i}`).toBe(false);
    expect(v.chains).toHaveLength(1);
    expect(v.chains[0]!.problem, `${kind} at ${i}`).toMatchObject(expected);
    tally.named++;
  };

  it("the untouched chain verifies, alone and against its checkpoint", async () => {
    await restore(b);
    expect(await verify(b)).toMatchObject({ ok: true, chains: [{ chain: b.chain, size: b.original.length, ok: true }] });
    expect(await verify(b, true)).toMatchObject({ ok: true, againstCheckpoint: [] });
  });

  const middle = (): number => Math.floor(b.original.length / 2);

  it("an edited note of a middle event is named edited, at its seq", () => check("edited note", middle()));
  it("an edited entity id of a middle event is named edited, at its seq", () => check("edited entity id", middle() + 1));
  it("a deleted middle row is named deleted at its seq, with or without the later rows renumbered", async () => {
    await check("deleted", middle());
    await check("deleted, renumbered", middle() - 1);
  });
  it("a forged row slipped in between two (later rows renumbered, or only their seq column moved) is named inserted, at its seq", async () => {
    await check("inserted, renumbered", middle());
    await check("inserted, duplicate seq", middle() + 2);
  });
  it("two rows that swapped their seq are named reordered, at the first", () => check("reordered", middle()));

  it("for any event index i and any tampering kind, the first bad event named is i, with its kind", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds),
        fc.nat(),
        async (kind, n) => {
          // 1 … size-1: any event with one after it (the last has no follower:
          // deleting it is a truncation, below; a row after it, an append).
          const i = 1 + (n % (b.original.length - 1));
          await check(kind, i);
        },
      ),
      { numRuns },
    );
  });

  it("deleting the last rows (truncation) passes verifyAudit alone, undetectable without a checkpoint; a checkpoint taken before names it truncated", async () => {
    const kept = b.original.length - 3;
    await attack((a) => sql`delete from tiaojie_audit where chain = ${a.chain} and seq > ${kept}`.execute(a.db));
    tally.kinds.add("truncated");
    tally.variants.add("truncated");
    tally.cases++;
    const alone = await verify(b);
    expect(alone, "the chain alone cannot see a cut end").toMatchObject({ ok: true, chains: [{ size: kept, ok: true }] });
    const against = await verify(b, true);
    expect(against.ok).toBe(false);
    expect(against.chains[0]!.ok, "the remaining chain is intact").toBe(true);
    expect(against.againstCheckpoint).toEqual([expect.objectContaining({ kind: "truncated", chain: b.chain, seq: kept + 1 })]);
    tally.named++;
  });

  it("a whole chain rewritten consistently verifies alone; against the signed checkpoint it is named rewritten; a checkpoint re-signed by the attacker is refused", async () => {
    await attack((a) => rewriteFrom(a, 1));
    tally.kinds.add("rewritten");
    tally.variants.add("rewritten");
    tally.cases++;
    const rows = await readRows(b.store.db);
    expect(rows.map((r) => r.hash).filter((h, k) => h === b.original[k]!.hash), "every hash recomputed").toEqual([]);
    expect(await verify(b), "the rewritten chain verifies on its own").toMatchObject({ ok: true, chains: [{ size: b.original.length, ok: true }] });
    const against = await verify(b, true);
    expect(against.ok).toBe(false);
    expect(against.chains[0]!.ok).toBe(true);
    expect(against.againstCheckpoint).toEqual([expect.objectContaining({ kind: "rewritten", chain: b.chain, seq: b.original.length })]);
    tally.named++;

    // The attacker signs a checkpoint of the rewritten heads with a key of their own,
    // under the same key name: the auditor's public key refuses it.
    const attacker = generateDevelopmentKeys({ keyName: "dev-checkpoint" }).keys.checkpointSigner!;
    const last = rows.at(-1)!;
    const forged = signCheckpoint({ origin: "tiaojie.ledger", heads: [{ chain: b.chain, size: last.seq, hash: last.hash }], signer: attacker });
    const r = await b.ledger.verifyAudit(b.auditor, { checkpoint: forged, publicKey: b.publicKey });
    expect(r).toMatchObject({ ok: true, value: { ok: false, checkpoint: { code: "unknown-key" } } });
  });
};

describe("audit tampering · sqlite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "tiaojie-tamper-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  casesOn("sqlite", () => sqliteStore({ file: join(dir, "ledger.db") }), 40);
});

await forEachServerDialect("audit tampering", (d) => {
  // Fewer runs on the servers, whose round trips make each case slower.
  casesOn(d.name, () => d.open(), 16);
});
