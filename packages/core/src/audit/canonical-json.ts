// Canonical JSON: one text for one JSON value, whatever the key order it was built
// with. The audit chain hashes it, so it must never depend on insertion order,
// whitespace or the host, and it must refuse what JSON cannot hold instead of
// silently dropping or rewriting it (as JSON.stringify does with NaN → null or a
// function → nothing).

/** Where the writer is: the keys and indexes from the root, and the containers open along them. */
interface Trail {
  readonly keys: Array<string | number>;
  readonly open: Array<object>;
}

const refuse = (what: string, trail: Trail): never => {
  const where = trail.keys.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("");
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

const write = (value: unknown, trail: Trail): string => {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      if (!Number.isFinite(value)) refuse(String(value), trail);
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      // The open containers are few (the nesting depth), so a list beats a set here.
      if (trail.open.includes(value)) refuse("a cycle", trail);
      trail.open.push(value);
      let out: string;
      if (Array.isArray(value)) {
        out = "[";
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          trail.keys.push(i);
          if (item === undefined) refuse("undefined (or a hole) in an array", trail);
          if (i > 0) out += ",";
          out += write(item, trail);
          trail.keys.pop();
        }
        out += "]";
      } else {
        if (!isPlainObject(value)) refuse(`an instance of ${value.constructor?.name ?? "a class"}`, trail);
        const record = value as Record<string, unknown>;
        // The default sort compares UTF-16 code units, which is the order asked for.
        const keys = Object.keys(record).sort();
        out = "{";
        for (const key of keys) {
          const item = record[key];
          if (item === undefined) continue;
          if (out.length > 1) out += ",";
          trail.keys.push(key);
          out += quote(key) + ":" + write(item, trail);
          trail.keys.pop();
        }
        out += "}";
      }
      trail.open.pop();
      return out;
    }
    case "undefined":
      return refuse("undefined", trail);
    default:
      // function, symbol, bigint
      return refuse(`a ${typeof value}`, trail);
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
 * written; shared sub-objects are fine, cycles are not.
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
export const canonicalJson = (value: unknown): string => write(value, { keys: [], open: [] });
