import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { RUNNABLE_LANGS, codeBlocks, expectedOutput } from "./readme-blocks.js";

/** A runnable block of a Markdown file, written out as a module and typechecked. */
export interface PreparedBlock {
  /** Where the block is: the file and the line of its opening fence. */
  readonly where: string;
  /** The module the block was written to. */
  readonly file: string;
  /** What the block says it prints (its `// → ` lines). */
  readonly expected: ReadonlyArray<string>;
  /** The compiler's errors, each at its line of the Markdown file. */
  readonly diagnostics: ReadonlyArray<string>;
}

/**
 * Writes every runnable block of the Markdown file `path` (called `name` in
 * messages) as a module of its own into a new directory under `packageDir`, so that
 * it imports the packages that package depends on, as built; and typechecks them
 * all with the package's tsconfig.json. Returns the blocks and the directory, which
 * the caller removes.
 */
export const prepareBlocks = (
  path: string,
  name: string,
  packageDir: string,
): { readonly dir: string; readonly blocks: ReadonlyArray<PreparedBlock> } => {
  const runnable = codeBlocks(readFileSync(path, "utf8")).filter((b) => RUNNABLE_LANGS.has(b.lang));
  const dir = mkdtempSync(join(packageDir, ".readme-blocks-"));
  const files = runnable.map((block, i) => {
    const file = join(dir, `block-${i + 1}.ts`);
    writeFileSync(file, block.code);
    return file;
  });

  const config = ts.getParsedCommandLineOfConfigFile(join(packageDir, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error(`cannot read ${join(packageDir, "tsconfig.json")}`);
  // The blocks are not under the package's rootDir, and nothing is emitted. Every
  // block is a module of its own, even one without imports.
  const { rootDir: _rootDir, outDir: _outDir, ...options } = config.options;
  const program = ts.createProgram({
    rootNames: files,
    options: { ...options, noEmit: true, moduleDetection: ts.ModuleDetectionKind.Force },
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);

  const blocks = runnable.map((block, i): PreparedBlock => {
    const file = files[i]!;
    const own = diagnostics.filter((d) => d.file === undefined || d.file.fileName === file.replaceAll("\\", "/"));
    return {
      where: `${name}:${block.line}`,
      file,
      expected: expectedOutput(block.code),
      diagnostics: own.map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
        if (d.file === undefined || d.start === undefined) return text;
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        return `${name}:${block.line + 1 + line}: TS${d.code} ${text}`;
      }),
    };
  });
  return { dir, blocks };
};
