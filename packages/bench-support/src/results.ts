/**
 * The shared results file of all benchmarks: `bench-results.json` at the
 * repository root (not committed). Each benchmark merges its entries by name, so
 * later benchmarks add to the same file without dropping earlier ones.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** One comparison. `ratio`, `target` and `holds` are null for a plain measurement. */
export interface BenchEntry {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly ratio: number | null;
  readonly target: number | null;
  readonly holds: boolean | null;
  /** When true the target is a ceiling (`ratio <= target`), otherwise a floor. */
  readonly atMost?: boolean;
  /**
   * The workspace package whose benchmark recorded the entry (`@tiaojie/csv`,
   * say). `mergeResults` fills it in when the entry does not say, so that the
   * repository-wide table can tell which package's bench left no entries.
   */
  readonly package?: string;
}

/** The repository root's `bench-results.json`. */
export const resultsFile: string = fileURLToPath(new URL("../../../bench-results.json", import.meta.url));

const readEntries = (file: string): Array<BenchEntry> => {
  if (!existsSync(file)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(parsed) ? (parsed as Array<BenchEntry>) : [];
  } catch {
    return [];
  }
};

const repositoryRoot = dirname(resultsFile);

const readName = (file: string): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    const name = (parsed as { name?: unknown }).name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The package running this benchmark: the name `pnpm run` puts in the
 * environment (turbo runs each package's `bench` script that way), or else the
 * `package.json` of the working directory when that is a package and not the
 * repository root. Undefined when neither says.
 */
const runningPackage = (): string | undefined => {
  const rootName = readName(join(repositoryRoot, "package.json"));
  const fromPnpm = process.env.npm_package_name;
  if (fromPnpm !== undefined && fromPnpm !== "" && fromPnpm !== rootName) return fromPnpm;
  if (resolve(process.cwd()) === repositoryRoot) return undefined;
  return readName(join(process.cwd(), "package.json"));
};

/**
 * Adds or replaces entries by name, keeps the others, and writes the file sorted
 * by name. An entry that does not name its package gets the running one's.
 */
export const mergeResults = (entries: ReadonlyArray<BenchEntry>, file: string = resultsFile): ReadonlyArray<BenchEntry> => {
  const byName = new Map(readEntries(file).map((e) => [e.name, e]));
  const running = runningPackage();
  for (const e of entries) byName.set(e.name, e.package === undefined && running !== undefined ? { ...e, package: running } : e);
  const merged = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
};

/** A comparison entry: `value` is the measured figure, `ratio` against a baseline, and whether the target holds. */
export const comparison = (name: string, value: number, unit: string, ratio: number, target: number): BenchEntry => ({
  name, value, unit, ratio, target, holds: ratio >= target,
});

/** A comparison whose target is a ceiling: it holds when `ratio <= target` (an overhead, say). */
export const comparisonAtMost = (name: string, value: number, unit: string, ratio: number, target: number): BenchEntry => ({
  name, value, unit, ratio, target, holds: ratio <= target, atMost: true,
});

/** A measurement reported for information, with no target: its ratio to a baseline, when it has one. */
export const information = (name: string, value: number, unit: string, ratio: number | null = null): BenchEntry => ({
  name, value, unit, ratio, target: null, holds: null,
});

/** Prints rows as an aligned table. */
export const printTable = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): void => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(headers));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
};
