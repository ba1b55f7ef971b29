import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  type Actor,
  type Dispute,
  type ListingId,
  type LocalDate,
  type Person,
  type PersonId,
  type Unit,
  type UnitId,
  SupportCategories,
  type SupportCategory,
  createLedger,
  fixedClock,
  shanghaiStartOf,
  staticKeyProvider,
} from "@tiaojie/core";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import { sqliteStore } from "@tiaojie/store-kysely";
import { afterAll, describe, expect, it } from "vitest";
import { ExitCode } from "./index.js";
import { J, type Ran, SEED, TODAY, newLedgerDir, run } from "./test-support/cli-harness.js";

// Issue 13, "Scope", through the command: each sample officer of `init --sample`
// (zx-0001 … zx-0005) lists, exports and bundles only the records within its
// scope. One SQLite ledger, made at module level: disputes and persons added with
// `tiaojie add`, listings and hazards (which have no command) through the core
// ledger on the same file. What each officer should see is worked out here from
// the records put in, each with its village, and the officer's scope in the
// configuration, by the rule that a division's records are those whose code starts
// with its significant digits.

const made = await newLedgerDir();
const dir = made.dir;
if (made.init.code !== 0) throw new Error(`init failed: ${made.init.stderr}`);

interface Config {
  readonly township: string;
  readonly keys: string;
  readonly units: ReadonlyArray<Unit>;
  readonly officers: ReadonlyArray<Actor>;
}
const config = JSON.parse(await readFile(join(dir, "tiaojie.json"), "utf8")) as Config;
const officer = (id: string): Actor => config.officers.find((o) => o.officerId === id)!;
const village = officer("zx-0005").scope;

/** The digits every code within a division starts with: up to its last non-zero part (2, 4, 6, 9 or 12 digits). */
const significant = (code: string): string => {
  let end = 0;
  let start = 0;
  for (const stop of [2, 4, 6, 9, 12]) {
    if (!/^0+$/.test(code.slice(start, stop))) end = stop;
    start = stop;
  }
  return code.slice(0, end);
};
const within = (code: string, scope: string): boolean => code.startsWith(significant(scope));

// The records: disputes of zx-0005's village and of the rest of the township
// reported by TODAY, their parties, listings of three categories in and outside
// the village, and hazards at the village, another village and the township.
const town = sampleTown(SEED);
const reported = town.disputes.filter((d) => d.reportedOn <= TODAY);
const disputes: ReadonlyArray<Dispute> = [...reported.filter((d) => d.jurisdiction === village).slice(0, 5), ...reported.filter((d) => d.jurisdiction !== village).slice(0, 7)];
const partyIds = new Set(disputes.flatMap((d) => d.parties.flatMap((p) => (p.kind === "person" ? [p.person as string] : []))));
const listed: ReadonlyArray<{ readonly person: Person; readonly category: SupportCategory; readonly id: string }> = [
  ...town.persons.filter((p) => p.jurisdiction === village).slice(0, 2),
  ...town.persons.filter((p) => p.jurisdiction !== village).slice(0, 3),
].map((person, i) => ({ person, category: ([5, 1, 5, 2, 1] as const)[i]!, id: `l-scope-${i + 1}` }));
const persons: ReadonlyArray<Person> = town.persons.filter((p) => partyIds.has(p.id) || listed.some((l) => l.person.id === p.id));
const personById = new Map(persons.map((p) => [p.id as string, p]));
const otherVillage = town.villages.find((v) => v.code !== village)!.code;

await writeFile(join(dir, "persons.json"), JSON.stringify(persons));
await writeFile(join(dir, "disputes.json"), JSON.stringify(disputes));
for (const [as, what] of [["zx-0002", "person"], ["zx-0001", "dispute"]] as const) {
  const r = await run(dir, [...J, "--as", as, "add", what, `${what === "person" ? "persons" : "disputes"}.json`]);
  if (r.code !== 0) throw new Error(`add ${what} failed: ${r.stderr}`);
}

/** The ledger of the command's configuration, opened as the command opens it: its SQLite file and its key file. */
const keyFile = JSON.parse(await readFile(join(dir, config.keys), "utf8")) as {
  readonly keyEncryptionKeys: Readonly<Record<string, string>>;
  readonly currentKeyId: string;
  readonly blindIndexKey: string;
  readonly checkpointSigner: { readonly keyName: string; readonly privateKey: string };
};
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));
const store = await sqliteStore({ file: join(dir, "ledger.sqlite") });
const ledger = createLedger({
  store,
  units: config.units,
  keys: staticKeyProvider({
    keyEncryptionKeys: Object.fromEntries(Object.entries(keyFile.keyEncryptionKeys).map(([id, k]) => [id, bytes(k)])),
    currentKeyId: keyFile.currentKeyId,
    blindIndexKey: bytes(keyFile.blindIndexKey),
    checkpointSigner: keyFile.checkpointSigner,
  }),
  clock: fixedClock(shanghaiStartOf(TODAY as LocalDate) + 9 * 3_600_000),
});
const townOfficers = sampleOfficers(town);
/** Who records each category (the policy's writers of its class), and what qualifies the person. */
const opener: Readonly<Partial<Record<SupportCategory, Actor>>> = { 1: townOfficers.ofKind("health-centre"), 2: townOfficers.ofKind("justice-office"), 5: officer("zx-0002") };
const factsOf = (person: PersonId, category: SupportCategory) =>
  category === 1
    ? { person, mentalHealth: { confirmedBy: "health-centre", confirmedOn: TODAY, dangerousnessGrade: 2 } }
    : category === 2
      ? { person, correction: { kind: "released", releasedOn: TODAY, recordedBy: "司法所赵强", recordedOn: TODAY } }
      : { person, hardship: { indicators: ["poverty"], assessedBy: "社会事务办李娟", assessedOn: TODAY } };
try {
  for (const l of listed) {
    const by = opener[l.category]!;
    const r = await ledger.openListing(by, { facts: factsOf(l.person.id, l.category), category: l.category, id: l.id as ListingId, responsibleUnit: by.unit, responsiblePerson: by.name });
    if (!r.ok) throw new Error(`open listing ${l.id}: ${r.error.message}`);
  }
  for (const place of [village, otherVillage, config.township]) {
    const r = await ledger.registerHazard(officer("zx-0001"), {
      jurisdiction: place as Dispute["jurisdiction"],
      place: "村小学校门",
      hazard: "无隔离护栏",
      responsibleUnit: "u-pcs" as UnitId,
      deadline: "2025-03-31",
    });
    if (!r.ok) throw new Error(`hazard at ${place}: ${r.error.message}`);
  }
} finally {
  await ledger.close();
}
const hazardPlaces = [village, otherVillage, config.township];

const json = <T>(r: Ran, what: string): T => {
  expect(r.stderr, `${what}: stderr`).toBe("");
  expect(r.code, `${what}: exit code`).toBe(ExitCode.ok);
  return JSON.parse(r.stdout) as T;
};

/** A refusal: exit 1, a message, and nothing on standard output. */
const refused = (r: Ran, what: string): void => {
  expect(r.code, `${what}: exit code`).toBe(ExitCode.refused);
  expect(r.stdout, `${what}: stdout`).toBe("");
  expect(r.stderr, `${what}: stderr`).toMatch(/refused|does not see/);
};

interface TasksOut {
  readonly support: ReadonlyArray<{ readonly listing: string; readonly person: string; readonly dueOn: string; readonly shown: string }>;
  readonly grading: ReadonlyArray<{ readonly id: string; readonly dispute: string }>;
}
const TASKS = ["tasks", "--due", "--horizon", "200"] as const;
/** The coordinator's full view of the tasks: what a narrower scope must be the part of. */
const everyTask = JSON.parse((await run(dir, [...J, ...TASKS])).stdout) as TasksOut;

const sorted = (xs: Iterable<string>): ReadonlyArray<string> => [...xs].sort();
const figures = { officers: 0, commands: 0, records: 0, refusals: 0, leaks: 0 };
afterAll(async () => {
  console.log(
    `cli scope: ${figures.officers} officers × 8 commands (list, hazards, tasks, report own and county, export disputes and support-registry, bundle), ${figures.commands} runs, ` +
      `ledger of ${disputes.length} disputes, ${persons.length} persons, ${listed.length} listings, ${hazardPlaces.length} hazards, ${everyTask.support.length + everyTask.grading.length} tasks; ` +
      `${figures.records} in-scope records seen, ${figures.refusals} refusals, leaks ${figures.leaks}`,
  );
  await made.cleanup();
});

/** The policy's rules for the sample officers' roles: who reads disputes, who reports, who bundles, what numbers and names they see. */
const reads = (a: Actor) => a.role !== "auditor";
const reports = (a: Actor) => a.role !== "auditor" && a.role !== "grid-worker";
const numbers = (a: Actor, unitKind: string): "full" | "masked" | "none" =>
  a.role === "auditor" ? "none" : a.role === "unit-officer" && ["health-centre", "police-station", "justice-office", "social-affairs-office"].includes(unitKind) ? "full" : "masked";
const categoryShown = (a: Actor, unitKind: string, c: SupportCategory): boolean =>
  a.role === "coordinator" || a.role === "township-leadership" || (a.role === "unit-officer" && unitKind === "social-affairs-office") ? c >= 3 : false;

const expectNumber = (cell: unknown, full: string | undefined, access: "full" | "masked" | "none", where: string): void => {
  if (full === undefined || access === "none") return void expect(cell, where).toBeNull();
  if (access === "full") return void expect(cell, where).toBe(full);
  expect(typeof cell, where).toBe("string");
  expect(cell, where).not.toBe(full);
  expect((cell as string).length, where).toBe(full.length);
  expect((cell as string).slice(-4), where).toBe(full.slice(-4));
};

interface WorkbookFile {
  readonly sheets: ReadonlyArray<{ readonly name: { readonly zh: string }; readonly columns: ReadonlyArray<{ readonly key: string }>; readonly rows: ReadonlyArray<ReadonlyArray<unknown>> }>;
}
/** The rows of a JSON workbook's first sheet, by column key. */
const rowsOf = (file: WorkbookFile): ReadonlyArray<Readonly<Record<string, unknown>>> => {
  const sheet = file.sheets[0]!;
  return sheet.rows.map((row) => Object.fromEntries(sheet.columns.map((c, i) => [c.key, row[i]])));
};

describe("issue 13, scope through the command: each sample officer sees only its scope", () => {
  for (const id of ["zx-0001", "zx-0002", "zx-0003", "zx-0004", "zx-0005"]) {
    const a = officer(id);
    const kind = config.units.find((u) => u.id === a.unit)!.kind;
    it(`${id} (${a.role} of ${a.unit}, scope ${a.scope}): list, hazards, tasks --due, report, export and bundle hold only records within its scope`, async () => {
      figures.officers += 1;
      const inScope = (code: string) => within(code, a.scope);
      const as = (...args: ReadonlyArray<string>) => {
        figures.commands += 1;
        return run(dir, [...J, "--as", id, ...args]);
      };
      const mine = disputes.filter((d) => inScope(d.jurisdiction));
      const villageOf = new Map(disputes.map((d) => [d.id as string, d.jurisdiction as string]));
      const listingAt = new Map(listed.map((l) => [l.id, l.person.jurisdiction as string]));
      // Every record put in lies in the township; the village's records are a part of them, and not all.
      expect(disputes.every((d) => within(d.jurisdiction, config.township))).toBe(true);
      expect(mine.length).toBeGreaterThan(0);

      const list = await as("list", "--limit", "100");
      const tasks = await as(...TASKS);
      const hazards = await as("hazards");
      if (!reads(a)) for (const [r, what] of [[list, "list"], [tasks, "tasks"], [hazards, "hazards"]] as const) (figures.refusals += 1), refused(r, what);
      else {
        const items = json<{ items: ReadonlyArray<{ id: string; jurisdiction: string }>; cursor?: string }>(list, "list");
        expect(items.cursor).toBeUndefined();
        figures.leaks += items.items.filter((d) => !inScope(d.jurisdiction)).length;
        expect(sorted(items.items.map((d) => d.id)), "list").toEqual(sorted(mine.map((d) => d.id)));
        for (const d of items.items) expect(d.jurisdiction, d.id).toBe(villageOf.get(d.id));

        const h = json<ReadonlyArray<{ id: string; jurisdiction: string }>>(hazards, "hazards");
        figures.leaks += h.filter((x) => !inScope(x.jurisdiction)).length;
        expect(sorted(h.map((x) => x.jurisdiction)), "hazards").toEqual(sorted(hazardPlaces.filter(inScope)));

        const t = json<TasksOut>(tasks, "tasks");
        figures.leaks += t.support.filter((x) => !inScope(listingAt.get(x.listing) ?? "")).length + t.grading.filter((x) => !inScope(villageOf.get(x.dispute) ?? "")).length;
        const key = (x: TasksOut["support"][number]) => `${x.listing}|${x.person}|${x.dueOn}`;
        expect(sorted(t.support.map(key)), "support tasks").toEqual(sorted(everyTask.support.filter((x) => inScope(listingAt.get(x.listing)!)).map(key)));
        expect(sorted(t.grading.map((x) => x.id)), "grading tasks").toEqual(sorted(everyTask.grading.filter((x) => inScope(villageOf.get(x.dispute)!)).map((x) => x.id)));
        figures.records += items.items.length + h.length + t.support.length + t.grading.length;
      }

      const own = await as("report", "--month", "2025-02", "--format", "json");
      const county = await as("report", "--month", "2025-02", "--format", "json", "--for", "county");
      if (!reports(a)) for (const [r, what] of [[own, "report"], [county, "report --for county"]] as const) (figures.refusals += 1), refused(r, what);
      else {
        const r = json<{ for: string; report: { jurisdiction: string; totals: { cumulative: number }; byVillage: ReadonlyArray<{ key: string; counts: { cumulative: number } }> } }>(own, "report");
        expect([r.for, r.report.jurisdiction]).toEqual(["own", a.scope]);
        expect(r.report.totals.cumulative, "report total").toBe(mine.length);
        figures.leaks += r.report.byVillage.filter((row) => !inScope(row.key)).length;
        for (const row of r.report.byVillage) expect(row.counts.cumulative, row.key).toBe(mine.filter((d) => d.jurisdiction === row.key).length);
        expect(sorted(r.report.byVillage.map((row) => row.key))).toEqual(sorted(new Set(mine.map((d) => d.jurisdiction as string))));
        const c = json<{ for: string; summary: { jurisdiction: string; byVillage: ReadonlyArray<{ key: string }>; support: { byVillage: ReadonlyArray<{ key: string }> } } }>(county, "report --for county");
        expect([c.for, c.summary.jurisdiction]).toEqual(["county", a.scope]);
        figures.leaks += [...c.summary.byVillage, ...c.summary.support.byVillage].filter((row) => !inScope(row.key)).length;
        expect(sorted(c.summary.support.byVillage.map((row) => row.key))).toEqual(sorted(new Set(listed.filter((l) => inScope(l.person.jurisdiction)).map((l) => l.person.jurisdiction as string))));
        figures.records += r.report.totals.cumulative;
      }

      const out = (name: string) => `out-${id}-${name}.json`;
      const exported = await as("export", "disputes", "--format", "json", "--purpose", "范围核查", "--out", out("disputes"));
      if (!reads(a)) {
        figures.refusals += 1;
        refused(exported, "export disputes");
        expect(existsSync(join(dir, out("disputes")))).toBe(false);
      } else {
        const rows = rowsOf(JSON.parse(await readFile(json<{ file: string }>(exported, "export disputes").file, "utf8")) as WorkbookFile);
        figures.leaks += rows.filter((row) => !inScope(row.jurisdiction as string)).length;
        expect(sorted(rows.map((row) => row.id as string)), "exported disputes").toEqual(sorted(mine.map((d) => d.id)));
        for (const row of rows) {
          const d = mine.find((x) => x.id === row.id)!;
          // A party's name only when the party lives within the scope.
          const names = d.parties.map((p) => (p.kind === "organisation" ? p.name : inScope(personById.get(p.person)!.jurisdiction) ? personById.get(p.person)!.name : "[withheld]"));
          expect(row.parties, `parties of ${d.id}`).toBe(names.join("; "));
        }
        figures.records += rows.length;
      }

      const registry = await as("export", "support-registry", "--format", "json", "--purpose", "范围核查", "--out", out("registry"));
      const rows = rowsOf(JSON.parse(await readFile(json<{ file: string }>(registry, "export support-registry").file, "utf8")) as WorkbookFile);
      figures.leaks += rows.filter((row) => !inScope(listingAt.get(row.listing as string) ?? "")).length;
      expect(sorted(rows.map((row) => row.listing as string)), "exported listings").toEqual(sorted(listed.filter((l) => inScope(l.person.jurisdiction)).map((l) => l.id)));
      for (const row of rows) {
        const l = listed.find((x) => x.id === row.listing)!;
        const at = `registry ${l.id}`;
        expect(row.name, at).toBe(a.role === "auditor" ? null : l.person.name);
        expectNumber(row.identityNumber, l.person.identityNumber, numbers(a, kind), `${at}: identity number`);
        expectNumber(row.phone, l.person.contact?.phone, numbers(a, kind), `${at}: phone`);
        expect(row.category, at).toBe(categoryShown(a, kind, l.category) ? SupportCategories.label(l.category, "en") : null);
      }
      figures.records += rows.length;

      const bundled = await as("bundle", "--out", out("bundle"), "--purpose", "报县");
      const parties = sorted(new Set(mine.flatMap((d) => d.parties.flatMap((p) => (p.kind === "person" ? [p.person as string] : [])))));
      // Only the coordinator makes bundles (it reads disputes and the audit trail), and only when every party lives in the scope.
      if (a.role !== "coordinator" || !parties.every((p) => inScope(personById.get(p)!.jurisdiction))) {
        figures.refusals += 1;
        refused(bundled, "bundle");
        expect(existsSync(join(dir, out("bundle")))).toBe(false);
      } else {
        const b = JSON.parse(await readFile(json<{ file: string }>(bundled, "bundle").file, "utf8")) as {
          within: string;
          records: { disputes: ReadonlyArray<{ id: string; dispute: { jurisdiction: string } }>; persons: ReadonlyArray<{ id: string; name: string; jurisdiction: string }> };
        };
        expect(b.within).toBe(a.scope);
        figures.leaks += b.records.disputes.filter((d) => !inScope(d.dispute.jurisdiction)).length + b.records.persons.filter((p) => !inScope(p.jurisdiction)).length;
        expect(sorted(b.records.disputes.map((d) => d.id)), "bundle disputes").toEqual(sorted(mine.map((d) => d.id)));
        expect(sorted(b.records.persons.map((p) => p.id)), "bundle persons").toEqual(parties);
        for (const p of b.records.persons) expect(p, p.id).toEqual({ id: p.id, name: personById.get(p.id)!.name, jurisdiction: personById.get(p.id)!.jurisdiction });
        figures.records += b.records.disputes.length + b.records.persons.length;
      }
      expect(figures.leaks, "records outside the scope").toBe(0);
    });
  }

  it("the built command (dist/bin.js, as a process) lists zx-0005 only its village's disputes too", async () => {
    const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, ...J, "--config", join(dir, "tiaojie.json"), "--as", "zx-0005", "list", "--limit", "100"], { cwd: dir });
    const items = (JSON.parse(stdout) as { items: ReadonlyArray<{ id: string; jurisdiction: string }> }).items;
    expect(items.every((d) => d.jurisdiction === village)).toBe(true);
    expect(sorted(items.map((d) => d.id))).toEqual(sorted(disputes.filter((d) => d.jurisdiction === village).map((d) => d.id)));
  });
});
