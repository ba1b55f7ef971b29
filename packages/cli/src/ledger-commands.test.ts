import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readXlsx } from "@tiaojie/xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "./index.js";
import { J, type Ran, TODAY, newLedgerDir, run, smallTown, writeTownFiles } from "./test-support/cli-harness.js";

const json = <T>(r: Ran): T => {
  expect(r.stderr, "stderr").toBe("");
  expect(r.code, "exit code").toBe(0);
  return JSON.parse(r.stdout) as T;
};

interface Listed {
  readonly items: ReadonlyArray<{ id: string; version: number; jurisdiction: string; level: string; status: string; gradeConfirmed: boolean }>;
  readonly cursor?: string;
}

describe("tiaojie on a SQLite ledger", () => {
  const town = smallTown();
  let dir = "";
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const made = await newLedgerDir();
    ({ dir, cleanup } = made);
    expect(made.init.code).toBe(0);
    await writeTownFiles(dir, town);
    expect((await run(dir, [...J, "--as", "zx-0002", "add", "person", "persons.json"])).code).toBe(0);
    expect((await run(dir, [...J, "add", "dispute", "disputes.json"])).code).toBe(0);
  });
  afterAll(() => cleanup());

  it("init writes the configuration, a key file only its owner reads, and the SQLite file; it never overwrites them", async () => {
    expect(((await stat(join(dir, "tiaojie.keys.json"))).mode & 0o777).toString(8)).toBe("600");
    expect((await stat(join(dir, "ledger.sqlite"))).size).toBeGreaterThan(0);
    const config = JSON.parse(await readFile(join(dir, "tiaojie.json"), "utf8")) as { store: unknown; actor: string };
    expect(config).toMatchObject({ store: { kind: "sqlite", file: "ledger.sqlite" }, actor: "zx-0001" });
    const keysBefore = await readFile(join(dir, "tiaojie.keys.json"), "utf8");
    const again = await run(dir, ["--lang", "en", "init", "--sample", "1"]);
    expect(again).toMatchObject({ code: ExitCode.config, stderr: expect.stringMatching(/exists and is not overwritten/) });
    expect(await readFile(join(dir, "tiaojie.keys.json"), "utf8")).toBe(keysBefore);
  });

  it("list shows every registered dispute to the coordinator, and a village committee only its own village's", async () => {
    const all = json<Listed>(await run(dir, [...J, "list", "--limit", "100"]));
    expect(all.items.map((d) => d.id).sort()).toEqual(town.disputes.map((d) => d.id).sort());
    const config = JSON.parse(await readFile(join(dir, "tiaojie.json"), "utf8")) as { officers: ReadonlyArray<{ officerId: string; scope: string }> };
    const village = config.officers.find((o) => o.officerId === "zx-0005")!.scope;
    const own = json<Listed>(await run(dir, [...J, "--as", "zx-0005", "list", "--limit", "100"]));
    expect(own.items.every((d) => d.jurisdiction.startsWith(village))).toBe(true);
    expect(own.items.map((d) => d.id).sort()).toEqual(town.disputes.filter((d) => d.jurisdiction.startsWith(village)).map((d) => d.id).sort());
  });

  it("list as a table: a readable table in the output language, with no colour codes when not on a terminal", async () => {
    const zh = await run(dir, ["--lang", "zh", "--today", TODAY, "list", "--limit", "3"]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/编号.*等级.*优先级/s);
    expect(zh.stdout).not.toMatch(/\u001b\[/);
    expect(zh.stdout).toMatch(/共 3 条/);
    expect(zh.stdout).toMatch(/下一页：--cursor /);
  });

  it("grade explains the recommendation with the rules that fired and the route with its reasons", async () => {
    const d = town.disputes[0]!;
    const g = json<{ id: string; level: string; recommendation: { fired: ReadonlyArray<{ id: string; reason: string }>; tableVersion: string }; route: { lead: string; reasons: ReadonlyArray<unknown> } }>(
      await run(dir, [...J, "grade", d.id]),
    );
    expect(g.id).toBe(d.id);
    expect(g.recommendation.tableVersion).toMatch(/^zixi-/);
    expect(g.route.reasons.length).toBeGreaterThan(0);
    const text = await run(dir, ["--lang", "en", "--today", TODAY, "grade", d.id]);
    for (const rule of g.recommendation.fired) expect(text.stdout).toContain(`[${rule.id}] ${rule.reason}`);
    expect(text.stdout).toMatch(/routed to: /);
  });

  it("transition walks a case to resolved, and a stale --if-version is refused as a conflict with nothing written", async () => {
    const config = JSON.parse(await readFile(join(dir, "tiaojie.json"), "utf8")) as { units: ReadonlyArray<{ id: string; kind: string }> };
    const justice = config.units.find((u) => u.kind === "justice-office")!.id;
    const id = town.disputes[1]!.id;
    const steps: ReadonlyArray<ReadonlyArray<string>> = [["accept"], ["assign", "--lead-unit", justice, "--responsible-person", "李娟"], ["start-mediation", "--channel", "people-mediation"], ["resolve", "--outcome", "agreement"]];
    let last: { version: number; status: string } = { version: 0, status: "" };
    for (const [name, ...flags] of steps) last = json(await run(dir, [...J, "transition", id, name!, ...flags]));
    expect(last.status).toBe("resolved");
    const stale = await run(dir, ["--lang", "en", "--today", TODAY, "transition", id, "close", "--if-version", String(last.version - 1)]);
    expect(stale).toMatchObject({ code: ExitCode.refused, stdout: "" });
    expect(stale.stderr).toMatch(/changed since it was read/);
    expect(stale.stderr).not.toMatch(/\n\s+at /);
    const after = json<Listed>(await run(dir, [...J, "list", "--limit", "100"])).items.find((d) => d.id === id)!;
    expect(after).toMatchObject({ version: last.version, status: "resolved" });
  });

  it("report: Markdown carrying the ledger's own totals", async () => {
    const own = json<{ for: string; report: { totals: { cumulative: number; openAtEnd: number } } }>(await run(dir, [...J, "report", "--month", "2025-01", "--format", "json"]));
    expect(own.for).toBe("own");
    const md = await run(dir, ["--lang", "en", "--today", TODAY, "report", "--month", "2025-01"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(new RegExp(`\\| Total \\| \\d+ \\| ${own.report.totals.cumulative} \\|`));
  });

  it("report --format xlsx: a workbook of several sheets, written whole where --out says", async () => {
    const x = json<{ file: string }>(await run(dir, [...J, "report", "--month", "2025-01", "--format", "xlsx", "--out", "out/jan.xlsx"]));
    expect(x.file).toBe(join(dir, "out", "jan.xlsx"));
    const sheets = new Set<string>();
    for await (const record of readXlsx(await readFile(x.file), { sheets: "all" })) sheets.add(record.sheet ?? "");
    expect(sheets.size).toBeGreaterThan(1);
  });

  it("export needs a purpose, and writes the dispute ledger whole", async () => {
    const missing = await run(dir, ["--lang", "en", "--today", TODAY, "export", "disputes", "--format", "csv"]);
    expect(missing.code).toBe(ExitCode.usage);
    const r = json<{ file: string }>(await run(dir, [...J, "export", "disputes", "--format", "csv", "--purpose", "核对", "--out", "d.csv"]));
    const lines = (await readFile(r.file, "utf8")).trim().split(/\r?\n/);
    expect(lines.length).toBe(town.disputes.length + 1);
  });

  it("audit: a checkpoint written outside the database verifies, and an edited checkpoint does not (exit 1)", async () => {
    const cp = json<{ file: string; publicKey: string }>(await run(dir, [...J, "audit", "checkpoint", "--out", "cp/checkpoint.txt"]));
    const verified = json<{ ok: boolean }>(await run(dir, [...J, "--as", "zx-0004", "audit", "verify", "--checkpoint", cp.file]));
    expect(verified.ok).toBe(true);
    const text = await readFile(cp.file, "utf8");
    await writeFile(join(dir, "cp", "edited.txt"), text.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10)));
    const edited = await run(dir, ["--lang", "en", "--today", TODAY, "--as", "zx-0004", "audit", "verify", "--checkpoint", "cp/edited.txt"]);
    expect(edited.code).toBe(ExitCode.refused);
    expect(edited.stdout).toMatch(/do NOT verify/);
  });

  it("purge --dry-run lists and changes nothing; bundle hands the records to a second ledger, which verifies them whole", async () => {
    const preview = json<{ dryRun: boolean; erased: ReadonlyArray<string> }>(await run(dir, [...J, "purge", "--dry-run"]));
    expect(preview.dryRun).toBe(true);
    const b = json<{ file: string; disputes: number }>(await run(dir, [...J, "bundle", "--out", "bundle.json", "--purpose", "报县"]));
    expect(b.disputes).toBe(town.disputes.length);
    const second = await newLedgerDir();
    try {
      await writeFile(join(second.dir, "sender.pem"), JSON.parse(await readFile(join(dir, "tiaojie.keys.json"), "utf8")).checkpointPublicKey);
      const got = json<{ registered: number }>(await run(second.dir, [...J, "receive", b.file, "--public-key", "sender.pem"]));
      expect(got.registered).toBe(town.disputes.length);
      const bad = await run(second.dir, ["--lang", "en", "--today", TODAY, "receive", b.file, "--public-key", "tiaojie.keys.json"]);
      expect(bad.code).not.toBe(0);
    } finally {
      await second.cleanup();
    }
  });
});
