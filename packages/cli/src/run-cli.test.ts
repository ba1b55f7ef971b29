import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderPolicyDocs, zixiPolicyConfig } from "@tiaojie/core";
import { describe, expect, it } from "vitest";
import { type CliIo, ExitCode, outputLang, runCli } from "./index.js";

const run = async (argv: ReadonlyArray<string>, env: CliIo["env"] = {}, cwd = process.cwd()) => {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd });
  return { code, stdout, stderr };
};

describe("tiaojie", () => {
  it("prints its help and version with exit code 0", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: tiaojie/);
    expect(help.stdout).toMatch(/docs/);
    const version = await run(["--version"]);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it("exits 2 on a usage error, and names a bad --lang in the output language, without a stack trace", async () => {
    expect((await run(["no-such-command"])).code).toBe(ExitCode.usage);
    const zh = await run(["docs", "--lang", "fr"], { LANG: "zh_CN.UTF-8" });
    expect(zh).toMatchObject({ code: ExitCode.usage, stderr: "--lang 只能是 zh 或 en，而不是“fr”\n" });
    const en = await run(["docs", "--lang", "fr"], { LANG: "en_US.UTF-8" });
    expect(en.stderr).toBe('--lang must be zh or en, not "fr"\n');
  });

  it("takes the language from the locale unless told", () => {
    expect(outputLang(undefined, { LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(outputLang(undefined, { LC_ALL: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(outputLang(undefined, {})).toBe("en");
    expect(outputLang("zh", { LANG: "en_US" })).toBe("zh");
  });

  it("docs: writes the policy documents of the configuration, the same as renderPolicyDocs, and lists them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tiaojie-cli-"));
    try {
      const r = await run(["--lang", "zh", "docs", "--out", "policy"], {}, dir);
      expect(r.code).toBe(0);
      const expected = renderPolicyDocs(zixiPolicyConfig, "zh");
      expect((await readdir(join(dir, "policy"))).sort()).toEqual(expected.map((d) => d.file).sort());
      for (const d of expected) expect(await readFile(join(dir, "policy", d.file), "utf8")).toBe(d.markdown);
      expect(r.stdout.trim().split("\n")).toHaveLength(expected.length);
      const json = await run(["--json", "--lang", "en", "docs"]);
      const listed = JSON.parse(json.stdout) as Array<{ file: string; title: string; markdown: string }>;
      expect(listed.map((d) => d.title)).toEqual(renderPolicyDocs(zixiPolicyConfig, "en").map((d) => d.title.en));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
