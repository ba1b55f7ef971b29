import { beforeAll, describe, expect, it } from "vitest";
import { generateDevelopmentKeys } from "../crypto/key-provider.js";
import { registerPersons, serviceFixture } from "../ledger/service-fixture.js";
import type { AuditEventRow } from "../ports/store-rows.js";
import { type LedgerBundle, createLedgerBundle, receiveLedgerBundle, verifyLedgerBundle } from "./ledger-bundle.js";

const township = serviceFixture(621, { villages: 3, persons: 20, disputes: 12, listings: 0 });
const register = async (from: number, to: number) => {
  for (const d of township.town.disputes.slice(from, to)) {
    const r = await township.ledger.registerDispute(township.actors.coordinator, { dispute: d });
    if (!r.ok) throw new Error(r.error.message);
  }
};
const bundleNow = async (): Promise<LedgerBundle> => {
  const b = await createLedgerBundle(township.ledger, township.actors.coordinator, { purpose: "报送县级" });
  if (!b.ok) throw new Error(b.error.message);
  // What the receiver gets is a file: the bundle as JSON, read back.
  return JSON.parse(JSON.stringify(b.value)) as LedgerBundle;
};
const publicKey = township.checkpointPublicKey;

/** The bundle with the events of its largest chain changed. */
const withEvents = (bundle: LedgerBundle, change: (events: Array<AuditEventRow>) => Array<AuditEventRow>): LedgerBundle => {
  const longest = [...bundle.audit].sort((a, b) => b.events.length - a.events.length)[0]!;
  return { ...bundle, audit: bundle.audit.map((s) => (s.chain === longest.chain ? { ...s, events: change([...s.events]) } : s)) };
};

describe("ledger bundles", () => {
  let first: LedgerBundle;
  beforeAll(async () => {
    await registerPersons(township);
    await register(0, 8);
    first = await bundleNow();
  });

  it("carries the records, their chains up to a signed checkpoint and the event naming their digest, and verifies", () => {
    expect(first.records.disputes.map((d) => d.id)).toEqual(township.town.disputes.slice(0, 8).map((d) => d.id));
    expect(first.records.persons.every((p) => Object.keys(p).sort().join() === "id,jurisdiction,name")).toBe(true);
    const v = verifyLedgerBundle(first, { publicKey });
    if (!v.ok) throw new Error(v.error.message);
    expect(v.value.event.note).toMatchObject({ format: "bundle", rows: 8, digest: first.digest });
  });

  it("is received by another ledger once: the same bundle again, or an overlapping later one, adds nothing twice", async () => {
    const county = serviceFixture(621, {}, { town: township.town });
    const r1 = await receiveLedgerBundle(county.ledger, county.actors.coordinator, first, { publicKey });
    expect(r1.ok && r1.value).toMatchObject({ registered: 8, alreadyInLedger: 0 });
    const r2 = await receiveLedgerBundle(county.ledger, county.actors.coordinator, first, { publicKey });
    expect(r2.ok && r2.value).toMatchObject({ registered: 0, alreadyInLedger: 8 });
    await register(8, 12);
    const later = await bundleNow();
    const r3 = await receiveLedgerBundle(county.ledger, county.actors.coordinator, later, { publicKey });
    expect(r3.ok && r3.value).toMatchObject({ registered: 4, alreadyInLedger: 8 });
    for (const d of township.town.disputes) {
      const got = await county.ledger.getDispute(county.actors.coordinator, d.id);
      expect(got.ok && got.value.dispute).toEqual(d);
    }
  });

  it("is refused whole, the first bad event named, when an audit event is edited, removed or reordered", async () => {
    const county = serviceFixture(621, {}, { town: township.town });
    const edited = withEvents(first, (events) => events.map((e, i) => (i === 3 ? { ...e, purpose: "改过的用途" } : e)));
    const removed = withEvents(first, (events) => events.filter((_, i) => i !== 3));
    const reordered = withEvents(first, (events) => [...events.slice(0, 3), events[4]!, events[3]!, ...events.slice(5)]);
    const chainOf = withEvents(first, (e) => e)
      .audit.slice()
      .sort((a, b) => b.events.length - a.events.length)[0]!;
    const fourth = chainOf.events[3]!;
    const cases = [
      { bundle: edited, kind: "edited", seq: 4, eventId: fourth.id },
      { bundle: removed, kind: "deleted", seq: 4, eventId: undefined },
      { bundle: reordered, kind: "reordered", seq: 4, eventId: chainOf.events[4]!.id },
    ];
    for (const c of cases) {
      const r = await receiveLedgerBundle(county.ledger, county.actors.coordinator, c.bundle, { publicKey });
      if (r.ok || r.error._tag !== "BundleRefused") throw new Error(`${c.kind}: not refused`);
      expect(r.error.problem).toMatchObject({ kind: c.kind, seq: c.seq, chain: chainOf.chain, ...(c.eventId === undefined ? {} : { eventId: c.eventId }) });
      expect(r.error.message).toContain(`第 ${c.seq} 条`);
      if (c.eventId !== undefined) expect(r.error.message).toContain(c.eventId);
    }
    const listed = await county.ledger.listDisputes(county.actors.coordinator, {});
    expect(listed.ok && listed.value.items).toEqual([]);
  });

  describe("records that cannot be digested are refused by verify and by receive, never thrown, and the store is unchanged", () => {
    /** The bundle as parsed, with its first dispute's summary replaced by `value`. */
    const withSummary = (value: unknown): LedgerBundle => {
      const b = JSON.parse(JSON.stringify(first)) as LedgerBundle;
      (b.records.disputes[0]!.dispute as unknown as Record<string, unknown>)["summary"] = value;
      return b;
    };
    /** `inner` inside `depth` arrays, built with a loop (as JSON.parse builds a deep file). */
    const nestedIn = (depth: number, inner: unknown): unknown => {
      let v = inner;
      for (let i = 0; i < depth; i++) v = [v];
      return v;
    };
    const cases: ReadonlyArray<readonly [string, () => LedgerBundle, RegExp]> = [
      ["NaN", () => withSummary(Number.NaN), /records are not plain JSON/],
      ["a Date", () => withSummary(new Date(0)), /records are not plain JSON/],
      ["undefined in an array", () => ({ ...first, records: { ...first.records, persons: [...first.records.persons, undefined as unknown as LedgerBundle["records"]["persons"][number]] } }), /records are not plain JSON/],
      // Plain JSON, so it is digested (no RangeError) and its digest is not the signed one.
      ["a value nested 50,000 deep", () => withSummary(nestedIn(50_000, "深")), /records do not match the digest/],
    ];
    for (const [name, make, why] of cases) {
      it(`${name} in the records`, async () => {
        const bundle = make();
        const v = verifyLedgerBundle(bundle, { publicKey });
        if (v.ok) throw new Error(`${name}: verified`);
        expect(v.error._tag).toBe("BundleRefused");
        expect(v.error.text.en).toMatch(why);
        expect(v.error.text.zh.length).toBeGreaterThan(0);
        expect(v.error.text.zh).not.toBe(v.error.text.en);
        const county = serviceFixture(621, {}, { town: township.town });
        const before = JSON.stringify(county.store.state());
        const r = await receiveLedgerBundle(county.ledger, county.actors.coordinator, bundle, { publicKey });
        if (r.ok) throw new Error(`${name}: received`);
        expect(r.error._tag).toBe("BundleRefused");
        expect(r.error.text).toEqual(v.error.text);
        expect(JSON.stringify(county.store.state())).toBe(before);
      });
    }
  });

  it("is refused when its records are altered, its chain recomputed, or its signature is not the sender's", () => {
    const altered: LedgerBundle = {
      ...first,
      records: { ...first.records, disputes: first.records.disputes.map((d, i) => (i === 0 ? { ...d, dispute: { ...d.dispute, summary: `${d.dispute.summary}（改）` } } : d)) },
    };
    const a = verifyLedgerBundle(altered, { publicKey });
    expect(!a.ok && a.error.text.en).toMatch(/records do not match the digest/);
    const truncated = withEvents(first, (events) => events.slice(0, -1));
    const t = verifyLedgerBundle(truncated, { publicKey });
    expect(!t.ok && t.error.problem?.kind).toBe("truncated");
    const stranger = generateDevelopmentKeys().checkpointPublicKey;
    const s = verifyLedgerBundle(first, { publicKey: stranger });
    expect(!s.ok && s.error.text.en).toMatch(/checkpoint does not verify/);
    expect(verifyLedgerBundle({ format: "something-else" }, { publicKey }).ok).toBe(false);
  });
});
