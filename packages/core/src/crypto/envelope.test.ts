import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arbitraries } from "../testing/arbitraries.js";
import { newDataKey, openJson, sealJson, sealedKeyRef, unwrapDataKey, wrapDataKey } from "./envelope.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const SEALED = /^tj1\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/;

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const distinctKeys = fc.tuple(keyArb, keyArb).filter(([a, b]) => Buffer.compare(a, b) !== 0);
/** Key references as the service makes them (ids), and any well-formed text. */
const keyRefArb = fc.oneof(fc.stringMatching(/^[0-9A-Za-z_-]{1,64}$/), fc.string({ unit: "grapheme", maxLength: 40 }));
const jsonArb = fc.jsonValue({ maxDepth: 3 });
/** What JSON makes of a value (−0 becomes 0, and so on). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
/** One character changed to another (from base64url, the separator, or others). */
const edit = fc.record({ at: fc.nat(), to: fc.constantFrom(...ALPHABET, ".", "=", "+", "/", " ", "é") });
const applyEdit = (text: string, e: { readonly at: number; readonly to: string }): string => {
  const i = e.at % text.length;
  return text.slice(0, i) + e.to + text.slice(i + 1);
};

describe("newDataKey", () => {
  test("is 32 fresh random bytes", () => {
    const keys = Array.from({ length: 50 }, newDataKey);
    expect(keys.every((k) => k instanceof Uint8Array && k.length === 32)).toBe(true);
    expect(new Set(keys.map((k) => Buffer.from(k).toString("hex"))).size).toBe(50);
  });
});

describe("sealJson and openJson", () => {
  test.prop([jsonArb, keyArb, keyRefArb], { numRuns: 100 })("open(seal(v)) is v, for any JSON value", (value, key, ref) => {
    const sealed = sealJson(value, key, ref);
    expect(sealed).toMatch(SEALED);
    expect(openJson(sealed, key)).toEqual(asJson(value));
    expect(sealedKeyRef(sealed)).toBe(ref);
  });

  test("reads values as JSON does", () => {
    const key = newDataKey();
    expect(openJson(sealJson({ a: undefined, b: -0, on: new Date(0) }, key, "p"), key)).toEqual({ b: 0, on: "1970-01-01T00:00:00.000Z" });
    expect(openJson(sealJson("孤\ud800", key, "p"), key)).toBe("孤\ud800");
  });

  test("the text has the documented shape, and its key reference in base64url", () => {
    const sealed = sealJson({ identityNumber: "11010519491231002X" }, newDataKey(), "person-1");
    const [prefix, ref, iv, body, tag] = sealed.split(".");
    expect(prefix).toBe("tj1");
    expect(ref).toBe("cGVyc29uLTE");
    expect(Buffer.from(iv ?? "", "base64url")).toHaveLength(12);
    expect(Buffer.from(body ?? "", "base64url")).toHaveLength(JSON.stringify({ identityNumber: "11010519491231002X" }).length);
    expect(Buffer.from(tag ?? "", "base64url")).toHaveLength(16);
  });

  test.prop([jsonArb], { numRuns: 50 })("sealing twice gives different texts (a fresh IV each time)", (value) => {
    const key = newDataKey();
    const a = sealJson(value, key, "p");
    const b = sealJson(value, key, "p");
    expect(a).not.toBe(b);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  test.prop([jsonArb, distinctKeys, keyRefArb], { numRuns: 100 })("a wrong key opens nothing", (value, [key, other], ref) => {
    expect(openJson(sealJson(value, key, ref), other)).toBeUndefined();
  });

  test.prop([jsonArb, keyArb, keyRefArb, edit], { numRuns: 100 })("changing any character of any part opens nothing", (value, key, ref, e) => {
    const sealed = sealJson(value, key, ref);
    const tampered = applyEdit(sealed, e);
    fc.pre(tampered !== sealed);
    expect(openJson(tampered, key)).toBeUndefined();
  });

  test("changing any character of a sealed identity number, each in turn, opens nothing", () => {
    const key = newDataKey();
    const sealed = sealJson({ identityNumber: "11010519491231002X" }, key, "person-1");
    for (let i = 0; i < sealed.length; i++) {
      for (const to of [...ALPHABET, "."]) {
        const tampered = sealed.slice(0, i) + to + sealed.slice(i + 1);
        if (tampered !== sealed && openJson(tampered, key) !== undefined) throw new Error(`opened with position ${i} changed to ${to}`);
      }
    }
  });

  test.prop([jsonArb, keyArb, keyRefArb, fc.nat(), fc.nat()], { numRuns: 100 })("cutting, repeating or dropping characters opens nothing", (value, key, ref, a, b) => {
    const sealed = sealJson(value, key, ref);
    const i = a % sealed.length;
    const j = b % (sealed.length + 1);
    const variants = [sealed.slice(0, i), sealed.slice(0, i) + sealed.slice(i + 1), sealed.slice(0, j) + sealed.slice(i), `${sealed}.`, `${sealed}A`];
    for (const v of variants) if (v !== sealed) expect(openJson(v, key)).toBeUndefined();
  });

  test.prop([jsonArb, keyArb, fc.tuple(keyRefArb, keyRefArb).filter(([a, b]) => a !== b)], { numRuns: 100 })(
    "a sealed text moved to another key reference opens nothing",
    (value, key, [ref, other]) => {
      const parts = sealJson(value, key, ref).split(".");
      parts[1] = Buffer.from(other, "utf8").toString("base64url");
      const moved = parts.join(".");
      expect(sealedKeyRef(moved)).toBe(other);
      expect(openJson(moved, key)).toBeUndefined();
    },
  );

  test.prop([fc.oneof(arbitraries.IdentityNumber, fc.string({ minLength: 8, maxLength: 60 }), fc.string({ unit: "grapheme", minLength: 8, maxLength: 30 }))], {
    numRuns: 100,
  })("the sealed text and its ciphertext never contain the plaintext (strings of 8 characters or more)", (secret) => {
    const sealed = sealJson({ identityNumber: secret }, newDataKey(), "person-1");
    expect(sealed.includes(secret)).toBe(false);
    const body = Buffer.from(sealed.split(".")[3] ?? "", "base64url");
    expect(body.includes(Buffer.from(secret, "utf8"))).toBe(false);
  });

  test.prop([fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{0,30}$/), { maxLength: 7 }).map((p) => ["tj1", ...p].join(".")))], {
    numRuns: 200,
  })("arbitrary text opens to undefined and never throws", (text) => {
    const key = newDataKey();
    expect(openJson(text, key)).toBeUndefined();
    expect(() => sealedKeyRef(text)).not.toThrow();
  });

  test("malformed input and keys give undefined, never an exception", () => {
    const key = newDataKey();
    const sealed = sealJson(1, key, "p");
    expect(openJson(sealed, new Uint8Array(16))).toBeUndefined();
    expect(openJson(sealed, new Uint8Array(0))).toBeUndefined();
    expect(openJson(undefined as unknown as string, key)).toBeUndefined();
    expect(openJson(sealed.replace(/^tj1/, "tj2"), key)).toBeUndefined();
    expect(sealedKeyRef("tj1.cGVyc29uLTE")).toBeUndefined();
    expect(sealedKeyRef(sealed.replace(/^tj1\.[^.]*/, "tj1.gA"))).toBeUndefined(); // not UTF-8
  });

  test("refuses what it cannot seal", () => {
    const key = newDataKey();
    expect(() => sealJson(undefined, key, "p")).toThrow(TypeError);
    expect(() => sealJson(() => 1, key, "p")).toThrow(TypeError);
    expect(() => sealJson(1n, key, "p")).toThrow(TypeError);
    expect(() => sealJson(1, new Uint8Array(31), "p")).toThrow(RangeError);
  });
});

describe("wrapDataKey and unwrapDataKey", () => {
  const contextArb = fc.oneof(fc.stringMatching(/^[0-9A-Za-z_-]{1,64}$/), fc.string({ unit: "grapheme", maxLength: 30 }));

  test.prop([keyArb, keyArb, contextArb], { numRuns: 100 })("unwrap(wrap(k)) is k; the text is 80 base64url characters", (dataKey, kek, context) => {
    const wrapped = wrapDataKey(dataKey, kek, context);
    expect(wrapped).toMatch(/^[A-Za-z0-9_-]{80}$/);
    expect(unwrapDataKey(wrapped, kek, context)).toEqual(new Uint8Array(dataKey));
  });

  test.prop([keyArb, keyArb, fc.tuple(contextArb, contextArb).filter(([a, b]) => a !== b)], { numRuns: 100 })(
    "the context is bound: another context unwraps nothing",
    (dataKey, kek, [context, other]) => {
      expect(unwrapDataKey(wrapDataKey(dataKey, kek, context), kek, other)).toBeUndefined();
    },
  );

  test.prop([keyArb, distinctKeys, contextArb], { numRuns: 100 })("a wrong key-encryption key unwraps nothing", (dataKey, [kek, other], context) => {
    expect(unwrapDataKey(wrapDataKey(dataKey, kek, context), other, context)).toBeUndefined();
  });

  test.prop([keyArb, keyArb, contextArb, edit], { numRuns: 100 })("changing any character unwraps nothing", (dataKey, kek, context, e) => {
    const wrapped = wrapDataKey(dataKey, kek, context);
    const tampered = applyEdit(wrapped, e);
    fc.pre(tampered !== wrapped);
    expect(unwrapDataKey(tampered, kek, context)).toBeUndefined();
  });

  test.prop([fc.string({ unit: "binary", maxLength: 120 })], { numRuns: 100 })("arbitrary text unwraps to undefined and never throws", (text) => {
    expect(unwrapDataKey(text, newDataKey(), "p")).toBeUndefined();
  });

  test("the wrapped key does not contain the data key, and differs each time", () => {
    const dataKey = newDataKey();
    const kek = newDataKey();
    const a = wrapDataKey(dataKey, kek, "p");
    expect(Buffer.from(a, "base64url").includes(Buffer.from(dataKey))).toBe(false);
    expect(wrapDataKey(dataKey, kek, "p")).not.toBe(a);
  });

  test("a short key is a programming error when wrapping, and unwraps nothing", () => {
    const dataKey = newDataKey();
    const kek = newDataKey();
    expect(() => wrapDataKey(dataKey, new Uint8Array(16), "p")).toThrow(RangeError);
    expect(() => wrapDataKey(new Uint8Array(16), kek, "p")).toThrow(RangeError);
    expect(unwrapDataKey(wrapDataKey(dataKey, kek, "p"), new Uint8Array(16), "p")).toBeUndefined();
  });

  test("the unwrapped key is a plain array of its own", () => {
    const kek = newDataKey();
    const unwrapped = unwrapDataKey(wrapDataKey(newDataKey(), kek, "p"), kek, "p");
    expect(unwrapped?.byteLength).toBe(32);
    expect(unwrapped?.buffer.byteLength).toBe(32);
  });
});
