import { defineConfig } from "tsup";

// Three entries: the index (finding blocks, comparing output, running a block) loads
// fast in every test worker; `prepare` loads the TypeScript compiler, for global setups;
// `vitest` holds the tests of prepared blocks.
export default defineConfig({
  entry: { index: "src/index.ts", prepare: "src/prepare.ts", vitest: "src/vitest.ts" },
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  external: ["typescript", "vitest"],
});
