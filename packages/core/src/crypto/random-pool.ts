import { randomFillSync } from "node:crypto";

/**
 * Draws random bytes from a buffer filled a block at a time, so that a caller
 * that needs a few bytes per record (an IV, the random tail of an id) pays for
 * one call into the random generator per block instead of one per record.
 * Every byte is handed out once; a view it returns is valid until the next draw
 * of the same pool, so callers use the bytes (or copy them) at once.
 *
 * Internal to the crypto modules; not exported from the package.
 */
export interface RandomPool {
  /** A view of `n` fresh random bytes (`n` at most the block size). */
  readonly take: (n: number) => Uint8Array;
}

/** A pool backed by `fill` (the system's CSPRNG by default), refilled `blockSize` bytes at a time. */
export const randomPool = (blockSize: number, fill: (n: number) => Uint8Array = systemRandom): RandomPool => {
  let block: Uint8Array = new Uint8Array(0);
  let at = 0;
  return {
    take: (n) => {
      if (at + n > block.length) {
        block = fill(blockSize);
        if (block.length < n) throw new RangeError(`随机数来源返回的字节不足 / the random source returned fewer than ${n} bytes`);
        at = 0;
      }
      const view = block.subarray(at, at + n);
      at += n;
      return view;
    },
  };
};

const systemRandom = (n: number): Uint8Array => randomFillSync(new Uint8Array(n));
