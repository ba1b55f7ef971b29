import { readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { Actor, OfficerId, Unit } from "@tiaojie/core";
import type { SampleOfficers } from "@tiaojie/core/testing";
import { CliError, type CliIo, ExitCode } from "../cli-io.js";
import { type CliConfig, type StoreConfig, parseConfig } from "../config.js";
import { newKeyFile, writeKeyFile } from "../key-file.js";
import { openStore } from "../open-ledger.js";
import { say } from "../output.js";

/** What `tiaojie init` was asked. */
export interface InitOptions {
  readonly lang: "zh" | "en";
  readonly json: boolean;
  /** Where the configuration file goes (its directory also gets the key file). */
  readonly config: string;
  readonly sqlite?: string;
  readonly url?: string;
  /** Units and officers of `sampleTown(seed)`: to try the command out. */
  readonly sample?: string;
  readonly units?: string;
  readonly officers?: string;
  readonly township?: string;
  readonly actor?: string;
}

const storeOf = (o: InitOptions): StoreConfig => {
  if (o.sqlite !== undefined && o.url !== undefined) throw new CliError({ zh: "--sqlite 与 --url 只能选一个", en: "give --sqlite or --url, not both" }, ExitCode.usage);
  if (o.url === undefined) return { kind: "sqlite", file: o.sqlite ?? "ledger.sqlite" };
  if (/^postgres(ql)?:\/\//.test(o.url)) return { kind: "postgres", url: o.url };
  if (/^(mysql|mariadb):\/\//.test(o.url)) return { kind: "mysql", url: o.url.replace(/^mariadb:/, "mysql:") };
  throw new CliError({ zh: "--url 应以 postgres:// 或 mysql:// 开头", en: "--url must start with postgres:// or mysql://" }, ExitCode.usage);
};

const readJson = async (cwd: string, file: string): Promise<unknown> => {
  try {
    return JSON.parse(await readFile(resolve(cwd, file), "utf8"));
  } catch (e) {
    throw new CliError({ zh: `无法读取 ${file}：${(e as Error).message}`, en: `cannot read ${file}: ${(e as Error).message}` }, ExitCode.config);
  }
};

/**
 * Five of the sample town's officers (`sampleOfficers` of `@tiaojie/core/testing`),
 * one of each role, to act with at once, under the staff numbers zx-0001 to
 * zx-0005: the coordinator, the social affairs office's officer, the governance
 * centre's officer as a grid worker, the auditor, and the member of the first
 * village committee.
 */
const pickSampleOfficers = (officers: SampleOfficers, units: ReadonlyArray<Unit>): ReadonlyArray<Actor> => {
  const village = units.find((u) => u.kind === "village-committee");
  const picked: ReadonlyArray<Actor> = [
    officers.coordinator,
    officers.socialAffairs,
    { ...officers.ofKind("governance-centre"), role: "grid-worker" },
    officers.auditor,
    ...(village === undefined ? [] : [officers.of(village)]),
  ];
  return picked.map((actor, i) => ({ ...actor, officerId: `zx-${String(i + 1).padStart(4, "0")}` as OfficerId }));
};

/**
 * `tiaojie init`: a new ledger. Writes the configuration file and, beside it, a
 * key file of new keys (mode 0600; neither is ever overwritten), and creates the
 * store: a SQLite file, or the tables on a PostgreSQL or MySQL server.
 */
export const initCommand = async (o: InitOptions, io: CliIo): Promise<number> => {
  const configFile = resolve(io.cwd, o.config);
  const dir = dirname(configFile);
  const store = storeOf(o);
  let units: unknown;
  let officers: unknown;
  let township = o.township;
  let divisions: Record<string, string> | undefined;
  if (o.sample !== undefined) {
    const seed = Number(o.sample);
    if (!Number.isSafeInteger(seed)) throw new CliError({ zh: "--sample 应是整数种子", en: "--sample must be a whole-number seed" }, ExitCode.usage);
    const { sampleOfficers, sampleTown } = await import("@tiaojie/core/testing");
    const town = sampleTown(seed);
    units = town.units;
    township ??= town.township.code;
    officers = pickSampleOfficers(sampleOfficers(town), town.units);
    divisions = Object.fromEntries([[town.township.code, town.township.name], ...town.villages.map((v) => [v.code, v.name])]);
  } else {
    if (o.units === undefined || o.officers === undefined || township === undefined) {
      throw new CliError(
        { zh: "请给出 --units、--officers 与 --township，或用 --sample <种子> 试用", en: "give --units, --officers and --township, or --sample <seed> to try it out" },
        ExitCode.usage,
      );
    }
    units = await readJson(io.cwd, o.units);
    officers = await readJson(io.cwd, o.officers);
  }
  const keysFile = `${basename(configFile, ".json")}.keys.json`;
  const draft = { version: 1, store, keys: keysFile, township, units, officers, ...(divisions === undefined ? {} : { divisions }), ...(o.actor === undefined ? {} : { actor: o.actor }), lang: o.lang };
  const config: CliConfig = parseConfig(configFile, draft);
  const actor = config.actor ?? config.officers[0]?.officerId;
  await writeFile(configFile, `${JSON.stringify({ ...config, ...(actor === undefined ? {} : { actor }) }, null, 2)}\n`, { flag: "wx" }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "EEXIST") throw new CliError({ zh: `配置文件 ${configFile} 已存在，不会覆盖`, en: `the configuration file ${configFile} exists and is not overwritten` }, ExitCode.config);
    throw e;
  });
  try {
    await writeKeyFile(resolve(dir, keysFile), newKeyFile(`tiaojie-${config.township}`));
    const opened = await openStore({ dir }, store);
    await opened.close?.();
  } catch (e) {
    // Nothing half made: a ledger that could not be created leaves no configuration behind.
    await rm(configFile, { force: true });
    if (!(e instanceof CliError && e.text.en.startsWith("the key file"))) await rm(resolve(dir, keysFile), { force: true });
    throw e;
  }
  const where = store.kind === "sqlite" ? resolve(dir, store.file) : store.url.replace(/\/\/[^@/]*@/, "//…@");
  if (o.json) {
    io.stdout(`${JSON.stringify({ config: configFile, keys: resolve(dir, keysFile), store: { kind: store.kind, at: where }, units: config.units.length, officers: config.officers.length, actor })}\n`);
    return ExitCode.ok;
  }
  say(io, o.lang, `已建立台账（${store.kind}）：${where}`, `ledger created (${store.kind}): ${where}`);
  say(io, o.lang, `配置文件：${configFile}（${config.units.length} 个单位，${config.officers.length} 名人员，默认操作人员 ${actor}）`, `configuration: ${configFile} (${config.units.length} units, ${config.officers.length} officers, acting officer ${actor})`);
  say(io, o.lang, `密钥文件：${resolve(dir, keysFile)}（仅所有者可读；请另行备份，不要与台账放在一起）`, `key file: ${resolve(dir, keysFile)} (owner-only; back it up apart from the ledger)`);
  return ExitCode.ok;
};
