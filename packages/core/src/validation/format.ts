import type { Lang } from "./bilingual.js";
import { type ValidationError, formatPath } from "./validation-error.js";

/**
 * Options of {@link formatValidationError}.
 *
 * @since 0.1.0
 */
export interface FormatOptions {
  /**
   * Which language to write, or both side by side.
   * @default "both"
   */
  readonly lang?: Lang | "both";
  /**
   * What the input was, named in the heading (e.g. a file and row).
   * @default undefined
   */
  readonly subject?: string;
}

const heading = (count: number, lang: Lang | "both", subject?: string): string => {
  const zh = `${subject ? `${subject}：` : ""}共 ${count} 处问题`;
  const en = `${subject ? `${subject}: ` : ""}${count} problem${count === 1 ? "" : "s"}`;
  return lang === "zh" ? zh : lang === "en" ? en : `${zh} / ${en}`;
};

/**
 * Turns a {@link ValidationError} into a report a person can read: a heading, then
 * one numbered line per problem with its path and message.
 *
 * @example
 * ```ts
 * import { decode, formatValidationError, Person } from "@tiaojie/core";
 *
 * const result = decode(Person, { name: "" });
 * if (!result.ok) console.log(formatValidationError(result.error, { lang: "zh" }));
 * // 共 3 处问题
 * //   1. id：缺少必填项
 * //   ...
 * ```
 * @since 0.1.0
 */
export const formatValidationError = (error: ValidationError, options: FormatOptions = {}): string => {
  const lang = options.lang ?? "both";
  const lines = error.issues.map((issue, index) => {
    const where = formatPath(issue.path);
    const what = lang === "zh" ? issue.zh : lang === "en" ? issue.en : `${issue.zh} / ${issue.en}`;
    const sep = lang === "zh" ? "：" : ": ";
    return `  ${index + 1}. ${where}${sep}${what}`;
  });
  return [heading(error.issues.length, lang, options.subject), ...lines].join("\n");
};
