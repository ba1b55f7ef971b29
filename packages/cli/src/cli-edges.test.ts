import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "./index.js";
import { J, TODAY, newLedgerDir, run, smallTown, writeTownFiles } from "./test-support/cli-harness.js";

describe("tiaojie import", () => {
  const town = smallTown(8);
  let source = "";
  let target = "";
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    // An old ledger: the sample's disputes exported as CSV by one ledger, imported into another.
    const a = await newLedgerDir();
    const b = await newLedgerDir();
    cleanups.push(a.cleanup, b.cleanup);
    source = a.dir;
    target = b.dir;
    await writeTownFiles(source, town);
    await writeTownFiles(target, town);
    for (const dir of [source, target]) expect((await run(dir, [...J, "--as", "zx-0002", "add", "person", "persons.json"])).code).toBe(0);
    expect((await run(source, [...J, "add", "dispute", "disputes.json"])).code).toBe(0);
    expect((await run(source, [...J, "export", "disputes", "--format", "csv", "--purpose", "迁移", "--out", join(target, "old.csv")])).code).toBe(0);
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it("reports every bad row with its column, writes an error file beside the file, registers the good rows, and exits 1", async () => {
    const csv = (await readFile(join(target, "old.csv"), "utf8")).split("\n");
    const broken = csv.map((line, i) => (i === 2 ? line.replace(/\d{4}-\d{2}-\d{2}/, "2025-13-45") : line)).join("\n");
    await writeFile(join(target, "broken.csv"), broken);
    const r = await run(target, ["--lang", "en", "--today", TODAY, "import", "broken.csv"]);
    expect(r.code).toBe(ExitCode.refused);
    expect(r.stdout).toMatch(new RegExp(`${town.disputes.length} rows read: ${town.disputes.length - 1} registered, 0 already in the ledger, 1 rejected`));
    expect(r.stdout).toMatch(/row 3 \[/);
    expect(existsSync(join(target, "broken.errors.csv"))).toBe(true);
  });

  it("the corrected error file imports as it is; rows already in the ledger are not registered twice", async () => {
    const errors = await readFile(join(target, "broken.errors.csv"), "utf8");
    await writeFile(join(target, "fixed.csv"), errors.replace("2025-13-45", town.disputes[1]!.reportedOn));
    const fixed = await run(target, [...J, "import", "fixed.csv"]);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ registered: 1, rejected: 0 });
    const again = JSON.parse((await run(target, [...J, "import", "old.csv"])).stdout) as { registered: number; alreadyInLedger: number };
    expect(again).toMatchObject({ registered: 0, alreadyInLedger: town.disputes.length });
  });

  it("draws a progress bar only where the io has a terminal for it", async () => {
    const tty = new PassThrough();
    let drawn = "";
    tty.on("data", (c: Buffer) => (drawn += c.toString()));
    const fresh = await newLedgerDir();
    cleanups.push(fresh.cleanup);
    await writeTownFiles(fresh.dir, town);
    expect((await run(fresh.dir, [...J, "--as", "zx-0002", "add", "person", "persons.json"])).code).toBe(0);
    const withBar = await run(fresh.dir, ["--lang", "en", "--today", TODAY, "import", join(target, "old.csv")], {}, { progress: tty });
    expect(withBar.code).toBe(0);
    expect(drawn).toMatch(new RegExp(`import \\[.*\\] ${town.disputes.length}/${town.disputes.length}`));
    const piped = await run(target, ["--lang", "en", "--today", TODAY, "import", "old.csv"]);
    expect(piped.stderr).toBe("");
  });
});

describe("tiaojie errors", () => {
  let dir = "";
  let cleanup: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ dir, cleanup } = await newLedgerDir());
  });
  afterAll(() => cleanup());

  it("without a configuration: exit 3 and what to do, in the locale's language", async () => {
    const empty = await mkdtemp(join(tmpdir(), "tiaojie-cli-empty-"));
    try {
      const zh = await run(empty, ["list"], { LANG: "zh_CN.UTF-8" });
      expect(zh).toMatchObject({ code: ExitCode.config, stdout: "" });
      expect(zh.stderr).toMatch(/^找不到配置文件 .*请先运行 tiaojie init/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("an unknown officer, or none at all, is a configuration error naming the known ones", async () => {
    const r = await run(dir, ["--lang", "en", "--as", "zx-9999", "list"]);
    expect(r).toMatchObject({ code: ExitCode.config, stderr: expect.stringContaining('no officer "zx-9999" in the configuration (known: zx-0001') });
    const config = JSON.parse(await readFile(join(dir, "tiaojie.json"), "utf8")) as Record<string, unknown>;
    delete config.actor;
    await writeFile(join(dir, "no-actor.json"), JSON.stringify(config));
    const none = await run(dir, ["--lang", "en", "--config", "no-actor.json", "list"]);
    expect(none).toMatchObject({ code: ExitCode.config, stderr: expect.stringMatching(/^no acting officer: give --as/) });
  });

  it("a broken configuration names the field; a refused action says why (exit 1), without a stack trace", async () => {
    const config = JSON.parse(await readFile(join(dir, "tiaojie.json"), "utf8")) as { officers: Array<Record<string, unknown>> };
    config.officers[0]!.role = "mayor";
    await writeFile(join(dir, "bad.json"), JSON.stringify(config));
    const bad = await run(dir, ["--lang", "en", "--config", "bad.json", "list"]);
    expect(bad.code).toBe(ExitCode.config);
    expect(bad.stderr).toMatch(/officers\[0\]/);
    const refused = await run(dir, ["--lang", "en", "--as", "zx-0003", "purge"]);
    expect(refused.code).toBe(ExitCode.refused);
    expect(refused.stderr).toMatch(/refused: the actor's role may not do this/);
    for (const r of [bad, refused]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("bad flags are usage errors (exit 2)", async () => {
    expect((await run(dir, ["--lang", "en", "report", "--month", "2025-13"])).code).toBe(ExitCode.usage);
    expect((await run(dir, ["--lang", "en", "--today", "tomorrow", "list"])).code).toBe(ExitCode.usage);
    expect((await run(dir, ["--lang", "en", "list", "--limit", "-1"])).code).toBe(ExitCode.usage);
    expect((await run(dir, ["--lang", "en", "export", "people", "--format", "csv", "--purpose", "x"])).code).toBe(ExitCode.usage);
  });

  it("init that cannot reach its database leaves no configuration or key file behind", async () => {
    const empty = await mkdtemp(join(tmpdir(), "tiaojie-cli-init-"));
    try {
      const r = await run(empty, ["--lang", "en", "init", "--sample", "1", "--url", "postgres://nobody@127.0.0.1:9/none"]);
      expect(r.code).toBe(ExitCode.config);
      expect(r.stderr).toMatch(/^cannot open the ledger store \(postgres\)/);
      expect(await readdir(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("deadlines, tasks and hazards answer as of the given day", async () => {
    const d = JSON.parse((await run(dir, [...J, "deadlines", "--next", "3"])).stdout) as { asOf: string; deadlines: ReadonlyArray<{ due: string }> };
    expect(d.asOf).toBe(TODAY);
    expect(d.deadlines).toHaveLength(3);
    expect(d.deadlines.every((x) => x.due >= TODAY)).toBe(true);
    const t = JSON.parse((await run(dir, [...J, "tasks", "--due"])).stdout) as { asOf: string };
    expect(t.asOf).toBe(TODAY);
    expect(JSON.parse((await run(dir, [...J, "hazards", "--overdue"])).stdout)).toEqual([]);
  });
});

describe("tiaojie starts without the domain", () => {
  it("the built bin loads, before a command runs, no @tiaojie package, no database driver and no bundled domain chunk", async () => {
    const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
    const seen = new Set<string>();
    let bytes = 0;
    const load = async (file: string): Promise<ReadonlyArray<string>> => {
      if (seen.has(file)) return [];
      seen.add(file);
      const text = await readFile(join(dist, file), "utf8");
      bytes += text.length;
      const statics = [...text.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2] ?? "");
      const nested = await Promise.all(statics.filter((s) => s.startsWith("./")).map((s) => load(s.slice(2))));
      return [...statics, ...nested.flat()];
    };
    const imports = await load("bin.js");
    expect(imports).toContain("commander");
    expect(imports.filter((s) => s.startsWith("@tiaojie/") || /sqlite|^pg$|mysql|exceljs|^effect|^kysely/.test(s))).toEqual([]);
    // The bin bundles the domain into chunks loaded lazily: what loads at start is the frame alone.
    expect(bytes).toBeLessThan(100_000);
  });
});
