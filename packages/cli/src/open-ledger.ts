import { isAbsolute, resolve } from "node:path";
import { type Actor, type Clock, type Lang, type Ledger, createLedger, fixedClock, formatValidationError, localDate, shanghaiStartOf, systemClock, zixi2025 } from "@tiaojie/core";
import { chinaCalendar } from "@tiaojie/calendar-cn";
import type { SqlStore } from "@tiaojie/store-kysely";
import { CliError, type CliIo, ExitCode } from "./cli-io.js";
import { type LoadedConfig, type StoreConfig, actingOfficer, configPath, loadConfig } from "./config.js";
import { readKeyFile } from "./key-file.js";

/** What every ledger command was given, before the ledger is opened. */
export interface GlobalOptions {
  readonly lang: Lang;
  readonly json: boolean;
  readonly config?: string;
  readonly as?: string;
  /** Acts as of this day (9:00 in Shanghai) instead of now: for rehearsals and reproducible runs. */
  readonly today?: string;
}

/** An open ledger and who acts on it. */
export interface LedgerContext {
  readonly loaded: LoadedConfig;
  readonly ledger: Ledger;
  /** The store under the ledger: for what only the database does (reclaiming an erased person's space after a purge). */
  readonly store: SqlStore;
  readonly actor: Actor;
  readonly checkpointPublicKey: string;
  readonly clock: Clock;
  readonly lang: Lang;
  readonly json: boolean;
  readonly io: CliIo;
}

/** A path of the configuration, read relative to the configuration file. */
export const fromConfig = (loaded: LoadedConfig, path: string): string => (isAbsolute(path) ? path : resolve(loaded.dir, path));

/** Opens the store the configuration names (its migrations run on open). */
export const openStore = async (loaded: LoadedConfig | { readonly dir: string }, store: StoreConfig): Promise<SqlStore> => {
  const kysely = await import("@tiaojie/store-kysely");
  try {
    if (store.kind === "sqlite") return await kysely.sqliteStore({ file: isAbsolute(store.file) ? store.file : resolve(loaded.dir, store.file) });
    if (store.kind === "postgres") return await kysely.postgresStore({ connectionString: store.url });
    return await kysely.mysqlStore({ uri: store.url });
  } catch (e) {
    const text = (e as { text?: { zh: string; en: string } }).text;
    throw new CliError(
      { zh: `无法打开台账存储（${store.kind}）：${text?.zh ?? (e as Error).message}`, en: `cannot open the ledger store (${store.kind}): ${text?.en ?? (e as Error).message}` },
      ExitCode.config,
    );
  }
};

/** The clock: now, or 9:00 (Asia/Shanghai) of `--today`. */
export const commandClock = (today: string | undefined): Clock | undefined => {
  if (today === undefined) return undefined;
  const day = localDate(today);
  if (!day.ok) throw new CliError({ zh: `--today 应是 YYYY-MM-DD 日期，而不是“${today}”`, en: `--today must be a YYYY-MM-DD day, not "${today}"` }, ExitCode.usage);
  return fixedClock(shanghaiStartOf(day.value) + 9 * 3_600_000);
};

/**
 * Loads the configuration and keys, opens the store and the ledger, runs the
 * command, and closes the store whatever happens.
 */
export const withLedger = async (globals: GlobalOptions, io: CliIo, run: (ctx: LedgerContext) => Promise<number>): Promise<number> => {
  const loaded = await loadConfig(configPath(globals.config, io));
  const actor = actingOfficer(loaded, globals.as);
  const { keys, checkpointPublicKey } = await readKeyFile(fromConfig(loaded, loaded.config.keys));
  const clock = commandClock(globals.today);
  const store = await openStore(loaded, loaded.config.store);
  const ledger = createLedger({
    store,
    units: loaded.config.units,
    keys,
    calendar: chinaCalendar(),
    ...(clock === undefined ? {} : { clock }),
    config: { campaign: zixi2025, checkpointOrigin: `tiaojie.ledger/${loaded.config.township}` },
  });
  try {
    return await run({ loaded, ledger, store, actor, checkpointPublicKey, clock: clock ?? systemClock, lang: globals.lang, json: globals.json, io });
  } finally {
    await ledger.close();
  }
};

/** A refusal of the ledger as the command's error, in the output language, exit 1. */
export const refusal = (error: { readonly _tag?: string; readonly message: string; readonly text?: { readonly zh: string; readonly en: string } }): CliError => {
  if (error._tag === "ValidationError") {
    const v = error as unknown as Parameters<typeof formatValidationError>[0];
    return new CliError({ zh: formatValidationError(v, { lang: "zh" }), en: formatValidationError(v, { lang: "en" }) }, ExitCode.refused);
  }
  return new CliError(error.text ?? { zh: error.message, en: error.message }, ExitCode.refused);
};

/** The value of a ledger result, or its refusal thrown as the command's error. */
export const orRefuse = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: Parameters<typeof refusal>[0] }): A => {
  if (!r.ok) throw refusal(r.error);
  return r.value;
};
