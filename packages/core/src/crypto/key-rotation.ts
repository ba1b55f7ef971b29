import { unwrapDataKey, wrapDataKey } from "./envelope.js";

/**
 * Re-wraps a wrapped data key under another key-encryption key (a key rotation
 * step): unwraps it with `fromKek`, wraps it with `toKek`, same `context`. The
 * data key itself does not change, so everything it sealed stays readable and
 * nothing sealed has to be re-encrypted. The unwrapped key is zeroed afterwards.
 *
 * @param wrapped - the wrapped data key
 * @param fromKek - the key-encryption key it is wrapped with now
 * @param toKek - the key-encryption key to wrap it with, 32 bytes
 * @param context - the context it is bound to (the person id)
 * @returns the newly wrapped data key, or `undefined` when it cannot be unwrapped
 *   (wrong key or context, malformed or tampered text)
 * @throws RangeError when `toKek` is not 32 bytes (a programming error)
 * @example
 * ```ts
 * import { rewrapDataKey } from "@tiaojie/core";
 *
 * const from = keys.keyEncryptionKey(row.kekId)!;
 * const to = keys.keyEncryptionKey(keys.currentKeyId)!;
 * const rewrapped = rewrapDataKey(row.wrapped, from, to, row.id);
 * // store { ...row, kekId: keys.currentKeyId, wrapped: rewrapped } when it is defined
 * ```
 * @since 0.3.0
 */
export const rewrapDataKey = (wrapped: string, fromKek: Uint8Array, toKek: Uint8Array, context: string): string | undefined => {
  const dataKey = unwrapDataKey(wrapped, fromKek, context);
  if (dataKey === undefined) return undefined;
  try {
    return wrapDataKey(dataKey, toKek, context);
  } finally {
    dataKey.fill(0);
  }
};
