// Checks the built site (run `pnpm --filter @tiaojie/site run build` first; turbo
// runs this package's build before its test).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, it as prop } from "@fast-check/vitest";
import type { DefaultTheme } from "vitepress";
import { describe, expect, it } from "vitest";
import { builtSiteData, htmlFileOf, markdownTableCount, requireBuiltSite } from "./built-site.js";
import { guideLink, guides, securityLink, securityPages } from "./guides.js";
import { rewriteOutsideLinks } from "./outside-links.js";
import { publicPackages } from "./packages.js";
import { policyLangs, repoDocs, srcDir } from "./paths.js";
import { policyPages } from "./policy-index.js";
import { tokenize } from "./tokenize.js";

const out = requireBuiltSite();
const site = builtSiteData();
const mdFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
const sitePage = (file: string): string => (file === "README.md" ? "index.md" : file);

/** Every link in a sidebar, depth first. */
const links = (items: ReadonlyArray<DefaultTheme.SidebarItem>): string[] => items.flatMap((i) => [...(i.link ? [i.link] : []), ...links(i.items ?? [])]);
const sidebarOf = (prefix: string): DefaultTheme.SidebarItem[] => (site.themeConfig.sidebar as DefaultTheme.SidebarMulti)[prefix] as DefaultTheme.SidebarItem[];

describe.each(policyLangs)("the policy documents (%s)", (lang) => {
  const repo = join(repoDocs, "policy", lang);
  const copy = join(srcDir, "policy", lang);

  it("the site's copy is the repository's, byte for byte (README.md as index.md): a stale build fails here", () => {
    expect(mdFiles(copy)).toEqual(mdFiles(repo).map(sitePage).sort());
    for (const file of mdFiles(repo)) expect(readFileSync(join(copy, sitePage(file)), "utf8"), file).toBe(readFileSync(join(repo, file), "utf8"));
  });

  it("every document has a page, with as many tables as its Markdown", () => {
    for (const file of mdFiles(repo)) {
      const html = htmlFileOf(`policy/${lang}/${sitePage(file)}`, out);
      expect(existsSync(html), html).toBe(true);
      const tables = (readFileSync(html, "utf8").match(/<table[\s>]/g) ?? []).length;
      expect(tables, file).toBe(markdownTableCount(readFileSync(join(repo, file), "utf8")));
    }
  });

  it("the sidebar lists every page, in the README's order", () => {
    const expected = [`/policy/${lang}/`, ...policyPages(readFileSync(join(repo, "README.md"), "utf8")).map((p) => `/policy/${lang}/${p.file.replace(/\.md$/, "")}`)];
    expect(links(sidebarOf(`/policy/${lang}/`))).toEqual(expected);
    expect(expected.length).toBe(mdFiles(repo).length);
  });
});

describe("the guides", () => {
  const repo = join(repoDocs, "guides");

  it("every guide in /docs/guides is listed, and every listed guide exists", () => {
    expect(guides.map((g) => g.file).sort()).toEqual(mdFiles(repo));
  });

  it("every guide has a page, built from the current text", () => {
    for (const file of mdFiles(repo)) {
      expect(readFileSync(join(srcDir, "guides", file), "utf8"), file).toBe(rewriteOutsideLinks(readFileSync(join(repo, file), "utf8"), `guides/${file}`));
      expect(existsSync(htmlFileOf(`guides/${file}`, out)), file).toBe(true);
    }
  });

  it("the sidebar and the rendered page list every guide, in order", () => {
    const expected = guides.map(guideLink);
    expect(links(sidebarOf("/guides/"))).toEqual(expected);
    const html = readFileSync(htmlFileOf(`guides/${guides[0]!.file}`, out), "utf8");
    for (const link of expected) expect(html).toContain(`href="${link}.html"`);
  });

  it("the navigation bar leads to the guides, both policy languages, the security documents and the API", () => {
    const nav = (site.themeConfig.nav ?? []).map((n) => ("link" in n ? n.link : ""));
    expect(nav).toEqual([guideLink(guides[0]!), "/policy/zh/", "/policy/en/", securityLink(securityPages[0]!), "/api/"]);
  });
});

describe("the security documents", () => {
  const repo = join(repoDocs, "security");

  it("every document in /docs/security is listed, has a page built from its current text, and is in the sidebar in order", () => {
    expect(securityPages.map((p) => p.file).sort()).toEqual(mdFiles(repo));
    for (const file of mdFiles(repo)) {
      expect(readFileSync(join(srcDir, "security", file), "utf8"), file).toBe(rewriteOutsideLinks(readFileSync(join(repo, file), "utf8"), `security/${file}`));
      expect(existsSync(htmlFileOf(`security/${file}`, out)), file).toBe(true);
    }
    expect(links(sidebarOf("/security/"))).toEqual(securityPages.map(securityLink));
  });
});

describe("the API reference", () => {
  it("has an index page for every public package, each in the sidebar", () => {
    const packages = publicPackages();
    expect(packages.map((p) => p.name)).toContain("@tiaojie/core");
    const sidebar = links(sidebarOf("/api/"));
    for (const { name } of packages) {
      expect(existsSync(join(out, "api", name, "index.html")), name).toBe(true);
      expect(sidebar).toContain(`/api/${name}/`);
    }
  });
});

describe("offline", () => {
  it("no page of the guides or policy documents loads a script, style or font from another host", () => {
    const pages = ["index.html", ...policyLangs.flatMap((l) => mdFiles(join(srcDir, "policy", l)).map((f) => `policy/${l}/${f}`)), ...guides.map((g) => `guides/${g.file}`), ...securityPages.map((p) => `security/${p.file}`)];
    for (const page of pages) {
      const html = readFileSync(htmlFileOf(page, out), "utf8");
      const remote = html.match(/<(?:script|link)\b[^>]*\b(?:src|href)="(?:https?:)?\/\/[^"]*"/g) ?? [];
      expect(remote, page).toEqual([]);
    }
  });
});

describe("the search tokenizer in the browser", () => {
  const options = site.themeConfig.search?.provider === "local" ? site.themeConfig.search.options?.miniSearch?.options : undefined;
  const shipped = options?.tokenize as ((text: string) => string[]) | undefined;

  it("is shipped to the browser", () => {
    expect(typeof shipped).toBe("function");
  });

  prop.prop([fc.string({ unit: fc.constantFrom(..."风险等级暴力威胁自伤 abcXYZ12，。()") , maxLength: 40 })])("splits text exactly as the tokenizer the index was built with", (text) => {
    expect(shipped?.(text)).toEqual(tokenize(text));
  });
});
