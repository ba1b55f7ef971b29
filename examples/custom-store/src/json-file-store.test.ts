import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import type { AuditEventRow, DivisionCode, HazardRow, LocalDate, OfficerId, UnitId } from "@tiaojie/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JsonFileStoreError, makeJsonFileStore } from "./index.js";

// What the conformance kit cannot see, since it opens a fresh store for every
// test: that what was committed is there after the file is reopened, that a
// rejected transaction or a failed write leaves the file as it was, and how the
// store treats files that are not its own.

const county = "532301000000" as DivisionCode;
const villages = ["532301104201", "532301104202", "532301110201"] as DivisionCode[];

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tiaojie-json-file-test-"));
  file = join(dir, "ledger.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hazard = (id: string, version = 1, place = "紫溪小学校门"): HazardRow => ({
  id,
  version,
  jurisdiction: villages[id.length % villages.length]!,
  place,
  hazard: "无隔离护栏",
  responsibleUnit: "u-school" as UnitId,
  foundOn: "2025-01-10" as LocalDate,
  deadline: "2025-04-30" as LocalDate,
  status: "open",
});

const event = (chain: string, seq: number): AuditEventRow => ({
  id: `ev-${chain}-${seq}`,
  chain,
  seq,
  at: 1_736_000_000_000 + seq,
  actor: { officerId: "o-1" as OfficerId, unit: "u-school" as UnitId, role: "coordinator" },
  action: "register-hazard",
  entity: { kind: "hazard", id: `h-${seq}` },
  fields: ["hazard.place"],
  outcome: "done",
  prev: "0".repeat(64),
  hash: seq.toString(16).padStart(64, "0"),
});

/** Ids of the characters the ledger uses, and names that are traps for a store keeping rows as object keys. */
const id = fc.oneof(fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z._:-]{0,12}$/), fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty"));

type Step =
  | { readonly kind: "insert"; readonly id: string; readonly place: string }
  | { readonly kind: "update"; readonly id: string; readonly place: string }
  | { readonly kind: "remove"; readonly id: string }
  | { readonly kind: "append"; readonly chain: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), id, place: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant("update" as const), id, place: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant("remove" as const), id }),
  fc.record({ kind: fc.constant("append" as const), chain: fc.constantFrom("532301104000", "ledger", "__proto__") }),
);

const transaction = fc.record({ steps: fc.array(step, { maxLength: 5 }), rejects: fc.boolean() });

describe("makeJsonFileStore", () => {
  test.prop([fc.array(transaction, { minLength: 1, maxLength: 6 })], { numRuns: 15 })(
    "what was committed is there after the file is reopened: the same snapshot, the same reads",
    async (transactions) => {
      await rm(file, { force: true });
      const store = await makeJsonFileStore({ file });
      for (const t of transactions) {
        await store
          .transact(async (tx) => {
            for (const s of t.steps) {
              if (s.kind === "append") {
                const head = await tx.audit.head(s.chain);
                await tx.audit.append(event(s.chain, (head?.seq ?? 0) + 1));
                continue;
              }
              const row = await tx.hazards.get(s.id);
              if (s.kind === "insert") await tx.hazards.insert(hazard(s.id, 1, s.place));
              else if (row !== undefined && s.kind === "update") await tx.hazards.update(hazard(s.id, row.version + 1, s.place), row.version);
              else if (row !== undefined) await tx.hazards.remove(s.id, row.version);
            }
            if (t.rejects) throw new Error("rejected on purpose");
          })
          .catch((reason: unknown) => {
            if (!(reason instanceof Error && reason.message === "rejected on purpose")) throw reason;
          });
      }
      const readAll = (s: typeof store) =>
        s.transact(async (tx) => ({
          hazards: await tx.hazards.find({ within: county, limit: 200 }),
          chains: await tx.audit.chains(),
          ledger: await tx.audit.list("ledger", 0, 100),
        }));
      const before = await store.raw.snapshot();
      const readBefore = await readAll(store);
      await store.close();
      const reopened = await makeJsonFileStore({ file });
      expect(await reopened.raw.snapshot(), "the snapshot after reopening").toStrictEqual(before);
      expect(await readAll(reopened), "reads after reopening").toStrictEqual(readBefore);
      await reopened.close();
    },
  );

  it("creates a missing file, empty and readable by its owner only", async () => {
    const store = await makeJsonFileStore({ file });
    const text = await readFile(file, "utf8");
    expect(JSON.parse(text)).toMatchObject({ format: "tiaojie-json-file-store/1", audit: [] });
    if (process.platform !== "win32") expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.transact((tx) => tx.hazards.find({ within: county, limit: 10 }))).toStrictEqual({ rows: [] });
    await store.close();
  });

  it("leaves the file alone when a transaction rejects or only reads, and rewrites it at a commit", async () => {
    const store = await makeJsonFileStore({ file });
    await store.transact(async (tx) => void (await tx.hazards.insert(hazard("h-1"))));
    const text = await readFile(file, "utf8");
    const inode = (await stat(file)).ino;
    await expect(
      store.transact(async (tx) => {
        await tx.hazards.insert(hazard("h-2"));
        await tx.audit.append(event("ledger", 1));
        throw "no";
      }),
    ).rejects.toBe("no");
    await store.transact((tx) => tx.hazards.get("h-1"));
    expect(await readFile(file, "utf8"), "the file after a rejected and a read-only transaction").toBe(text);
    expect((await stat(file)).ino, "the same file: it was not rewritten").toBe(inode);
    await store.transact(async (tx) => void (await tx.hazards.insert(hazard("h-2"))));
    expect(await readFile(file, "utf8")).toContain('"id":"h-2"');
    expect((await readdir(dir)).sort(), "no temporary file remains").toEqual(["ledger.json"]);
    await store.close();
  });

  it("rejects a commit it cannot write with write-failed, and keeps the state and the file as they were", async () => {
    const store = await makeJsonFileStore({ file });
    await store.transact(async (tx) => void (await tx.hazards.insert(hazard("h-1"))));
    const text = await readFile(file, "utf8");
    // The ledger file's name now holds a directory that is not empty: the rename fails.
    await rm(file);
    await mkdir(file);
    await writeFile(join(file, "in-the-way"), "");
    const failed = store.transact(async (tx) => {
      await tx.hazards.insert(hazard("h-2"));
      return "written?";
    });
    await expect(failed).rejects.toBeInstanceOf(JsonFileStoreError);
    await expect(failed).rejects.toMatchObject({ reason: "write-failed" });
    expect(await store.transact((tx) => tx.hazards.get("h-2")), "the failed commit's row").toBeUndefined();
    expect(await store.transact((tx) => tx.hazards.get("h-1")), "the row committed before").toStrictEqual(hazard("h-1"));
    expect((await readdir(dir)).sort(), "no temporary file remains").toEqual(["ledger.json"]);
    await rm(file, { recursive: true });
    await writeFile(file, text);
    await store.close();
    const reopened = await makeJsonFileStore({ file });
    expect(await reopened.transact((tx) => tx.hazards.find({ within: county, limit: 10 }))).toStrictEqual({ rows: [hazard("h-1")] });
    await reopened.close();
  });

  it.each([
    ["not JSON", "{ disputes: [] }"],
    ["another format", JSON.stringify({ format: "something-else/1", collections: {}, audit: [] })],
    ["an unknown collection", JSON.stringify({ format: "tiaojie-json-file-store/1", collections: { cases: [] }, audit: [] })],
    ["a row without a version", JSON.stringify({ format: "tiaojie-json-file-store/1", collections: { hazards: [{ id: "h-1" }] }, audit: [] })],
    ["an id twice", JSON.stringify({ format: "tiaojie-json-file-store/1", collections: { hazards: [hazard("h-1"), hazard("h-1", 2)] }, audit: [] })],
    ["a seq twice", JSON.stringify({ format: "tiaojie-json-file-store/1", collections: {}, audit: [event("ledger", 1), event("ledger", 1)] })],
  ])("refuses to open a file with %s, and leaves it as it is", async (_what, text) => {
    await writeFile(file, text);
    await expect(makeJsonFileStore({ file })).rejects.toMatchObject({ _tag: "JsonFileStoreError", reason: "invalid-file" });
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("refuses to open a file it cannot read, with open-failed", async () => {
    await expect(makeJsonFileStore({ file: join(dir, "no-such-directory", "ledger.json") })).rejects.toMatchObject({ reason: "open-failed" });
  });

  it("refuses calls on a transaction that has ended, and transactions after close", async () => {
    const store = await makeJsonFileStore({ file });
    const kept = await store.transact(async (tx) => tx);
    await expect(kept.hazards.get("h-1")).rejects.toMatchObject({ reason: "transaction-finished" });
    await expect(kept.audit.append(event("ledger", 1))).rejects.toMatchObject({ reason: "transaction-finished" });
    await expect(store.transact((tx) => tx.hazards.find({ within: county, limit: 201 }))).rejects.toMatchObject({ reason: "invalid-limit" });
    await store.close();
    await expect(store.transact(async () => 1)).rejects.toMatchObject({ reason: "store-closed" });
  });

  it("refuses audit events of another chain, or a seq twice, in raw.replaceAuditEvents", async () => {
    const store = await makeJsonFileStore({ file });
    await expect(store.raw.replaceAuditEvents("ledger", [event("532301104000", 1)])).rejects.toMatchObject({ reason: "invalid-audit-events" });
    await expect(store.raw.replaceAuditEvents("ledger", [event("ledger", 2), event("ledger", 2)])).rejects.toMatchObject({ reason: "invalid-audit-events" });
    await store.close();
  });
});
