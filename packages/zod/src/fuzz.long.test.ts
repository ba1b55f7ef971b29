// Fuzzing of the zod schemas `toZod` derives from every public schema of the
// core: over hostile values and valid values with one field gone wrong,
// `safeParse` never throws, never changes its input, and accepts exactly what
// core's `decode` accepts (parity under fuzzing). The hostile values are made
// here (the core's fuzzing helpers are not part of its published package):
// lone surrogates, bidi overrides, formula and SQL text, numbers at the limits,
// keys naming Object.prototype's members, objects without a prototype, nesting
// up to 100,000 deep. Replay a run with FUZZ_SEED=<seed printed>.
import { type PublicSchemaName, decode, publicSchemas } from "@tiaojie/core";
import { arbitraries } from "@tiaojie/core/arbitraries";
import type { Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { publicZodSchemas } from "./index.js";

const given = Number(process.env.FUZZ_SEED);
const SEED = Number.isInteger(given) ? given : 20_250_215;
const names = Object.keys(publicSchemas) as Array<PublicSchemaName>;
/** Inputs per schema: every schema gets this many, together well over 100,000. */
const PER_SCHEMA = 2_600;

type Path = ReadonlyArray<string | number>;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const defineOwn = (o: object, k: string, v: unknown): void => void Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
const objectOf = (entries: ReadonlyArray<readonly [string, unknown]>, bare = false): Record<string, unknown> => {
  const o = (bare ? Object.create(null) : {}) as Record<string, unknown>;
  for (const [k, v] of entries) defineOwn(o, k, v);
  return o;
};

// ——— Hostile values ———

const STRINGS = [
  "", " ", "\u0000", "\ud800", "\udfff", "a\ud800b", "\ufeff", "\u200b", "\u202eevil\u202c", "\u2066x\u2069", "\u2028", "\r\n", "\u3000",
  '=HYPERLINK("http://evil.example","点我")', "=1+1", "+1", "-1", "@SUM(A1)", "'; DROP TABLE disputes; --", "' OR '1'='1", "${7*7}", "<script>alert(1)</script>",
  "__proto__", "constructor", "toString", "valueOf", "NaN", "Infinity", "-0", "null", "true", "2025-02-30", "2025-13-01", "9999-12-31", "２０２５-０２-０３",
  "532301104201", "53230110420", "11010519491231002X", "11010519491231002x", "13800138000", "张三", "𠀀𠀁", "👨‍👩‍👧", "e\u0301", "red", "person", "organisation",
  "纠".repeat(10_001), "x".repeat(100_000), "a".repeat(64), "a".repeat(65),
];
const CHARS = ["\u0000", "\ud800", "\u202e", "\u200b", "\ufeff", '"', "\\", "\n", "=", "'", "村", "𠀀", " ", "0", "X"];
const NUMBERS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, -1, 0.5, Number.EPSILON, Number.MIN_VALUE, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 31, 2 ** 32, 1e21, 1_000_001];
const KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then", "length", "0", "", " ", "id ", "\u0000", "kind", "op", "of"];

const hostileString = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...STRINGS) }, { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) }, { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 20 }) });
const hostileNumber = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NUMBERS) }, { weight: 1, arbitrary: fc.double() });
const trick = fc.constantFrom(
  () => objectOf([["toString", {}]]),
  () => objectOf([], true),
  () => objectOf([["kind", "person"], ["op", "is"]], true),
  () => objectOf([["__proto__", { polluted: true }]]),
  () => Object.assign([1], { kind: "person" }),
  () => [, 1],
  () => undefined,
  () => new Date(0),
  () => new Map(),
  () => Symbol("s"),
  () => () => 1,
).map((make) => make());

const nested = (depth: number, kind: "array" | "object" | "bare", inner: unknown): unknown => {
  let v = inner;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : objectOf([["a", v]], kind === "bare");
  return v;
};
const freeze = <T>(root: T): T => {
  const stack: Array<unknown> = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return root;
};
// Built once, frozen, shared: a decoder that tried to change one would throw.
const DEEP = [64, 3_000, 30_000, 100_000].flatMap((d) => (["array", "object", "bare"] as const).flatMap((k) => [null, objectOf([["toString", {}]])].map((inner) => freeze(nested(d, k, inner)))));
const DEEP_SET: ReadonlySet<unknown> = new Set(DEEP);

const leaf = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 3, arbitrary: hostileNumber }, { weight: 1, arbitrary: fc.constantFrom(null, true, false) }, { weight: 2, arbitrary: trick });
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; array: Array<unknown>; object: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, { weight: 6, arbitrary: leaf }, { weight: 2, arbitrary: tie("array") }, { weight: 2, arbitrary: tie("object") }, { weight: 1, arbitrary: fc.constantFrom(...DEEP) }),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.tuple(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie("value")), { maxLength: 4 }), fc.boolean()).map(([e, bare]) => objectOf(e, bare)),
})).value;

// ——— One mutation of a valid value ———

const pathsOf = (root: unknown): Array<Path> => {
  const out: Array<Path> = [];
  const stack: Array<{ readonly v: unknown; readonly p: Path }> = [{ v: root, p: [] }];
  while (stack.length > 0) {
    const { v, p } = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
    else if (isRecord(v)) for (const k of Object.keys(v)) stack.push({ v: v[k], p: [...p, k] });
  }
  return out;
};
const valueAt = (root: unknown, path: Path): unknown => path.reduce<unknown>((n, k) => (Array.isArray(n) || isRecord(n) ? (n as Record<string | number, unknown>)[k] : undefined), root);
const shallowCopy = (node: unknown): Record<string | number, unknown> => {
  if (Array.isArray(node)) return [...node] as unknown as Record<number, unknown>;
  const copy = Object.create(Object.getPrototypeOf(node) as object | null) as Record<string, unknown>;
  for (const k of Object.keys(node as object)) defineOwn(copy, k, (node as Record<string, unknown>)[k]);
  return copy;
};
const updateAt = (root: unknown, path: Path, update: (n: unknown) => unknown): unknown => {
  if (path.length === 0) return update(root);
  const [key, ...rest] = path;
  const copy = shallowCopy(root);
  if (Array.isArray(copy)) copy[key as number] = updateAt(copy[key as number], rest, update);
  else defineOwn(copy, key as string, updateAt(copy[key as string], rest, update));
  return copy;
};

const MUTATIONS = ["replace", "delete", "add-key", "array-for-object", "string-edit", "number-edit", "no-prototype", "self-nest", "repeat-items"] as const;
const mutate = (value: unknown, kind: (typeof MUTATIONS)[number], pick: number, n: number, hostile: unknown, c: string): unknown => {
  const paths = pathsOf(value);
  const at = paths[pick % paths.length]!;
  const node = valueAt(value, at);
  const among = (keep: (v: unknown) => boolean): Path | undefined => {
    const found = paths.filter((p) => keep(valueAt(value, p)));
    return found.length === 0 ? undefined : found[pick % found.length];
  };
  switch (kind) {
    case "replace":
      return updateAt(value, at, () => hostile);
    case "delete":
      return at.length === 0 ? undefined : updateAt(value, at.slice(0, -1), (parent) => {
        if (Array.isArray(parent)) return parent.filter((_, i) => i !== at[at.length - 1]);
        const copy = shallowCopy(parent);
        delete copy[at[at.length - 1]!];
        return copy;
      });
    case "add-key": {
      const o = among(isRecord);
      return o === undefined ? hostile : updateAt(value, o, (x) => {
        const copy = shallowCopy(x);
        defineOwn(copy, KEYS[n % KEYS.length]!, hostile);
        return copy;
      });
    }
    case "array-for-object":
      return updateAt(value, at, () => (isRecord(node) ? Object.values(node) : Array.isArray(node) ? objectOf(node.map((v, i) => [String(i), v] as const)) : [node]));
    case "string-edit": {
      const s = among((v) => typeof v === "string");
      if (s === undefined) return updateAt(value, at, () => c);
      return updateAt(value, s, (x) => {
        const text = x as string;
        const i = n % (text.length + 1);
        return [text.slice(0, i) + c + text.slice(i), ` ${text} `, text.slice(0, -1), text.toUpperCase(), "", `=${text}`][n % 6];
      });
    }
    case "number-edit": {
      const p = among((v) => typeof v === "number");
      return p === undefined ? updateAt(value, at, () => NUMBERS[n % NUMBERS.length]) : updateAt(value, p, (x) => [Number.NaN, Number.POSITIVE_INFINITY, -0, (x as number) + 0.5, (x as number) + 1, -(x as number), (x as number) * 1e6][n % 7]);
    }
    case "no-prototype": {
      const o = among(isRecord);
      return o === undefined ? objectOf([], true) : updateAt(value, o, (x) => objectOf(Object.entries(x as object), true));
    }
    case "self-nest": {
      // An object inside itself again and again, at one of its own object places (up to 300 deep).
      const o = among(isRecord);
      if (o === undefined) return nested(300, "array", value);
      const host = valueAt(value, o);
      const holes = pathsOf(host).filter((p) => p.length > 0 && isRecord(valueAt(host, p)));
      if (holes.length === 0) return updateAt(value, o, () => objectOf([["a", host]]));
      const hole = holes[n % holes.length]!;
      let built = valueAt(host, hole);
      for (let i = 0, times = [1, 2, 5, 30, 300][Math.floor(n / 7) % 5]!; i < times; i++) {
        const layer = built;
        built = updateAt(host, hole, () => layer);
      }
      return updateAt(value, o, () => built);
    }
    case "repeat-items": {
      const a = among(Array.isArray);
      return a === undefined ? [value, value] : updateAt(value, a, (x) => Array.from({ length: [2, 10, 100][n % 3]! }, () => x as Array<unknown>).flat());
    }
  }
};

const hostileInput = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ value: valid, kind: fc.constantFrom(...MUTATIONS), pick: fc.nat(), n: fc.nat(), hostile: hostileValue, c: fc.constantFrom(...CHARS, ...STRINGS.slice(0, 24)) }).map((r) => mutate(r.value, r.kind, r.pick, r.n, r.hostile, r.c)) },
    { weight: 1, arbitrary: valid },
    { weight: 2, arbitrary: hostileValue },
  );

/** A fingerprint of a value's whole structure, without recursion (a frozen shared value stands for itself). */
const shapeOf = (root: unknown): string => {
  const parts: Array<string> = [];
  const seen = new Set<object>();
  const stack: Array<unknown> = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") parts.push(`s${v.length}:${v.slice(0, 8)}`);
    else if (typeof v !== "object" || v === null) parts.push(typeof v === "symbol" ? "sym" : `${typeof v}:${String(v)}`);
    else if (seen.has(v) || DEEP_SET.has(v)) parts.push("known");
    else {
      seen.add(v);
      const keys = Object.keys(v);
      parts.push(`${Array.isArray(v) ? "a" : Object.getPrototypeOf(v) === null ? "n" : "o"}:${keys.join("\u0001")}`);
      for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return parts.join("\u0002");
};

const describeValue = (v: unknown, depth = 0): string => {
  if (typeof v === "string") return v.length > 60 ? `${JSON.stringify(v.slice(0, 30))}…(${v.length})` : JSON.stringify(v);
  if (typeof v !== "object" || v === null) return typeof v === "symbol" ? "Symbol()" : Object.is(v, -0) ? "-0" : String(v);
  if (depth >= 5) return Array.isArray(v) ? "[…]" : "{…}";
  if (Array.isArray(v)) return `[${v.slice(0, 5).map((x) => describeValue(x, depth + 1)).join(",")}${v.length > 5 ? ",…" : ""}]`;
  const bare = Object.getPrototypeOf(v) === null ? "null-prototype " : "";
  return `${bare}{${Object.keys(v).slice(0, 8).map((k) => `${JSON.stringify(k)}:${describeValue((v as Record<string, unknown>)[k], depth + 1)}`).join(",")}}`;
};

interface Tally {
  tried: number;
  accepted: number;
  rejected: number;
  throws: number;
  partialWrites: number;
  disagreements: number;
  seconds: number;
  readonly failures: Array<{ readonly index: number; readonly what: string; readonly input: string }>;
}
const figures = (what: string, t: Tally, seed: string | number): string =>
  `fuzz ${what}: ${t.tried} inputs, ${t.accepted} accepted, ${t.rejected} rejected, ${t.throws} throws, ${t.partialWrites} partial writes, ${t.disagreements} disagreements with core, ${t.seconds.toFixed(1)} s, seed ${seed}`;

/** Runs safeParse and core's decode on every input, counting; a failure is kept with its run index (replay: fc.sample(arbitrary, { seed, numRuns: index + 1 })[index]). */
const fuzzParity = (name: PublicSchemaName, arbitrary: fc.Arbitrary<unknown>, numRuns: number, seed: number): Tally => {
  const zod = publicZodSchemas[name];
  const core = publicSchemas[name] as Schema.Schema<unknown, unknown>;
  const t: Tally = { tried: 0, accepted: 0, rejected: 0, throws: 0, partialWrites: 0, disagreements: 0, seconds: 0, failures: [] };
  const fail = (index: number, what: string, input: unknown) => {
    if (t.failures.length < 5) t.failures.push({ index, what, input: describeValue(input) });
  };
  const started = performance.now();
  fc.assert(
    fc.property(arbitrary, (input) => {
      const index = t.tried++;
      const before = shapeOf(input);
      let success: boolean;
      try {
        const r = zod.safeParse(input);
        success = r.success;
        if (!r.success && !(r.error.issues.length > 0 && r.error.issues.every((i) => typeof i.message === "string" && i.message.length > 0 && Array.isArray(i.path)))) throw new Error("a refusal without issues or messages");
      } catch (error) {
        t.throws += 1;
        const e = error as Error;
        return void fail(index, `safeParse threw ${e.name}: ${e.message.slice(0, 200)} | ${(e.stack ?? "").split("\n").slice(1, 5).map((l) => l.trim()).join(" | ")}`, input);
      }
      t[success ? "accepted" : "rejected"] += 1;
      let ok: boolean | undefined;
      try {
        ok = decode(core, input).ok;
      } catch (error) {
        // A throw of core's decode is the core fuzzing's to report; here it counts as a disagreement.
        ok = undefined;
        fail(index, `core's decode threw ${(error as Error).message.slice(0, 200)}`, input);
      }
      if (ok !== success) {
        t.disagreements += 1;
        fail(index, `zod ${success ? "accepts" : "rejects"}, core ${ok === undefined ? "throws" : ok ? "accepts" : "rejects"}`, input);
      }
      if (shapeOf(input) !== before) {
        t.partialWrites += 1;
        fail(index, "safeParse or decode changed the input", input);
      }
    }),
    { numRuns, seed },
  );
  t.seconds = (performance.now() - started) / 1000;
  return t;
};

describe("every zod schema toZod derives, over hostile and mutated inputs", () => {
  const total: Tally = { tried: 0, accepted: 0, rejected: 0, throws: 0, partialWrites: 0, disagreements: 0, seconds: 0, failures: [] };

  it.each(names.map((name, i) => [name, i] as const))("%s: safeParse never throws, never changes the input, and accepts exactly what core's decode accepts", (name, i) => {
    const t = fuzzParity(name, hostileInput(arbitraries[name] as fc.Arbitrary<unknown>), PER_SCHEMA, SEED + i);
    for (const k of ["tried", "accepted", "rejected", "throws", "partialWrites", "disagreements", "seconds"] as const) total[k] += t[k];
    console.log(figures(`zod ${name}`, t, `${SEED}+${i}`));
    if (i === names.length - 1) console.log(figures(`zod, all ${names.length} public schemas`, total, SEED));
    expect(t.failures).toEqual([]);
    expect(t.tried).toBe(PER_SCHEMA);
    expect(t.accepted).toBeGreaterThan(0);
    expect(t.rejected).toBeGreaterThan(0);
  });

  /** A chain of `depth` conditions around `leaf`: `not`, `all` or `any` at every level. */
  const chain = (depth: number, op: "not" | "all" | "any", leaf: unknown): unknown => {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = op === "not" ? { op, of: v } : { op, of: [v] };
    return v;
  };

  it.each(["GradingTable", "RoutingConfig"] as const)("%s: a condition nested 1,000 to 100,000 deep is parsed or refused, never thrown", (name) => {
    const arbitrary = fc
      .tuple((arbitraries[name] as fc.Arbitrary<unknown>).filter((v) => pathsOf(v).some((p) => p[p.length - 1] === "when")), fc.constantFrom(1_000, 3_000, 10_000, 100_000), fc.constantFrom("not" as const, "all" as const, "any" as const), fc.boolean(), fc.nat())
      .map(([valid, depth, op, validLeaf, pick]) => {
        const conditions = pathsOf(valid).filter((p) => p[p.length - 1] === "when");
        const at = conditions[pick % conditions.length]!;
        return updateAt(valid, at, (c) => chain(depth, op, validLeaf ? c : { op: "is", fact: 3 }));
      });
    const t = fuzzParity(name, arbitrary, 24, SEED);
    console.log(figures(`zod ${name}, conditions nested 1,000–100,000 deep`, t, SEED));
    expect(t.failures).toEqual([]);
  });
});
