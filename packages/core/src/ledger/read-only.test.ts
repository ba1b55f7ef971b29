import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { verifyChain } from "../audit/verify-chain.js";
import type { DisputeId, ListingId, UnitId } from "../model/ids.js";
import type { Person } from "../model/person.js";
import type { IdGenerator } from "../ports/id-generator.js";
import type { LedgerStore, LedgerTransaction } from "../ports/ledger-store.js";
import { zixi2025 } from "../presets/zixi/campaign.js";
import { plusDays } from "../calendar/local-dates.js";
import { type Ledger, createLedger, ledgerPrograms } from "./create-ledger.js";
import { resolveLedgerEnv } from "./ledger-config.js";
import { naiveStore, type NaiveState, type NaiveStore } from "./naive-store-fixture.js";
import { must, qualifyingFacts, serviceFixture, type ServiceFixture } from "./service-fixture.js";
import { readOnlyUseCase, runDirect } from "./unit-of-work.js";

// Read-only use cases over a store with a lagging replica (the naive store's
// `replica` mode: `transactReadOnly` reads a copy of the committed state taken
// at the last `syncReplica()`, and rejects every write).

/** Ids in the order they are asked for, so that two ledgers fed the same calls make the same ids (and audit hashes). */
const seqIds = (): IdGenerator => {
  let n = 0;
  return { next: () => `id-${String(++n).padStart(6, "0")}` };
};

/** A store in front of another that counts its two kinds of transactions. */
const counted = (inner: LedgerStore) => {
  const counts = { transact: 0, transactReadOnly: 0 };
  const readOnly = inner.transactReadOnly;
  const store: LedgerStore = {
    name: inner.name,
    transact: (work) => {
      counts.transact += 1;
      return inner.transact(work);
    },
    ...(readOnly === undefined
      ? {}
      : {
          transactReadOnly: (work) => {
            counts.transactReadOnly += 1;
            return readOnly(work);
          },
        }),
  };
  return { store, counts };
};

/** The same store seen without its replica: what a store without `transactReadOnly` is. */
const primaryOnly = (inner: LedgerStore): LedgerStore => ({ name: inner.name, transact: (work) => inner.transact(work) });

const small = { villages: 2, persons: 8, disputes: 5, listings: 0 } as const;

/** A person with an identity number (every read of them shows a sealed field to the social affairs office). */
const numbered = (fx: ServiceFixture): Person & { readonly identityNumber: string } => {
  const p = fx.town.persons.find((x) => x.identityNumber !== undefined);
  if (p === undefined) throw new Error("the sample town has no person with an identity number");
  return p as Person & { readonly identityNumber: string };
};

/** Registers the town's persons and disputes, a hardship listing and a hazard, through a ledger. */
const setUp = async (fx: ServiceFixture, ledger: Ledger, disputes = fx.town.disputes): Promise<void> => {
  for (const p of fx.town.persons) must(await ledger.registerPerson(fx.actors.social, p), `register person ${p.id}`);
  for (const d of disputes) must(await ledger.registerDispute(fx.actors.coordinator, { dispute: d }), `register ${d.id}`);
  const person = numbered(fx);
  must(
    await ledger.openListing(fx.actors.social, { facts: qualifyingFacts(person.id, 5, fx.today), category: 5, id: "l-ro-1" as ListingId, responsibleUnit: "u-shswb" as UnitId, responsiblePerson: "王芳" }),
    "open listing",
  );
  must(
    await ledger.registerHazard(fx.actors.coordinator, { jurisdiction: fx.town.township.code, place: "中心学校校门", hazard: "无隔离护栏", responsibleUnit: "u-zxxx", deadline: plusDays(fx.today, 30) }),
    "register hazard",
  );
};

/** Every read-only use case, called as an officer would (one of them refused: an auditor asking for a report). */
const readCalls = (fx: ServiceFixture): ReadonlyArray<readonly [string, (ledger: Ledger) => Promise<unknown>]> => {
  const c = fx.actors.coordinator;
  const social = fx.actors.social;
  const period = fx.town.period;
  const person = numbered(fx);
  const dispute = fx.town.disputes[0]!.id;
  return [
    ["monthlyReport", (l) => l.monthlyReport(c, { period })],
    ["monthlyReport for the county", (l) => l.monthlyReport(c, { period, for: "county" })],
    ["campaignSummary", (l) => l.campaignSummary(c)],
    ["getDispute", (l) => l.getDispute(c, dispute)],
    ["listDisputes", (l) => l.listDisputes(c, { limit: 2 })],
    ["getPerson", (l) => l.getPerson(social, person.id, { purpose: "帮扶走访" })],
    ["findPersonByIdentityNumber", (l) => l.findPersonByIdentityNumber(social, person.identityNumber, { purpose: "核对身份" })],
    ["getListing", (l) => l.getListing(social, "l-ro-1" as ListingId, { purpose: "定期复核" })],
    ["listListings", (l) => l.listListings(social, { purpose: "月度走访" })],
    ["tasksDue", (l) => l.tasksDue(social, { horizonDays: 60 })],
    ["listHazards", (l) => l.listHazards(c)],
    ["auditTrail", (l) => l.auditTrail(fx.actors.auditor, { chain: fx.town.township.code, limit: 5 })],
    ["verifyAudit", (l) => l.verifyAudit(fx.actors.auditor)],
    ["a refused monthlyReport", (l) => l.monthlyReport(fx.actors.auditor, { period })],
  ];
};

/** Every chain of a state verifies. */
const expectChainsVerify = (state: NaiveState): void => {
  for (const [chain, events] of Object.entries(state.audit)) expect(verifyChain(chain, events), `chain ${chain}`).toMatchObject({ ok: true });
};

describe("read-only use cases over a lagging replica", () => {
  test("a report before the replica syncs does not show a dispute just registered, and after the sync does", async () => {
    const fx = serviceFixture(701, small, { replica: true });
    const ledger = createLedger(fx.options);
    const c = fx.actors.coordinator;
    const period = fx.town.period;
    const last = fx.town.disputes.at(-1)!;
    await setUp(fx, ledger, fx.town.disputes.slice(0, -1));
    fx.store.syncReplica();
    const before = must(await ledger.monthlyReport(c, { period }));
    if (before.for !== "own") throw new Error("unexpected audience");
    expect(before.report.totals.new).toBe(fx.town.disputes.length - 1);

    must(await ledger.registerDispute(c, { dispute: last }));
    // The primary has it; the replica does not yet: every read-only use case reads the replica.
    expect(Object.keys(fx.store.state().collections.disputes!)).toContain(last.id);
    expect(must(await ledger.monthlyReport(c, { period }))).toEqual(before);
    expect(await ledger.getDispute(c, last.id)).toMatchObject({ ok: false, error: { _tag: "RecordNotFound", id: last.id } });
    expect(must(await ledger.listDisputes(c)).items.map((d) => d.id)).not.toContain(last.id);

    fx.store.syncReplica();
    const after = must(await ledger.monthlyReport(c, { period }));
    if (after.for !== "own") throw new Error("unexpected audience");
    expect(after.report.totals.new).toBe(fx.town.disputes.length);
    expect(must(await ledger.getDispute(c, last.id)).id).toBe(last.id);
    // Once caught up, the report is the one the primary gives.
    expect(after).toEqual(must(await createLedger({ ...fx.options, store: primaryOnly(fx.store) }).monthlyReport(c, { period })));
  });

  // Each run registers a small town (about 20 transactions) and makes up to 8 changes or reports: 6 runs.
  test.prop([fc.integer({ min: 1, max: 5_000 }), fc.array(fc.constantFrom("register", "accept", "sync", "report"), { minLength: 1, maxLength: 8 })], { numRuns: 6 })(
    "whatever the writes and syncs, a report over the replica is the primary's report as of the last sync",
    async (seed, steps) => {
      const fx = serviceFixture(seed, small, { replica: true });
      const ledger = createLedger(fx.options);
      const primary = createLedger({ ...fx.options, store: primaryOnly(fx.store) });
      const c = fx.actors.coordinator;
      const period = { from: plusDays(fx.town.period.from, -1), to: fx.today };
      for (const p of fx.town.persons) must(await ledger.registerPerson(fx.actors.social, p));
      const waiting = [...fx.town.disputes];
      const registered: Array<{ id: DisputeId; version: number; accepted: boolean }> = [];
      fx.store.syncReplica();
      let asOfSync = must(await primary.monthlyReport(c, { period }));
      for (const step of steps) {
        if (step === "register" && waiting.length > 0) {
          const view = must(await ledger.registerDispute(c, { dispute: waiting.shift()! })).dispute;
          registered.push({ id: view.id, version: view.version, accepted: false });
        } else if (step === "accept") {
          const d = registered.find((r) => !r.accepted);
          if (d !== undefined) {
            d.version = must(await ledger.transition(c, { dispute: d.id, version: d.version, transition: "accept" })).version;
            d.accepted = true;
          }
        } else if (step === "sync") {
          asOfSync = must(await primary.monthlyReport(c, { period }));
          fx.store.syncReplica();
        } else if (step === "report") {
          expect(must(await ledger.monthlyReport(c, { period }))).toEqual(asOfSync);
        }
      }
      fx.store.syncReplica();
      expect(must(await ledger.monthlyReport(c, { period }))).toEqual(must(await primary.monthlyReport(c, { period })));
      expectChainsVerify(fx.store.state());
    },
  );

  // Each run sets up two small towns (about 40 transactions) and makes up to 5 reads on each: 3 runs.
  test.prop([fc.integer({ min: 1, max: 5_000 }), fc.array(fc.nat({ max: 13 }), { minLength: 1, maxLength: 5 })], { numRuns: 3 })(
    "each read-only use case returns what it returns without a replica, appends the same audit events on the primary, and writes nothing to the replica",
    async (seed, picks) => {
      const fx = serviceFixture(seed, small, { replica: true, config: { campaign: zixi2025 } });
      const plainStore = naiveStore();
      const withReplica = counted(fx.store);
      const without = counted(plainStore);
      const ledgers = [createLedger({ ...fx.options, store: withReplica.store, ids: seqIds() }), createLedger({ ...fx.options, store: without.store, ids: seqIds() })] as const;
      for (const l of ledgers) await setUp(fx, l);
      const calls = readCalls(fx);
      for (const pick of picks) {
        const [name, call] = calls[pick % calls.length]!;
        fx.store.syncReplica();
        const replica = fx.store.replicaState();
        const auditBefore = JSON.stringify(fx.store.state().audit);
        const before = { replica: { ...withReplica.counts }, plain: { ...without.counts } };
        const [got, expected] = [await call(ledgers[0]), await call(ledgers[1])];
        expect(got, `${name}: the same result over the replica`).toEqual(expected);
        expect(fx.store.state().audit, `${name}: the same audit events, on the primary`).toEqual(plainStore.state().audit);
        expect(fx.store.replicaState(), `${name}: nothing written to the replica`).toEqual(replica);
        const appended = JSON.stringify(fx.store.state().audit) !== auditBefore;
        // Without a replica: one transaction (and one more for a refusal). With one: a read there, and a short append on the primary when there is something to audit.
        expect(without.counts.transactReadOnly, name).toBe(0);
        expect(without.counts.transact - before.plain.transact, name).toBe(name.startsWith("a refused") ? 2 : 1);
        expect(withReplica.counts.transactReadOnly - before.replica.transactReadOnly, name).toBe(1);
        expect(withReplica.counts.transact - before.replica.transact, name).toBe(appended ? 1 : 0);
      }
      expectChainsVerify(fx.store.state());
      fx.store.syncReplica();
      expect(must(await ledgers[0].verifyAudit(fx.actors.auditor)).ok).toBe(true);
      // With a checkpoint, verifyAudit reads the primary (a lagging replica would look cut short).
      const checkpoint = must(await ledgers[0].auditCheckpoint(fx.actors.coordinator));
      must(await ledgers[0].registerPerson(fx.actors.social, { id: "p-after-checkpoint", name: "赵六", jurisdiction: fx.town.villages[0]!.code }));
      const readsBefore = withReplica.counts.transactReadOnly;
      expect(must(await ledgers[0].verifyAudit(fx.actors.auditor, { checkpoint, publicKey: fx.checkpointPublicKey }))).toMatchObject({ ok: true, againstCheckpoint: [] });
      expect(withReplica.counts.transactReadOnly).toBe(readsBefore);
    },
  );

  test("the most-used read-only use cases do audit: their events are on the primary's chain, not yet on the replica's", async () => {
    const fx = serviceFixture(703, small, { replica: true, config: { campaign: zixi2025 } });
    const ledger = createLedger(fx.options);
    await setUp(fx, ledger);
    fx.store.syncReplica();
    const replica = fx.store.replicaState();
    const township = fx.town.township.code;
    const seen = () => fx.store.state().audit[township]!.slice(replica.audit[township]!.length).map((e) => [e.action, e.outcome]);
    for (const [name, call] of readCalls(fx)) await call(ledger).then((r) => expect(r, name).toBeDefined());
    expect(seen()).toEqual(
      expect.arrayContaining([
        ["monthly-report", "done"],
        ["campaign-summary", "done"],
        ["read-person", "done"],
        ["find-person", "done"],
        ["read-listing", "done"],
        ["monthly-report", "refused"],
      ]),
    );
    expect(fx.store.replicaState()).toEqual(replica);
    expectChainsVerify(fx.store.state());
  });
});

/** A store with a replica whose primary can be told to fail, or to answer `conflict` to the next appends. */
const troubledPrimary = (inner: NaiveStore) => {
  const control = { fail: false, conflicts: 0, transacts: 0, reads: 0 };
  const conflicting = (tx: LedgerTransaction): LedgerTransaction => ({
    ...tx,
    audit: {
      ...tx.audit,
      append: async (event) => {
        if (control.conflicts > 0) {
          control.conflicts -= 1;
          return "conflict";
        }
        return tx.audit.append(event);
      },
    },
  });
  const store: LedgerStore = {
    name: "troubled",
    transact: (work) => {
      control.transacts += 1;
      if (control.fail) return Promise.reject(new Error("the primary is unreachable"));
      return inner.transact((tx) => work(conflicting(tx)));
    },
    transactReadOnly: (work) => {
      control.reads += 1;
      return inner.transactReadOnly!(work);
    },
  };
  return { store, control };
};

describe("the audit events of a read-only use case are committed before its result is released", () => {
  it("a failing audit append fails the use case with StoreFailure and returns nothing", async () => {
    const fx = serviceFixture(704, small, { replica: true });
    const { store, control } = troubledPrimary(fx.store);
    const ledger = createLedger({ ...fx.options, store });
    await setUp(fx, ledger);
    fx.store.syncReplica();
    const before = fx.store.state();
    control.fail = true;
    const r = await ledger.monthlyReport(fx.actors.coordinator, { period: fx.town.period });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ _tag: "StoreFailure", store: "troubled" }) });
    expect("value" in r).toBe(false);
    expect(control.reads).toBe(1);
    expect(fx.store.state()).toEqual(before);
    // A read with nothing to audit needs no primary.
    expect(must(await ledger.listDisputes(fx.actors.coordinator)).items).toHaveLength(fx.town.disputes.length);
  });

  // Each run sets up a small town (about 20 transactions) and makes one report: 10 runs.
  test.prop([fc.integer({ min: 0, max: 10 })], { numRuns: 10 })(
    "an audit conflict re-appends the events (never runs the body again), up to 8 attempts; then StoreFailure, with nothing appended",
    async (conflicts) => {
      const fx = serviceFixture(705, small, { replica: true });
      const { store, control } = troubledPrimary(fx.store);
      const ledger = createLedger({ ...fx.options, store });
      await setUp(fx, ledger);
      fx.store.syncReplica();
      const township = fx.town.township.code;
      const before = fx.store.state().audit[township]!.length;
      const [transacts, reads] = [control.transacts, control.reads];
      control.conflicts = conflicts;
      const r = await ledger.monthlyReport(fx.actors.coordinator, { period: fx.town.period });
      expect(control.reads - reads, "the body ran once, on the replica").toBe(1);
      const after = fx.store.state().audit[township]!;
      if (conflicts < 8) {
        expect(r.ok).toBe(true);
        expect(control.transacts - transacts).toBe(conflicts + 1);
        expect(after.slice(before).map((e) => e.action)).toEqual(["monthly-report"]);
      } else {
        expect(r).toMatchObject({ ok: false, error: { _tag: "StoreFailure" } });
        expect(control.transacts - transacts).toBe(8);
        expect(after).toHaveLength(before);
      }
      expectChainsVerify(fx.store.state());
    },
  );
});

describe("only the read-only use cases read the replica", () => {
  /** Arguments for every use case: not all valid, since a use case opens its transaction before it decodes its input. */
  const argsOf = (fx: ServiceFixture): Readonly<Record<string, ReadonlyArray<unknown>>> => {
    const dispute = fx.town.disputes[0]!;
    const person = numbered(fx).id;
    const listing = { listing: "l-ro-1" as ListingId, version: 1 };
    return {
      registerDispute: [{ dispute: fx.town.disputes[1] }],
      registerDisputes: [{ run: "ro-bulk", items: [{ dispute: fx.town.disputes[2] }] }],
      decideGrade: [{ dispute: dispute.id, version: 1 }],
      transition: [{ dispute: dispute.id, version: 1, transition: "accept" }],
      recordMeasure: [{ dispute: dispute.id, version: 1, measure: "组织调解" }],
      getDispute: [dispute.id],
      listDisputes: [{}],
      registerPerson: [{ id: "p-new", name: "赵六", jurisdiction: fx.town.villages[0]!.code }],
      getPerson: [person, { purpose: "核对" }],
      findPersonByIdentityNumber: [numbered(fx).identityNumber, { purpose: "核对" }],
      checkEligibility: [qualifyingFacts(person, 5, fx.today)],
      openListing: [{ facts: qualifyingFacts(person, 5, fx.today), category: 5, id: "l-new", responsibleUnit: "u-shswb", responsiblePerson: "王芳" }],
      getListing: ["l-ro-1", { purpose: "核对" }],
      listListings: [{ purpose: "核对" }],
      reviewListing: [{ ...listing, nextReviewOn: plusDays(fx.today, 20) }],
      endListing: [{ ...listing, reason: "困难已解决" }],
      removeListing: [{ ...listing, reason: "已迁出本镇" }],
      tasksDue: [{}],
      completeTask: [{ listing: "l-ro-1", measure: "assistance-visit" }],
      recordSubmission: [{ deadline: "monthly-update@2025-04-28" }],
      monthlyReport: [{ period: fx.town.period }],
      campaignSummary: [],
      registerHazard: [{ jurisdiction: fx.town.township.code, place: "卫生院门口", hazard: "台阶破损", responsibleUnit: "u-wsy", deadline: plusDays(fx.today, 10) }],
      fixHazard: [{ hazard: "h-none", version: 1, measure: "已修复" }],
      listHazards: [],
      purgeExpired: [],
      verifyAudit: [],
      auditCheckpoint: [],
      auditTrail: [{ chain: fx.town.township.code }],
      rotateKeys: [],
      recordExport: [{ dataset: "disputes", format: "csv", rows: 1, purpose: "核对" }],
    };
  };
  const readOnly = [
    "getDispute",
    "listDisputes",
    "getPerson",
    "findPersonByIdentityNumber",
    "getListing",
    "listListings",
    "tasksDue",
    "monthlyReport",
    "campaignSummary",
    "listHazards",
    "verifyAudit",
    "auditTrail",
  ].sort();

  it("every other use case (registration, transitions, grade decisions, listings' changes, purge, rotation, checkpoints, submissions) never calls transactReadOnly", async () => {
    const fx = serviceFixture(706, small, { replica: true, config: { campaign: zixi2025 } });
    const { store, counts } = counted(fx.store);
    const typed = createLedger({ ...fx.options, store });
    const ledger = typed as unknown as Record<string, (...args: ReadonlyArray<unknown>) => Promise<unknown>>;
    await setUp(fx, typed, fx.town.disputes.slice(0, 1));
    fx.store.syncReplica();
    const args = argsOf(fx);
    const missing = Object.keys(ledgerPrograms).filter((name) => args[name] === undefined);
    expect(missing, "say here whether each new use case reads only (and add it to readOnly if it does)").toEqual([]);
    // Auditors verify, the social affairs office keeps persons and hardship listings, the coordinator the rest.
    const actorOf = (name: string) =>
      name === "verifyAudit" || name === "auditTrail"
        ? fx.actors.auditor
        : /Listing|Person|Eligibility|tasksDue|completeTask/.test(name)
          ? fx.actors.social
          : fx.actors.coordinator;
    const readers: Array<string> = [];
    for (const name of Object.keys(ledgerPrograms)) {
      const reads = counts.transactReadOnly;
      const actor = actorOf(name);
      await ledger[name]!(actor, ...args[name]!);
      if (counts.transactReadOnly > reads) readers.push(name);
      expect(counts.transactReadOnly - reads, name).toBeLessThanOrEqual(1);
    }
    expect(readers.sort()).toEqual(readOnly);
    const reads = counts.transactReadOnly;
    const checkpoint = must(await typed.auditCheckpoint(fx.actors.coordinator));
    await typed.verifyAudit(fx.actors.auditor, { checkpoint, publicKey: fx.checkpointPublicKey });
    expect(counts.transactReadOnly, "auditCheckpoint and verifyAudit with a checkpoint read the primary").toBe(reads);
  });
});

describe("a read-only use case's body cannot write", () => {
  type WriteCall = readonly [string, (tx: LedgerTransaction) => Promise<unknown>];
  const row = { id: "h-x", version: 1, jurisdiction: "532301104000" } as never;
  const writes: ReadonlyArray<WriteCall> = [
    ...(["disputes", "persons", "personKeys", "listings", "tasks", "grades", "submissions", "hazards", "idempotency"] as const).flatMap((n): ReadonlyArray<WriteCall> => [
      [`${n}.insert`, (tx) => tx[n].insert(row)],
      [`${n}.update`, (tx) => tx[n].update(row, 1)],
      [`${n}.remove`, (tx) => tx[n].remove("h-x", 1)],
    ]),
    ["audit.append", (tx) => tx.audit.append({ id: "e", chain: "532301104000", seq: 1 } as never)],
  ];

  // Each run makes one ledger environment and one use case: 20 runs.
  test.prop([fc.constantFrom(...writes), fc.boolean()], { numRuns: 20 })(
    "any write of its body rejects the use case (a defect, loud in tests) over a store with a replica or without, and nothing is written",
    async ([call, write], replica) => {
      const fx = serviceFixture(707, { villages: 1, persons: 1, disputes: 0, listings: 0 }, { replica: true });
      const store = replica ? fx.store : primaryOnly(fx.store);
      const env = resolveLedgerEnv({ ...fx.options, store });
      const before = fx.store.state();
      const writing = readOnlyUseCase("writing-read", fx.actors.coordinator, async (work) => {
        work.audit({ action: "writing-read", entity: "ledger", id: "x", jurisdiction: fx.town.township.code, fields: [] });
        return write(work.tx);
      });
      await expect(writing[runDirect](env)).rejects.toThrow(`the read-only use case "writing-read" tried to write (${call}): refused`);
      expect(fx.store.state()).toEqual(before);
      expect(fx.store.replicaState()).toEqual(before);
    },
  );

  it("the naive replica itself rejects writes too, as the port requires", async () => {
    const store = naiveStore({ replica: true });
    await expect(store.transactReadOnly!((tx) => tx.hazards.insert({ id: "h", version: 1 } as never))).rejects.toThrow("read-only");
    expect(store.state()).toEqual(naiveStore().state());
  });

  it("without transactReadOnly a read-only use case runs in one transaction, as before", async () => {
    const fx = serviceFixture(708, small);
    const { store, counts } = counted(fx.store);
    const ledger = createLedger({ ...fx.options, store });
    await setUp(fx, ledger);
    const [transacts, size] = [counts.transact, fx.store.state().audit[fx.town.township.code]!.length];
    must(await ledger.monthlyReport(fx.actors.coordinator, { period: fx.town.period }));
    expect(counts.transact - transacts).toBe(1);
    expect(fx.store.state().audit[fx.town.township.code]!.length).toBe(size + 1);
    expect("transactReadOnly" in store).toBe(false);
  });
});
