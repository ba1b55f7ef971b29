import type { AuditEventRow, DivisionCode, HazardRow, LedgerTransaction, LocalDate, OfficerId, UnitId } from "@tiaojie/core";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { MemoryStoreMisuse, makeMemoryStore } from "./index.js";

const township = "532301104000" as DivisionCode;

const hazard = (id: string, version = 1, status: HazardRow["status"] = "open"): HazardRow => ({
  id,
  version,
  jurisdiction: township,
  place: "中心学校大门",
  hazard: "缺少防冲撞设施",
  responsibleUnit: "u-school" as UnitId,
  foundOn: "2025-01-10" as LocalDate,
  deadline: "2025-02-10" as LocalDate,
  status,
});

const event = (seq: number): AuditEventRow => ({
  id: `e-${seq}`,
  chain: township,
  seq,
  at: 1_736_000_000_000 + seq,
  actor: { officerId: "o-1" as OfficerId, unit: "u-1" as UnitId, role: "coordinator" },
  action: "register",
  entity: { kind: "hazard", id: "h-1" },
  fields: ["place"],
  outcome: "done",
  prev: "0".repeat(64),
  hash: seq.toString(16).padStart(64, "0"),
});

/** What a transaction reads of the hazards and the chain. */
const readAll = async (tx: LedgerTransaction) => ({
  hazards: (await tx.hazards.find({ within: township, limit: 500 })).rows,
  head: await tx.audit.head(township),
  chains: await tx.audit.chains(),
});

describe("makeMemoryStore: the replica", () => {
  it("is off by default: no transactReadOnly, no syncReplica", () => {
    const store = makeMemoryStore();
    expect("transactReadOnly" in store).toBe(false);
    expect("syncReplica" in store.raw).toBe(false);
  });

  it("reads what was committed at the last sync, not what was committed since", async () => {
    const store = makeMemoryStore({ replica: true });
    await store.transact(async (tx) => void (await tx.hazards.insert(hazard("h-1"))));
    expect(await store.transactReadOnly((tx) => tx.hazards.get("h-1")), "before the first sync the replica is empty").toBeUndefined();
    await store.raw.syncReplica();
    expect(await store.transactReadOnly((tx) => tx.hazards.get("h-1"))).toEqual(hazard("h-1"));
    await store.transact(async (tx) => {
      await tx.hazards.update(hazard("h-1", 2, "fixed"), 1);
      await tx.audit.append(event(1));
    });
    expect(await store.transactReadOnly(readAll)).toEqual({ hazards: [hazard("h-1")], head: undefined, chains: [] });
    await store.raw.syncReplica();
    expect(await store.transactReadOnly(readAll)).toEqual({ hazards: [hazard("h-1", 2, "fixed")], head: { seq: 1, hash: event(1).hash }, chains: [township] });
  });

  it("keeps one state through a read-only transaction, whatever is committed and synced meanwhile", async () => {
    const store = makeMemoryStore({ replica: true });
    await store.transact(async (tx) => void (await tx.hazards.insert(hazard("h-1"))));
    await store.raw.syncReplica();
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    const reading = store.transactReadOnly(async (tx) => {
      const first = await readAll(tx);
      await paused;
      return [first, await readAll(tx)];
    });
    await store.transact(async (tx) => void (await tx.hazards.insert(hazard("h-2"))));
    await store.raw.syncReplica();
    resume();
    const [first, second] = await reading;
    expect(second).toEqual(first);
    expect((await store.transactReadOnly(readAll)).hazards.map((h) => h.id)).toEqual(["h-1", "h-2"]);
  });

  it("rejects every write with MemoryStoreMisuse (read-only), changing nothing on the replica or the primary", async () => {
    const store = makeMemoryStore({ replica: true });
    await store.transact(async (tx) => {
      await tx.hazards.insert(hazard("h-1"));
      await tx.audit.append(event(1));
    });
    await store.raw.syncReplica();
    const snapshot = await store.raw.snapshot();
    const seen = await store.transactReadOnly(async (tx) => {
      const before = await readAll(tx);
      const calls: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
        ["hazards.insert", () => tx.hazards.insert(hazard("h-2"))],
        ["hazards.update", () => tx.hazards.update(hazard("h-1", 2, "fixed"), 1)],
        ["hazards.remove", () => tx.hazards.remove("h-1", 1)],
        ["idempotency.insert", () => tx.idempotency.insert({ id: "k", version: 1 } as never)],
        ["audit.append", () => tx.audit.append(event(2))],
      ];
      for (const [call, write] of calls) {
        const error = await write().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, call).toBeInstanceOf(MemoryStoreMisuse);
        expect(error, call).toMatchObject({ reason: "read-only", text: { en: `a read-only transaction (the replica) cannot write: ${call}` } });
      }
      return [before, await readAll(tx)];
    });
    expect(seen[1]).toEqual(seen[0]);
    expect(await store.raw.snapshot()).toEqual(snapshot);
    await store.raw.syncReplica();
    expect(await store.transactReadOnly(readAll)).toEqual(seen[0]);
  });

  it("resolves and rejects as its work does; refuses calls after it ended, and after close", async () => {
    const store = makeMemoryStore({ replica: true });
    const value = { v: 1 };
    expect(await store.transactReadOnly(async () => value)).toBe(value);
    const reason = new Error("work failed");
    await expect(store.transactReadOnly(async () => Promise.reject(reason))).rejects.toBe(reason);
    let kept: LedgerTransaction | undefined;
    await store.transactReadOnly(async (tx) => void (kept = tx));
    await expect(kept!.hazards.get("h-1")).rejects.toMatchObject({ reason: "transaction-finished" });
    await store.close();
    await expect(store.transactReadOnly(async () => 1)).rejects.toMatchObject({ reason: "store-closed" });
  });

  // Each run makes at most 12 small transactions: 30 runs.
  test.prop([fc.array(fc.oneof(fc.record({ op: fc.constant("write" as const), id: fc.integer({ min: 1, max: 4 }) }), fc.constant({ op: "sync" as const }), fc.constant({ op: "read" as const })), { maxLength: 12 })], { numRuns: 30 })(
    "whatever is committed and synced, a read-only transaction reads the primary as of the last sync",
    async (steps) => {
      const store = makeMemoryStore({ replica: true });
      let synced = await store.transact(readAll);
      for (const step of steps) {
        if (step.op === "write") {
          await store.transact(async (tx) => {
            const id = `h-${step.id}`;
            const now = await tx.hazards.get(id);
            if (now === undefined) await tx.hazards.insert(hazard(id));
            else if (now.version % 3 === 0) await tx.hazards.remove(id, now.version);
            else await tx.hazards.update(hazard(id, now.version + 1, "fixed"), now.version);
            const head = await tx.audit.head(township);
            await tx.audit.append(event((head?.seq ?? 0) + 1));
          });
        } else if (step.op === "sync") {
          await store.raw.syncReplica();
          synced = await store.transact(readAll);
        } else {
          expect(await store.transactReadOnly(readAll)).toEqual(synced);
        }
      }
    },
  );
});
