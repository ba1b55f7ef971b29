/**
 * Where the site's parts live. The site's markdown source is `site/docs`: the
 * hand-written home page and VitePress configuration are committed; the policy
 * documents, the guides and the API reference are copied or generated into it by
 * `scripts/build.ts` and ignored by git.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The `site` package folder. */
export const siteRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The repository root. */
export const repoRoot = resolve(siteRoot, "..");
/** The repository's own documentation (`/docs`): the source of the policy documents and the guides. */
export const repoDocs = join(repoRoot, "docs");
/** VitePress's source folder. */
export const srcDir = join(siteRoot, "docs");
/** The built static site. */
export const outDir = join(srcDir, ".vitepress", "dist");
/** Screenshots and other evidence the browser check leaves. */
export const artifactsDir = join(siteRoot, "test-artifacts");
/** The two languages of the policy documents. */
export const policyLangs = ["zh", "en"] as const;
/** One of {@link policyLangs}. */
export type PolicyLang = (typeof policyLangs)[number];
