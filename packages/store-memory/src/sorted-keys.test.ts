import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { SortedKeys } from "./sorted-keys.js";

/** The oracle: a plain set, sorted on demand. */
const sorted = (keys: Iterable<string>): string[] => [...keys].sort();

const op = (keySpace: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("add" as const), key: keySpace }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), key: keySpace }) },
  );

/** Keys from a small space, so that adds meet existing keys and deletes find them. */
const smallKey = fc.integer({ min: 0, max: 2999 }).map((n) => `k${n.toString(36)}`);

describe("SortedKeys", () => {
  test.prop([fc.array(op(smallKey), { maxLength: 3000 })], { numRuns: 30 })(
    "agrees with a sorted set after any sequence of adds and deletes, and keeps its invariants",
    (ops) => {
      const keys = new SortedKeys();
      const oracle = new Set<string>();
      for (const { kind, key } of ops) {
        if (kind === "add") {
          expect(keys.add(key)).toBe(!oracle.has(key));
          oracle.add(key);
        } else {
          expect(keys.delete(key)).toBe(oracle.has(key));
          oracle.delete(key);
        }
      }
      keys.check();
      expect(keys.size).toBe(oracle.size);
      expect([...keys.keysAfter()]).toEqual(sorted(oracle));
    },
  );

  test.prop([fc.array(smallKey, { maxLength: 500 }), fc.oneof(smallKey, fc.string({ maxLength: 4 }))], { numRuns: 50 })(
    "keysAfter(after) yields exactly the keys above `after`, in order",
    (added, after) => {
      const keys = new SortedKeys();
      for (const k of added) keys.add(k);
      expect([...keys.keysAfter(after)]).toEqual(sorted(new Set(added)).filter((k) => k > after));
    },
  );

  test.prop([fc.array(fc.string({ unit: "binary", maxLength: 6 }), { maxLength: 300 })], { numRuns: 50 })(
    "orders by UTF-16 code units, as JavaScript's < does (upper case before lower case, surrogates before U+E000)",
    (added) => {
      const keys = new SortedKeys();
      for (const k of added) keys.add(k);
      const all = [...keys.keysAfter()];
      for (let i = 1; i < all.length; i++) expect(all[i - 1]! < all[i]!).toBe(true);
      expect(all).toEqual(sorted(new Set(added)));
    },
  );

  test.prop([fc.integer({ min: 1, max: 2 ** 31 })], { numRuns: 2 })(
    "stays balanced through a tree of three levels built in increasing and in random order, and emptied again",
    (seed) => {
      // More than 64 × 64 keys: no two-level tree of 64-key nodes holds them all.
      const n = 6_000;
      const ids = Array.from({ length: n }, (_, i) => `d-${String(i).padStart(6, "0")}`);
      const shuffled = [...ids];
      let s = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) % 2 ** 31;
        const j = s % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      for (const order of [ids, shuffled]) {
        const keys = new SortedKeys();
        for (const id of order) keys.add(id);
        expect(keys.check()).toBeGreaterThanOrEqual(3);
        expect([...keys.keysAfter("d-005990")]).toEqual(ids.slice(5_991));
        const notDeleted = shuffled.slice(0, n - 100).filter((id) => !keys.delete(id));
        expect(notDeleted).toEqual([]);
        keys.check();
        expect([...keys.keysAfter()]).toEqual(sorted(shuffled.slice(n - 100)));
        for (const id of shuffled.slice(n - 100)) keys.delete(id);
        keys.check();
        expect(keys.size).toBe(0);
        expect([...keys.keysAfter()]).toEqual([]);
      }
    },
  );
});
