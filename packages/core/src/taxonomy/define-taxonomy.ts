import { Schema } from "effect";
import type { Bilingual, Lang } from "../validation/bilingual.js";
import { bilingualMessage } from "../validation/bilingual.js";

/**
 * One value of a taxonomy with its labels.
 *
 * @since 0.1.0
 */
export interface TaxonomyEntry<Code extends string | number> extends Bilingual {
  readonly code: Code;
}

/**
 * A closed list of codes with a Chinese and an English label for each: the one
 * table a taxonomy is defined by. Schemas, labels, docs and test data all derive
 * from it.
 *
 * @since 0.1.0
 */
export interface Taxonomy<Code extends string | number> {
  /** What the taxonomy classifies, in both languages. */
  readonly name: Bilingual;
  /** The entries, in their documented order. */
  readonly entries: ReadonlyArray<TaxonomyEntry<Code>>;
  /** The codes, in order. */
  readonly codes: ReadonlyArray<Code>;
  /** Decodes one of the codes. */
  readonly schema: Schema.Schema<Code>;
  /** Whether a value is one of the codes. */
  readonly is: (value: unknown) => value is Code;
  /** The label of a code in one language. */
  readonly label: (code: Code, lang?: Lang) => string;
}

/**
 * Defines a taxonomy from its table.
 *
 * @example
 * ```ts
 * import { defineTaxonomy } from "@tiaojie/core";
 *
 * const Sex = defineTaxonomy({ zh: "性别", en: "sex" }, [
 *   { code: "female", zh: "女", en: "female" },
 *   { code: "male", zh: "男", en: "male" },
 * ] as const);
 * Sex.label("female"); // "女"
 * ```
 * @since 0.1.0
 */
export const defineTaxonomy = <const Code extends string | number>(
  name: Bilingual,
  entries: ReadonlyArray<TaxonomyEntry<Code>>,
): Taxonomy<Code> => {
  const codes = entries.map((e) => e.code);
  const byCode = new Map<Code, TaxonomyEntry<Code>>(entries.map((e) => [e.code, e]));
  if (byCode.size !== entries.length) throw new Error(`taxonomy ${name.en} repeats a code`);
  const list = codes.map(String);
  const schema = Schema.Literal(...(codes as [Code, ...Array<Code>])).annotations({
    identifier: name.en.replace(/(^|\s)(\w)/g, (_m, _s, c: string) => c.toUpperCase()),
    description: `${name.zh} / ${name.en}`,
    ...bilingualMessage(`应为${name.zh}代码之一：${list.join("、")}`, `must be a ${name.en} code, one of: ${list.join(", ")}`),
  }) as unknown as Schema.Schema<Code>;
  return {
    name,
    entries,
    codes,
    schema,
    is: (value: unknown): value is Code => byCode.has(value as Code),
    label: (code, lang = "zh") => {
      const entry = byCode.get(code);
      if (!entry) throw new RangeError(`${String(code)} is not a ${name.en} code`);
      return entry[lang];
    },
  };
};
