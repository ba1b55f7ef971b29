import { resolve } from "node:path";
import { type DateRange, type ExportDataset, type ExportNames, type Exporter, type LocalDate, exportLedger, monthlyReportMarkdown, zixi2025 } from "@tiaojie/core";
import { CliError, ExitCode } from "../cli-io.js";
import { writeWhole } from "../files.js";
import { type LedgerContext, orRefuse, refusal } from "../open-ledger.js";
import { printJson, say } from "../output.js";

/** The first and last day of a `YYYY-MM` month. */
export const monthPeriod = (month: string): DateRange => {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (m === null) throw new CliError({ zh: `--month 应是 YYYY-MM，而不是“${month}”`, en: `--month must be YYYY-MM, not "${month}"` }, ExitCode.usage);
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  return { from: `${month}-01` as LocalDate, to: `${month}-${String(last).padStart(2, "0")}` as LocalDate };
};

const formats = ["csv", "xlsx", "json", "ndjson"] as const;

/** The exporter of a format: each adapter is loaded only when it is used. */
export const exporterFor = async (format: string): Promise<Exporter> => {
  if (format === "csv") return (await import("@tiaojie/csv")).csvExporter();
  if (format === "xlsx") return (await import("@tiaojie/xlsx")).xlsxExporter();
  if (format === "json") return (await import("@tiaojie/json")).jsonExporter();
  if (format === "ndjson") return (await import("@tiaojie/json")).ndjsonExporter();
  throw new CliError({ zh: `格式应是 ${formats.join("、")} 之一，而不是“${format}”`, en: `the format must be one of ${formats.join(", ")}, not "${format}"` }, ExitCode.usage);
};

const audienceOf = (f: string | undefined): "own" | "county" | undefined => {
  if (f === undefined || f === "own" || f === "county") return f;
  throw new CliError({ zh: "--for 应是 own 或 county", en: "--for must be own or county" }, ExitCode.usage);
};

/** The names of the configuration's divisions and units, for reports and exports. */
const namesOf = (ctx: LedgerContext): ExportNames => ({ units: ctx.loaded.config.units, ...(ctx.loaded.config.divisions === undefined ? {} : { divisions: ctx.loaded.config.divisions }) });

/** Runs an export through the ledger (every read and the export itself audited with its purpose) into a file, whole or not at all. */
const exportTo = async (ctx: LedgerContext, exporter: Exporter, request: Parameters<typeof exportLedger>[3], out: string | undefined): Promise<{ file: string }> => {
  const made = await exportLedger(ctx.ledger, exporter, ctx.actor, request);
  if (!made.ok) throw refusal(made.error as Parameters<typeof refusal>[0]);
  const file = resolve(ctx.io.cwd, out ?? made.value.fileName);
  await writeWhole(file, made.value.bytes);
  return { file };
};

/** The options of `tiaojie report`. */
export interface ReportFlags {
  readonly month: string;
  readonly format?: string;
  readonly out?: string;
  readonly for?: string;
}

/**
 * `tiaojie report --month YYYY-MM`: the monthly report of the actor's scope, as
 * Markdown (to standard output or `--out`), JSON, or an XLSX workbook (a file;
 * `--out` names it). `--for county` gives the summary the county receives, small
 * counts withheld.
 */
export const reportCommand = async (ctx: LedgerContext, f: ReportFlags): Promise<number> => {
  const period = monthPeriod(f.month);
  const audience = audienceOf(f.for);
  const format = f.format ?? "md";
  if (format === "xlsx" || format === "csv") {
    const exporter = await exporterFor(format);
    const { file } = await exportTo(ctx, exporter, { dataset: "monthly-summary", purpose: "月度报表 / monthly report", period, lang: ctx.lang, names: namesOf(ctx), ...(audience === undefined ? {} : { for: audience }) }, f.out ?? `report-${f.month}.${format}`);
    if (ctx.json) printJson(ctx.io, { file });
    else say(ctx.io, ctx.lang, `${f.month} 月报表已写入 ${file}`, `the ${f.month} report is written to ${file}`);
    return ExitCode.ok;
  }
  if (format !== "md" && format !== "json") throw new CliError({ zh: "--format 应是 xlsx、csv、md 或 json", en: "--format must be xlsx, csv, md or json" }, ExitCode.usage);
  const r = orRefuse(await ctx.ledger.monthlyReport(ctx.actor, { period, ...(audience === undefined ? {} : { for: audience }) }));
  let text: string;
  if (format === "json") text = `${JSON.stringify(r, null, 2)}\n`;
  else if (r.for === "own") text = monthlyReportMarkdown(r.report, ctx.lang, { names: namesOf(ctx), ...(zixi2025.source === undefined ? {} : { source: zixi2025.source }) });
  else throw new CliError({ zh: "报县汇总请用 --format json 或 xlsx", en: "the county's summary is given as --format json or xlsx" }, ExitCode.usage);
  if (f.out === undefined) ctx.io.stdout(text);
  else {
    const file = resolve(ctx.io.cwd, f.out);
    await writeWhole(file, text);
    if (ctx.json) printJson(ctx.io, { file });
    else say(ctx.io, ctx.lang, `${f.month} 月报表已写入 ${file}`, `the ${f.month} report is written to ${file}`);
  }
  return ExitCode.ok;
};

/** The options of `tiaojie export`. */
export interface ExportFlags {
  readonly format: string;
  readonly purpose?: string;
  readonly out?: string;
  readonly month?: string;
  readonly within?: string;
  readonly open?: boolean;
  readonly for?: string;
}

const datasets: ReadonlyArray<ExportDataset> = ["disputes", "support-registry", "monthly-summary"];

/**
 * `tiaojie export <dataset>`: the dispute ledger, the support registry (as the
 * actor may see it, masked where the policy says) or a monthly summary, in CSV,
 * XLSX, JSON or NDJSON. A purpose is required: every read is audited with it.
 */
export const exportCommand = async (ctx: LedgerContext, dataset: string, f: ExportFlags): Promise<number> => {
  if (!(datasets as ReadonlyArray<string>).includes(dataset)) throw new CliError({ zh: `数据集应是 ${datasets.join("、")} 之一`, en: `the dataset must be one of ${datasets.join(", ")}` }, ExitCode.usage);
  if (f.purpose === undefined || f.purpose.trim() === "") throw new CliError({ zh: "导出须说明用途：--purpose <用途>", en: "an export needs its purpose: --purpose <why>" }, ExitCode.usage);
  const exporter = await exporterFor(f.format);
  const audience = audienceOf(f.for);
  const request = {
    dataset: dataset as ExportDataset,
    purpose: f.purpose,
    lang: ctx.lang,
    names: namesOf(ctx),
    ...(f.within === undefined ? {} : { within: f.within as Parameters<typeof exportLedger>[3]["within"] & string }),
    ...(dataset === "monthly-summary" ? { period: monthPeriod(f.month ?? "") } : f.month === undefined ? {} : { month: f.month }),
    ...(f.open === undefined ? {} : { open: f.open }),
    ...(audience === undefined ? {} : { for: audience }),
  } as Parameters<typeof exportLedger>[3];
  const { file } = await exportTo(ctx, exporter, request, f.out);
  if (ctx.json) printJson(ctx.io, { file });
  else say(ctx.io, ctx.lang, `已导出到 ${file}（用途已记入审计）`, `exported to ${file} (its purpose is in the audit trail)`);
  return ExitCode.ok;
};
