// Fuzzing of ledger bundles: a real bundle made by a township's ledger, broken
// in the ways a file breaks or is tampered with (truncated, a byte flipped, a
// character in or out, the digest or the signature changed, fields added,
// removed or of another type, one field of the parsed bundle gone wrong), fed to
// `verifyLedgerBundle` (100,000 of them) and to `receiveLedgerBundle` on a
// county's ledger (a bounded number: each is a ledger run). The claim: neither
// ever throws; a bundle that verifies carries exactly the records that were
// signed; a refused bundle leaves the receiving store exactly as it was.
// Replay a run with FUZZ_SEED=<seed printed>.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../audit/canonical-json.js";
import { BundleNotMade, BundleRefused, type LedgerBundle, createLedgerBundle, receiveLedgerBundle, verifyLedgerBundle } from "../exchange/ledger-bundle.js";
import { must, registerPersons, serviceFixture } from "../ledger/service-fixture.js";
import type { DisputeId } from "../model/ids.js";
import { BrokenAnswer, PartialWrite, type Verdict, figures, fuzz, fuzzAsync } from "./fuzz-run.js";
import { HOSTILE_STRINGS, fuzzSeed, hostileInput, hostileString, shapeOf } from "./hostile-values.js";

const SEED = fuzzSeed(20_250_214);
const VERIFY_RUNS = 100_000;
const RECEIVE_RUNS = 2_000;

const township = serviceFixture(621, { villages: 1, persons: 3, disputes: 2, listings: 0 });
const publicKey = township.checkpointPublicKey;
let text = "";
let bundle: LedgerBundle;
let signedRecords = "";

beforeAll(async () => {
  await registerPersons(township);
  for (const d of township.town.disputes) must(await township.ledger.registerDispute(township.actors.coordinator, { dispute: d }), `register ${d.id}`);
  const made = must(await createLedgerBundle(township.ledger, township.actors.coordinator, { purpose: "报送县级" }), "bundle");
  // What a receiver gets is a file: the bundle as JSON text.
  text = JSON.stringify(made);
  bundle = JSON.parse(text) as LedgerBundle;
  signedRecords = canonicalJson(bundle.records);
}, 120_000);

/** One change to the bundle's text, as a damaged or tampered file has it. */
const textMutation = fc
  .record({ kind: fc.constantFrom("truncate", "flip", "insert", "delete", "digest", "signature", "checkpoint-line", "replace-value", "duplicate-key", "bom", "utf16"), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }), s: hostileString })
  .map(({ kind, at, bit, s }) => {
    const i = at % text.length;
    switch (kind) {
      case "truncate":
        return text.slice(0, i);
      case "flip": {
        const bytes = Buffer.from(text, "utf8");
        bytes[at % bytes.length]! ^= 1 << bit;
        return bytes.toString("utf8");
      }
      case "insert":
        return text.slice(0, i) + s + text.slice(i);
      case "delete":
        return text.slice(0, i) + text.slice(i + 1 + (at % 7));
      case "digest": {
        const hex = "0123456789abcdef"[at % 16]!;
        return text.replace(`"digest":"${bundle.digest}"`, () => `"digest":"${bundle.digest.slice(0, at % 64)}${hex}${bundle.digest.slice((at % 64) + 1)}"`);
      }
      case "signature": {
        // A character of the signature line (the checkpoint's last line) changed.
        const cp = JSON.stringify(bundle.checkpoint).slice(1, -1);
        const lines = cp.split("\\n");
        const sig = lines.length - 2;
        const line = lines[sig] ?? "";
        const j = line.length === 0 ? 0 : (at % line.length);
        lines[sig] = line.slice(0, j) + (line[j] === "A" ? "B" : "A") + line.slice(j + 1);
        return text.replace(cp, () => lines.join("\\n"));
      }
      case "checkpoint-line": {
        const cp = JSON.stringify(bundle.checkpoint).slice(1, -1);
        const lines = cp.split("\\n");
        const k = at % lines.length;
        lines[k] = `${lines[k]!.slice(0, -1)}${bit}`;
        return text.replace(cp, () => lines.join("\\n"));
      }
      case "replace-value":
        return text.replace(/:("[^"]*"|-?[0-9.]+|true|false|null)/g, (m, _v, offset: number) => (offset >= i && offset < i + 200 ? `:${JSON.stringify(s)}` : m));
      case "duplicate-key":
        return text.replace(`"within":"${bundle.within}"`, () => `"within":"${bundle.within}","within":${JSON.stringify(s)}`);
      case "bom":
        return `\ufeff${text}`;
      case "utf16":
        return Buffer.from(text, "utf16le").toString("latin1");
    }
  })
  // A file that no longer parses is passed as its text: the verifier is given whatever the caller has.
  .map((t) => {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  });

/** Hostile bundles: text damage, one field of the parsed bundle gone wrong, the bundle as it is, or noise. */
const hostileBundle = (): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: textMutation }, { weight: 4, arbitrary: hostileInput(fc.constant(null).map(() => JSON.parse(text) as unknown)) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) });

const verdictOf = (r: unknown, input: unknown): Verdict => {
  const result = r as { ok?: unknown; value?: { bundle?: LedgerBundle }; error?: unknown };
  if (result.ok === true) {
    // What verifies must be what was signed: the records, to the last character.
    if (canonicalJson(result.value?.bundle?.records) !== signedRecords) throw new BrokenAnswer("a bundle verified with other records than the signed ones");
    if (result.value?.bundle !== input) throw new BrokenAnswer("the verified bundle is not the one given");
    return "accepted";
  }
  if (result.ok !== false) throw new BrokenAnswer("not a Result");
  const error = result.error;
  if (!(error instanceof BundleRefused) && !(error instanceof BundleNotMade)) throw new BrokenAnswer("the error is not BundleRefused or BundleNotMade");
  if (error.text.zh.length === 0 || error.text.en.length === 0 || typeof error.message !== "string") throw new BrokenAnswer("a refusal without both messages");
  return "rejected";
};

describe("ledger bundles, over hostile and damaged bundles", () => {
  it("verifyLedgerBundle never throws, never changes its input, and verifies only the signed records", () => {
    const t = fuzz(hostileBundle(), { numRuns: VERIFY_RUNS, seed: SEED }, (input) => {
      const before = shapeOf(input);
      const verdict = verdictOf(verifyLedgerBundle(input, { publicKey }), input);
      if (shapeOf(input) !== before) throw new PartialWrite("verifying changed the bundle");
      return verdict;
    });
    console.log(figures("verifyLedgerBundle", t, SEED));
    expect(t.failures).toEqual([]);
    expect(t.tried).toBe(VERIFY_RUNS);
    expect(t.accepted).toBeGreaterThan(0);
    expect(t.rejected).toBeGreaterThan(0);
  });

  it("receiveLedgerBundle resolves to a Result; a refused bundle leaves the county's store exactly as it was, an accepted one registers every dispute whole", async () => {
    const county = serviceFixture(621, {}, { town: township.town });
    const empty = county.store.state();
    const emptyText = JSON.stringify(empty);
    const t = await fuzzAsync(hostileBundle(), { numRuns: RECEIVE_RUNS, seed: SEED + 1 }, async (input) => {
      const r = await receiveLedgerBundle(county.ledger, county.actors.coordinator, input, { publicKey });
      try {
        const after = JSON.stringify(county.store.state());
        if (!r.ok) {
          verdictOf(r, input);
          if (after !== emptyText) throw new PartialWrite(`refused (${r.error.message.slice(0, 120)}), yet the store changed`);
          return "rejected";
        }
        for (const d of bundle.records.disputes) {
          const got = await county.ledger.getDispute(county.actors.coordinator, d.id as DisputeId);
          if (!got.ok || canonicalJson(got.value.dispute) !== canonicalJson(d.dispute)) throw new PartialWrite(`accepted, but dispute ${d.id} is not in the ledger whole`);
        }
        if (r.value.registered + r.value.alreadyInLedger !== bundle.records.disputes.length) throw new BrokenAnswer("accepted, but the counts do not add up");
        return "accepted";
      } finally {
        // Every input meets the same empty county ledger.
        county.store.replaceState(empty);
      }
    });
    console.log(figures("receiveLedgerBundle (county ledger, naive in-core store)", t, SEED + 1));
    expect(t.failures).toEqual([]);
    expect(t.tried).toBe(RECEIVE_RUNS);
    expect(t.accepted).toBeGreaterThan(0);
    expect(t.rejected).toBeGreaterThan(0);
  });
});
