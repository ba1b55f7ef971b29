import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { generateDevelopmentKeys, staticKeyProvider, withRotatedKey } from "./key-provider.js";

const key = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
const ed25519 = generateKeyPairSync("ed25519", {
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const valid = {
  keyEncryptionKeys: { "kek-2024": key(1), "kek-2025": key(2) },
  currentKeyId: "kek-2025",
  blindIndexKey: key(3),
  checkpointSigner: { keyName: "zixi-2025", privateKey: ed25519.privateKey },
};

/** The refusal thrown for these options: a RangeError whose message has a Chinese and an English part. */
const refusal = (options: Parameters<typeof staticKeyProvider>[0]): string => {
  try {
    staticKeyProvider(options);
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    const message = (e as RangeError).message;
    expect(message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    return message;
  }
  throw new Error("the options were accepted");
};

describe("staticKeyProvider", () => {
  test("serves the keys it was given", () => {
    const keys = staticKeyProvider(valid);
    expect(keys.currentKeyId).toBe("kek-2025");
    expect(keys.keyEncryptionKey("kek-2024")).toEqual(key(1));
    expect(keys.keyEncryptionKey("kek-2025")).toEqual(key(2));
    expect(keys.blindIndexKey).toEqual(key(3));
    expect(keys.checkpointSigner).toEqual(valid.checkpointSigner);
  });

  test.each(["kek-2023", "", "__proto__", "toString", "constructor", "hasOwnProperty"])("has no key by the id %j", (id) => {
    expect(staticKeyProvider(valid).keyEncryptionKey(id)).toBeUndefined();
  });

  test("is complete without a checkpoint signer", () => {
    const { checkpointSigner: _, ...rest } = valid;
    const keys = staticKeyProvider(rest);
    expect("checkpointSigner" in keys).toBe(false);
  });

  test("keeps copies: zeroing the caller's buffers afterwards changes nothing", () => {
    const kek = key(7);
    const index = key(8);
    const keys = staticKeyProvider({ keyEncryptionKeys: { k: kek }, currentKeyId: "k", blindIndexKey: index });
    kek.fill(0);
    index.fill(0);
    expect(keys.keyEncryptionKey("k")).toEqual(key(7));
    expect(keys.blindIndexKey).toEqual(key(8));
  });

  test.prop([fc.integer({ min: 0, max: 100 }).filter((n) => n !== 32)], { numRuns: 30 })("refuses a key-encryption key that is not 32 bytes", (n) => {
    expect(refusal({ ...valid, keyEncryptionKeys: { ...valid.keyEncryptionKeys, short: new Uint8Array(n) } })).toMatch(/"short" must be a Uint8Array of 32 bytes \(got \d+ bytes\)/);
  });

  test.prop([fc.integer({ min: 0, max: 100 }).filter((n) => n !== 32)], { numRuns: 30 })("refuses a blind-index key that is not 32 bytes", (n) => {
    expect(refusal({ ...valid, blindIndexKey: new Uint8Array(n) })).toMatch(/blind-index key/);
  });

  test("refuses a key that is not a Uint8Array", () => {
    expect(refusal({ ...valid, blindIndexKey: "0".repeat(32) as unknown as Uint8Array })).toMatch(/not a Uint8Array/);
  });

  test("refuses a current key id that is not among the keys", () => {
    expect(refusal({ ...valid, currentKeyId: "kek-2026" })).toMatch(/"kek-2026" is not among/);
    expect(refusal({ ...valid, currentKeyId: "toString" })).toMatch(/not among/);
    expect(refusal({ ...valid, keyEncryptionKeys: {}, currentKeyId: "kek-2025" })).toMatch(/not among/);
  });

  test("refuses an empty key id", () => {
    expect(refusal({ ...valid, keyEncryptionKeys: { "": key(1) }, currentKeyId: "" })).toMatch(/must not be empty/);
  });

  describe("refuses a checkpoint signer whose key is not Ed25519 PKCS#8 PEM", () => {
    const pkcs8 = (type: "ec" | "ed448" | "x25519") =>
      (type === "ec"
        ? generateKeyPairSync("ec", { namedCurve: "P-256", privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } })
        : type === "ed448"
          ? generateKeyPairSync("ed448", { privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } })
          : generateKeyPairSync("x25519", { privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } })
      ).privateKey;
    const encrypted = createPrivateKey(ed25519.privateKey).export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" }) as string;
    const der = createPrivateKey(ed25519.privateKey).export({ type: "pkcs8", format: "der" }).toString("base64");
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["a P-256 key", pkcs8("ec")],
      ["an Ed448 key", pkcs8("ed448")],
      ["an X25519 key", pkcs8("x25519")],
      ["the Ed25519 public key", ed25519.publicKey],
      ["an encrypted PKCS#8 key", encrypted],
      ["DER in base64 without PEM armour", der],
      ["garbage inside PEM armour", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"],
      ["an empty string", ""],
    ];
    test.each(cases)("%s", (_, privateKey) => {
      expect(refusal({ ...valid, checkpointSigner: { keyName: "k", privateKey } })).toMatch(/Ed25519 private key as unencrypted PKCS#8 PEM/);
    });

    test("and one without a name", () => {
      expect(refusal({ ...valid, checkpointSigner: { keyName: " ", privateKey: ed25519.privateKey } })).toMatch(/keyName must not be empty/);
    });
  });
});

describe("generateDevelopmentKeys", () => {
  test("makes a complete provider with the default names, and a public key that verifies its signer", () => {
    const { keys, checkpointPublicKey } = generateDevelopmentKeys();
    expect(keys.currentKeyId).toBe("dev-kek-1");
    expect(keys.keyEncryptionKey("dev-kek-1")).toHaveLength(32);
    expect(keys.blindIndexKey).toHaveLength(32);
    expect(keys.checkpointSigner?.keyName).toBe("dev-checkpoint");
    expect(checkpointPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(createPublicKey(checkpointPublicKey).asymmetricKeyType).toBe("ed25519");
    const message = Buffer.from("checkpoint");
    const signature = sign(null, message, keys.checkpointSigner?.privateKey ?? "");
    expect(verify(null, message, checkpointPublicKey, signature)).toBe(true);
    expect(verify(null, message, generateDevelopmentKeys().checkpointPublicKey, signature)).toBe(false);
  });

  test("uses the names it is given, and fresh keys every time", () => {
    const a = generateDevelopmentKeys({ keyId: "k1", keyName: "n1" }).keys;
    const b = generateDevelopmentKeys({ keyId: "k1", keyName: "n1" }).keys;
    expect(a.currentKeyId).toBe("k1");
    expect(a.checkpointSigner?.keyName).toBe("n1");
    expect(a.keyEncryptionKey("k1")).not.toEqual(b.keyEncryptionKey("k1"));
    expect(a.blindIndexKey).not.toEqual(b.blindIndexKey);
    expect(a.blindIndexKey).not.toEqual(a.keyEncryptionKey("k1"));
  });
});

describe("withRotatedKey", () => {
  test("makes the new key current and keeps the old ones, the index key and the signer", () => {
    const before = staticKeyProvider(valid);
    const fresh = new Uint8Array(randomBytes(32));
    const after = withRotatedKey(before, "kek-2026", fresh);
    expect(after.currentKeyId).toBe("kek-2026");
    expect(after.keyEncryptionKey("kek-2026")).toEqual(fresh);
    expect(after.keyEncryptionKey("kek-2025")).toEqual(key(2));
    expect(after.keyEncryptionKey("kek-2024")).toEqual(key(1));
    expect(after.keyEncryptionKey("kek-2023")).toBeUndefined();
    expect(after.blindIndexKey).toEqual(before.blindIndexKey);
    expect(after.checkpointSigner).toEqual(before.checkpointSigner);
    expect(before.currentKeyId).toBe("kek-2025");
  });

  test("can make an existing key current again under its own id", () => {
    expect(withRotatedKey(staticKeyProvider(valid), "kek-2024", key(1)).currentKeyId).toBe("kek-2024");
  });

  test("refuses to reuse an id for another key, a short key, and an empty id", () => {
    const keys = staticKeyProvider(valid);
    expect(() => withRotatedKey(keys, "kek-2024", key(9))).toThrow(/already names another key/);
    expect(() => withRotatedKey(keys, "kek-2026", new Uint8Array(16))).toThrow(RangeError);
    expect(() => withRotatedKey(keys, "", key(9))).toThrow(/must not be empty/);
  });
});
