import { existsSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Ledger, type ListingId, type LocalDate, type Person, type PersonId, type Unit, createLedger, fixedClock, identityCheckCharacter, shanghaiStartOf, staticKeyProvider } from "@tiaojie/core";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import { sqliteStore } from "@tiaojie/store-kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "./index.js";
import { type Ran, SEED, TODAY, newLedgerDir, run } from "./test-support/cli-harness.js";

// `tiaojie purge` erases the persons whose retention has ended and then makes the
// database rewrite the files that still hold their old rows. A ledger of
// `init --sample`: four persons added with `tiaojie add person`, a mental-health
// listing for each opened through the core ledger on the same file (listings
// have no command), three of them removed on different days, so three purges on
// later days (`--today`) each erase one person: one printed in English, one in
// Chinese, one as JSON. The fourth person's listing stays open: their name must
// stay in the file. The default retention is one year after the last listing.

const town = sampleTown(SEED);
const health = sampleOfficers(town).ofKind("health-centre");
/** Rare names, none a part of another: a hit in the file can only be that person. */
const NAMES = ["东方沐霖", "令狐寒汐", "皇甫若岚", "南宫青禾"] as const;
/** The day each of the first three persons' listing is removed, and the day (over a year on) the purge that erases them runs. */
const REMOVED = [TODAY, "2025-06-02", "2025-09-01"] as const;
const PURGE_ON = ["2026-03-02", "2026-07-01", "2026-10-08"] as const;

const persons: ReadonlyArray<Person> = NAMES.map((name, i) => {
  const first17 = `5323231990${String(501 + i).padStart(4, "0")}${String(230 + i)}`;
  const check = identityCheckCharacter(first17);
  if (!check.ok) throw new Error(`bad identity number ${first17}`);
  return { id: `p-purge-cli-${i}` as PersonId, name, jurisdiction: town.villages[0]!.code, identityNumber: `${first17}${check.value}`, contact: { phone: `1398802${String(1000 + i)}` } } as Person;
});

/** How many times a text is in the ledger's SQLite file, its WAL and -shm, as UTF-8 or UTF-16LE. */
const hitsInFiles = (file: string, text: string): number => {
  let n = 0;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const pattern of [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le")]) {
      for (let at = bytes.indexOf(pattern); at >= 0; at = bytes.indexOf(pattern, at + 1)) n++;
    }
  }
  return n;
};

const ok = (r: Ran): Ran => {
  expect(r.stderr, "stderr").toBe("");
  expect(r.code, "exit code").toBe(ExitCode.ok);
  return r;
};

interface PurgeJson {
  readonly dryRun: boolean;
  readonly erased: ReadonlyArray<string>;
  readonly reclaim?: {
    readonly dialect: string;
    readonly complete: boolean;
    readonly steps: ReadonlyArray<{ readonly statement: string; readonly done: boolean }>;
    readonly sqlite?: { readonly path: string; readonly before: { readonly file: number; readonly wal: number }; readonly after: { readonly file: number; readonly wal: number } };
  };
}

describe("tiaojie purge reclaims the erased persons' space", () => {
  let dir = "";
  let file = "";
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const made = await newLedgerDir();
    ({ dir, cleanup } = made);
    expect(made.init.code).toBe(0);
    await writeFile(join(dir, "persons.json"), JSON.stringify(persons));
    ok(await run(dir, ["--lang", "en", "--json", "--today", TODAY, "--as", "zx-0002", "add", "person", "persons.json"]));
    const config = JSON.parse(await readFile(join(dir, "tiaojie.json"), "utf8")) as { readonly keys: string; readonly units: ReadonlyArray<Unit>; readonly store: { readonly file: string } };
    file = join(dir, config.store.file);
    const keyFile = JSON.parse(await readFile(join(dir, config.keys), "utf8")) as { keyEncryptionKeys: Record<string, string>; currentKeyId: string; blindIndexKey: string };
    const keys = staticKeyProvider({
      keyEncryptionKeys: Object.fromEntries(Object.entries(keyFile.keyEncryptionKeys).map(([id, b64]) => [id, new Uint8Array(Buffer.from(b64, "base64"))])),
      currentKeyId: keyFile.currentKeyId,
      blindIndexKey: new Uint8Array(Buffer.from(keyFile.blindIndexKey, "base64")),
    });
    const clock = fixedClock(shanghaiStartOf(TODAY as LocalDate) + 9 * 3_600_000);
    const ledger: Ledger = createLedger({ store: await sqliteStore({ file }), units: config.units, keys, calendar: chinaCalendar(), clock });
    try {
      const must = (r: { ok: boolean; error?: unknown }, what: string) => {
        if (!r.ok) throw new Error(`${what}: ${String((r.error as Error).message)}`);
      };
      for (const person of persons) {
        must(
          await ledger.openListing(health, {
            facts: { person: person.id, mentalHealth: { confirmedBy: "health-centre", confirmedOn: TODAY, dangerousnessGrade: 2 } },
            category: 1,
            id: `l-${person.id}` as ListingId,
            responsibleUnit: health.unit,
            responsiblePerson: health.name,
          }),
          `open the listing of ${person.id}`,
        );
      }
      for (const [i, day] of REMOVED.entries()) {
        clock.set(shanghaiStartOf(day as LocalDate) + 9 * 3_600_000);
        must(await ledger.removeListing(health, { listing: `l-${persons[i]!.id}` as ListingId, version: 1, reason: "已迁出本镇" }), `remove the listing of ${persons[i]!.id}`);
      }
    } finally {
      await ledger.close();
    }
  }, 30_000);
  afterAll(() => cleanup());

  it("before any purge every name is in the ledger's file, and purge --dry-run names the first person and reclaims nothing", async () => {
    for (const name of NAMES) expect(hitsInFiles(file, name), name).toBeGreaterThan(0);
    const preview = JSON.parse(ok(await run(dir, ["--lang", "en", "--json", "--today", PURGE_ON[0], "purge", "--dry-run"])).stdout) as PurgeJson;
    expect(preview).toMatchObject({ dryRun: true, erased: [persons[0]!.id] });
    expect(preview.reclaim).toBeUndefined();
    expect(hitsInFiles(file, NAMES[0])).toBeGreaterThan(0);
  });

  it("purge in English erases the first person and prints the reclaim: the file and WAL sizes, each step done; the name is gone from the files", async () => {
    const r = ok(await run(dir, ["--lang", "en", "--today", PURGE_ON[0], "purge"]));
    console.log(`purge (en) on sqlite:\n${r.stdout.trimEnd()}`);
    expect(r.stdout).toContain(persons[0]!.id);
    expect(r.stdout).toMatch(/old copies of the erased data cleared from the database files \(sqlite\): file \d+\.\d KiB → \d+\.\d KiB, WAL \d+\.\d KiB → 0\.0 KiB/);
    expect(r.stdout).toMatch(/✓ pragma wal_checkpoint\(TRUNCATE\)[^\n]*\n {2}✓ vacuum\n {2}✓ pragma wal_checkpoint\(TRUNCATE\)/);
    expect(hitsInFiles(file, NAMES[0])).toBe(0);
    for (const name of NAMES.slice(1)) expect(hitsInFiles(file, name), `${name} not yet erased`).toBeGreaterThan(0);
  });

  it("purge in Chinese prints the same in Chinese", async () => {
    const r = ok(await run(dir, ["--lang", "zh", "--today", PURGE_ON[1], "purge"]));
    console.log(`purge (zh) on sqlite:\n${r.stdout.trimEnd()}`);
    expect(r.stdout).toContain(persons[1]!.id);
    expect(r.stdout).toMatch(/已清除数据库文件中已删除数据的旧副本（sqlite）：文件 \d+\.\d KiB → \d+\.\d KiB，预写日志 \d+\.\d KiB → 0\.0 KiB/);
    expect(r.stdout).toMatch(/✓ vacuum/);
    expect(hitsInFiles(file, NAMES[1])).toBe(0);
  });

  it("purge --json says what was reclaimed (every step done, the WAL emptied, the file's sizes); the erased names are in no file, the kept one's is, and the audit verifies", async () => {
    const r = JSON.parse(ok(await run(dir, ["--lang", "en", "--json", "--today", PURGE_ON[2], "purge"])).stdout) as PurgeJson;
    expect(r).toMatchObject({ dryRun: false, erased: [persons[2]!.id], reclaim: { dialect: "sqlite", complete: true } });
    expect(r.reclaim!.steps).toEqual([
      expect.objectContaining({ statement: "pragma wal_checkpoint(TRUNCATE)", done: true }),
      { statement: "vacuum", done: true },
      expect.objectContaining({ statement: "pragma wal_checkpoint(TRUNCATE)", done: true }),
    ]);
    expect(r.reclaim!.sqlite).toMatchObject({ path: file, after: { wal: 0 } });
    expect(r.reclaim!.sqlite!.after.file).toBeGreaterThan(0);
    console.log(`purge --json on sqlite: erased ${r.erased.join(", ")}; file ${r.reclaim!.sqlite!.before.file} → ${r.reclaim!.sqlite!.after.file} B, WAL ${r.reclaim!.sqlite!.before.wal} → ${r.reclaim!.sqlite!.after.wal} B`);
    const traces = NAMES.slice(0, 3).map((name) => hitsInFiles(file, name));
    expect(traces).toEqual([0, 0, 0]);
    expect(hitsInFiles(file, NAMES[3]), "control: the person whose listing is open").toBeGreaterThan(0);
    const again = JSON.parse(ok(await run(dir, ["--lang", "en", "--json", "--today", PURGE_ON[2], "purge"])).stdout) as PurgeJson;
    expect(again.erased, "a purge that erases nobody").toEqual([]);
    expect(again.reclaim, "reclaims nothing").toBeUndefined();
    const verified = JSON.parse(ok(await run(dir, ["--lang", "en", "--json", "--today", PURGE_ON[2], "audit", "verify"])).stdout) as { ok: boolean };
    expect(verified.ok).toBe(true);
  });
});
