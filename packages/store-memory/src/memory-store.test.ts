import type { AuditEventRow, DisputeRow, DivisionCode, HazardRow, LocalDate, OfficerId, PersonId, PersonRow, UnitId } from "@tiaojie/core";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { MemoryStoreMisuse, makeMemoryStore } from "./index.js";

const township = "532301104000" as DivisionCode;
const village = "532301104201" as DivisionCode;
const otherTownship = "532301105000" as DivisionCode;

const hazard = (id: string, extra: Partial<HazardRow> = {}): HazardRow => ({
  id,
  version: 1,
  jurisdiction: village,
  place: "中心学校大门",
  hazard: "缺少防冲撞设施",
  responsibleUnit: "u-school" as UnitId,
  foundOn: "2025-01-10" as LocalDate,
  deadline: "2025-02-10" as LocalDate,
  status: "open",
  ...extra,
});

const person = (id: string): PersonRow => ({
  id: id as PersonId,
  version: 1,
  jurisdiction: village,
  name: "张三",
  sealed: "tj1.k1.aXY.Y3Q.dGFn",
  registeredOn: "2025-01-02" as LocalDate,
});

const event = (chain: string, seq: number): AuditEventRow => ({
  id: `e-${chain}-${seq}`,
  chain,
  seq,
  at: 1_736_000_000_000 + seq,
  actor: { officerId: "o-1" as OfficerId, unit: "u-1" as UnitId, role: "coordinator" },
  action: "register",
  entity: { kind: "hazard", id: "h-1" },
  fields: ["place", "hazard"],
  outcome: "done",
  prev: "0".repeat(64),
  hash: seq.toString(16).padStart(64, "0"),
});

const ids = <R extends { readonly id: string }>(rows: ReadonlyArray<R>): ReadonlyArray<string> => rows.map((r) => r.id);

describe("makeMemoryStore: the overlay of a transaction", () => {
  it("lets a transaction read its own writes, merged in id order with the committed rows", async () => {
    const store = makeMemoryStore();
    await store.transact(async (tx) => {
      for (const id of ["h-2", "h-4", "h-6"]) await tx.hazards.insert(hazard(id));
    });
    const seen = await store.transact(async (tx) => {
      await tx.hazards.insert(hazard("h-1"));
      await tx.hazards.insert(hazard("h-5"));
      await tx.hazards.update(hazard("h-4", { version: 2, status: "fixed" }), 1);
      await tx.hazards.remove("h-6", 1);
      const all = await tx.hazards.find({ within: township, limit: 10 });
      const open = await tx.hazards.find({ within: township, where: { status: "open" }, limit: 10 });
      const afterTwo = await tx.hazards.find({ within: township, after: "h-2", limit: 2 });
      return { all: ids(all.rows), open: ids(open.rows), afterTwo, got: await tx.hazards.get("h-4"), gone: await tx.hazards.get("h-6") };
    });
    expect(seen.all).toEqual(["h-1", "h-2", "h-4", "h-5"]);
    expect(seen.open).toEqual(["h-1", "h-2", "h-5"]);
    expect(seen.afterTwo).toEqual({ rows: [expect.objectContaining({ id: "h-4" }), expect.objectContaining({ id: "h-5" })], next: "h-5" });
    expect(seen.got?.status).toBe("fixed");
    expect(seen.gone).toBeUndefined();
  });

  it("sees a row removed and inserted again in one transaction as the new row", async () => {
    const store = makeMemoryStore();
    await store.transact(async (tx) => void (await tx.hazards.insert(hazard("h-1"))));
    const got = await store.transact(async (tx) => {
      expect(await tx.hazards.remove("h-1", 1)).toBe("done");
      expect(await tx.hazards.insert(hazard("h-1", { place: "卫生院门口" }))).toBe("done");
      return tx.hazards.get("h-1");
    });
    expect(got?.place).toBe("卫生院门口");
    expect((await store.transact((tx) => tx.hazards.get("h-1")))?.place).toBe("卫生院门口");
  });

  it("commits every write of a resolved transaction at once, and resolves with work's value", async () => {
    const store = makeMemoryStore();
    const value = await store.transact(async (tx) => {
      await tx.hazards.insert(hazard("h-1"));
      await tx.persons.insert(person("p-1"));
      await tx.audit.append(event(township, 1));
      return 42;
    });
    expect(value).toBe(42);
    const snapshot = (await store.raw.snapshot()) as { collections: Record<string, unknown[]>; audit: Record<string, unknown[]> };
    expect(snapshot.collections["hazards"]).toEqual([hazard("h-1")]);
    expect(snapshot.collections["persons"]).toEqual([person("p-1")]);
    expect(snapshot.audit).toEqual({ [township]: [event(township, 1)] });
  });

  it("drops every write of a rejected transaction and rejects with the very same reason", async () => {
    const store = makeMemoryStore();
    await store.transact(async (tx) => {
      await tx.hazards.insert(hazard("h-1"));
      await tx.audit.append(event(township, 1));
    });
    const before = await store.raw.snapshot();
    const reason = new Error("boom");
    await expect(
      store.transact(async (tx) => {
        await tx.hazards.insert(hazard("h-2"));
        await tx.hazards.update(hazard("h-1", { version: 2, status: "fixed" }), 1);
        await tx.persons.insert(person("p-1"));
        await tx.audit.append(event(township, 2));
        await tx.audit.append(event(otherTownship, 1));
        throw reason;
      }),
    ).rejects.toBe(reason);
    expect(await store.raw.snapshot()).toEqual(before);
    const after = await store.transact(async (tx) => ({
      h1: await tx.hazards.get("h-1"),
      h2: await tx.hazards.get("h-2"),
      head: await tx.audit.head(township),
      chains: await tx.audit.chains(),
    }));
    expect(after).toEqual({ h1: hazard("h-1"), h2: undefined, head: { seq: 1, hash: event(township, 1).hash }, chains: [township] });
  });

  it("treats work that throws before returning a promise as a rejection", async () => {
    const store = makeMemoryStore();
    const reason = { code: "sync" };
    await expect(
      store.transact(((tx: Parameters<Parameters<typeof store.transact>[0]>[0]) => {
        void tx.hazards.insert(hazard("h-1"));
        throw reason;
      }) as never),
    ).rejects.toBe(reason);
    expect(await store.transact((tx) => tx.hazards.get("h-1"))).toBeUndefined();
  });

  it("runs transactions one at a time, in call order, and goes on after a rejected one", async () => {
    const store = makeMemoryStore();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = store.transact(async (tx) => {
      log.push("first starts");
      await gate;
      await tx.hazards.insert(hazard("h-1"));
      log.push("first ends");
    });
    const second = store.transact(async () => {
      log.push("second runs");
      throw new Error("second fails");
    });
    const third = store.transact(async (tx) => {
      log.push("third runs");
      return tx.hazards.get("h-1");
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(["first starts"]);
    release();
    await first;
    await expect(second).rejects.toThrow("second fails");
    expect(await third).toEqual(hazard("h-1"));
    expect(log).toEqual(["first starts", "first ends", "second runs", "third runs"]);
  });

  it("refuses the methods of a transaction that has ended", async () => {
    const store = makeMemoryStore();
    const tx = await store.transact(async (t) => t);
    await expect(tx.hazards.insert(hazard("h-1"))).rejects.toBeInstanceOf(MemoryStoreMisuse);
    await expect(tx.audit.append(event(township, 1))).rejects.toMatchObject({ reason: "transaction-finished" });
    expect(await store.transact((t) => t.hazards.get("h-1"))).toBeUndefined();
  });
});

/** A dispute row whose opaque parts are empty; a field given as `undefined` is left out. */
const dispute = (id: string, extra: { readonly [K in keyof DisputeRow]?: DisputeRow[K] | undefined } = {}): DisputeRow =>
  JSON.parse(JSON.stringify({
    id,
    version: 1,
    jurisdiction: village,
    township,
    domain: "neighbourhood",
    reportedOn: "2025-01-10",
    reportedMonth: "2025-01",
    status: "closed",
    level: "blue",
    priority: "normal",
    gradeConfirmed: true,
    leadUnit: "u-sfs",
    settledOn: "2025-01-20",
    parties: [],
    dispute: {},
    case: {},
    grading: {},
    route: {},
    measures: [],
    ...extra,
  })) as DisputeRow;

describe("makeMemoryStore: disputeCounts", () => {
  it("groups the disputes a query keeps by the seven columns, a missing lead unit a group of its own, the transaction's own writes included", async () => {
    const store = makeMemoryStore();
    await store.transact(async (tx) => {
      await tx.disputes.insert(dispute("d-1"));
      await tx.disputes.insert(dispute("d-2"));
      await tx.disputes.insert(dispute("d-3", { leadUnit: undefined }));
      await tx.disputes.insert(dispute("d-4", { settledOn: "2025-03-01" as LocalDate }));
      await tx.disputes.insert(dispute("d-5", { jurisdiction: "532301105201" as DivisionCode, township: otherTownship }));
    });
    const counted = await store.transact(async (tx) => {
      await tx.disputes.insert(dispute("d-6", { gradeConfirmed: false }));
      await tx.disputes.remove("d-2", 1);
      return tx.disputeCounts!({ within: township, where: { status: ["declined", "resolved", "closed"], settledBefore: "2025-02-01" as LocalDate } });
    });
    const base = { jurisdiction: village, domain: "neighbourhood", status: "closed", level: "blue", priority: "normal" };
    expect([...counted].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [
        { ...base, gradeConfirmed: true, leadUnit: "u-sfs", count: 1 },
        { ...base, gradeConfirmed: true, count: 1 },
        { ...base, gradeConfirmed: false, leadUnit: "u-sfs", count: 1 },
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    expect(await store.transact(async (tx) => tx.disputeCounts!({ within: township, where: { settledFrom: "2025-03-01" as LocalDate } }))).toEqual([{ ...base, gradeConfirmed: true, leadUnit: "u-sfs", count: 1 }]);
    expect(await store.transact(async (tx) => tx.disputeCounts!({ within: township, where: { status: [] } }))).toEqual([]);
  });
});

describe("makeMemoryStore: no aliasing", () => {
  const nested = (id: string): HazardRow => hazard(id, { measure: "增设隔离桩" });

  it("keeps a row as it was given, whatever the caller does to its object afterwards", async () => {
    const store = makeMemoryStore();
    const row = { ...nested("h-1") } as { -readonly [K in keyof HazardRow]: HazardRow[K] };
    const ev = structuredClone(event(township, 1)) as unknown as { fields: string[] };
    await store.transact(async (tx) => {
      await tx.hazards.insert(row);
      await tx.audit.append(ev as unknown as AuditEventRow);
      row.place = "changed inside the transaction";
      ev.fields.push("changed");
    });
    row.status = "fixed";
    expect(await store.transact((tx) => tx.hazards.get("h-1"))).toEqual(nested("h-1"));
    expect(await store.raw.auditEvents(township)).toEqual([event(township, 1)]);
  });

  it("hands out a fresh copy on every read: changing it changes nothing stored", async () => {
    const store = makeMemoryStore();
    await store.transact(async (tx) => {
      await tx.hazards.insert(nested("h-1"));
      await tx.audit.append(event(township, 1));
    });
    await store.transact(async (tx) => {
      const got = (await tx.hazards.get("h-1")) as { place: string };
      got.place = "mutated";
      const [found] = (await tx.hazards.find({ within: township, limit: 1 })).rows as unknown as Array<{ status: string }>;
      found!.status = "fixed";
      const [listed] = (await tx.audit.list(township, 0, 1)) as unknown as Array<{ fields: string[] }>;
      listed!.fields.length = 0;
      const raw = (await store.raw.auditEvents(township)) as unknown as Array<{ fields: string[] }>;
      raw[0]!.fields.push("x");
      const snapshot = (await store.raw.snapshot()) as { collections: { hazards: Array<{ place: string }> } };
      snapshot.collections.hazards[0]!.place = "mutated too";
    });
    expect(await store.transact((tx) => tx.hazards.get("h-1"))).toEqual(nested("h-1"));
    expect(await store.transact((tx) => tx.audit.list(township, 0, 10))).toEqual([event(township, 1)]);
  });

  it("does not keep the events given to raw.replaceAuditEvents", async () => {
    const store = makeMemoryStore();
    const events = [structuredClone(event(township, 1))] as Array<{ action: string }>;
    await store.raw.replaceAuditEvents(township, events as unknown as AuditEventRow[]);
    events[0]!.action = "changed";
    expect(await store.raw.auditEvents(township)).toEqual([event(township, 1)]);
  });
});

describe("makeMemoryStore: options, limits and closing", () => {
  it("states its capabilities", () => {
    expect(makeMemoryStore().capabilities).toEqual({ maxPageSize: 500, concurrentTransactions: false, durable: false });
    expect(makeMemoryStore({ name: "demo", maxPageSize: 7 })).toMatchObject({ name: "demo", capabilities: { maxPageSize: 7 } });
    expect(makeMemoryStore().name).toBe("memory");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses maxPageSize %s", (maxPageSize) => {
    expect(() => makeMemoryStore({ maxPageSize })).toThrow(MemoryStoreMisuse);
  });

  it.each([0, 4, 2.5])("refuses a find limit of %s when maxPageSize is 3", async (limit) => {
    const store = makeMemoryStore({ maxPageSize: 3 });
    await expect(store.transact((tx) => tx.hazards.find({ within: township, limit }))).rejects.toMatchObject({
      _tag: "MemoryStoreMisuse",
      reason: "invalid-limit",
    });
  });

  it("answers a find of idempotency rows with an empty page", async () => {
    const store = makeMemoryStore();
    const page = await store.transact(async (tx) => {
      await tx.idempotency.insert({ id: "register:u-1:k", version: 1, useCase: "register", fingerprint: "ab", result: { id: "d-1" }, at: 1 });
      return tx.idempotency.find({ within: township, limit: 10 });
    });
    expect(page).toEqual({ rows: [] });
  });

  it("waits for the running transaction on close, then refuses new ones", async () => {
    const store = makeMemoryStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = store.transact(async (tx) => {
      await gate;
      await tx.hazards.insert(hazard("h-1"));
    });
    const closing = store.close();
    await expect(store.transact(async () => 1)).rejects.toMatchObject({ reason: "store-closed" });
    release();
    await closing;
    await running;
    expect(((await store.raw.snapshot()) as { collections: { hazards: unknown[] } }).collections.hazards).toHaveLength(1);
  });

  it("refuses raw.replaceAuditEvents with an event of another chain or a repeated seq", async () => {
    const store = makeMemoryStore();
    await expect(store.raw.replaceAuditEvents(township, [event(otherTownship, 1)])).rejects.toMatchObject({ reason: "invalid-audit-events" });
    await expect(store.raw.replaceAuditEvents(township, [event(township, 1), event(township, 1)])).rejects.toMatchObject({
      reason: "invalid-audit-events",
    });
    expect(await store.raw.auditEvents(township)).toEqual([]);
  });

  it("writes every row and event into its dump", async () => {
    const store = makeMemoryStore();
    await store.transact(async (tx) => {
      await tx.persons.insert(person("p-1"));
      await tx.audit.append(event(township, 1));
    });
    const dump = await store.raw.dump();
    expect(dump).toContain("张三");
    expect(dump).toContain("tj1.k1.aXY.Y3Q.dGFn");
    expect(dump).toContain(event(township, 1).hash);
  });
});

describe("makeMemoryStore: snapshots", () => {
  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 2 ** 31 })], { numRuns: 25 })(
    "are equal for the same state reached in any order, and differ when one row differs",
    async (numbers, seed) => {
      const rows = numbers.map((n) => hazard(`h-${n}`));
      const shuffled = fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length }), { seed, numRuns: 1 })[0]!;
      const a = makeMemoryStore();
      const b = makeMemoryStore();
      await a.transact(async (tx) => {
        for (const row of rows) await tx.hazards.insert(row);
      });
      for (const row of shuffled) await b.transact(async (tx) => void (await tx.hazards.insert(row)));
      await b.transact(async (tx) => {
        await tx.hazards.insert(hazard("h-extra"));
        await tx.hazards.remove("h-extra", 1);
      });
      expect(await b.raw.snapshot()).toEqual(await a.raw.snapshot());
      expect(JSON.parse(JSON.stringify(await a.raw.snapshot()))).toEqual(await a.raw.snapshot());
      await b.transact(async (tx) => void (await tx.hazards.update(hazard(rows[0]!.id, { version: 2 }), 1)));
      expect(await b.raw.snapshot()).not.toEqual(await a.raw.snapshot());
    },
  );
});
