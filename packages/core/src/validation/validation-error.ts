import { Data } from "effect";
import type { Bilingual } from "./bilingual.js";

/**
 * Where in the input a problem is: object keys and array indexes, outermost first.
 * The empty path is the input itself.
 *
 * @since 0.1.0
 */
export type IssuePath = ReadonlyArray<string | number>;

/**
 * One problem found in an input: its path and what is wrong, in Chinese and English.
 * Messages never repeat the offending value, since it may be personal data.
 *
 * @since 0.1.0
 */
export interface ValidationIssue extends Bilingual {
  readonly path: IssuePath;
}

/**
 * Every problem found while decoding one input. Decoding collects all of them
 * rather than stopping at the first.
 *
 * @example
 * ```ts
 * import { decode, Person } from "@tiaojie/core";
 *
 * const result = decode(Person, { id: "p1" });
 * if (!result.ok) console.log(result.error.issues.map((i) => i.path.join(".")));
 * ```
 * @since 0.1.0
 */
export class ValidationError extends Data.TaggedError("ValidationError")<{
  readonly issues: ReadonlyArray<ValidationIssue>;
}> {
  /**
   * Every issue with its path, one per line, in each language, like the `text`
   * of the ledger's other errors.
   * @since 0.6.0
   */
  get text(): Bilingual {
    const lines = (lang: "zh" | "en"): string => this.issues.map((issue) => `${formatPath(issue.path)}: ${issue[lang]}`).join("\n");
    return { zh: lines("zh"), en: lines("en") };
  }
  override get message(): string {
    return this.issues
      .map((issue) => `${formatPath(issue.path)}: ${issue.zh} / ${issue.en}`)
      .join("\n");
  }
}

/**
 * Writes a path the way a developer would type it: `parties[0].role`.
 * The empty path is written `(root)`.
 *
 * @example
 * ```ts
 * import { formatPath } from "@tiaojie/core";
 *
 * formatPath(["parties", 0, "role"]); // "parties[0].role"
 * ```
 * @since 0.1.0
 */
export const formatPath = (path: IssuePath): string => {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
};
