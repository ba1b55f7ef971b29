/**
 * Links from the repository's documentation to files outside `/docs` (an
 * example's folder, a package's source) have no page on the site. Rather than
 * leave them dead, the copy on the site names the repository path instead.
 */
import { posix } from "node:path";

const LINK = /(!?)\[([^\]]*)\]\(([^)\s]+)\)/g;
const FENCE = /^\s*(```|~~~)/;

/**
 * Rewrites each Markdown link that leaves the documentation folder into its
 * text followed by the repository path, leaving every other link, and
 * everything inside fenced code blocks, as it was.
 *
 * @param markdown the page's text
 * @param fileInDocs the page's path inside `/docs`, e.g. `guides/deployment.md`
 *
 * @example
 * ```ts
 * rewriteOutsideLinks("[the example](../../examples/custom-store)", "guides/a.md");
 * // "the example (repository: `examples/custom-store`)"
 * ```
 */
export const rewriteOutsideLinks = (markdown: string, fileInDocs: string): string => {
  const dir = posix.dirname(fileInDocs);
  let inFence = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (FENCE.test(line)) {
        inFence = !inFence;
        return line;
      }
      if (inFence) return line;
      return line.replace(LINK, (whole, bang: string, text: string, target: string) => {
        if (bang || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || target.startsWith("/")) return whole;
        const path = posix.normalize(posix.join(dir, target.replace(/[?#].*$/, "")));
        if (!path.startsWith("../")) return whole;
        const inRepo = path.replace(/^\.\.\//, "").replace(/\/$/, "");
        return `${text} (repository: \`${inRepo}\`)`;
      });
    })
    .join("\n");
};
