/**
 * Splits text into search terms for the site's local search (MiniSearch), at
 * index time in Node and at query time in the browser.
 *
 * MiniSearch's default splits on spaces and punctuation, and Chinese has
 * neither between words: a whole sentence would be one term, and no query
 * shorter than the sentence would find it. Here each run of Han characters
 * becomes its overlapping character bigrams (风险等级 → 风险, 险等, 等级), a
 * run of one character stays whole, and everything else is split on what is
 * not a letter, digit or combining mark and lower-cased (`createLedger(actor)`
 * → `createledger`, `actor`). A query is split the same way, so a Chinese word
 * of two or more characters matches wherever it occurs.
 *
 * VitePress sends this function to the browser as its source text
 * (`Function.prototype.toString`), so it must not refer to anything outside its
 * own body: no imported helpers, no module-level constants.
 *
 * @example
 * ```ts
 * tokenize("暴力威胁 threatOfViolence"); // ["暴力", "力威", "威胁", "threatofviolence"]
 * ```
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.split(/[^\p{L}\p{N}\p{M}]+/u)) {
    if (word === "") continue;
    for (const run of word.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (!/\p{Script=Han}/u.test(run)) {
        terms.push(run.toLowerCase());
        continue;
      }
      const chars = Array.from(run);
      if (chars.length === 1) terms.push(run);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
    }
  }
  return terms;
}
