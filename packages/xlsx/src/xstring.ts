// OOXML's escape for text a workbook's XML cannot hold as it is (ECMA-376,
// ST_Xstring): a character is written `_xHHHH_`, and a literal `_xHHHH_` has
// its underscore escaped. We also escape what exceljs would change on the way:
// its writer drops control characters, XML turns a carriage return into a line
// feed, and its reader decodes the five named entities once more than it
// should, so the ampersand of a literal `&lt;` goes escaped too.

// Control characters but tab and line feed; the carriage return; U+FFFE and
// U+FFFF; a surrogate without its pair.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)|&(?=(?:lt|gt|amp|quot|apos);)/g;
const UNSAFE_ANY = new RegExp(UNSAFE.source);
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

const hex = (c: string): string => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/**
 * Text as a cell of a workbook holds it: unchanged unless it has a character
 * XML cannot hold or a sequence a reader would change, which is written in
 * OOXML's `_xHHHH_` escape (Excel and WPS show the character).
 *
 * @example
 * ```ts
 * encodeXstring("甲\r\n乙"); // "甲_x000D_\n乙"
 * ```
 * @since 0.5.0
 */
export const encodeXstring = (text: string): string => (UNSAFE_ANY.test(text) ? text.replace(UNSAFE, hex) : text);

/**
 * The text of a cell as written, its `_xHHHH_` escapes decoded.
 *
 * @example
 * ```ts
 * decodeXstring("甲_x000D_\n乙"); // "甲\r\n乙"
 * ```
 * @since 0.5.0
 */
export const decodeXstring = (text: string): string =>
  text.includes("_x") ? text.replace(ESCAPED, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))) : text;
