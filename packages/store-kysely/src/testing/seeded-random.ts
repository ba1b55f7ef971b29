/**
 * A small seeded pseudo-random generator (mulberry32) for the long tests: the
 * parent and its child processes draw the same sequence from the same seed, so a
 * failing run can be repeated exactly by its seed.
 *
 * @internal test infrastructure, not published
 */
export interface SeededRandom {
  /** A number in [0, 1). */
  readonly next: () => number;
  /** A whole number from `min` to `max`, both included. */
  readonly int: (min: number, max: number) => number;
}

export const seededRandom = (seed: number): SeededRandom => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
};
