import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  type Actor,
  type CampaignStage,
  type DisputeView,
  type ExportNames,
  type KeyProvider,
  type Ledger,
  type LocalDate,
  type MonthlyReport,
  type ResolutionPriority,
  type RiskLevel,
  type TasksDue,
  campaignStart,
  createLedger,
  deadlineByKey,
  exportLedger,
  fixedClock,
  generateDevelopmentKeys,
  localDateOrThrow,
  monthlyReportMarkdown,
  phaseOn,
  reportingPeriodOf,
  shanghaiStartOf,
  zixi2025,
} from "@tiaojie/core";
import { type SampleTown, sampleOfficers } from "@tiaojie/core/testing";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import { sqliteStore } from "@tiaojie/store-kysely";
import { xlsxExporter } from "@tiaojie/xlsx";
import { type CampaignPlay, playCampaign } from "./campaign-play.js";

const HOUR = 3_600_000;

/** The files the demo writes, as absolute paths. */
export interface DemoFiles {
  /** The ledger, a SQLite file (`@tiaojie/store-kysely`), made anew on every run. */
  readonly ledger: string;
  /** The month's report as a workbook (the `monthly-summary` dataset, `@tiaojie/xlsx`). */
  readonly xlsx: string;
  /** The month's report as Markdown, in Chinese and in English. */
  readonly markdown: { readonly zh: string; readonly en: string };
  /** The signed audit checkpoint, to keep outside the database. */
  readonly checkpoint: string;
  /** The public key the checkpoint verifies with (SPKI PEM). */
  readonly publicKey: string;
}

/** What the demo found: everything its summary prints. */
export interface LedgerFileDemo {
  readonly town: SampleTown;
  readonly files: DemoFiles;
  readonly play: CampaignPlay;
  /** The last day played: the ledger's "today" for the reports and tasks below. */
  readonly today: LocalDate;
  readonly stage: CampaignStage;
  /** The disputes in the ledger by their grade now (confirmed, or the rules' recommendation while it waits). */
  readonly byLevel: Readonly<Record<RiskLevel, number>>;
  readonly byPriority: Readonly<Record<ResolutionPriority, number>>;
  /** Disputes whose grade waits for an officer's confirmation. */
  readonly toConfirm: number;
  /** The month's report (the one written to the files). */
  readonly report: MonthlyReport;
  /** The report of the campaign so far (first day to today): the overdue submissions and time limits as of today. */
  readonly soFar: MonthlyReport;
  /** The tasks due today, help first, as the coordinator sees them. */
  readonly tasks: TasksDue;
  /** The audit chains verify against the checkpoint and key read back from the files. */
  readonly verified: boolean;
  /** …and fail to with one byte of the checkpoint changed. */
  readonly tamperedVerified: boolean;
  /** The ledger file opened again by a new store: its disputes, and whether they count as before. */
  readonly reopened: { readonly disputes: number; readonly sameCounts: boolean };
}

/** How to run the demo. */
export interface LedgerFileDemoOptions {
  readonly town: SampleTown;
  /** The directory the files are written to (made when absent). */
  readonly outDir: string;
  /**
   * The last day played.
   * @default "2025-01-31", the last day of the campaign's first phase
   */
  readonly until?: LocalDate;
  /**
   * The deadline whose reporting period the written report covers.
   * @default "monthly-update@2025-01-28", January 2025's cumulative update
   */
  readonly reportDeadline?: string;
  /**
   * The keys. Development keys by default: made for this run and kept only in
   * its memory, so the personal data sealed in the file cannot be opened after it.
   * @default generateDevelopmentKeys({ keyName: "tiaojie-demo" })
   */
  readonly keys?: { readonly keys: KeyProvider; readonly checkpointPublicKey: string };
}

/** Every dispute of the ledger in the actor's scope, page by page. */
const allDisputes = async (ledger: Ledger, actor: Actor): Promise<ReadonlyArray<DisputeView>> => {
  const items: Array<DisputeView> = [];
  let cursor: string | undefined;
  do {
    const page = await ledger.listDisputes(actor, { limit: 500, ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) throw new Error(page.error.message);
    items.push(...page.value.items);
    cursor = page.value.cursor;
  } while (cursor !== undefined);
  return items;
};

const countBy = <K extends string>(keys: ReadonlyArray<K>, values: ReadonlyArray<K>): Record<K, number> => {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) counts[v] += 1;
  return counts;
};

const LEVELS: ReadonlyArray<RiskLevel> = ["red", "orange", "yellow", "blue"];
const PRIORITIES: ReadonlyArray<ResolutionPriority> = ["urgent", "high", "normal"];

/** The value of a use case's result, or an error with the ledger's message (the demo's own data never give one). */
const must = <A>(what: string, r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: { readonly message: string } }): A => {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
};

/** The report of a period, the township's own. */
const ownReport = async (ledger: Ledger, actor: Actor, period: MonthlyReport["period"]): Promise<MonthlyReport> => {
  const r = must("monthlyReport", await ledger.monthlyReport(actor, { period }));
  if (r.for !== "own") throw new Error("monthlyReport: expected the township's own report");
  return r.report;
};

/** The checkpoint's text with one byte changed (its lowest bit flipped). */
export const withByteChanged = (text: string, index: number): string => {
  const bytes = Buffer.from(text, "utf8");
  bytes[index] = bytes[index]! ^ 1;
  return bytes.toString("utf8");
};

/**
 * The demo's main job, through the public API only: a fresh SQLite ledger file
 * (the old one removed first), the town loaded through the ledger and the
 * campaign's months played on it ({@link playCampaign}), the month's report
 * written as XLSX (through `exportLedger`) and as Markdown in both languages,
 * a signed audit checkpoint and its public key written beside it, the audit
 * chains verified against what was read back from those files (and refused with
 * one byte changed), and the file opened again by a new store to count its
 * disputes once more.
 *
 * @example
 * ```ts
 * const demo = await runLedgerFileDemo({ town: sampleTown(2024), outDir: "out" });
 * demo.files.xlsx; // ".../out/monthly-report-2025-01.xlsx"
 * ```
 */
export const runLedgerFileDemo = async (options: LedgerFileDemoOptions): Promise<LedgerFileDemo> => {
  const { town, outDir } = options;
  const today = options.until ?? localDateOrThrow("2025-01-31");
  const deadline = deadlineByKey(zixi2025, options.reportDeadline ?? "monthly-update@2025-01-28");
  if (deadline === undefined) throw new Error(`zixi2025 has no deadline ${options.reportDeadline}`);
  const period = reportingPeriodOf(zixi2025, deadline);
  const month = period.to.slice(0, 7);
  mkdirSync(outDir, { recursive: true });
  const files: DemoFiles = {
    ledger: join(outDir, "ledger.sqlite"),
    xlsx: join(outDir, `monthly-report-${month}.xlsx`),
    markdown: { zh: join(outDir, `monthly-report-${month}.zh.md`), en: join(outDir, `monthly-report-${month}.en.md`) },
    checkpoint: join(outDir, "audit-checkpoint.txt"),
    publicKey: join(outDir, "audit-checkpoint.pub.pem"),
  };
  // A fresh ledger on every run: the old file and its write-ahead log go first.
  for (const suffix of ["", "-wal", "-shm"]) rmSync(files.ledger + suffix, { force: true });

  const { keys, checkpointPublicKey } = options.keys ?? generateDevelopmentKeys({ keyName: "tiaojie-demo" });
  const calendar = chinaCalendar();
  const config = { campaign: zixi2025, checkpointOrigin: `tiaojie.ledger/${town.township.code}` };
  const clock = fixedClock(shanghaiStartOf(campaignStart(zixi2025)) + 7 * HOUR);
  const store = await sqliteStore({ file: files.ledger });
  const ledger = createLedger({ store, units: town.units, keys, calendar, clock, config });
  const officers = sampleOfficers(town);
  const { coordinator, auditor } = officers;
  const names: ExportNames = {
    divisions: Object.fromEntries([[town.township.code, town.township.name], ...town.villages.map((v) => [v.code, v.name])]),
    units: town.units,
  };

  let result: Omit<LedgerFileDemo, "reopened">;
  try {
    const play = await playCampaign(ledger, clock, town, officers, today);
    clock.set(Math.max(clock.now() + 1, shanghaiStartOf(today) + 18 * HOUR));

    const report = await ownReport(ledger, coordinator, period);
    const soFar = await ownReport(ledger, coordinator, { from: campaignStart(zixi2025), to: today });
    const exported = must("exportLedger", await exportLedger(ledger, xlsxExporter(), coordinator, { dataset: "monthly-summary", period, purpose: "月度台账报表", names }));
    await pipeline(Readable.from(exported.bytes), createWriteStream(files.xlsx));
    for (const lang of ["zh", "en"] as const) writeFileSync(files.markdown[lang], monthlyReportMarkdown(report, lang, { names, ...(zixi2025.source === undefined ? {} : { source: zixi2025.source }) }));

    const disputes = await allDisputes(ledger, coordinator);
    const tasks = must("tasksDue", await ledger.tasksDue(coordinator, { asOf: today }));

    writeFileSync(files.checkpoint, must("auditCheckpoint", await ledger.auditCheckpoint(coordinator)));
    writeFileSync(files.publicKey, checkpointPublicKey);
    const checkpoint = readFileSync(files.checkpoint, "utf8");
    const publicKey = readFileSync(files.publicKey, "utf8");
    const verified = must("verifyAudit", await ledger.verifyAudit(auditor, { checkpoint, publicKey })).ok;
    const tampered = withByteChanged(checkpoint, Math.floor(checkpoint.length / 2));
    const tamperedVerified = must("verifyAudit", await ledger.verifyAudit(auditor, { checkpoint: tampered, publicKey })).ok;

    result = {
      town,
      files,
      play,
      today,
      stage: phaseOn(zixi2025, today),
      byLevel: countBy(LEVELS, disputes.map((d) => d.level)),
      byPriority: countBy(PRIORITIES, disputes.map((d) => d.priority)),
      toConfirm: disputes.filter((d) => !d.gradeConfirmed).length,
      report,
      soFar,
      tasks,
      verified,
      tamperedVerified,
    };
  } finally {
    await ledger.close();
  }

  // The file alone, opened again: the same disputes, by the same grades.
  const again = createLedger({ store: await sqliteStore({ file: files.ledger }), units: town.units, keys, calendar, clock, config });
  try {
    const disputes = await allDisputes(again, coordinator);
    const byLevel = countBy(LEVELS, disputes.map((d) => d.level));
    return { ...result, reopened: { disputes: disputes.length, sameCounts: LEVELS.every((l) => byLevel[l] === result.byLevel[l]) } };
  } finally {
    await again.close();
  }
};
