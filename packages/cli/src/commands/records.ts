import { extname, resolve } from "node:path";
import { type ImportResult, type LocalDate, createLedgerBundle, receiveLedgerBundle } from "@tiaojie/core";
import { CliError, ExitCode } from "../cli-io.js";
import { writeWhole } from "../files.js";
import { readInput, readJsonInput, wholeFlag } from "../input.js";
import { type LedgerContext, orRefuse, refusal } from "../open-ledger.js";
import { printJson, say } from "../output.js";
import { progressBar } from "../progress.js";

/** The options of `tiaojie import`. */
export interface ImportFlags {
  readonly atomic?: boolean;
  readonly division?: ReadonlyArray<string>;
  readonly ignoreUnknownColumns?: boolean;
  readonly batchSize?: string;
  readonly errors?: string;
}

const divisionsOf = (pairs: ReadonlyArray<string> | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const i = p.lastIndexOf("=");
    if (i <= 0) throw new CliError({ zh: `--division 应是 名称=区划代码，而不是“${p}”`, en: `--division must be name=code, not "${p}"` }, ExitCode.usage);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
};

/**
 * `tiaojie import <file>`: an old ledger in CSV or XLSX into this one, with a
 * progress bar on a terminal. Every bad row is reported with its problems, and
 * an error file (the rejected rows with an 错误 column) is written beside the
 * file, to import as it is once corrected. Rows already in the ledger are not
 * registered twice. Exit 1 when any row was rejected.
 */
export const importCommand = async (ctx: LedgerContext, file: string, f: ImportFlags): Promise<number> => {
  const ext = extname(file).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") throw new CliError({ zh: "只能导入 .csv 或 .xlsx 文件", en: "only .csv and .xlsx files are imported" }, ExitCode.usage);
  const read = await readInput(ctx.io, file);
  const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
  const bar = progressBar(ctx.io, ctx.lang === "zh" ? "导入" : "import");
  const batchSize = wholeFlag("--batch-size", f.batchSize);
  const options = {
    divisions: divisionsOf(f.division),
    ...(f.atomic === true ? { atomic: true } : {}),
    ...(f.ignoreUnknownColumns === true ? { unknownColumns: "ignore" as const } : {}),
    ...(batchSize === undefined ? {} : { batchSize }),
    onProgress: (done: number, total: number) => bar.update(done, total),
  };
  let result: ImportResult;
  let errorFile: AsyncIterable<Uint8Array> | undefined;
  try {
    if (ext === ".csv") {
      const csv = await import("@tiaojie/csv");
      result = orRefuse(await csv.importCsv(ctx.ledger, ctx.actor, [bytes], options));
      if (result.rejected.length > 0) errorFile = csv.csvErrorFile(result);
    } else {
      const xlsx = await import("@tiaojie/xlsx");
      result = orRefuse(await xlsx.importXlsx(ctx.ledger, ctx.actor, bytes, options));
      if (result.rejected.length > 0) errorFile = xlsx.xlsxErrorFile(result);
    }
  } finally {
    bar.stop();
  }
  const errorsAt = errorFile === undefined ? undefined : resolve(ctx.io.cwd, f.errors ?? `${file.slice(0, file.length - ext.length)}.errors${ext}`);
  if (errorsAt !== undefined && errorFile !== undefined) await writeWhole(errorsAt, errorFile);
  const summary = { rows: result.rows, registered: result.registered, alreadyInLedger: result.alreadyInLedger, rejected: result.rejected.length, refusedWhole: result.refusedWhole, ...(errorsAt === undefined ? {} : { errorFile: errorsAt }) };
  if (ctx.json) printJson(ctx.io, { ...summary, problems: result.rejected.map((r) => ({ sheet: r.sheet, row: r.row, problems: r.problems })) });
  else {
    const L = ctx.lang;
    say(ctx.io, L, `读取 ${result.rows} 行：登记 ${result.registered}，已在台账 ${result.alreadyInLedger}，退回 ${result.rejected.length}${result.refusedWhole ? "（整批未登记）" : ""}`, `${result.rows} rows read: ${result.registered} registered, ${result.alreadyInLedger} already in the ledger, ${result.rejected.length} rejected${result.refusedWhole ? " (none registered: atomic)" : ""}`);
    for (const r of result.rejected.slice(0, 20)) {
      for (const p of r.problems) ctx.io.stdout(`  ${r.sheet === undefined ? "" : `${r.sheet} `}${L === "zh" ? `第 ${r.row} 行` : `row ${r.row}`}${p.column === undefined ? "" : ` [${p.column}]`}: ${p[L]}\n`);
    }
    if (result.rejected.length > 20) say(ctx.io, L, `……另有 ${result.rejected.length - 20} 行`, `… and ${result.rejected.length - 20} more rows`);
    if (errorsAt !== undefined) say(ctx.io, L, `错误文件（改正后可直接再导入）：${errorsAt}`, `error file (import it again once corrected): ${errorsAt}`);
  }
  return result.rejected.length === 0 ? ExitCode.ok : ExitCode.refused;
};

/** `tiaojie bundle`: the records of a division with their audit trail and a signed checkpoint, to hand to the level above. */
export const bundleCommand = async (ctx: LedgerContext, f: { readonly out: string; readonly purpose?: string; readonly within?: string }): Promise<number> => {
  if (f.purpose === undefined) throw new CliError({ zh: "报送须说明用途：--purpose <用途>", en: "a bundle needs its purpose: --purpose <why>" }, ExitCode.usage);
  const bundle = orRefuse(await createLedgerBundle(ctx.ledger, ctx.actor, { purpose: f.purpose, ...(f.within === undefined ? {} : { within: f.within as Parameters<typeof createLedgerBundle>[2]["within"] & string }) }));
  const file = resolve(ctx.io.cwd, f.out);
  await writeWhole(file, `${JSON.stringify(bundle)}\n`);
  if (ctx.json) printJson(ctx.io, { file, persons: bundle.records.persons.length, disputes: bundle.records.disputes.length, digest: bundle.digest });
  else say(ctx.io, ctx.lang, `报送包已写入 ${file}：人员 ${bundle.records.persons.length}，纠纷 ${bundle.records.disputes.length}；核验需要本台账的检查点公钥`, `bundle written to ${file}: ${bundle.records.persons.length} persons, ${bundle.records.disputes.length} disputes; verifying it needs this ledger's checkpoint public key`);
  return ExitCode.ok;
};

/** `tiaojie receive <file> --public-key <pem>`: verifies a bundle whole (checkpoint, chains, digest) and registers what is new. */
export const receiveCommand = async (ctx: LedgerContext, file: string, f: { readonly publicKey?: string; readonly purpose?: string }): Promise<number> => {
  if (f.publicKey === undefined) throw new CliError({ zh: "请用 --public-key 给出发送方检查点公钥（PEM 文件）", en: "give the sender's checkpoint public key with --public-key (a PEM file)" }, ExitCode.usage);
  const publicKey = (await readInput(ctx.io, f.publicKey)).toString("utf8");
  const value = await readJsonInput(ctx.io, file);
  const r = await receiveLedgerBundle(ctx.ledger, ctx.actor, value, { publicKey, ...(f.purpose === undefined ? {} : { purpose: f.purpose }) });
  if (!r.ok) throw refusal(r.error);
  if (ctx.json) printJson(ctx.io, { registered: r.value.registered, alreadyInLedger: r.value.alreadyInLedger });
  else say(ctx.io, ctx.lang, `报送包核验通过：新登记 ${r.value.registered}，已在台账 ${r.value.alreadyInLedger}`, `the bundle verifies: ${r.value.registered} registered, ${r.value.alreadyInLedger} already in the ledger`);
  return ExitCode.ok;
};

/**
 * `tiaojie audit verify [--checkpoint file]`: the audit chains in the actor's
 * scope verified from the stored events, and against a checkpoint kept outside
 * the database when given (with this ledger's public key, or `--public-key`).
 * Exit 1 when anything fails.
 */
export const auditVerifyCommand = async (ctx: LedgerContext, f: { readonly checkpoint?: string; readonly publicKey?: string }): Promise<number> => {
  const checkpoint = f.checkpoint === undefined ? undefined : (await readInput(ctx.io, f.checkpoint)).toString("utf8");
  const publicKey = f.publicKey === undefined ? ctx.checkpointPublicKey : (await readInput(ctx.io, f.publicKey)).toString("utf8");
  const v = orRefuse(await ctx.ledger.verifyAudit(ctx.actor, checkpoint === undefined ? {} : { checkpoint, publicKey }));
  if (ctx.json) printJson(ctx.io, v);
  else {
    const L = ctx.lang;
    for (const c of v.chains) ctx.io.stdout(`${c.ok ? "✓" : "✗"} ${c.chain}: ${c.size}${c.problem === undefined ? "" : ` — ${c.problem[L]}`}\n`);
    if (v.checkpoint !== undefined) ctx.io.stdout(`✗ ${v.checkpoint[L]}\n`);
    for (const p of v.againstCheckpoint) ctx.io.stdout(`✗ ${p.chain}: ${p[L]}\n`);
    say(ctx.io, L, v.ok ? "审计链核验通过" : "审计链核验未通过", v.ok ? "the audit chains verify" : "the audit chains do NOT verify");
  }
  return v.ok ? ExitCode.ok : ExitCode.refused;
};

/** `tiaojie audit checkpoint [--out file]`: a signed checkpoint of the audit chains' heads, to keep outside the database. */
export const auditCheckpointCommand = async (ctx: LedgerContext, f: { readonly out?: string }): Promise<number> => {
  const text = orRefuse(await ctx.ledger.auditCheckpoint(ctx.actor));
  if (f.out === undefined) {
    ctx.io.stdout(ctx.json ? `${JSON.stringify({ checkpoint: text, publicKey: ctx.checkpointPublicKey })}\n` : text);
    return ExitCode.ok;
  }
  const file = resolve(ctx.io.cwd, f.out);
  await writeWhole(file, text);
  await writeWhole(`${file}.pub`, ctx.checkpointPublicKey);
  if (ctx.json) printJson(ctx.io, { file, publicKey: `${file}.pub` });
  else say(ctx.io, ctx.lang, `检查点已写入 ${file}，公钥 ${file}.pub（请保存在数据库之外）`, `checkpoint written to ${file}, its public key to ${file}.pub (keep them outside the database)`);
  return ExitCode.ok;
};

/** What the purge's reclaim did, as `--json` prints it: the store's report, or why it failed. */
type ReclaimOutput = import("@tiaojie/store-kysely").ReclaimReport | { readonly complete: false; readonly error: { readonly kind: string; readonly zh: string; readonly en: string } };

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** The reclaim's lines in the output language: what was rewritten, each step, and what is left to do. */
const sayReclaim = (ctx: LedgerContext, reclaim: ReclaimOutput): void => {
  const L = ctx.lang;
  if ("error" in reclaim) {
    ctx.io.stderr(
      `${L === "zh" ? `删除已提交，但未能清除数据库文件中已删除数据的旧副本：${reclaim.error.zh}` : `the erasure is committed, but the old copies of the erased data could not be cleared from the database files: ${reclaim.error.en}`}\n`,
    );
    return;
  }
  if (reclaim.skipped !== undefined) {
    say(ctx.io, L, `无需清除旧副本：${reclaim.skipped.zh}`, `no old copies to clear: ${reclaim.skipped.en}`);
    return;
  }
  const what =
    reclaim.sqlite === undefined
      ? { zh: `已重建 ${reclaim.tables.join("、")}`, en: `rebuilt ${reclaim.tables.join(", ")}` }
      : {
          zh: `文件 ${kib(reclaim.sqlite.before.file)} → ${kib(reclaim.sqlite.after.file)}，预写日志 ${kib(reclaim.sqlite.before.wal)} → ${kib(reclaim.sqlite.after.wal)}`,
          en: `file ${kib(reclaim.sqlite.before.file)} → ${kib(reclaim.sqlite.after.file)}, WAL ${kib(reclaim.sqlite.before.wal)} → ${kib(reclaim.sqlite.after.wal)}`,
        };
  say(
    ctx.io,
    L,
    `${reclaim.complete ? "已清除" : "未能全部清除"}数据库文件中已删除数据的旧副本（${reclaim.dialect}）：${what.zh}`,
    `${reclaim.complete ? "old copies of the erased data cleared" : "old copies of the erased data NOT all cleared"} from the database files (${reclaim.dialect}): ${what.en}`,
  );
  for (const step of reclaim.steps) ctx.io.stdout(`  ${step.done ? "✓" : "✗"} ${step.statement}${step.note === undefined ? "" : ` — ${step.note[L]}`}\n`);
};

/**
 * `tiaojie purge [--dry-run] [--as-of day]`: erases the personal data whose
 * retention has ended; `--dry-run` only lists who would be erased. After a real
 * purge that erased someone, the database is made to rewrite the files that
 * still hold the erased rows' old versions (`reclaimErasedSpace`: SQLite's
 * checkpoint and VACUUM, PostgreSQL's VACUUM FULL, MySQL's OPTIMIZE TABLE), and
 * what it did is printed (`reclaim` in `--json`). Exit 1 when that failed: the
 * erasure itself is committed.
 */
export const purgeCommand = async (ctx: LedgerContext, f: { readonly dryRun?: boolean; readonly asOf?: string }): Promise<number> => {
  const r = orRefuse(await ctx.ledger.purgeExpired(ctx.actor, { ...(f.dryRun === true ? { dryRun: true } : {}), ...(f.asOf === undefined ? {} : { asOf: f.asOf as LocalDate }) }));
  let reclaim: ReclaimOutput | undefined;
  if (!r.dryRun && r.erased.length > 0) {
    const { reclaimErasedSpace } = await import("@tiaojie/store-kysely");
    const done = await reclaimErasedSpace(ctx.store);
    reclaim = done.ok ? done.value : { complete: false, error: { kind: done.error.kind, ...done.error.text } };
  }
  if (ctx.json) printJson(ctx.io, reclaim === undefined ? r : { ...r, reclaim });
  else {
    const L = ctx.lang;
    if (r.dryRun) say(ctx.io, L, `试运行（未作任何改动），按 ${r.asOf} 与保存期限 ${r.policy}，将删除 ${r.erased.length} 人的个人信息：`, `dry run (nothing changed): as of ${r.asOf} under retention policy ${r.policy}, ${r.erased.length} persons' data would be erased:`);
    else say(ctx.io, L, `按 ${r.asOf} 与保存期限 ${r.policy}，已删除 ${r.erased.length} 人的个人信息：`, `as of ${r.asOf} under retention policy ${r.policy}, ${r.erased.length} persons' data erased:`);
    for (const id of r.erased) ctx.io.stdout(`  ${id}\n`);
    if (reclaim !== undefined) sayReclaim(ctx, reclaim);
  }
  return reclaim !== undefined && "error" in reclaim ? ExitCode.refused : ExitCode.ok;
};
