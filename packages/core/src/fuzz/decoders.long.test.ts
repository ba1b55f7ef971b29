// Fuzzing of every public decoder of the core: each public schema through
// `decode`, `decodeEffect` and its Standard Schema, and the ledger's use cases
// that decode their input, over hostile values and valid values with one field
// gone wrong. The claim: a decoder never throws and never changes its input, and
// a use case always resolves to a Result, leaving the store exactly as it was
// when it refuses. Replay a run with FUZZ_SEED=<seed printed>.
import { isDeepStrictEqual } from "node:util";
import { Effect, Either } from "effect";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { plusDays } from "../calendar/local-dates.js";
import { must, openerOf, qualifyingFacts, serviceFixture } from "../ledger/service-fixture.js";
import type { Actor } from "../model/actor.js";
import { Dispute } from "../model/dispute.js";
import type { DisputeId, ListingId, PersonId, UnitId } from "../model/ids.js";
import type { LocalDate } from "../model/local-date.js";
import type { SupportCategory } from "../taxonomy/support-categories.js";
import type { Result } from "../validation/result.js";
import { type PublicSchemaName, publicSchemas } from "../schemas.js";
import { arbitraries } from "../testing/arbitraries.js";
import { decode, decodeEffect, standardSchema, type StandaloneSchema } from "../validation/decode.js";
import { ValidationError } from "../validation/validation-error.js";
import { BrokenAnswer, PartialWrite, type Tally, type Verdict, addTo, emptyTally, figures, fuzz } from "./fuzz-run.js";
import { fuzzAsync } from "./fuzz-run.js";
import { fuzzSeed, hostileInput, hostileNumber, hostileString, hostileValue, shapeOf, updateAt, valueAt, pathsOf } from "./hostile-values.js";

const SEED = fuzzSeed(20_250_213);
const names = Object.keys(publicSchemas) as Array<PublicSchemaName>;
/** Inputs per schema: every schema gets this many, together well over 100,000. */
const PER_SCHEMA = 2_600;

/** What a decoder's answer must be: a value, or a ValidationError with issues that name a path and say what is wrong in both languages. */
const verdictOf = (r: unknown): Verdict => {
  const result = r as { ok?: unknown; value?: unknown; error?: unknown };
  if (result.ok === true) return "accepted";
  if (result.ok !== false) throw new BrokenAnswer("not a Result");
  const error = result.error;
  if (!(error instanceof ValidationError)) throw new BrokenAnswer("the error is not a ValidationError");
  if (error.issues.length === 0) throw new BrokenAnswer("a refusal with no issues");
  for (const issue of error.issues) {
    if (!Array.isArray(issue.path) || !issue.path.every((k) => typeof k === "string" || typeof k === "number")) throw new BrokenAnswer("an issue's path is not a path");
    if (typeof issue.zh !== "string" || issue.zh.length === 0 || typeof issue.en !== "string" || issue.en.length === 0) throw new BrokenAnswer("an issue without both messages");
  }
  if (typeof error.message !== "string") throw new BrokenAnswer("the error has no message");
  return "rejected";
};

describe("every public schema, over hostile and mutated inputs", () => {
  const totals = emptyTally();

  it.each(names.map((name, i) => [name, i] as const))("%s: decode, decodeEffect and its Standard Schema never throw, never change the input, and agree", (name, i) => {
    const schema = publicSchemas[name] as StandaloneSchema<unknown, unknown>;
    const standard = standardSchema(schema)["~standard"];
    let n = 0;
    const t = fuzz(hostileInput(arbitraries[name] as fc.Arbitrary<unknown>), { numRuns: PER_SCHEMA, seed: SEED + i }, (input) => {
      const before = shapeOf(input);
      const verdict = verdictOf(decode(schema, input));
      // The other two forms run on a share of the inputs: they call decode, and must say the same.
      if (++n % 8 === 0) {
        const either = Effect.runSync(Effect.either(decodeEffect(schema, input)));
        if (Either.isRight(either) !== (verdict === "accepted")) throw new BrokenAnswer("decodeEffect disagrees with decode");
        if (Either.isLeft(either) && !(either.left instanceof ValidationError)) throw new BrokenAnswer("decodeEffect failed with something else");
        const standardResult = standard.validate(input) as { issues?: unknown };
        if ((standardResult.issues === undefined) !== (verdict === "accepted")) throw new BrokenAnswer("the Standard Schema disagrees with decode");
      }
      if (shapeOf(input) !== before) throw new PartialWrite("decoding changed its input");
      return verdict;
    });
    addTo(totals, t);
    console.log(figures(`decode ${name}`, t, `${SEED}+${i}`));
    if (i === names.length - 1) console.log(figures(`decode, all ${names.length} public schemas`, totals, SEED));
    expect(t.failures).toEqual([]);
    expect(t.tried).toBe(PER_SCHEMA);
    expect(t.rejected).toBeGreaterThan(0);
    expect(t.accepted).toBeGreaterThan(0);
  });
});

/** A chain of `depth` conditions around `leaf`: `not`, `all` or `any` at every level (or taking turns). */
const conditionChain = (depth: number, kind: "not" | "all" | "any" | "mixed", leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) {
    const op = kind === "mixed" ? (["not", "all", "any"] as const)[i % 3]! : kind;
    v = op === "not" ? { op, of: v } : { op, of: [v] };
  }
  return v;
};

describe("schemas that refer to themselves (grading and routing conditions), nested thousands deep", () => {
  it.each(["GradingTable", "RoutingConfig"] as const)("%s: a condition nested 1,000 to 100,000 deep gives a Result, never an exception", (name) => {
    const schema = publicSchemas[name] as StandaloneSchema<unknown, unknown>;
    const arbitrary = fc
      .tuple((arbitraries[name] as fc.Arbitrary<unknown>).filter((v) => pathsOf(v).some((p) => p[p.length - 1] === "when")), fc.constantFrom(1_000, 3_000, 10_000, 100_000), fc.constantFrom("not" as const, "all" as const, "any" as const, "mixed" as const), fc.boolean(), fc.nat())
      .map(([valid, depth, kind, validLeaf, pick]) => {
        const conditions = pathsOf(valid).filter((p) => p[p.length - 1] === "when");
        const at = conditions[pick % conditions.length]!;
        const leaf = validLeaf ? valueAt(valid, at) : { op: "is", fact: 3 };
        return updateAt(valid, at, () => conditionChain(depth, kind, leaf));
      });
    const t = fuzz(arbitrary, { numRuns: 24, seed: SEED }, (input) => verdictOf(decode(schema, input)));
    console.log(figures(`decode ${name}, conditions nested 1,000–100,000 deep`, t, SEED));
    expect(t.failures).toEqual([]);
  });
});

// ——— The ledger's use cases: they decode what they are given, and must resolve
// to a Result whatever it is, leaving the store as it was when they refuse.

const fx = serviceFixture(1_307, { villages: 2, persons: 12, disputes: 10, listings: 0 });
const { coordinator, social } = fx.actors;
const registeredDisputes = fx.town.disputes.slice(0, 5);
const newDisputes = fx.town.disputes.slice(5);
const registeredPersons = fx.town.persons.slice(0, 8);
/** Residents not yet in the ledger: generated persons moved into the town's first village, under ids of their own. */
const newPersons = fc.sample(arbitraries.Person, { numRuns: 6, seed: 1_307 }).map((p, i) => ({ ...p, id: `fz-${i}`, jurisdiction: fx.town.villages[0]!.code }));
/** Inputs per use case: the ledger path is slower than a decode, so a bounded count each. */
const PER_USE_CASE = 1_500;

type State = ReturnType<typeof fx.store.state>;

/**
 * Whether `after` is `before` plus, at most, audit events of refusals (an access
 * refusal is recorded, by design): every collection exactly as it was, every
 * audit chain as it was with only "refused" events after it.
 */
const unchangedBut = (before: State, after: State, refusalsAllowed: boolean): string | undefined => {
  if (JSON.stringify(before.collections) !== JSON.stringify(after.collections)) return "a collection changed";
  for (const chain of new Set([...Object.keys(before.audit), ...Object.keys(after.audit)])) {
    const was = before.audit[chain] ?? [];
    const now = after.audit[chain] ?? [];
    if (now.length < was.length || JSON.stringify(now.slice(0, was.length)) !== JSON.stringify(was)) return `audit chain ${chain} was rewritten`;
    const added = now.slice(was.length);
    if (added.length > 0 && (!refusalsAllowed || added.some((e) => e.outcome !== "refused"))) return `audit chain ${chain} gained ${added.length} events of a refused call`;
  }
  return undefined;
};

/**
 * Runs one use case on an input and judges it: a Result whose error is a tagged
 * value with a message; when refused, the store as it was; when accepted, what
 * `accepted` checks (the record whole), after which the store is put back as it
 * was, so that every input meets the same ledger.
 */
const judge = async <A>(call: () => Promise<Result<A, unknown>>, accepted?: (value: A) => Promise<string | undefined>, readOnly = false): Promise<Verdict> => {
  const before = fx.store.state();
  const r = (await call()) as unknown as { ok?: unknown; value?: A; error?: { _tag?: unknown; message?: unknown; cause?: unknown } };
  if (r.ok === true) {
    const wrong = readOnly ? unchangedBut(before, fx.store.state(), false) === "a collection changed" ? "a read changed a collection" : undefined : await accepted?.(r.value as A);
    fx.store.replaceState(before);
    if (wrong !== undefined) throw new PartialWrite(wrong);
    return "accepted";
  }
  if (r.ok !== false || typeof r.error?._tag !== "string" || typeof r.error.message !== "string") throw new BrokenAnswer("not a Result with a tagged error");
  // The naive store never fails by itself: a StoreFailure is a defect caught on its way out.
  if (r.error._tag === "StoreFailure") throw new BrokenAnswer(`StoreFailure from a store that cannot fail: ${String((r.error.cause as Error | undefined)?.stack ?? r.error.cause).slice(0, 400)}`);
  const wrong = unchangedBut(before, fx.store.state(), r.error._tag === "AccessDenied");
  if (wrong !== undefined) {
    fx.store.replaceState(before);
    throw new PartialWrite(`${r.error._tag}: ${wrong}`);
  }
  return "rejected";
};

const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 2 });
const orHostile = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: hostileValue });
/** An object without the fields whose value is undefined (as a caller would leave them out). */
const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe("the ledger's use cases, over hostile and mutated inputs", () => {
  const totals = emptyTally();
  const report = (what: string, t: Tally, i: number) => {
    addTo(totals, t);
    console.log(figures(`ledger ${what}`, t, `${SEED}+${100 + i}`));
    if (i === CASES.length - 1) console.log(figures(`ledger, all ${CASES.length} use cases (naive in-core store)`, totals, SEED));
  };

  beforeAll(async () => {
    for (const p of registeredPersons) must(await fx.ledger.registerPerson(social, p), `register ${p.id}`);
    for (const d of [...registeredDisputes, ...newDisputes]) {
      for (const party of d.parties) {
        if (party.kind !== "person" || registeredPersons.some((p) => p.id === party.person)) continue;
        const person = fx.town.persons.find((p) => p.id === party.person)!;
        must(await fx.ledger.registerPerson(social, person), `register ${person.id}`);
        registeredPersons.push(person);
      }
    }
    for (const d of registeredDisputes) must(await fx.ledger.registerDispute(coordinator, { dispute: d }), `register ${d.id}`);
  }, 120_000);

  const disputeIds = fc.constantFrom(...registeredDisputes.map((d) => d.id as string));
  const today = fx.today;
  const readBack = async (id: unknown, expected: unknown): Promise<string | undefined> => {
    const got = await fx.ledger.getDispute(coordinator, id as DisputeId);
    if (!got.ok) return `registered, but reading it back failed: ${got.error.message}`;
    return isDeepStrictEqual(JSON.parse(JSON.stringify(got.value.dispute)), JSON.parse(JSON.stringify(expected))) ? undefined : "registered, but it reads back different";
  };

  const CASES: ReadonlyArray<{ readonly name: string; readonly run: () => Promise<Tally> }> = [
    {
      name: "registerDispute",
      run: () =>
        fuzzAsync(
          fc.record({ dispute: hostileInput(fc.constantFrom(...newDisputes) as fc.Arbitrary<unknown>), persons: sometimes(fc.oneof(hostileValue, fc.array(hostileInput(fc.constantFrom(...newPersons) as fc.Arbitrary<unknown>), { maxLength: 2 }))) }),
          { numRuns: PER_USE_CASE, seed: SEED + 100 },
          (input) =>
            judge(
              () => fx.ledger.registerDispute(coordinator, defined(input) as never),
              async (view) => {
                const decoded = decode(Dispute, input.dispute);
                if (!decoded.ok) return "registered a dispute that does not decode";
                return readBack(view.dispute.id, decoded.value);
              },
            ),
        ),
    },
    {
      name: "registerDispute (hostile actor)",
      run: () =>
        fuzzAsync(fc.tuple(hostileInput(fc.constant(coordinator) as fc.Arbitrary<unknown>), fc.constantFrom(...newDisputes)), { numRuns: PER_USE_CASE, seed: SEED + 101 }, ([actor, dispute]) =>
          judge(() => fx.ledger.registerDispute(actor as Actor, { dispute }), (view) => readBack(view.dispute.id, dispute)),
        ),
    },
    {
      name: "registerPerson",
      run: () =>
        fuzzAsync(hostileInput(fc.constantFrom(...newPersons) as fc.Arbitrary<unknown>), { numRuns: PER_USE_CASE, seed: SEED + 102 }, (input) =>
          judge(
            () => fx.ledger.registerPerson(social, input),
            async (view) => {
              const id = (view as { person: { id: string } }).person.id;
              const state = fx.store.state().collections;
              return state.persons![id] !== undefined && state.personKeys![id] !== undefined ? undefined : "registered a person without its row and its key";
            },
          ),
        ),
    },
    {
      name: "transition",
      run: () =>
        fuzzAsync(
          fc.record({
            dispute: orHostile(disputeIds),
            version: orHostile(fc.constant(1)),
            transition: orHostile(fc.constantFrom("accept", "decline", "assign", "start-mediation", "resolve", "close", "reopen")),
            fields: sometimes(hostileInput(arbitraries.CaseFields as fc.Arbitrary<unknown>)),
            on: sometimes(orHostile(fc.constant(today))),
          }),
          { numRuns: PER_USE_CASE, seed: SEED + 103 },
          (input) =>
            judge(
              () => fx.ledger.transition(coordinator, defined(input) as never),
              async (view) => ((view as { version?: unknown }).version === 2 ? undefined : "a transition did not write version 2"),
            ),
        ),
    },
    {
      name: "decideGrade",
      run: () =>
        fuzzAsync(
          fc.record({
            dispute: orHostile(disputeIds),
            version: orHostile(fc.constant(1)),
            level: sometimes(orHostile(fc.constantFrom("red", "orange", "yellow", "blue"))),
            reason: sometimes(orHostile(fc.constant("现场核实后调整"))),
            secondOfficer: sometimes(hostileInput(fc.constant(fx.actors.leadership) as fc.Arbitrary<unknown>)),
          }),
          { numRuns: PER_USE_CASE, seed: SEED + 104 },
          (input) => judge(() => fx.ledger.decideGrade(coordinator, defined(input) as never), async (view) => ((view as { version?: unknown }).version === 2 ? undefined : "a grade decision did not write version 2")),
        ),
    },
    {
      name: "openListing",
      run: () =>
        fuzzAsync(
          fc.record({
            category: fc.constantFrom<SupportCategory>(1, 2, 3, 4, 5, 6),
            person: fc.constantFrom(...registeredPersons.map((p) => p.id)),
            n: fc.nat(),
            hostile: hostileValue,
            which: fc.nat(),
          }).chain(({ category, person, n, hostile, which }) =>
            hostileInput(fc.constant(qualifyingFacts(person as PersonId, category, today)) as fc.Arbitrary<unknown>).map((facts) => {
              const input: Record<string, unknown> = { facts, category, id: `l-${n % 50}`, responsibleUnit: openerOf(fx, category).unit as string, responsiblePerson: "王芳" };
              const field = ["category", "id", "responsibleUnit", "responsiblePerson", "none", "none"][which % 6]!;
              if (field !== "none") input[field] = hostile;
              return { category, input };
            }),
          ),
          { numRuns: PER_USE_CASE, seed: SEED + 105 },
          ({ category, input }) =>
            judge(
              () => fx.ledger.openListing(openerOf(fx, category).actor, input as never),
              async (view) => {
                const id = (view as { listing?: { id?: string } }).listing?.id ?? (input.id as string);
                return fx.store.state().collections.listings![id] !== undefined ? undefined : "opened a listing that is not in the store";
              },
            ),
        ),
    },
    {
      name: "listDisputes",
      run: () =>
        fuzzAsync(
          fc.record({
            within: sometimes(orHostile(fc.constantFrom(fx.town.township.code as string, ...fx.town.villages.map((v) => v.code as string)))),
            domain: sometimes(orHostile(fc.constantFrom("neighbourhood", "marriage-family"))),
            level: sometimes(orHostile(fc.constantFrom("red", "blue"))),
            priority: sometimes(hostileValue),
            status: sometimes(orHostile(fc.constantFrom("registered", "closed"))),
            unit: sometimes(hostileValue),
            month: sometimes(orHostile(fc.constantFrom("2025-01", "2025-02"))),
            limit: sometimes(orHostile(fc.integer({ min: 1, max: 60 }))),
            cursor: sometimes(hostileValue),
          }),
          { numRuns: PER_USE_CASE, seed: SEED + 106 },
          (query) => judge(() => fx.ledger.listDisputes(coordinator, defined(query) as never), undefined, true),
        ),
    },
    {
      name: "getPerson",
      run: () =>
        fuzzAsync(
          fc.record({ id: orHostile(fc.constantFrom(...registeredPersons.map((p) => p.id as string))), purpose: orHostile(fc.constantFrom("核查", "矛盾纠纷排查")) }),
          { numRuns: PER_USE_CASE, seed: SEED + 107 },
          ({ id, purpose }) => judge(() => fx.ledger.getPerson(coordinator, id as PersonId, { purpose: purpose as string }), undefined, true),
        ),
    },
    {
      name: "registerHazard",
      run: () =>
        fuzzAsync(
          hostileInput(fc.constant({ jurisdiction: fx.town.township.code, place: "村委会东侧河堤", hazard: "护栏缺失", responsibleUnit: fx.town.units[0]!.id as UnitId, deadline: plusDays(today, 10) as LocalDate }) as fc.Arbitrary<unknown>),
          { numRuns: PER_USE_CASE, seed: SEED + 108 },
          (input) =>
            judge(
              () => fx.ledger.registerHazard(coordinator, input as never),
              async (view) => (fx.store.state().collections.hazards![(view as { id: string }).id] !== undefined ? undefined : "registered a hazard that is not in the store"),
            ),
        ),
    },
  ];

  it.each(CASES.map((c, i) => [c.name, i] as const))("%s resolves to a Result for every input, and leaves the store as it was when it refuses", async (_name, i) => {
    const t = await CASES[i]!.run();
    report(CASES[i]!.name, t, i);
    expect(t.failures).toEqual([]);
    expect(t.tried).toBe(PER_USE_CASE);
    expect(t.rejected).toBeGreaterThan(0);
  });
});
