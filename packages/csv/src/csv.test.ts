import { fc, it as prop } from "@fast-check/vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { stringifyWhole } from "./csv-writer.js";
import { encodeText as encodeTextFor, textDecoding } from "./encoding.js";
import { type CsvEncoding, FORMULA_GUARD, detectEncoding, neutraliseFormula, readCsv, restoreFormula, writeCsv } from "./index.js";

const encodings: ReadonlyArray<CsvEncoding> = ["utf-8-bom", "utf-8", "gb18030"];

/** Text a ledger's cell may hold, hostile to CSV and spreadsheets: quotes, commas, line breaks, formula starts, emoji, CJK beyond the BMP, long runs. */
const hostileCell = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ",", "\n", "\r", "\r\n", "=", "+", "-", "@", "\t", "'", " ", "a", "村", "𠀀", "😀", "；") }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("=HYPERLINK(\"http://x\",\"y\")", "-5", "@SUM(A1)", "'=1", "", "x".repeat(5_000)),
);
const records = fc.array(fc.array(hostileCell, { minLength: 1, maxLength: 6 }), { maxLength: 25 });

const bytesOf = async (chunks: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const all: Array<Uint8Array> = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
};

/** The bytes cut at the given points, as a reader receives them from a stream. */
const cut = (bytes: Buffer, points: ReadonlyArray<number>): Array<Uint8Array> => {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Array<Uint8Array> = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
};

const readAll = async (chunks: Iterable<Uint8Array>, encoding?: CsvEncoding) => {
  const out = [];
  for await (const r of readCsv(chunks, encoding === undefined ? {} : { encoding })) out.push(r);
  return out;
};

describe("formula guard", () => {
  prop.prop([fc.string({ unit: "grapheme" })])("no neutralised cell starts a formula, and restoring gives the text back", (s) => {
    const safe = neutraliseFormula(s);
    expect(["=", "+", "-", "@", "\t", "\r"]).not.toContain(safe.charAt(0));
    expect(restoreFormula(safe)).toBe(s);
  });

  it("guards each formula start and the guard itself, nothing else", () => {
    for (const s of ["=1", "+1", "-1", "@A", "\tx", "\rx", "'x"]) expect(neutraliseFormula(s)).toBe(FORMULA_GUARD + s);
    for (const s of ["", "张三", "1-2", "a=b"]) expect(neutraliseFormula(s)).toBe(s);
  });
});

describe("decoding a byte stream", () => {
  // iconv-lite's own streaming decoder loses half of a four-byte GB18030 character cut over three chunks (found by the round trip below).
  prop.prop([fc.string({ unit: fc.constantFrom("a", ",", " ", "\n", "村", "²", "€", "𠀀", "😀", "1", "@") }), fc.constantFrom(...encodings), fc.array(fc.nat(), { maxLength: 8 })], { numRuns: 300 })(
    "gives the text back however the bytes are cut",
    (text, encoding, points) => {
      const decoding = textDecoding(encoding);
      const bytes = Buffer.from(encodeTextFor(text, encoding));
      const back = cut(bytes, points).map((c) => decoding.write(c)).join("") + decoding.end();
      expect(back).toBe(text);
    },
  );
});

describe("writeCsv and readCsv", () => {
  prop.prop([records, fc.constantFrom(...encodings), fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 1, max: 7 })], {
    numRuns: 60,
    // Once found: a four-byte GB18030 character cut over three chunks.
    examples: [[[["", '"'], ['""+\n𠀀', "²"]], "gb18030", [1339560480, 36427093], 1]],
  })(
    "round trip: every record and cell comes back, in every encoding, however the bytes are cut and chunked",
    async (rows, encoding, points, chunkRecords) => {
      const bytes = await bytesOf(writeCsv(rows, { encoding, chunkRecords }));
      const back = await readAll(cut(bytes, points), encoding);
      expect(back.map((r) => r.cells)).toEqual(rows);
      expect(back.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1));
    },
  );

  prop.prop([records, fc.integer({ min: 1, max: 7 })], { numRuns: 100 })("writes exactly the bytes csv-stringify writes for the same records in one call", async (rows, chunkRecords) => {
    const bytes = await bytesOf(writeCsv(rows, { encoding: "utf-8", chunkRecords }));
    expect(bytes.toString("utf8")).toBe(stringifyWhole(rows));
  });

  prop.prop([records.filter((rows) => rows.some((r) => r.some((c) => /[^\x00-\x7f]/.test(c)))), fc.constantFrom(...encodings)], { numRuns: 40 })(
    "the encoding is detected: a byte-order mark, else valid UTF-8, else GB18030",
    async (rows, encoding) => {
      const bytes = await bytesOf(writeCsv(rows, { encoding }));
      const back = await readAll([bytes]);
      expect(back.map((r) => r.cells)).toEqual(rows);
    },
  );

  it("writes UTF-8 with a byte-order mark by default, GB18030 as iconv-lite encodes it, records ending in CRLF", async () => {
    const rows = [["序号", "村(社区)"], ["1", "溪口村"]];
    const utf8 = await bytesOf(writeCsv(rows));
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.subarray(3).toString("utf8")).toBe("序号,村(社区)\r\n1,溪口村\r\n");
    const gb = await bytesOf(writeCsv(rows, { encoding: "gb18030" }));
    expect(gb.equals(iconv.encode("序号,村(社区)\r\n1,溪口村\r\n", "gb18030"))).toBe(true);
    expect(detectEncoding(gb, true)).toBe("gb18030");
    expect(detectEncoding(utf8, true)).toBe("utf-8-bom");
    expect(detectEncoding(utf8.subarray(3), true)).toBe("utf-8");
  });

  it("counts a UTF-8 sequence cut at the end of a partial head as valid, and one cut at the end of the whole file as not", () => {
    const bytes = Buffer.from("村", "utf8").subarray(0, 2);
    expect(detectEncoding(bytes, false)).toBe("utf-8");
    expect(detectEncoding(bytes, true)).toBe("gb18030");
  });

  it("tells each record's number and the line it begins on, across quoted line breaks and skipped empty lines", async () => {
    const text = 'h1,h2\r\n\r\n1,"two\nlines"\r\n\r\n3,4\r\n5';
    const back = await readAll([Buffer.from(text)]);
    expect(back).toEqual([
      { row: 1, line: 1, cells: ["h1", "h2"] },
      { row: 2, line: 3, cells: ["1", "two\nlines"] },
      { row: 3, line: 6, cells: ["3", "4"] },
      { row: 4, line: 7, cells: ["5"] },
    ]);
  });

  it("rejects a malformed quote with csv-parse's error naming the line", async () => {
    await expect(readAll([Buffer.from('a,b\r\n1,"open\r\n2,3')])).rejects.toThrow(/line/i);
  });
});

// An independent parser: Python's own csv module reads what writeCsv wrote.
const PYTHON = ["/usr/bin/python3", "python3"].find((p) => p.includes("/") ? existsSync(p) : true);
const pythonWorks = (() => {
  try {
    execFileSync(PYTHON ?? "python3", ["-c", "import csv, json, sys"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const PARSE = "import csv, io, json, sys\ndata = sys.stdin.buffer.read().decode(sys.argv[1])\nprint(json.dumps(list(csv.reader(io.StringIO(data, newline='')))))";

describe("an independent reader (Python's csv module)", () => {
  if (!pythonWorks) {
    if (process.env.CI === "true") it("needs python3 under CI=true", () => expect.fail("python3 is missing: the independent CSV check cannot run"));
    else it.todo("not run: python3 is missing");
    return;
  }
  prop.prop([records.filter((rows) => rows.length > 0), fc.constantFrom(...encodings)], {
    numRuns: 15,
    // Once found: a character whose GB18030 bytes the 2000 and 2005 editions read differently.
    examples: [[[["ḿ", ""]], "gb18030"]],
  })(
    "reads the same records, every formula start guarded",
    async (rows, encoding) => {
      const bytes = await bytesOf(writeCsv(rows, { encoding }));
      const codec = encoding === "utf-8-bom" ? "utf-8-sig" : encoding;
      const read = JSON.parse(execFileSync(PYTHON ?? "python3", ["-c", PARSE, codec], { input: bytes }).toString("utf8")) as Array<Array<string>>;
      // Python's codec is GB18030-2000, iconv-lite's GB18030-2005: the one mapping
      // 2005 changed swaps U+1E3F (ḿ, bytes A8 BC) and the private-use U+E7C7 (81 35 F4 37).
      const edition = (cell: string) => (encoding === "gb18030" ? cell.replace(/[\u1e3f\ue7c7]/g, (c) => (c === "\u1e3f" ? "\ue7c7" : "\u1e3f")) : cell);
      const parsed = read.map((r) => r.map(edition));
      expect(parsed).toEqual(rows.map((r) => r.map(neutraliseFormula)));
      for (const r of parsed) for (const cell of r) expect(["=", "+", "-", "@", "\t", "\r"]).not.toContain(cell.charAt(0));
    },
  );
});
