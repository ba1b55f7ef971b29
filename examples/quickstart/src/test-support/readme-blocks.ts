// The code blocks of a Markdown file, and what a block says it prints.
//
// Every block fenced as ```ts (or ```typescript) is a complete module that runs:
// the README test compiles it against the built packages and executes it. A block
// that is not meant to run takes another language (```sh, ```text …). A comment line
// `// → text` in a block says that the block prints `text` as a line of its own, and
// the test checks that it does (such lines in order, other output between them
// allowed).

/** A fenced code block: its language, its code, and the line of its opening fence (1-based). */
export interface CodeBlock {
  readonly lang: string;
  readonly line: number;
  readonly code: string;
}

/** The languages of the blocks that run. */
export const RUNNABLE_LANGS: ReadonlySet<string> = new Set(["ts", "typescript"]);

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;

/**
 * The fenced code blocks of a Markdown text, in order. A fence closes at a line of
 * the same character at least as long; an unclosed block runs to the end of the text.
 */
export const codeBlocks = (markdown: string): ReadonlyArray<CodeBlock> => {
  const lines = markdown.split(/\r?\n/);
  const blocks: Array<CodeBlock> = [];
  let open: { readonly fence: string; readonly lang: string; readonly line: number; readonly body: Array<string> } | undefined;
  lines.forEach((text, index) => {
    if (open === undefined) {
      const match = FENCE.exec(text);
      if (match) open = { fence: match[1]!, lang: match[2]!.toLowerCase(), line: index + 1, body: [] };
      return;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
    if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
      blocks.push({ lang: open.lang, line: open.line, code: open.body.join("\n") + "\n" });
      open = undefined;
      return;
    }
    open.body.push(text);
  });
  if (open !== undefined) blocks.push({ lang: open.lang, line: open.line, code: open.body.join("\n") + "\n" });
  return blocks;
};

/** The lines a block says it prints: its `// → text` comments, in order. */
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
