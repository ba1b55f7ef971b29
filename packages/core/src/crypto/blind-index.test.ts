import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { arbitraries } from "../testing/arbitraries.js";
import { blindIndex } from "./blind-index.js";

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const counting = Uint8Array.from({ length: 32 }, (_, i) => i);

describe("blindIndex", () => {
  test("is HMAC-SHA-256 of the domain-separated number (a vector computed with openssl; stored indexes depend on it)", () => {
    // printf 'tiaojie/identity-number/v1\x0011010519491231002X' | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f
    expect(blindIndex(counting, "11010519491231002X")).toBe("dbb81796b19a1be590dd44f64357d510949485c6079f504459cfcb85c296b9d4");
  });

  test.prop([keyArb, arbitraries.IdentityNumber], { numRuns: 100 })("is 64 hex characters, and the same for x and X, and around blanks", (key, id) => {
    const index = blindIndex(key, id);
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(key, id.toLowerCase())).toBe(index);
    expect(blindIndex(key, ` ${id.toLowerCase()}\t\u3000`)).toBe(index);
  });

  test("the published example with a lower-case x", () => {
    expect(blindIndex(counting, "11010519491231002x")).toBe(blindIndex(counting, "11010519491231002X"));
  });

  test.prop([keyArb, fc.tuple(arbitraries.IdentityNumber, arbitraries.IdentityNumber).filter(([a, b]) => a !== b)], { numRuns: 100 })(
    "different numbers have different indexes",
    (key, [a, b]) => {
      expect(blindIndex(key, a)).not.toBe(blindIndex(key, b));
    },
  );

  test.prop([fc.tuple(keyArb, keyArb).filter(([a, b]) => Buffer.compare(a, b) !== 0), arbitraries.IdentityNumber], { numRuns: 100 })(
    "another key gives another index",
    ([key, other], id) => {
      expect(blindIndex(key, id)).not.toBe(blindIndex(other, id));
    },
  );

  test("refuses a key that is not 32 bytes", () => {
    expect(() => blindIndex(new Uint8Array(16), "11010519491231002X")).toThrow(RangeError);
  });
});
