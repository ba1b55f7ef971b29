import { describe, expect, it } from "vitest";
import { linkMediaToGuides } from "./api-media.js";
import { trimApiSidebar } from "./api-sidebar.js";
import { rewriteOutsideLinks } from "./outside-links.js";
import { policyPages } from "./policy-index.js";

describe("rewriteOutsideLinks", () => {
  it("names the repository path of a link that leaves /docs and keeps the others", () => {
    const text = [
      "See [the example](../../examples/custom-store) and [the kit](../../packages/store-testkit/).",
      "Also [deployment](deployment.md#backups), [records](../policy/zh/records.md), [web](https://example.org/x) and [top](#top).",
      "![a picture](../../x.png)",
    ].join("\n");
    expect(rewriteOutsideLinks(text, "guides/a.md").split("\n")).toEqual([
      "See the example (repository: `examples/custom-store`) and the kit (repository: `packages/store-testkit`).",
      "Also [deployment](deployment.md#backups), [records](../policy/zh/records.md), [web](https://example.org/x) and [top](#top).",
      "![a picture](../../x.png)",
    ]);
  });

  it("leaves fenced code alone", () => {
    const text = "```md\n[x](../../y)\n```\n[x](../../y)";
    expect(rewriteOutsideLinks(text, "guides/a.md")).toBe("```md\n[x](../../y)\n```\nx (repository: `y`)");
  });
});

describe("linkMediaToGuides", () => {
  it("points TypeDoc's copies of a guide at the guide's page, with its anchor", () => {
    const text = "[a](../../_media/deployment.md#measured-figures) [b](_media/deployment.md) [c](../_media/logo.png) [d](../../_media/other.md)";
    expect(linkMediaToGuides(text, ["deployment.md"])).toBe(
      "[a](/guides/deployment.md#measured-figures) [b](/guides/deployment.md) [c](../_media/logo.png) [d](../../_media/other.md)",
    );
  });
});

describe("trimApiSidebar", () => {
  it("keeps packages and modules, drops member pages and kind groups", () => {
    const sidebar = [
      { text: "@tiaojie/zod", link: "/api/@tiaojie/zod/", collapsed: true, items: [{ text: "Functions", collapsed: true, items: [{ text: "zodSchema", link: "/api/@tiaojie/zod/functions/zodSchema.md" }] }] },
      { text: "@tiaojie/core", link: "/api/@tiaojie/core/", items: [{ text: "index", link: "/api/@tiaojie/core/index/", items: [{ text: "Classes", items: [] }] }, { text: "Variables", items: [] }] },
      { text: "Stray", link: "/api/stray.md" },
    ];
    expect(trimApiSidebar(sidebar)).toEqual([
      { text: "@tiaojie/zod", link: "/api/@tiaojie/zod/" },
      { text: "@tiaojie/core", link: "/api/@tiaojie/core/", collapsed: true, items: [{ text: "index", link: "/api/@tiaojie/core/index/" }] },
    ]);
  });
});

describe("policyPages", () => {
  it("reads the README's list of pages, in order, and nothing else", () => {
    const readme = "# 规则文档\n\n见 [外部](https://x.org/a.md)。\n\n- [风险研判规则](grading.md)\n- [代码表](code-lists.md)\n\n- [另一处](../other/x.md)\n";
    expect(policyPages(readme)).toEqual([
      { title: "风险研判规则", file: "grading.md" },
      { title: "代码表", file: "code-lists.md" },
    ]);
  });
});
