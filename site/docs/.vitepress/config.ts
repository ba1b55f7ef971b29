// The site's VitePress configuration. The navigation is built in ../../src/navigation.ts;
// the search uses ../../src/tokenize.ts, which splits Chinese into character bigrams.
import { defineConfig } from "vitepress";
import { nav, sidebar } from "../../src/navigation.js";
import { tokenize } from "../../src/tokenize.js";

export default defineConfig({
  title: "Tiaojie 调解",
  description: "An embeddable toolkit for township dispute-resolution ledgers · 可嵌入的矛盾纠纷排查化解台账工具包",
  lang: "en",
  cleanUrls: false,
  lastUpdated: false,
  // The site data (with the API sidebar) goes in one shared chunk, not into every page.
  metaChunk: true,
  // No page may link to one that does not exist: the build fails on a dead link.
  ignoreDeadLinks: false,
  themeConfig: {
    nav,
    sidebar: sidebar(),
    outline: { level: [2, 3] },
    search: {
      provider: "local",
      options: {
        miniSearch: {
          // Used at index time in Node and, serialised by VitePress, for queries in the browser.
          options: { tokenize },
          // A Chinese query is several bigrams: a page must contain all of them.
          searchOptions: { combineWith: "AND" },
        },
      },
    },
  },
});
