import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Actor, type Lang, Unit, decode, formatValidationError } from "@tiaojie/core";
import { CliError, type CliIo, ExitCode } from "./cli-io.js";

/**
 * Where the ledger is kept: a SQLite file (relative to the configuration file),
 * or a PostgreSQL or MySQL/MariaDB server by URL.
 * @since 0.6.0
 */
export type StoreConfig =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "mysql"; readonly url: string };

/**
 * The configuration file (`tiaojie.json`, written by `tiaojie init`): the store,
 * the key file, the township's units, the officers who may act, and the one who
 * acts unless `--as` names another. It holds no key and no personal data.
 * @since 0.6.0
 */
export interface CliConfig {
  readonly version: 1;
  readonly store: StoreConfig;
  /** The key file, relative to the configuration file. */
  readonly keys: string;
  /** The division whose audit chain the checkpoints sign, e.g. the township's code. */
  readonly township: string;
  readonly units: ReadonlyArray<Unit>;
  readonly officers: ReadonlyArray<Actor>;
  /** Division names by code (the township and its villages), for reports and exports. */
  readonly divisions?: Readonly<Record<string, string>>;
  /** The officer id that acts when `--as` is not given. */
  readonly actor?: string;
  readonly lang?: Lang;
}

/** A loaded configuration, with the directory its relative paths start from. */
export interface LoadedConfig {
  readonly file: string;
  readonly dir: string;
  readonly config: CliConfig;
}

/** The name `tiaojie init` writes and every command looks for. */
export const CONFIG_FILE = "tiaojie.json";

/** The configuration file's path: `--config`, else `TIAOJIE_CONFIG`, else `./tiaojie.json`. */
export const configPath = (flag: string | undefined, io: CliIo): string => resolve(io.cwd, flag ?? io.env.TIAOJIE_CONFIG ?? CONFIG_FILE);

const bad = (file: string, zh: string, en: string): CliError => new CliError({ zh: `配置文件 ${file}：${zh}`, en: `configuration file ${file}: ${en}` }, ExitCode.config);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const parseStore = (file: string, v: unknown): StoreConfig => {
  if (!isObject(v)) throw bad(file, "store 应是对象", "store must be an object");
  if (v.kind === "sqlite" && typeof v.file === "string" && v.file !== "") return { kind: "sqlite", file: v.file };
  if ((v.kind === "postgres" || v.kind === "mysql") && typeof v.url === "string" && v.url !== "") return { kind: v.kind, url: v.url };
  throw bad(file, "store 应为 {kind:\"sqlite\",file} 或 {kind:\"postgres\"|\"mysql\",url}", 'store must be {kind:"sqlite",file} or {kind:"postgres"|"mysql",url}');
};

type Decoded<A> = ReturnType<typeof decode<A, unknown>>;

const decodeAll = <A>(file: string, field: string, decodeOne: (item: unknown) => Decoded<A>, v: unknown): ReadonlyArray<A> => {
  if (!Array.isArray(v)) throw bad(file, `${field} 应是数组`, `${field} must be an array`);
  return v.map((item, i) => {
    const r = decodeOne(item);
    if (!r.ok) throw bad(file, `${field}[${i}]：${formatValidationError(r.error, { lang: "zh" })}`, `${field}[${i}]: ${formatValidationError(r.error, { lang: "en" })}`);
    return r.value as A;
  });
};

/**
 * Checks a parsed configuration: every problem names its field, in both
 * languages; the officers' units must be among the units.
 * @since 0.6.0
 */
export const parseConfig = (file: string, value: unknown): CliConfig => {
  if (!isObject(value)) throw bad(file, "应是 JSON 对象", "must be a JSON object");
  if (value.version !== 1) throw bad(file, "version 应为 1", "version must be 1");
  const store = parseStore(file, value.store);
  if (typeof value.keys !== "string" || value.keys === "") throw bad(file, "keys 应是密钥文件的路径", "keys must be the path of the key file");
  if (typeof value.township !== "string" || value.township === "") throw bad(file, "township 应是区划代码", "township must be a division code");
  const units = decodeAll<Unit>(file, "units", (u) => decode(Unit, u), value.units);
  const officers = decodeAll<Actor>(file, "officers", (o) => decode(Actor, o), value.officers);
  for (const [i, o] of officers.entries()) {
    if (!units.some((u) => u.id === o.unit)) throw bad(file, `officers[${i}] 的单位“${o.unit}”不在 units 中`, `officers[${i}]'s unit "${o.unit}" is not among the units`);
  }
  const divisions = value.divisions;
  if (divisions !== undefined && (!isObject(divisions) || Object.values(divisions).some((n) => typeof n !== "string"))) {
    throw bad(file, "divisions 应是 区划代码→名称 的对象", "divisions must map division codes to names");
  }
  if (value.actor !== undefined && typeof value.actor !== "string") throw bad(file, "actor 应是人员编号", "actor must be an officer id");
  if (value.lang !== undefined && value.lang !== "zh" && value.lang !== "en") throw bad(file, "lang 应为 zh 或 en", "lang must be zh or en");
  return {
    version: 1,
    store,
    keys: value.keys,
    township: value.township,
    units,
    officers,
    ...(divisions === undefined ? {} : { divisions: divisions as Record<string, string> }),
    ...(value.actor === undefined ? {} : { actor: value.actor }),
    ...(value.lang === undefined ? {} : { lang: value.lang }),
  };
};

/**
 * Reads and checks the configuration file.
 * @since 0.6.0
 */
export const loadConfig = async (file: string): Promise<LoadedConfig> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new CliError(
      { zh: `找不到配置文件 ${file}：请先运行 tiaojie init，或用 --config 指定`, en: `no configuration file at ${file}: run tiaojie init first, or give --config` },
      ExitCode.config,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(file, `不是有效的 JSON（${(e as Error).message}）`, `is not valid JSON (${(e as Error).message})`);
  }
  return { file, dir: dirname(file), config: parseConfig(file, json) };
};

/**
 * The officer who acts: `--as` when given, else the configuration's `actor`.
 * Every ledger command needs one, since every use case checks who asks.
 * @since 0.6.0
 */
export const actingOfficer = (loaded: LoadedConfig, as: string | undefined): Actor => {
  const id = as ?? loaded.config.actor;
  if (id === undefined) {
    throw new CliError({ zh: "未指定操作人员：请用 --as <人员编号>，或在配置文件中设置 actor", en: "no acting officer: give --as <officer id>, or set actor in the configuration file" }, ExitCode.config);
  }
  const officer = loaded.config.officers.find((o) => o.officerId === id);
  if (officer === undefined) {
    const known = loaded.config.officers.map((o) => o.officerId).join(", ");
    throw new CliError({ zh: `配置中没有人员“${id}”（已有：${known}）`, en: `no officer "${id}" in the configuration (known: ${known})` }, ExitCode.config);
  }
  return officer;
};
