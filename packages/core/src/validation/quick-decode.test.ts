import { fc, test } from "@fast-check/vitest";
import { Either, ParseResult } from "effect";
import { describe, expect } from "vitest";
import { type ArbitraryName, arbitraries } from "../testing/arbitraries.js";
import { publicSchemas as schemas } from "../schemas.js";
import { collectIssues } from "./collect-issues.js";
import { type StandaloneSchema, decode, parseOptions } from "./decode.js";

// `decode` first tries a quick decode that ignores unknown fields and keeps its
// value only when no field of the input was dropped. Whatever the input, it must
// answer exactly what the strict decode (every problem, unknown fields refused)
// answers: the same value, or the same issues.

/** The strict decode, as `decode` answered before it had a quick path. */
const strict = (schema: StandaloneSchema<unknown, unknown>, input: unknown) => {
  const either = ParseResult.decodeUnknownEither(schema, parseOptions)(input);
  return Either.isRight(either) ? { ok: true, value: either.right } : { ok: false, issues: collectIssues(either.left) };
};

const answer = (schema: StandaloneSchema<unknown, unknown>, input: unknown) => {
  const r = decode(schema, input);
  return r.ok ? { ok: true, value: r.value } : { ok: false, issues: r.error.issues };
};

/** Every object and array inside a value, the value itself first. */
const containers = (value: unknown): Array<object> => {
  if (typeof value !== "object" || value === null) return [];
  const inner = Array.isArray(value) ? value : Object.values(value);
  return [value, ...inner.flatMap(containers)];
};

type Change =
  | { readonly kind: "extra field"; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: "field removed"; readonly at: number; readonly pick: number }
  | { readonly kind: "value replaced"; readonly at: number; readonly pick: number; readonly value: unknown }
  | { readonly kind: "undefined field"; readonly at: number; readonly key: string };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant("extra field" as const), at: fc.nat(), key: fc.oneof(fc.constantFrom("id", "note", "extra", "kind", "__proto__x"), fc.string({ maxLength: 6 })), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant("field removed" as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant("value replaced" as const), at: fc.nat(), pick: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)) }),
  fc.record({ kind: fc.constant("undefined field" as const), at: fc.nat(), key: fc.constantFrom("note", "extra", "summary", "contact") }),
);

/** A copy of a valid input with some changes made at containers picked by index. */
const changed = (input: unknown, changes: ReadonlyArray<Change>): unknown => {
  const copy: unknown = structuredClone(input);
  for (const c of changes) {
    const all = containers(copy);
    if (all.length === 0) return copy;
    const target = all[c.at % all.length] as Record<string, unknown> | Array<unknown>;
    const keys = Object.keys(target);
    if (c.kind === "extra field" && !Array.isArray(target)) target[c.key] = c.value;
    else if (c.kind === "undefined field" && !Array.isArray(target)) target[c.key] = undefined;
    else if (c.kind === "field removed" && keys.length > 0) {
      if (Array.isArray(target)) target.splice(c.pick % target.length, 1);
      else delete target[keys[c.pick % keys.length]!];
    } else if (c.kind === "value replaced" && keys.length > 0) {
      (target as Record<string, unknown>)[keys[c.pick % keys.length]!] = c.value;
    }
  }
  return copy;
};

const names: ReadonlyArray<ArbitraryName> = ["Dispute", "Person", "Listing", "Actor", "Unit", "SupportFacts", "GradeDecision", "RoutingConfig", "Campaign"];

describe("decode's quick path", () => {
  for (const name of names) {
    const schema = schemas[name as keyof typeof schemas] as unknown as StandaloneSchema<unknown, unknown>;
    test.prop([arbitraries[name], fc.array(change, { maxLength: 3 })], { numRuns: 150 })(
      `${name}: valid and changed inputs get exactly what the strict decode answers`,
      (input, changes) => {
        const given = changed(input, changes);
        expect(answer(schema, given)).toStrictEqual(strict(schema, given));
      },
    );
  }

  test("an unknown field deep inside is refused with its path, as before", () => {
    const input = structuredClone(fc.sample(arbitraries.Dispute, { numRuns: 1, seed: 3 })[0]) as { facts: Record<string, unknown> };
    input.facts.extra = 1;
    const r = decode(schemas.Dispute as unknown as StandaloneSchema<unknown, unknown>, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.path)).toContainEqual(["facts", "extra"]);
  });

  test("a symbol key is left to the strict decode", () => {
    const input = { ...(fc.sample(arbitraries.Actor, { numRuns: 1, seed: 5 })[0] as object), [Symbol("x")]: 1 };
    const schema = schemas.Actor as unknown as StandaloneSchema<unknown, unknown>;
    expect(answer(schema, input)).toStrictEqual(strict(schema, input));
  });
});
