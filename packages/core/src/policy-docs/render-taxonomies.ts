import type { Taxonomy } from "../taxonomy/define-taxonomy.js";
import type { Lang } from "../validation/bilingual.js";
import { page, pick, say, table } from "./markdown.js";

/** Every code list as a policy page: the code, its Chinese and its English label. */
export const renderTaxonomies = (taxonomies: ReadonlyArray<Taxonomy<string | number>>, lang: Lang): string =>
  page([
    `# ${pick(lang, "代码表", "Code lists")}`,
    pick(lang, "数据交换和导入导出使用代码；界面和报表显示中文名称。", "Data exchange, import and export use the codes; screens and reports show the labels."),
    ...taxonomies.map((t) =>
      [`## ${say(t.name, lang)}`, table([pick(lang, "代码", "code"), "中文", "English"], t.entries.map((e) => [`\`${e.code}\``, e.zh, e.en]))].join("\n\n"),
    ),
  ]);
