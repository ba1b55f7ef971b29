/**
 * The policy documents' own table of contents: each language's `README.md`
 * lists its pages as Markdown links in reading order, and the sidebar follows
 * that list rather than a copy of it that could drift.
 */

/** One page of the policy documents. */
export interface PolicyPage {
  /** The link text in the README, e.g. 风险研判规则. */
  readonly title: string;
  /** The file the README links to, e.g. `grading.md`. */
  readonly file: string;
}

/**
 * The pages a policy README links to, in order: every list item of the form
 * `- [title](file.md)` pointing at a file in the same folder.
 *
 * @example
 * ```ts
 * policyPages("- [风险研判规则](grading.md)\n"); // [{ title: "风险研判规则", file: "grading.md" }]
 * ```
 */
export const policyPages = (readme: string): ReadonlyArray<PolicyPage> => {
  const pages: PolicyPage[] = [];
  for (const line of readme.split(/\r?\n/)) {
    const m = /^[-*]\s+\[([^\]]+)\]\(([\w.-]+\.md)\)\s*$/.exec(line);
    if (m) pages.push({ title: m[1]!, file: m[2]! });
  }
  return pages;
};
