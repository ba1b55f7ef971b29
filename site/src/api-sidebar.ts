/**
 * typedoc-vitepress-theme's sidebar lists every class, function and type of
 * every package, some nine hundred links. VitePress renders the whole sidebar
 * into each page of its section, so that list would make every API page several
 * hundred kilobytes. The site keeps only the packages and their modules; each
 * module's index page lists its members.
 */
import type { DefaultTheme } from "vitepress";

/**
 * Keeps the items that link to a package's or a module's index (a link ending in
 * `/`), with their children trimmed the same way; member pages and the kind
 * groups (Classes, Functions …) are dropped.
 *
 * @example
 * ```ts
 * trimApiSidebar([{ text: "@tiaojie/zod", link: "/api/@tiaojie/zod/", items: [{ text: "Functions", items: [] }] }]);
 * // [{ text: "@tiaojie/zod", link: "/api/@tiaojie/zod/" }]
 * ```
 */
export const trimApiSidebar = (items: ReadonlyArray<DefaultTheme.SidebarItem>): DefaultTheme.SidebarItem[] =>
  items
    .filter((item) => item.link?.endsWith("/") === true)
    .map((item) => {
      const children = trimApiSidebar(item.items ?? []);
      const { items: _dropped, collapsed: _collapsed, ...rest } = item;
      return children.length > 0 ? { ...rest, collapsed: true, items: children } : rest;
    });
