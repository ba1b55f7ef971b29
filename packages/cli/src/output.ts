import Table from "cli-table3";
import pc from "picocolors";
import { type Lang, RiskLevels } from "@tiaojie/core";
import type { CliIo } from "./cli-io.js";

/** Colours for a terminal; plain text when output is piped or `NO_COLOR` is set. */
export const colours = (io: CliIo): ReturnType<typeof pc.createColors> => pc.createColors(io.stdoutIsTTY === true && io.env.NO_COLOR === undefined);

/** A risk level's label in its colour (red, orange as yellow-bold, yellow, blue). */
export const levelLabel = (io: CliIo, level: string, lang: Lang): string => {
  const c = colours(io);
  const text = RiskLevels.is(level) ? RiskLevels.label(level, lang) : level;
  if (level === "red") return c.red(c.bold(text));
  if (level === "orange") return c.yellow(c.bold(text));
  if (level === "yellow") return c.yellow(text);
  if (level === "blue") return c.blue(text);
  return text;
};

/** Text for one language from a bilingual value. */
export const pick = (text: { readonly zh: string; readonly en: string }, lang: Lang): string => text[lang];

/** A readable table (cli-table3), without colours in its borders so it pipes cleanly. */
export const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const t = new Table({ head: [...head], style: { head: [], border: [] }, wordWrap: true });
  for (const r of rows) t.push(r.map((c) => String(c)));
  return `${t.toString()}\n`;
};

/** Cuts a text to at most `n` characters, with an ellipsis. */
export const clip = (text: string, n: number): string => (Array.from(text).length <= n ? text : `${Array.from(text).slice(0, n - 1).join("")}…`);

/** Writes a value as one line of JSON. */
export const printJson = (io: CliIo, value: unknown): void => io.stdout(`${JSON.stringify(value)}\n`);

/** A line of output: Chinese or English. */
export const say = (io: CliIo, lang: Lang, zh: string, en: string): void => io.stdout(`${lang === "zh" ? zh : en}\n`);
