import { createHmac } from "node:crypto";

/** Separates this use of the blind-index key from any other; part of the stored indexes, so never change it. */
const DOMAIN = "tiaojie/identity-number/v1\0";
const KEY_BYTES = 32;

/**
 * The blind index of an identity number: hex HMAC-SHA-256, under the provider's
 * blind-index key, of `tiaojie/identity-number/v1\0` followed by the number
 * trimmed and upper-cased (so `…002x`, `…002X` and ` …002X ` index alike).
 *
 * A store keeps the index beside the sealed number so that a person can be found
 * by their number without decrypting every row. Only an exact match is possible:
 * equal numbers give equal indexes, and the index says nothing else (no prefix,
 * region, birth date or order), so it serves neither range nor partial searches.
 * Whoever holds the key can test a guessed number, so the key is as secret as the
 * data keys; and it must stay the same for the life of the ledger, since another
 * key makes every stored index unfindable.
 *
 * @param key - the blind-index key, 32 bytes
 * @param identityNumber - the number as entered
 * @returns 64 lower-case hex characters
 * @throws RangeError when the key is not 32 bytes (a programming error)
 * @example
 * ```ts
 * import { blindIndex } from "@tiaojie/core";
 *
 * blindIndex(keys.blindIndexKey, "11010519491231002x") === blindIndex(keys.blindIndexKey, "11010519491231002X"); // true
 * ```
 * @since 0.3.0
 */
export const blindIndex = (key: Uint8Array, identityNumber: string): string => {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new RangeError(`盲索引密钥必须是 ${KEY_BYTES} 字节 / the blind-index key must be ${KEY_BYTES} bytes`);
  }
  return createHmac("sha256", key).update(DOMAIN, "utf8").update(identityNumber.trim().toUpperCase(), "utf8").digest("hex");
};
