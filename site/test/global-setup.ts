// Before the tests, without a per-test timer (the compiler takes seconds): writes
// each ```ts block of the checked guides to a module under .guide-samples/ and
// typechecks them all against the built packages; the tests then assert on the
// diagnostics and run the modules (src/guide-samples.test.ts).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { TestProject } from "vitest/node";
import { checkedLangs, fencedBlocks, promisedOutput } from "../src/guide-blocks.js";
import { guides } from "../src/guides.js";
import { repoDocs, siteRoot } from "../src/paths.js";

/** A sample written out and typechecked. */
export interface PreparedSample {
  readonly where: string;
  readonly file: string;
  readonly promised: ReadonlyArray<string>;
  readonly diagnostics: ReadonlyArray<string>;
}

declare module "vitest" {
  export interface ProvidedContext {
    guideSamples: ReadonlyArray<PreparedSample>;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = join(siteRoot, ".guide-samples");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const samples = guides
    // A listed guide that is missing fails in built-site.test.ts.
    .filter((g) => g.samples === "checked" && existsSync(join(repoDocs, "guides", g.file)))
    .flatMap((g) =>
      fencedBlocks(readFileSync(join(repoDocs, "guides", g.file), "utf8"))
        .filter((b) => checkedLangs.has(b.lang))
        .map((b) => ({ guide: g.file, block: b, file: join(dir, `${g.file.replace(/\.md$/, "")}-${b.line}.ts`) })),
    );
  for (const s of samples) writeFileSync(s.file, s.block.code);

  const parsed = ts.getParsedCommandLineOfConfigFile(join(siteRoot, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (parsed === undefined) throw new Error("cannot read site/tsconfig.json");
  const program = ts.createProgram({
    rootNames: samples.map((s) => s.file),
    options: { ...parsed.options, noEmit: true, moduleDetection: ts.ModuleDetectionKind.Force },
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);

  project.provide(
    "guideSamples",
    samples.map((s): PreparedSample => ({
      where: `docs/guides/${s.guide}:${s.block.line}`,
      file: s.file,
      promised: promisedOutput(s.block.code),
      diagnostics: diagnostics
        .filter((d) => d.file === undefined || d.file.fileName === s.file.replaceAll("\\", "/"))
        .map((d) => {
          const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
          if (d.file === undefined || d.start === undefined) return text;
          return `docs/guides/${s.guide}:${s.block.line + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}: TS${d.code} ${text}`;
        }),
    })),
  );
  return () => rmSync(dir, { recursive: true, force: true });
}
