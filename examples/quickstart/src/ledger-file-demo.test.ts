import { createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { type Ledger, type RiskLevel, type SheetRecord, createLedger, fixedClock, generateDevelopmentKeys, verifyCheckpoint, zixi2025 } from "@tiaojie/core";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { sqliteStore } from "@tiaojie/store-kysely";
import { readXlsx } from "@tiaojie/xlsx";
import { afterAll, describe, expect, test } from "vitest";
import { summaryLines } from "./demo-summary.js";
import { runLedgerFileDemo, withByteChanged } from "./ledger-file-demo.js";

// One run of the whole flow on a small town, made once while the file is collected
// (it takes about a second); the tests then check what it wrote and printed.
const town = sampleTown(7, { villages: 3, persons: 60, disputes: 40, listings: 6 });
const root = mkdtempSync(join(tmpdir(), "tiaojie-quickstart-"));
const outDir = join(root, "out");
// What an earlier run left behind, which is not even a database: the run must remove it.
mkdirSync(outDir);
writeFileSync(join(outDir, "ledger.sqlite"), "left over from an earlier run");
writeFileSync(join(outDir, "ledger.sqlite-wal"), "left over from an earlier run");
const keys = generateDevelopmentKeys({ keyName: "tiaojie-demo" });
const demo = await runLedgerFileDemo({ town, outDir, keys });
const summary = summaryLines(demo, root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LEVELS: ReadonlyArray<RiskLevel> = ["red", "orange", "yellow", "blue"];
const { coordinator, auditor } = sampleOfficers(town);

/** The ledger file opened again by a new store, with the run's keys. */
const reopen = async <A>(use: (ledger: Ledger) => Promise<A>): Promise<A> => {
  const ledger = createLedger({
    store: await sqliteStore({ file: demo.files.ledger }),
    units: town.units,
    keys: keys.keys,
    calendar: chinaCalendar(),
    clock: fixedClock(Date.parse(`${demo.today}T18:00:00+08:00`) + 60_000),
    config: { campaign: zixi2025 },
  });
  try {
    return await use(ledger);
  } finally {
    await ledger.close();
  }
};

const value = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: { readonly message: string } }): A => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const recordsOf = async (source: AsyncIterable<SheetRecord>): Promise<Array<SheetRecord>> => {
  const all: Array<SheetRecord> = [];
  for await (const r of source) all.push(r);
  return all;
};

describe("the ledger-file demo", () => {
  test("plays the months without a refused step: every resident, and every dispute reported by the last day", () => {
    expect(demo.play.refusals).toEqual([]);
    expect(demo.play.counts.persons).toBe(town.persons.length);
    expect(demo.play.counts.disputes).toBe(town.disputes.filter((d) => d.reportedOn <= demo.today).length);
    expect(demo.play.counts.gradesConfirmed).toBeGreaterThan(0);
    expect(demo.play.counts.resolved).toBeGreaterThan(0);
    expect(demo.play.counts.submissions).toBeGreaterThan(0);
  });

  test("replaces what an earlier run left with a new SQLite file", () => {
    const header = Buffer.alloc(16);
    const fd = openSync(demo.files.ledger, "r");
    readSync(fd, header, 0, 16, 0);
    closeSync(fd);
    expect(header.toString("latin1")).toBe("SQLite format 3\u0000");
  });

  test("the ledger file, opened again by a new store, reads the same counts", async () => {
    expect(existsSync(demo.files.ledger)).toBe(true);
    const counts = await reopen(async (ledger) =>
      Promise.all(LEVELS.map(async (level) => value(await ledger.listDisputes(coordinator, { level, limit: 500 })).items.length)),
    );
    expect(counts).toEqual(LEVELS.map((l) => demo.byLevel[l]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(demo.play.counts.disputes);
    expect(demo.reopened).toEqual({ disputes: demo.play.counts.disputes, sameCounts: true });
  });

  test("the XLSX report reads back with the totals and villages of the ledger's monthly report", async () => {
    const own = await reopen(async (ledger) => value(await ledger.monthlyReport(coordinator, { period: demo.report.period })));
    if (own.for !== "own") throw new Error("expected the township's own report");
    const { totals, byVillage } = own.report;
    expect(totals).toEqual(demo.report.totals);
    const records = await recordsOf(readXlsx(createReadStream(demo.files.xlsx), { sheets: "all" }));
    const sheet = (name: string) => records.filter((r) => r.sheet === name).slice(1).map((r) => r.cells);
    expect(sheet("汇总").map((cells) => cells.slice(1))).toEqual([[totals.new, totals.cumulative, totals.resolvedInPeriod, totals.openAtEnd]]);
    const names = new Map(town.villages.map((v) => [v.code as string, v.name]));
    expect(sheet("按村(社区)")).toEqual(byVillage.map((r) => [names.get(r.key), r.counts.new, r.counts.cumulative, r.counts.resolvedInPeriod, r.counts.openAtEnd]));
  });

  test("the Markdown reports carry the same totals, in Chinese and in English", () => {
    const t = demo.report.totals;
    const numbers = `${t.new} | ${t.cumulative} | ${t.resolvedInPeriod} | ${t.openAtEnd} |`;
    expect(readFileSync(demo.files.markdown.zh, "utf8").split("\n")).toContain(`| 合计 | ${numbers}`);
    expect(readFileSync(demo.files.markdown.en, "utf8").split("\n")).toContain(`| Total | ${numbers}`);
    expect(readFileSync(demo.files.markdown.zh, "utf8")).toContain(`- 报告期: ${demo.report.period.from} – ${demo.report.period.to}`);
  });

  test("the checkpoint verifies with the saved public key, and not once any one of its bytes is changed", async () => {
    const checkpoint = readFileSync(demo.files.checkpoint, "utf8");
    const publicKey = readFileSync(demo.files.publicKey, "utf8");
    expect(verifyCheckpoint(checkpoint, publicKey).ok).toBe(true);
    const bytes = Buffer.byteLength(checkpoint);
    const accepted = Array.from({ length: bytes }, (_, i) => i).filter((i) => verifyCheckpoint(withByteChanged(checkpoint, i), publicKey).ok);
    expect(accepted).toEqual([]);
  });

  test("the audit chains in the file verify against the saved checkpoint, and not against one with a byte changed", async () => {
    const checkpoint = readFileSync(demo.files.checkpoint, "utf8");
    const publicKey = readFileSync(demo.files.publicKey, "utf8");
    const [whole, changed] = await reopen(async (ledger) => [
      value(await ledger.verifyAudit(auditor, { checkpoint, publicKey })).ok,
      value(await ledger.verifyAudit(auditor, { checkpoint: withByteChanged(checkpoint, 40), publicKey })).ok,
    ]);
    expect([whole, changed, demo.verified, demo.tamperedVerified]).toEqual([true, false, true, false]);
  });

  test("the summary's counts by level are the ledger's own list of disputes at each level", async () => {
    const line = summary.find((l) => l.startsWith("风险等级 by level:"))!;
    const printed = LEVELS.map((l) => Number(new RegExp(` ${l} (\\d+)`).exec(line)?.[1]));
    const listed = await reopen(async (ledger) =>
      Promise.all(LEVELS.map(async (level) => value(await ledger.listDisputes(coordinator, { level, limit: 500 })).items.length)),
    );
    expect(printed).toEqual(listed);
  });

  test("the summary is short, names every file written with its path, and points to the tour", () => {
    expect(summary.length).toBeGreaterThanOrEqual(15);
    expect(summary.length).toBeLessThanOrEqual(25);
    const written = [demo.files.ledger, demo.files.xlsx, demo.files.markdown.zh, demo.files.markdown.en, demo.files.checkpoint, demo.files.publicKey];
    for (const file of written) {
      expect(existsSync(file)).toBe(true);
      expect(summary.some((l) => l.trimStart().startsWith(relative(root, file)))).toBe(true);
    }
    expect(written.map((f) => dirname(relative(root, f)))).toEqual(Array(6).fill(basename(outDir)));
    expect(summary.join("\n")).toContain("development keys");
    expect(summary.at(-1)).toContain("node dist/main.js --tour");
  });
});
