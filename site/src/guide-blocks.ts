/**
 * The TypeScript samples of the guides. Every block fenced ```ts in a checked
 * guide is a whole module: the tests write it out, typecheck it against the built
 * packages and run it. A comment line `// → text` says the block prints `text` as
 * a line of its own; such lines must appear in that order (other output between
 * them is allowed). A block not meant to run is fenced with another language.
 */

/** One fenced block: its language, its text, and the line of its opening fence (1-based). */
export interface FencedBlock {
  readonly lang: string;
  readonly line: number;
  readonly code: string;
}

/** The languages whose blocks are compiled and run. */
export const checkedLangs: ReadonlySet<string> = new Set(["ts", "typescript"]);

/**
 * The fenced blocks of a Markdown text, in order. A fence of backticks or tildes
 * closes at a line of the same character at least as long.
 */
export const fencedBlocks = (markdown: string): ReadonlyArray<FencedBlock> => {
  const out: FencedBlock[] = [];
  let open: { fence: string; lang: string; line: number; body: string[] } | undefined;
  markdown.split(/\r?\n/).forEach((text, i) => {
    if (open === undefined) {
      const m = /^ {0,3}(`{3,}|~{3,})\s*([^\s`{]*)/.exec(text);
      if (m) open = { fence: m[1]!, lang: m[2]!.toLowerCase(), line: i + 1, body: [] };
      return;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
    if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
      out.push({ lang: open.lang, line: open.line, code: `${open.body.join("\n")}\n` });
      open = undefined;
    } else open.body.push(text);
  });
  if (open !== undefined) out.push({ lang: open.lang, line: open.line, code: `${open.body.join("\n")}\n` });
  return out;
};

/** What a block says it prints: the text of its `// →` comment lines, in order. */
export const promisedOutput = (code: string): ReadonlyArray<string> =>
  code.split("\n").flatMap((line) => {
    const m = /^\s*\/\/ →(?: (.*))?$/.exec(line);
    return m ? [m[1] ?? ""] : [];
  });

/** The first promised line not printed (in order, each a whole line), or undefined when all were. */
export const firstUnprinted = (promised: ReadonlyArray<string>, printed: ReadonlyArray<string>): string | undefined => {
  let from = 0;
  for (const line of promised) {
    const at = printed.indexOf(line, from);
    if (at < 0) return line;
    from = at + 1;
  }
  return undefined;
};
