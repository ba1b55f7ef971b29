import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleOfficers, sampleTown } from "@tiaojie/core/testing";
import { keysFromEnvironment } from "./keys.js";
import { openLedger } from "./open-ledger.js";

const town = sampleTown(11, { villages: 2, persons: 3, disputes: 0, listings: 0 });
const officers = sampleOfficers(town);
const person = town.persons.find((p) => p.identityNumber !== undefined)!;
const dir = mkdtempSync(join(tmpdir(), "tiaojie-keys-test-"));
const file = join(dir, "ledger.db");
const env = {
  TIAOJIE_KEK: randomBytes(32).toString("base64"),
  TIAOJIE_BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
  TIAOJIE_CHECKPOINT_KEY: generateKeyPairSync("ed25519", { privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey,
};

beforeAll(async () => {
  const ledger = await openLedger({ file, units: town.units, keys: keysFromEnvironment(env), today: town.period.to, township: town.township.code });
  try {
    const r = await ledger.registerPerson(officers.socialAffairs, person);
    if (!r.ok) throw new Error(r.error.message);
  } finally {
    await ledger.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("keys for a durable store", () => {
  it("reads a person's sealed fields again after a restart with the same keys from the environment", async () => {
    const keys = keysFromEnvironment(env);
    expect(keys.source).toBe("environment");
    const ledger = await openLedger({ file, units: town.units, keys, today: town.period.to, township: town.township.code });
    try {
      const seen = await ledger.getPerson(officers.socialAffairs, person.id, { purpose: "救助核对" });
      expect(seen.ok && seen.value.person?.identityNumber).toBe(person.identityNumber);
    } finally {
      await ledger.close();
    }
  });

  it("cannot open them with other keys: the ledger says so rather than return garbage", async () => {
    const ledger = await openLedger({ file, units: town.units, keys: keysFromEnvironment({}), today: town.period.to, township: town.township.code });
    try {
      const seen = await ledger.getPerson(officers.socialAffairs, person.id, { purpose: "救助核对" });
      expect(seen.ok).toBe(false);
      expect(!seen.ok && seen.error._tag).toBe("SealedDataUnreadable");
    } finally {
      await ledger.close();
    }
  });

  it("makes development keys when no variable is set, and refuses a partial set", () => {
    expect(keysFromEnvironment({}).source).toBe("development");
    expect(() => keysFromEnvironment({ TIAOJIE_KEK: env.TIAOJIE_KEK })).toThrow(/TIAOJIE_BLIND_INDEX_KEY/);
    expect(() => keysFromEnvironment({ ...env, TIAOJIE_KEK: randomBytes(16).toString("base64") })).toThrow(RangeError);
  });
});
