import { fc, test } from "@fast-check/vitest";
import { Effect } from "effect";
import { describe, expect } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import { openJson } from "../crypto/envelope.js";
import { generateDevelopmentKeys } from "../crypto/key-provider.js";
import type { Actor } from "../model/actor.js";
import type { DisputeJson } from "../model/dispute.js";
import type { DivisionCode } from "../model/division-code.js";
import type { Person } from "../model/person.js";
import type { KeyProvider } from "../ports/key-provider.js";
import type { LedgerStore } from "../ports/ledger-store.js";
import type { AuditEventRow } from "../ports/store-rows.js";
import { arbitraries } from "../testing/arbitraries.js";
import { type SampleTown, sampleTown } from "../testing/sample-town.js";
import type { ValidationIssue } from "../validation/validation-error.js";
import { type Ledger, createLedger, ledgerLayer, ledgerPrograms } from "./create-ledger.js";
import type { NaiveState } from "./naive-store-fixture.js";
import { dataKeyOf, must, registerPersons, serviceFixture, type ServiceFixture } from "./service-fixture.js";
import type { RegisterDisputesItem } from "./use-cases/register-disputes.js";

// Bulk registration against registering one by one, over generated towns: the
// same records and audit events (ids the generator makes aside), a checkpoint
// per batch, resumption after a failure at any transaction or store call, and
// nothing written for invalid input, a refusal or a reused run id.

/** One town for every run: the runs vary the disputes made from its templates, the batch size and the failures. */
const town: SampleTown = sampleTown(4101, { villages: 3, persons: 14, disputes: 8, listings: 0 });
/** Persons registered before the import, so that items also name persons already in the ledger. */
const preRegistered = town.persons.slice(0, 3);

/** Ids from a counter, recognisable in any row or event so that they can be set aside. */
const counterIds = () => {
  let n = 0;
  return { next: () => `gen-${String(++n).padStart(6, "0")}` };
};

/** A store whose transactions fail at commit (their work done, then discarded) when `failOn` says so; transactions counted from 1. */
const failingCommits = (inner: LedgerStore, failOn: (n: number) => boolean): LedgerStore => {
  let n = 0;
  return {
    name: inner.name,
    transact: (work) => {
      const k = ++n;
      return inner.transact(async (tx) => {
        const value = await work(tx);
        if (failOn(k)) throw new Error(`injected failure of transaction ${k}`);
        return value;
      });
    },
  };
};

interface Side {
  readonly fx: ServiceFixture;
  readonly ledger: Ledger;
  readonly actor: Actor;
}

/**
 * A ledger over a fresh naive store for the town, with the given keys (so two
 * sides' blind indexes agree), counter ids and the persons of `preRegistered`;
 * `failAt` fails store calls, `failCommit` whole transactions.
 */
const sideOf = async (keys: KeyProvider, faults: { readonly failAt?: () => boolean; readonly failCommit?: (n: number) => boolean } = {}): Promise<Side> => {
  const base = serviceFixture(town.seed, {}, { town, ...(faults.failAt === undefined ? {} : { failAt: faults.failAt }) });
  const fx: ServiceFixture = { ...base, keys };
  const setUp = createLedger({ ...fx.options, keys, ids: counterIds() });
  for (const p of preRegistered) must(await setUp.registerPerson(fx.actors.social, p), `register ${p.id}`);
  const store = faults.failCommit === undefined ? fx.store : failingCommits(fx.store, faults.failCommit);
  return { fx, ledger: createLedger({ ...fx.options, store, keys, ids: counterIds() }), actor: fx.actors.social };
};

/** The items for these disputes: each gives the persons among its parties that neither the ledger nor an earlier item has. */
const itemsOf = (disputes: ReadonlyArray<DisputeJson>): ReadonlyArray<RegisterDisputesItem> => {
  const known = new Set<string>(preRegistered.map((p) => p.id));
  return disputes.map((dispute) => {
    const persons: Array<Person> = [];
    for (const party of dispute.parties) {
      if (party.kind !== "person" || known.has(party.person)) continue;
      known.add(party.person);
      persons.push(town.persons.find((p) => p.id === party.person)!);
    }
    return persons.length === 0 ? { dispute } : { dispute, persons };
  });
};

const today = town.period.to;

/** Disputes of the town's templates with other facts, domains, days and places, and distinct ids: grading tasks, levels and routes vary. */
const disputesArb = (max: number) =>
  fc
    .uniqueArray(
      fc.record({
        template: fc.constantFrom(...town.disputes),
        domain: arbitraries.DisputeDomain,
        facts: arbitraries.DisputeFacts,
        daysAgo: fc.integer({ min: 0, max: 900 }),
        place: fc.constantFrom<DivisionCode>(town.township.code, ...town.villages.map((v) => v.code)),
        n: fc.integer({ min: 1, max: 999_999 }),
      }),
      { selector: (r) => r.n, minLength: 1, maxLength: max },
    )
    .map((rows) =>
      rows.map(({ template, domain, facts, daysAgo, place, n }): DisputeJson => {
        const { petition: _p, ...rest } = template;
        return { ...rest, id: `d-bulk-${n}`, domain, facts, reportedOn: plusDays(today, -daysAgo), jurisdiction: place };
      }),
    );

/** Disputes and a batch size: 1, the count, more than the count, or anything between. */
const runArb = (max: number) =>
  disputesArb(max).chain((disputes) =>
    fc.record({
      disputes: fc.constant(disputes),
      batchSize: fc.oneof(fc.constant(1), fc.constant(disputes.length), fc.constant(disputes.length + 1), fc.integer({ min: 1, max: disputes.length + 2 })),
    }),
  );

const GENERATED = /gen-\d{6}/g;
const setAsideIds = <A>(value: A): A => JSON.parse(JSON.stringify(value).replace(GENERATED, "gen")) as A;

/** An audit event without what the chain adds (its id, place and hashes). */
const eventContent = ({ id: _i, seq: _s, prev: _p, hash: _h, ...rest }: AuditEventRow) => setAsideIds(rest);

/**
 * A side's committed state as it can be compared with another's: every row with
 * generated ids set aside (collections as sorted lists), persons' sealed fields
 * opened and data keys without their random bytes, audit events per chain
 * without ids and hashes. `bulkMarks: false` drops what only a bulk run writes
 * (its checkpoint and batch events).
 */
const comparable = (side: Side, bulkMarks: boolean) => {
  const state: NaiveState = side.fx.store.state();
  const rows = (name: string) => Object.values(state.collections[name]!).map((r) => JSON.stringify(setAsideIds(r))).sort();
  const persons = Object.values(state.collections.persons!).map((row) => {
    const { sealed, ...rest } = row as unknown as { readonly id: string; readonly sealed?: string };
    return { ...rest, ...(sealed === undefined ? {} : { opened: openJson(sealed, dataKeyOf(side.fx, rest.id)!) }) };
  });
  const keys = Object.values(state.collections.personKeys!).map((row) => {
    const { wrapped: _w, ...rest } = row as unknown as { readonly id: string; readonly wrapped: string };
    return rest;
  });
  const audit = Object.fromEntries(
    Object.entries(state.audit).map(([chain, events]) => [chain, events.filter((e) => bulkMarks || e.action !== "register-disputes").map(eventContent)]),
  );
  return {
    disputes: rows("disputes"),
    tasks: rows("tasks"),
    persons: persons.sort((a, b) => (a.id < b.id ? -1 : 1)),
    keys: keys.sort((a, b) => (a.id < b.id ? -1 : 1)),
    idempotency: bulkMarks ? rows("idempotency") : [],
    audit,
  };
};

const batchEvents = (side: Side) =>
  Object.values(side.fx.store.state().audit)
    .flat()
    .filter((e) => e.action === "register-disputes");

const storedDisputes = (side: Side): ReadonlyArray<string> => Object.keys(side.fx.store.state().collections.disputes!).sort();

const idsOf = (items: ReadonlyArray<RegisterDisputesItem>, from = 0, to = items.length): ReadonlyArray<string> =>
  items
    .slice(from, to)
    .map((i) => (i.dispute as DisputeJson).id)
    .sort();

const issuesOf = (r: { readonly ok: boolean; readonly error?: unknown }): ReadonlyArray<ValidationIssue> => {
  expect(r).toMatchObject({ ok: false, error: { _tag: "ValidationError" } });
  return (r.error as { readonly issues: ReadonlyArray<ValidationIssue> }).issues;
};

describe("a bulk run leaves the ledger as registering one by one does", () => {
  // Each run registers up to 6 disputes twice over: bounded at 6 runs.
  test.prop([runArb(6)], { numRuns: 6 })("the same disputes, persons, tasks and audit events, plus one checkpoint and one event per batch", async ({ disputes, batchSize }) => {
    const { keys } = generateDevelopmentKeys();
    const [single, bulk] = [await sideOf(keys), await sideOf(keys)];
    const items = itemsOf(disputes);
    for (const item of items) must(await single.ledger.registerDispute(single.actor, item), "register one");
    const progress: Array<readonly [number, number]> = [];
    const r = must(await bulk.ledger.registerDisputes(bulk.actor, { run: "import-1", items, batchSize, onProgress: (done, total) => void progress.push([done, total]) }), "bulk");

    const n = items.length;
    const batches = Math.ceil(n / batchSize);
    expect(r).toEqual({ run: "import-1", total: n, resumedFrom: 0, registered: n, batches, disputes: disputes.map((d) => d.id) });
    expect(comparable(bulk, false)).toEqual(comparable(single, false));

    // One checkpoint, done; one event per batch, in order, covering every item once.
    const checkpoints = Object.values(bulk.fx.store.state().collections.idempotency!);
    expect(checkpoints).toEqual([expect.objectContaining({ id: `register-disputes:${bulk.actor.unit}:import-1`, version: batches, useCase: "register-disputes", result: { done: n, total: n } })]);
    const events = batchEvents(bulk);
    expect(events.map((e) => [e.note!.from, e.note!.to])).toEqual(Array.from({ length: batches }, (_, b) => [b * batchSize, Math.min(n, (b + 1) * batchSize)]));
    expect(events.every((e) => e.entity.kind === "ledger" && e.entity.id === "import-1" && e.outcome === "done" && e.actor.officerId === bulk.actor.officerId)).toBe(true);
    expect(progress).toEqual([[0, n], ...events.map((e) => [e.note!.to, n])]);
    expect(must(await bulk.ledger.verifyAudit(bulk.fx.actors.auditor)).ok).toBe(true);

    // Called again, a finished run registers nothing.
    const before = bulk.fx.store.state();
    expect(must(await bulk.ledger.registerDisputes(bulk.actor, { run: "import-1", items, batchSize: 2 }))).toEqual({ ...r, resumedFrom: n, registered: 0, batches: 0 });
    expect(bulk.fx.store.state()).toEqual(before);
  });

  test.each([
    ["of 1", 1, 7],
    ["equal to the count", 7, 1],
    ["larger than the count", 8, 1],
    ["that leaves a short last batch", 3, 3],
  ])("a batch size %s commits in the batches it says", async (_what, batchSize, batches) => {
    const { keys } = generateDevelopmentKeys();
    const bulk = await sideOf(keys);
    const items = itemsOf(town.disputes.slice(0, 7));
    const r = must(await bulk.ledger.registerDisputes(bulk.actor, { run: `b-${batchSize}`, items, batchSize }));
    expect(r).toMatchObject({ registered: 7, batches, total: 7 });
    expect(batchEvents(bulk)).toHaveLength(batches);
    expect(storedDisputes(bulk)).toEqual(idsOf(items));
  });

  test("the Effect program does what the facade does", async () => {
    const { keys } = generateDevelopmentKeys();
    const [viaFacade, viaEffect] = [await sideOf(keys), await sideOf(keys)];
    const items = itemsOf(town.disputes.slice(0, 4));
    const a = must(await viaFacade.ledger.registerDisputes(viaFacade.actor, { run: "e", items, batchSize: 3 }));
    const layer = ledgerLayer({ ...viaEffect.fx.options, keys, ids: counterIds() });
    const b = await Effect.runPromise(ledgerPrograms.registerDisputes(viaEffect.actor, { run: "e", items, batchSize: 3 }).pipe(Effect.provide(layer)));
    expect(b).toEqual(a);
    expect(comparable(viaEffect, true)).toEqual(comparable(viaFacade, true));
  });

  test("an exception thrown by the progress callback does not stop the run", async () => {
    const { keys } = generateDevelopmentKeys();
    const bulk = await sideOf(keys);
    const items = itemsOf(town.disputes.slice(0, 3));
    const r = must(await bulk.ledger.registerDisputes(bulk.actor, { run: "p", items, batchSize: 1, onProgress: () => { throw new Error("terminal closed"); } }));
    expect(r.registered).toBe(3);
  });
});

describe("an interrupted run resumes", () => {
  // Each run imports up to 6 disputes into two ledgers, one of them twice: bounded at 6 runs.
  test.prop([runArb(6), fc.integer({ min: 1, max: 8 })], { numRuns: 6 })(
    "a failed commit of the k-th transaction stops the run after the batches before it; calling again ends as an uninterrupted run does",
    async ({ disputes, batchSize }, k) => {
      const { keys } = generateDevelopmentKeys();
      const control = { armed: true };
      const [whole, broken] = [await sideOf(keys), await sideOf(keys, { failCommit: (n) => control.armed && n === k })];
      const items = itemsOf(disputes);
      const n = items.length;
      const batches = Math.ceil(n / batchSize);
      must(await whole.ledger.registerDisputes(whole.actor, { run: "r", items, batchSize }));

      const before = broken.fx.store.state();
      const first = await broken.ledger.registerDisputes(broken.actor, { run: "r", items, batchSize });
      control.armed = false;
      // Transaction 1 checks the items and reads the checkpoint; transaction 1 + b commits batch b.
      const committed = k === 1 ? 0 : Math.min(n, (k - 2) * batchSize);
      if (k === 1) {
        expect(first).toMatchObject({ ok: false, error: { _tag: "StoreFailure" } });
        expect(broken.fx.store.state()).toEqual(before);
      } else if (k <= 1 + batches) {
        expect(first).toMatchObject({ ok: false, error: { _tag: "BulkRunInterrupted", run: "r", committed, total: n, cause: { _tag: "StoreFailure" } } });
        expect((first as { error: { item?: number } }).error.item).toBeUndefined();
        expect(storedDisputes(broken)).toEqual(idsOf(items, 0, committed));
        expect(batchEvents(broken)).toHaveLength(k - 2);
      } else {
        expect(first.ok).toBe(true);
      }

      const again = must(await broken.ledger.registerDisputes(broken.actor, { run: "r", items, batchSize }));
      const resumedFrom = k > 1 + batches ? n : committed;
      expect(again).toMatchObject({ resumedFrom, registered: n - resumedFrom, total: n });
      expect(comparable(broken, true)).toEqual(comparable(whole, true));
    },
  );

  // Each run calls the import up to 4 times over up to 5 disputes: bounded at 6 runs.
  test.prop([runArb(5), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 })], { numRuns: 6 })(
    "a store failure at any call, again and again: each call keeps whole batches only, and the last one ends as an uninterrupted run does",
    async ({ disputes, batchSize }, failures) => {
      const { keys } = generateDevelopmentKeys();
      const control = { armedAt: 0, calls: 0 };
      const [whole, flaky] = [await sideOf(keys), await sideOf(keys, { failAt: () => control.armedAt > 0 && ++control.calls === control.armedAt })];
      const items = itemsOf(disputes);
      const n = items.length;
      const input = { run: "flaky", items, batchSize };
      must(await whole.ledger.registerDisputes(whole.actor, input));

      let done = 0;
      for (const at of failures) {
        control.calls = 0;
        control.armedAt = at;
        const r = await flaky.ledger.registerDisputes(flaky.actor, input);
        control.armedAt = 0;
        if (r.ok) {
          expect(r.value.resumedFrom + r.value.registered).toBe(n);
          done = n;
          continue;
        }
        expect(["StoreFailure", "BulkRunInterrupted"]).toContain(r.error._tag);
        if (r.error._tag === "BulkRunInterrupted") {
          expect(r.error.cause._tag).toBe("StoreFailure");
          expect(r.error.committed % batchSize === 0 || r.error.committed === n).toBe(true);
          expect(r.error.committed).toBeGreaterThanOrEqual(done);
          if (r.error.item !== undefined) expect(r.error.item).toBeGreaterThanOrEqual(r.error.committed);
          done = r.error.committed;
        }
        // Whole batches only: the disputes stored are exactly the first `done` items.
        expect(storedDisputes(flaky)).toEqual(idsOf(items, 0, done));
      }
      const last = must(await flaky.ledger.registerDisputes(flaky.actor, input));
      expect(last).toMatchObject({ resumedFrom: done, registered: n - done });
      expect(comparable(flaky, true)).toEqual(comparable(whole, true));
      expect(must(await flaky.ledger.verifyAudit(flaky.fx.actors.auditor)).ok).toBe(true);
    },
  );

  test("an item the store refuses stops the run at that item, after the batches before it", async () => {
    const fx = serviceFixture(4102, {}, { town });
    await registerPersons(fx);
    const items = town.disputes.map((dispute) => ({ dispute }));
    must(await fx.ledger.registerDispute(fx.actors.coordinator, items[4]!));
    const r = await fx.ledger.registerDisputes(fx.actors.coordinator, { run: "taken", items, batchSize: 3 });
    expect(r).toMatchObject({ ok: false, error: { _tag: "BulkRunInterrupted", committed: 3, total: 8, item: 4, cause: { _tag: "RecordExists", entity: "dispute", id: town.disputes[4]!.id } } });
    if (!r.ok) expect(r.error.message).toContain("items[4]");
    expect(Object.keys(fx.store.state().collections.disputes!).sort()).toEqual([...town.disputes.slice(0, 3), town.disputes[4]!].map((d) => d.id).sort());
  });

  test("another unit's call with the same run id at once is its own run, and finds the disputes taken", async () => {
    const { keys } = generateDevelopmentKeys();
    const [whole, twice] = [await sideOf(keys), await sideOf(keys)];
    const items = itemsOf(town.disputes);
    must(await whole.ledger.registerDisputes(whole.actor, { run: "both", items, batchSize: 2 }));
    const [a, b] = await Promise.all([
      twice.ledger.registerDisputes(twice.actor, { run: "both", items, batchSize: 2 }),
      // The coordinator may not record identity numbers: its items name the persons the other call registers.
      twice.ledger.registerDisputes(twice.fx.actors.coordinator, { run: "both", items: items.map((i) => ({ dispute: i.dispute })), batchSize: 2 }),
    ]);
    expect(must(a).registered).toBe(8);
    expect(b).toMatchObject({ ok: false, error: { _tag: "BulkRunInterrupted", committed: 0, cause: { _tag: "RecordExists" } } });
    const [c, d] = await Promise.all([
      twice.ledger.registerDisputes(twice.actor, { run: "both", items, batchSize: 2 }),
      twice.ledger.registerDisputes(twice.actor, { run: "both", items, batchSize: 3 }),
    ]);
    expect([must(c).registered, must(d).registered]).toEqual([0, 0]);
    expect(storedDisputes(twice)).toEqual(idsOf(items));
  });

  test("two calls of one unit with the same new run at once share the work, each item once", async () => {
    const { keys } = generateDevelopmentKeys();
    const [whole, shared] = [await sideOf(keys), await sideOf(keys)];
    const items = itemsOf(town.disputes);
    must(await whole.ledger.registerDisputes(whole.actor, { run: "s", items, batchSize: 2 }));
    const other = { ...shared.actor, officerId: "t-social-2" as Actor["officerId"] };
    const [a, b] = await Promise.all([
      shared.ledger.registerDisputes(shared.actor, { run: "s", items, batchSize: 2 }),
      shared.ledger.registerDisputes(other, { run: "s", items, batchSize: 2 }),
    ]);
    expect(must(a).registered + must(b).registered).toBe(8);
    expect(must(a).registered).toBeGreaterThan(0);
    expect(must(b).registered).toBeGreaterThan(0);
    expect(storedDisputes(shared)).toEqual(idsOf(items));
    expect(batchEvents(shared).map((e) => [e.note!.from, e.note!.to])).toEqual(batchEvents(whole).map((e) => [e.note!.from, e.note!.to]));
    expect(must(await shared.ledger.verifyAudit(shared.fx.actors.auditor)).ok).toBe(true);
  });
});

describe("nothing is written for invalid input, a reused run id or a refusal", () => {
  const breakings: ReadonlyArray<readonly [string, (d: DisputeJson) => unknown, ReadonlyArray<string | number>]> = [
    ["an unknown domain", (d) => ({ ...d, domain: "weather" }), ["dispute", "domain"]],
    ["a day that does not exist", (d) => ({ ...d, reportedOn: "2025-02-30" }), ["dispute", "reportedOn"]],
    ["a field the schema does not know", (d) => ({ ...d, ethnicity: "彝族" }), ["dispute", "ethnicity"]],
    ["no parties", (d) => ({ ...d, parties: [] }), ["dispute", "parties"]],
  ];

  // Each run validates up to 8 items and writes nothing: bounded at 10 runs.
  test.prop([disputesArb(8), fc.nat(), fc.constantFrom(...breakings)], { numRuns: 10 })(
    "one invalid item fails the whole call, naming its path under items[i], in both languages",
    async (disputes, pick, [_what, breakIt, path]) => {
      const fx = serviceFixture(town.seed, {}, { town });
      const side = { fx, ledger: fx.ledger, actor: fx.actors.social };
      const items = itemsOf(disputes);
      const bad = pick % items.length;
      const broken = items.map((item, i) => (i === bad ? { ...item, dispute: breakIt(item.dispute as DisputeJson) } : item));
      const before = side.fx.store.state();
      const issues = issuesOf(await side.ledger.registerDisputes(side.actor, { run: "bad", items: broken, batchSize: 2 }));
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) {
        expect(i.path.slice(0, 2)).toEqual(["items", bad]);
        expect(i.zh.length > 0 && i.en.length > 0).toBe(true);
      }
      expect(issues.some((i) => [...["items", bad], ...path].every((p, k) => i.path[k] === p))).toBe(true);
      expect(side.fx.store.state()).toEqual(before);
    },
  );

  test("every invalid item is reported, and the items are checked against each other", async () => {
    const { keys } = generateDevelopmentKeys();
    const side = await sideOf(keys);
    const items = itemsOf(town.disputes);
    const [d0, d1] = [items[0]!.dispute as DisputeJson, items[1]!.dispute as DisputeJson];
    const gives = items.findIndex((i, k) => k >= 2 && (i.persons?.length ?? 0) > 0);
    expect(gives).toBeGreaterThanOrEqual(2);
    const given = items[gives]!.persons![0] as Person;
    const broken: ReadonlyArray<unknown> = [
      { ...items[0], dispute: { ...d0, domain: "weather" } },
      { dispute: d1, persons: [given], idempotencyKey: "k" },
      ...items.slice(2),
      { dispute: { ...d1, summary: "再次登记" } },
      "not an item",
      {},
    ];
    const before = side.fx.store.state();
    const issues = issuesOf(await side.ledger.registerDisputes(side.actor, { run: "many", items: broken as never }));
    const paths = issues.map((i) => i.path.join("."));
    const n = items.length;
    expect(paths).toContain("items.0.dispute.domain");
    expect(paths).toContain("items.1.idempotencyKey");
    expect(paths).toContain(`items.${n}.dispute.id`);
    expect(paths).toContain(`items.${n + 1}`);
    expect(paths).toContain(`items.${n + 2}.dispute`);
    // A person given by item 1 and again later; a dispute naming a person only a later item gives.
    const personGivenTwice = issues.find((i) => i.path.join(".").startsWith(`items.${gives}.persons.`));
    expect(personGivenTwice).toMatchObject({ en: `person ${given.id} is given in items[1] already` });
    expect(issues.find((i) => i.path.join(".") === `items.${n}.dispute.id`)).toMatchObject({ zh: `纠纷 ${d1.id} 已在 items[1] 中给出` });
    expect(side.fx.store.state()).toEqual(before);

    const early = { dispute: { ...d0, id: "d-early", parties: [{ kind: "person", person: given.id, role: "claimant" }] } };
    const late = issuesOf(await side.ledger.registerDisputes(side.actor, { run: "late", items: [early, items[gives]!] }));
    expect(late).toEqual([expect.objectContaining({ path: ["items", 0, "dispute", "parties", 0, "person"], en: expect.stringContaining(`only given in items[1]`) })]);
    expect(side.fx.store.state()).toEqual(before);
  });

  test.each([
    ["a batch size of 0", { batchSize: 0 }, "batchSize"],
    ["a batch size above 5,000", { batchSize: 5_001 }, "batchSize"],
    ["a fractional batch size", { batchSize: 2.5 }, "batchSize"],
    ["an empty run id", { run: "" }, "run"],
    ["a run id of spaces", { run: "   " }, "run"],
    ["a run id with a line break", { run: "a\nb" }, "run"],
    ["a run id of 129 characters", { run: "x".repeat(129) }, "run"],
    ["items that are not a list", { items: "all" }, "items"],
    ["a field the input does not have", { dryRun: true }, "dryRun"],
  ])("refuses %s, naming it", async (_what, change, path) => {
    const fx = serviceFixture(4103, {}, { town });
    const before = fx.store.state();
    const issues = issuesOf(await fx.ledger.registerDisputes(fx.actors.coordinator, { run: "ok", items: [], ...change } as never));
    expect(issues.map((i) => i.path)).toEqual([[path]]);
    expect(fx.store.state()).toEqual(before);
  });

  test("a run id used with other items is refused, in both languages; the same items resume, and another unit's run is its own", async () => {
    const { keys } = generateDevelopmentKeys();
    const side = await sideOf(keys, { failCommit: (n) => n === 3 });
    const items = itemsOf(town.disputes);
    const stopped = await side.ledger.registerDisputes(side.actor, { run: "sha-1", items, batchSize: 3 });
    expect(stopped).toMatchObject({ ok: false, error: { _tag: "BulkRunInterrupted", committed: 3 } });
    const before = side.fx.store.state();
    for (const other of [items.slice(0, 7), [...items.slice(1), items[0]!], items.map((i, k) => (k === 6 ? { dispute: { ...(i.dispute as DisputeJson), summary: "改过的摘要" } } : i))]) {
      const r = await side.ledger.registerDisputes(side.actor, { run: "sha-1", items: other, batchSize: 3 });
      expect(r).toMatchObject({ ok: false, error: { _tag: "BulkRunReused", run: "sha-1", done: 3, total: 8 } });
      if (!r.ok && r.error._tag === "BulkRunReused") {
        expect(r.error.text.zh).toContain("sha-1");
        expect(r.error.text.en).toContain("a new import takes a new run id");
      }
      expect(side.fx.store.state()).toEqual(before);
    }
    // Keys of the same items in another order are the same input.
    const reordered = items.map((i) => ({ ...(i.persons === undefined ? {} : { persons: i.persons }), dispute: JSON.parse(JSON.stringify(i.dispute)) }));
    expect(must(await side.ledger.registerDisputes(side.actor, { run: "sha-1", items: reordered, batchSize: 4 }))).toMatchObject({ resumedFrom: 3, registered: 5, batches: 2 });
    // The same run id in another unit is another run (here with other disputes).
    const theirs = town.disputes.map((d) => ({ dispute: { ...d, id: `${d.id}-x` } }));
    expect(must(await side.ledger.registerDisputes(side.fx.actors.coordinator, { run: "sha-1", items: theirs }))).toMatchObject({ resumedFrom: 0, registered: 8 });
  });

  test("an auditor may not register in bulk: refused before validation, the refusal audited", async () => {
    const fx = serviceFixture(4104, {}, { town });
    const before = fx.store.state();
    const r = await fx.ledger.registerDisputes(fx.actors.auditor, { run: "a", items: [{ dispute: "not even a dispute" }] });
    expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "role", action: "register-disputes" } });
    const after = fx.store.state();
    expect(after.collections).toEqual(before.collections);
    expect(Object.values(after.audit).flat()).toEqual([expect.objectContaining({ action: "register-disputes", outcome: "refused", note: { reason: "role" } })]);
  });

  test("one item outside the actor's scope, or with a field the actor may not write, refuses the whole call before anything is written", async () => {
    const fx = serviceFixture(4105, {}, { town });
    await registerPersons(fx);
    const [mine, theirs] = [town.villages[0]!.code, town.villages[1]!.code];
    const items = town.disputes.map((d, i) => ({ dispute: { ...d, jurisdiction: i === 5 ? theirs : mine } }));
    const before = fx.store.state();
    const r = await fx.ledger.registerDisputes(fx.actors.village(mine), { run: "v", items, batchSize: 2 });
    expect(r).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "out-of-scope", id: town.disputes[5]!.id } });
    const after = fx.store.state();
    expect(after.collections).toEqual(before.collections);
    expect(Object.values(after.audit).flat().slice(Object.values(before.audit).flat().length)).toEqual([
      expect.objectContaining({ action: "register-dispute", outcome: "refused", entity: { kind: "dispute", id: town.disputes[5]!.id } }),
    ]);

    // The coordinator records names, not identity numbers.
    const fresh = serviceFixture(4106, {}, { town });
    const p = town.persons.find((x) => x.identityNumber !== undefined)!;
    const withNumber = [{ dispute: { ...town.disputes[0]!, parties: [{ kind: "person", person: p.id, role: "claimant" }] }, persons: [p] }];
    const field = await fresh.ledger.registerDisputes(fresh.actors.coordinator, { run: "f", items: withNumber });
    expect(field).toMatchObject({ ok: false, error: { _tag: "AccessDenied", reason: "field", field: "person.identityNumber" } });
    expect(fresh.store.state().collections.persons).toEqual({});
  });

  test("an empty list registers nothing and writes nothing", async () => {
    const fx = serviceFixture(4107, {}, { town });
    const before = fx.store.state();
    expect(must(await fx.ledger.registerDisputes(fx.actors.coordinator, { run: "none", items: [] }))).toEqual({ run: "none", total: 0, resumedFrom: 0, registered: 0, batches: 0, disputes: [] });
    expect(fx.store.state()).toEqual(before);
  });
});
