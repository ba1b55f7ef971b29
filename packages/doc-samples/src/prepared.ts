/** A runnable block of a Markdown file, written out as a module and typechecked. */
export interface PreparedBlock {
  /** Where the block is: the file's name and the line of its opening fence, `README.md:12`. */
  readonly where: string;
  /** The module the block was written to. */
  readonly file: string;
  /** What the block says it prints (its `// → ` lines). */
  readonly expected: ReadonlyArray<string>;
  /** The compiler's errors, each at its line of the Markdown file (`README.md:14: TS2322 …`). */
  readonly diagnostics: ReadonlyArray<string>;
}
