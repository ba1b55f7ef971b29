import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  type KeyProvider,
  type Ledger,
  type ListingId,
  type Person,
  type PersonId,
  type RetentionPolicy,
  type UnitId,
  createLedger,
  fixedClock,
  identityCheckCharacter,
  shanghaiStartOf,
  staticKeyProvider,
  weekendCalendar,
  withRotatedKey,
} from "@tiaojie/core";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SqlStore, mysqlStore, postgresStore, sqliteStore, tables } from "../index.js";
import { type DialectUnderTest, forEachServerDialect, storeUrl } from "../testing/dialects.js";
import { type ServerSettings, freshMysqlDatabase, freshPostgresDatabase } from "../testing/servers.js";

// Encryption at rest, looked for in the bytes an attacker who copies the
// database gets: the SQLite file with its WAL and shared-memory index, a
// PostgreSQL or MariaDB dump. A person's identity number, phone number and the
// mental-health listing about them are sealed: none of them may be there, in any
// plain encoding. Their name is stored in clear by design (documented in the
// deployment guide), and is looked for too, to prove the search finds what is
// there. Then erasure: purge, rotate the key-encryption key, drop the old one,
// and a backup taken before the purge no longer opens.

const run = promisify(execFile);
const DAY = 86_400_000;

/** A valid citizen identity number (checksum of GB 11643) from its first 17 digits. */
const identityNumber = (first17: string): string => {
  const check = identityCheckCharacter(first17);
  if (!check.ok) throw new Error(`not 17 digits: ${first17}`);
  return `${first17}${check.value}`;
};

/** A secret and the spellings of it that must not appear. */
interface Secret {
  readonly what: string;
  readonly forms: ReadonlyArray<string>;
}

/** The byte patterns of a text: UTF-8, UTF-16LE, and the hex of its UTF-8 (how bytea and hex-blob dumps show binary). */
const patternsOf = (text: string): ReadonlyArray<{ readonly encoding: string; readonly bytes: Buffer }> => {
  const utf8 = Buffer.from(text, "utf8");
  return [
    { encoding: "utf-8", bytes: utf8 },
    { encoding: "utf-16le", bytes: Buffer.from(text, "utf16le") },
    { encoding: "hex", bytes: Buffer.from(utf8.toString("hex"), "latin1") },
    { encoding: "HEX", bytes: Buffer.from(utf8.toString("hex").toUpperCase(), "latin1") },
  ];
};

/** A file (or dump) searched, by name. */
interface Searched {
  readonly label: string;
  readonly bytes: Buffer;
}

/** Every place a text shows in the files, with some bytes around it (printable where they can be). */
const findings = (files: ReadonlyArray<Searched>, text: string): ReadonlyArray<string> => {
  const out: Array<string> = [];
  for (const f of files) {
    for (const p of patternsOf(text)) {
      for (let at = f.bytes.indexOf(p.bytes); at >= 0; at = f.bytes.indexOf(p.bytes, at + 1)) {
        const context = f.bytes.subarray(Math.max(0, at - 48), at + p.bytes.length + 48).toString("utf8").replace(/[^\P{C}]/gu, ".");
        out.push(`${f.label} @${at} (${p.encoding}): …${context}…`);
      }
    }
  }
  return out;
};

const totalKiB = (files: ReadonlyArray<Searched>): number => Math.round(files.reduce((n, f) => n + f.bytes.length, 0) / 1024);

/** The town, its officers, and the ledger's clock: 10:00 in Shanghai on the town's last day. */
const town = sampleTown(2613, { villages: 2, persons: 4, disputes: 0, listings: 0 });
const officers = sampleOfficers(town);
const health = officers.ofKind("health-centre");
const start = shanghaiStartOf(town.period.to) + 10 * 3_600_000;

/** Retention of 0 days in every category: a person is erasable the day after their last listing closed. */
const basis = { zh: "测试", en: "test" };
const retention: RetentionPolicy = {
  version: "test-0",
  name: basis,
  periods: { 1: { days: 0, basis }, 2: { days: 0, basis }, 3: { days: 0, basis }, 4: { days: 0, basis }, 5: { days: 0, basis }, 6: { days: 0, basis } },
};

/**
 * The people of a run: the one to be erased (P) with a known identity number,
 * phone and a mental-health listing, and another (Q), listed too, who stays.
 * Names are rare enough not to occur by chance.
 */
const people = (tag: number) => {
  const village = town.villages[0]!.code;
  const p: Person = {
    id: `p-purge-${tag}` as PersonId,
    name: "欧阳翠微",
    jurisdiction: village,
    identityNumber: identityNumber(`53232319870615${String(100 + tag).slice(-3)}`),
    contact: { phone: `1390772${String(4000 + tag).slice(-4)}` },
  } as Person;
  const q: Person = {
    id: `p-stay-${tag}` as PersonId,
    name: "司马青岚",
    jurisdiction: village,
    identityNumber: identityNumber(`53232319910228${String(300 + tag).slice(-3)}`),
    contact: { phone: `1580883${String(6000 + tag).slice(-4)}` },
  } as Person;
  return { p, q };
};

/** The secrets of a person, in the spellings searched: the number whole, its 17 digits, its birth date and sequence. */
const secretsOf = (person: Person): ReadonlyArray<Secret> => [
  { what: "identity number", forms: [person.identityNumber!, person.identityNumber!.slice(0, 17), person.identityNumber!.slice(6, 17)] },
  { what: "phone number", forms: [person.contact!.phone!] },
];

/**
 * The diagnosis a mental-health listing carries (category 1): the finding of a
 * severe mental disorder, in the listing's lawful basis and its evidence (the
 * dangerousness grade confirmed by the health centre) and its details' kind.
 */
const diagnosis: Secret = { what: "diagnosis", forms: ["严重精神障碍", "危险性评估", "mental-health", "dangerousnessGrade"] };

const keysOf = (keks: Readonly<Record<string, Uint8Array>>, current: string, blindIndexKey: Uint8Array): KeyProvider =>
  staticKeyProvider({ keyEncryptionKeys: keks, currentKeyId: current, blindIndexKey });

const must = <A>(r: { ok: true; value: A } | { ok: false; error: unknown }, what: string): A => {
  if (!r.ok) throw new Error(`${what} failed: ${String((r.error as { message?: string }).message ?? r.error)}`);
  return r.value;
};

const ledgerOn = (store: SqlStore, keys: KeyProvider, clock: ReturnType<typeof fixedClock>): Ledger =>
  createLedger({ store, units: town.units, keys, calendar: weekendCalendar, clock, config: { retention } });

/** Registers P and Q through the ledger and opens a mental-health listing for each, by the health centre. */
const registerPeople = async (ledger: Ledger, p: Person, q: Person): Promise<{ readonly listingOfP: ListingId; readonly listingOfQ: ListingId }> => {
  const today = town.period.to;
  for (const person of [p, q, ...town.persons]) must(await ledger.registerPerson(officers.socialAffairs, person), `register ${person.id}`);
  const open = async (person: Person, id: string) =>
    must(
      await ledger.openListing(health, {
        facts: { person: person.id, mentalHealth: { confirmedBy: "health-centre", confirmedOn: today, dangerousnessGrade: 3 } },
        category: 1,
        id: id as ListingId,
        responsibleUnit: health.unit as UnitId,
        responsiblePerson: "杨医生",
      }),
      `open listing ${id}`,
    ).id;
  return { listingOfP: await open(p, `l-${p.id}`), listingOfQ: await open(q, `l-${q.id}`) };
};

/** A backup of a store, made before the purge: its bytes and a way to open it as a store. */
interface Backup {
  readonly files: ReadonlyArray<Searched>;
  readonly open: () => Promise<SqlStore>;
  readonly drop: () => Promise<void>;
}

/** One database as the tests use it: a fresh store, the bytes an attacker copies from it, a backup. */
interface Target {
  readonly name: string;
  readonly open: () => Promise<SqlStore>;
  /** The bytes of the database as they are now, while the store is open. */
  readonly files: (store: SqlStore) => Promise<ReadonlyArray<Searched>>;
  readonly backup: (store: SqlStore) => Promise<Backup>;
}

const sqliteTarget = (): Target & { readonly dir: string } => {
  const dir = mkdtempSync(join(tmpdir(), "tiaojie-at-rest-"));
  let n = 0;
  const paths = new Map<SqlStore, string>();
  return {
    name: "sqlite",
    dir,
    open: async () => {
      const file = join(dir, `ledger-${++n}.db`);
      const store = await sqliteStore({ file });
      paths.set(store, file);
      return store;
    },
    files: async (store) => {
      const file = paths.get(store)!;
      return [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => ({ label: f.slice(dir.length + 1), bytes: readFileSync(f) }));
    },
    backup: async (store) => {
      const file = join(dir, `backup-${++n}.db`);
      // SQLite's own consistent copy, as the deployment guide says (a plain copy could miss the WAL).
      await sql.raw(`vacuum into '${file}'`).execute(store.db);
      return {
        files: [{ label: file.slice(dir.length + 1), bytes: readFileSync(file) }],
        open: () => sqliteStore({ file }),
        drop: async () => rmSync(file, { force: true }),
      };
    },
  };
};

const DUMP_BUFFER = 256 * 1024 * 1024;

/** Whether a command is on this machine (it answers `--version`). */
const hasCommand = (command: string): Promise<boolean> =>
  run(command, ["--version"]).then(
    () => true,
    () => false,
  );

/** The dump of a server database, made with the server's own tool, as bytes. */
const dumpOf = async (dialect: "postgres" | "mysql", s: ServerSettings): Promise<Buffer> => {
  if (dialect === "postgres") {
    const out = await run("pg_dump", ["-h", s.host, "-p", String(s.port), "-U", s.user, "--no-owner", s.database], {
      env: { ...process.env, PGPASSWORD: s.password },
      encoding: "buffer",
      maxBuffer: DUMP_BUFFER,
    });
    return out.stdout;
  }
  // Binary columns as hex (0x…): a clear text in one would show as its hex, which is searched too.
  const out = await run("mariadb-dump", ["-h", s.host, "-P", String(s.port), "-u", s.user, "--single-transaction", "--hex-blob", s.database], {
    env: { ...process.env, MYSQL_PWD: s.password },
    encoding: "buffer",
    maxBuffer: DUMP_BUFFER,
  });
  return out.stdout;
};

/** Loads a dump file into a (fresh) database with the server's own client. */
const restoreInto = async (dialect: "postgres" | "mysql", dump: string, s: ServerSettings): Promise<void> => {
  if (dialect === "postgres") {
    await run("psql", ["-h", s.host, "-p", String(s.port), "-U", s.user, "-d", s.database, "-q", "-v", "ON_ERROR_STOP=1", "-f", dump], { env: { ...process.env, PGPASSWORD: s.password } });
    return;
  }
  const input = openSync(dump, "r");
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn("mariadb", ["-h", s.host, "-P", String(s.port), "-u", s.user, s.database], { stdio: [input, "ignore", "pipe"], env: { ...process.env, MYSQL_PWD: s.password } });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`mariadb restore exited ${code}: ${stderr}`))));
    });
  } finally {
    closeSync(input);
  }
};

/** Every row of every table, as one run of bytes (binary columns as their bytes): what the rows hold, whatever the files. */
const rowsOf = async (store: SqlStore): Promise<Searched> => {
  const parts: Array<Buffer> = [];
  for (const table of Object.keys(tables)) {
    const rows = await store.db.selectFrom(table as keyof typeof tables).selectAll().execute();
    for (const row of rows) {
      for (const value of Object.values(row as Record<string, unknown>)) parts.push(value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(`${String(value)}\n`, "utf8"));
    }
  }
  return { label: "rows", bytes: Buffer.concat(parts) };
};

const serverTarget = (d: DialectUnderTest, dir: string): Target => {
  const dialect = d.dialect as "postgres" | "mysql";
  let n = 0;
  return {
    name: d.name,
    open: () => d.openEmpty(),
    files: async (store) => {
      if (dialect === "mysql" && !(await hasCommand("mariadb-dump"))) return [await rowsOf(store)];
      return [{ label: dialect === "postgres" ? "pg_dump" : "mariadb-dump", bytes: await dumpOf(dialect, d.server!) }];
    },
    backup: async () => {
      const bytes = await dumpOf(dialect, d.server!);
      const file = join(dir, `${d.name}-backup-${++n}.sql`);
      writeFileSync(file, bytes);
      const fresh = dialect === "postgres" ? await freshPostgresDatabase() : await freshMysqlDatabase();
      await restoreInto(dialect, file, fresh);
      const url = storeUrl(dialect, fresh);
      return {
        files: [{ label: `${d.name} dump`, bytes }],
        open: () => (dialect === "postgres" ? postgresStore({ connectionString: url, poolSize: 2 }) : mysqlStore({ uri: url, poolSize: 2 })),
        drop: () => fresh.drop(),
      };
    },
  };
};

const spellings = (secrets: ReadonlyArray<Secret>): number => secrets.reduce((k, s) => k + s.forms.length, 0);
const allFound = (files: ReadonlyArray<Searched>, secrets: ReadonlyArray<Secret>): ReadonlyArray<string> => secrets.flatMap((s) => s.forms.flatMap((f) => findings(files, f)));
const describeFiles = (files: ReadonlyArray<Searched>): string => `${files.length} files (${totalKiB(files)} KiB: ${files.map((f) => `${f.label} ${f.bytes.length} B`).join(", ")})`;

const casesOn = (target: Target): void => {
  describe("stored bytes", () => {
    const { p, q } = people(1);
    const secrets = [...secretsOf(p), ...secretsOf(q), diagnosis];
    let store: SqlStore;
    let ledger: Ledger;
    let listingOfP: ListingId;
    beforeAll(async () => {
      store = await target.open();
      ledger = ledgerOn(store, keysOf({ "kek-2025": randomBytes(32) }, "kek-2025", randomBytes(32)), fixedClock(start));
      ({ listingOfP } = await registerPeople(ledger, p, q));
    }, 60_000);
    afterAll(() => store?.close());

    it("the data holds what is searched for: the listing read by the health centre says the diagnosis, the persons read by the social affairs office have their numbers", async () => {
      const listing = must(await ledger.getListing(health, listingOfP, { purpose: "随访" }), "read listing");
      const text = JSON.stringify(listing.record);
      for (const form of diagnosis.forms) expect(text).toContain(form);
      for (const person of [p, q]) {
        const view = must(await ledger.getPerson(officers.socialAffairs, person.id, { purpose: "走访" }), `read ${person.id}`);
        expect(view.person).toMatchObject({ name: person.name, identityNumber: person.identityNumber, contact: person.contact });
      }
    });

    it(`the identity numbers, phone numbers and diagnosis are in no plain encoding in ${target.name === "sqlite" ? "the file, its WAL and -shm before any checkpoint" : "a dump"}; the names, stored in clear, are found`, async () => {
      const files = await target.files(store);
      if (target.name === "sqlite") {
        // The search means something only if the WAL holds the data: nothing was checkpointed yet.
        const wal = files.find((f) => f.label.endsWith("-wal"));
        expect(wal?.bytes.length ?? 0, "the WAL exists and is not empty").toBeGreaterThan(0);
        expect(files.map((f) => f.label.slice(f.label.indexOf(".db")))).toEqual([".db", ".db-wal", ".db-shm"]);
        expect(findings([wal!], p.name).length, "the name is in the WAL").toBeGreaterThan(0);
      }
      const found = allFound(files, secrets);
      const control = [p.name, q.name].map((name) => findings(files, name).length);
      console.log(`at rest on ${target.name}: 3 secrets (identity number, phone, diagnosis; ${spellings(secrets)} spellings for 2 persons × 4 encodings) searched in ${describeFiles(files)}, found ${found.length}; control (names) found ${control.join("+")}`);
      for (const f of found) console.log(`  FOUND ${f}`);
      expect(found).toEqual([]);
      for (const n of control) expect(n, "each name, stored in clear, is found").toBeGreaterThan(0);
    });

    if (target.name === "sqlite") {
      it("after a checkpoint the rows sit in the main file: still no secret in any file; the names are found there", async () => {
        await sql.raw("pragma wal_checkpoint(TRUNCATE)").execute(store.db);
        const files = await target.files(store);
        const main = files.find((f) => f.label.endsWith(".db"))!;
        const found = allFound(files, secrets);
        console.log(`at rest on sqlite, checkpointed: searched in ${describeFiles(files)}, found ${found.length}; control found ${findings([main], p.name).length}+${findings([main], q.name).length} in the main file`);
        expect(found).toEqual([]);
        expect(findings([main], p.name).length).toBeGreaterThan(0);
        expect(findings([main], q.name).length).toBeGreaterThan(0);
      });
    }
  });

  describe("purge, key rotation and a backup from before", () => {
    const { p, q } = people(2);
    const clock = fixedClock(start);
    const blind = randomBytes(32);
    const keysOld = keysOf({ "kek-2025": randomBytes(32) }, "kek-2025", blind);
    const kekNew = randomBytes(32);
    /** The provider once the old KEK is dropped: the new KEK only. */
    const keysNow = keysOf({ "kek-2026": kekNew }, "kek-2026", blind);
    let store: SqlStore;
    let backup: Backup;
    let old: SqlStore;
    let listings: { readonly listingOfP: ListingId; readonly listingOfQ: ListingId };
    let erased: ReadonlyArray<PersonId>;
    let rotated: unknown;
    beforeAll(async () => {
      store = await target.open();
      const ledger = ledgerOn(store, keysOld, clock);
      listings = await registerPeople(ledger, p, q);
      backup = await target.backup(store);
      // P's listing is removed; two days on, P is past the (0-day) retention and is purged.
      must(await ledger.removeListing(health, { listing: listings.listingOfP, version: 1, reason: "已迁出本镇" }), "remove listing");
      clock.advance(2 * DAY);
      erased = must(await ledger.purgeExpired(officers.coordinator), "purge").erased;
      // The documented procedure: a new KEK, the live data keys re-wrapped under it, then the old KEK dropped.
      rotated = must(await ledgerOn(store, withRotatedKey(keysOld, "kek-2026", kekNew), clock).rotateKeys(officers.coordinator), "rotate");
      old = await backup.open();
    }, 60_000);
    afterAll(async () => {
      await old?.close();
      await backup?.drop();
      await store?.close();
    });

    it("purgeExpired erases P only (Q's listing holds); rotateKeys re-wraps every remaining data key under the new KEK", () => {
      expect(erased).toEqual([p.id]);
      expect(rotated).toEqual({ keyId: "kek-2026", rewrapped: 1 + town.persons.length });
    });

    it("the live store with the new KEK only: Q and Q's listing read in full; P is erased, P's listing is unreadable (erased)", async () => {
      const live = ledgerOn(store, keysNow, clock);
      const qNow = must(await live.getPerson(officers.socialAffairs, q.id, { purpose: "走访" }), "read Q");
      expect(qNow.person).toMatchObject({ name: q.name, identityNumber: q.identityNumber, contact: q.contact });
      expect(JSON.stringify(must(await live.getListing(health, listings.listingOfQ, { purpose: "随访" }), "read Q's listing").record)).toContain(diagnosis.forms[0]);
      const pNow = must(await live.getPerson(officers.socialAffairs, p.id, { purpose: "走访" }), "read P");
      expect(pNow.person).toBeUndefined();
      expect(pNow.erasedOn).toBeDefined();
      expect(await live.getListing(health, listings.listingOfP, { purpose: "随访" })).toMatchObject({ ok: false, error: { _tag: "SealedDataUnreadable", person: p.id, why: "erased" } });
    });

    const liveTitle =
      target.name === "sqlite"
        ? "the live file after the purge holds none of P's secrets and no row holds P's name; the name's old bytes stay in WAL frames written before the purge, until a checkpoint and VACUUM"
        : "the live database after the purge holds none of P's secrets and no row or dump line holds P's name";
    it(liveTitle, async () => {
      const rows = await rowsOf(store);
      expect(findings([rows], p.name), "no row holds the erased name").toEqual([]);
      expect(findings([rows], q.name).length, "control: Q's name is in the rows").toBeGreaterThan(0);
      const files = await target.files(store);
      const secrets = allFound([rows, ...files], secretsOf(p));
      const name = findings(files, p.name);
      console.log(`at rest on ${target.name} after purge: P's 2 secrets (${spellings(secretsOf(p))} spellings) searched in the rows and ${describeFiles(files)}, found ${secrets.length}; P's name found ${name.length} times in the files`);
      for (const f of name) console.log(`  name still in ${f}`);
      expect(secrets).toEqual([]);
      if (target.name !== "sqlite") {
        expect(name).toEqual([]);
        return;
      }
      // WAL frames are whole pages as they were written; those from before the
      // purge still hold P's row until the WAL is checkpointed and restarts.
      expect(name.length, "P's name is in old WAL frames").toBeGreaterThan(0);
      expect(name.every((f) => f.startsWith(files.find((x) => x.label.endsWith("-wal"))!.label)), "only in the WAL").toBe(true);
      await sql.raw("pragma wal_checkpoint(TRUNCATE)").execute(store.db);
      const checkpointed = findings(await target.files(store), p.name).length;
      await sql.raw("vacuum").execute(store.db);
      await sql.raw("pragma wal_checkpoint(TRUNCATE)").execute(store.db);
      const vacuumed = await target.files(store);
      console.log(`  after wal_checkpoint(TRUNCATE): P's name found ${checkpointed}; after VACUUM: ${findings(vacuumed, p.name).length} (${describeFiles(vacuumed)})`);
      expect(findings(vacuumed, p.name)).toEqual([]);
      expect(findings(vacuumed, q.name).length, "control: Q's name is still there").toBeGreaterThan(0);
    });

    it("the backup from before the purge, opened with the current keys: P's sealed fields are unreadable (key-missing), and so are Q's; with the old KEK they would open; P's name is in it in clear", async () => {
      const fromBackup = ledgerOn(old, keysNow, clock);
      expect(await fromBackup.getPerson(officers.socialAffairs, p.id, { purpose: "恢复核查" })).toMatchObject({ ok: false, error: { _tag: "SealedDataUnreadable", person: p.id, why: "key-missing" } });
      expect(await fromBackup.getListing(health, listings.listingOfP, { purpose: "恢复核查" })).toMatchObject({ ok: false, error: { _tag: "SealedDataUnreadable", person: p.id, why: "key-missing" } });
      // Every data key in the backup was wrapped by the dropped KEK: nobody's sealed fields open.
      expect(await fromBackup.getPerson(officers.socialAffairs, q.id, { purpose: "恢复核查" })).toMatchObject({ ok: false, error: { _tag: "SealedDataUnreadable", person: q.id, why: "key-missing" } });
      // Dropping the old KEK is the step that shreds the backup: with it, P opens.
      const withOldKek = must(await ledgerOn(old, keysOld, clock).getPerson(officers.socialAffairs, p.id, { purpose: "恢复核查" }), "read P from the backup with the old KEK");
      expect(withOldKek.person).toMatchObject({ name: p.name, identityNumber: p.identityNumber, contact: p.contact });
      // The name is not sealed: the backup holds it in clear until the backup itself expires.
      const name = findings(backup.files, p.name);
      const secrets = allFound(backup.files, secretsOf(p));
      console.log(`at rest on ${target.name}, old backup (${describeFiles(backup.files)}): with the current keys P key-missing, Q key-missing; with the old KEK P opens; P's secrets found ${secrets.length}; P's name found ${name.length} (in clear)`);
      for (const f of name) console.log(`  name in backup: ${f}`);
      expect(secrets).toEqual([]);
      expect(name.length).toBeGreaterThan(0);
    });
  });
};

describe("at rest · sqlite file", () => {
  const target = sqliteTarget();
  afterAll(() => rmSync(target.dir, { recursive: true, force: true }));
  casesOn(target);
});

const dumps = mkdtempSync(join(tmpdir(), "tiaojie-dumps-"));
afterAll(() => rmSync(dumps, { recursive: true, force: true }));
await forEachServerDialect("at rest", (d) => casesOn(serverTarget(d, dumps)));
