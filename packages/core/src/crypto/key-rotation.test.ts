import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { newDataKey, openJson, sealJson, unwrapDataKey, wrapDataKey } from "./envelope.js";
import { generateDevelopmentKeys, withRotatedKey } from "./key-provider.js";
import { rewrapDataKey } from "./key-rotation.js";

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const distinct = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) !== 0;

describe("rewrapDataKey", () => {
  test.prop([keyArb, keyArb, keyArb, fc.stringMatching(/^[0-9A-Za-z_-]{1,64}$/), fc.jsonValue({ maxDepth: 2 })], { numRuns: 100 })(
    "keeps the data key, so what it sealed stays readable; only the new key unwraps it",
    (dataKey, fromKek, toKek, person, value) => {
      fc.pre(distinct(fromKek, toKek));
      const sealed = sealJson(value, dataKey, person);
      const rewrapped = rewrapDataKey(wrapDataKey(dataKey, fromKek, person), fromKek, toKek, person);
      expect(rewrapped).toBeDefined();
      const unwrapped = unwrapDataKey(rewrapped ?? "", toKek, person);
      expect(unwrapped).toEqual(new Uint8Array(dataKey));
      expect(openJson(sealed, unwrapped ?? new Uint8Array(32))).toEqual(JSON.parse(JSON.stringify(value)));
      expect(unwrapDataKey(rewrapped ?? "", fromKek, person)).toBeUndefined();
    },
  );

  test.prop([keyArb, keyArb, keyArb, keyArb], { numRuns: 100 })("cannot re-wrap with a wrong key or context", (dataKey, kek, wrong, toKek) => {
    fc.pre(distinct(kek, wrong));
    const wrapped = wrapDataKey(dataKey, kek, "person-1");
    expect(rewrapDataKey(wrapped, wrong, toKek, "person-1")).toBeUndefined();
    expect(rewrapDataKey(wrapped, kek, toKek, "person-2")).toBeUndefined();
    expect(rewrapDataKey("not wrapped", kek, toKek, "person-1")).toBeUndefined();
  });

  test("a rotation from start to end: old data readable through the old key, then through the new one", () => {
    const { keys } = generateDevelopmentKeys({ keyId: "kek-2025" });
    const dataKey = newDataKey();
    const row = { id: "person-1", kekId: keys.currentKeyId, wrapped: wrapDataKey(dataKey, keys.keyEncryptionKey(keys.currentKeyId) ?? new Uint8Array(), "person-1") };
    const sealed = sealJson({ identityNumber: "11010519491231002X" }, dataKey, row.id);

    const rotated = withRotatedKey(keys, "kek-2026", newDataKey());
    const before = unwrapDataKey(row.wrapped, rotated.keyEncryptionKey(row.kekId) ?? new Uint8Array(), row.id);
    expect(openJson(sealed, before ?? new Uint8Array())).toEqual({ identityNumber: "11010519491231002X" });

    const from = rotated.keyEncryptionKey(row.kekId) ?? new Uint8Array();
    const to = rotated.keyEncryptionKey(rotated.currentKeyId) ?? new Uint8Array();
    const moved = { ...row, kekId: rotated.currentKeyId, wrapped: rewrapDataKey(row.wrapped, from, to, row.id) ?? "" };
    const after = unwrapDataKey(moved.wrapped, rotated.keyEncryptionKey(moved.kekId) ?? new Uint8Array(), moved.id);
    expect(openJson(sealed, after ?? new Uint8Array())).toEqual({ identityNumber: "11010519491231002X" });
  });

  test("a short target key is a programming error", () => {
    const kek = newDataKey();
    expect(() => rewrapDataKey(wrapDataKey(newDataKey(), kek, "p"), kek, new Uint8Array(8), "p")).toThrow(RangeError);
  });
});
