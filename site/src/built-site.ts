/**
 * Reading the built site back, for the tests and the browser check.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import type { DefaultTheme, SiteData } from "vitepress";
import { outDir } from "./paths.js";

/** Fails with what to run when the site has not been built. */
export const requireBuiltSite = (dir: string = outDir): string => {
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`the site is not built (no ${join(dir, "index.html")}): run \`pnpm --filter @tiaojie/site run build\` first / 站点尚未构建`);
  }
  return dir;
};

/** The HTML file a source page becomes (`policy/zh/index.md` → `policy/zh/index.html`). */
export const htmlFileOf = (page: string, dir: string = outDir): string => join(dir, page.replace(/\.md$/, ".html"));

/**
 * The site data the browser gets, read by running the built metadata chunk the
 * way the page does: functions in the configuration (the search tokenizer) come
 * back from their serialised source, as in the browser.
 */
export const builtSiteData = (dir: string = outDir): SiteData<DefaultTheme.Config> => {
  const chunks = join(requireBuiltSite(dir), "assets", "chunks");
  const file = readdirSync(chunks).find((f) => /^metadata\.[\w-]+\.js$/.test(f));
  if (file === undefined) throw new Error(`no metadata chunk in ${chunks}`);
  const window: { __VP_SITE_DATA__?: SiteData<DefaultTheme.Config> } = {};
  runInNewContext(readFileSync(join(chunks, file), "utf8"), { window });
  if (window.__VP_SITE_DATA__ === undefined) throw new Error(`${file} set no site data`);
  return window.__VP_SITE_DATA__;
};

/** Number of Markdown tables in a page: their header separator rows (`| --- | --- |`). */
export const markdownTableCount = (markdown: string): number => {
  let inFence = false;
  let count = 0;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/.test(line)) count++;
  }
  return count;
};
