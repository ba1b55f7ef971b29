// Before the tests, without a per-test timer (the compiler takes seconds): writes
// each ```ts block of the checked guides to a module under .guide-samples/ and
// typechecks them all against the built packages; the tests then assert on the
// diagnostics and run the modules (src/guide-samples.test.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type PreparedBlock, prepareBlocks } from "@tiaojie/doc-samples/prepare";
import type { TestProject } from "vitest/node";
import { guides } from "../src/guides.js";
import { repoDocs, siteRoot } from "../src/paths.js";

declare module "vitest" {
  export interface ProvidedContext {
    guideSamples: ReadonlyArray<PreparedBlock>;
  }
}

export default function setup(project: TestProject): () => void {
  const files = guides
    // A listed guide that is missing fails in built-site.test.ts.
    .filter((g) => g.samples === "checked" && existsSync(join(repoDocs, "guides", g.file)))
    .map((g) => ({ path: join(repoDocs, "guides", g.file), name: `docs/guides/${g.file}` }));
  const { blocks, remove } = prepareBlocks({ files, dir: join(siteRoot, ".guide-samples"), tsconfig: join(siteRoot, "tsconfig.json") });
  project.provide("guideSamples", blocks);
  return remove;
}
