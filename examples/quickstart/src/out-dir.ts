import { isAbsolute, resolve } from "node:path";

/** Where the demo writes, and the directory its paths are shown from. */
export interface OutDir {
  /** The directory the files go to. */
  readonly dir: string;
  /** The directory the user ran the demo from: `npm run demo` at the repository root gives the root. */
  readonly base: string;
}

/**
 * The demo's output directory: `--out <dir>` when given, else `out`, resolved
 * against the directory the user ran the command from. npm and pnpm set
 * `INIT_CWD` to it for every script they run, so `npm run demo` at the
 * repository root writes to `<repository>/out` although the demo itself runs in
 * `examples/quickstart`; run directly (`node dist/main.js`), it is the current
 * directory.
 *
 * @example
 * ```ts
 * outDirOf(["--out", "tmp"], { INIT_CWD: "/work/main" }, "/work/main/examples/quickstart"); // { dir: "/work/main/tmp", base: "/work/main" }
 * ```
 */
export const outDirOf = (args: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>>, cwd: string): OutDir => {
  const base = env.INIT_CWD !== undefined && isAbsolute(env.INIT_CWD) ? env.INIT_CWD : cwd;
  const at = args.indexOf("--out");
  const given = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && (given === undefined || given.startsWith("--"))) throw new RangeError("--out 需要一个目录 / --out needs a directory");
  return { dir: resolve(base, given ?? "out"), base };
};
