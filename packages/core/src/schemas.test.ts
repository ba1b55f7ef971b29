import { fc, test } from "@fast-check/vitest";
import { Option, SchemaAST as AST } from "effect";
import { describe, expect } from "vitest";
import { decode, encode, jsonSchema, standardSchema } from "./validation/decode.js";
import { BilingualMessageId } from "./validation/bilingual.js";
import { type PublicSchemaName, publicSchemas } from "./schemas.js";
import { arbitraries } from "./testing/arbitraries.js";

const names = Object.keys(publicSchemas) as Array<PublicSchemaName>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a leaf (a non-container value) of a JSON value. */
const leafPaths = (value: Json, path: Array<string | number> = []): Array<Array<string | number>> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
};

const setAt = (value: Json, path: ReadonlyArray<string | number>, leaf: Json): Json => {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  const obj = value as { [key: string]: Json };
  return { ...obj, [head as string]: setAt(obj[head as string] as Json, rest, leaf) };
};

const getAt = (value: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);

/**
 * A value of another JSON type than `leaf`, so that the schema must reject it. A
 * grading condition's operand (`than`) may be a parameter name or a number: it is
 * given a boolean or null, which neither accepts.
 */
const otherType = (leaf: Json, path: ReadonlyArray<string | number>): fc.Arbitrary<Json> =>
  path[path.length - 1] === "than"
    ? fc.oneof(fc.boolean(), fc.constant(null))
    : typeof leaf === "string"
    ? fc.oneof(fc.integer(), fc.boolean(), fc.constant(null))
    : typeof leaf === "number"
      ? fc.oneof(fc.string(), fc.boolean(), fc.constant(null))
      : fc.oneof(fc.string(), fc.integer(), fc.constant(null));

describe.each(names)("%s", (name) => {
  const schema = publicSchemas[name] as never;
  const arbitrary = arbitraries[name] as fc.Arbitrary<Json>;

  test.prop([arbitrary])("generated inputs decode, and encode back to the same JSON", (json) => {
    const decoded = decode(schema, json);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const encoded = encode(schema, decoded.value);
    expect(encoded).toEqual({ ok: true, value: json });
    expect(decode(schema, (encoded as { value: unknown }).value)).toEqual(decoded);
  });

  test.prop([fc.oneof(fc.jsonValue(), fc.anything())])(
    "any input gives a value or issues with real paths and both messages, never an exception",
    (input) => {
      const result = decode(schema, input);
      if (result.ok) return;
      expect(result.error.issues.length).toBeGreaterThan(0);
      for (const issue of result.error.issues) {
        expect(issue.zh.length).toBeGreaterThan(0);
        expect(issue.en.length).toBeGreaterThan(0);
        const parent = getAt(input, issue.path.slice(0, -1));
        if (issue.path.length > 0) expect(typeof parent === "object" && parent !== null).toBe(true);
      }
    },
  );

  test.prop([
    arbitrary.filter((json) => leafPaths(json).length > 0).chain((json) =>
      fc.constantFrom(...leafPaths(json)).chain((path) =>
        otherType(getAt(json, path) as Json, path).map((leaf) => ({ json, path, broken: setAt(json, path, leaf) })),
      ),
    ),
  ])("a leaf of the wrong type is reported at its path (or at the union holding it)", ({ path, broken }) => {
    const result = decode(schema, broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const prefixes = result.error.issues.filter((issue) =>
      issue.path.every((segment, i) => segment === path[i]),
    );
    expect(prefixes.length).toBeGreaterThan(0);
  });

  test.prop([
    arbitrary.filter((json) => leafPaths(json).length > 0).chain((json) =>
      fc
        .tuple(fc.constantFrom(...leafPaths(json)), fc.constantFrom<() => Json>(() => ({ toString: {} }) as never, () => Object.create(null)))
        .map(([path, make]) => ({ path, broken: setAt(json, path, make()) })),
    ),
  ])("an object that cannot be turned into text is reported at its path, never thrown", ({ path, broken }) => {
    const result = decode(schema, broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.some((issue) => issue.path.every((segment, i) => segment === path[i]))).toBe(true);
  });

  test("is available as a Standard Schema and as a JSON Schema", () => {
    const standard = standardSchema(schema);
    expect(standard["~standard"].vendor).toBe("tiaojie");
    const sample = fc.sample(arbitrary, { numRuns: 1, seed: 7 })[0];
    expect(standard["~standard"].validate(sample)).toEqual({ value: (decode(schema, sample) as { value: unknown }).value });
    expect(jsonSchema(schema).$schema).toMatch(/json-schema/);
  });
});

test("every refinement of every public schema has a bilingual message (brands excepted)", () => {
  const missing: Array<string> = [];
  const seen = new Set<AST.AST>();
  const visit = (ast: AST.AST, where: string): void => {
    if (seen.has(ast)) return;
    seen.add(ast);
    switch (ast._tag) {
      case "Refinement": {
        const isBrand = Option.isSome(AST.getBrandAnnotation(ast));
        if (!isBrand && Option.isNone(AST.getAnnotation(ast, BilingualMessageId))) missing.push(where);
        return visit(ast.from, where);
      }
      case "TypeLiteral":
        for (const p of ast.propertySignatures) visit(p.type, `${where}.${String(p.name)}`);
        return;
      case "Union":
        return ast.types.forEach((t) => visit(t, where));
      case "TupleType":
        for (const e of ast.elements) visit(e.type, `${where}[]`);
        for (const r of ast.rest) visit(r.type, `${where}[]`);
        return;
      case "Suspend":
        return visit(ast.f(), where);
      default:
        return;
    }
  };
  for (const name of names) visit((publicSchemas[name] as { ast: AST.AST }).ast, name);
  expect(missing).toEqual([]);
});

describe("Campaign", () => {
  const campaign = publicSchemas.Campaign;

  test("the Zixi 2025 preset encodes to JSON that decodes back to it", async () => {
    const { zixi2025, zixi2025Campaign } = await import("./presets/zixi/campaign.js");
    for (const c of [zixi2025, zixi2025Campaign({ phase1End: "2025-02-12" as never, monthlyDay: 31 })]) {
      const json = encode(campaign, c);
      expect(json.ok).toBe(true);
      if (json.ok) expect(decode(campaign, JSON.parse(JSON.stringify(json.value)))).toEqual({ ok: true, value: c });
    }
  });

  test("overlapping phases, a reversed phase, routine before the last phase and a bad month are reported in both languages", async () => {
    const { zixi2025 } = await import("./presets/zixi/campaign.js");
    const json = (encode(campaign, zixi2025) as { ok: true; value: Record<string, any> }).value;
    const issues = (input: unknown) => {
      const r = decode(campaign, input);
      return r.ok ? [] : r.error.issues.map((i) => ({ path: i.path, en: i.en, zh: i.zh.length > 0 }));
    };
    const [p1, p2, p3] = json.phases;
    expect(issues({ ...json, phases: [p1, { ...p2, start: p1.end }, p3] })).toEqual([
      { path: ["phases"], en: "phases must be in order of time and must not overlap", zh: true },
    ]);
    expect(issues({ ...json, phases: [] })).toEqual([{ path: ["phases"], en: "a campaign needs at least one phase", zh: true }]);
    expect(issues({ ...json, phases: [p1, p2, { ...p3, end: "2025-04-01" }] })).toEqual([
      { path: ["phases", 2], en: "a phase cannot end before it starts", zh: true },
    ]);
    expect(issues({ ...json, routineFrom: p3.end })).toEqual([
      { path: [], en: "routine governance must begin after the last phase ends", zh: true },
    ]);
    const [monthly] = json.monthlyDeadlines;
    expect(issues({ ...json, monthlyDeadlines: [{ ...monthly, firstMonth: "2024-13" }] })).toEqual([
      { path: ["monthlyDeadlines", 0, "firstMonth"], en: "must be a month written YYYY-MM", zh: true },
    ]);
    expect(issues({ ...json, monthlyDeadlines: [{ ...monthly, lastMonth: "2024-11" }] })).toEqual([
      { path: ["monthlyDeadlines", 0], en: "a monthly deadline's last month cannot be before its first month", zh: true },
    ]);
  });
});
