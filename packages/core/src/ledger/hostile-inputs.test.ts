// Use cases given values of the wrong type where their fields should be: each
// one is decoded before it is used, so the answer is a ValidationError naming
// the field (in both languages), the store is left as it was, and every error's
// message can be read whatever value it carries. Found by the decoders fuzz
// (src/fuzz/decoders.long.test.ts); these are its cases, one by one.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DisputeId, ListingId, PersonId } from "../model/ids.js";
import { printable, RecordNotFound, VersionConflict } from "./ledger-errors.js";
import { NotEligible } from "./use-cases/listings.js";
import { must, openerOf, qualifyingFacts, registerTown, serviceFixture } from "./service-fixture.js";

const fx = serviceFixture(2_417, { villages: 2, persons: 8, disputes: 3, listings: 0 });
const { coordinator } = fx.actors;
const PURPOSE = { purpose: "核查" };

/** Values that break code which uses them before decoding them. */
const deepArray = (depth: number): unknown => {
  let v: unknown = "accept";
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const hostile: ReadonlyArray<readonly [string, unknown]> = [
  ["an object whose toString is not a function", { toString: {} }],
  ["an object without a prototype", Object.create(null)],
  ["an array nested 10,000 deep", deepArray(10_000)],
  ["a symbol", Symbol("x")],
  ["an empty object", {}],
  ["a number", 42],
];

let disputeId: DisputeId;
let personId: PersonId;

beforeAll(async () => {
  const views = await registerTown(fx);
  disputeId = views[0]!.id;
  personId = fx.town.persons[0]!.id;
});

/** How many hostile calls were refused as they should be, for the figures. */
let refused = 0;
afterAll(() => console.log(`hostile use-case inputs: ${refused} calls, ${refused} refused as ValidationError at their field, 0 throws, 0 store changes`));

/** Runs a call and checks it refused with a ValidationError at `path`, both messages readable, and the store as it was. */
const expectRefusedAt = async (call: () => Promise<unknown>, path: ReadonlyArray<string | number>): Promise<void> => {
  const before = JSON.stringify(fx.store.state());
  const r = (await call()) as { ok: boolean; error?: { _tag: string; message: unknown; issues?: ReadonlyArray<{ path: ReadonlyArray<unknown>; zh: string; en: string }> } };
  expect(r.ok).toBe(false);
  expect(r.error?._tag).toBe("ValidationError");
  expect(typeof r.error?.message).toBe("string");
  const issue = r.error?.issues?.find((i) => JSON.stringify(i.path.slice(0, path.length)) === JSON.stringify(path));
  expect(issue, `an issue at ${JSON.stringify(path)} in ${JSON.stringify(r.error?.issues)}`).toBeDefined();
  expect(issue!.zh.length).toBeGreaterThan(0);
  expect(issue!.en.length).toBeGreaterThan(0);
  expect(JSON.stringify(fx.store.state())).toBe(before);
  refused++;
};

describe("use cases decode every field before they use it", () => {
  it.each(hostile)("transition refuses a transition name that is %s as a ValidationError at transition", async (_what, value) => {
    await expectRefusedAt(() => fx.ledger.transition(coordinator, { dispute: disputeId, version: 1, transition: value as string }), ["transition"]);
  });

  it("transition refuses fields that are not an object, and still applies a valid transition", async () => {
    await expectRefusedAt(() => fx.ledger.transition(coordinator, { dispute: disputeId, version: 1, transition: "accept", fields: "x" as never }), ["fields"]);
    await expectRefusedAt(() => fx.ledger.transition(coordinator, { dispute: { toString: {} } as never, version: 1, transition: "accept" }), ["dispute"]);
    const before = fx.store.state();
    const r = await fx.ledger.transition(coordinator, { dispute: disputeId, version: 1, transition: "accept" });
    expect(r.ok && r.value.version).toBe(2);
    fx.store.replaceState(before);
  });

  it.each(hostile)("decideGrade refuses a reason, a level or a second officer that is %s, each at its own path", async (_what, value) => {
    await expectRefusedAt(() => fx.ledger.decideGrade(coordinator, { dispute: disputeId, version: 1, reason: value as string }), ["reason"]);
    await expectRefusedAt(() => fx.ledger.decideGrade(coordinator, { dispute: disputeId, version: 1, level: value as never, reason: "现场核实后调整" }), ["level"]);
    await expectRefusedAt(() => fx.ledger.decideGrade(coordinator, { dispute: disputeId, version: 1, secondOfficer: value as never }), ["secondOfficer"]);
  });

  it("decideGrade still confirms a grade, and a stale whole-number version is still a VersionConflict", async () => {
    const before = fx.store.state();
    const r = await fx.ledger.decideGrade(coordinator, { dispute: disputeId, version: 1 });
    expect(r.ok && r.value.version).toBe(2);
    fx.store.replaceState(before);
    const stale = await fx.ledger.decideGrade(coordinator, { dispute: disputeId, version: 7 });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.error).toBeInstanceOf(VersionConflict);
    expect(!stale.ok && stale.error.message).toContain(disputeId);
  });

  it.each([...hostile, ["a number past any id", 9_007_199_254_740_991] as const])("listDisputes refuses a cursor that is %s as a ValidationError at cursor", async (_what, value) => {
    await expectRefusedAt(() => fx.ledger.listDisputes(coordinator, { cursor: value as string }), ["cursor"]);
  });

  it("listDisputes refuses a lead-unit filter that is not a unit id, and still lists by a valid one", async () => {
    await expectRefusedAt(() => fx.ledger.listDisputes(coordinator, { unit: { toString: {} } as never }), ["unit"]);
    await expectRefusedAt(() => fx.ledger.listDisputes(coordinator, { unit: ["u-sfs", 3] as never }), ["unit", 1]);
    const r = await fx.ledger.listDisputes(coordinator, { unit: [fx.town.units[0]!.id] });
    expect(r.ok).toBe(true);
  });

  it.each(hostile)("getPerson, getDispute and getListing refuse an id that is %s as a ValidationError at id", async (_what, value) => {
    await expectRefusedAt(() => fx.ledger.getPerson(coordinator, value as PersonId, PURPOSE), ["id"]);
    await expectRefusedAt(() => fx.ledger.getDispute(coordinator, value as DisputeId), ["id"]);
    await expectRefusedAt(() => fx.ledger.getListing(coordinator, value as ListingId, PURPOSE), ["id"]);
  });

  it("getPerson and getDispute still read a record by its id, and a missing one is still RecordNotFound", async () => {
    expect((await fx.ledger.getPerson(coordinator, personId, PURPOSE)).ok).toBe(true);
    expect((await fx.ledger.getDispute(coordinator, disputeId)).ok).toBe(true);
    expect(await fx.ledger.getPerson(coordinator, "p-nowhere" as PersonId, PURPOSE)).toMatchObject({ ok: false, error: { _tag: "RecordNotFound", id: "p-nowhere" } });
  });

  it.each([["an empty object", {}], ["an object whose toString is not a function", { toString: {} }], ["a category not in the list", 9]] as const)(
    "openListing refuses a category that is %s as a ValidationError at category",
    async (_what, value) => {
      const { actor, unit } = openerOf(fx, 5);
      await expectRefusedAt(
        () => fx.ledger.openListing(actor, { facts: qualifyingFacts(personId, 5, fx.today), category: value as never, id: "l-hostile" as ListingId, responsibleUnit: unit, responsiblePerson: "王芳" }),
        ["category"],
      );
    },
  );

  it("openListing for a category the facts do not qualify for is still NotEligible, with a readable message", async () => {
    const { actor, unit } = openerOf(fx, 5);
    const before = fx.store.state();
    const r = await fx.ledger.openListing(actor, { facts: qualifyingFacts(personId, 5, fx.today), category: 3, id: "l-other" as ListingId, responsibleUnit: unit, responsiblePerson: "王芳" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error._tag).toBe("NotEligible");
    expect(!r.ok && r.error.message).toContain("category 3");
    fx.store.replaceState(before);
    must(await fx.ledger.openListing(actor, { facts: qualifyingFacts(personId, 5, fx.today), category: 5, id: "l-ok" as ListingId, responsibleUnit: unit, responsiblePerson: "王芳" }), "open l-ok");
    fx.store.replaceState(before);
  });
});

describe("error messages are built from values made safe", () => {
  it.each(hostile)("RecordNotFound and NotEligible give a message for a value that is %s", (_what, value) => {
    const notFound = new RecordNotFound({ entity: "person", id: value as string });
    expect(typeof notFound.message).toBe("string");
    expect(notFound.text.en).toContain("no person with id");
    const notEligible = new NotEligible({ person: value as PersonId, category: value as never, result: { qualifying: [], criteria: [] } as never });
    expect(typeof notEligible.message).toBe("string");
    expect(notEligible.text.en).toContain("does not qualify");
  });

  it("a symbol id is shown by its description, and a valid id exactly as it is", () => {
    expect(new RecordNotFound({ entity: "dispute", id: Symbol("d-7") as never }).text.en).toBe("no dispute with id Symbol(d-7)");
    expect(new RecordNotFound({ entity: "dispute", id: "d-000001" }).text.en).toBe("no dispute with id d-000001");
  });

  it("printable never throws, never calls a value's own toString, and keeps its text short", () => {
    let called = 0;
    const spy = { toString: () => (called++, "spied"), valueOf: () => (called++, 1) };
    expect(printable(spy)).toBe("[object]");
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(printable(revoked.proxy)).toBe("[object]");
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }), fc.string({ maxLength: 400 }), fc.constant(Symbol("s"))), fc.integer({ min: 1, max: 300 }), (value, max) => {
        const text = printable(value, max);
        expect(typeof text).toBe("string");
        expect(text.length).toBeLessThanOrEqual(max + 1);
        if (typeof value === "string" && value.length <= max) expect(text).toBe(value);
      }),
      { numRuns: 300 },
    );
    expect(called).toBe(0);
  });
});
