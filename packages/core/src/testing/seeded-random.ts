import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

const TWO_32 = 4_294_967_296;

/** The finaliser of MurmurHash3: a bijection on 32-bit integers that spreads every input bit. */
const fmix32 = (value: number): number => {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85eb_ca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2_ae35);
  return (x ^ (x >>> 16)) | 0;
};

/**
 * A table of values with whole-number weights, drawn in proportion to the weights.
 *
 * @example
 * ```ts
 * const coin = weighted([["heads", 1], ["tails", 1]]);
 * coin.draw(random); // "heads" or "tails"
 * ```
 * @since 0.1.0
 * @internal
 */
export interface Weighted<T> {
  readonly values: ReadonlyArray<T>;
  /** The sum of all weights. */
  readonly total: number;
  /** Draws one value. */
  readonly draw: (random: SeededRandom) => T;
}

/**
 * Builds a {@link Weighted} table from `[value, weight]` pairs (weights are whole
 * numbers, at least one of them positive).
 *
 * @example
 * ```ts
 * const intensity = weighted([[0, 45], [1, 38], [2, 13], [3, 4]] as const);
 * ```
 * @since 0.1.0
 * @internal
 */
export const weighted = <T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> => {
  const values = pairs.map(([value]) => value);
  const bounds = new Float64Array(pairs.length);
  let total = 0;
  pairs.forEach(([, weight], i) => {
    if (!Number.isInteger(weight) || weight < 0) throw new RangeError(`weight must be a whole number ≥ 0, got ${weight}`);
    total += weight;
    bounds[i] = total;
  });
  if (total <= 0) throw new RangeError("a weighted table needs a positive weight");
  const last = pairs.length - 1;
  return {
    values,
    total,
    draw: (random) => {
      const r = random.below(total);
      // Binary search for the first bound above r.
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (bounds[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      return values[lo]!;
    },
  };
};

/**
 * A seeded source of random numbers over pure-rand's xoroshiro128+ generator. The
 * whole 53-bit integer seed is hashed into the generator's 128-bit state, so every
 * safe integer gives its own sequence. Independent streams come from
 * {@link SeededRandom.stream}, which jumps 2^64 steps ahead.
 *
 * @example
 * ```ts
 * const random = SeededRandom.fromSeed(42);
 * random.int(1, 6); // a die
 * ```
 * @since 0.1.0
 * @internal
 */
export class SeededRandom {
  private constructor(private readonly rng: JumpableRandomGenerator) {}

  /**
   * A generator for a safe-integer seed.
   *
   * @throws RangeError when the seed is not a safe integer.
   */
  static fromSeed(seed: number): SeededRandom {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`the seed must be a safe integer, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_32) | 0;
    // fmix32 is a bijection, so the first two words alone tell every seed apart.
    const state: Array<number> = [
      fmix32(lo ^ 0x2545_f491),
      fmix32(hi ^ 0x6a09_e667),
      fmix32(Math.imul(lo, 0x9e37_79b9) + hi + 0x3c6e_f372),
      fmix32(lo + Math.imul(hi, 0x85eb_ca77) + 0x1b87_3593),
    ];
    if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[3] = 1;
    return new SeededRandom(xoroshiro128plusFromState(state));
  }

  /** A new, independent stream; this generator jumps ahead so the next stream differs. */
  stream(): SeededRandom {
    this.rng.jump();
    return new SeededRandom(this.rng.clone());
  }

  /** A whole number from `min` to `max` inclusive, uniformly. */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  /** A whole number from 0 to `n - 1`, uniformly (`n` at most 2^32). */
  below(n: number): number {
    return uniformInt(this.rng, 0, n - 1);
  }

  /** A number in [0, 1). */
  unit(): number {
    return uniformFloat64(this.rng);
  }

  /** `true` with probability `p` (to 2^-32). */
  chance(p: number): boolean {
    return this.rng.next() >>> 0 < p * TWO_32;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: ReadonlyArray<T>): T {
    return items[uniformInt(this.rng, 0, items.length - 1)]!;
  }

  /** A number between `min` and `max` on a log scale: each decade equally likely. */
  logUniform(min: number, max: number): number {
    return min * Math.exp(this.unit() * Math.log(max / min));
  }
}
