/**
 * The site's navigation bar and sidebars, built from the guide list, the policy
 * documents' own READMEs and TypeDoc's sidebar. Kept apart from the VitePress
 * configuration so the tests can check it without loading VitePress.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DefaultTheme } from "vitepress";
import { trimApiSidebar } from "./api-sidebar.js";
import { guideLink, guides, securityLink, securityPages } from "./guides.js";
import { type PolicyLang, policyLangs, srcDir } from "./paths.js";
import { policyPages } from "./policy-index.js";

const policyHeading: Record<PolicyLang, string> = { zh: "规则文档（中文）", en: "Policy documents (English)" };

/** The sidebar of one language's policy documents, in its README's order. */
export const policySidebar = (lang: PolicyLang, root: string = srcDir): DefaultTheme.SidebarItem[] => {
  const index = join(root, "policy", lang, "index.md");
  const pages = existsSync(index) ? policyPages(readFileSync(index, "utf8")) : [];
  return [
    {
      text: policyHeading[lang],
      items: [
        { text: lang === "zh" ? "目录" : "Contents", link: `/policy/${lang}/` },
        ...pages.map((p) => ({ text: p.title, link: `/policy/${lang}/${p.file.replace(/\.md$/, "")}` })),
      ],
    },
  ];
};

/** The sidebar of the guides. */
export const guideSidebar = (): DefaultTheme.SidebarItem[] => [
  { text: "Guides 指南", items: guides.map((g) => ({ text: `${g.en} · ${g.zh}`, link: guideLink(g) })) },
];

/** The sidebar of the security documents. */
export const securitySidebar = (): DefaultTheme.SidebarItem[] => [
  { text: "Security 安全", items: securityPages.map((p) => ({ text: `${p.en} · ${p.zh}`, link: securityLink(p) })) },
];

/** The API reference's sidebar: its packages and their modules, from typedoc-vitepress-theme's. */
export const apiSidebar = (root: string = srcDir): DefaultTheme.SidebarItem[] => {
  const file = join(root, "api", "typedoc-sidebar.json");
  const items = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[]) : [];
  return [{ text: "API reference", link: "/api/", items: trimApiSidebar(items) }];
};

/** Every sidebar, by path prefix. */
export const sidebar = (root: string = srcDir): DefaultTheme.SidebarMulti => ({
  "/guides/": guideSidebar(),
  "/security/": securitySidebar(),
  "/api/": apiSidebar(root),
  ...Object.fromEntries(policyLangs.map((lang) => [`/policy/${lang}/`, policySidebar(lang, root)])),
});

/** The navigation bar. */
export const nav: DefaultTheme.NavItem[] = [
  { text: "Guides 指南", link: guideLink(guides[0]!), activeMatch: "^/guides/" },
  { text: "规则文档", link: "/policy/zh/", activeMatch: "^/policy/zh/" },
  { text: "Policy (English)", link: "/policy/en/", activeMatch: "^/policy/en/" },
  { text: "Security 安全", link: securityLink(securityPages[0]!), activeMatch: "^/security/" },
  { text: "API", link: "/api/", activeMatch: "^/api/" },
];
