import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { canonicalJson } from "./canonical-json.js";

/** The same value with every object's keys inserted in another order (a permutation from the seed). */
const reorder = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i + 1));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const weight = (key: string): number => {
    let h = seed | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x9e3779b1);
    return h;
  };
  const keys = Object.keys(record).sort((a, b) => weight(a) - weight(b) || (a < b ? -1 : 1));
  const out: Record<string, unknown> = {};
  for (const key of keys) Object.defineProperty(out, key, { value: reorder(record[key], seed * 31 + 7), enumerable: true, writable: true, configurable: true });
  return out;
};

/** The value with -0 read as 0: JSON has one zero, and JSON.stringify writes -0 as 0. */
const oneZero = (value: unknown): unknown => {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(oneZero);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: oneZero(v), enumerable: true, writable: true, configurable: true });
  return out;
};

/** A plain recursive writer, the reference for shallow values: sorted keys, JSON.stringify's leaves. */
const reference = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
};

/** `inner` inside `depth` arrays, objects (key "a") or both in turn, built with a loop. */
const deep = (depth: number, kind: "array" | "object" | "mixed", inner: unknown): unknown => {
  let value = inner;
  for (let i = 0; i < depth; i++) value = kind === "array" || (kind === "mixed" && i % 2 === 0) ? [value] : { a: value };
  return value;
};

describe("canonicalJson", () => {
  test.prop([fc.jsonValue()])("parses back to a value deep-equal to its input (-0 aside, which JSON writes as 0)", (x) => {
    expect(JSON.parse(canonicalJson(x))).toStrictEqual(oneZero(x));
  });

  test.prop([fc.jsonValue(), fc.integer()])("the key order of the input never changes the output", (x, seed) => {
    expect(canonicalJson(reorder(x, seed))).toBe(canonicalJson(x));
  });

  test.prop([fc.jsonValue()])("is a fixed point: writing the parsed output again gives the same text", (x) => {
    const text = canonicalJson(x);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  test.prop([fc.jsonValue()])("has no whitespace outside strings", (x) => {
    // Strings are JSON.stringify's, so removing them leaves only structure, numbers and literals.
    const outside = canonicalJson(x).replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(outside).not.toMatch(/\s/);
  });

  test.prop([fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" })), fc.double({ noNaN: true, noDefaultInfinity: true })])(
    "writes every string and number exactly as JSON.stringify does, as keys too",
    (s, n) => {
      expect(canonicalJson(s)).toBe(JSON.stringify(s));
      expect(canonicalJson(n)).toBe(JSON.stringify(n));
      expect(canonicalJson({ [s]: n })).toBe(`{${JSON.stringify(s)}:${JSON.stringify(n)}}`);
    },
  );

  test.prop([fc.jsonValue(), fc.integer()])("equals a plain recursive reference on shallow values", (x, seed) => {
    expect(canonicalJson(x)).toBe(reference(x));
    expect(canonicalJson(reorder(x, seed))).toBe(reference(x));
  });

  test.prop([fc.constantFrom<"array" | "object" | "mixed">("array", "object", "mixed"), fc.constantFrom<unknown>(null, 7, "二", Number.NaN, new Date(0), () => 0)], { numRuns: 8 })(
    "writes a value nested 100,000 deep, or refuses it with its TypeError, never a RangeError",
    (kind, inner) => {
      const depth = 100_000;
      const value = deep(depth, kind, inner);
      const innerText = (() => {
        try {
          return canonicalJson(inner);
        } catch {
          return undefined;
        }
      })();
      if (innerText === undefined) {
        expect(() => canonicalJson(value)).toThrow(TypeError);
        return;
      }
      // The text is the value's openings, its innermost leaf written alone, then one closing per level.
      const text = canonicalJson(value);
      const opens = kind === "array" ? "[".repeat(depth) : kind === "object" ? '{"a":'.repeat(depth) : '{"a":['.repeat(depth / 2);
      expect(text.startsWith(opens)).toBe(true);
      expect(text.length).toBe(opens.length + innerText.length + depth);
      expect(text.slice(opens.length, opens.length + innerText.length)).toBe(innerText);
    },
  );

  test("sorts keys by UTF-16 code units, not by number or code point", () => {
    // "10" < "2" as text, although a JavaScript object lists "2" first; U+1F600 (surrogates D83D DE00)
    // sorts before U+FF61 in UTF-16, although it comes after it by code point.
    expect(canonicalJson({ b: 1, 2: "two", 10: "ten", a: [true, null] })).toBe('{"10":"ten","2":"two","a":[true,null],"b":1}');
    expect(canonicalJson({ "\uFF61": 1, "\u{1F600}": 2, Z: 3, a: 4 })).toBe('{"Z":3,"a":4,"\u{1F600}":2,"\uFF61":1}');
  });

  test("writes numbers and strings as JSON.stringify does and omits undefined properties", () => {
    expect(canonicalJson({ n: -0, big: 1e21, small: 1e-7, s: 'a"\\\n\u2028二', u: undefined })).toBe(
      `{"big":1e+21,"n":0,"s":${JSON.stringify('a"\\\n\u2028二')},"small":1e-7}`,
    );
    for (const lone of ["\ud800", "a\udfffb", "\u007f\u0000"]) expect(canonicalJson({ [lone]: lone })).toBe(`{${JSON.stringify(lone)}:${JSON.stringify(lone)}}`);
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 2, a: 1 }))).toBe('{"a":1,"b":2}');
  });

  test("a value shared by two properties is not a cycle", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}');
  });

  describe("refuses what JSON cannot hold", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = cyclic;
    const cyclicArray: Array<unknown> = [1];
    cyclicArray.push([cyclicArray]);
    const refused: ReadonlyArray<readonly [string, unknown]> = [
      ["NaN", Number.NaN],
      ["Infinity", Number.POSITIVE_INFINITY],
      ["-Infinity", Number.NEGATIVE_INFINITY],
      ["a function", () => 1],
      ["a symbol", Symbol("s")],
      ["a bigint", 1n],
      ["undefined", undefined],
      ["undefined in an array", [1, undefined]],
      ["a hole in an array", [1, , 3]], // eslint-disable-line no-sparse-arrays
      ["a cycle through an object", cyclic],
      ["a cycle through arrays", cyclicArray],
      ["a Date", new Date(0)],
      ["a Map", new Map([["a", 1]])],
      ["a function as a property", { f: () => 1 }],
      ["a symbol as a property", { s: Symbol("s") }],
    ];
    for (const [name, value] of refused) {
      test(name, () => {
        expect(() => canonicalJson(value)).toThrow(TypeError);
      });
    }

    const bad = fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, () => 0, Symbol("x"), 5n, new Date(0));
    const nested = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        bad,
        fc.tuple(fc.array(fc.jsonValue(), { maxLength: 2 }), tie("node")).map(([xs, b]) => [...xs, b]),
        fc.tuple(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 }), fc.string(), tie("node")).map(([o, k, b]) => ({ ...o, [k]: b })),
      ),
    })).node;
    test.prop([nested])("anywhere inside a value, naming where", (value) => {
      expect(() => canonicalJson(value)).toThrow(/cannot be written as JSON/);
    });
  });
});
