// The code blocks of a Markdown file, and what a block says it prints.
//
// Every block fenced as ```ts (or ```typescript) is a complete module that runs: the
// checks write it out, compile it against the built packages and execute it. A block
// that is not meant to run takes another language (```sh, ```text …). A comment line
// `// → text` in a block says that the block prints `text` as a line of its own, and
// the checks make sure it does (such lines in order, other output between them allowed).

/** A fenced code block: its language, its code, and the line of its opening fence (1-based). */
export interface CodeBlock {
  /** The first word of the fence's info string, lower-cased (`""` when there is none). */
  readonly lang: string;
  readonly line: number;
  /** The lines between the fences, each ending with a newline. */
  readonly code: string;
}

/** The languages of the blocks that run. */
export const RUNNABLE_LANGS: ReadonlySet<string> = new Set(["ts", "typescript"]);

// An opening fence: up to three spaces, three or more backticks or tildes, then the
// language, which ends at white space, a backtick, or the `{` of VitePress's line
// highlighting (```ts{2,4}).
const OPENING = /^ {0,3}(`{3,}|~{3,})\s*([^\s`{]*)/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})\s*$/;

/**
 * The fenced code blocks of a Markdown text, in order. A fence closes at a line of
 * the same character at least as long; an unclosed block runs to the end of the text.
 * Lines may end with `\n` or `\r\n`.
 */
export const codeBlocks = (markdown: string): ReadonlyArray<CodeBlock> => {
  const blocks: Array<CodeBlock> = [];
  let open: { readonly fence: string; readonly lang: string; readonly line: number; readonly body: Array<string> } | undefined;
  const finish = (block: NonNullable<typeof open>) => {
    blocks.push({ lang: block.lang, line: block.line, code: `${block.body.join("\n")}\n` });
  };
  markdown.split(/\r?\n/).forEach((text, index) => {
    if (open === undefined) {
      const match = OPENING.exec(text);
      if (match) open = { fence: match[1]!, lang: match[2]!.toLowerCase(), line: index + 1, body: [] };
      return;
    }
    const close = CLOSING.exec(text);
    if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
      finish(open);
      open = undefined;
    } else open.body.push(text);
  });
  if (open !== undefined) finish(open);
  return blocks;
};

/** The blocks of a Markdown text that run: those in one of {@link RUNNABLE_LANGS}. */
export const runnableBlocks = (markdown: string): ReadonlyArray<CodeBlock> =>
  codeBlocks(markdown).filter((block) => RUNNABLE_LANGS.has(block.lang));

/** The lines a block says it prints: its `// → text` comments, in order, with their leading spaces. */
export const expectedOutput = (code: string): ReadonlyArray<string> =>
  code.split("\n").flatMap((line) => {
    const match = /^\s*\/\/ →(?: (.*))?$/.exec(line);
    return match ? [match[1] ?? ""] : [];
  });

/**
 * The first expected line that the output does not print in its turn (each expected
 * line must be a whole output line, after the previous one), or undefined when all are.
 */
export const firstMissingLine = (expected: ReadonlyArray<string>, output: ReadonlyArray<string>): string | undefined => {
  let at = 0;
  for (const line of expected) {
    const found = output.indexOf(line, at);
    if (found < 0) return line;
    at = found + 1;
  }
  return undefined;
};
