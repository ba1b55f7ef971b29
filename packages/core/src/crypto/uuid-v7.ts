import type { IdGenerator } from "../ports/id-generator.js";
import { randomPool } from "./random-pool.js";

// Layout of the 128 bits (RFC 9562 §5.7), as the hex groups 8-4-4-4-12:
//
//   unix_ts_ms (48) | ver = 7 (4) | rand_a (12) | var = 0b10 (2) | rand_b (62)
//
// The generator makes ids monotonic with a fixed-length counter in the leftmost
// random bits (RFC 9562 §6.2, method 1): 42 bits, being rand_a (12) and the first
// 30 bits of rand_b. The last 32 bits of rand_b are fresh random bits in every id.
// When the millisecond changes the counter is re-seeded at random with its top
// bit clear, which leaves at least 2^41 increments before it could overflow
// within one millisecond. Within one millisecond, or when the clock goes back,
// the generator keeps the last timestamp and increments the counter; if the
// counter ever overflowed it would move the timestamp one millisecond ahead
// (§6.2 allows this) and re-seed.

const COUNTER_LIMIT = 2 ** 42;
const MAX_TIMESTAMP = 2 ** 48 - 1;
/** Random bytes drawn per refill of the pool: 4 per id, 6 more per new millisecond. */
const POOL_BLOCK = 4096;

const HEX: ReadonlyArray<string> = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
const hex = (byte: number): string => HEX[byte] as string;

/**
 * Options of {@link uuidV7Generator}.
 *
 * @since 0.3.0
 */
export interface UuidV7Options {
  /**
   * The clock, in milliseconds since the Unix epoch (integers from 0 to 2^48 − 1).
   * @default `Date.now`
   */
  readonly now?: () => number;
  /**
   * The source of random bytes: returns `n` random bytes. It is asked for a block
   * of several kilobytes at a time.
   * @default node:crypto's CSPRNG (`randomFillSync`)
   */
  readonly randomBytes?: (n: number) => Uint8Array;
}

/**
 * An {@link IdGenerator} of UUIDv7 ids (RFC 9562), lower-case and hyphenated, such
 * as `0193d0c4-5e2a-7b3c-9f01-2b7c4d5e6f70`. The first 48 bits are the clock's
 * millisecond, so ids sort as strings in the order they were made and carry
 * their time of creation.
 *
 * The ids of one generator are strictly increasing as strings, also when many
 * are made in one millisecond (a counter in the random bits, RFC 9562 §6.2) and
 * when the clock goes back (the generator keeps the latest millisecond it has
 * seen until the clock passes it). Each id also has 32 fresh random bits, so
 * ids of separate generators (processes) do not collide in practice. Make one
 * generator per process and share it.
 *
 * It is cheap: random bytes are drawn a block at a time and the text is built
 * from a byte-to-hex table. It throws a `RangeError` when the clock returns a
 * time outside 0 … 2^48 − 1 ms.
 *
 * @param options - the clock and the random source, for tests and replays
 * @example
 * ```ts
 * import { uuidV7Generator } from "@tiaojie/core";
 *
 * const ids = uuidV7Generator();
 * const a = ids.next(); // "0193d0c4-5e2a-7b3c-9f01-2b7c4d5e6f70"
 * const b = ids.next();
 * a < b; // true
 * ```
 * @since 0.3.0
 */
export const uuidV7Generator = (options: UuidV7Options = {}): IdGenerator => {
  const now = options.now ?? Date.now;
  const pool = randomPool(POOL_BLOCK, options.randomBytes);
  let lastMs = -1;
  let counter = 0;

  const seed = (): number => {
    const r = pool.take(6);
    // 41 bits: the top bit of the first byte is dropped.
    const low32 = (((r[2] as number) << 24) | ((r[3] as number) << 16) | ((r[4] as number) << 8) | (r[5] as number)) >>> 0;
    return ((r[0] as number) & 0x01) * 2 ** 40 + (r[1] as number) * 2 ** 32 + low32;
  };

  const next = (): string => {
    const ms = Math.floor(now());
    if (!(ms >= 0 && ms <= MAX_TIMESTAMP)) {
      throw new RangeError(`时钟给出的时间 ${ms} 不在 UUIDv7 的范围内 / the clock's time ${ms} is outside the range of UUIDv7`);
    }
    if (ms > lastMs) {
      lastMs = ms;
      counter = seed();
    } else if (counter + 1 < COUNTER_LIMIT) {
      counter += 1;
    } else {
      if (lastMs === MAX_TIMESTAMP) throw new RangeError("UUIDv7 的时间戳已用尽 / the UUIDv7 timestamps are exhausted");
      lastMs += 1;
      counter = seed();
    }
    return format(lastMs, counter, pool.take(4));
  };

  return { next };
};

const format = (ms: number, counter: number, tail: Uint8Array): string => {
  const timeHigh = Math.floor(ms / 0x10000); // 32 bits
  const timeLow = ms % 0x10000; // 16 bits
  const randA = Math.floor(counter / 2 ** 30); // 12 bits
  const varAndB = (Math.floor(counter / 0x10000) & 0x3fff) | 0x8000; // variant 0b10, then 14 counter bits
  const counterLow = counter % 0x10000; // the counter's last 16 bits
  return (
    hex(timeHigh >>> 24) +
    hex((timeHigh >>> 16) & 0xff) +
    hex((timeHigh >>> 8) & 0xff) +
    hex(timeHigh & 0xff) +
    "-" +
    hex(timeLow >>> 8) +
    hex(timeLow & 0xff) +
    "-" +
    hex(0x70 | (randA >>> 8)) +
    hex(randA & 0xff) +
    "-" +
    hex(varAndB >>> 8) +
    hex(varAndB & 0xff) +
    "-" +
    hex(counterLow >>> 8) +
    hex(counterLow & 0xff) +
    hex(tail[0] as number) +
    hex(tail[1] as number) +
    hex(tail[2] as number) +
    hex(tail[3] as number)
  );
};
