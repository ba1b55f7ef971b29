import { fc, it as prop } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { decodeXstring, encodeXstring } from "./xstring.js";

/** Any UTF-16 text, lone surrogates included, with the sequences the escape is about well represented. */
const anyText = fc.string({
  unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom("_x0041_", "_x000D_", "&lt;", "&amp;", "&quot;", "\r", "\r\n", "\u0000", "_", "&", "𠀀")),
  maxLength: 40,
});

// What the XML of a workbook can hold (XML 1.0's Char) and what exceljs leaves alone: no other control characters, no carriage return, no lone surrogate, no U+FFFE or U+FFFF.
const HOLDABLE = /^(?:[\t\n\u0020-\u007E\u0080-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

describe("OOXML's _xHHHH_ escape", () => {
  prop.prop([anyText])("decodes what it encodes, and encodes into text a workbook's XML holds as it is", (text) => {
    const encoded = encodeXstring(text);
    expect(decodeXstring(encoded)).toBe(text);
    expect(encoded).toMatch(HOLDABLE);
    expect(encoded).not.toMatch(/&(?:lt|gt|amp|quot|apos);/);
  });

  prop.prop([fc.string({ unit: fc.constantFrom("村", "a", " ", "\n", "\t", "😀", "=", "'", "x", "_") })])("leaves everyday text unchanged", (text) => {
    expect(encodeXstring(text)).toBe(text);
  });

  it("writes the escape Excel and openpyxl read", () => {
    expect(encodeXstring("甲\r\n乙\u0001_x0041_&lt;")).toBe("甲_x000D_\n乙_x0001__x005F_x0041__x0026_lt;");
  });
});
