// The package's own global setup: prepares the fixture Markdown files with
// prepareBlocks, once, before the tests and without a timeout (the compiler takes
// seconds by nature); prepare.test.ts and run.test.ts assert on what it found.
import { mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { type PreparedBlock, prepareBlocks } from "../prepare.js";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..", "..");
const fixtures = join(here, "fixtures");

declare module "vitest" {
  export interface ProvidedContext {
    fixtureBlocks: ReadonlyArray<PreparedBlock>;
  }
}

export default function setup(project: TestProject): () => void {
  const { blocks, remove } = prepareBlocks({
    files: ["first.md", "second.md"].map((name) => ({ path: join(fixtures, name), name })),
    dir: mkdtempSync(join(packageDir, ".prepared-fixtures-")),
    // Its rootDir is src/: the modules lie outside it, as they do in the packages that use this.
    tsconfig: join(fixtures, "tsconfig.json"),
  });
  project.provide("fixtureBlocks", blocks);
  return remove;
}
