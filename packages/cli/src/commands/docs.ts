import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { type Lang, renderPolicyDocs, zixiPolicyConfig } from "@tiaojie/core";
import type { CliIo } from "../cli-io.js";

/** What `tiaojie docs` was asked. */
export interface DocsOptions {
  readonly lang: Lang;
  readonly out?: string;
  readonly json: boolean;
}

/**
 * `tiaojie docs`: the policy documents of the ledger's configuration (the Zixi
 * preset unless a county's own is configured), rendered from the rules the code
 * runs: written as Markdown files under `--out`, or listed.
 */
export const docsCommand = async (options: DocsOptions, io: CliIo): Promise<number> => {
  const documents = renderPolicyDocs(zixiPolicyConfig, options.lang);
  if (options.out !== undefined) {
    const dir = resolve(io.cwd, options.out);
    await mkdir(dir, { recursive: true });
    for (const d of documents) await writeFile(join(dir, d.file), d.markdown);
  }
  if (options.json) {
    io.stdout(`${JSON.stringify(documents.map((d) => ({ file: d.file, title: d.title[options.lang], ...(options.out === undefined ? { markdown: d.markdown } : {}) })))}\n`);
    return 0;
  }
  const where = options.out === undefined ? "" : resolve(io.cwd, options.out);
  for (const d of documents) io.stdout(`${where === "" ? d.file : join(where, d.file)}\t${d.title[options.lang]}\n`);
  return 0;
};
