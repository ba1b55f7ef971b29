import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { uuidV7Generator } from "./uuid-v7.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_MS = 2 ** 48 - 1;

/** The 48-bit unix_ts_ms field, read back from the text. */
const timestampOf = (id: string): number => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

/** A clock that returns the given instants in turn (the last one forever after). */
const scriptedClock = (instants: ReadonlyArray<number>): (() => number) => {
  let i = 0;
  return () => instants[Math.min(i++, instants.length - 1)] as number;
};

const zeros = (n: number): Uint8Array => new Uint8Array(n);
const ones = (n: number): Uint8Array => new Uint8Array(n).fill(0xff);

/** Clock readings: arbitrary jumps anywhere, or small steps back and forth (many ids per millisecond). */
const clockSequence = fc.oneof(
  fc.array(fc.integer({ min: 0, max: MAX_MS }), { minLength: 1, maxLength: 200 }),
  fc
    .tuple(fc.integer({ min: 10, max: MAX_MS - 1000 }), fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 300 }))
    .map(([start, steps]) => {
      let at = start;
      return steps.map((d) => (at = Math.max(0, at + d)));
    }),
  fc.tuple(fc.integer({ min: 0, max: MAX_MS }), fc.integer({ min: 1, max: 300 })).map(([at, n]) => Array.from({ length: n }, () => at)),
);

describe("the format (RFC 9562 §5.7)", () => {
  test("lower-case hyphenated, version 7, variant 0b10, 36 characters", () => {
    const ids = uuidV7Generator();
    for (let i = 0; i < 1000; i++) {
      const id = ids.next();
      expect(id).toMatch(UUID_V7);
      expect(id).toHaveLength(36);
      const bytes = Buffer.from(id.replaceAll("-", ""), "hex");
      expect((bytes[6] as number) >> 4).toBe(7);
      expect((bytes[8] as number) >> 6).toBe(0b10);
    }
  });

  test("the timestamp field is the clock's millisecond, big-endian in the first 48 bits", () => {
    const ids = uuidV7Generator({ now: () => 0x0193d0c45e2a, randomBytes: zeros });
    expect(ids.next()).toBe("0193d0c4-5e2a-7000-8000-000000000000");
  });

  test("the counter runs through rand_a and the top of rand_b; the last 32 bits are random", () => {
    // All-ones random bytes seed the counter at 2^41 − 1 (its top bit is kept clear).
    const ids = uuidV7Generator({ now: () => 0x0193d0c45e2a, randomBytes: ones });
    expect(ids.next()).toBe("0193d0c4-5e2a-77ff-bfff-ffffffffffff");
    expect(ids.next()).toBe("0193d0c4-5e2a-7800-8000-0000ffffffff");
    const zero = uuidV7Generator({ now: () => 5, randomBytes: zeros });
    zero.next();
    expect(zero.next()).toBe("00000000-0005-7000-8000-000100000000");
  });

  test.prop([fc.integer({ min: 0, max: MAX_MS })], { numRuns: 100 })("the timestamp field equals now()", (ms) => {
    const id = uuidV7Generator({ now: () => ms }).next();
    expect(id).toMatch(UUID_V7);
    expect(timestampOf(id)).toBe(ms);
  });

  test.prop([fc.double({ min: 0, max: MAX_MS, noNaN: true })], { numRuns: 100 })("a fractional clock is read to its millisecond", (t) => {
    expect(timestampOf(uuidV7Generator({ now: () => t }).next())).toBe(Math.floor(t));
  });
});

describe("order", () => {
  test.prop([clockSequence], { numRuns: 100 })(
    "ids are strictly increasing as strings under any clock, and carry the latest millisecond seen",
    (instants) => {
      const ids = uuidV7Generator({ now: scriptedClock(instants) });
      let previous = "";
      let latest = -1;
      for (const at of instants) {
        const id = ids.next();
        latest = Math.max(latest, at);
        expect(id).toMatch(UUID_V7);
        expect(id > previous).toBe(true);
        expect(timestampOf(id)).toBe(latest);
        previous = id;
      }
    },
  );

  test.prop([fc.constantFrom(zeros, ones)], { numRuns: 2 })("many ids in one millisecond stay increasing, whatever the random bytes", (randomBytes) => {
    const ids = uuidV7Generator({ now: () => 1_700_000_000_000, randomBytes });
    const made = Array.from({ length: 10_000 }, () => ids.next());
    expect(made.every((id, i) => i === 0 || id > (made[i - 1] as string))).toBe(true);
    expect(new Set(made.map(timestampOf))).toEqual(new Set([1_700_000_000_000]));
  });

  test("with the system clock and random source: unique and increasing", () => {
    const ids = uuidV7Generator();
    const made = Array.from({ length: 50_000 }, () => ids.next());
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
  });

  test("two generators in the same millisecond differ (the random parts)", () => {
    const a = uuidV7Generator({ now: () => 1000 });
    const b = uuidV7Generator({ now: () => 1000 });
    expect(a.next()).not.toBe(b.next());
  });
});

describe("the random source", () => {
  test.prop([fc.uint8Array({ minLength: 4096, maxLength: 4096 }), clockSequence], { numRuns: 50 })(
    "is the only source of randomness: the same clock and bytes give the same ids",
    (bytes, instants) => {
      const make = () => uuidV7Generator({ now: scriptedClock(instants), randomBytes: (n) => bytes.slice(0, n) });
      const a = make();
      const b = make();
      for (let i = 0; i < instants.length; i++) expect(a.next()).toBe(b.next());
    },
  );

  test("a source that returns too few bytes is refused", () => {
    expect(() => uuidV7Generator({ randomBytes: () => new Uint8Array(3) }).next()).toThrow(RangeError);
  });
});

test.each([-1, 2 ** 48, Number.NaN, Number.POSITIVE_INFINITY])("a clock outside UUIDv7's range (%s) is refused", (at) => {
  expect(() => uuidV7Generator({ now: () => at }).next()).toThrow(/UUIDv7/);
});
