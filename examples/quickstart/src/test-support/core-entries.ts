import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The built entries of `@tiaojie/core` that the no-fast-check probe loads. */
export interface CoreEntries {
  readonly packageDir: string;
  readonly testing: { readonly esm: string; readonly cjs: string };
  readonly arbitraries: { readonly esm: string; readonly cjs: string };
}

interface ExportConditions {
  readonly import: { readonly default: string };
  readonly require: { readonly default: string };
}

/** Where `@tiaojie/core`'s package.json says its built subpaths are. */
export const coreEntries = (): CoreEntries => {
  const manifest = createRequire(join(packageDir, "package.json")).resolve("@tiaojie/core/package.json");
  const dir = dirname(manifest);
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, ExportConditions> }).exports;
  const entry = (subpath: string) => {
    const conditions = exports[subpath];
    if (!conditions) throw new Error(`@tiaojie/core exports no ${subpath}`);
    return { esm: join(dir, conditions.import.default), cjs: join(dir, conditions.require.default) };
  };
  return { packageDir: dir, testing: entry("./testing"), arbitraries: entry("./arbitraries") };
};
