/**
 * The packages whose API reference the site publishes: every package under
 * `/packages` that is public (not `"private": true`) and has a `typedoc.json`
 * naming its entry points. Examples, the site itself and private helpers such
 * as the benchmarks' support package are left out.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

/** A package documented in the API reference. */
export interface PublicPackage {
  /** The npm name, e.g. `@tiaojie/core`. */
  readonly name: string;
  /** Its folder. */
  readonly dir: string;
}

/** The public packages with a `typedoc.json`, sorted by name. */
export const publicPackages = (root: string = repoRoot): ReadonlyArray<PublicPackage> => {
  const base = join(root, "packages");
  return readdirSync(base)
    .map((entry) => join(base, entry))
    .filter((dir) => existsSync(join(dir, "package.json")) && existsSync(join(dir, "typedoc.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; private?: boolean } }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir }))
    .sort((a, b) => a.name.localeCompare(b.name));
};
