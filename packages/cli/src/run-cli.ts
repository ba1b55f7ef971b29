import { Command, CommanderError } from "commander";
import { CliError, type CliIo, ExitCode, outputLang } from "./cli-io.js";

/** The version printed by `--version`, set at build time from package.json. */
declare const __TIAOJIE_CLI_VERSION__: string;
const VERSION = typeof __TIAOJIE_CLI_VERSION__ === "string" ? __TIAOJIE_CLI_VERSION__ : "0.0.0";

const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
});

/**
 * Runs the `tiaojie` command with its arguments (without `node` and the script)
 * and resolves with its exit code. `--help`, `--version` and usage errors load
 * no domain code: each command's module is imported when it runs. Errors are
 * printed in the output language, without a stack trace.
 *
 * @example
 * ```ts
 * import { runCli } from "@tiaojie/cli";
 *
 * const code = await runCli(["docs", "--lang", "en", "--out", "policy"]);
 * ```
 * @since 0.6.0
 */
export const runCli = async (argv: ReadonlyArray<string>, io: CliIo = processIo()): Promise<number> => {
  let code: number = ExitCode.ok;
  const lang = (): "zh" | "en" => {
    const i = argv.indexOf("--lang");
    try {
      return outputLang(i >= 0 ? argv[i + 1] : undefined, io.env);
    } catch {
      return outputLang(undefined, io.env);
    }
  };
  const program = new Command()
    .name("tiaojie")
    .description("调解台账命令行 / the Tiaojie dispute-ledger command")
    .version(VERSION, "-v, --version")
    .option("--lang <lang>", "输出语言 zh|en（默认取自系统区域设置） / output language zh|en (default from the locale)")
    .option("--json", "机器可读的 JSON 输出 / machine-readable JSON output", false)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("docs")
    .description("按本台账的配置生成规则文档 / the policy documents of the ledger's configuration")
    .option("--out <dir>", "写入 Markdown 文件的目录 / directory to write the Markdown files to")
    .action(async (options: { readonly out?: string }) => {
      const globals = program.opts<{ lang?: string; json: boolean }>();
      const { docsCommand } = await import("./commands/docs.js");
      code = await docsCommand({ lang: outputLang(globals.lang, io.env), json: globals.json, ...(options.out === undefined ? {} : { out: options.out }) }, io);
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    if (e instanceof CliError) {
      io.stderr(`${lang() === "zh" ? e.text.zh : e.text.en}\n`);
      return e.exitCode;
    }
    io.stderr(`${lang() === "zh" ? "内部错误" : "internal error"}: ${e instanceof Error ? e.message : String(e)}\n`);
    return ExitCode.refused;
  }
};
