import { readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { Actor, OfficerId, Unit, UnitKind } from "@tiaojie/core";
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

/** One officer of each role the sample town's units have, to act with at once. */
const sampleOfficers = (units: ReadonlyArray<Unit>, township: string): ReadonlyArray<Actor> => {
  const at = (kind: UnitKind): Unit | undefined => units.find((u) => u.kind === kind);
  const people: ReadonlyArray<[UnitKind, Actor["role"], string, string]> = [
    ["peace-rule-of-law-office", "coordinator", "张明", "zx-0001"],
    ["social-affairs-office", "unit-officer", "李娟", "zx-0002"],
    ["governance-centre", "grid-worker", "王强", "zx-0003"],
    ["township-leadership", "auditor", "赵审", "zx-0004"],
    ["village-committee", "village-committee", "陈村", "zx-0005"],
  ];
  const out: Array<Actor> = [];
  for (const [kind, role, name, id] of people) {
    const unit = at(kind);
    if (unit === undefined) continue;
    const scope = role === "village-committee" ? unit.jurisdiction : township;
    out.push({ officerId: id as OfficerId, name, unit: unit.id, role, scope } as Actor);
  }
  return out;
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
    const { sampleTown } = await import("@tiaojie/core/testing");
    const town = sampleTown(seed);
    units = town.units;
    township ??= town.township.code;
    officers = sampleOfficers(town.units, township);
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
