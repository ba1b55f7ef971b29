import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const define = { __TIAOJIE_CLI_VERSION__: JSON.stringify(version) };

// The command loads no domain code until a command runs: each command is its own
// chunk, imported when its action starts. The bin bundles the Tiaojie packages with
// Effect and Kysely: Node 20 loads one chunk much faster than the hundreds of small
// ES modules Effect ships (measured in bench/index.ts); the drivers, exceljs and the
// terminal libraries stay external. `index` (runCli for programs) bundles nothing.
export default defineConfig([
  { entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: true, sourcemap: true, clean: true, target: "node20", define },
  { entry: { bin: "src/bin.ts" }, format: ["esm"], sourcemap: true, splitting: true, target: "node20", define, noExternal: [/^@tiaojie\//, /^effect(\/|$)/, /^kysely(\/|$)/] },
]);
