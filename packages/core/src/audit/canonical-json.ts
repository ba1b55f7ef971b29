// Canonical JSON: one text for one JSON value, whatever the key order it was built
// with. The audit chain hashes it, so it must never depend on insertion order,
// whitespace or the host, and it must refuse what JSON cannot hold instead of
// silently dropping or rewriting it (as JSON.stringify does with NaN → null or a
// function → nothing).

/**
 * An open container: an array and the index being written, or a plain object, its
 * sorted keys and the key being written (`at`, which a refusal's path names).
 */
type Frame =
  | { readonly array: ReadonlyArray<unknown>; next: number; at: number }
  | { readonly record: Record<string, unknown>; readonly keys: ReadonlyArray<string>; next: number; at: string; written: boolean };

const refuse = (what: string, open: ReadonlyArray<Frame>): never => {
  const where = open.map((f) => ("array" in f ? `[${f.at}]` : `.${f.at}`)).join("");
  throw new TypeError(`canonicalJson: ${what} at ${where === "" ? "the root" : `$${where}`} cannot be written as JSON`);
};

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

// A string JSON.stringify writes as it is, between quotes: no quote, backslash,
// control character or surrogate (lone surrogates are escaped by JSON.stringify).
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const quote = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

const write = (root: unknown): string => {
  // An explicit stack instead of recursion: a value nested 100,000 deep (as a
  // hostile file parses to) is written, not a RangeError. The frames are the open
  // containers from the root, so they also give the path a refusal names.
  const stack: Array<Frame> = [];
  // The open containers, to refuse a cycle in constant time at any depth.
  const open = new Set<object>();
  const fail = (what: string): never => refuse(what, stack);
  let out = "";
  let value: unknown = root;
  let pending = true;
  for (;;) {
    if (pending) {
      pending = false;
      switch (typeof value) {
        case "string":
          out += quote(value);
          break;
        case "number":
          if (!Number.isFinite(value)) fail(String(value));
          out += JSON.stringify(value);
          break;
        case "boolean":
          out += value ? "true" : "false";
          break;
        case "object": {
          if (value === null) {
            out += "null";
            break;
          }
          if (open.has(value)) fail("a cycle");
          open.add(value);
          if (Array.isArray(value)) {
            stack.push({ array: value as ReadonlyArray<unknown>, next: 0, at: 0 });
            out += "[";
          } else {
            if (!isPlainObject(value)) fail(`an instance of ${value.constructor?.name ?? "a class"}`);
            const record = value as Record<string, unknown>;
            // The default sort compares UTF-16 code units, which is the order asked for.
            stack.push({ record, keys: Object.keys(record).sort(), next: 0, at: "", written: false });
            out += "{";
          }
          break;
        }
        case "undefined":
          fail("undefined");
          break;
        default:
          // function, symbol, bigint
          fail(`a ${typeof value}`);
      }
    }
    // The next member of the innermost open container, or its end.
    const top = stack[stack.length - 1];
    if (top === undefined) return out;
    if ("array" in top) {
      if (top.next < top.array.length) {
        const i = top.next++;
        top.at = i;
        value = top.array[i];
        if (value === undefined) fail("undefined (or a hole) in an array");
        if (i > 0) out += ",";
        pending = true;
        continue;
      }
      out += "]";
      stack.pop();
      open.delete(top.array);
      continue;
    }
    while (top.next < top.keys.length) {
      const key = top.keys[top.next++]!;
      const item = top.record[key];
      if (item === undefined) continue;
      if (top.written) out += ",";
      top.written = true;
      top.at = key;
      out += quote(key) + ":";
      value = item;
      pending = true;
      break;
    }
    if (pending) continue;
    out += "}";
    stack.pop();
    open.delete(top.record);
  }
};

/**
 * Writes a JSON value as canonical JSON: object keys sorted by UTF-16 code units,
 * no whitespace, strings and numbers in JSON.stringify's forms (so `-0` is `0` and
 * `1e21` is `1e+21`), object properties whose value is `undefined` left out. Equal
 * values give the same text whatever order their keys were added in; the audit
 * chain hashes this text.
 *
 * Only plain objects (prototype `Object.prototype` or `null`) and arrays are
 * written; shared sub-objects are fine, cycles are not. Any depth is written (the
 * writer keeps its own stack, so a value nested 100,000 deep is no RangeError).
 *
 * @throws TypeError for what JSON cannot hold: `NaN`, `±Infinity`, functions,
 * symbols, bigints, `undefined` at the root or inside an array (holes included),
 * cycles, and class instances such as `Date` or `Map` (which JSON.stringify would
 * quietly turn into something else).
 * @example
 * ```ts
 * import { canonicalJson } from "@tiaojie/core";
 *
 * canonicalJson({ b: [1, "二"], a: { d: true, c: null }, z: undefined });
 * // '{"a":{"c":null,"d":true},"b":[1,"二"]}'
 * ```
 * @since 0.3.0
 */
export const canonicalJson = (value: unknown): string => write(value);
