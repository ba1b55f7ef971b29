import { fc, it as prop } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize.js";

const hanChar = fc.constantFrom(..."风险等级暴力威胁自伤自残调解纠纷信访邻里宅基地人民个人信息保护法𠀋〇");
const hanRun = fc.array(hanChar, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(""));
const latinWord = fc.stringMatching(/^[A-Za-z0-9]{1,10}$/);
const separator = fc.constantFrom(" ", "，", "。", ", ", "(", ")", "`", "\n", "、", "-", "：");
const mixed = fc
  .array(fc.tuple(fc.oneof(hanRun, latinWord), separator), { maxLength: 8 })
  .map((parts) => parts.map(([w, s]) => w + s).join(""));
const han = /\p{Script=Han}/u;

describe("tokenize", () => {
  prop.prop([mixed])("every pair of adjacent Han characters in the text is one of its terms", (text) => {
    const terms = new Set(tokenize(text));
    const chars = Array.from(text);
    for (let i = 0; i + 1 < chars.length; i++) {
      if (han.test(chars[i]!) && han.test(chars[i + 1]!)) expect(terms).toContain(chars[i]! + chars[i + 1]!);
    }
  });

  prop.prop([fc.array(latinWord, { minLength: 1, maxLength: 6 }), separator])("Latin words split on spaces and punctuation, lower-cased", (words, sep) => {
    expect(tokenize(words.join(sep))).toEqual(words.map((w) => w.toLowerCase()));
  });

  prop.prop([mixed])("no term is empty, none mixes Han with other letters, and none has more than two Han characters", (text) => {
    for (const term of tokenize(text)) {
      expect(term.length).toBeGreaterThan(0);
      const hanCount = Array.from(term).filter((c) => han.test(c)).length;
      if (hanCount > 0) expect(hanCount).toBe(Array.from(term).length);
      expect(hanCount).toBeLessThanOrEqual(2);
    }
  });

  prop.prop([mixed, hanRun.filter((r) => Array.from(r).length >= 2)])("a Chinese query's terms are all among the terms of any text containing it", (text, word) => {
    const terms = new Set(tokenize(`${text}${word}${text}`));
    for (const q of tokenize(word)) expect(terms).toContain(q);
  });

  it("splits the examples of its documentation", () => {
    expect(tokenize("暴力威胁 threatOfViolence")).toEqual(["暴力", "力威", "威胁", "threatofviolence"]);
    expect(tokenize("createLedger(actor)")).toEqual(["createledger", "actor"]);
    expect(tokenize("第2次调解")).toEqual(["第", "2", "次调", "调解"]);
    expect(tokenize("")).toEqual([]);
  });

  prop.prop([mixed])("works the same when rebuilt from its source text, as VitePress sends it to the browser", (text) => {
    const rebuilt = new Function(`return ${tokenize.toString()}`)() as typeof tokenize;
    expect(rebuilt(text)).toEqual(tokenize(text));
  });
});
