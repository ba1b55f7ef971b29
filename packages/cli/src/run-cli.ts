import { Command, CommanderError, Option } from "commander";
import { CliError, type CliIo, ExitCode, outputLang } from "./cli-io.js";
import type { GlobalOptions, LedgerContext } from "./open-ledger.js";

/** The version printed by `--version`, set at build time from package.json. */
declare const __TIAOJIE_CLI_VERSION__: string;
const VERSION = typeof __TIAOJIE_CLI_VERSION__ === "string" ? __TIAOJIE_CLI_VERSION__ : "0.0.0";

const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stderr.isTTY === true ? { progress: process.stderr } : {}),
  stdin: process.stdin,
});

const collect = (value: string, previous: ReadonlyArray<string> = []): ReadonlyArray<string> => [...previous, value];

/** Both languages in one help line: the help is printed before the language is known. */
const h = (zh: string, en: string): string => `${zh} / ${en}`;

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
 * const code = await runCli(["list", "--level", "red", "--json"]);
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
    .option("--lang <lang>", h("输出语言 zh|en（默认取自系统区域设置）", "output language zh|en (default from the locale)"))
    .option("--json", h("机器可读的 JSON 输出", "machine-readable JSON output"), false)
    .option("--config <file>", h("配置文件（默认 $TIAOJIE_CONFIG 或 ./tiaojie.json）", "configuration file (default $TIAOJIE_CONFIG or ./tiaojie.json)"))
    .option("--as <officer>", h("操作人员编号（默认取自配置文件）", "the acting officer's id (default from the configuration)"))
    .option("--today <day>", h("以该日（北京时间 9:00）为今天，用于演练", "act as of this day (9:00 Beijing time), for rehearsals"))
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const globals = (): GlobalOptions => {
    const g = program.opts<{ lang?: string; json: boolean; config?: string; as?: string; today?: string }>();
    return {
      lang: outputLang(g.lang, io.env),
      json: g.json,
      ...(g.config === undefined ? {} : { config: g.config }),
      ...(g.as === undefined ? {} : { as: g.as }),
      ...(g.today === undefined ? {} : { today: g.today }),
    };
  };
  /** Runs a command on the open ledger; the modules load only now. */
  const onLedger = async (run: (ctx: LedgerContext) => Promise<number>): Promise<void> => {
    const { withLedger } = await import("./open-ledger.js");
    code = await withLedger(globals(), io, run);
  };

  program
    .command("init")
    .description(h("新建台账：SQLite 文件或 PostgreSQL/MySQL 地址，以及配置与密钥文件", "a new ledger: a SQLite file or a PostgreSQL/MySQL URL, with its configuration and key file"))
    .option("--sqlite <file>", h("SQLite 台账文件（默认 ledger.sqlite）", "the SQLite ledger file (default ledger.sqlite)"))
    .option("--url <url>", h("postgres://… 或 mysql://… 数据库地址", "a postgres://… or mysql://… database URL"))
    .option("--sample <seed>", h("使用 sampleTown(seed) 的单位与人员试用", "try it with the units and officers of sampleTown(seed)"))
    .option("--units <file>", h("单位名册 JSON", "the unit register, JSON"))
    .option("--officers <file>", h("人员 JSON（操作人员）", "the officers, JSON"))
    .option("--township <code>", h("乡镇区划代码", "the township's division code"))
    .option("--actor <officer>", h("默认操作人员", "the default acting officer"))
    .action(async (o: Record<string, string | undefined>) => {
      const g = globals();
      const { initCommand } = await import("./commands/init.js");
      const { configPath } = await import("./config.js");
      code = await initCommand({ lang: g.lang, json: g.json, config: configPath(g.config, io), ...defined(o) }, io);
    });

  program
    .command("import <file>")
    .description(h("导入 CSV/XLSX 旧台账，逐行报告错误并写出错误文件", "import an old ledger in CSV or XLSX; every bad row is reported and written to an error file"))
    .option("--atomic", h("有任何错误行则整批不登记", "register nothing when any row is bad"))
    .option("--division <name=code>", h("无区划代码列时，村名对应的区划代码（可重复）", "a village's code by name, for files without a code column (repeatable)"), collect)
    .option("--ignore-unknown-columns", h("忽略无法识别的列", "ignore columns matching no field"))
    .option("--batch-size <n>", h("每个事务登记的行数", "rows per transaction"))
    .option("--errors <file>", h("错误文件路径", "where to write the error file"))
    .action(async (file: string, o: Parameters<typeof import("./commands/records.js").importCommand>[2]) => {
      await onLedger(async (ctx) => (await import("./commands/records.js")).importCommand(ctx, file, o));
    });

  program
    .command("add <what> [file]")
    .description(h("登记纠纷（dispute）或人员（person）：JSON 文件（- 为标准输入）或参数", "register a dispute or a person: from a JSON file (- for standard input) or flags"))
    .option("--id <id>", h("纠纷编号", "the dispute's id"))
    .option("--jurisdiction <code>", h("发生地区划代码", "the division where it arose"))
    .option("--domain <domain>", h("纠纷领域", "the dispute's domain"))
    .option("--summary <text>", h("简要情况", "a short summary"))
    .option("--reported-on <day>", h("登记日期（默认今天）", "the day reported (default today)"))
    .option("--claimant <person>", h("申请方人员编号（可重复）", "a claimant's person id (repeatable)"), collect)
    .option("--respondent <person>", h("被申请方人员编号（可重复）", "a respondent's person id (repeatable)"), collect)
    .option("--people <n>", h("涉及人数", "people involved"))
    .option("--amount <yuan>", h("涉及金额（元）", "amount at stake (yuan)"))
    .option("--intensity <0-3>", h("情绪激烈程度", "emotional intensity"))
    .option("--failed-mediations <n>", h("调解未成次数", "failed mediations"))
    .option("--threat-of-violence", h("有暴力威胁", "a threat of violence"))
    .option("--self-harm-risk", h("有自伤风险", "a risk of self-harm"))
    .option("--violent-history", h("有暴力前科", "a history of violence"))
    .option("--vulnerable-party", h("当事人属困难群体", "a vulnerable party"))
    .option("--unpaid-land-compensation", h("重大项目征地补偿未落实", "unpaid land compensation of a major project"))
    .option("--idempotency-key <key>", h("重复提交时只返回首次结果", "a retry with the same key only replays the first result"))
    .action(async (what: string, file: string | undefined, o: Parameters<typeof import("./commands/disputes.js").addCommand>[3]) => {
      await onLedger(async (ctx) => (await import("./commands/disputes.js")).addCommand(ctx, what, file, o));
    });

  program
    .command("grade <id>")
    .description(h("纠纷的风险等级、优先级及其依据", "a dispute's grade, priority and why"))
    .action(async (id: string) => {
      await onLedger(async (ctx) => (await import("./commands/disputes.js")).gradeCommand(ctx, id));
    });

  program
    .command("list")
    .description(h("列出辖区内的纠纷（可筛选）", "the disputes in the actor's scope, filtered"))
    .option("--level <level>", h("风险等级 red|orange|yellow|blue（可重复）", "risk level red|orange|yellow|blue (repeatable)"), collect)
    .option("--priority <priority>", h("化解优先级（可重复）", "resolution priority (repeatable)"), collect)
    .option("--status <status>", h("案件状态（可重复）", "case status (repeatable)"), collect)
    .option("--domain <domain>", h("纠纷领域（可重复）", "dispute domain (repeatable)"), collect)
    .option("--within <code>", h("辖区内的村、乡镇", "a village or township within the scope"))
    .option("--month <YYYY-MM>", h("登记月份", "the month reported"))
    .option("--unit <unit>", h("牵头单位", "the lead unit"))
    .option("--limit <n>", h("每页条数（默认 50）", "per page (default 50)"))
    .option("--cursor <cursor>", h("下一页", "the next page"))
    .action(async (o: Parameters<typeof import("./commands/disputes.js").listCommand>[1]) => {
      await onLedger(async (ctx) => (await import("./commands/disputes.js")).listCommand(ctx, o));
    });

  program
    .command("transition <id> <name>")
    .description(h("案件流转一步：accept、assign、start-mediation、resolve、close……", "one lifecycle step: accept, assign, start-mediation, resolve, close…"))
    .option("--if-version <n>", h("读取时的版本（之后有改动则拒绝）", "the version you read (refused if it changed since)"))
    .option("--on <day>", h("发生日期（默认今天）", "the day (default today)"))
    .option("--fields <json>", h("流转信息 JSON", "the transition's fields as JSON"))
    .option("--lead-unit <unit>", h("牵头单位", "the lead unit"))
    .option("--responsible-person <name>", h("责任人", "the responsible person"))
    .option("--channel <channel>", h("化解途径", "the resolution channel"))
    .option("--outcome <outcome>", h("化解结果", "the outcome"))
    .option("--referred-to <target>", h("移交对象", "referred to"))
    .option("--escalated-to <kind>", h("上报单位类别", "escalated to"))
    .option("--reason <text>", h("理由", "the reason"))
    .option("--note <text>", h("备注", "a note"))
    .action(async (id: string, name: string, o: Parameters<typeof import("./commands/disputes.js").transitionCommand>[3]) => {
      await onLedger(async (ctx) => (await import("./commands/disputes.js")).transitionCommand(ctx, id, name, o));
    });

  program
    .command("tasks")
    .description(h("到期任务：帮扶优先，以及研判规则设定的任务", "tasks due: help first, and the tasks the grading rules set"))
    .addOption(new Option("--due [day]", h("截至该日（默认今天）", "as of this day (default today)")))
    .option("--horizon <days>", h("向后看的天数", "days to look ahead"))
    .action(async (o: { due?: string | boolean; horizon?: string }) => {
      await onLedger(async (ctx) => (await import("./commands/work.js")).tasksCommand(ctx, o));
    });

  program
    .command("hazards")
    .description(h("排查发现的隐患", "the hazards found in checks"))
    .option("--status <status>", h("open 或 fixed", "open or fixed"))
    .option("--overdue", h("只列逾期未整改的", "only those past their deadline"))
    .action(async (o: { status?: string; overdue?: boolean }) => {
      await onLedger(async (ctx) => (await import("./commands/work.js")).hazardsCommand(ctx, o));
    });

  program
    .command("report")
    .description(h("月度报表：Markdown、JSON、XLSX 或 CSV", "the monthly report: Markdown, JSON, XLSX or CSV"))
    .requiredOption("--month <YYYY-MM>", h("报表月份", "the month"))
    .option("--format <format>", h("md（默认）、json、xlsx、csv", "md (default), json, xlsx, csv"))
    .option("--out <file>", h("写入的文件", "the file to write"))
    .option("--for <audience>", h("own（本级，默认）或 county（报县，隐去小数字）", "own (default) or county (small counts withheld)"))
    .action(async (o: Parameters<typeof import("./commands/report.js").reportCommand>[1]) => {
      await onLedger(async (ctx) => (await import("./commands/report.js")).reportCommand(ctx, o));
    });

  program
    .command("export <dataset>")
    .description(h("导出 disputes、support-registry 或 monthly-summary", "export disputes, support-registry or monthly-summary"))
    .requiredOption("--format <format>", "csv | xlsx | json | ndjson")
    .requiredOption("--purpose <why>", h("用途（记入审计）", "why (recorded in the audit trail)"))
    .option("--out <file>", h("写入的文件", "the file to write"))
    .option("--month <YYYY-MM>", h("月份", "the month"))
    .option("--within <code>", h("辖区内的区划", "a division within the scope"))
    .option("--open", h("帮扶名册只导出在册的", "the support registry's open listings only"))
    .option("--for <audience>", h("own 或 county", "own or county"))
    .action(async (dataset: string, o: Parameters<typeof import("./commands/report.js").exportCommand>[2]) => {
      await onLedger(async (ctx) => (await import("./commands/report.js")).exportCommand(ctx, dataset, o));
    });

  program
    .command("bundle")
    .description(h("报送包：辖区记录、审计链与签名检查点", "a ledger bundle: the records, their audit trail and a signed checkpoint"))
    .requiredOption("--out <file>", h("写入的文件", "the file to write"))
    .requiredOption("--purpose <why>", h("用途", "why"))
    .option("--within <code>", h("辖区内的区划", "a division within the scope"))
    .action(async (o: { out: string; purpose?: string; within?: string }) => {
      await onLedger(async (ctx) => (await import("./commands/records.js")).bundleCommand(ctx, o));
    });

  program
    .command("receive <file>")
    .description(h("接收报送包：整体核验后登记新记录", "receive a ledger bundle: verified whole, then what is new registered"))
    .requiredOption("--public-key <file>", h("发送方检查点公钥（PEM）", "the sender's checkpoint public key (PEM)"))
    .option("--purpose <why>", h("用途", "why"))
    .action(async (file: string, o: { publicKey?: string; purpose?: string }) => {
      await onLedger(async (ctx) => (await import("./commands/records.js")).receiveCommand(ctx, file, o));
    });

  program
    .command("deadlines")
    .description(h("专项行动的阶段与报送期限", "the campaign's phase and its deadlines"))
    .option("--next <n>", h("接下来的若干项（默认 8）", "the next n (default 8)"))
    .option("--from <day>", h("起日", "from"))
    .option("--to <day>", h("止日", "to"))
    .action(async (o: { next?: string; from?: string; to?: string }) => {
      const g = globals();
      const { commandClock } = await import("./open-ledger.js");
      const { systemClock } = await import("@tiaojie/core");
      const today = (commandClock(g.today) ?? systemClock).today();
      code = (await import("./commands/work.js")).deadlinesCommand(io, g.lang, g.json, today, o);
    });

  const audit = program.command("audit").description(h("审计链：核验与检查点", "the audit trail: verify and checkpoint"));
  audit
    .command("verify")
    .description(h("核验审计链（可对照检查点）", "verify the audit chains (against a checkpoint when given)"))
    .option("--checkpoint <file>", h("保存在数据库之外的检查点", "a checkpoint kept outside the database"))
    .option("--public-key <file>", h("检查点公钥（默认本台账的）", "the checkpoint's public key (default this ledger's)"))
    .action(async (o: { checkpoint?: string; publicKey?: string }) => {
      await onLedger(async (ctx) => (await import("./commands/records.js")).auditVerifyCommand(ctx, o));
    });
  audit
    .command("checkpoint")
    .description(h("签名检查点", "a signed checkpoint"))
    .option("--out <file>", h("写入的文件（公钥写入 <file>.pub）", "the file to write (its public key to <file>.pub)"))
    .action(async (o: { out?: string }) => {
      await onLedger(async (ctx) => (await import("./commands/records.js")).auditCheckpointCommand(ctx, o));
    });

  program
    .command("purge")
    .description(h("删除保存期限已满的个人信息", "erase personal data whose retention has ended"))
    .option("--dry-run", h("只列出将删除的人员，不作改动", "only list who would be erased; change nothing"))
    .option("--as-of <day>", h("按该日计算（默认今天）", "as of this day (default today)"))
    .action(async (o: { dryRun?: boolean; asOf?: string }) => {
      await onLedger(async (ctx) => (await import("./commands/records.js")).purgeCommand(ctx, o));
    });

  program
    .command("docs")
    .description(h("按本台账的配置生成规则文档", "the policy documents of the ledger's configuration"))
    .option("--out <dir>", h("写入 Markdown 文件的目录", "directory to write the Markdown files to"))
    .action(async (options: { readonly out?: string }) => {
      const g = globals();
      const { docsCommand } = await import("./commands/docs.js");
      code = await docsCommand({ lang: g.lang, json: g.json, ...(options.out === undefined ? {} : { out: options.out }) }, io);
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

const defined = (o: Record<string, string | undefined>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
};
