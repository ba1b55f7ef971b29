// Hostile inputs for the long fuzzing tests (not part of the public API): values
// that break naive decoders (lone surrogates, bidi overrides, formula and SQL
// text, numbers at the limits of a double, keys that name Object.prototype's
// members, objects without a prototype, nesting thousands deep), and one
// mutation of a VALID value at a random place, which reaches much deeper into a
// schema than noise does.
import fc from "fast-check";

/** A path into a value: object keys and array indexes. */
export type Path = ReadonlyArray<string | number>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Sets an own, enumerable property (even `__proto__`, as `JSON.parse` does), never the prototype. */
export const defineOwn = (target: object, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

/** An object with exactly these own entries, with Object.prototype or none. */
export const objectOf = (entries: ReadonlyArray<readonly [string, unknown]>, nullPrototype = false): Record<string, unknown> => {
  const out = (nullPrototype ? Object.create(null) : {}) as Record<string, unknown>;
  for (const [k, v] of entries) defineOwn(out, k, v);
  return out;
};

// Built once: a sample draws them by reference, so a megabyte string costs nothing per run.
const HUGE_STRINGS: ReadonlyArray<string> = [
  "纠".repeat(10_001),
  "x".repeat(100_000),
  "=".repeat(1_000_000),
  "\u202e".repeat(5_000),
  "\ud800".repeat(20_000),
  `${"a".repeat(63)}b`,
  "a".repeat(64),
  "a".repeat(65),
];

/** Text known to break parsers, spreadsheets, databases or the eye. */
export const HOSTILE_STRINGS: ReadonlyArray<string> = [
  "",
  " ",
  "\t",
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u001b[31m",
  "\ud800",
  "\udfff",
  "a\ud800b",
  "\udc00\ud800",
  "\ufeff",
  "\ufeffabc",
  "\u200b",
  "\u200d",
  "\u202eevil\u202c",
  "\u2066abc\u2069",
  "\u061c",
  "\u00a0",
  "\u3000",
  "\u2028",
  "\u2029",
  "\u0085",
  "\r\n",
  "\n",
  "\r",
  '=HYPERLINK("http://evil.example","点我")',
  "=1+1",
  "+1",
  "-1",
  "@SUM(A1)",
  "\t=cmd|' /C calc'!A0",
  "'; DROP TABLE disputes; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; SELECT pg_sleep(10)",
  "\\",
  "\\u0000",
  "%s%n%x",
  "${7*7}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x10",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "2025-02-30",
  "2025-13-01",
  "0000-00-00",
  "9999-12-31",
  "2025-2-3",
  " 2025-02-03",
  "2025-02-03T00:00:00Z",
  "２０２５-０２-０３",
  "532301104201",
  "53230110420",
  "532301104201 ",
  "11010519491231002X",
  "11010519491231002x",
  "110105194912310021",
  "13800138000",
  "+8613800138000",
  "张三",
  "𠀀𠀁",
  "👨‍👩‍👧",
  "e\u0301",
  "ＩＤ",
  "ﬁ",
  "İ",
  "red",
  "RED",
  "person",
  "organisation",
];

const TRICKY_CHARS: ReadonlyArray<string> = ["\u0000", "\ud800", "\udfff", "\u202e", "\u200b", "\ufeff", "\u2028", '"', "\\", "\n", "=", "'", ";", "-", "村", "𠀀", "😀", " ", "a", "0", "X"];

/** A hostile string: a known one, a random one of any code units, or a huge one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY_CHARS), maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
);

const LIMIT_NUMBERS: ReadonlyArray<number> = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1,
  -1,
  0.5,
  1e-7,
  Number.EPSILON,
  Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MIN_SAFE_INTEGER - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  1e21,
  1_000_001,
  20250230,
];

/** A number at or past the limits of a double, or any double. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LIMIT_NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

/** Keys that name Object.prototype's members, look like others, or are empty. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then", "length", "0", "", " ", "id ", "ＩＤ", "\u0000", "\ud800", "$where", "__defineGetter__", "kind", "op", "of") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/**
 * Objects that cannot be turned into text (String() throws on them), or that
 * pretend to be something: `{ toString: {} }`, a null prototype, a non-callable
 * `Symbol.toPrimitive`, an array with a `kind` field.
 */
const trickObject: fc.Arbitrary<unknown> = fc.constantFrom(
  () => objectOf([["toString", {}]]),
  () => objectOf([["toString", 1], ["valueOf", 1]]),
  () => objectOf([], true),
  () => objectOf([["kind", "person"], ["op", "is"]], true),
  () => ({ [Symbol.toPrimitive]: 1 }),
  () => objectOf([["__proto__", { polluted: true }]]),
  () => objectOf([["constructor", { prototype: { polluted: true } }]]),
  () => Object.assign([1, 2], { kind: "person" }),
  () => [, 1],
  () => new Array(5),
).map((make) => make());

/** Values JSON cannot hold, for callers that pass objects rather than parsed text. */
const exotic: fc.Arbitrary<unknown> = fc.constantFrom(
  () => undefined,
  () => new Date(0),
  () => new Date(Number.NaN),
  () => /x/,
  () => new Map([["a", 1]]),
  () => new Set([1]),
  () => Symbol("s"),
  () => () => 1,
  () => new Uint8Array(3),
  () => new Error("e"),
  () => Object.freeze({ a: 1 }),
).map((make) => make());

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: trickObject },
  { weight: 1, arbitrary: exotic },
);

/** A value nested `depth` levels deep, built without recursion. */
export const nested = (depth: number, kind: "array" | "object" | "null-prototype" | "mixed", inner: unknown = null): unknown => {
  let v: unknown = inner;
  for (let i = 0; i < depth; i++) {
    if (kind === "array" || (kind === "mixed" && i % 2 === 0)) v = [v];
    else v = objectOf([["a", v]], kind === "null-prototype");
  }
  return v;
};

/** Freezes every object of a value, without recursion; {@link shapeOf} takes a frozen object as unchangeable. */
const deepFreeze = <T>(root: T): T => {
  const stack: Array<unknown> = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return root;
};

// Built once and frozen, then shared by reference: a 100,000-deep value costs
// milliseconds to build, and a decoder that tried to change one would throw.
const DEEP: ReadonlyArray<unknown> = [64, 3_000, 30_000, 100_000].flatMap((depth) =>
  (["array", "object", "null-prototype", "mixed"] as const).flatMap((kind) =>
    [null, objectOf([["toString", {}]])].map((inner) => deepFreeze(nested(depth, kind, inner))),
  ),
);

const DEEP_SET: ReadonlySet<unknown> = new Set(DEEP);
const deep: fc.Arbitrary<unknown> = fc.constantFrom(...DEEP);

/** A hostile JSON-ish value: a hostile leaf, a small tree of them, or nesting thousands deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; array: Array<unknown>; object: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, { weight: 6, arbitrary: leaf }, { weight: 2, arbitrary: tie("array") }, { weight: 2, arbitrary: tie("object") }, { weight: 1, arbitrary: deep }),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.tuple(fc.array(fc.tuple(hostileKey, tie("value")), { maxLength: 4 }), fc.boolean()).map(([entries, bare]) => objectOf(entries, bare)),
})).value;

/** Every path into a value, its own (the root) first; arrays and plain or prototype-less objects only. */
export const pathsOf = (root: unknown): Array<Path> => {
  const out: Array<Path> = [];
  const stack: Array<{ readonly v: unknown; readonly p: Path }> = [{ v: root, p: [] }];
  while (stack.length > 0) {
    const { v, p } = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], p: [...p, i] });
    else if (isRecord(v)) for (const k of Object.keys(v).reverse()) stack.push({ v: v[k], p: [...p, k] });
  }
  return out;
};

/** The value at a path (own properties only), or undefined. */
export const valueAt = (root: unknown, path: Path): unknown => {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === "number") node = node[key];
    else if (isRecord(node) && typeof key === "string" && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
};

/** A shallow copy with the same prototype and own keys (`__proto__` included). */
const shallowCopy = (node: unknown): unknown => {
  if (Array.isArray(node)) return [...node];
  const source = node as Record<string, unknown>;
  const copy = Object.create(Object.getPrototypeOf(source) as object | null) as Record<string, unknown>;
  for (const k of Object.keys(source)) defineOwn(copy, k, source[k]);
  return copy;
};

/** A copy of `root` with the node at `path` replaced by `update(node)`; `root` is never changed. */
export const updateAt = (root: unknown, path: Path, update: (node: unknown) => unknown): unknown => {
  if (path.length === 0) return update(root);
  const [key, ...rest] = path;
  const copy = shallowCopy(root) as Record<string | number, unknown>;
  if (Array.isArray(copy)) copy[key as number] = updateAt(copy[key as number], rest, update);
  else defineOwn(copy, key as string, updateAt(copy[key as string], rest, update));
  return copy;
};

const removeKey = (node: unknown, key: string | number): unknown => {
  if (Array.isArray(node)) return node.filter((_, i) => i !== key);
  const copy = shallowCopy(node) as Record<string, unknown>;
  delete copy[key as string];
  return copy;
};

/** How many times an object is put inside itself. */
const SELF_NEST_TIMES: ReadonlyArray<number> = [1, 2, 5, 30, 300];

/** The ways one field of a valid value goes wrong. */
const MUTATIONS = [
  "replace",
  "delete",
  "add-key",
  "array-for-object",
  "string-edit",
  "number-edit",
  "wrap",
  "self-nest",
  "no-prototype",
  "repeat-items",
  "swap",
  "to-text",
] as const;
type Mutation = (typeof MUTATIONS)[number];

const STRING_EDITS = [
  (s: string, c: string, i: number) => s.slice(0, i % (s.length + 1)) + c + s.slice(i % (s.length + 1)),
  (s: string, c: string, i: number) => s.slice(0, i % (s.length + 1)) + c + s.slice((i % (s.length + 1)) + 1),
  (s: string) => ` ${s} `,
  (s: string) => s.slice(0, -1),
  (s: string) => s.slice(1),
  (s: string) => s.toUpperCase(),
  (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))),
  (s: string) => s + s.repeat(Math.ceil(3_000 / Math.max(1, s.length))),
  (s: string) => `${s}\u0000`,
  (s: string) => `\u202e${s}`,
  (s: string) => `=${s}`,
  () => "",
] as const;

const NUMBER_EDITS = [
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => -0,
  (n: number) => n + 0.5,
  (n: number) => n + 1,
  (n: number) => n - 1,
  (n: number) => -n,
  (n: number) => n * 1e6,
  () => Number.MAX_SAFE_INTEGER + 1,
  () => Number.MAX_VALUE,
] as const;

/** One mutation applied to `value` at the `pick`-th path (modulo), drawing from `random` for what it needs. */
const mutate = (value: unknown, kind: Mutation, pick: number, random: { readonly hostile: unknown; readonly key: string; readonly n: number; readonly c: string }): unknown => {
  const paths = pathsOf(value);
  const at = paths[pick % paths.length]!;
  const node = valueAt(value, at);
  const last = at[at.length - 1];
  switch (kind) {
    case "replace":
      return updateAt(value, at, () => random.hostile);
    case "delete":
      return last === undefined ? undefined : updateAt(value, at.slice(0, -1), (parent) => removeKey(parent, last));
    case "add-key": {
      const objects = paths.filter((p) => isRecord(valueAt(value, p)));
      if (objects.length === 0) return updateAt(value, at, () => objectOf([[random.key, random.hostile]]));
      return updateAt(value, objects[pick % objects.length]!, (o) => {
        const copy = shallowCopy(o) as Record<string, unknown>;
        defineOwn(copy, random.key, random.hostile);
        return copy;
      });
    }
    case "array-for-object":
      if (Array.isArray(node)) return updateAt(value, at, () => objectOf(node.map((v, i) => [String(i), v] as const)));
      if (isRecord(node)) return updateAt(value, at, () => Object.values(node));
      return updateAt(value, at, () => [node]);
    case "string-edit": {
      const strings = paths.filter((p) => typeof valueAt(value, p) === "string");
      if (strings.length === 0) return updateAt(value, at, () => random.c);
      const edit = STRING_EDITS[random.n % STRING_EDITS.length]!;
      return updateAt(value, strings[pick % strings.length]!, (s) => edit(s as string, random.c, random.n));
    }
    case "number-edit": {
      const numbers = paths.filter((p) => typeof valueAt(value, p) === "number");
      if (numbers.length === 0) return updateAt(value, at, () => LIMIT_NUMBERS[random.n % LIMIT_NUMBERS.length]);
      const edit = NUMBER_EDITS[random.n % NUMBER_EDITS.length]!;
      return updateAt(value, numbers[pick % numbers.length]!, (n) => edit(n as number));
    }
    case "wrap":
      return updateAt(value, at, (n) => (random.n % 2 === 0 ? [n] : objectOf([[random.key, n]])));
    case "self-nest": {
      // An object put inside itself again and again, at one of its own object
      // places: a condition inside its own `of`, a party inside a party, …
      // (Nesting thousands deep is the job of the DEEP values and of the
      // dedicated checks of self-referring schemas.)
      const objects = paths.filter((p) => isRecord(valueAt(value, p)));
      if (objects.length === 0) return updateAt(value, at, () => nested(300, "array", node));
      const outer = objects[pick % objects.length]!;
      const host = valueAt(value, outer);
      const holes = pathsOf(host).filter((p) => p.length > 0 && isRecord(valueAt(host, p)));
      if (holes.length === 0) return updateAt(value, outer, () => objectOf([[random.key, host]]));
      const hole = holes[random.n % holes.length]!;
      const times = SELF_NEST_TIMES[Math.floor(random.n / 7) % SELF_NEST_TIMES.length]!;
      let built: unknown = valueAt(host, hole);
      for (let i = 0; i < times; i++) {
        const layer = built;
        built = updateAt(host, hole, () => layer);
      }
      return updateAt(value, outer, () => built);
    }
    case "no-prototype": {
      const objects = paths.filter((p) => isRecord(valueAt(value, p)));
      if (objects.length === 0) return updateAt(value, at, () => objectOf([], true));
      return updateAt(value, objects[pick % objects.length]!, (o) => {
        const bare = objectOf(Object.entries(o as Record<string, unknown>), true);
        if (random.n % 3 === 0) defineOwn(bare, "toString", {});
        return bare;
      });
    }
    case "repeat-items": {
      const arrays = paths.filter((p) => Array.isArray(valueAt(value, p)));
      if (arrays.length === 0) return updateAt(value, at, (n) => Array.from({ length: 1_000 }, () => n));
      const times = [2, 10, 100, 1_000][random.n % 4]!;
      return updateAt(value, arrays[pick % arrays.length]!, (a) => Array.from({ length: times }, () => a as Array<unknown>).flat());
    }
    case "swap": {
      const other = paths[random.n % paths.length]!;
      const a = valueAt(value, at);
      const b = valueAt(value, other);
      // A path and one inside it cannot trade places: the inner value replaces the outer.
      const within = (p: Path, q: Path) => p.length <= q.length && p.every((k, i) => k === q[i]);
      if (within(at, other) || within(other, at)) return updateAt(value, at, () => b);
      return updateAt(updateAt(value, at, () => b), other, () => a);
    }
    case "to-text":
      return updateAt(value, at, (n) => (typeof n === "object" && n !== null ? "[object Object]" : String(n)));
  }
};

/** A valid value with one field gone wrong at a random place. */
export const mutated = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc
    .record({ value: valid, kind: fc.constantFrom(...MUTATIONS), pick: fc.nat(), hostile: hostileValue, key: hostileKey, n: fc.nat(), c: fc.constantFrom(...TRICKY_CHARS, ...HOSTILE_STRINGS.slice(0, 30)) })
    .map(({ value, kind, pick, ...random }) => mutate(value, kind, pick, random));

/**
 * The inputs a decoder is fuzzed with: mostly a valid value with one mutation
 * (which gets past the first checks), sometimes a valid value as it is (so
 * acceptance is exercised too), sometimes pure hostile noise.
 */
export const hostileInput = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 6, arbitrary: mutated(valid) }, { weight: 1, arbitrary: valid }, { weight: 2, arbitrary: hostileValue });

/**
 * A fingerprint of a value's whole structure (keys, prototypes, leaves; strings
 * by length and ends), computed without recursion: equal before and after a call
 * when the call did not change its input.
 */
export const shapeOf = (root: unknown): string => {
  const parts: Array<string> = [];
  const seen = new Set<object>();
  const stack: Array<unknown> = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") parts.push(`s${v.length}:${v.slice(0, 8)}:${v.slice(-8)}`);
    else if (typeof v !== "object" || v === null) parts.push(typeof v === "symbol" ? "sym" : `${typeof v}:${String(v)}`);
    else if (seen.has(v)) parts.push("seen");
    else if (Object.isFrozen(v) && DEEP_SET.has(v)) parts.push("frozen");
    else {
      seen.add(v);
      const keys = Object.keys(v);
      const proto: unknown = Object.getPrototypeOf(v);
      parts.push(`${Array.isArray(v) ? "a" : proto === null ? "n" : proto === Object.prototype ? "o" : "x"}${keys.length}:${keys.join("\u0001")}`);
      for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return parts.join("\u0002");
};

/** The seed of a fuzzing run: `FUZZ_SEED` from the environment to replay one, otherwise a fixed one. */
export const fuzzSeed = (fallback: number): number => {
  const given = Number(process.env.FUZZ_SEED);
  return Number.isInteger(given) ? given : fallback;
};
