import type { Bilingual, Lang } from "../validation/bilingual.js";

/** The text of a bilingual value in one language. */
export const say = (text: Bilingual, lang: Lang): string => text[lang];

/** Picks the Chinese or the English of a literal pair. */
export const pick = (lang: Lang, zh: string, en: string): string => (lang === "zh" ? zh : en);

const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** A Markdown table: a header row, a rule, then one row per entry. */
export const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [headers, headers.map(() => "---"), ...rows].map((row) => `| ${row.map(cell).join(" | ")} |`).join("\n");

/** A bulleted list. */
export const bullets = (items: ReadonlyArray<string>): string => items.map((item) => `- ${item}`).join("\n");

/** Joins the blocks of a page with blank lines, ending in one newline. */
export const page = (blocks: ReadonlyArray<string | undefined>): string =>
  `${blocks.filter((b): b is string => b !== undefined && b !== "").join("\n\n")}\n`;

/** A list of items in one language: 、 in Chinese, commas in English. */
export const list = (items: ReadonlyArray<string>, lang: Lang): string => items.join(lang === "zh" ? "、" : ", ");
