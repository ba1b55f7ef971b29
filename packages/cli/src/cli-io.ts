import type { Bilingual, Lang } from "@tiaojie/core";

/**
 * Where the command writes and what it knows of its environment, so that it
 * can run inside a test or another program as well as in a terminal.
 * @since 0.6.0
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths are read from. */
  readonly cwd: string;
  /** Whether standard output is a terminal: colours are used only then (and never with `NO_COLOR`). */
  readonly stdoutIsTTY?: boolean;
  /** Where progress bars are drawn: standard error when it is a terminal, else absent (no bars). */
  readonly progress?: NodeJS.WritableStream;
  /** Standard input, for `-` in place of a file. */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Exit codes: 0 done; 1 the ledger refused or a check failed; 2 a usage error;
 * 3 the configuration or a file could not be read.
 * @since 0.6.0
 */
export const ExitCode = { ok: 0, refused: 1, usage: 2, config: 3 } as const;

/**
 * An error the command reports in one or both languages, without a stack
 * trace, and exits with its code.
 * @since 0.6.0
 */
export class CliError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly exitCode: number,
  ) {
    super(`${text.zh} / ${text.en}`);
  }
}

/**
 * The language of the output: `--lang` when given, else the locale of the
 * environment (`LC_ALL`, `LC_MESSAGES`, `LANG`): Chinese for `zh*`, English
 * otherwise.
 * @since 0.6.0
 */
export const outputLang = (flag: string | undefined, env: CliIo["env"]): Lang => {
  if (flag === "zh" || flag === "en") return flag;
  if (flag !== undefined) throw new CliError({ zh: `--lang 只能是 zh 或 en，而不是“${flag}”`, en: `--lang must be zh or en, not "${flag}"` }, ExitCode.usage);
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("zh") ? "zh" : "en";
};
