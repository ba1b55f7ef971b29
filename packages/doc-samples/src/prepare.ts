/**
 * Writing the runnable blocks of Markdown files out as modules and typechecking
 * them, once, before the tests (in a vitest global setup: the compiler takes seconds).
 * The tests then assert on the diagnostics and run the modules with `runBlock`.
 *
 * @packageDocumentation
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { type CodeBlock, expectedOutput, runnableBlocks } from "./blocks.js";
import type { PreparedBlock } from "./prepared.js";

export type { PreparedBlock } from "./prepared.js";

/** A Markdown file whose samples are checked. */
export interface MarkdownFile {
  /** Where to read it. */
  readonly path: string;
  /** What messages call it, e.g. `README.md` or `docs/guides/with-effect.md`. */
  readonly name: string;
}

/** What {@link prepareBlocks} works on. */
export interface PrepareOptions {
  /** The Markdown files, each of whose ```ts blocks becomes a module. */
  readonly files: ReadonlyArray<MarkdownFile>;
  /**
   * The directory the modules are written to, made afresh (whatever is there is
   * removed). It lies inside the package whose tsconfig.json is used, so that the
   * blocks import the packages that package depends on, as built.
   */
  readonly dir: string;
  /** The tsconfig.json the blocks are typechecked with (its rootDir and outDir are ignored). */
  readonly tsconfig: string;
}

/** The prepared blocks, and how to remove their modules once the tests are done. */
export interface PreparedBlocks {
  readonly blocks: ReadonlyArray<PreparedBlock>;
  /** Removes {@link PrepareOptions.dir} and the modules in it. */
  readonly remove: () => void;
}

interface Written {
  readonly source: MarkdownFile;
  readonly block: CodeBlock;
  readonly file: string;
}

/** `docs/guides/with-effect.md`, line 12 → `docs-guides-with-effect-12.ts`. */
const moduleName = (name: string, line: number): string =>
  `${name.replace(/\.md$/i, "").replace(/[^A-Za-z0-9_]+/g, "-").replace(/^-+|-+$/g, "")}-${line}.ts`;

const writeModules = (files: ReadonlyArray<MarkdownFile>, dir: string): ReadonlyArray<Written> => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const taken = new Set<string>();
  return files.flatMap((source) =>
    runnableBlocks(readFileSync(source.path, "utf8")).map((block): Written => {
      const name = moduleName(source.name, block.line);
      if (taken.has(name)) {
        throw new Error(`两个代码块都会写成 ${name}，请给 Markdown 文件起不同的名字。 Two blocks would both be written to ${name}: give the Markdown files distinct names.`);
      }
      taken.add(name);
      const file = join(dir, name);
      writeFileSync(file, block.code);
      return { source, block, file };
    }),
  );
};

const compilerOptions = (tsconfig: string): ts.CompilerOptions => {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (parsed === undefined) throw new Error(`读不了 ${tsconfig}。 Cannot read ${tsconfig}.`);
  // The modules are not under the package's rootDir, and nothing is emitted. Every
  // block is a module of its own, even one without imports.
  const { rootDir: _rootDir, outDir: _outDir, ...options } = parsed.options;
  return { ...options, noEmit: true, moduleDetection: ts.ModuleDetectionKind.Force };
};

/** A diagnostic as a line of text, placed at its line of the Markdown file when it has one. */
const describe = (d: ts.Diagnostic, { source, block }: Written): string => {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (d.file === undefined || d.start === undefined) return text;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${source.name}:${block.line + 1 + line}: TS${d.code} ${text}`;
};

/**
 * Writes every runnable block (```ts, ```typescript) of the Markdown files as a
 * module of its own into `dir`, and typechecks them all in one program with the
 * options of `tsconfig`. Each block gets the diagnostics of its own module, and
 * those that belong to no file. Throws when the tsconfig cannot be read.
 */
export const prepareBlocks = ({ files, dir, tsconfig }: PrepareOptions): PreparedBlocks => {
  const written = writeModules(files, dir);
  const program = ts.createProgram({ rootNames: written.map((w) => w.file), options: compilerOptions(tsconfig) });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const blocks = written.map(
    (w): PreparedBlock => ({
      where: `${w.source.name}:${w.block.line}`,
      file: w.file,
      expected: expectedOutput(w.block.code),
      diagnostics: diagnostics
        .filter((d) => d.file === undefined || d.file.fileName === w.file.replaceAll("\\", "/"))
        .map((d) => describe(d, w)),
    }),
  );
  return { blocks, remove: () => rmSync(dir, { recursive: true, force: true }) };
};
