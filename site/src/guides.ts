/**
 * The guides, in the order the sidebar shows them. Every file in `/docs/guides`
 * must be listed here (a test checks it), so a new guide cannot be left out of
 * the site's navigation.
 */
export interface Guide {
  /** The file name in `/docs/guides`. */
  readonly file: string;
  /** Sidebar text: English, then Chinese. */
  readonly en: string;
  readonly zh: string;
  /**
   * `checked`: every ```ts block is a whole module that the tests typecheck and
   * run (with @tiaojie/doc-samples); `not-checked`: its samples show parts of a
   * program or need a database server, and are checked elsewhere.
   */
  readonly samples: "checked" | "not-checked";
}

/** Every guide, in reading order. */
export const guides: ReadonlyArray<Guide> = [
  { file: "getting-started.md", en: "Getting started", zh: "快速上手", samples: "checked" },
  { file: "embedding-without-effect.md", en: "Embedding without Effect", zh: "不用 Effect 嵌入", samples: "checked" },
  { file: "with-effect.md", en: "With Effect", zh: "配合 Effect 使用", samples: "checked" },
  { file: "writing-a-store-adapter.md", en: "Writing a store adapter", zh: "编写存储适配器", samples: "not-checked" },
  { file: "writing-an-exporter.md", en: "Writing an exporter", zh: "编写导出器", samples: "not-checked" },
  { file: "deployment.md", en: "Deployment", zh: "部署", samples: "not-checked" },
  { file: "data-protection.md", en: "Data protection under the PIPL", zh: "个人信息保护", samples: "checked" },
  { file: "what-we-refuse.md", en: "What the library refuses to do", zh: "本库不做的事", samples: "checked" },
];

/** The site path of a guide (`getting-started.md` → `/guides/getting-started`). */
export const guideLink = (guide: Guide): string => `/guides/${guide.file.replace(/\.md$/, "")}`;

/** A page of the security documents (`/docs/security`), in the order the sidebar shows them. */
export interface SecurityPage {
  /** The file name in `/docs/security`. */
  readonly file: string;
  /** Sidebar text: English, then Chinese. */
  readonly en: string;
  readonly zh: string;
}

/** Every security document, in reading order; a test keeps it equal to `/docs/security`. */
export const securityPages: ReadonlyArray<SecurityPage> = [
  { file: "threat-model.md", en: "Threat model", zh: "威胁模型" },
  { file: "dependencies.md", en: "Dependency review", zh: "依赖审查" },
];

/** The site path of a security document (`threat-model.md` → `/security/threat-model`). */
export const securityLink = (page: SecurityPage): string => `/security/${page.file.replace(/\.md$/, "")}`;
